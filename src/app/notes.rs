//! The notes editor of one agenda item. It is a ratatui-textarea, but one that holds only a
//! window of the lines around the cursor; the lines above and below wait aside. The textarea
//! rebuilds its screen map over all its lines at every edit, so a keystroke would cost more
//! with every page of notes; with the window it costs the same at line 10 or line 5,000.
//! The window moves when the cursor comes near one of its edges.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, Scrolling, TextArea, WrapMode};

use crate::model::agenda::{PRIVATE_MARK, private_mark_len};

/// Lines kept in the textarea after the window moves.
const WINDOW: usize = 64;
/// The window moves when the cursor comes this close to an edge with lines beyond it.
const MARGIN: usize = 24;

/// A notes editor; see the module documentation.
#[derive(Debug)]
pub struct NotesEditor {
    /// Lines above the window, in order.
    above: Vec<String>,
    /// The window being edited.
    area: TextArea<'static>,
    /// Lines below the window, last line first (so the line next to the window is popped).
    below: Vec<String>,
}

impl NotesEditor {
    /// An editor on that text, with the cursor at its end, where the secretary goes on typing.
    pub fn new(text: &str) -> NotesEditor {
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let split = lines.len().saturating_sub(WINDOW);
        let window = lines.split_off(split);
        let mut editor = NotesEditor {
            above: lines,
            area: textarea(window),
            below: Vec::new(),
        };
        editor.area.move_cursor(CursorMove::Bottom);
        editor.area.move_cursor(CursorMove::End);
        editor
    }

    /// An editor on that text with the cursor at (line, character), clamped to the text.
    pub fn at(text: &str, cursor: (usize, usize)) -> NotesEditor {
        let mut editor = NotesEditor::new(text);
        let line = cursor.0.min(editor.line_count() - 1);
        editor.rebuild(line.saturating_sub(WINDOW / 2), (line, cursor.1));
        editor
    }

    /// The whole text.
    pub fn text(&self) -> String {
        let mut text = String::with_capacity(self.len_hint());
        let lines = self
            .above
            .iter()
            .chain(self.area.lines())
            .chain(self.below.iter().rev());
        for (i, line) in lines.enumerate() {
            if i > 0 {
                text.push('\n');
            }
            text.push_str(line);
        }
        text
    }

    fn len_hint(&self) -> usize {
        let count = |lines: &[String]| lines.iter().map(|l| l.len() + 1).sum::<usize>();
        count(&self.above) + count(self.area.lines()) + count(&self.below)
    }

    /// Number of lines of the whole text.
    pub fn line_count(&self) -> usize {
        self.above.len() + self.area.lines().len() + self.below.len()
    }

    /// The cursor as (line, character) in the whole text.
    pub fn cursor(&self) -> (usize, usize) {
        let ratatui_textarea::DataCursor(row, col) = self.area.cursor();
        (self.above.len() + row, col)
    }

    /// The line the cursor is on.
    pub fn current_line(&self) -> &str {
        &self.area.lines()[self.area.cursor().0]
    }

    /// The textarea showing the window, for rendering.
    pub fn textarea(&self) -> &TextArea<'static> {
        &self.area
    }

    /// Number of the first line of the window in the whole text (0 for the first line).
    pub fn window_start(&self) -> usize {
        self.above.len()
    }

    /// Applies an editing key; returns whether the text changed. Keys that are not editing
    /// keys are ignored: commands never reach the editor. Entrée (CR) and Ctrl+J (LF) both
    /// break the line; the caller drops the LF of a CR LF pair ([`super::keymap::LineEnds`]).
    pub fn input(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let changed = match key.code {
            // AltGr arrives as Ctrl+Alt on some terminals: it still types a character.
            KeyCode::Char(c) if !ctrl && !alt || ctrl && alt => {
                self.area.insert_char(c);
                true
            }
            KeyCode::Enter => self.new_line(),
            // LF arrives as Ctrl+J (text pasted without bracketed paste, typed by a program).
            KeyCode::Char('j') if ctrl => self.new_line(),
            KeyCode::Backspace if ctrl || alt => self.area.delete_word(),
            KeyCode::Backspace => self.area.delete_char(),
            KeyCode::Delete if ctrl || alt => self.area.delete_next_word(),
            KeyCode::Delete => self.area.delete_next_char(),
            KeyCode::Left if ctrl => self.moved(CursorMove::WordBack),
            KeyCode::Right if ctrl => self.moved(CursorMove::WordForward),
            KeyCode::Left => self.moved(CursorMove::Back),
            KeyCode::Right => self.moved(CursorMove::Forward),
            KeyCode::Up => self.moved(CursorMove::Up),
            KeyCode::Down => self.moved(CursorMove::Down),
            KeyCode::Home if ctrl => self.jump_to_start(),
            KeyCode::End if ctrl => self.jump_to_end(),
            KeyCode::Home => self.moved(CursorMove::Head),
            KeyCode::End => self.moved(CursorMove::End),
            KeyCode::PageUp => {
                self.area.scroll(Scrolling::PageUp);
                false
            }
            KeyCode::PageDown => {
                self.area.scroll(Scrolling::PageDown);
                false
            }
            _ => false,
        };
        self.follow_cursor();
        changed
    }

    /// Inserts pasted text at the cursor, exactly as it comes but for the terminal's line
    /// ends (CR or CRLF), which become line breaks.
    pub fn paste(&mut self, text: &str) -> bool {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let changed = self.area.insert_str(text);
        self.follow_cursor();
        changed
    }

    /// Undoes the last edit made in the current window.
    pub fn undo(&mut self) -> bool {
        let changed = self.area.undo();
        self.follow_cursor();
        changed
    }

    /// Redoes the last undone edit.
    pub fn redo(&mut self) -> bool {
        let changed = self.area.redo();
        self.follow_cursor();
        changed
    }

    /// Marks the line under the cursor private (see [`PRIVATE_MARK`]), or removes its mark;
    /// the cursor stays on the same character. Undone by Ctrl+Z like any edit.
    pub fn toggle_private(&mut self) -> bool {
        let ratatui_textarea::DataCursor(row, col) = self.area.cursor();
        let at = |col: usize| {
            let jump = |v: usize| u16::try_from(v).unwrap_or(u16::MAX);
            CursorMove::Jump(jump(row), jump(col))
        };
        self.area.move_cursor(CursorMove::Head);
        match private_mark_len(self.current_line()) {
            Some(len) => {
                self.area.delete_str(len);
                self.area.move_cursor(at(col.saturating_sub(len)));
            }
            None => {
                self.area.insert_str(PRIVATE_MARK);
                self.area
                    .move_cursor(at(col + PRIVATE_MARK.chars().count()));
            }
        }
        true
    }

    /// Whether there is no text at all.
    pub fn is_empty(&self) -> bool {
        self.line_count() == 1 && self.area.lines()[0].is_empty()
    }

    fn new_line(&mut self) -> bool {
        self.area.insert_newline();
        true
    }

    fn moved(&mut self, movement: CursorMove) -> bool {
        self.area.move_cursor(movement);
        false
    }

    fn jump_to_start(&mut self) -> bool {
        self.rebuild(0, (0, 0));
        false
    }

    fn jump_to_end(&mut self) -> bool {
        let last = self.line_count() - 1;
        let start = self.line_count().saturating_sub(WINDOW);
        self.rebuild(start, (last, usize::MAX));
        self.area.move_cursor(CursorMove::End);
        false
    }

    /// Moves the window when the cursor comes near an edge with lines beyond it, or when the
    /// window has grown well past its size.
    fn follow_cursor(&mut self) {
        let row = self.area.cursor().0;
        let len = self.area.lines().len();
        let near_top = row < MARGIN && !self.above.is_empty();
        let near_bottom = len - row <= MARGIN && !self.below.is_empty();
        let too_big = len > WINDOW + MARGIN
            && (row >= WINDOW / 2 + MARGIN || len - row > WINDOW / 2 + MARGIN);
        if near_top || near_bottom || too_big {
            let (line, col) = self.cursor();
            let start = line.saturating_sub(WINDOW / 2);
            self.rebuild(start, (line, col));
        }
    }

    /// Rebuilds the window from line `start` and puts the cursor at `cursor` (whole-text
    /// coordinates), keeping the cursor at the same height on screen.
    fn rebuild(&mut self, start: usize, cursor: (usize, usize)) {
        let on_screen = self
            .area
            .screen_cursor()
            .row
            .saturating_sub(usize::from(self.area.scroll_offset().0));
        let mut all: Vec<String> = std::mem::take(&mut self.above);
        all.extend(self.area.lines().iter().cloned());
        all.extend(std::mem::take(&mut self.below).into_iter().rev());
        let start = start.min(all.len().saturating_sub(1));
        let end = (start + WINDOW).min(all.len());
        let mut below = all.split_off(end);
        below.reverse();
        let window = all.split_off(start);
        let wrap = self.area.wrap_mode();
        self.above = all;
        self.below = below;
        self.area = textarea(window);
        self.area.set_wrap_mode(wrap);
        let row = cursor.0.clamp(start, end - 1) - start;
        let col = cursor.1.min(self.area.lines()[row].chars().count());
        let jump = |v: usize| u16::try_from(v).unwrap_or(u16::MAX);
        self.area
            .move_cursor(CursorMove::Jump(jump(row), jump(col)));
        let cursor_row = self.area.screen_cursor().row;
        let top = cursor_row.saturating_sub(on_screen);
        if top > 0 {
            self.area
                .scroll((i16::try_from(top).unwrap_or(i16::MAX), 0));
            self.area
                .move_cursor(CursorMove::Jump(jump(row), jump(col)));
        }
    }
}

fn textarea(lines: Vec<String>) -> TextArea<'static> {
    let mut area = TextArea::new(lines);
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_cursor_line_style(ratatui::style::Style::default());
    area.set_max_histories(200);
    area
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn type_text(editor: &mut NotesEditor, text: &str) {
        for c in text.chars() {
            editor.input(if c == '\n' {
                key(KeyCode::Enter)
            } else {
                key(KeyCode::Char(c))
            });
        }
    }

    fn numbered(n: usize) -> String {
        (0..n)
            .map(|i| format!("ligne {i}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn starts_at_the_end_and_keeps_the_text_byte_for_byte() {
        let text = "Première ligne\n\tdeuxième « é à œ Œ ç » 中文 👩‍🏫 🇫🇷\r\n\x1b[31mrouge";
        let mut editor = NotesEditor::new(text);
        assert_eq!(editor.text(), text);
        assert_eq!(editor.cursor(), (2, "\x1b[31mrouge".chars().count()));
        type_text(&mut editor, "!");
        assert_eq!(editor.text(), format!("{text}!"));
    }

    #[test]
    fn typing_accents_cjk_and_emoji_inserts_them() {
        let mut editor = NotesEditor::new("");
        type_text(&mut editor, "Décision : œuvre commune\n中文 e\u{301} 👨‍👩‍👧");
        assert_eq!(editor.text(), "Décision : œuvre commune\n中文 e\u{301} 👨‍👩‍👧");
        assert_eq!(editor.current_line(), "中文 e\u{301} 👨‍👩‍👧");
    }

    #[test]
    fn altgr_characters_are_typed_and_control_keys_are_ignored() {
        let mut editor = NotesEditor::new("");
        editor.input(KeyEvent::new(
            KeyCode::Char('€'),
            KeyModifiers::CONTROL | KeyModifiers::ALT,
        ));
        assert!(!editor.input(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL)));
        assert!(!editor.input(key(KeyCode::F(8))));
        assert_eq!(editor.text(), "€");
    }

    #[test]
    fn enter_and_ctrl_j_break_the_line() {
        let mut editor = NotesEditor::new("");
        type_text(&mut editor, "un");
        assert!(editor.input(key(KeyCode::Enter)));
        type_text(&mut editor, "deux");
        assert!(editor.input(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL)));
        type_text(&mut editor, "trois");
        assert_eq!(editor.text(), "un\ndeux\ntrois");
        assert_eq!(editor.cursor(), (2, 5));
    }

    #[test]
    fn backspace_delete_and_undo_edit_as_expected() {
        let mut editor = NotesEditor::new("abc");
        editor.input(key(KeyCode::Backspace));
        assert_eq!(editor.text(), "ab");
        editor.input(key(KeyCode::Home));
        editor.input(key(KeyCode::Delete));
        assert_eq!(editor.text(), "b");
        editor.undo();
        assert_eq!(editor.text(), "ab");
        editor.redo();
        assert_eq!(editor.text(), "b");
    }

    #[test]
    fn paste_turns_terminal_line_ends_into_breaks_and_keeps_the_rest() {
        let mut editor = NotesEditor::new("");
        editor.paste("a\r\nb\rc\n\x1b[2Jd");
        assert_eq!(editor.text(), "a\nb\nc\n\x1b[2Jd");
    }

    #[test]
    fn a_long_text_keeps_only_a_window_in_the_textarea() {
        let text = numbered(5000);
        let mut editor = NotesEditor::new(&text);
        assert!(editor.textarea().lines().len() <= WINDOW);
        assert_eq!(editor.line_count(), 5000);
        assert_eq!(editor.cursor(), (4999, "ligne 4999".len()));
        type_text(&mut editor, " fin");
        assert_eq!(editor.text(), format!("{text} fin"));
    }

    #[test]
    fn the_window_follows_the_cursor_through_the_whole_text() {
        let text = numbered(2000);
        let mut editor = NotesEditor::new(&text);
        for _ in 0..1999 {
            editor.input(key(KeyCode::Up));
        }
        assert_eq!(editor.cursor().0, 0);
        assert_eq!(editor.current_line(), "ligne 0");
        editor.input(key(KeyCode::Home));
        type_text(&mut editor, "> ");
        for _ in 0..1000 {
            editor.input(key(KeyCode::Down));
        }
        assert_eq!(editor.current_line(), "ligne 1000");
        editor.input(key(KeyCode::Home));
        type_text(&mut editor, "> ");
        assert!(editor.textarea().lines().len() <= 2 * WINDOW);
        let expected = text.replacen("ligne 0", "> ligne 0", 1).replacen(
            "\nligne 1000\n",
            "\n> ligne 1000\n",
            1,
        );
        assert!(
            editor.text() == expected,
            "the edits landed on lines 0 and 1000 and nowhere else"
        );
    }

    #[test]
    fn ctrl_home_and_ctrl_end_jump_across_the_whole_text() {
        let mut editor = NotesEditor::new(&numbered(3000));
        editor.input(KeyEvent::new(KeyCode::Home, KeyModifiers::CONTROL));
        assert_eq!(editor.cursor(), (0, 0));
        editor.input(KeyEvent::new(KeyCode::End, KeyModifiers::CONTROL));
        assert_eq!(editor.cursor(), (2999, "ligne 2999".len()));
    }

    #[test]
    fn toggle_private_marks_and_unmarks_the_current_line_and_keeps_the_cursor() {
        let mut editor = NotesEditor::new("Public\nBudget serré");
        editor.input(key(KeyCode::Left));
        assert!(editor.toggle_private());
        assert_eq!(editor.text(), "Public\n[privé] Budget serré");
        type_text(&mut editor, "!");
        assert_eq!(
            editor.text(),
            "Public\n[privé] Budget serr!é",
            "the cursor stayed before é"
        );
        editor.toggle_private();
        assert_eq!(editor.text(), "Public\nBudget serr!é");
        editor.undo();
        assert_eq!(editor.text(), "Public\n[privé] Budget serr!é");
        let mut hand = NotesEditor::new("[Privé]Note");
        hand.toggle_private();
        assert_eq!(hand.text(), "Note", "a mark typed by hand is removed too");
    }

    #[test]
    fn typing_many_lines_keeps_the_window_bounded() {
        let mut editor = NotesEditor::new("");
        for i in 0..1500 {
            type_text(&mut editor, &format!("note {i}\n"));
        }
        assert!(editor.textarea().lines().len() <= 2 * WINDOW + 1);
        assert_eq!(editor.line_count(), 1501);
        assert!(editor.text().starts_with("note 0\nnote 1\n"));
    }
}
