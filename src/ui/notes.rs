//! The notes on screen: the rows the pane shows (only those are wrapped and drawn), and the
//! cursor in reverse video; while typing, only the rows whose text or cursor changed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::app::notes::{NotesEditor, Pos};
use crate::app::wrap::{self, TAB};

/// What the notes pane showed: its size, and where its first row starts. The runtime hands it
/// to the update logic after the frame (moves by screen rows and pages go from there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotesShown {
    /// Columns and rows of the text.
    pub size: (u16, u16),
    /// Where the first row starts.
    pub top: Pos,
}

/// Draws the notes in `area`, with the cursor when the notes have the keyboard.
pub fn render(editor: &NotesEditor, with_cursor: bool, buf: &mut Buffer, area: Rect) -> NotesShown {
    let area = area.intersection(buf.area);
    let view = editor.view(area.width, area.height);
    for (y, row) in (area.y..).zip(&view.rows) {
        draw_row(buf, area, y, &editor.line(row.line)[row.bytes.clone()]);
    }
    if let Some((row, col)) = view.cursor.filter(|_| with_cursor)
        && col < area.width
    {
        buf[(area.x + col, area.y + row)].set_style(Style::new().add_modifier(Modifier::REVERSED));
    }
    NotesShown {
        size: (area.width, area.height),
        top: view.top,
    }
}

/// The notes' text as the screen shows it, row by row, for frames where only the notes change:
/// a key typed changes a row or two, and only the rows whose text or cursor changed are drawn
/// again and compared with the screen (at 240x67, drawing and comparing every row of the pane
/// was most of a key's cost).
#[derive(Debug, Default)]
pub struct ShownRows {
    /// The screen's cells in the text's area, when `current`.
    shown: Buffer,
    /// Each row's text as drawn, where known.
    texts: Vec<Option<String>>,
    /// The cursor's row and column as drawn.
    cursor: Option<(u16, u16)>,
    /// A row as the screen shows it, and as it is drawn again.
    before: Buffer,
    after: Buffer,
    /// Whether `shown` is what the screen shows (until a frame draws more than the notes).
    current: bool,
}

impl ShownRows {
    /// After anything else was drawn over the text: read it from the screen again.
    pub fn forget(&mut self) {
        self.current = false;
    }

    /// Draws the notes in `area` over `last`, the frame on screen, row by row: adds the cells
    /// that differ from the screen to `cells` (as ratatui's diff finds them), which the screen
    /// shows next.
    pub fn draw(
        &mut self,
        editor: &NotesEditor,
        last: &Buffer,
        area: Rect,
        cells: &mut Vec<super::Written>,
    ) -> NotesShown {
        let area = area.intersection(last.area);
        if !self.current || self.shown.area != area {
            super::copy_area(last, area, &mut self.shown);
            self.texts.clear();
            self.texts.resize(usize::from(area.height), None);
            self.current = true;
        }
        let view = editor.view(area.width, area.height);
        let cursor = view.cursor.filter(|&(_, col)| col < area.width);
        let width = usize::from(area.width);
        for (i, y) in (area.top()..area.bottom()).enumerate() {
            let text = view
                .rows
                .get(i)
                .map_or("", |row| &editor.line(row.line)[row.bytes.clone()]);
            let col_on = |c: Option<(u16, u16)>| c.filter(|&(r, _)| usize::from(r) == i);
            if self.texts[i].as_deref() == Some(text) && col_on(cursor) == col_on(self.cursor) {
                continue;
            }
            let row = Rect::new(area.x, y, area.width, 1);
            self.after.resize(row);
            self.after.reset();
            draw_row(&mut self.after, row, y, text);
            if let Some((_, col)) = col_on(cursor) {
                self.after[(area.x + col, y)]
                    .set_style(Style::new().add_modifier(Modifier::REVERSED));
            }
            self.before.resize(row);
            let shown = &mut self.shown.content[i * width..(i + 1) * width];
            self.before.content.clone_from_slice(shown);
            cells.extend(
                self.before
                    .diff_iter(&self.after)
                    .map(|(x, y, cell)| (x, y, cell.clone())),
            );
            shown.clone_from_slice(&self.after.content);
            let known = self.texts[i].get_or_insert_with(String::new);
            known.clear();
            known.push_str(text);
        }
        self.cursor = cursor;
        NotesShown {
            size: (area.width, area.height),
            top: view.top,
        }
    }
}

/// Draws one row's text from the left of `area`, cut at its right edge.
fn draw_row(buf: &mut Buffer, area: Rect, y: u16, text: &str) {
    let mut x = area.x;
    for glyph in wrap::glyphs(text) {
        let width = glyph.width as u16;
        if width == 0 {
            continue;
        }
        if x + width > area.right() {
            break;
        }
        if glyph.symbol == "\t" {
            for i in 0..TAB as u16 {
                buf[(x + i, y)].set_symbol(" ");
            }
        } else {
            buf[(x, y)].set_symbol(glyph.symbol);
            for i in 1..width {
                buf[(x + i, y)].reset();
            }
        }
        x += width;
    }
}
