//! Fixed interface strings.

use super::Lang;

macro_rules! messages {
    ($($(#[$m:meta])* $id:ident => $ko:literal, $en:literal;)*) => {
        /// A fixed string of the interface, in either language.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $($(#[$m])* $id),* }

        impl Msg {
            pub fn text(self, lang: Lang) -> &'static str {
                match self { $(Msg::$id => lang.pick($ko, $en)),* }
            }
        }
    };
}

messages! {
    CentreName => "강원 세라믹 산업화지원센터", "Gangwon Ceramic Industrialization Centre";
    ScreenDashboard => "현황", "Dashboard";
    ScreenCompanies => "기업", "Companies";
    ScreenSpaces => "공간", "Spaces";
    ScreenEquipment => "장비", "Equipment";
    ScreenTraining => "교육", "Training";
    ScreenReports => "보고서", "Reports";
    KeyScreens => "화면", "screens";
    GoDashboard => "현황 화면", "Dashboard screen";
    GoCompanies => "기업 화면", "Companies screen";
    GoSpaces => "공간 화면", "Spaces screen";
    GoEquipment => "장비 화면", "Equipment screen";
    GoTraining => "교육 화면", "Training screen";
    GoReports => "보고서 화면", "Reports screen";
    KeyNext => "다음", "next";
    KeyPrev => "이전", "previous";
    KeyHelp => "도움말", "help";
    KeyQuit => "끝내기", "quit";
    KeyClose => "닫기", "close";
    KeyScroll => "스크롤", "scroll";
    KeyDemo => "예시 데이터 넣기", "load demo data";
    KeyEmpty => "빈 채로 시작", "start empty";
    HelpTitle => "도움말 · 키", "Help · keys";
    HelpKey => "키", "key";
    HelpDoes => "하는 일", "does";
    TooSmall => "터미널이 너무 작습니다", "The terminal is too small";
    TooSmallNeed => "80×24 이상으로 늘려 주세요", "Make it at least 80×24";
    FirstRunTitle => "새 데이터베이스", "New database";
    FirstRunBody => "새 데이터베이스를 만들었습니다. 예시 센터(기업 60곳, 호실, 인력)를 넣어 둘러보거나, 빈 채로 시작할 수 있습니다. 예시 데이터는 나중에 새 파일에서 `kiln demo`로도 만들 수 있습니다.", "A new database was created. Load a demo centre (60 companies, rooms, people) to look around, or start empty. A demo can also be made later in a new file with `kiln demo`.";
    DemoLoaded => "예시 센터를 넣었습니다", "The demo centre was loaded";
    StartedEmpty => "빈 데이터베이스로 시작합니다 — 2 기업 화면에서 첫 기업을 등록하세요", "Starting empty — register the first company on screen 2";
    ReadOnly => "열람 전용", "read-only";
    TargetsTitle => "2010 목표 대비 · {0}년", "Against the 2010 targets · {0}";
    TargetsCompanies => "기업", "Companies";
    TargetsJobs => "고용(명)", "Jobs";
    TargetsSales => "매출(원)", "Sales";
    SalesTrend => "매출 추이", "Sales trend";
    OccupancyTitle => "입주율", "Occupancy";
    OccupancyRooms => "호실 {0} / {1} · 공실 {2}", "Rooms {0} / {1} · vacant {2}";
    ExpiringTitle => "곧 끝나는 입주계약", "Leases ending soon";
    ExpiringNone => "60일 안에 끝나는 계약이 없습니다", "No lease ends within 60 days";
    ProgrammeExtra => "졸업 {0} · 성과 보고 {1}곳 · 수출 {2} · 특허 등록 {3}", "Graduated {0} · reporting {1} · exports {2} · patents granted {3}";
    KeyYear => "연도", "year";
    CompaniesTitle => "기업 {0}", "Companies {0}";
    ColName => "이름", "Name";
    ColRepresentative => "대표", "Rep.";
    ColRent => "임대료", "rent";
    ColFee => "관리비", "fee";
    ColArea => "면적(m²)", "Area m²";
    ColTenant => "입주기업", "Tenant";
    ColLeaseEnd => "계약 종료", "Lease ends";
    ColRentMonth => "임대료/월", "Rent/month";
    ColFeeMonth => "관리비/월", "Fee/month";
    LeasesHeading => "입주계약", "Leases";
    NoLeases => "계약 없음", "no leases";
    ShortJobs => "고용", "Jobs";
    ShortSales => "매출", "Sales";
    ReportsHeading => "성과", "Yearly figures";
    NoReports => "입력된 성과 없음 (r로 입력)", "none yet (r to enter)";
    PeopleOfCompany => "인력 {0}명", "{0} people";
    NoCompanies => "기업이 없습니다 — n으로 등록하세요", "No companies — n to register one";
    AlreadyLeft => "{0}은(는) 이미 {1} 처리되었습니다", "{0} has already {1}";
    FloorName => "{0}층", "Floor {0}";
    RoomList => "호실 목록", "Rooms";
    Vacant => "공실", "vacant";
    CentreUse => "센터 사용", "centre use";
    NoRooms => "호실이 없습니다 — a로 추가하세요", "No rooms — a to add one";
    NoLeaseToEnd => "이 호실에는 진행 중인 계약이 없습니다", "This room has no running lease";
    StatusInUse => "사용 중", "in use";
    StatusFree => "비어 있음", "free";
    EquipmentTitle => "장비 {0} · 승인 대기 {1}", "Equipment {0} · awaiting approval {1}";
    ColNow => "지금", "Now";
    NoMachinesBusy => "지금 쓰거나 오늘 예약된 장비가 없습니다", "No machine is in use or booked today";
    TodayCounts => "승인 대기 {0} · 오늘 예약 {1} · 등록 인력 {2}", "Awaiting approval {0} · today {1} · people {2}";
    ColCategory => "분류", "Kind";
    ColCode => "코드", "Code";
    Retired => "(사용 중지)", "(retired)";
    NoEquipment => "장비가 없습니다 — A로 등록하세요", "No machines — A to register one";
    ApprovalsTitle => "승인 대기 {0}", "Awaiting approval {0}";
    NoApprovals => "승인을 기다리는 예약이 없습니다", "No booking awaits approval";
    WeekOf => "{0} 주", "week of {0}";
    CalendarLegend => "██ 승인  ▒▒ 신청(승인 대기)  ░░ 점검·고장  · 운영 안 함  ▓ 공휴일·휴관", "██ approved  ▒▒ requested  ░░ downtime  · closed hours  ▓ holiday";
    MarkedNoShows => "노쇼 {0}건 처리", "Marked {0} no-show(s)";
    NoBookingSelected => "선택한 예약이 없습니다", "No booking is selected";
    WaitlistPosition => "대기 {0}순위", "waitlisted #{0}";
    PromotedNotice => "{0} 대기에서 수강 확정", "seated from the waitlist {0}";
    Revoked => "취소됨", "revoked";
    KeyRoster => "수강생·출석", "roster";
    KeyNewCohort => "새 기수", "new cohort";
    KeyQualifications => "장비 자격", "qualifications";
    KeyCohorts => "기수 목록", "cohorts";
    KeyPrevSession => "이전 회차", "previous session";
    KeyNextSession => "다음 회차", "next session";
    KeyToggle => "출석 바꾸기", "change mark";
    KeyEnrol => "수강 신청", "enrol";
    KeyCancelEnrolment => "수강 취소", "cancel place";
    KeyAddSession => "회차 추가", "add session";
    KeyComplete => "수료 처리", "complete";
    KeyRevoke => "자격 취소", "revoke";
    CohortsTitle => "기수 {0} · 자격 없는 예약 {1}", "Cohorts {0} · bookings lacking a qualification {1}";
    ColCourse => "과정", "Course";
    ColTitle => "과정명", "Title";
    ColCohort => "기수", "Cohort";
    ColSeats => "수강/정원 +대기", "Seats +wait";
    ColState => "상태", "State";
    ColCompany => "소속", "Company";
    ColRate => "출석률", "Rate";
    ColOutcome => "수료 예상", "Outcome";
    CohortDone => "{0} 수료 처리", "completed {0}";
    CohortRunning => "신청 {0}–{1}", "enrol {0} to {1}";
    NoCohorts => "기수가 없습니다 — n으로 만드세요", "No cohorts — n to add one";
    RosterTitle => "{0} {1} · {2}기 · 정원 {3} · 수강 {4} · 대기 {5}", "{0} {1} · {2} · capacity {3} · enrolled {4} · waiting {5}";
    SessionShort => "{0}회", "#{0}";
    External => "(외부)", "(external)";
    WillComplete => "수료", "completes";
    BelowThreshold => "미달(80 % 필요)", "below 80 %";
    NoTrainees => "수강생이 없습니다 — n으로 수강 신청", "Nobody enrolled — n to enrol";
    Waitlist => "대기", "Waiting";
    NoWaitlist => "대기자 없음", "Nobody waiting";
    AttendanceLegend => "● 출석  ◐ 지각  ○ 결석  ◎ 공결  · 미기록", "● present  ◐ late  ○ absent  ◎ excused  · not recorded";
    QualificationsTitle => "장비 사용 자격 {0} · 자격 없는 예약 {1}", "Qualifications {0} · bookings lacking one {1}";
    Expired => "만료", "expired";
    NoQualifications => "자격이 없습니다", "No qualifications";
    FormNewCohort => "새 기수", "New cohort";
    FormNewSession => "회차 추가", "Add a session";
    FormEnrol => "수강 신청", "Enrol";
    FormOverrideHint => "선수 과정 예외 사유(필요할 때만)", "reason to waive prerequisites (only if needed)";
    FormCancelEnrolment => "수강 취소", "Cancel place";
    FormComplete => "수료 처리", "Complete cohort";
    FormRevoke => "자격 취소", "Revoke qualification";
    NoteSeatGoesTo => "취소하면 대기 1순위 {0}이(가) 수강 확정됩니다 — Enter로 진행", "The first in line, {0}, takes the seat — Enter to go ahead";
    NoteConfirm => "Enter로 진행, Esc로 그만두기", "Enter to go ahead, Esc to leave it";
    NoteCompletion => "수료 {0}명 · 미달 {1}명 {2}", "{0} complete · {1} below 80 % {2}";
    SavedCohort => "기수 {0}을(를) 만들었습니다", "Added cohort {0}";
    SavedSession => "{0}회 {1} 추가", "Session {0} at {1} added";
    SavedCancelEnrolment => "{0} 수강 취소", "{0}'s place cancelled";
    SavedPromoted => " · {0} 대기에서 수강 확정", " · {0} seated from the waitlist";
    SavedComplete => "{0} 수료 처리: 수료 {1}명, 미달 {2}명", "{0} completed: {1} passed, {2} below 80 %";
    SavedRevoke => "자격 #{0} {1} {2} 취소", "Qualification #{0} of {1} for {2} revoked";
    KeyCalendar => "주간 달력", "week calendar";
    KeyNewEquipment => "장비 등록", "register a machine";
    KeyBook => "예약", "book";
    KeyBookHere => "이 칸에 예약", "book this slot";
    KeyApprove => "승인", "approve";
    KeyReject => "반려", "reject";
    KeyCancelBooking => "취소", "cancel";
    KeyCheckIn => "사용 시작", "check in";
    KeyCheckOut => "사용 종료", "check out";
    KeyDowntime => "중단 등록", "downtime";
    KeyApprovals => "승인 대기", "approvals";
    KeyNoShows => "노쇼 처리", "mark no-shows";
    KeyBack => "뒤로", "back";
    KeyPrevDay => "전날", "previous day";
    KeyNextDay => "다음날", "next day";
    KeyEarlier => "이른 시간", "earlier";
    KeyLater => "늦은 시간", "later";
    KeyCell => "칸 이동", "move";
    KeyPrevWeek => "지난주", "previous week";
    KeyNextWeek => "다음주", "next week";
    KeyWeek => "주", "week";
    FormNewBooking => "장비 예약", "Book a machine";
    FormCompanyHint => "청구 기업(비우면 소속 기업)", "billed company (empty: the person's)";
    FormPurposeHint => "분석 시료, 공정 시험 …", "what for";
    FormReject => "예약 반려", "Reject booking";
    FormCancel => "예약 취소", "Cancel booking";
    FormCheckOut => "사용 종료", "Check out";
    FormDowntime => "장비 중단 등록", "Take out of service";
    FormDowntimeNoteHint => "점검 내용, 고장 증상 …", "what is done or wrong";
    FormCancelReasonHint => "겹치는 예약을 취소할 때 사유", "why, when cancelling bookings";
    FormNewEquipment => "장비 등록", "Register a machine";
    ClashHold => "옮길 때까지 중단 대기", "wait until they are moved";
    ClashCancel => "취소(사유 기록)", "cancel them (reason kept)";
    SavedBooking => "예약 #{0} {1}: {2}", "Booking #{0} {1}: {2}";
    SavedSeries => "{0}건 예약, {1}건은 겹쳐 건너뜀", "Booked {0}, skipped {1} that clash";
    SavedState => "예약 #{0}: {1}", "Booking #{0}: {1}";
    SavedCheckOut => "예약 #{0} 사용 종료 · 요금 {1}", "Booking #{0} checked out · charge {1}";
    SavedDowntime => "장비 중단 #{0} 등록 · 겹친 예약 {1}건 취소", "Downtime #{0} set · {1} overlapping booking(s) cancelled";
    SavedDowntimePending => "장비 중단 #{0} 대기 · 겹친 예약 {1}건을 옮기면 시작", "Downtime #{0} waiting · starts once {1} booking(s) are moved";
    SavedEquipment => "장비 {0} {1} 등록", "Registered {0} {1}";
    NoteBookable => "✔ 예약할 수 있습니다", "✔ This time can be booked";
    NoteNearest => " — 가장 가까운 빈 시간 {0}–{1}", " — nearest free {0}–{1}";
    NoteNoBookingsHit => "✔ 겹치는 예약이 없습니다", "✔ No booking is in the way";
    NoteBookingsHit => "겹치는 예약 {0}건:", "{0} booking(s) in the way:";
    FormNewCompany => "새 기업 등록", "Register a company";
    FormEditCompany => "기업 정보 고치기", "Edit company";
    FormLeave => "졸업·퇴거 처리", "Graduate or withdraw";
    FormLeaveNote => "이 날짜 뒤까지 이어지는 입주계약은 이 날짜로 끝납니다. 기록은 남습니다.", "Leases running past this date end on it. History is kept.";
    FormYearly => "연도별 성과", "Yearly report";
    FormNewLease => "새 입주계약", "New lease";
    FormEndLease => "입주계약 종료", "End lease";
    FormEndHint => "이날부터 비움", "vacant from this day";
    FormNewRoom => "호실 추가", "Add a room";
    FormRentPerM2Hint => "m²당 월 임대료(선택)", "rent per m² per month (optional)";
    SavedCompany => "{0} ({1})을(를) 저장했습니다", "Saved {0} ({1})";
    SavedLeave => "{0}: {1} ({2})", "{0}: {1} ({2})";
    SavedYearly => "{0}의 {1}년 성과를 저장했습니다", "Saved {0}'s figures for {1}";
    SavedLease => "계약 {0}: {1}호 {2}, {3}부터 {4}까지", "Lease {0}: room {1} to {2}, {3} to {4}";
    SavedEndLease => "계약 {0}: {1}호는 {2}까지 씁니다", "Lease {0}: room {1} held until {2}";
    SavedRoom => "호실 {0} ({1})을(를) 추가했습니다", "Added room {0} ({1})";
    NoteRoomRetired => "호실 {0}은(는) 폐쇄된 호실입니다", "Room {0} is retired";
    NoteClash => "✖ 호실 {0}: {1}의 계약({2}–{3})과 겹칩니다", "✖ Room {0}: overlaps {1}'s lease ({2} to {3})";
    NoteFree => "✔ 호실 {0} {1}: 이 기간 비어 있음 {2}", "✔ Room {0} {1}: free for this period {2}";
    NoteRent => "· 기준 임대료 {0}", "· standard rent {0}";
    KeyPrevYear => "이전 연도", "previous year";
    KeyNextYear => "다음 연도", "next year";
    KeyMove => "이동", "move";
    KeyUp => "위로", "up";
    KeyDown => "아래로", "down";
    KeyPageUp => "한 쪽 위로", "page up";
    KeyPageDown => "한 쪽 아래로", "page down";
    KeyFirst => "처음으로", "first";
    KeyLast => "끝으로", "last";
    KeyFilter => "찾기", "filter";
    KeyClearFilter => "찾기 지우기", "clear filter";
    KeyKeepFilter => "찾기 유지", "keep filter";
    KeyNewCompany => "새 기업", "new company";
    KeyEdit => "고치기", "edit";
    KeyNewLease => "새 계약", "new lease";
    KeyYearly => "성과", "yearly report";
    KeyLeave => "졸업·퇴거", "graduate/withdraw";
    KeyPrevFloor => "아래층", "floor down";
    KeyNextFloor => "위층", "floor up";
    KeyFloor => "층", "floor";
    KeyEndLease => "계약 종료", "end lease";
    KeyNewRoom => "호실 추가", "add room";
    KeyNextField => "다음 칸", "next field";
    KeyPrevField => "이전 칸", "previous field";
    KeyChoose => "고르기", "choose";
    KeySave => "저장", "save";
    KeyCancel => "취소", "cancel";
    KeyErase => "지우기", "erase";
    KeyClearField => "칸 비우기", "clear field";
    SpaceRooms => "호실", "rooms";
    StagesTitle => "기업 단계", "Company stages";
    TodayTitle => "오늘의 장비", "Equipment today";
    TodayLater => "장비와 예약은 4 장비 화면에서 관리합니다", "Equipment and bookings are run from screen 4";
    PeopleCount => "등록 인력", "People registered";
    NotRegistered => "'{0}' 계정은 등록되지 않아 열람만 할 수 있습니다 — 관리자: {1}", "The account '{0}' is not registered and may only read — admins: {1}";
    PlannedNote => "이 화면에 들어올 내용", "What this screen will hold";
}

/// What a screen not built yet will hold, shown on it meanwhile.
pub fn planned(screen: usize, lang: Lang) -> &'static [&'static str] {
    match (screen, lang) {
        (2, Lang::Ko) => &[
            "입주기업 목록: 이름·사업자등록번호·대표자로 찾기, 권역·단계·업종·입주일",
            "상세: 입주계약, 소속 인력, 연도별 성과(고용·매출·수출·특허·투자)",
            "새 기업 등록, 고치기, 졸업·퇴거 처리(계약은 그날로 끝나고 기록은 남음)",
        ],
        (2, Lang::En) => &[
            "Tenant list: find by name, BRN or representative; zone, stage, sector, admitted",
            "Detail: leases, people, yearly reports (jobs, sales, exports, patents, investment)",
            "Register, edit, graduate or withdraw (leases end that day, history stays)",
        ],
        (3, Lang::Ko) => &[
            "층별 호실 배치와 입주율, 공실 강조, 60/30일 안에 끝나는 계약 표시",
            "호실 목록: 용도, 면적(m²·평), 입주기업, 계약 종료, 임대료·관리비",
            "새 입주계약: 저장 전에 겹치는 계약을 보여 줌",
        ],
        (3, Lang::En) => &[
            "Floor plan of rooms with occupancy, vacant rooms stand out, leases ending in 60/30 days",
            "Room list: use, area (m², 평), tenant, lease end, rent and maintenance fee",
            "New lease: clashes shown before saving",
        ],
        (4, Lang::Ko) => &[
            "장비 목록과 오늘의 상태(사용 중·예약·점검)",
            "장비별 주간 달력: 예약, 점검·고장, 공휴일",
            "예약 신청·승인·반려·취소, 사용 시작·종료와 요금, 장비 중단 등록",
        ],
        (4, Lang::En) => &[
            "Equipment list with today's status (in use, booked, down)",
            "Week calendar per machine: bookings, downtime, public holidays",
            "Request, approve, reject, cancel bookings; check in/out with charges; downtime",
        ],
        (5, Lang::Ko) => &[
            "교육과정 → 기수 → 수강생 명단과 대기자 순번",
            "회차별 출석부, 수료 예정(80 % 출석)",
            "장비 사용 자격: 사람별·장비별, 만료 임박 표시",
        ],
        (5, Lang::En) => &[
            "Courses → cohorts → roster with waitlist positions",
            "Attendance grid per session, completion preview (80 % attended)",
            "Equipment qualifications by person and machine, expiring ones marked",
        ],
        (6, Lang::Ko) => &[
            "월별 청구서: 임대료·관리비·장비 사용료·부가세, 발행과 미납",
            "입주율 추이, 장비 가동률, 교육 성과, 2010 목표 대비 성과",
            "엑셀(XLSX)·CSV로 내보내기",
        ],
        (6, Lang::En) => &[
            "Monthly statements: rent, fees, equipment use, VAT; issuing and arrears",
            "Occupancy over time, equipment utilisation, training outcomes, KPIs vs 2010",
            "Export to Excel (XLSX) and CSV",
        ],
        _ => &[],
    }
}
