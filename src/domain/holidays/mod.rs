//! Korean public holidays (공휴일), so that bookings and deadlines skip the
//! days the centre and the government offices it deals with are closed.
//!
//! The rules are those of the Regulations on Holidays of Government Offices
//! (관공서의 공휴일에 관한 규정, Presidential Decree) and the Public Holidays Act
//! (공휴일에 관한 법률) as amended in 2026 (노동절 and 제헌절 become holidays).
//! Substitute holidays (대체공휴일) follow Article 3 of the Regulations as
//! amended in 2013, 2021 and 2023. Election days follow Article 34 of the
//! Public Official Election Act (공직선거법 제34조).
//!
//! Lunar dates use the Korean calendar, reckoned in Korean time (UTC+9), from
//! `icu_calendar`'s `KoreanTraditional`, whose tables agree with the Korea
//! Astronomy and Space Science Institute (KASI, <https://astro.kasi.re.kr>)
//! for 1900–2050. A calendar reckoned in Beijing time would put 설날 a day
//! early in 2027 and 2028 and 부처님오신날 a day early in 2023.
//!
//! Exact for 2020–2050. For 1990–2019 the current list of holidays is applied
//! with the historical changes to 한글날 and 제헌절, but days that have since
//! stopped being holidays (식목일 until 2005, 1월 2일 until 1998, 국군의 날 until
//! 1990) are not included. Lunar holidays are left out for years outside
//! [`LUNAR_YEARS`].

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use icu_calendar::types::Month;
use icu_calendar::{Date, Iso};

#[cfg(test)]
mod tests;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HolidayKind {
    Fixed,
    Lunar,
    Substitute,
    Election,
    Temporary,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    /// Coinciding holidays are joined with "·", fixed-date ones first.
    pub name_ko: &'static str,
    /// Coinciding holidays are joined with " & ", in the order of `name_ko`.
    pub name_en: &'static str,
    /// For coinciding holidays, the kind of the first one named.
    pub kind: HolidayKind,
}

/// Years whose lunar dates `icu_calendar` derives in Korean time by the
/// astronomical rules (checked against KASI up to 2050). Beyond them it falls
/// back to an approximation that can be a day off, and a missing holiday is
/// easier to notice than a wrong one.
pub const LUNAR_YEARS: RangeInclusive<i32> = 1900..=2100;

/// The years kiln shows a calendar or a year's report for: those whose
/// holiday rules it knows (see the module's note on 1990–2019). One range,
/// so that `holidays`, `report programme` and `report top-users` refuse the
/// same years.
pub const YEARS: RangeInclusive<i32> = 1990..=2100;

/// `year` if it is in [`YEARS`].
pub fn year(year: i32) -> Result<i32, super::Problem> {
    if YEARS.contains(&year) {
        Ok(year)
    } else {
        Err(super::Problem::OutOfRange { min: i64::from(*YEARS.start()), max: i64::from(*YEARS.end()) })
    }
}

/// All public holidays of `year`, sorted by date, one entry per date
/// (coinciding holidays merged into one entry whose names are joined with "·" / " & ").
pub fn holidays(year: i32) -> Vec<Holiday> {
    year_table(year).to_vec()
}

/// The holiday on `date`, if any.
pub fn holiday_on(date: NaiveDate) -> Option<Holiday> {
    let table = year_table(date.year());
    let index = table.binary_search_by_key(&date, |h| h.date).ok()?;
    table.get(index).cloned()
}

/// Booking checks ask about every day, so each year is built once.
fn year_table(year: i32) -> Arc<[Holiday]> {
    static CACHE: OnceLock<Mutex<HashMap<i32, Arc<[Holiday]>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Mutex::default);
    // A panic elsewhere while the lock was held cannot leave a half-written
    // entry (entries are inserted whole), so a poisoned lock is still usable.
    if let Some(table) = cache.lock().unwrap_or_else(PoisonError::into_inner).get(&year) {
        return Arc::clone(table);
    }
    let built: Arc<[Holiday]> = build(year, SPECIALS).into();
    let mut cache = cache.lock().unwrap_or_else(PoisonError::into_inner);
    Arc::clone(cache.entry(year).or_insert(built))
}

/// Korean and English names, and those of the substitute holiday they cause,
/// all `'static` so that a `Holiday` never allocates.
struct Names {
    ko: &'static str,
    en: &'static str,
    substitute_ko: &'static str,
    substitute_en: &'static str,
}

macro_rules! names {
    ($ko:literal, $en:literal) => {
        Names {
            ko: $ko,
            en: $en,
            substitute_ko: concat!("대체공휴일(", $ko, ")"),
            substitute_en: concat!("Substitute holiday (", $en, ")"),
        }
    };
}

/// The regular holidays, fixed-date ones first: sorting by this order puts
/// coinciding names in the order [`combined`] spells them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Day {
    NewYear,
    Independence,
    Labour,
    Children,
    Memorial,
    Constitution,
    Liberation,
    Foundation,
    Hangul,
    Christmas,
    Seollal,
    Buddha,
    Chuseok,
}

/// When a holiday earns a substitute: Sundays always do; Saturdays and
/// coinciding with another holiday only for some.
struct SubstituteRule {
    since: i32,
    saturday: bool,
    other_holiday: bool,
}

impl Day {
    const FIXED: [(Self, u32, u32); 10] = [
        (Self::NewYear, 1, 1),
        (Self::Independence, 3, 1),
        (Self::Labour, 5, 1),
        (Self::Children, 5, 5),
        (Self::Memorial, 6, 6),
        (Self::Constitution, 7, 17),
        (Self::Liberation, 8, 15),
        (Self::Foundation, 10, 3),
        (Self::Hangul, 10, 9),
        (Self::Christmas, 12, 25),
    ];

    const fn names(self) -> &'static Names {
        match self {
            Self::NewYear => &names!("신정", "New Year's Day"),
            Self::Independence => &names!("삼일절", "Independence Movement Day"),
            Self::Labour => &names!("노동절", "Labour Day"),
            Self::Children => &names!("어린이날", "Children's Day"),
            Self::Memorial => &names!("현충일", "Memorial Day"),
            Self::Constitution => &names!("제헌절", "Constitution Day"),
            Self::Liberation => &names!("광복절", "Liberation Day"),
            Self::Foundation => &names!("개천절", "National Foundation Day"),
            Self::Hangul => &names!("한글날", "Hangul Day"),
            Self::Christmas => &names!("기독탄신일", "Christmas Day"),
            Self::Seollal => &names!("설날", "Seollal"),
            Self::Buddha => &names!("부처님오신날", "Buddha's Birthday"),
            Self::Chuseok => &names!("추석", "Chuseok"),
        }
    }

    const fn kind(self) -> HolidayKind {
        match self {
            Self::Seollal | Self::Buddha | Self::Chuseok => HolidayKind::Lunar,
            _ => HolidayKind::Fixed,
        }
    }

    /// 한글날 was dropped for 1991–2012, 제헌절 for 2008–2025; 노동절 was a
    /// workers' day off but not a public holiday before 2026.
    const fn is_holiday_in(self, year: i32) -> bool {
        match self {
            Self::Hangul => year <= 1990 || year >= 2013,
            Self::Constitution => year <= 2007 || year >= 2026,
            Self::Labour => year >= 2026,
            _ => true,
        }
    }

    const fn substitute_rule(self) -> Option<SubstituteRule> {
        let (since, saturday, other_holiday) = match self {
            // Saturday is not a 공휴일 in law, so a three-day holiday touching
            // it loses nothing the Regulations protect.
            Self::Seollal | Self::Chuseok => (2014, false, true),
            Self::Children => (2014, true, true),
            Self::Independence | Self::Liberation | Self::Foundation | Self::Hangul => (2021, true, false),
            Self::Buddha | Self::Christmas => (2023, true, false),
            Self::Labour | Self::Constitution => (2026, true, false),
            Self::NewYear | Self::Memorial => return None,
        };
        Some(SubstituteRule { since, saturday, other_holiday })
    }

    fn earns_substitute(self, date: NaiveDate, shares_date: bool) -> bool {
        let Some(rule) = self.substitute_rule() else {
            return false;
        };
        let weekend = match date.weekday() {
            Weekday::Sun => true,
            Weekday::Sat => rule.saturday,
            _ => false,
        };
        date.year() >= rule.since && (weekend || (shares_date && rule.other_holiday))
    }
}

/// The names of holidays falling on one date (sorted by [`Day`]); `None` for
/// a combination the calendar never produces in [`LUNAR_YEARS`], which the
/// tests check.
fn combined(days: &[Day]) -> Option<&'static Names> {
    use Day::{Buddha, Children, Chuseok, Foundation, Hangul, Labour, Memorial};
    Some(match days {
        [day] => day.names(),
        [Labour, Buddha] => &names!("노동절·부처님오신날", "Labour Day & Buddha's Birthday"),
        [Children, Buddha] => &names!("어린이날·부처님오신날", "Children's Day & Buddha's Birthday"),
        [Memorial, Buddha] => &names!("현충일·부처님오신날", "Memorial Day & Buddha's Birthday"),
        [Foundation, Chuseok] => &names!("개천절·추석", "National Foundation Day & Chuseok"),
        [Hangul, Chuseok] => &names!("한글날·추석", "Hangul Day & Chuseok"),
        _ => return None,
    })
}

const NATIONAL_ASSEMBLY: Names = names!("국회의원 선거일", "National Assembly election");
const PRESIDENTIAL: Names = names!("대통령 선거일", "Presidential election");
const LOCAL: Names = names!("지방선거일", "Local election");
const TEMPORARY: Names = names!("임시공휴일", "Temporary holiday");
const ARMED_FORCES: Names = names!("국군의 날", "Armed Forces Day");

/// A dated election day or government-declared 임시공휴일.
struct Special {
    date: NaiveDate,
    names: &'static Names,
    kind: HolidayKind,
}

const fn special(y: i32, m: u32, d: u32, names: &'static Names, kind: HolidayKind) -> Special {
    // Evaluated at compile time only, so a mistyped date fails the build.
    let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
        panic!("invalid date in the holiday table");
    };
    Special { date, names, kind }
}

const fn election(y: i32, m: u32, d: u32, names: &'static Names) -> Special {
    special(y, m, d, names, HolidayKind::Election)
}

const fn temporary(y: i32, m: u32, d: u32, names: &'static Names) -> Special {
    special(y, m, d, names, HolidayKind::Temporary)
}

/// Elections and 임시공휴일 up to what has been held or announced. Later
/// National Assembly, local and presidential elections come from
/// [`statutory_elections`]. A snap presidential election (as in 2017 and
/// 2025) is not foreseeable: an admin adds it as a closed day, and
/// [`PRESIDENT_TERM_ENDS`] is moved to the new term once it is known.
/// Before 2006 election days were holidays by Cabinet designation, not by law.
const SPECIALS: &[Special] = &[
    election(1991, 3, 26, &LOCAL),             // 기초의회의원 선거 (NEC 역대선거)
    election(1991, 6, 20, &LOCAL),             // 광역의회의원 선거 (NEC 역대선거)
    election(1992, 3, 24, &NATIONAL_ASSEMBLY), // 제14대 국회의원선거 (NEC)
    election(1992, 12, 18, &PRESIDENTIAL),     // 제14대 대통령선거 (NEC)
    election(1995, 6, 27, &LOCAL),             // 제1회 전국동시지방선거 (NEC)
    election(1996, 4, 11, &NATIONAL_ASSEMBLY), // 제15대 국회의원선거 (NEC)
    election(1997, 12, 18, &PRESIDENTIAL),     // 제15대 대통령선거 (NEC)
    election(1998, 6, 4, &LOCAL),              // 제2회 전국동시지방선거 (NEC)
    election(2000, 4, 13, &NATIONAL_ASSEMBLY), // 제16대 국회의원선거 (NEC)
    election(2002, 6, 13, &LOCAL),             // 제3회 전국동시지방선거 (NEC)
    temporary(2002, 7, 1, &TEMPORARY),         // 2002 FIFA 월드컵 4강 기념, 국무회의 지정
    election(2002, 12, 19, &PRESIDENTIAL),     // 제16대 대통령선거 (NEC)
    election(2004, 4, 15, &NATIONAL_ASSEMBLY), // 제17대 국회의원선거 (NEC)
    election(2006, 5, 31, &LOCAL),             // 제4회 전국동시지방선거 (공직선거법 제34조)
    election(2007, 12, 19, &PRESIDENTIAL),     // 제17대 대통령선거 (공직선거법 제34조)
    election(2008, 4, 9, &NATIONAL_ASSEMBLY),  // 제18대 국회의원선거 (공직선거법 제34조)
    election(2010, 6, 2, &LOCAL),              // 제5회 전국동시지방선거 (공직선거법 제34조)
    election(2012, 4, 11, &NATIONAL_ASSEMBLY), // 제19대 국회의원선거 (공직선거법 제34조)
    election(2012, 12, 19, &PRESIDENTIAL),     // 제18대 대통령선거 (공직선거법 제34조)
    election(2014, 6, 4, &LOCAL),              // 제6회 전국동시지방선거 (공직선거법 제34조)
    temporary(2015, 8, 14, &TEMPORARY),        // 광복 70주년, 국무회의 지정 (2015-08)
    election(2016, 4, 13, &NATIONAL_ASSEMBLY), // 제20대 국회의원선거 (공직선거법 제34조)
    temporary(2016, 5, 6, &TEMPORARY),         // 국무회의 지정 (2016-04)
    election(2017, 5, 9, &PRESIDENTIAL),       // 제19대 대통령 보궐선거, 임시공휴일 지정
    temporary(2017, 10, 2, &TEMPORARY),        // 추석 연휴 연결, 국무회의 지정 (2017-09)
    election(2018, 6, 13, &LOCAL),             // 제7회 전국동시지방선거 (공직선거법 제34조 ②: 6/6 현충일)
    election(2020, 4, 15, &NATIONAL_ASSEMBLY), // 제21대 국회의원선거 (공직선거법 제34조)
    temporary(2020, 8, 17, &TEMPORARY),        // 광복절(토) 연휴, 국무회의 의결 (2020-07-21)
    election(2022, 3, 9, &PRESIDENTIAL),       // 제20대 대통령선거 (공직선거법 제34조 ②: 3/1 삼일절)
    election(2022, 6, 1, &LOCAL),              // 제8회 전국동시지방선거 (공직선거법 제34조)
    temporary(2023, 10, 2, &TEMPORARY),        // 추석 연휴 연결, 국무회의 의결 (2023-09)
    election(2024, 4, 10, &NATIONAL_ASSEMBLY), // 제22대 국회의원선거 (공직선거법 제34조)
    temporary(2024, 10, 1, &ARMED_FORCES),     // 국군의 날 임시공휴일, 국무회의 의결 (2024-09)
    temporary(2025, 1, 27, &TEMPORARY),        // 설 연휴 연결, 국무회의 의결 (2025-01)
    election(2025, 6, 3, &PRESIDENTIAL),       // 제21대 대통령 보궐선거, 임시공휴일 지정
    election(2026, 6, 3, &LOCAL),              // 제9회 전국동시지방선거 (공직선거법 제34조)
];

/// The first year whose National Assembly and local elections are computed
/// by [`statutory_elections`] rather than listed in [`SPECIALS`].
const STATUTORY_FROM: i32 = 2027;

/// The day the sitting president's term ends, as recorded: the 21st
/// president, elected in the by-election of 2025-06-03, serves 2025-06-04 to
/// 2030-06-03 (Constitution Article 70: one term of five years). Later terms
/// follow every five years, each ending on this month and day.
const PRESIDENT_TERM_ENDS: (i32, u32, u32) = (2030, 6, 3);

/// Article 34 ① 1: the presidential election is the first Wednesday from
/// the 70th day before the term ends.
const PRESIDENT_DAYS_BEFORE: u64 = 70;

fn build(year: i32, specials: &[Special]) -> Vec<Holiday> {
    let mut regular: Vec<(NaiveDate, Day)> = fixed_days(year).chain(lunar_days(year)).collect();
    regular.sort_unstable();
    let groups: Vec<(NaiveDate, Vec<Day>)> = regular
        .chunk_by(|a, b| a.0 == b.0)
        .filter_map(|chunk| Some((chunk.first()?.0, chunk.iter().map(|&(_, day)| day).collect())))
        .collect();

    let mut out: Vec<Holiday> = groups
        .iter()
        .filter_map(|(date, days)| {
            let first = days.first()?;
            let names = combined(days).unwrap_or_else(|| first.names());
            Some(holiday(*date, names, first.kind()))
        })
        .collect();
    out.extend(specials.iter().filter(|s| s.date.year() == year).map(|s| holiday(s.date, s.names, s.kind)));

    let mut taken: Vec<NaiveDate> = out.iter().map(|h| h.date).collect();
    for (date, days) in &groups {
        let causes: Vec<Day> = days.iter().copied().filter(|day| day.earns_substitute(*date, days.len() > 1)).collect();
        let Some(first) = causes.first() else {
            continue;
        };
        let names = combined(&causes).unwrap_or_else(|| first.names());
        if let Some(free) = first_free_weekday(*date, &taken) {
            taken.push(free);
            out.push(substitute(free, names));
        }
    }

    for (earliest, names) in statutory_elections(year) {
        let listed = out.iter().any(|h| h.kind == HolidayKind::Election && h.name_ko == names.ko);
        if let (false, Some(date)) = (listed, election_day(earliest, &taken)) {
            taken.push(date);
            out.push(holiday(date, names, HolidayKind::Election));
        }
    }

    // A dated entry on a regular holiday would be a mistake in the table; the
    // regular holiday, sorted first, wins so that dates stay unique.
    out.sort_by_key(|h| (h.date, h.kind));
    out.dedup_by_key(|h| h.date);
    out
}

fn holiday(date: NaiveDate, names: &'static Names, kind: HolidayKind) -> Holiday {
    Holiday { date, name_ko: names.ko, name_en: names.en, kind }
}

fn substitute(date: NaiveDate, names: &'static Names) -> Holiday {
    Holiday { date, name_ko: names.substitute_ko, name_en: names.substitute_en, kind: HolidayKind::Substitute }
}

fn fixed_days(year: i32) -> impl Iterator<Item = (NaiveDate, Day)> {
    Day::FIXED
        .into_iter()
        .filter(move |&(day, ..)| day.is_holiday_in(year))
        .filter_map(move |(day, month, dom)| Some((NaiveDate::from_ymd_opt(year, month, dom)?, day)))
}

fn lunar_days(year: i32) -> impl Iterator<Item = (NaiveDate, Day)> {
    let seollal = lunar(year, 1, 1);
    let buddha = lunar(year, 4, 8);
    let chuseok = lunar(year, 8, 15);
    let three_days = |date: Option<NaiveDate>, day: Day| {
        date.into_iter().flat_map(|d| [d.pred_opt(), Some(d), d.succ_opt()]).flatten().map(move |d| (d, day))
    };
    three_days(seollal, Day::Seollal).chain(buddha.map(|d| (d, Day::Buddha))).chain(three_days(chuseok, Day::Chuseok))
}

/// The Gregorian date of day `day` of the (non-leap) lunar month `month`.
fn lunar(year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    if !LUNAR_YEARS.contains(&year) {
        return None;
    }
    let date = Date::try_new_korean_traditional(year, Month::new(month), day).ok()?;
    let iso = date.to_calendar(Iso);
    NaiveDate::from_ymd_opt(iso.year().extended_year(), u32::from(iso.month().ordinal), u32::from(iso.day_of_month().0))
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The substitute for a holiday on `date`: the first later day that is
/// neither a weekend nor taken by a holiday or an earlier substitute.
fn first_free_weekday(date: NaiveDate, taken: &[NaiveDate]) -> Option<NaiveDate> {
    let mut day = date.succ_opt()?;
    while is_weekend(day) || taken.contains(&day) {
        day = day.succ_opt()?;
    }
    Some(day)
}

/// For each regular election due in `year`, the day Article 34 ① counts from:
/// the National Assembly's term ends on 29 May, so its election is the first
/// Wednesday from the 50th day before (9 April); local terms end on 30 June,
/// so theirs is the first Wednesday from the 30th day before (31 May); the
/// president's ends on [`PRESIDENT_TERM_ENDS`] every five years, so theirs
/// is the first Wednesday from the 70th day before.
fn statutory_elections(year: i32) -> impl Iterator<Item = (NaiveDate, &'static Names)> {
    let due: [(i32, u32, u32, &'static Names); 2] = [(0, 4, 9, &NATIONAL_ASSEMBLY), (2, 5, 31, &LOCAL)];
    let four_yearly = due
        .into_iter()
        .filter(move |&(cycle, ..)| year >= STATUTORY_FROM && year.rem_euclid(4) == cycle)
        .filter_map(move |(_, month, day, names)| Some((NaiveDate::from_ymd_opt(year, month, day)?, names)));
    four_yearly.chain(president_term_ends(year).and_then(presidential_earliest).map(|d| (d, &PRESIDENTIAL)))
}

/// The day a president's term ends in `year`, if one does.
fn president_term_ends(year: i32) -> Option<NaiveDate> {
    let (first, month, day) = PRESIDENT_TERM_ENDS;
    (year >= first && (year - first).rem_euclid(5) == 0).then(|| NaiveDate::from_ymd_opt(year, month, day))?
}

/// The day Article 34 ① 1 counts from for a term ending on `term_end`.
fn presidential_earliest(term_end: NaiveDate) -> Option<NaiveDate> {
    term_end.checked_sub_days(Days::new(PRESIDENT_DAYS_BEFORE))
}

/// Article 34: the first Wednesday on or after `earliest` (①), moved once to
/// the next week's Wednesday if it or the day before or after is a holiday (②).
fn election_day(earliest: NaiveDate, holidays: &[NaiveDate]) -> Option<NaiveDate> {
    let to_wednesday = (7 + Weekday::Wed.num_days_from_monday() - earliest.weekday().num_days_from_monday()) % 7;
    let wednesday = earliest.checked_add_days(Days::new(u64::from(to_wednesday)))?;
    let clashes = [wednesday.pred_opt()?, wednesday, wednesday.succ_opt()?].iter().any(|d| holidays.contains(d));
    if clashes { wednesday.checked_add_days(Days::new(7)) } else { Some(wednesday) }
}
