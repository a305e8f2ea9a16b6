//! The keymap is data: one table drives key handling, the help overlay and the
//! hints in the status bar, so they can never disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::screens::ScreenId;
use crate::i18n::{Lang, Msg};

/// Where a binding applies. The topmost overlay's context is tried alone;
/// with no overlay, the screen's context and then `Global`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    Global,
    Dashboard,
    /// Moving through a list and filtering it; screens with a list add it.
    List,
    Companies,
    Spaces,
    /// The equipment screen, in any of its views.
    Equipment,
    /// The equipment list.
    EquipmentList,
    /// A machine's week calendar: arrows move the cursor.
    Calendar,
    /// The queue of bookings waiting for approval.
    Approvals,
    /// The training screen's cohort list.
    Training,
    /// A cohort's roster and attendance grid.
    Roster,
    /// The qualifications list.
    Qualifications,
    /// The people tab of the training screen.
    People,
    /// Screen 2's billing parties.
    Parties,
    /// The reports screen.
    Reports,
    /// Screen 6 on the voucher report.
    Vouchers,
    /// Screen 6 on the month's tax documents.
    Documents,
    /// A form is open: typed characters go into the focused field.
    Form,
    /// The list filter is being typed.
    Filter,
    Help,
    FirstRun,
}

impl Context {
    /// Contexts where printable keys not in the keymap are typed text.
    pub fn takes_text(self) -> bool {
        matches!(self, Context::Form | Context::Filter)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn key(c: char) -> Key {
    Key { code: KeyCode::Char(c), mods: KeyModifiers::NONE }
}

const fn code(code: KeyCode) -> Key {
    Key { code, mods: KeyModifiers::NONE }
}

const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), mods: KeyModifiers::CONTROL }
}

/// Whether and how a binding shows in the status bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    No,
    Yes(Rank),
    /// Shown as this key text and label instead of the binding's own
    /// (`1-6 screens` for the six screen keys).
    As(&'static str, Msg, Rank),
}

/// What a hint gives way to when the status bar is narrow (80 columns):
/// moving about goes first, then the labels of the screen's own keys (the
/// keys stay), then the account and file on the right; `?` stays last of all,
/// since it lists everything that was left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rank {
    /// `?` help: shown whatever the width.
    Help,
    /// The screen's own actions.
    Main,
    /// Moving about: screens, lists, quitting — the same everywhere.
    Nav,
}

const MAIN: Hint = Hint::Yes(Rank::Main);
const NAV: Hint = Hint::Yes(Rank::Nav);

#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub context: Context,
    pub key: Key,
    pub action: Action,
    pub label: Msg,
    pub hint: Hint,
}

const fn bind(context: Context, key: Key, action: Action, label: Msg, hint: Hint) -> Binding {
    Binding { context, key, action, label, hint }
}

use Context as C;
use Hint as H;

const BACKTAB: Key = Key { code: KeyCode::BackTab, mods: KeyModifiers::SHIFT };

#[rustfmt::skip]
pub const KEYMAP: &[Binding] = &[
    bind(C::Global, key('1'), Action::GoTo(ScreenId::Dashboard), Msg::GoDashboard, H::As("1-6", Msg::KeyScreens, Rank::Nav)),
    bind(C::Global, key('2'), Action::GoTo(ScreenId::Companies), Msg::GoCompanies, H::No),
    bind(C::Global, key('3'), Action::GoTo(ScreenId::Spaces), Msg::GoSpaces, H::No),
    bind(C::Global, key('4'), Action::GoTo(ScreenId::Equipment), Msg::GoEquipment, H::No),
    bind(C::Global, key('5'), Action::GoTo(ScreenId::Training), Msg::GoTraining, H::No),
    bind(C::Global, key('6'), Action::GoTo(ScreenId::Reports), Msg::GoReports, H::No),
    bind(C::Global, code(KeyCode::Tab), Action::NextScreen, Msg::KeyNext, NAV),
    bind(C::Global, BACKTAB, Action::PrevScreen, Msg::KeyPrev, H::No),
    bind(C::Global, key('?'), Action::ToggleHelp, Msg::KeyHelp, H::Yes(Rank::Help)),
    bind(C::Global, key('q'), Action::Quit, Msg::KeyQuit, NAV),
    bind(C::Global, ctrl('c'), Action::Quit, Msg::KeyQuit, H::No),

    bind(C::Dashboard, code(KeyCode::Left), Action::Left, Msg::KeyPrevYear, H::As("←→", Msg::KeyYear, Rank::Main)),
    bind(C::Dashboard, code(KeyCode::Right), Action::Right, Msg::KeyNextYear, H::No),

    bind(C::List, code(KeyCode::Up), Action::Up, Msg::KeyUp, H::As("↑↓", Msg::KeyMove, Rank::Nav)),
    bind(C::List, code(KeyCode::Down), Action::Down, Msg::KeyDown, H::No),
    bind(C::List, key('k'), Action::Up, Msg::KeyUp, H::No),
    bind(C::List, key('j'), Action::Down, Msg::KeyDown, H::No),
    bind(C::List, code(KeyCode::PageUp), Action::PageUp, Msg::KeyPageUp, H::No),
    bind(C::List, code(KeyCode::PageDown), Action::PageDown, Msg::KeyPageDown, H::No),
    bind(C::List, key('g'), Action::First, Msg::KeyFirst, H::No),
    bind(C::List, key('G'), Action::Last, Msg::KeyLast, H::No),
    bind(C::List, code(KeyCode::Home), Action::First, Msg::KeyFirst, H::No),
    bind(C::List, code(KeyCode::End), Action::Last, Msg::KeyLast, H::No),
    bind(C::List, key('/'), Action::Filter, Msg::KeyFilter, NAV),
    bind(C::List, code(KeyCode::Esc), Action::Back, Msg::KeyClearFilter, H::No),

    bind(C::Companies, key('n'), Action::New, Msg::KeyNewCompany, MAIN),
    bind(C::Companies, key('e'), Action::Edit, Msg::KeyEdit, MAIN),
    bind(C::Companies, key('l'), Action::Lease, Msg::KeyNewLease, MAIN),
    bind(C::Companies, key('r'), Action::Report, Msg::KeyYearly, MAIN),
    bind(C::Companies, key('x'), Action::Leave, Msg::KeyLeave, MAIN),
    bind(C::Companies, key('B'), Action::Parties, Msg::KeyParties, MAIN),
    bind(C::Parties, key('B'), Action::Parties, Msg::KeyCompanies, MAIN),
    bind(C::Parties, key('e'), Action::Edit, Msg::KeySetClass, MAIN),
    bind(C::Parties, key('d'), Action::Discount, Msg::KeyDiscount, MAIN),

    bind(C::Spaces, code(KeyCode::Left), Action::Left, Msg::KeyPrevFloor, H::As("←→", Msg::KeyFloor, Rank::Main)),
    bind(C::Spaces, code(KeyCode::Right), Action::Right, Msg::KeyNextFloor, H::No),
    bind(C::Spaces, key('n'), Action::Lease, Msg::KeyNewLease, MAIN),
    bind(C::Spaces, key('x'), Action::EndLease, Msg::KeyEndLease, MAIN),
    bind(C::Spaces, key('a'), Action::New, Msg::KeyNewRoom, MAIN),

    bind(C::EquipmentList, code(KeyCode::Enter), Action::Open, Msg::KeyCalendar, MAIN),
    bind(C::EquipmentList, key('A'), Action::New, Msg::KeyNewEquipment, H::No),
    bind(C::Equipment, key('n'), Action::Book, Msg::KeyBook, MAIN),
    bind(C::Equipment, key('a'), Action::Approve, Msg::KeyApprove, MAIN),
    bind(C::Equipment, key('r'), Action::Reject, Msg::KeyReject, MAIN),
    bind(C::Equipment, key('c'), Action::Cancel, Msg::KeyCancelBooking, MAIN),
    bind(C::Equipment, key('i'), Action::CheckIn, Msg::KeyCheckIn, MAIN),
    bind(C::Equipment, key('o'), Action::CheckOut, Msg::KeyCheckOut, MAIN),
    bind(C::Equipment, key('d'), Action::Downtime, Msg::KeyDowntime, MAIN),
    bind(C::Equipment, key('p'), Action::Approvals, Msg::KeyApprovals, MAIN),
    bind(C::Equipment, key('m'), Action::NoShows, Msg::KeyNoShows, MAIN),
    bind(C::Equipment, key('w'), Action::WalkIn, Msg::KeyWalkIn, MAIN),
    bind(C::Calendar, code(KeyCode::Esc), Action::Back, Msg::KeyBack, H::No),
    bind(C::Calendar, code(KeyCode::Left), Action::Left, Msg::KeyPrevDay, H::As("←→↑↓", Msg::KeyCell, Rank::Nav)),
    bind(C::Calendar, code(KeyCode::Right), Action::Right, Msg::KeyNextDay, H::No),
    bind(C::Calendar, code(KeyCode::Up), Action::Up, Msg::KeyEarlier, H::No),
    bind(C::Calendar, code(KeyCode::Down), Action::Down, Msg::KeyLater, H::No),
    bind(C::Calendar, key('h'), Action::Left, Msg::KeyPrevDay, H::No),
    bind(C::Calendar, key('l'), Action::Right, Msg::KeyNextDay, H::No),
    bind(C::Calendar, key('k'), Action::Up, Msg::KeyEarlier, H::No),
    bind(C::Calendar, key('j'), Action::Down, Msg::KeyLater, H::No),
    bind(C::Calendar, code(KeyCode::PageUp), Action::PrevWeek, Msg::KeyPrevWeek, H::As("PgUp/PgDn", Msg::KeyWeek, Rank::Nav)),
    bind(C::Calendar, code(KeyCode::PageDown), Action::NextWeek, Msg::KeyNextWeek, H::No),
    bind(C::Calendar, key('/'), Action::Filter, Msg::KeyFilter, H::No),
    bind(C::Calendar, key('['), Action::PrevWeek, Msg::KeyPrevWeek, H::No),
    bind(C::Calendar, key(']'), Action::NextWeek, Msg::KeyNextWeek, H::No),
    bind(C::Calendar, code(KeyCode::Enter), Action::Book, Msg::KeyBookHere, MAIN),

    bind(C::Training, code(KeyCode::Enter), Action::Open, Msg::KeyRoster, MAIN),
    bind(C::Training, key('n'), Action::New, Msg::KeyNewCohort, MAIN),
    bind(C::Training, key('Q'), Action::Qualifications, Msg::KeyQualifications, MAIN),
    bind(C::Roster, code(KeyCode::Left), Action::Left, Msg::KeyPrevSession, H::As("←→↑↓", Msg::KeyCell, Rank::Nav)),
    bind(C::Roster, key('/'), Action::Filter, Msg::KeyFilter, H::No),
    bind(C::Roster, code(KeyCode::Right), Action::Right, Msg::KeyNextSession, H::No),
    bind(C::Roster, code(KeyCode::Up), Action::Up, Msg::KeyUp, H::No),
    bind(C::Roster, code(KeyCode::Down), Action::Down, Msg::KeyDown, H::No),
    bind(C::Roster, key(' '), Action::Toggle, Msg::KeyToggle, H::As("Space", Msg::KeyToggle, Rank::Main)),
    bind(C::Roster, key('n'), Action::New, Msg::KeyEnrol, MAIN),
    bind(C::Roster, key('x'), Action::Cancel, Msg::KeyCancelEnrolment, MAIN),
    bind(C::Roster, key('s'), Action::AddSession, Msg::KeyAddSession, MAIN),
    bind(C::Roster, key('C'), Action::Complete, Msg::KeyComplete, MAIN),
    bind(C::Roster, code(KeyCode::Esc), Action::Back, Msg::KeyBack, H::No),
    bind(C::Qualifications, key('r'), Action::Reject, Msg::KeyRevoke, MAIN),
    bind(C::Qualifications, key('Q'), Action::Qualifications, Msg::KeyCohorts, MAIN),
    bind(C::Qualifications, key('P'), Action::People, Msg::KeyPeople, H::No),
    bind(C::Training, key('P'), Action::People, Msg::KeyPeople, MAIN),
    bind(C::People, key('n'), Action::New, Msg::KeyNewPerson, MAIN),
    bind(C::People, key('e'), Action::Edit, Msg::KeyEdit, MAIN),
    bind(C::People, key('Q'), Action::Qualifications, Msg::KeyQualifications, H::No),
    bind(C::People, key('P'), Action::People, Msg::KeyCohorts, MAIN),
    bind(C::People, code(KeyCode::Esc), Action::Back, Msg::KeyBack, H::No),

    bind(C::Reports, code(KeyCode::Up), Action::Up, Msg::KeyUp, H::As("↑↓", Msg::KeyMove, Rank::Nav)),
    bind(C::Reports, code(KeyCode::Down), Action::Down, Msg::KeyDown, H::No),
    bind(C::Reports, key('k'), Action::Up, Msg::KeyUp, H::No),
    bind(C::Reports, key('j'), Action::Down, Msg::KeyDown, H::No),
    bind(C::Reports, code(KeyCode::Left), Action::Left, Msg::KeyPrevPeriod, H::As("←→", Msg::KeyPeriod, Rank::Main)),
    bind(C::Reports, code(KeyCode::Right), Action::Right, Msg::KeyNextPeriod, H::No),
    bind(C::Reports, code(KeyCode::Enter), Action::Open, Msg::KeyFocus, MAIN),
    bind(C::Reports, code(KeyCode::Esc), Action::Back, Msg::KeyMenu, H::No),
    bind(C::Reports, key('I'), Action::Issue, Msg::KeyIssue, MAIN),
    bind(C::Reports, key('x'), Action::ExportXlsx, Msg::KeyExportXlsx, MAIN),
    bind(C::Reports, key('c'), Action::ExportCsv, Msg::KeyExportCsv, MAIN),
    bind(C::Reports, key('b'), Action::Backup, Msg::KeyBackup, MAIN),
    bind(C::Reports, key('/'), Action::Filter, Msg::KeyFilter, H::No),
    bind(C::Reports, key('S'), Action::Settings, Msg::KeySettings, H::No),
    bind(C::Reports, key('C'), Action::Supplier, Msg::KeySupplier, H::No),
    bind(C::Vouchers, key('n'), Action::New, Msg::KeyNewProgramme, MAIN),
    bind(C::Vouchers, key('g'), Action::Grant, Msg::KeyGrant, MAIN),
    bind(C::Documents, key('a'), Action::Confirm, Msg::KeyConfirm, MAIN),

    bind(C::Form, code(KeyCode::Tab), Action::NextField, Msg::KeyNextField, NAV),
    bind(C::Form, BACKTAB, Action::PrevField, Msg::KeyPrevField, H::No),
    bind(C::Form, code(KeyCode::Down), Action::Down, Msg::KeyNextField, H::No),
    bind(C::Form, code(KeyCode::Up), Action::Up, Msg::KeyPrevField, H::No),
    bind(C::Form, code(KeyCode::Left), Action::Left, Msg::KeyChoose, H::As("←→", Msg::KeyChoose, Rank::Nav)),
    bind(C::Form, code(KeyCode::Right), Action::Right, Msg::KeyChoose, H::No),
    bind(C::Form, code(KeyCode::Enter), Action::Submit, Msg::KeySave, MAIN),
    bind(C::Form, code(KeyCode::Esc), Action::Back, Msg::KeyCancel, MAIN),
    bind(C::Form, code(KeyCode::Backspace), Action::Erase, Msg::KeyErase, H::No),
    bind(C::Form, ctrl('u'), Action::ClearField, Msg::KeyClearField, H::No),
    bind(C::Form, ctrl('c'), Action::Quit, Msg::KeyQuit, H::No),

    bind(C::Filter, code(KeyCode::Enter), Action::Submit, Msg::KeyKeepFilter, MAIN),
    bind(C::Filter, code(KeyCode::Esc), Action::Back, Msg::KeyClearFilter, MAIN),
    bind(C::Filter, code(KeyCode::Backspace), Action::Erase, Msg::KeyErase, H::No),
    bind(C::Filter, ctrl('u'), Action::ClearField, Msg::KeyClearField, H::No),
    bind(C::Filter, ctrl('c'), Action::Quit, Msg::KeyQuit, H::No),

    bind(C::Help, code(KeyCode::Esc), Action::Back, Msg::KeyClose, MAIN),
    bind(C::Help, key('?'), Action::ToggleHelp, Msg::KeyClose, H::No),
    bind(C::Help, key('q'), Action::Quit, Msg::KeyQuit, H::No),
    bind(C::Help, code(KeyCode::Up), Action::Up, Msg::KeyScroll, MAIN),
    bind(C::Help, code(KeyCode::Down), Action::Down, Msg::KeyScroll, H::No),
    bind(C::Help, key('k'), Action::Up, Msg::KeyScroll, H::No),
    bind(C::Help, key('j'), Action::Down, Msg::KeyScroll, H::No),
    bind(C::Help, ctrl('c'), Action::Quit, Msg::KeyQuit, H::No),

    bind(C::FirstRun, key('d'), Action::LoadDemo, Msg::KeyDemo, MAIN),
    bind(C::FirstRun, key('e'), Action::StartEmpty, Msg::KeyEmpty, MAIN),
    bind(C::FirstRun, code(KeyCode::Esc), Action::StartEmpty, Msg::KeyEmpty, H::No),
    bind(C::FirstRun, key('q'), Action::Quit, Msg::KeyQuit, MAIN),
    bind(C::FirstRun, ctrl('c'), Action::Quit, Msg::KeyQuit, H::No),
];

impl Key {
    /// Matches a key press; Shift is part of the character itself for
    /// printable keys (`?`, `G`), so it is ignored there.
    fn matches(&self, ev: &KeyEvent) -> bool {
        let mods = match ev.code {
            KeyCode::Char(_) => ev.modifiers - KeyModifiers::SHIFT,
            _ => ev.modifiers,
        };
        let want = match self.code {
            KeyCode::Char(_) => self.mods - KeyModifiers::SHIFT,
            _ => self.mods,
        };
        self.code == ev.code && mods == want
    }

    /// The key as people write it: `q`, `Tab`, `Shift-Tab`, `↑`, `Ctrl-C`.
    pub fn text(&self) -> String {
        let base = match self.code {
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            if let KeyCode::Char(c) = self.code {
                return format!("Ctrl-{}", c.to_ascii_uppercase());
            }
            return format!("Ctrl-{base}");
        }
        base
    }
}

/// The action for a key press in the given contexts, tried in order.
pub fn action_for(contexts: &[Context], ev: &KeyEvent) -> Option<Action> {
    if ev.kind == KeyEventKind::Release {
        return None;
    }
    contexts.iter().find_map(|c| KEYMAP.iter().find(|b| b.context == *c && b.key.matches(ev)).map(|b| b.action))
}

/// The bindings that apply in `contexts`, in table order, for the help overlay.
pub fn bindings(contexts: &[Context]) -> impl Iterator<Item = &'static Binding> + '_ {
    contexts.iter().flat_map(|c| KEYMAP.iter().filter(move |b| b.context == *c))
}

/// A key hint of the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyHint {
    pub key: String,
    pub label: &'static str,
    pub rank: Rank,
}

/// The status bar's hints for `contexts`, in table order.
pub fn hints(contexts: &[Context], lang: Lang) -> Vec<KeyHint> {
    bindings(contexts)
        .filter_map(|b| match b.hint {
            Hint::No => None,
            Hint::Yes(rank) => Some(KeyHint { key: b.key.text(), label: b.label.text(lang), rank }),
            Hint::As(k, label, rank) => Some(KeyHint { key: k.to_owned(), label: label.text(lang), rank }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        let mut seen = HashSet::new();
        for b in KEYMAP {
            assert!(seen.insert((b.context, b.key)), "{:?} {} is bound twice", b.context, b.key.text());
        }
    }

    #[test]
    fn overlays_shadow_the_screen() {
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(action_for(&[Context::Global], &q), Some(Action::Quit));
        assert_eq!(action_for(&[Context::Help], &q), Some(Action::Quit), "q quits everywhere");
        let two = KeyEvent::new(KeyCode::Char('2'), KeyModifiers::NONE);
        assert_eq!(action_for(&[Context::Help], &two), None, "screen keys do not reach under help");
        let shifted = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(action_for(&[Context::Global], &shifted), Some(Action::ToggleHelp));
    }

    #[test]
    fn no_screen_shadows_its_own_keys() {
        use crate::tui::screens::Screens;
        let screens = Screens::default();
        for id in ScreenId::ALL {
            let mut contexts = screens.get(id).contexts().to_vec();
            contexts.push(Context::Global);
            let mut seen = HashSet::new();
            for b in bindings(&contexts) {
                assert!(seen.insert(b.key), "{id:?}: {} is bound in two of its contexts", b.key.text());
            }
        }
    }

    #[test]
    fn every_context_has_a_way_out() {
        for c in [Context::Global, Context::Help, Context::FirstRun, Context::Form, Context::Filter] {
            assert!(
                KEYMAP
                    .iter()
                    .any(|b| b.context == c && matches!(b.action, Action::Quit | Action::Back | Action::StartEmpty))
            );
        }
    }
}
