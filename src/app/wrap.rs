//! Soft wrapping of the notes for the screen: where each row of a line starts and ends —
//! at spaces, or inside a word longer than a row — measured for the rows on screen only.
//! A line is wrapped in segments of about [`SEGMENT`] bytes, each cut just after a space (or at
//! a character where no space is near), each wrapped on its own: the rows around any place of a
//! line of 100,000 characters are found by measuring a few thousand bytes, never the whole
//! line. A line shorter than a segment wraps as a whole.

use std::ops::Range;

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

/// Bytes of a segment (a row may end early at a segment's end, once in this many bytes).
pub const SEGMENT: usize = 1024;
/// How far after a segment's nominal start a space is looked for.
const SPACE_SEARCH: usize = 64;
/// Cells of a tab.
pub const TAB: usize = 4;

/// A row of a line on screen: its bytes in the line.
pub type Row = Range<usize>;

/// A glyph as drawn: where it starts in the text, the text it draws, and its width in cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph<'a> {
    /// Byte offset of the glyph in the text.
    pub at: usize,
    /// What it draws: one character, or a grapheme cluster.
    pub symbol: &'a str,
    /// Its width in cells (0 for what the terminal does not draw, [`TAB`] for a tab).
    pub width: usize,
}

/// Whether a character is a glyph on its own (no combining mark, joiner or selector can follow
/// or precede it in a cluster), as almost all of French text is.
fn alone(c: char) -> bool {
    let code = c as u32;
    (code < 0x300 && c != '\r') || matches!(code, 0x2010..=0x2027 | 0x2030..=0x205E | 0x20AC)
}

fn char_width(c: char) -> usize {
    if c == '\t' {
        TAB
    } else if c.is_control() {
        0
    } else {
        c.width().unwrap_or(0)
    }
}

fn cluster_width(symbol: &str) -> usize {
    if symbol == "\t" {
        TAB
    } else if symbol.contains(char::is_control) {
        0
    } else {
        usize::from(symbol.cell_width())
    }
}

/// The glyphs of a text: characters when each stands alone (the fast way), else grapheme
/// clusters, measured as ratatui measures them.
pub fn glyphs(text: &str) -> Box<dyn Iterator<Item = Glyph<'_>> + '_> {
    if text.chars().all(alone) {
        Box::new(text.char_indices().map(move |(at, c)| Glyph {
            at,
            symbol: &text[at..at + c.len_utf8()],
            width: char_width(c),
        }))
    } else {
        Box::new(text.grapheme_indices(true).map(|(at, symbol)| Glyph {
            at,
            symbol,
            width: cluster_width(symbol),
        }))
    }
}

/// Width of a text in cells.
pub fn width(text: &str) -> usize {
    let mut cells = 0;
    for c in text.chars() {
        if !alone(c) {
            return text.graphemes(true).map(cluster_width).sum();
        }
        cells += char_width(c);
    }
    cells
}

fn is_space(symbol: &str) -> bool {
    symbol.chars().next().is_some_and(char::is_whitespace)
}

/// The rows of a text `width` cells wide, as ranges of its bytes (at least one row). Words
/// are kept whole on a row when they fit, and a word longer than a row is cut between glyphs;
/// the spaces after a word stay at the end of its row, past the edge if need be (they are not
/// drawn), so that no row but the first starts with a space that was typed between two words.
pub fn wrap(text: &str, width: usize) -> Vec<Row> {
    wrap_measured(text, width).0
}

/// [`wrap`], and the width of the last row. A text of characters that stand alone (nearly
/// every line of notes) is measured character by character in one pass; at the first one
/// that may join others, it is measured again by grapheme clusters.
fn wrap_measured(text: &str, width: usize) -> (Vec<Row>, usize) {
    let mut rows = Wrapper::new(width);
    for (at, c) in text.char_indices() {
        if !alone(c) {
            let mut rows = Wrapper::new(width);
            for (at, symbol) in text.grapheme_indices(true) {
                rows.push(at, cluster_width(symbol), is_space(symbol));
            }
            return rows.finish(text.len());
        }
        rows.push(at, char_width(c), c.is_whitespace());
    }
    rows.finish(text.len())
}

/// Rows being cut from a text, glyph after glyph.
struct Wrapper {
    width: usize,
    rows: Vec<Row>,
    /// Where the row being filled starts, and its width so far.
    row_start: usize,
    col: usize,
    /// Where the run of spaces or of other glyphs being read starts, and the row's width
    /// before it.
    chunk_start: usize,
    chunk_col: usize,
    in_space: Option<bool>,
}

impl Wrapper {
    fn new(width: usize) -> Wrapper {
        Wrapper {
            width: width.max(1),
            rows: Vec::new(),
            row_start: 0,
            col: 0,
            chunk_start: 0,
            chunk_col: 0,
            in_space: None,
        }
    }

    /// The next glyph: at byte `at`, `width` cells wide, a space or not.
    #[inline]
    fn push(&mut self, at: usize, width: usize, space: bool) {
        if self.in_space != Some(space) {
            self.in_space = Some(space);
            self.chunk_start = at;
            self.chunk_col = self.col;
        }
        if self.col + width > self.width && self.col > 0 && !space {
            // The word goes whole to the next row if it started on this one…
            if self.chunk_start > self.row_start {
                self.rows.push(self.row_start..self.chunk_start);
                self.row_start = self.chunk_start;
                self.col -= self.chunk_col;
                self.chunk_col = 0;
            }
            // …and is cut where it is longer than a row.
            if self.col + width > self.width && self.col > 0 {
                self.rows.push(self.row_start..at);
                self.row_start = at;
                self.chunk_start = at;
                self.col = 0;
                self.chunk_col = 0;
            }
        }
        self.col += width;
    }

    /// The rows of a text `len` bytes long, and the width of the last one.
    fn finish(mut self, len: usize) -> (Vec<Row>, usize) {
        self.rows.push(self.row_start..len);
        (self.rows, self.col)
    }
}

/// Byte where segment `k` of the line starts.
fn segment_start(line: &str, k: usize) -> usize {
    let nominal = k * SEGMENT;
    if k == 0 || nominal >= line.len() {
        return nominal.min(line.len());
    }
    let bytes = line.as_bytes();
    let end = (nominal + SPACE_SEARCH).min(line.len());
    if let Some(space) = bytes[nominal..end].iter().position(|b| *b == b' ') {
        return nominal + space + 1;
    }
    let mut at = nominal;
    while !line.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The segment of the line that holds byte `at` (the last one for the end of the line).
pub fn segment(line: &str, at: usize) -> Range<usize> {
    let at = at.min(line.len());
    let mut k = at / SEGMENT;
    while k > 0 && segment_start(line, k) > at {
        k -= 1;
    }
    let mut start = segment_start(line, k);
    let mut end = segment_start(line, k + 1);
    if end <= start && k > 0 {
        // `at` is the end of the line and the last segment is empty: the one before.
        end = start;
        start = segment_start(line, k - 1);
    }
    if at == end && end < line.len() {
        return segment(line, end);
    }
    start..end.max(start)
}

/// The rows of the segment of `line` that holds byte `at`, in bytes of the line. The last
/// segment of a line that fills its last row exactly gets one more, empty row, where the cursor
/// stands at the end of the line.
pub fn rows_at(line: &str, at: usize, width: usize) -> Vec<Row> {
    let seg = segment(line, at);
    let (rows, last_width) = wrap_measured(&line[seg.clone()], width);
    let mut rows: Vec<Row> = rows
        .into_iter()
        .map(|r| r.start + seg.start..r.end + seg.start)
        .collect();
    if seg.end == line.len() && !seg.is_empty() && last_width >= width.max(1) {
        rows.push(line.len()..line.len());
    }
    rows
}

/// Index of the row that holds byte `at` among rows of its segment.
pub fn row_index(rows: &[Row], at: usize) -> usize {
    rows.iter()
        .position(|r| r.start <= at && at < r.end)
        .unwrap_or(rows.len() - 1)
}

/// A row of the notes: which line, and which bytes of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineRow {
    /// The line.
    pub line: usize,
    /// Its bytes on this row.
    pub bytes: Row,
}

/// Rows of a text of several lines, walked from a row forwards or backwards; `line(i)` gives
/// line `i`.
pub struct Rows<'a, F: Fn(usize) -> &'a str> {
    line: F,
    count: usize,
    width: usize,
}

impl<'a, F: Fn(usize) -> &'a str> Rows<'a, F> {
    /// Rows `width` cells wide of the `count` lines that `line` gives.
    pub fn new(line: F, count: usize, width: usize) -> Self {
        Rows { line, count, width }
    }

    fn rows_at(&self, line: usize, at: usize) -> Vec<Row> {
        rows_at((self.line)(line), at, self.width)
    }

    /// The row that holds byte `at` of line `line`.
    pub fn row_of(&self, line: usize, at: usize) -> LineRow {
        let rows = self.rows_at(line, at);
        let i = row_index(&rows, at);
        LineRow {
            line,
            bytes: rows[i].clone(),
        }
    }

    /// Up to `n` rows from `from` on (itself first).
    pub fn forward(&self, from: &LineRow, n: usize) -> Vec<LineRow> {
        let mut out = Vec::with_capacity(n.min(256));
        let mut line = from.line;
        let mut at = from.bytes.start;
        while out.len() < n && line < self.count {
            let text = (self.line)(line);
            let rows = self.rows_at(line, at);
            let first = row_index(&rows, at);
            for bytes in &rows[first..] {
                if out.len() == n {
                    break;
                }
                out.push(LineRow {
                    line,
                    bytes: bytes.clone(),
                });
            }
            let end = rows.last().map_or(text.len(), |r| r.end);
            if end < text.len() {
                at = end;
            } else {
                line += 1;
                at = 0;
            }
        }
        out
    }

    /// Up to `n` rows before `from` (not itself), nearest first.
    pub fn backward(&self, from: &LineRow, n: usize) -> Vec<LineRow> {
        let mut out = Vec::with_capacity(n.min(256));
        let mut line = from.line;
        let mut before = from.bytes.start;
        loop {
            if out.len() == n {
                break;
            }
            if before == 0 {
                if line == 0 {
                    break;
                }
                line -= 1;
                let rows = self.rows_at(line, (self.line)(line).len());
                for bytes in rows.iter().rev().take(n - out.len()) {
                    out.push(LineRow {
                        line,
                        bytes: bytes.clone(),
                    });
                }
                before = rows[0].start;
                continue;
            }
            let rows = self.rows_at(line, before - 1);
            for bytes in rows
                .iter()
                .rev()
                .filter(|r| r.end <= before && r.start < before)
            {
                if out.len() == n {
                    break;
                }
                out.push(LineRow {
                    line,
                    bytes: bytes.clone(),
                });
            }
            before = rows[0].start;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, rows: &[Row]) -> Vec<&'a str> {
        rows.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn words_go_whole_to_the_next_row_and_long_words_are_cut() {
        let text = "le conseil valide la formation";
        assert_eq!(
            texts(text, &wrap(text, 12)),
            ["le conseil ", "valide la ", "formation"]
        );
        assert_eq!(
            texts("abcdefghij", &wrap("abcdefghij", 4)),
            ["abcd", "efgh", "ij"]
        );
        // Spaces that do not fit stay at the end of their row, past the edge.
        assert_eq!(texts("abcd  efg", &wrap("abcd  efg", 4)), ["abcd  ", "efg"]);
        assert_eq!(
            texts("  abcdefg", &wrap("  abcdefg", 4)),
            ["  ", "abcd", "efg"]
        );
        assert_eq!(wrap("", 10), vec![0..0]);
    }

    #[test]
    fn wide_characters_and_clusters_take_their_cells() {
        let text = "中文中文中";
        assert_eq!(texts(text, &wrap(text, 5)), ["中文", "中文", "中"]);
        let text = "e\u{301}e\u{301}e\u{301}";
        assert_eq!(width(text), 3);
        assert_eq!(
            texts(text, &wrap(text, 2)),
            ["e\u{301}e\u{301}", "e\u{301}"]
        );
        assert_eq!(width("👩‍🏫"), 2);
        assert_eq!(width("a\tb\x1b"), 2 + TAB);
    }

    #[test]
    fn every_byte_is_on_exactly_one_row() {
        let text = crate::sample::large_notes(40).replace('\n', " ");
        for width in [1, 7, 46, 130] {
            let rows = wrap(&text, width);
            assert_eq!(rows[0].start, 0);
            assert_eq!(rows.last().unwrap().end, text.len());
            assert!(rows.windows(2).all(|w| w[0].end == w[1].start));
            assert!(
                rows.iter().all(|r| {
                    let drawn = text[r.clone()].trim_end_matches(' ');
                    super::width(drawn) <= width || drawn.len() <= 4
                }),
                "{width}"
            );
        }
    }

    #[test]
    fn a_long_line_is_wrapped_segment_by_segment_and_rows_cover_it() {
        let line = "mot ".repeat(30_000);
        let seg = segment(&line, 50_000);
        assert!(seg.start <= 50_000 && 50_000 < seg.end);
        assert!(seg.len() <= SEGMENT + SPACE_SEARCH);
        assert_eq!(&line[seg.start - 1..seg.start], " ");
        assert_eq!(segment(&line, line.len()).end, line.len());
        let rows = Rows::new(|_| line.as_str(), 1, 46);
        let first = rows.row_of(0, 0);
        let all = rows.forward(&first, usize::MAX);
        assert_eq!(all.first().unwrap().bytes.start, 0);
        assert_eq!(all.last().unwrap().bytes.end, line.len());
        assert!(all.windows(2).all(|w| w[0].bytes.end == w[1].bytes.start));
        let last = all.last().unwrap().clone();
        let back = rows.backward(&last, usize::MAX);
        assert_eq!(back.len(), all.len() - 1);
        assert!(back.iter().rev().eq(all[..all.len() - 1].iter()));
    }

    #[test]
    fn a_line_that_fills_its_last_row_gets_an_empty_row_for_the_cursor() {
        assert_eq!(rows_at("abcd", 4, 4), [0..4, 4..4]);
        assert_eq!(
            rows_at("abcd ", 5, 4),
            [0..5, 5..5],
            "a space past the edge"
        );
        assert_eq!(rows_at("abc", 3, 4), vec![0..3]);
        assert_eq!(row_index(&rows_at("abcd", 4, 4), 4), 1);
    }

    #[test]
    fn rows_walk_across_lines_both_ways() {
        let lines = ["un deux trois", "", "quatre"];
        let rows = Rows::new(|i| lines[i], 3, 6);
        let all = rows.forward(&rows.row_of(0, 0), 10);
        let shown: Vec<(usize, &str)> = all
            .iter()
            .map(|r| (r.line, &lines[r.line][r.bytes.clone()]))
            .collect();
        assert_eq!(
            shown,
            [
                (0, "un "),
                (0, "deux "),
                (0, "trois"),
                (1, ""),
                (2, "quatre"),
                (2, "")
            ]
        );
        let back = rows.backward(&rows.row_of(2, 0), 3);
        assert_eq!(back, [all[3].clone(), all[2].clone(), all[1].clone()]);
    }

    /// The rows by grapheme clusters only, as every text was measured before the shortcut.
    fn by_clusters(text: &str, width: usize) -> (Vec<Row>, usize) {
        let mut rows = Wrapper::new(width);
        for (at, symbol) in text.grapheme_indices(true) {
            rows.push(at, cluster_width(symbol), is_space(symbol));
        }
        rows.finish(text.len())
    }

    proptest::proptest! {
        /// Measured character by character or by clusters, a text is cut in the same rows.
        #[test]
        fn characters_alone_wrap_as_their_clusters_do(
            text in "[a-zéœ’— \t\r\u{1}\u{a0}\u{ad}中]{0,40}(e\u{301}|👩‍🏫|\r\n)?[a-z ]{0,10}",
            cells in 1usize..12,
        ) {
            proptest::prop_assert_eq!(wrap_measured(&text, cells), by_clusters(&text, cells));
            let clusters: usize = text.graphemes(true).map(cluster_width).sum();
            proptest::prop_assert_eq!(width(&text), clusters);
        }
    }
}
