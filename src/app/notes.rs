//! The notes editor of one agenda item: the lines of the notes and a cursor, the edits and
//! their undo, and the rows the pane shows. The lines are kept on both sides of the cursor's
//! line, so an edit or a move costs what it touches, whatever the length of the notes; screen
//! rows are measured only where the pane shows them (see [`super::wrap`]), so a key costs the
//! same at line 10 or 50,000, and in a line of 10 characters or of 100,000.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::wrap::{self, LineRow, Rows};
use crate::model::agenda::{PRIVATE_MARK, private_mark_len};

/// Edits kept for undo.
const HISTORY: usize = 200;

/// A place in the notes: a line, and a byte of it (on a character boundary).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    /// The line, from 0.
    pub line: usize,
    /// The byte in the line.
    pub at: usize,
}

/// An edit: at `at`, `removed` became `inserted` (both may hold line breaks).
#[derive(Debug, Clone)]
struct Edit {
    at: Pos,
    removed: String,
    inserted: String,
    cursor_before: Pos,
    cursor_after: Pos,
}

/// What the pane shows: its rows, and where the cursor is among them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct View {
    /// The rows, top first.
    pub rows: Vec<LineRow>,
    /// The cursor's row on screen and its column, when it is shown.
    pub cursor: Option<(u16, u16)>,
    /// Where the first row starts.
    pub top: Pos,
}

/// A notes editor; see the module documentation.
#[derive(Debug)]
pub struct NotesEditor {
    /// The lines before the cursor's line, in order.
    before: Vec<String>,
    /// The cursor's line.
    line: String,
    /// The lines after the cursor's line, last first (the next line is popped).
    after: Vec<String>,
    /// The cursor: a byte of `line`.
    at: usize,
    /// Where the first row shown starts.
    top: Pos,
    /// The size of the pane in the last frame (0 × 0 before the first).
    pane: (u16, u16),
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    /// The lines changed since the journal last heard of them, if any.
    changed: Option<Changed>,
}

/// Lines changed since a moment: lines `start..new_end` of the text now were lines
/// `start..old_end` of the text then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Changed {
    start: usize,
    old_end: usize,
    new_end: usize,
}

/// What changed in a text since a moment, by lines: lines `at..at + removed` of the text then
/// are now `lines`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineChange {
    /// The first line changed.
    pub at: usize,
    /// How many lines of the text then it replaces.
    pub removed: usize,
    /// The lines now.
    pub lines: Vec<String>,
}

impl NotesEditor {
    /// An editor on that text, with the cursor at its end, where the secretary goes on typing.
    pub fn new(text: &str) -> NotesEditor {
        let mut before: Vec<String> = text.split('\n').map(str::to_string).collect();
        let line = before.pop().unwrap_or_default();
        NotesEditor {
            at: line.len(),
            // From the top: the first frame scrolls to show the cursor on its last row.
            top: Pos::default(),
            before,
            line,
            after: Vec::new(),
            pane: (0, 0),
            undo: Vec::new(),
            redo: Vec::new(),
            changed: None,
        }
    }

    /// An editor on that text with the cursor at (line, character), clamped to the text.
    pub fn at(text: &str, cursor: (usize, usize)) -> NotesEditor {
        let mut editor = NotesEditor::new(text);
        editor.go_to_line(cursor.0);
        let at = editor
            .line
            .char_indices()
            .nth(cursor.1)
            .map_or(editor.line.len(), |(i, _)| i);
        editor.at = at;
        editor
    }

    /// The whole text.
    pub fn text(&self) -> String {
        let mut text = String::new();
        self.write_to(&mut text);
        text
    }

    /// Writes the whole text into `text`, in place of what it held (its memory is reused).
    pub fn write_to(&self, text: &mut String) {
        let len = self
            .before
            .iter()
            .chain(&self.after)
            .map(|l| l.len() + 1)
            .sum::<usize>();
        text.clear();
        // A text reused for a longer one grows by a little (not to twice its size, as
        // `reserve` may), yet not at each character typed: a large text is not copied at
        // every flush.
        let needed = len + self.line.len();
        if text.capacity() < needed {
            text.reserve_exact(needed + needed / 16);
        }
        for line in &self.before {
            text.push_str(line);
            text.push('\n');
        }
        text.push_str(&self.line);
        for line in self.after.iter().rev() {
            text.push('\n');
            text.push_str(line);
        }
    }

    /// The lines changed since the last call (or since the editor was made), and forgets
    /// them: it costs the lines changed, whatever the length of the text.
    pub fn take_changes(&mut self) -> Option<LineChange> {
        let changed = self.changed.take()?;
        Some(LineChange {
            at: changed.start,
            removed: changed.old_end - changed.start,
            lines: (changed.start..changed.new_end)
                .map(|i| self.line(i).to_string())
                .collect(),
        })
    }

    /// Forgets the lines changed (the whole text was told).
    pub fn forget_changes(&mut self) {
        self.changed = None;
    }

    /// Notes that lines `start..start + old` became `start..start + new`.
    fn note_change(&mut self, start: usize, old: usize, new: usize) {
        self.changed = Some(match self.changed {
            None => Changed {
                start,
                old_end: start + old,
                new_end: start + new,
            },
            Some(c) => {
                // The union of both, in the lines as they were before this change.
                let low = c.start.min(start);
                let high = c.new_end.max(start + old);
                Changed {
                    start: low,
                    old_end: high - c.new_end + c.old_end,
                    new_end: high - old + new,
                }
            }
        });
    }

    /// Number of lines of the whole text.
    pub fn line_count(&self) -> usize {
        self.before.len() + 1 + self.after.len()
    }

    /// Line `i` of the text (the last line past the end).
    pub fn line(&self, i: usize) -> &str {
        let here = self.before.len();
        if i < here {
            &self.before[i]
        } else if i == here || self.after.is_empty() {
            &self.line
        } else {
            let below = (i - here - 1).min(self.after.len() - 1);
            &self.after[self.after.len() - 1 - below]
        }
    }

    /// The cursor as (line, character) in the whole text.
    pub fn cursor(&self) -> (usize, usize) {
        (self.before.len(), self.line[..self.at].chars().count())
    }

    /// The cursor as (line, byte).
    pub fn position(&self) -> Pos {
        Pos {
            line: self.before.len(),
            at: self.at,
        }
    }

    /// The line the cursor is on.
    pub fn current_line(&self) -> &str {
        &self.line
    }

    /// Applies an editing key; returns whether the text changed. Keys that are not editing
    /// keys are ignored: commands never reach the editor.
    pub fn input(&mut self, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            // AltGr arrives as Ctrl+Alt on some terminals: it still types a character.
            KeyCode::Char(c) if !ctrl && !alt || ctrl && alt => {
                self.insert(c.encode_utf8(&mut [0; 4]))
            }
            KeyCode::Enter => self.insert("\n"),
            // LF arrives as Ctrl+J (text pasted without bracketed paste, typed by a program).
            KeyCode::Char('j') if ctrl => self.insert("\n"),
            KeyCode::Backspace if ctrl || alt => self.delete_back(true),
            KeyCode::Backspace => self.delete_back(false),
            KeyCode::Delete if ctrl || alt => self.delete_forward(true),
            KeyCode::Delete => self.delete_forward(false),
            _ => {
                self.move_cursor(key.code, ctrl);
                false
            }
        }
    }

    /// Inserts pasted text at the cursor, exactly as it comes but for the terminal's line
    /// ends (CR or CRLF), which become line breaks.
    pub fn paste(&mut self, text: &str) -> bool {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        self.insert(&text)
    }

    /// Undoes the last edit.
    pub fn undo(&mut self) -> bool {
        let Some(edit) = self.undo.pop() else {
            return false;
        };
        self.splice(edit.at, edit.inserted.len(), &edit.removed);
        self.set_cursor(edit.cursor_before);
        self.redo.push(edit);
        true
    }

    /// Redoes the last undone edit.
    pub fn redo(&mut self) -> bool {
        let Some(edit) = self.redo.pop() else {
            return false;
        };
        self.splice(edit.at, edit.removed.len(), &edit.inserted);
        self.set_cursor(edit.cursor_after);
        self.undo.push(edit);
        true
    }

    /// Marks the line under the cursor private (see [`PRIVATE_MARK`]), or removes its mark;
    /// the cursor stays on the same character. Undone by Ctrl+Z like any edit.
    pub fn toggle_private(&mut self) -> bool {
        let here = self.position();
        let start = Pos {
            line: here.line,
            at: 0,
        };
        let at = match private_mark_len(&self.line) {
            Some(chars) => {
                let len = self
                    .line
                    .char_indices()
                    .nth(chars)
                    .map_or(self.line.len(), |(i, _)| i);
                self.edit(start, len, "");
                here.at.saturating_sub(len)
            }
            None => {
                self.edit(start, 0, PRIVATE_MARK);
                here.at + PRIVATE_MARK.len()
            }
        };
        self.set_cursor(Pos {
            line: here.line,
            at,
        });
        true
    }

    /// Whether there is no text at all.
    pub fn is_empty(&self) -> bool {
        self.line_count() == 1 && self.line.is_empty()
    }

    /// What a pane of that size shows: the rows from the first one shown in the last frame,
    /// moved as little as needed to show the cursor.
    pub fn view(&self, width: u16, height: u16) -> View {
        let height = usize::from(height);
        if width == 0 || height == 0 {
            return View {
                rows: Vec::new(),
                cursor: None,
                top: self.top,
            };
        }
        let rows = self.rows(width);
        let here = self.position();
        let cursor = rows.row_of(here.line, here.at);
        let line = self.top.line.min(self.line_count() - 1);
        let top = rows.row_of(line, self.top.at.min(self.line(line).len()));
        let shown = if (cursor.line, cursor.bytes.start) < (top.line, top.bytes.start) {
            rows.forward(&cursor, height)
        } else {
            let from_top = rows.forward(&top, height);
            if from_top.contains(&cursor) {
                from_top
            } else {
                let first = rows.backward(&cursor, height - 1).pop();
                rows.forward(first.as_ref().unwrap_or(&cursor), height)
            }
        };
        let y = shown.iter().position(|r| *r == cursor);
        let cursor = y.map(|y| {
            // Among the spaces left past the edge of a row, the cursor stays on its last column.
            let col = wrap::width(&self.line[cursor.bytes.start..here.at]);
            let col = col.min(usize::from(width) - 1);
            (y as u16, u16::try_from(col).unwrap_or(u16::MAX))
        });
        View {
            top: Pos {
                line: shown[0].line,
                at: shown[0].bytes.start,
            },
            rows: shown,
            cursor,
        }
    }

    /// Takes the size of the pane in the last frame, and where its first row started (the
    /// [`View::top`] it showed): moves by screen rows and pages go from there.
    pub fn shown(&mut self, (width, height): (u16, u16), top: Pos) {
        self.pane = (width, height);
        self.top = top;
    }

    fn rows<'a>(&'a self, width: u16) -> Rows<'a, impl Fn(usize) -> &'a str + 'a> {
        Rows::new(move |i| self.line(i), self.line_count(), usize::from(width))
    }

    /// Moves the gap to line `line`: it becomes the cursor's line (the cursor at its start).
    fn go_to_line(&mut self, line: usize) {
        let line = line.min(self.line_count() - 1);
        while self.before.len() > line {
            let previous = self.before.pop().expect("a line before");
            self.after.push(std::mem::replace(&mut self.line, previous));
        }
        while self.before.len() < line {
            let next = self.after.pop().expect("a line after");
            self.before.push(std::mem::replace(&mut self.line, next));
        }
        self.at = 0;
    }

    /// Puts the cursor at `pos` (clamped to the text and to a character boundary).
    fn set_cursor(&mut self, pos: Pos) {
        self.go_to_line(pos.line);
        let mut at = pos.at.min(self.line.len());
        while !self.line.is_char_boundary(at) {
            at -= 1;
        }
        self.at = at;
    }

    /// Replaces the `remove` bytes at `at` (line breaks included) with `insert`; the cursor
    /// ends after the insertion. Returns what was removed.
    fn splice(&mut self, at: Pos, remove: usize, insert: &str) -> String {
        self.set_cursor(at);
        let first = self.before.len();
        let start = self.at;
        let mut joined = std::mem::take(&mut self.line);
        while joined.len() - start < remove {
            let Some(next) = self.after.pop() else {
                break;
            };
            joined.push('\n');
            joined.push_str(&next);
        }
        let end = (start + remove).min(joined.len());
        let rest = joined.split_off(end);
        let removed = joined.split_off(start);
        let mut parts = insert.split('\n');
        joined.push_str(parts.next().unwrap_or_default());
        for part in parts {
            self.before
                .push(std::mem::replace(&mut joined, part.to_string()));
        }
        self.at = joined.len();
        joined.push_str(&rest);
        self.line = joined;
        let old = 1 + removed.matches('\n').count();
        let new = 1 + insert.matches('\n').count();
        self.note_change(first, old, new);
        removed
    }

    /// Replaces `remove` bytes at `at` with `insert` as one undoable edit.
    fn edit(&mut self, at: Pos, remove: usize, insert: &str) -> bool {
        if remove == 0 && insert.is_empty() {
            return false;
        }
        let cursor_before = self.position();
        let removed = self.splice(at, remove, insert);
        if self.undo.len() == HISTORY {
            self.undo.remove(0);
        }
        self.undo.push(Edit {
            at,
            removed,
            inserted: insert.to_string(),
            cursor_before,
            cursor_after: self.position(),
        });
        self.redo.clear();
        true
    }

    fn insert(&mut self, text: &str) -> bool {
        self.edit(self.position(), 0, text)
    }

    /// Deletes the character (or with `word`, the word) before the cursor, or the line break
    /// at the start of a line.
    fn delete_back(&mut self, word: bool) -> bool {
        let here = self.position();
        if here.at == 0 {
            if here.line == 0 {
                return false;
            }
            let previous = Pos {
                line: here.line - 1,
                at: self.line(here.line - 1).len(),
            };
            return self.edit(previous, 1, "");
        }
        let start = if word {
            word_start(&self.line, here.at)
        } else {
            previous_char(&self.line, here.at)
        };
        self.edit(Pos { at: start, ..here }, here.at - start, "")
    }

    /// Deletes the character (or with `word`, the word) after the cursor, or the line break at
    /// the end of a line.
    fn delete_forward(&mut self, word: bool) -> bool {
        let here = self.position();
        if here.at == self.line.len() {
            return !self.after.is_empty() && self.edit(here, 1, "");
        }
        let end = if word {
            word_end(&self.line, here.at)
        } else {
            next_char(&self.line, here.at)
        };
        self.edit(here, end - here.at, "")
    }

    fn move_cursor(&mut self, code: KeyCode, ctrl: bool) {
        let here = self.position();
        let last = self.line_count() - 1;
        let target = match code {
            KeyCode::Left if here.at == 0 && here.line > 0 => Pos {
                line: here.line - 1,
                at: self.line(here.line - 1).len(),
            },
            KeyCode::Right if here.at == self.line.len() && here.line < last => Pos {
                line: here.line + 1,
                at: 0,
            },
            KeyCode::Left if ctrl => Pos {
                at: word_start(&self.line, here.at),
                ..here
            },
            KeyCode::Right if ctrl => Pos {
                at: next_word(&self.line, here.at),
                ..here
            },
            KeyCode::Left => Pos {
                at: previous_char(&self.line, here.at),
                ..here
            },
            KeyCode::Right => Pos {
                at: next_char(&self.line, here.at),
                ..here
            },
            KeyCode::Home if ctrl => Pos::default(),
            KeyCode::End if ctrl => Pos {
                line: last,
                at: self.line(last).len(),
            },
            KeyCode::Home => Pos { at: 0, ..here },
            KeyCode::End => Pos {
                at: self.line.len(),
                ..here
            },
            KeyCode::Up => self.vertical(-1),
            KeyCode::Down => self.vertical(1),
            KeyCode::PageUp | KeyCode::PageDown => {
                let page = i32::from(self.pane.1.saturating_sub(1).max(1));
                let rows = if code == KeyCode::PageUp { -page } else { page };
                self.scroll_top(rows);
                self.vertical(rows)
            }
            _ => return,
        };
        self.set_cursor(target);
    }

    /// The place `rows` screen rows above (negative) or below the cursor, in the same column
    /// or the nearest before it; by lines of text before the first frame.
    fn vertical(&self, rows: i32) -> Pos {
        let here = self.position();
        let width = self.pane.0;
        if width == 0 {
            let line = here
                .line
                .saturating_add_signed(rows as isize)
                .min(self.line_count() - 1);
            let column = self.line[..here.at].chars().count();
            let text = self.line(line);
            let at = text
                .char_indices()
                .nth(column)
                .map_or(text.len(), |(i, _)| i);
            return Pos { line, at };
        }
        let all = self.rows(width);
        let from = all.row_of(here.line, here.at);
        let column = wrap::width(&self.line[from.bytes.start..here.at]);
        let n = rows.unsigned_abs() as usize;
        let to = if rows < 0 {
            all.backward(&from, n).pop()
        } else {
            all.forward(&from, n + 1).into_iter().skip(1).last()
        };
        let Some(to) = to else {
            return here;
        };
        let text = self.line(to.line);
        let last_row = to.bytes.end == text.len();
        let mut at = to.bytes.start;
        let mut col = 0;
        for glyph in wrap::glyphs(&text[to.bytes.clone()]) {
            if col + glyph.width > column {
                break;
            }
            let next = to.bytes.start + glyph.at + glyph.symbol.len();
            if next == to.bytes.end && !last_row {
                // The end of a row that is not the line's last is the next row's start.
                break;
            }
            col += glyph.width;
            at = next;
        }
        Pos { line: to.line, at }
    }

    /// Moves the first row shown by `rows` rows.
    fn scroll_top(&mut self, rows: i32) {
        if let Some(top) = self.top_moved(rows) {
            self.top = top;
        }
    }

    /// The first row shown, `rows` rows further.
    fn top_moved(&self, rows: i32) -> Option<Pos> {
        let width = self.pane.0;
        if width == 0 {
            return None;
        }
        let all = self.rows(width);
        let line = self.top.line.min(self.line_count() - 1);
        let top = all.row_of(line, self.top.at.min(self.line(line).len()));
        let n = rows.unsigned_abs() as usize;
        let to = if rows < 0 {
            all.backward(&top, n).pop()
        } else {
            all.forward(&top, n + 1).into_iter().skip(1).last()
        };
        to.map(|to| Pos {
            line: to.line,
            at: to.bytes.start,
        })
    }
}

fn previous_char(line: &str, at: usize) -> usize {
    line[..at].char_indices().next_back().map_or(0, |(i, _)| i)
}

fn next_char(line: &str, at: usize) -> usize {
    line[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

/// What a character is, for moving by words: a space, part of a word, or punctuation.
fn class(c: char) -> u8 {
    if c.is_whitespace() {
        0
    } else if c.is_alphanumeric() || c == '_' {
        1
    } else {
        2
    }
}

/// Start of the word before `at` (spaces before it skipped).
fn word_start(line: &str, at: usize) -> usize {
    let mut chars = line[..at]
        .char_indices()
        .rev()
        .skip_while(|(_, c)| class(*c) == 0);
    let Some((mut start, first)) = chars.next() else {
        return 0;
    };
    for (i, c) in chars {
        if class(c) != class(first) {
            break;
        }
        start = i;
    }
    start
}

/// End of the word after `at` (spaces before it skipped).
fn word_end(line: &str, at: usize) -> usize {
    let mut chars = line[at..]
        .char_indices()
        .skip_while(|(_, c)| class(*c) == 0);
    let Some((offset, first)) = chars.next() else {
        return line.len();
    };
    let mut end = at + offset + first.len_utf8();
    for (i, c) in chars {
        if class(c) != class(first) {
            break;
        }
        end = at + i + c.len_utf8();
    }
    end
}

/// Start of the next word after `at` (the rest of this word and the spaces skipped).
fn next_word(line: &str, at: usize) -> usize {
    let mut chars = line[at..].char_indices().peekable();
    let Some(&(_, first)) = chars.peek() else {
        return at;
    };
    let kind = class(first);
    let mut rest = chars.skip_while(|(_, c)| kind != 0 && class(*c) == kind);
    rest.find(|(_, c)| class(*c) != 0)
        .map_or(line.len(), |(i, _)| at + i)
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
    fn an_editor_can_open_at_a_place() {
        let editor = NotesEditor::at("un\ndeux é\ntrois", (1, 6));
        assert_eq!(editor.cursor(), (1, 6));
        assert_eq!(editor.current_line(), "deux é");
        let far = NotesEditor::at("un", (9, 9));
        assert_eq!(far.cursor(), (0, 2), "clamped to the text");
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
    fn a_long_text_opens_at_its_end() {
        let text = numbered(5000);
        let mut editor = NotesEditor::new(&text);
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
    fn typing_many_lines_keeps_them_in_order() {
        let mut editor = NotesEditor::new("");
        for i in 0..1500 {
            type_text(&mut editor, &format!("note {i}\n"));
        }
        assert_eq!(editor.line_count(), 1501);
        assert!(editor.text().starts_with("note 0\nnote 1\n"));
    }

    /// A frame of that size, as the runtime draws it and reports it back.
    fn frame(editor: &mut NotesEditor, width: u16, height: u16) -> View {
        let view = editor.view(width, height);
        editor.shown((width, height), view.top);
        view
    }

    fn shown_rows(editor: &mut NotesEditor, width: u16, height: u16) -> Vec<String> {
        frame(editor, width, height)
            .rows
            .iter()
            .map(|r| editor.line(r.line)[r.bytes.clone()].to_string())
            .collect()
    }

    #[test]
    fn the_pane_scrolls_only_when_the_cursor_leaves_it() {
        let mut editor = NotesEditor::new(&numbered(100));
        let view = frame(&mut editor, 20, 5);
        assert_eq!(shown_rows(&mut editor, 20, 5)[4], "ligne 99");
        assert_eq!(view.cursor, Some((4, 8)));
        for _ in 0..4 {
            editor.input(key(KeyCode::Up));
        }
        assert_eq!(
            frame(&mut editor, 20, 5).cursor,
            Some((0, 8)),
            "the rows stay"
        );
        assert_eq!(shown_rows(&mut editor, 20, 5)[0], "ligne 95");
        editor.input(key(KeyCode::Up));
        assert_eq!(frame(&mut editor, 20, 5).cursor, Some((0, 8)), "one row up");
        assert_eq!(shown_rows(&mut editor, 20, 5)[0], "ligne 94");
        editor.input(key(KeyCode::PageUp));
        assert_eq!(editor.current_line(), "ligne 90");
        assert_eq!(shown_rows(&mut editor, 20, 5)[0], "ligne 90");
        editor.input(key(KeyCode::PageDown));
        assert_eq!(editor.current_line(), "ligne 94");
        editor.input(KeyEvent::new(KeyCode::End, KeyModifiers::CONTROL));
        assert_eq!(shown_rows(&mut editor, 20, 5)[4], "ligne 99");
    }

    #[test]
    fn up_and_down_move_by_screen_rows_in_the_same_column() {
        let mut editor = NotesEditor::new("le conseil valide la formation\nfin");
        frame(&mut editor, 12, 10);
        assert_eq!(
            shown_rows(&mut editor, 12, 10),
            ["le conseil ", "valide la ", "formation", "fin"]
        );
        editor.input(key(KeyCode::Up));
        assert_eq!(editor.cursor(), (0, 24), "under the « i » of formation");
        editor.input(key(KeyCode::Up));
        assert_eq!(editor.cursor(), (0, 14), "the « i » of valide");
        editor.input(key(KeyCode::Up));
        editor.input(key(KeyCode::Up));
        assert_eq!(editor.cursor(), (0, 3), "Up on the first row stays");
        editor.input(key(KeyCode::Home));
        editor.input(key(KeyCode::Down));
        assert_eq!(editor.cursor(), (0, 11), "start of the second row");
        type_text(&mut editor, "X");
        assert_eq!(editor.current_line(), "le conseil Xvalide la formation");
    }

    #[test]
    fn a_space_typed_at_the_edge_stays_there_and_the_next_word_starts_the_row() {
        let mut editor = NotesEditor::new("");
        type_text(&mut editor, "abcdefghij ");
        assert_eq!(shown_rows(&mut editor, 10, 4), ["abcdefghij ", ""]);
        assert_eq!(
            frame(&mut editor, 10, 4).cursor,
            Some((1, 0)),
            "where the next word goes"
        );
        type_text(&mut editor, "k");
        assert_eq!(shown_rows(&mut editor, 10, 4), ["abcdefghij ", "k"]);
        assert_eq!(frame(&mut editor, 10, 4).cursor, Some((1, 1)));
        editor.input(key(KeyCode::Home));
        for _ in 0..10 {
            editor.input(key(KeyCode::Right));
        }
        assert_eq!(
            frame(&mut editor, 10, 4).cursor,
            Some((0, 9)),
            "before the space past the edge: on the last column"
        );
    }

    #[test]
    fn a_line_of_100_000_characters_is_edited_and_shown_at_the_cursor() {
        let line = "mot ".repeat(25_000);
        let mut editor = NotesEditor::new(&format!("avant\n{line}"));
        frame(&mut editor, 46, 7);
        type_text(&mut editor, "fin");
        let rows = shown_rows(&mut editor, 46, 7);
        assert_eq!(rows.len(), 7);
        assert!(rows[6].ends_with("mot fin"), "{rows:?}");
        assert_eq!(frame(&mut editor, 46, 7).cursor.map(|c| c.0), Some(6));
        assert_eq!(editor.text(), format!("avant\n{line}fin"));
        editor.input(key(KeyCode::Home));
        type_text(&mut editor, "> ");
        assert_eq!(
            shown_rows(&mut editor, 46, 7)[0],
            "> mot mot mot mot mot mot mot mot mot mot mot "
        );
        assert_eq!(editor.text(), format!("avant\n> {line}fin"));
        for _ in 0..3 {
            editor.input(key(KeyCode::Up));
        }
        assert_eq!(editor.current_line(), "avant");
    }

    #[test]
    fn words_are_deleted_and_crossed_with_ctrl() {
        let ctrl = |code| KeyEvent::new(code, KeyModifiers::CONTROL);
        let mut editor = NotesEditor::new("un deux, trois");
        editor.input(ctrl(KeyCode::Backspace));
        assert_eq!(editor.text(), "un deux, ");
        editor.input(ctrl(KeyCode::Left));
        assert_eq!(editor.cursor(), (0, 7));
        editor.input(ctrl(KeyCode::Left));
        assert_eq!(editor.cursor(), (0, 3));
        editor.input(ctrl(KeyCode::Delete));
        assert_eq!(editor.text(), "un , ");
        editor.input(ctrl(KeyCode::Right));
        assert_eq!(editor.cursor(), (0, 5), "past the comma: no word after it");
    }

    #[test]
    fn joined_lines_and_pastes_undo_and_redo_whole() {
        let mut editor = NotesEditor::new("un\ndeux");
        editor.input(key(KeyCode::Home));
        editor.input(key(KeyCode::Backspace));
        assert_eq!(editor.text(), "undeux");
        editor.paste("A\r\nB\nC");
        assert_eq!(editor.text(), "unA\nB\nCdeux");
        assert_eq!(editor.cursor(), (2, 1));
        assert!(editor.undo());
        assert_eq!(editor.text(), "undeux");
        assert!(editor.undo());
        assert_eq!(editor.text(), "un\ndeux");
        assert_eq!(editor.cursor(), (1, 0));
        assert!(!editor.undo());
        assert!(editor.redo() && editor.redo());
        assert_eq!(editor.text(), "unA\nB\nCdeux");
        editor.input(key(KeyCode::End));
        editor.input(key(KeyCode::Delete));
        assert_eq!(editor.text(), "unA\nB\nCdeux", "nothing after the end");
    }

    /// Applies a change by lines to a text's lines, as the journal's replay does.
    fn replay(text: &str, change: &LineChange) -> String {
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        lines.splice(change.at..change.at + change.removed, change.lines.clone());
        lines.join("\n")
    }

    #[test]
    fn the_lines_changed_since_the_last_look_turn_the_old_text_into_the_new() {
        let mut editor = NotesEditor::new(&numbered(40));
        assert_eq!(editor.take_changes(), None, "nothing typed yet");
        let ctrl = |code| KeyEvent::new(code, KeyModifiers::CONTROL);
        // Each batch is what happens between two looks of the journal.
        let batches: Vec<Vec<KeyEvent>> = vec![
            vec![key(KeyCode::Char('a'))],
            vec![key(KeyCode::Enter), key(KeyCode::Char('b'))],
            vec![key(KeyCode::Home), key(KeyCode::Backspace)],
            vec![
                ctrl(KeyCode::Home),
                key(KeyCode::Char('c')),
                ctrl(KeyCode::End),
                key(KeyCode::Char('d')),
            ],
            vec![key(KeyCode::Up), key(KeyCode::Up), key(KeyCode::Delete)],
            vec![ctrl(KeyCode::Char('j')), key(KeyCode::Enter)],
            vec![key(KeyCode::Down)],
        ];
        let mut before = editor.text();
        for (i, batch) in batches.iter().enumerate() {
            for k in batch {
                editor.input(*k);
            }
            match editor.take_changes() {
                Some(change) => {
                    // One range: edits at both ends of the text (batch 3) span it all.
                    assert!(
                        i == 3 || change.removed + change.lines.len() < 10,
                        "batch {i}: {change:?}"
                    );
                    assert_eq!(replay(&before, &change), editor.text(), "batch {i}");
                }
                None => assert_eq!(before, editor.text(), "batch {i}"),
            }
            before = editor.text();
        }
        // Pastes over several lines, undone and redone, between two looks.
        editor.paste("x\ny\nz");
        editor.undo();
        editor.redo();
        editor.undo();
        editor.undo();
        editor.paste("« é »\n\n");
        let change = editor.take_changes().unwrap();
        assert_eq!(replay(&before, &change), editor.text());
        editor.forget_changes();
        assert_eq!(editor.take_changes(), None);
    }
}
