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
    TargetsTitle => "2010 목표 대비 · 기업", "Against the 2010 targets · companies";
    TargetsTotal => "전체", "Total";
    TargetsLater => "고용·매출은 연도별 성과가 입력되면 함께 표시됩니다", "Jobs and sales appear here once yearly reports are entered";
    SpaceTitle => "센터 건물", "Centre building";
    SpaceRooms => "호실", "rooms";
    SpaceLater => "입주율은 입주계약이 생기면 표시됩니다", "Occupancy appears once leases are entered";
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
