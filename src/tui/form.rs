//! Forms: a stack of labelled fields edited in place. Tab moves between
//! fields, ←→ and Space pick among choices (a letter jumps to the choice it
//! starts), Enter saves, Esc cancels. A refusal shows
//! beside its field and nothing typed is lost. The caret sits where the text
//! ends, so a Hangul input method composes in place.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::action::Action;
use super::app::Tone;
use super::theme;
use crate::cells::{cut, fit, width, wrap};
use crate::domain::Field;

/// One line of a form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormField {
    pub field: Field,
    pub label: String,
    pub value: String,
    /// `(code, label)` pairs: the field is chosen with ←→, not typed.
    pub choices: Vec<(String, String)>,
    /// Shown dimmed after the value: an example or what the field means.
    pub hint: String,
    /// Why the last save refused this field.
    pub error: Option<String>,
    /// A list (`EQ-0001, EQ-0002`): its picker looks up and fills the
    /// last item only.
    pub many: bool,
}

impl FormField {
    pub fn text(field: Field, label: &str, value: &str, hint: &str) -> Self {
        FormField {
            field,
            label: label.to_owned(),
            value: value.to_owned(),
            choices: Vec::new(),
            hint: hint.to_owned(),
            error: None,
            many: false,
        }
    }

    /// Makes the field a list whose picker serves its last item.
    pub fn many(mut self) -> Self {
        self.many = true;
        self
    }

    /// What the picker looks up: the whole value, or a list's last item.
    pub fn looked_up(&self) -> &str {
        if self.many { self.value.rsplit(',').next().unwrap_or_default().trim() } else { self.value.trim() }
    }

    /// Puts `code` in the field: in place of a list's last item, else of all.
    pub fn put(&mut self, code: &str) {
        if let (true, Some(at)) = (self.many, self.value.rfind(',')) {
            self.value = format!("{}, {code}", &self.value[..at]);
        } else {
            code.clone_into(&mut self.value);
        }
        self.error = None;
    }

    pub fn choice(field: Field, label: &str, value: &str, choices: Vec<(String, String)>) -> Self {
        let value = if choices.iter().any(|(c, _)| c == value) {
            value.to_owned()
        } else {
            choices.first().map(|(c, _)| c.clone()).unwrap_or_default()
        };
        FormField { field, label: label.to_owned(), value, choices, hint: String::new(), error: None, many: false }
    }

    fn shown(&self) -> String {
        if self.choices.is_empty() {
            return self.value.clone();
        }
        let label =
            self.choices.iter().find(|(c, _)| *c == self.value).map_or(self.value.as_str(), |(_, l)| l.as_str());
        format!("◀ {label} ▶")
    }

    /// A character typed into a choice: the next choice (after the one
    /// shown, wrapping) whose label or code starts with it, so typing the
    /// same letter again steps through those. A Hangul initial (ㅂ) matches
    /// the syllables it starts (북평). Nothing else changes the choice: a
    /// letter that starts none leaves it as it was. True if it moved.
    fn jump(&mut self, typed: char) -> bool {
        let typed: String = typed.to_lowercase().collect();
        let starts = |text: &str| {
            let first = text.chars().next();
            text.to_lowercase().starts_with(&typed) || first.and_then(initial).is_some_and(|i| typed == i.to_string())
        };
        let n = self.choices.len();
        let at = self.choices.iter().position(|(c, _)| *c == self.value).unwrap_or(0);
        let found = (1..=n).map(|k| (at + k) % n).find(|i| {
            let (code, label) = &self.choices[*i];
            starts(label) || starts(code)
        });
        match found {
            Some(i) if i != at => {
                self.value = self.choices[i].0.clone();
                true
            }
            _ => false,
        }
    }

    fn cycle(&mut self, step: isize) {
        let n = self.choices.len() as isize;
        if n == 0 {
            return;
        }
        let i = self.choices.iter().position(|(c, _)| *c == self.value).unwrap_or(0) as isize;
        let next = (i + step).rem_euclid(n) as usize;
        self.value = self.choices[next].0.clone();
    }
}

/// The initial consonant of a Hangul syllable (`북` → `ㅂ`), as typed alone.
fn initial(c: char) -> Option<char> {
    const INITIALS: [char; 19] = [
        'ㄱ', 'ㄲ', 'ㄴ', 'ㄷ', 'ㄸ', 'ㄹ', 'ㅁ', 'ㅂ', 'ㅃ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅉ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ',
        'ㅎ',
    ];
    let offset = u32::from(c).checked_sub(0xAC00).filter(|o| *o < 11_172)?;
    INITIALS.get((offset / 588) as usize).copied()
}

/// What a form is for: decides what saving it does (see `tui::forms`). One
/// enum per family of forms, each saved by its own module with a match over
/// all of its kinds and no catch-all: a form nobody wired to its use case
/// does not compile, rather than closing as if saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormKind {
    Tenant(TenantForm),
    Equipment(EquipmentForm),
    Training(TrainingForm),
    Reports(ReportForm),
    People(PeopleForm),
    Billing(BillingForm),
}

/// The forms of billing: screen 2's parties and screen 6's vouchers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BillingForm {
    PartyClass {
        party: String,
    },
    ClassDiscount,
    /// Screen 6's voucher report: a new programme.
    Programme,
    /// Screen 6's voucher report: a programme granted to a party.
    Grant,
    /// Screen 6's tax documents: an approval number recorded.
    Confirm {
        month: String,
    },
    /// Screen 6's tax documents: a correction's approval number recorded.
    ConfirmCorrection {
        month: String,
    },
}

impl From<BillingForm> for FormKind {
    fn from(k: BillingForm) -> Self {
        FormKind::Billing(k)
    }
}

/// The forms of screen 5's people tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PeopleForm {
    NewPerson,
    EditPerson { code: String },
}

impl From<PeopleForm> for FormKind {
    fn from(k: PeopleForm) -> Self {
        FormKind::People(k)
    }
}

/// The forms of screens 2 and 3: companies, leases, rooms, yearly figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TenantForm {
    NewCompany,
    EditCompany {
        brn: String,
    },
    LeaveCompany {
        brn: String,
    },
    /// `loaded`: the year whose figures on file fill the form.
    YearlyReport {
        brn: String,
        loaded: i32,
    },
    NewLease,
    EndLease {
        code: String,
    },
    NewRoom,
}

/// The forms of screen 4: machines, bookings, downtime.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EquipmentForm {
    NewBooking,
    RejectBooking { id: i64 },
    CancelBooking { id: i64 },
    CheckOut { id: i64 },
    WalkIn,
    NewDowntime,
    NewEquipment,
}

/// The forms of screen 5: cohorts, sessions, enrolment, qualifications.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrainingForm {
    NewCohort,
    NewSession { cohort: String },
    Enrol { cohort: String },
    CancelEnrolment { cohort: String, person: String },
    CompleteCohort { cohort: String },
    Revoke { id: i64 },
}

/// The forms of screen 6: issuing statements, a backup, the settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReportForm {
    IssueStatements {
        month: String,
    },
    Backup,
    Settings,
    /// The centre as the supplier on its tax documents.
    Supplier,
}

impl From<TenantForm> for FormKind {
    fn from(k: TenantForm) -> Self {
        FormKind::Tenant(k)
    }
}

impl From<EquipmentForm> for FormKind {
    fn from(k: EquipmentForm) -> Self {
        FormKind::Equipment(k)
    }
}

impl From<TrainingForm> for FormKind {
    fn from(k: TrainingForm) -> Self {
        FormKind::Training(k)
    }
}

impl From<ReportForm> for FormKind {
    fn from(k: ReportForm) -> Self {
        FormKind::Reports(k)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    pub kind: FormKind,
    pub title: String,
    pub fields: Vec<FormField>,
    pub focus: usize,
    /// Live feedback under the fields (a lease clash, a free room).
    pub note: Option<(String, Tone)>,
    /// A refusal that is not about one field.
    pub error: Option<String>,
    /// What the focused field's picker offers, `(code, shown)`, and which
    /// one ↑↓ chose (see `tui::forms::picker`).
    pub picks: Vec<(String, String)>,
    pub pick: usize,
}

impl Form {
    pub fn new(kind: impl Into<FormKind>, title: String, fields: Vec<FormField>) -> Self {
        Form { kind: kind.into(), title, fields, focus: 0, note: None, error: None, picks: Vec::new(), pick: 0 }
    }

    /// The typed value of a field (trimmed by the use case, not here).
    pub fn value(&self, field: Field) -> String {
        self.fields.iter().find(|f| f.field == field).map(|f| f.value.clone()).unwrap_or_default()
    }

    /// True while a picker offers rows: ↑↓ choose among them, Enter takes
    /// one and Esc closes the offer.
    pub fn picking(&self) -> bool {
        !self.picks.is_empty()
    }

    /// Puts the chosen row's code in the focused field and moves on.
    pub fn take_pick(&mut self) {
        if let (Some((code, _)), Some(f)) = (self.picks.get(self.pick), self.fields.get_mut(self.focus)) {
            f.put(code);
        }
        self.picks.clear();
        self.focus = (self.focus + 1) % self.fields.len().max(1);
    }

    /// Applies an editing action; returns true if a value changed.
    pub fn edit(&mut self, action: Action) -> bool {
        let n = self.fields.len().max(1);
        if self.picking() {
            match action {
                Action::Down => {
                    self.pick = (self.pick + 1).min(self.picks.len() - 1);
                    return false;
                }
                Action::Up => {
                    self.pick = self.pick.saturating_sub(1);
                    return false;
                }
                Action::Back => {
                    self.picks.clear();
                    return false;
                }
                // Tab takes the offer as Enter does: part of a name left in
                // a field that wants a code would only be refused on saving.
                Action::NextField => {
                    self.take_pick();
                    return true;
                }
                _ => {}
            }
        }
        let Some(f) = self.fields.get_mut(self.focus) else { return false };
        match action {
            Action::NextField | Action::Down => {
                self.focus = (self.focus + 1) % n;
                self.picks.clear();
            }
            Action::PrevField | Action::Up => {
                self.focus = (self.focus + n - 1) % n;
                self.picks.clear();
            }
            Action::Left | Action::Right => {
                f.cycle(if action == Action::Left { -1 } else { 1 });
                return !f.choices.is_empty();
            }
            Action::Type(c) if f.choices.is_empty() => {
                f.value.push(c);
                return true;
            }
            Action::Type(' ') => {
                f.cycle(1);
                return true;
            }
            Action::Type(c) => return f.jump(c),
            Action::Erase if f.choices.is_empty() => return f.value.pop().is_some(),
            Action::ClearField if f.choices.is_empty() => {
                let changed = !f.value.is_empty();
                f.value.clear();
                return changed;
            }
            _ => {}
        }
        false
    }

    /// Shows a refusal beside `field` (or under the form) and focuses it.
    pub fn refuse(&mut self, field: Option<Field>, message: String) {
        for f in &mut self.fields {
            f.error = None;
        }
        self.error = None;
        match field.and_then(|fl| self.fields.iter().position(|f| f.field == fl)) {
            Some(i) => {
                self.fields[i].error = Some(message);
                self.focus = i;
            }
            // The live check said it already (with the nearest free time,
            // which the refusal leaves out): say it once.
            None if self.note.as_ref().is_some_and(|(note, _)| note.starts_with(&format!("✖ {message}"))) => {}
            None => self.error = Some(message),
        }
    }

    /// Draws the form centred over `area`, with the caret at the end of the
    /// focused field.
    pub fn view(&self, frame: &mut Frame, area: Rect) {
        let label_w = self.fields.iter().map(|f| width(&f.label)).max().unwrap_or(0) + 2;
        let w = area.width.saturating_sub(4).min(76);
        let value_w = usize::from(w.saturating_sub(2)).saturating_sub(label_w + 1);
        let inner_w = usize::from(w.saturating_sub(2)).max(1);
        let mut lines: Vec<Line> = Vec::new();
        let mut caret = None;
        for (i, f) in self.fields.iter().enumerate() {
            let focused = i == self.focus;
            let label_style = if focused { theme::key() } else { theme::dim() };
            let shown = cut(&f.shown(), value_w);
            if focused && f.choices.is_empty() {
                caret = Some((lines.len(), label_w + width(&shown)));
            }
            let mut spans = vec![Span::styled(fit(&f.label, label_w), label_style), Span::raw(shown.clone())];
            let room = value_w.saturating_sub(width(&shown) + 2);
            if f.value.is_empty() && !f.hint.is_empty() && room > 4 {
                spans.push(Span::styled(format!("  {}", cut(&f.hint, room)), theme::dim()));
            }
            lines.push(Line::from(spans));
            if focused {
                for (j, (_, shown)) in self.picks.iter().enumerate() {
                    let (mark, style) = if j == self.pick { ("▶ ", theme::key()) } else { ("  ", theme::dim()) };
                    lines.push(Line::from(vec![
                        Span::raw(" ".repeat(label_w)),
                        Span::styled(cut(&format!("{mark}{shown}"), value_w), style),
                    ]));
                }
            }
            if let Some(e) = &f.error {
                for part in wrap(&format!("✖ {e}"), inner_w.saturating_sub(label_w)) {
                    lines.push(Line::from(vec![Span::raw(" ".repeat(label_w)), Span::styled(part, theme::error())]));
                }
            }
        }
        // Messages are wrapped here, by cells, rather than by the Paragraph:
        // so the box is as tall as the lines it holds, and a Hangul syllable
        // at a line's edge moves to the next line instead of being lost.
        let mut message = |text: &str, style| {
            lines.push(Line::default());
            lines.extend(wrap(text, inner_w).into_iter().map(|l| Line::styled(l, style)));
        };
        if let Some((note, tone)) = &self.note {
            message(note, if *tone == Tone::Error { theme::error() } else { theme::info() });
        }
        if let Some(e) = &self.error {
            message(&format!("✖ {e}"), theme::error());
        }
        let h = (lines.len() as u16 + 2).min(area.height);
        let popup = super::widgets::centered(area, w, h);
        let block = Block::bordered().title(Span::styled(format!(" {} ", self.title), theme::title()));
        frame.render_widget(Clear, popup);
        frame.render_widget(Paragraph::new(lines).block(block), popup);
        if let Some((row, col)) = caret {
            let x = popup.x + 1 + col as u16;
            let y = popup.y + 1 + row as u16;
            if x < popup.right() && y < popup.bottom() {
                frame.set_cursor_position(Position::new(x, y));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> Form {
        Form::new(
            TenantForm::NewCompany,
            "t".into(),
            vec![
                FormField::text(Field::Name, "이름", "", ""),
                FormField::choice(
                    Field::Zone,
                    "권역",
                    "bukpyeong",
                    vec![("gangneung".into(), "강릉".into()), ("bukpyeong".into(), "북평".into())],
                ),
            ],
        )
    }

    #[test]
    fn a_refusal_the_live_check_already_showed_is_said_once() {
        let mut f = form();
        let said = "자격: 이준원은(는) 자격이 없습니다".to_owned();
        let note = format!("✖ {said} — 가장 가까운 빈 시간 12:00–13:00");
        f.note = Some((note.clone(), crate::tui::app::Tone::Error));
        f.refuse(None, said);
        assert_eq!((f.note.clone(), f.error.clone()), (Some((note, crate::tui::app::Tone::Error)), None));
        f.note = Some(("빈 호실 3".to_owned(), crate::tui::app::Tone::Info));
        f.refuse(None, "다른 이유".to_owned());
        assert!(f.note.is_some(), "other feedback stays beside the refusal");
    }

    #[test]
    fn typing_goes_to_the_focused_field_and_choices_cycle() {
        let mut f = form();
        for c in "세라텍".chars() {
            assert!(f.edit(Action::Type(c)));
        }
        assert!(f.edit(Action::Erase));
        assert_eq!(f.value(Field::Name), "세라");
        f.edit(Action::NextField);
        assert!(!f.edit(Action::Type('x')), "a letter that starts no choice changes nothing");
        assert_eq!(f.value(Field::Zone), "bukpyeong");
        f.edit(Action::Right);
        assert_eq!(f.value(Field::Zone), "gangneung");
        f.edit(Action::Left);
        assert_eq!(f.value(Field::Zone), "bukpyeong");
        f.edit(Action::NextField);
        assert_eq!(f.focus, 0, "Tab wraps");
    }

    #[test]
    fn a_refusal_lands_on_its_field_and_keeps_the_text() {
        let mut f = form();
        f.edit(Action::Type('x'));
        f.edit(Action::NextField);
        f.refuse(Some(Field::Name), "bad".into());
        assert_eq!(f.focus, 0);
        assert_eq!(f.fields[0].error.as_deref(), Some("bad"));
        assert_eq!(f.value(Field::Name), "x");
        f.refuse(Some(Field::Brn), "elsewhere".into());
        assert_eq!(f.error.as_deref(), Some("elsewhere"));
        assert_eq!(f.fields[0].error, None);
    }

    #[test]
    fn a_letter_jumps_to_the_choice_it_starts_and_never_cycles_otherwise() {
        let mut f = form();
        f.edit(Action::NextField);
        assert!(f.edit(Action::Type('ㄱ')), "a Hangul initial");
        assert_eq!(f.value(Field::Zone), "gangneung");
        assert!(!f.edit(Action::Type('ㄱ')), "the only choice starting with it: stays");
        assert!(f.edit(Action::Type('북')));
        assert_eq!(f.value(Field::Zone), "bukpyeong");
        assert!(f.edit(Action::Type('G')), "codes match too, whatever the case");
        assert_eq!(f.value(Field::Zone), "gangneung");
        for c in ['x', 'ㅎ', '1', '-'] {
            assert!(!f.edit(Action::Type(c)));
            assert_eq!(f.value(Field::Zone), "gangneung", "{c} starts nothing");
        }
        assert_eq!(initial('북'), Some('ㅂ'));
        assert_eq!(initial('힣'), Some('ㅎ'));
        assert_eq!(initial('a'), None);
    }
}
