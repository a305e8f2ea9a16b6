//! Everything the interface can be asked to do. Keys become Actions through
//! the keymap; tests drive the app by sending Actions directly.

use super::screens::ScreenId;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave kiln, restoring the terminal.
    Quit,
    /// Open the help overlay listing the keys that work here, or close it.
    ToggleHelp,
    /// Close the topmost overlay or form without saving, or clear the filter.
    Back,
    /// Go to the next screen (wrapping from 6 to 1).
    NextScreen,
    /// Go to the previous screen (wrapping from 1 to 6).
    PrevScreen,
    /// Go straight to one screen (keys 1–6).
    GoTo(ScreenId),
    /// Move the selection or scroll up one row.
    Up,
    /// Move the selection or scroll down one row.
    Down,
    /// Move up one page.
    PageUp,
    /// Move down one page.
    PageDown,
    /// Go to the first row.
    First,
    /// Go to the last row.
    Last,
    /// Move left: the previous year, floor, or choice in a form field.
    Left,
    /// Move right: the next year, floor, or choice in a form field.
    Right,
    /// Start typing a filter for the list.
    Filter,
    /// Open the form for a new record of this screen (company, room).
    New,
    /// Open the form to correct the selected record.
    Edit,
    /// Open the form for a new lease (of the selected company or vacant room).
    Lease,
    /// Open the form for the selected company's yearly figures.
    Report,
    /// Open the form to record that the selected company graduated or withdrew.
    Leave,
    /// Open the form to end the selected room's lease early.
    EndLease,
    /// Open the selected row: a machine's week calendar.
    Open,
    /// Show the bookings waiting for approval, across machines.
    Approvals,
    /// Open the form for a new booking (of the selected machine or slot).
    Book,
    /// Approve the selected booking.
    Approve,
    /// Open the form to reject the selected booking.
    Reject,
    /// Open the form to cancel the selected booking.
    Cancel,
    /// Record that use of the selected booking starts now.
    CheckIn,
    /// Open the form to end use of the selected booking and price it.
    CheckOut,
    /// Open the form to take the selected machine out of service.
    Downtime,
    /// Mark approved bookings nobody claimed within 30 minutes as no-shows.
    NoShows,
    /// Book from now for someone at the machine and check in at once.
    WalkIn,
    /// Show the previous week.
    PrevWeek,
    /// Show the next week.
    NextWeek,
    /// Cycle the attendance mark under the cursor.
    Toggle,
    /// Open the form to add a session to the cohort shown.
    AddSession,
    /// Open the form to complete the cohort shown.
    Complete,
    /// Show the qualifications.
    Qualifications,
    /// Screen 5's people tab (and back).
    People,
    /// Screen 2's billing parties (and back to the companies).
    Parties,
    /// Open the form for a rate class's discount.
    Discount,
    /// Open the form to grant a voucher programme to a party.
    Grant,
    /// Open the form to record a tax document's approval number.
    Confirm,
    /// Issue the month's statements (after a confirmation).
    Issue,
    /// Write the report on screen to an Excel file.
    ExportXlsx,
    /// Write the report on screen to a CSV file.
    ExportCsv,
    /// Open the form to back the database up.
    Backup,
    /// The centre's settings (admins).
    Settings,
    /// The centre as the supplier on its tax documents (admins).
    Supplier,
    /// In a form: focus the next field.
    NextField,
    /// In a form: focus the previous field.
    PrevField,
    /// Save the form, or keep the typed filter.
    Submit,
    /// Delete the last character of the field or filter.
    Erase,
    /// Empty the field or filter.
    ClearField,
    /// A character typed into a form field or the filter.
    Type(char),
    /// First run: fill the new database with the demo centre.
    LoadDemo,
    /// First run: start with the empty database.
    StartEmpty,
    /// Another process committed to the database: reload what is on screen.
    DataChanged,
}

impl Action {
    /// True for an action that changes the database (or opens the form
    /// that would): a read-only account is told so before any form opens.
    /// Exports and backups only read, so they stay open to everyone.
    pub fn writes(self) -> bool {
        use Action as A;
        match self {
            A::New
            | A::Edit
            | A::Lease
            | A::Report
            | A::Leave
            | A::EndLease
            | A::Book
            | A::Approve
            | A::Reject
            | A::Cancel
            | A::CheckIn
            | A::CheckOut
            | A::Downtime
            | A::NoShows
            | A::WalkIn
            | A::Toggle
            | A::AddSession
            | A::Complete
            | A::Issue
            | A::Discount
            | A::Grant
            | A::Confirm
            | A::Settings
            | A::Supplier => true,
            A::Quit
            | A::ToggleHelp
            | A::Back
            | A::NextScreen
            | A::PrevScreen
            | A::GoTo(_)
            | A::Up
            | A::Down
            | A::PageUp
            | A::PageDown
            | A::First
            | A::Last
            | A::Left
            | A::Right
            | A::Filter
            | A::Open
            | A::Approvals
            | A::PrevWeek
            | A::NextWeek
            | A::Qualifications
            | A::People
            | A::Parties
            | A::ExportXlsx
            | A::ExportCsv
            | A::Backup
            | A::NextField
            | A::PrevField
            | A::Submit
            | A::Erase
            | A::ClearField
            | A::Type(_)
            | A::DataChanged
            // The demo is refused by its own use case to all but an admin,
            // and offered only on a brand-new file.
            | A::LoadDemo
            | A::StartEmpty => false,
        }
    }
}
