use super::*;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

/// `("MM-DD", name_ko)` for every holiday of `year`, to compare whole years.
fn listed(year: i32) -> Vec<(String, &'static str)> {
    holidays(year).into_iter().map(|h| (h.date.format("%m-%d").to_string(), h.name_ko)).collect()
}

fn expect_year(year: i32, expected: &[(&str, &str)]) {
    let expected: Vec<(String, &str)> = expected.iter().map(|&(date, name)| (date.to_owned(), name)).collect();
    assert_eq!(listed(year), expected, "holidays of {year}");
}

fn name_on(date: NaiveDate) -> Option<&'static str> {
    holiday_on(date).map(|h| h.name_ko)
}

/// The plain names in a possibly merged entry.
fn parts(h: &Holiday) -> impl Iterator<Item = &'static str> {
    h.name_ko.split('·')
}

#[test]
fn published_2024() {
    expect_year(
        2024,
        &[
            ("01-01", "신정"),
            ("02-09", "설날"),
            ("02-10", "설날"),
            ("02-11", "설날"),
            ("02-12", "대체공휴일(설날)"),
            ("03-01", "삼일절"),
            ("04-10", "국회의원 선거일"),
            ("05-05", "어린이날"),
            ("05-06", "대체공휴일(어린이날)"),
            ("05-15", "부처님오신날"),
            ("06-06", "현충일"),
            ("08-15", "광복절"),
            ("09-16", "추석"),
            ("09-17", "추석"),
            ("09-18", "추석"),
            ("10-01", "국군의 날"),
            ("10-03", "개천절"),
            ("10-09", "한글날"),
            ("12-25", "기독탄신일"),
        ],
    );
}

#[test]
fn published_2025() {
    expect_year(
        2025,
        &[
            ("01-01", "신정"),
            ("01-27", "임시공휴일"),
            ("01-28", "설날"),
            ("01-29", "설날"),
            ("01-30", "설날"),
            ("03-01", "삼일절"),
            ("03-03", "대체공휴일(삼일절)"),
            ("05-05", "어린이날·부처님오신날"),
            ("05-06", "대체공휴일(어린이날)"),
            ("06-03", "대통령 선거일"),
            ("06-06", "현충일"),
            ("08-15", "광복절"),
            ("10-03", "개천절"),
            ("10-05", "추석"),
            ("10-06", "추석"),
            ("10-07", "추석"),
            ("10-08", "대체공휴일(추석)"),
            ("10-09", "한글날"),
            ("12-25", "기독탄신일"),
        ],
    );
    let both = holiday_on(d(2025, 5, 5)).expect("holiday");
    assert_eq!(both.name_en, "Children's Day & Buddha's Birthday");
    assert_eq!(both.kind, HolidayKind::Fixed);
}

#[test]
fn published_2026_with_the_2026_amendment() {
    expect_year(
        2026,
        &[
            ("01-01", "신정"),
            ("02-16", "설날"),
            ("02-17", "설날"),
            ("02-18", "설날"),
            ("03-01", "삼일절"),
            ("03-02", "대체공휴일(삼일절)"),
            ("05-01", "노동절"),
            ("05-05", "어린이날"),
            ("05-24", "부처님오신날"),
            ("05-25", "대체공휴일(부처님오신날)"),
            ("06-03", "지방선거일"),
            ("06-06", "현충일"),
            ("07-17", "제헌절"),
            ("08-15", "광복절"),
            ("08-17", "대체공휴일(광복절)"),
            ("09-24", "추석"),
            ("09-25", "추석"),
            ("09-26", "추석"),
            ("10-03", "개천절"),
            ("10-05", "대체공휴일(개천절)"),
            ("10-09", "한글날"),
            ("12-25", "기독탄신일"),
        ],
    );
}

#[test]
fn korean_not_chinese_lunar_dates() {
    // Each of these is a day earlier in a calendar reckoned in Beijing time.
    assert_eq!(name_on(d(2023, 5, 27)), Some("부처님오신날"));
    assert_eq!(name_on(d(2023, 5, 26)), None);
    for day in 6..=8 {
        assert_eq!(name_on(d(2027, 2, day)), Some("설날"));
    }
    assert_eq!(name_on(d(2027, 2, 5)), None);
    // KASI has lunar 2028-01-01 on 27 January (new moon at 00:12 KST), so
    // 설날 is 26–28 January; 25–27 January is the Chinese reckoning.
    for day in 26..=28 {
        assert_eq!(name_on(d(2028, 1, day)), Some("설날"));
    }
    assert_eq!(name_on(d(2028, 1, 25)), None);
}

#[test]
fn lunar_new_year_matches_kasi_2020_to_2050() {
    // Lunar 1/1 by KASI's tables as carried by rs-klc 0.2.0; the two crates
    // were also compared day by day for 1990–2050 and agreed on every day.
    let kasi: [(u32, u32); 31] = [
        (1, 25),
        (2, 12),
        (2, 1),
        (1, 22),
        (2, 10),
        (1, 29),
        (2, 17),
        (2, 7),
        (1, 27),
        (2, 13),
        (2, 3),
        (1, 23),
        (2, 11),
        (1, 31),
        (2, 19),
        (2, 8),
        (1, 28),
        (2, 15),
        (2, 4),
        (1, 24),
        (2, 12),
        (2, 1),
        (1, 22),
        (2, 10),
        (1, 30),
        (2, 17),
        (2, 6),
        (1, 26),
        (2, 14),
        (2, 2),
        (1, 23),
    ];
    for (year, (month, day)) in (2020..).zip(kasi) {
        assert_eq!(lunar(year, 1, 1), Some(d(year, month, day)), "lunar new year {year}");
    }
}

#[test]
fn seollal_and_chuseok_substitute_for_sunday_but_not_saturday() {
    assert_eq!(name_on(d(2023, 1, 22)), Some("설날"));
    assert_eq!(name_on(d(2023, 1, 24)), Some("대체공휴일(설날)"));
    assert_eq!(name_on(d(2027, 2, 9)), Some("대체공휴일(설날)"));
    // 추석 2026 ends on Saturday 26 September.
    assert_eq!(name_on(d(2026, 9, 28)), None);
    // The first substitute ever: 추석 eve fell on Sunday 7 September 2014.
    assert_eq!(name_on(d(2014, 9, 10)), Some("대체공휴일(추석)"));
    // None before 2014, though 10 February 2013 was a Sunday.
    assert_eq!(name_on(d(2013, 2, 12)), None);
}

#[test]
fn childrens_day_substitutes_for_saturday_sunday_and_another_holiday() {
    assert_eq!(name_on(d(2018, 5, 7)), Some("대체공휴일(어린이날)"));
    assert_eq!(name_on(d(2024, 5, 6)), Some("대체공휴일(어린이날)"));
    assert_eq!(name_on(d(2025, 5, 6)), Some("대체공휴일(어린이날)"));
}

#[test]
fn national_days_substitute_for_weekends_from_2021() {
    assert_eq!(name_on(d(2020, 3, 2)), None);
    // The 2020 Liberation Day gap was filled by a declared holiday instead.
    assert_eq!(holiday_on(d(2020, 8, 17)).map(|h| h.kind), Some(HolidayKind::Temporary));
    assert_eq!(name_on(d(2021, 8, 16)), Some("대체공휴일(광복절)"));
    assert_eq!(name_on(d(2021, 10, 4)), Some("대체공휴일(개천절)"));
    assert_eq!(name_on(d(2021, 10, 11)), Some("대체공휴일(한글날)"));
    assert_eq!(name_on(d(2025, 3, 3)), Some("대체공휴일(삼일절)"));
}

#[test]
fn buddha_and_christmas_substitute_from_2023() {
    assert_eq!(name_on(d(2022, 5, 9)), None);
    assert_eq!(name_on(d(2022, 12, 26)), None);
    assert_eq!(name_on(d(2023, 5, 29)), Some("대체공휴일(부처님오신날)"));
    assert_eq!(name_on(d(2027, 12, 27)), Some("대체공휴일(기독탄신일)"));
}

#[test]
fn labour_and_constitution_day_from_2026() {
    assert_eq!(name_on(d(2025, 5, 1)), None);
    assert_eq!(name_on(d(2007, 7, 17)), Some("제헌절"));
    assert_eq!(name_on(d(2008, 7, 17)), None);
    assert_eq!(name_on(d(2027, 5, 3)), Some("대체공휴일(노동절)"));
    assert_eq!(name_on(d(2027, 7, 19)), Some("대체공휴일(제헌절)"));
}

#[test]
fn hangul_day_gap_and_no_substitute_for_new_year_or_memorial_day() {
    assert_eq!(name_on(d(1990, 10, 9)), Some("한글날"));
    assert_eq!(name_on(d(2012, 10, 9)), None);
    assert_eq!(name_on(d(2013, 10, 9)), Some("한글날"));
    // 2028-01-01 and 2026-06-06 are Saturdays, 2034-01-01 a Sunday.
    assert_eq!(name_on(d(2028, 1, 3)), None);
    assert_eq!(name_on(d(2026, 6, 8)), None);
    assert_eq!(name_on(d(2034, 1, 2)), None);
}

#[test]
fn one_substitute_for_two_holidays_on_one_day() {
    // 2044-05-05 is a Thursday, so only 어린이날's "another holiday" rule applies.
    let may: Vec<_> =
        holidays(2044).into_iter().filter(|h| (5..=8).contains(&h.date.day()) && h.date.month() == 5).collect();
    assert_eq!(may.len(), 2, "{may:?}");
    assert_eq!(may[0].name_ko, "어린이날·부처님오신날");
    assert_eq!((may[1].date, may[1].name_ko), (d(2044, 5, 6), "대체공휴일(어린이날)"));
}

#[test]
fn substitutes_in_a_row_each_take_the_next_free_weekday() {
    // 추석 2039 is Sat–Mon: Sunday earns one, Monday (also 개천절) another;
    // 한글날 falls on the next Sunday.
    assert_eq!(name_on(d(2039, 10, 3)), Some("개천절·추석"));
    assert_eq!(name_on(d(2039, 10, 4)), Some("대체공휴일(추석)"));
    assert_eq!(name_on(d(2039, 10, 5)), Some("대체공휴일(추석)"));
    assert_eq!(name_on(d(2039, 10, 6)), None);
    assert_eq!(name_on(d(2039, 10, 10)), Some("대체공휴일(한글날)"));
    // 2017: 추석 on 개천절, after a declared holiday on 2 October.
    assert_eq!(name_on(d(2017, 10, 2)), Some("임시공휴일"));
    assert_eq!(name_on(d(2017, 10, 6)), Some("대체공휴일(추석)"));
    // 2028: 추석 on 개천절 (a Tuesday) still earns one.
    assert_eq!(name_on(d(2028, 10, 5)), Some("대체공휴일(추석)"));
}

#[test]
fn declared_holidays_earn_no_substitute_but_are_skipped() {
    let saturday = [temporary(2026, 5, 2, &TEMPORARY)];
    let with = build(2026, &saturday);
    assert_eq!(with.len(), build(2026, &[]).len() + 1);
    assert!(with.iter().all(|h| !h.name_ko.contains("임시공휴일") || h.kind == HolidayKind::Temporary));

    let monday = [temporary(2026, 3, 2, &TEMPORARY)];
    let march: Vec<_> =
        build(2026, &monday).into_iter().filter(|h| h.date.month() == 3).map(|h| (h.date.day(), h.name_ko)).collect();
    assert_eq!(march, [(1, "삼일절"), (2, "임시공휴일"), (3, "대체공휴일(삼일절)")]);
}

#[test]
fn election_rule_reproduces_past_elections() {
    let rule = |earliest: NaiveDate| {
        let regular: Vec<NaiveDate> = build(earliest.year(), &[]).iter().map(|h| h.date).collect();
        election_day(earliest, &regular)
    };
    let assembly = [d(2008, 4, 9), d(2012, 4, 11), d(2016, 4, 13), d(2020, 4, 15), d(2024, 4, 10)];
    for held in assembly {
        assert_eq!(rule(d(held.year(), 4, 9)), Some(held));
    }
    let local = [d(2006, 5, 31), d(2010, 6, 2), d(2014, 6, 4), d(2018, 6, 13), d(2022, 6, 1), d(2026, 6, 3)];
    for held in local {
        assert_eq!(rule(d(held.year(), 5, 31)), Some(held));
    }
    // Presidential: 70th day before terms ending 2008-02-24, 2013-02-24, 2022-05-09.
    assert_eq!(rule(d(2007, 12, 16)), Some(d(2007, 12, 19)));
    assert_eq!(rule(d(2012, 12, 16)), Some(d(2012, 12, 19)));
    assert_eq!(rule(d(2022, 2, 28)), Some(d(2022, 3, 9)));
}

#[test]
fn future_elections_follow_the_statute() {
    let elections = |year| -> Vec<_> {
        holidays(year).into_iter().filter(|h| h.kind == HolidayKind::Election).map(|h| (h.date, h.name_ko)).collect()
    };
    assert_eq!(elections(2027), []);
    assert_eq!(elections(2028), [(d(2028, 4, 12), "국회의원 선거일")]);
    // 5 June 2030 is the day before 현충일, so the local election moves a week.
    assert_eq!(elections(2030), [(d(2030, 3, 27), "대통령 선거일"), (d(2030, 6, 12), "지방선거일")]);
    assert_eq!(elections(2032), [(d(2032, 4, 14), "국회의원 선거일")]);
    assert_eq!(elections(2034), [(d(2034, 5, 31), "지방선거일")]);
    assert_eq!(elections(2035), [(d(2035, 3, 28), "대통령 선거일")]);
}

#[test]
fn presidential_elections_come_from_the_recorded_term_end() {
    // 2030-06-03 less 70 days is Monday 2030-03-25: the Wednesday after.
    assert_eq!(presidential_earliest(d(2030, 6, 3)), Some(d(2030, 3, 25)));
    assert_eq!(d(2030, 3, 25).weekday(), Weekday::Mon);
    // 2035-06-03 less 70 days is Sunday 2035-03-25.
    assert_eq!(presidential_earliest(d(2035, 6, 3)), Some(d(2035, 3, 25)));
    assert_eq!(d(2035, 3, 25).weekday(), Weekday::Sun);
    for (year, published) in [(2030, d(2030, 3, 27)), (2035, d(2035, 3, 28))] {
        let found = holiday_on(published).expect("a holiday");
        assert_eq!(
            (found.name_ko, found.name_en, found.kind),
            ("대통령 선거일", "Presidential election", HolidayKind::Election)
        );
        assert_eq!(president_term_ends(year), Some(d(year, 6, 3)));
    }
    // Between terms, none; the dated 2025 by-election stays as it was.
    assert_eq!(president_term_ends(2031), None);
    assert_eq!(president_term_ends(2025), None);
    assert_eq!(holiday_on(d(2025, 6, 3)).map(|h| h.name_ko), Some("대통령 선거일"));
    // The same rule gave the 20th election (term ending 2022-05-09; 3/1 삼일절
    // moved it a week).
    let rule = |term_end: NaiveDate| {
        let regular: Vec<NaiveDate> = build(term_end.year(), &[]).iter().map(|h| h.date).collect();
        presidential_earliest(term_end).and_then(|e| election_day(e, &regular))
    };
    assert_eq!(rule(d(2022, 5, 9)), Some(d(2022, 3, 9)));
}

#[test]
fn dated_table_is_sorted_and_never_shadowed() {
    assert!(SPECIALS.windows(2).all(|w| w[0].date < w[1].date));
    for special in SPECIALS {
        let found = holiday_on(special.date).expect("listed day is a holiday");
        assert_eq!((found.name_ko, found.kind), (special.names.ko, special.kind), "{}", special.date);
    }
}

#[test]
fn every_coincidence_has_a_combined_name() {
    for year in LUNAR_YEARS {
        let mut regular: Vec<_> = fixed_days(year).chain(lunar_days(year)).collect();
        regular.sort_unstable();
        for chunk in regular.chunk_by(|a, b| a.0 == b.0) {
            let days: Vec<Day> = chunk.iter().map(|&(_, day)| day).collect();
            assert!(combined(&days).is_some(), "{year}: {days:?}");
        }
    }
}

#[test]
fn years_without_lunar_data_keep_the_rest() {
    let far = holidays(2200);
    assert!(far.iter().all(|h| h.kind != HolidayKind::Lunar));
    assert!(far.iter().any(|h| h.name_ko == "신정"));
    assert!(holidays(i32::MAX).is_empty());
    assert!(holidays(i32::MIN).is_empty());
    assert_eq!(holiday_on(NaiveDate::MAX), None);
    assert_eq!(name_on(NaiveDate::MIN), Some("신정"));
    for year in 1990..=2050 {
        let lunar =
            holidays(year).iter().filter(|h| parts(h).any(|p| ["설날", "부처님오신날", "추석"].contains(&p))).count();
        assert_eq!(lunar, 7, "{year}");
    }
}

#[test]
fn holiday_on_agrees_with_holidays() {
    let year = holidays(2025);
    let mut day = d(2025, 1, 1);
    while day.year() == 2025 {
        assert_eq!(holiday_on(day), year.iter().find(|h| h.date == day).cloned(), "{day}");
        day = day.succ_opt().expect("next day");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn every_year_2020_to_2050_is_well_formed(year in 2020_i32..=2050) {
        let list = holidays(year);
        prop_assert!(list.windows(2).all(|w| w[0].date < w[1].date), "sorted, one per date");
        prop_assert!(list.iter().all(|h| h.date.year() == year));
        for h in list.iter().filter(|h| h.kind == HolidayKind::Substitute) {
            prop_assert!(!is_weekend(h.date), "substitute on a weekend: {h:?}");
        }
        for name in ["설날", "추석"] {
            let days: Vec<NaiveDate> = list
                .iter()
                .filter(|h| h.kind != HolidayKind::Substitute && parts(h).any(|p| p == name))
                .map(|h| h.date)
                .collect();
            prop_assert_eq!(days.len(), 3, "{} {}", name, year);
            prop_assert!(days.windows(2).all(|w| w[0].succ_opt() == Some(w[1])), "{} {:?}", name, days);
        }
        let buddha: Vec<&Holiday> = list
            .iter()
            .filter(|h| h.kind != HolidayKind::Substitute && parts(h).any(|p| p == "부처님오신날"))
            .collect();
        prop_assert_eq!(buddha.len(), 1);
        prop_assert!((4..=6).contains(&buddha[0].date.month()), "{:?}", buddha[0]);
    }
}

#[test]
fn one_range_of_years_for_the_calendar_and_the_reports() {
    assert_eq!(year(1990), Ok(1990));
    assert_eq!(year(2100), Ok(2100));
    for bad in [1989, 2101, 99_999, -5] {
        assert_eq!(year(bad), Err(crate::domain::Problem::OutOfRange { min: 1990, max: 2100 }), "{bad}");
    }
}
