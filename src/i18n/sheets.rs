//! The reports' sheets in Korean and English: their names, column heads and
//! the words in their cells, for the layout in `crate::report::sheets`.

use super::{Lang, Msg, labels};
use crate::domain::statement::Unit;
use crate::report::sheets::{Labels, SheetId};

impl Labels for Lang {
    fn name(&self, sheet: SheetId) -> String {
        name(*self, sheet).to_owned()
    }

    fn heads(&self, sheet: SheetId) -> Vec<String> {
        let pairs: &[(&str, &str)] = match sheet {
            SheetId::Statements => &[
                ("번호", "Number"),
                ("청구처", "Billed to"),
                ("사업자등록번호", "BRN"),
                ("공급가액", "Supply"),
                ("부가세", "VAT"),
                ("합계", "Total"),
                ("납부", "Paid"),
                ("미납", "Outstanding"),
                ("발행일", "Issued"),
                ("납부기한", "Due"),
            ],
            SheetId::StatementLines => &[
                ("번호", "Number"),
                ("청구처", "Billed to"),
                ("내역", "Item"),
                ("수량", "Quantity"),
                ("단가", "Unit price"),
                ("금액", "Amount"),
                ("근거", "Source"),
                ("과제번호", "Project no."),
                ("NFEC 등록번호", "NFEC no."),
                ("바우처", "Voucher"),
                ("바우처 지원액", "Voucher share"),
            ],
            SheetId::Arrears => &[
                ("번호", "Number"),
                ("청구처", "Billed to"),
                ("사업자등록번호", "BRN"),
                ("납부기한", "Due"),
                ("청구액", "Billed"),
                ("미납", "Outstanding"),
                ("연체일", "Days overdue"),
                ("구간", "Age"),
            ],
            SheetId::Occupancy => {
                &[("월", "Month"), ("면적 입주율", "Area let"), ("임대 호실", "Rooms let"), ("전체 호실", "Rooms")]
            }
            SheetId::Utilisation => &[
                ("장비", "Machine"),
                ("장비명", "Name"),
                ("예약 시간", "Booked h"),
                ("사용 시간", "Used h"),
                ("가용 시간", "Available h"),
                ("가동률", "Utilisation"),
            ],
            SheetId::Training => &[
                ("연도", "Year"),
                ("과정", "Course"),
                ("과정명", "Title"),
                ("기수", "Cohorts"),
                ("수강생", "Trainees"),
                ("수료", "Completed"),
                ("수료율", "Completion"),
                ("자격 발급", "Qualifications"),
            ],
            SheetId::Kpis => &[
                ("연도", "Year"),
                ("기업 수", "Companies"),
                ("기업 목표", "Target"),
                ("고용", "Jobs"),
                ("고용 목표", "Target"),
                ("매출", "Sales"),
                ("매출 목표", "Target"),
                ("수출", "Exports"),
                ("특허 출원", "Patents filed"),
                ("특허 등록", "Patents granted"),
                ("투자 유치", "Investment"),
                ("졸업", "Graduated"),
                ("실적 제출", "Reporting"),
            ],
            SheetId::TopUsers => &[
                ("순위", "Rank"),
                ("기업", "Company"),
                ("사업자등록번호", "BRN"),
                ("사용 건수", "Bookings"),
                ("사용 시간", "Hours"),
                ("청구액", "Charged"),
            ],
            SheetId::VoucherUse => &[
                ("사업", "Programme"),
                ("청구처", "Party"),
                ("이름", "Name"),
                ("사업자등록번호", "BRN"),
                ("월", "Month"),
                ("사용 건수", "Bookings"),
                ("사용료", "Charged"),
                ("바우처 지원", "Voucher"),
                ("자부담", "Party share"),
            ],
            SheetId::Documents => &[
                ("청구서", "Statement"),
                ("종류", "Kind"),
                ("공급받는자", "Buyer"),
                ("사업자등록번호", "BRN"),
                ("공급가액", "Supply"),
                ("세액", "Tax"),
                ("승인번호", "Approval no."),
            ],
            SheetId::Deposit => &[
                ("기업", "Company"),
                ("사업자등록번호", "BRN"),
                ("호실", "Room"),
                ("계약", "Lease"),
                ("일자", "Date"),
                ("구분", "Kind"),
                ("청구서", "Statement"),
                ("금액", "Amount"),
                ("보관 잔액", "Held"),
                ("비고", "Note"),
            ],
            SheetId::VoucherGrants => &[
                ("사업", "Programme"),
                ("청구처", "Party"),
                ("이름", "Name"),
                ("연간 한도", "Cap"),
                ("지원액", "Used"),
                ("잔액", "Remaining"),
            ],
        };
        pairs.iter().map(|(ko, en)| self.pick(ko, en).to_owned()).collect()
    }

    fn total(&self) -> String {
        Msg::Total.text(*self).to_owned()
    }

    fn draft(&self) -> String {
        Msg::Draft.text(*self).to_owned()
    }

    fn item(&self, line: &crate::domain::statement::Line) -> String {
        labels::statement_line(line, *self)
    }

    fn quantity(&self, quantity: f64, unit: Unit) -> String {
        labels::quantity(quantity, unit, *self)
    }

    fn bucket(&self, bucket: &str) -> String {
        labels::bucket(bucket, *self)
    }

    fn deposit_kind(&self, kind: crate::domain::deposit::EntryKind) -> String {
        labels::deposit_kind(kind, *self).to_owned()
    }
}

fn name(lang: Lang, sheet: SheetId) -> &'static str {
    match sheet {
        SheetId::Statements => Msg::ReportStatements.text(lang),
        SheetId::StatementLines => lang.pick("청구 내역", "Lines"),
        SheetId::Arrears => Msg::ReportArrears.text(lang),
        SheetId::Occupancy => Msg::ReportOccupancy.text(lang),
        SheetId::Utilisation => Msg::ReportUtilisation.text(lang),
        SheetId::Training => Msg::ReportTraining.text(lang),
        SheetId::Kpis => Msg::ReportKpis.text(lang),
        SheetId::TopUsers => Msg::ReportTopUsers.text(lang),
        SheetId::VoucherUse => lang.pick("바우처 정산", "Voucher settlement"),
        SheetId::VoucherGrants => lang.pick("바우처 잔액", "Voucher balances"),
        SheetId::Documents => Msg::ReportDocuments.text(lang),
        SheetId::Deposit => lang.pick("보증금 정산", "Deposit settlement"),
    }
}
