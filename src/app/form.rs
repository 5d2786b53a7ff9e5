//! Forms: a title and a column of fields (single-line text, or a choice among options that
//! typing filters), moved through with Tab and Entrée. A form only collects text; what it
//! means, and its validation, belong to whoever opened it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea};

use super::keymap::Command;

/// A form being filled.
#[derive(Debug)]
pub struct Form {
    /// Title shown on its frame.
    pub title: String,
    /// The fields, top to bottom.
    pub fields: Vec<Field>,
    /// Index of the field with the cursor.
    pub focus: usize,
    /// A message about the whole form, in French.
    pub error: Option<String>,
    /// What to know while filling it, shown above the fields, one line each (the history of
    /// the objective evaluated or edited).
    pub context: Vec<String>,
}

/// One field.
#[derive(Debug)]
pub struct Field {
    /// Name by which the code reads it.
    pub name: &'static str,
    /// Label shown to the user.
    pub label: String,
    /// What it holds.
    pub kind: FieldKind,
    /// Help shown under it ("jj/mm/aaaa").
    pub hint: Option<String>,
    /// What is wrong with it, in French.
    pub error: Option<String>,
}

/// The kinds of field.
#[derive(Debug)]
pub enum FieldKind {
    /// A line of text.
    Text(Box<TextArea<'static>>),
    /// One option among several; typing filters them.
    Choice(ChoiceField),
}

/// A choice field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceField {
    /// (label shown, value returned).
    pub options: Vec<(String, String)>,
    /// Index of the selected option.
    pub selected: usize,
    /// What the user typed to find an option.
    pub filter: String,
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    /// The form stays open.
    Continue,
    /// The user asked to validate it.
    Submit,
    /// The user abandoned it.
    Cancel,
}

impl Form {
    /// An empty form.
    pub fn new(title: impl Into<String>) -> Form {
        Form {
            title: title.into(),
            fields: Vec::new(),
            focus: 0,
            error: None,
            context: Vec::new(),
        }
    }

    /// Sets what the form shows above its fields, one line each.
    pub fn context(mut self, lines: Vec<String>) -> Form {
        self.context = lines;
        self
    }

    /// Adds a text field with an initial value.
    pub fn text(mut self, name: &'static str, label: &str, value: &str) -> Form {
        let mut area = TextArea::new(vec![value.replace('\n', " ")]);
        area.set_cursor_line_style(ratatui::style::Style::default());
        area.move_cursor(CursorMove::End);
        self.fields.push(Field {
            name,
            label: label.into(),
            kind: FieldKind::Text(Box::new(area)),
            hint: None,
            error: None,
        });
        self
    }

    /// Adds a choice field; `selected` is the value selected at first, if among the options.
    pub fn choice(
        mut self,
        name: &'static str,
        label: &str,
        options: Vec<(String, String)>,
        selected: Option<&str>,
    ) -> Form {
        let selected = selected
            .and_then(|v| options.iter().position(|(_, value)| value == v))
            .unwrap_or(0);
        let choice = ChoiceField {
            options,
            selected,
            filter: String::new(),
        };
        self.fields.push(Field {
            name,
            label: label.into(),
            kind: FieldKind::Choice(choice),
            hint: None,
            error: None,
        });
        self
    }

    /// Sets the hint of the last field added.
    pub fn hint(mut self, hint: &str) -> Form {
        if let Some(field) = self.fields.last_mut() {
            field.hint = Some(hint.into());
        }
        self
    }

    /// Whether a text field holds something typed (a choice always holds a value).
    pub fn has_typed_text(&self) -> bool {
        self.fields
            .iter()
            .any(|f| matches!(f.kind, FieldKind::Text(_)) && !self.value(f.name).trim().is_empty())
    }

    /// Every field's name with its text or chosen value.
    pub fn values(&self) -> Vec<(String, String)> {
        self.fields
            .iter()
            .map(|f| (f.name.to_string(), self.value(f.name)))
            .collect()
    }

    /// Puts back values taken with [`Form::values`] (fields not named keep theirs; a choice
    /// whose value is no longer among its options keeps its own) and the focus.
    pub fn restore(&mut self, values: &[(String, String)], focus: usize) {
        for (name, value) in values {
            let Some(field) = self.fields.iter_mut().find(|f| f.name == name) else {
                continue;
            };
            match &mut field.kind {
                FieldKind::Text(area) => {
                    let mut fresh = TextArea::new(vec![value.clone()]);
                    fresh.set_cursor_line_style(ratatui::style::Style::default());
                    fresh.move_cursor(CursorMove::End);
                    **area = fresh;
                }
                FieldKind::Choice(choice) => {
                    if let Some(at) = choice.options.iter().position(|(_, v)| v == value) {
                        choice.selected = at;
                    }
                }
            }
        }
        self.focus = focus.min(self.fields.len().saturating_sub(1));
    }

    /// The text of a text field, or the value of a choice field ("" if no such field).
    pub fn value(&self, name: &str) -> String {
        match self.field(name).map(|f| &f.kind) {
            Some(FieldKind::Text(area)) => area.lines().join(" "),
            Some(FieldKind::Choice(c)) => c
                .options
                .get(c.selected)
                .map(|(_, v)| v.clone())
                .unwrap_or_default(),
            None => String::new(),
        }
    }

    fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Marks a field as wrong, and puts the cursor on the first wrong field.
    pub fn set_error(&mut self, name: &str, message: impl Into<String>) {
        if let Some(i) = self.fields.iter().position(|f| f.name == name) {
            self.fields[i].error = Some(message.into());
            if let Some(first) = self.fields.iter().position(|f| f.error.is_some()) {
                self.focus = first;
            }
        }
    }

    /// Forgets the errors of a previous validation.
    pub fn clear_errors(&mut self) {
        self.error = None;
        for field in &mut self.fields {
            field.error = None;
        }
    }

    /// Whether the field with the cursor is a text field (where typing goes).
    pub fn focus_is_text(&self) -> bool {
        matches!(
            self.fields.get(self.focus).map(|f| &f.kind),
            Some(FieldKind::Text(_))
        )
    }

    /// Handles a key: a form command if the key table gave one, else editing of the field.
    pub fn handle(&mut self, command: Option<Command>, key: KeyEvent) -> FormEvent {
        match command {
            Some(Command::NextField) => self.move_focus(1),
            Some(Command::PrevField) => self.move_focus(-1),
            Some(Command::Activate) if self.focus + 1 >= self.fields.len() => return self.submit(),
            Some(Command::Activate) => self.move_focus(1),
            Some(Command::Close) => return FormEvent::Cancel,
            Some(Command::Save) => return self.submit(),
            Some(Command::LineBreak) => self.line_feed(),
            Some(Command::ClearField) => self.clear_field(),
            Some(_) => {}
            None => self.edit(key),
        }
        FormEvent::Continue
    }

    /// Asks to submit — refused while a choice field holds typed text that matches none of its
    /// options: what was typed must not be silently dropped.
    fn submit(&mut self) -> FormEvent {
        let unmatched = self.fields.iter().position(|f| match &f.kind {
            FieldKind::Choice(c) => !c.filter.is_empty() && c.matches().is_empty(),
            FieldKind::Text(_) => false,
        });
        match unmatched {
            Some(i) => {
                let FieldKind::Choice(choice) = &self.fields[i].kind else {
                    unreachable!()
                };
                let message = format!(
                    "Aucun choix ne correspond à « {} » : Retour arrière pour corriger, ou ← → pour choisir.",
                    choice.filter
                );
                let name = self.fields[i].name;
                self.set_error(name, message);
                FormEvent::Continue
            }
            None => FormEvent::Submit,
        }
    }

    /// Pastes text into the field with the cursor (line breaks become spaces).
    pub fn paste(&mut self, text: &str) {
        let text = text.replace("\r\n", " ").replace(['\r', '\n'], " ");
        match self.fields.get_mut(self.focus).map(|f| &mut f.kind) {
            Some(FieldKind::Text(area)) => {
                area.insert_str(text);
            }
            Some(FieldKind::Choice(choice)) => choice.type_filter(&text),
            None => {}
        }
    }

    /// A line feed (Ctrl+J) in a one-line field: a space in a text field, as a pasted line
    /// break is, so that the text of several lines is kept; nothing in a choice. It never
    /// moves to the next field nor submits the form.
    fn line_feed(&mut self) {
        if let Some(Field {
            kind: FieldKind::Text(area),
            error,
            ..
        }) = self.fields.get_mut(self.focus)
        {
            area.insert_char(' ');
            *error = None;
        }
    }

    /// Empties the field with the cursor (Ctrl+U): its text, or a choice's search.
    fn clear_field(&mut self) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            match &mut field.kind {
                FieldKind::Text(area) => {
                    let mut fresh = TextArea::new(vec![String::new()]);
                    fresh.set_cursor_line_style(ratatui::style::Style::default());
                    **area = fresh;
                }
                FieldKind::Choice(choice) => {
                    choice.filter.clear();
                    choice.refilter();
                }
            }
            field.error = None;
        }
    }

    fn move_focus(&mut self, by: isize) {
        let count = self.fields.len() as isize;
        if count > 0 {
            // A search typed in a choice is a way to find an option, not something to keep:
            // leaving the field keeps the option found and forgets the search, so that text no
            // longer shown can never block the form. A search that found nothing is said under
            // the field, with the option that stays chosen.
            if let Some(Field {
                kind: FieldKind::Choice(choice),
                error,
                ..
            }) = self.fields.get_mut(self.focus)
                && !choice.filter.is_empty()
            {
                *error = choice.matches().is_empty().then(|| {
                    let kept = choice
                        .options
                        .get(choice.selected)
                        .map_or(String::new(), |(label, _)| label.clone());
                    format!(
                        "« {} » ne correspond à aucun choix : « {kept} » reste choisi.",
                        choice.filter
                    )
                });
                choice.filter.clear();
            }
            self.focus = (self.focus as isize + by).rem_euclid(count) as usize;
        }
    }

    fn edit(&mut self, key: KeyEvent) {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let typed = |c| (!ctrl && !alt || ctrl && alt).then_some(c);
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        match &mut field.kind {
            FieldKind::Text(area) => match key.code {
                KeyCode::Char(c) => {
                    if let Some(c) = typed(c) {
                        area.insert_char(c);
                    }
                }
                KeyCode::Backspace => {
                    area.delete_char();
                }
                KeyCode::Delete => {
                    area.delete_next_char();
                }
                KeyCode::Left => area.move_cursor(CursorMove::Back),
                KeyCode::Right => area.move_cursor(CursorMove::Forward),
                KeyCode::Home => area.move_cursor(CursorMove::Head),
                KeyCode::End => area.move_cursor(CursorMove::End),
                _ => {}
            },
            FieldKind::Choice(choice) => match key.code {
                KeyCode::Left => choice.step(-1),
                KeyCode::Right => choice.step(1),
                KeyCode::Char(' ') if choice.filter.is_empty() => choice.step(1),
                KeyCode::Backspace => {
                    choice.filter.pop();
                    choice.refilter();
                }
                KeyCode::Char(c) => {
                    if let Some(c) = typed(c) {
                        choice.type_filter(&c.to_string());
                    }
                }
                _ => {}
            },
        }
        field.error = None;
    }
}

impl ChoiceField {
    /// Indices of the options matching the filter.
    pub fn matches(&self) -> Vec<usize> {
        let filter = fold(&self.filter);
        (0..self.options.len())
            .filter(|&i| fold(&self.options[i].0).contains(&filter))
            .collect()
    }

    fn step(&mut self, by: isize) {
        let matches = self.matches();
        if matches.is_empty() {
            return;
        }
        let at = matches
            .iter()
            .position(|&i| i == self.selected)
            .unwrap_or(0) as isize;
        self.selected = matches[(at + by).rem_euclid(matches.len() as isize) as usize];
    }

    fn type_filter(&mut self, text: &str) {
        self.filter.push_str(text);
        self.refilter();
    }

    fn refilter(&mut self) {
        let matches = self.matches();
        if !matches.contains(&self.selected)
            && let Some(&first) = matches.first()
        {
            self.selected = first;
        }
    }
}

pub use crate::fr::fold;

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn type_in(form: &mut Form, text: &str) {
        for c in text.chars() {
            form.handle(None, key(KeyCode::Char(c)));
        }
    }

    fn form() -> Form {
        let people = vec![
            ("Hélène Marchand".into(), "1".into()),
            ("Jean-Baptiste Lefèvre".into(), "2".into()),
            ("Lucie N'Diaye".into(), "9".into()),
        ];
        Form::new("Objectif")
            .text("statement", "Énoncé", "")
            .choice("owner", "Responsable", people, Some("2"))
            .text("due", "Échéance", "")
            .hint("jj/mm/aaaa")
    }

    #[test]
    fn typing_fills_the_focused_text_field() {
        let mut f = form();
        type_in(&mut f, "Ouvrir l'ENT é");
        assert_eq!(f.value("statement"), "Ouvrir l'ENT é");
        f.handle(None, key(KeyCode::Backspace));
        assert_eq!(f.value("statement"), "Ouvrir l'ENT ");
    }

    #[test]
    fn tab_and_enter_move_through_fields_and_enter_on_the_last_submits() {
        let mut f = form();
        assert_eq!(
            f.handle(Some(Command::NextField), key(KeyCode::Tab)),
            FormEvent::Continue
        );
        assert_eq!(f.focus, 1);
        assert_eq!(
            f.handle(Some(Command::PrevField), key(KeyCode::BackTab)),
            FormEvent::Continue
        );
        assert_eq!(
            f.handle(Some(Command::PrevField), key(KeyCode::BackTab)),
            FormEvent::Continue
        );
        assert_eq!(f.focus, 2, "wraps around");
        assert_eq!(
            f.handle(Some(Command::Activate), key(KeyCode::Enter)),
            FormEvent::Submit
        );
        f.focus = 0;
        assert_eq!(
            f.handle(Some(Command::Activate), key(KeyCode::Enter)),
            FormEvent::Continue
        );
        assert_eq!(f.focus, 1);
        assert_eq!(
            f.handle(Some(Command::Close), key(KeyCode::Esc)),
            FormEvent::Cancel
        );
    }

    #[test]
    fn a_choice_starts_on_the_given_value_cycles_and_filters_without_accents() {
        let mut f = form();
        f.focus = 1;
        assert_eq!(f.value("owner"), "2");
        f.handle(None, key(KeyCode::Right));
        assert_eq!(f.value("owner"), "9");
        f.handle(None, key(KeyCode::Right));
        assert_eq!(f.value("owner"), "1", "wraps around");
        type_in(&mut f, "lefev");
        assert_eq!(f.value("owner"), "2");
        type_in(&mut f, "zzz");
        assert_eq!(f.value("owner"), "2", "no match keeps the selection");
        for _ in 0..8 {
            f.handle(None, key(KeyCode::Backspace));
        }
        assert_eq!(f.fields[1].kind_filter(), "");
    }

    #[test]
    fn a_search_that_found_nothing_is_said_when_leaving_and_never_blocks() {
        let mut f = form();
        f.focus = 1;
        type_in(&mut f, "dsden");
        f.handle(Some(Command::NextField), key(KeyCode::Tab));
        assert_eq!(f.fields[1].kind_filter(), "", "the search is forgotten");
        // "d" found Hélène Marchand before "ds" found nobody: she stays chosen, and it is said.
        assert_eq!(
            f.fields[1].error.as_deref(),
            Some("« dsden » ne correspond à aucun choix : « Hélène Marchand » reste choisi.")
        );
        assert_eq!(
            f.handle(Some(Command::Activate), key(KeyCode::Enter)),
            FormEvent::Submit,
            "nothing hidden blocks the last Entrée"
        );
        assert_eq!(f.value("owner"), "1");
    }

    #[test]
    fn right_moves_forward_during_a_search_and_ctrl_u_clears_a_field() {
        let mut f = form();
        f.focus = 1;
        type_in(&mut f, "e");
        let first = f.value("owner");
        f.handle(None, key(KeyCode::Right));
        assert_ne!(f.value("owner"), first, "→ moves among the matches");
        f.handle(None, key(KeyCode::Left));
        assert_eq!(f.value("owner"), first);
        f.handle(
            Some(Command::ClearField),
            KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
        );
        assert_eq!(f.fields[1].kind_filter(), "");
        f.focus = 0;
        type_in(&mut f, "Texte à effacer");
        f.handle(
            Some(Command::ClearField),
            KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
        );
        assert_eq!(f.value("statement"), "");
        type_in(&mut f, "Nouveau");
        assert_eq!(f.value("statement"), "Nouveau");
    }

    #[test]
    fn typed_text_matching_no_choice_blocks_the_submission_while_shown() {
        let mut f = form();
        f.focus = 1;
        type_in(&mut f, "dsden");
        f.focus = 2;
        assert_eq!(
            f.handle(Some(Command::Activate), key(KeyCode::Enter)),
            FormEvent::Continue
        );
        assert_eq!(f.focus, 1, "back to the choice");
        assert!(
            f.fields[1]
                .error
                .as_deref()
                .unwrap()
                .contains("Aucun choix ne correspond à « dsden »")
        );
        for _ in 0..5 {
            f.handle(None, key(KeyCode::Backspace));
        }
        f.focus = 2;
        assert_eq!(
            f.handle(Some(Command::Activate), key(KeyCode::Enter)),
            FormEvent::Submit
        );
    }

    #[test]
    fn errors_go_to_their_field_and_typing_clears_them() {
        let mut f = form();
        f.set_error("due", "date « 31/02 » non reconnue");
        assert_eq!(f.focus, 2);
        assert!(f.fields[2].error.is_some());
        type_in(&mut f, "1");
        assert!(f.fields[2].error.is_none());
    }

    #[test]
    fn paste_keeps_one_line() {
        let mut f = form();
        f.paste("ligne 1\r\nligne 2");
        assert_eq!(f.value("statement"), "ligne 1 ligne 2");
    }

    #[test]
    fn a_line_feed_is_a_space_and_never_moves_nor_submits() {
        let mut f = form();
        let lf = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL);
        type_in(&mut f, "ligne 1");
        assert_eq!(f.handle(Some(Command::LineBreak), lf), FormEvent::Continue);
        type_in(&mut f, "ligne 2");
        assert_eq!(f.value("statement"), "ligne 1 ligne 2");
        assert_eq!(f.focus, 0);
        f.focus = 1;
        f.handle(Some(Command::LineBreak), lf);
        assert_eq!(f.value("owner"), "2", "a choice is not changed");
        f.focus = 2;
        assert_eq!(
            f.handle(Some(Command::LineBreak), lf),
            FormEvent::Continue,
            "the last field: still not submitted"
        );
        assert_eq!(f.value("due"), " ");
    }

    #[test]
    fn fold_ignores_case_and_accents() {
        assert_eq!(fold("Éloïse Lefèvre-Çà"), "eloise lefevre-ca");
    }

    impl Field {
        fn kind_filter(&self) -> &str {
            match &self.kind {
                FieldKind::Choice(c) => &c.filter,
                FieldKind::Text(_) => "",
            }
        }
    }
}
