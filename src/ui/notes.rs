//! The notes on screen: the rows the pane shows (only those are wrapped and drawn), and the
//! cursor in reverse video.

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
