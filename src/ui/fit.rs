//! Fitting text into columns: cut with "…" (at the end of a word when one is near enough), or
//! wrapped at spaces. Wrapping is the notes editor's own (`app::wrap`), so that the wall, the
//! tables and the editor break lines alike; every label, title and table cell that may be too
//! long for its place goes through here.

use ratatui::layout::{Constraint, Flex, Layout, Rect};

use crate::app::wrap;

/// Width of a text in cells, as the screen draws it.
pub fn width(text: &str) -> usize {
    wrap::width(text)
}

/// Characters a cut text does not end on before its "…": spaces, opening brackets, separators.
fn dangling(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '(' | '[' | '«' | '“' | '·' | '—' | '–' | '-' | ':' | ',' | ';' | '/' | '\u{a0}'
        )
}

/// The text if it fits in `width` columns; else cut so that it ends with "…" within them. The
/// cut is at the end of a word when that keeps three quarters of the room, else inside a word
/// (« Tour de table des nouve… » says more than « Tour de table des… »).
pub fn ellipsis(text: &str, width: usize) -> String {
    if wrap::width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let room = width - 1;
    let (mut end, mut used) = (0, 0);
    for glyph in wrap::glyphs(text) {
        if used + glyph.width > room {
            break;
        }
        used += glyph.width;
        end = glyph.at + glyph.symbol.len();
    }
    let mut cut = &text[..end];
    let inside_word = !text[end..].starts_with(char::is_whitespace)
        && cut.chars().next_back().is_some_and(|c| !c.is_whitespace());
    if inside_word
        && let Some(space) = cut.rfind(char::is_whitespace)
        && wrap::width(&cut[..space]) * 4 >= room * 3
    {
        cut = &cut[..space];
    }
    let kept = cut.trim_end_matches(dangling);
    let kept = if kept.is_empty() { cut } else { kept };
    format!("{kept}…")
}

/// A frame's title (" Titre ") for a frame `outer` columns wide: cut with "…" to leave its
/// corners, keeping the space after it.
pub fn title(text: &str, outer: u16) -> String {
    let room = usize::from(outer.saturating_sub(2));
    if wrap::width(text) <= room {
        return text.to_string();
    }
    let mut cut = ellipsis(text.trim_end(), room.saturating_sub(1));
    if !cut.is_empty() {
        cut.push(' ');
    }
    cut
}

/// The widths of a table's columns, as ratatui's `Table` lays them out (spacing 1, from the
/// left) in `width` columns, after `selection` columns for the highlight symbol: so that cells
/// can be cut or wrapped to them before the table clips them.
pub fn columns(constraints: &[Constraint], width: u16, selection: u16) -> Vec<u16> {
    let rest = width.saturating_sub(selection);
    Layout::horizontal(constraints.iter().copied())
        .flex(Flex::Start)
        .spacing(1)
        .split(Rect::new(0, 0, rest, 1))
        .iter()
        .map(|r| r.width)
        .collect()
}

/// A table's cells cut with "…" to their columns' widths.
pub fn cells<'a>(texts: impl IntoIterator<Item = &'a str>, widths: &[u16]) -> Vec<String> {
    texts
        .into_iter()
        .zip(widths)
        .map(|(text, w)| ellipsis(text, usize::from(*w)))
        .collect()
}

/// The text on rows of at most `width` columns, cut at spaces (a word longer than a row is cut
/// inside), on at most `max` rows: the last one kept ends with "…" when text is left over.
pub fn wrapped(text: &str, width: usize, max: usize) -> Vec<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let width = width.max(1);
    let rows = wrap::wrap(&text, width);
    let mut lines: Vec<String> = rows
        .iter()
        .take(max.max(1))
        .map(|row| text[row.clone()].trim_end().to_string())
        .collect();
    let kept = lines.len();
    if rows.len() > kept
        && let Some(last) = lines.last_mut()
    {
        *last = ellipsis(text[rows[kept - 1].start..].trim_end(), width);
    }
    lines
}

/// The words of the text on rows of at most `width` columns, none cut; `None` if a word is
/// longer than a row (large letters then give way to a smaller size).
pub fn words_on_rows(text: &str, width: usize) -> Option<Vec<String>> {
    if width == 0 || text.split_whitespace().any(|w| wrap::width(w) > width) {
        return None;
    }
    let lines = wrapped(text, width, usize::MAX);
    Some(lines.into_iter().filter(|l| !l.is_empty()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_fits_is_left_alone() {
        assert_eq!(ellipsis("Décisions", 9), "Décisions");
        assert_eq!(ellipsis("", 0), "");
    }

    #[test]
    fn a_cut_ends_with_an_ellipsis_within_the_width() {
        for room in 1..37 {
            let cut = ellipsis("Objectif fixé à la réunion précédente", room);
            assert!(width(&cut) <= room, "{room}: {cut}");
            assert!(cut.ends_with('…'), "{room}: {cut}");
        }
    }

    #[test]
    fn a_cut_falls_between_words_when_one_ends_near() {
        assert_eq!(
            ellipsis("Objectif fixé à la réunion précédente", 33),
            "Objectif fixé à la réunion…"
        );
        assert_eq!(
            ellipsis("2/5 évalués (Espace : résultat, Entrée : commentaire)", 24),
            "2/5 évalués (Espace…"
        );
        // No word ends in the last quarter: cut inside the word rather than lose it all.
        assert_eq!(ellipsis("IEN de circonscription", 16), "IEN de circonsc…");
    }

    #[test]
    fn a_title_keeps_its_corners_and_its_space() {
        let t = title(" Bilan des objectifs (Espace : résultat) ", 24);
        assert!(width(&t) <= 22, "{t}");
        assert_eq!(t, " Bilan des objectifs… ");
        assert_eq!(title(" Notes ", 20), " Notes ");
    }

    #[test]
    fn wrapped_rows_break_at_spaces_and_the_last_says_more_follows() {
        assert_eq!(
            wrapped(
                "Désigner un correspondant numérique dans chaque école",
                20,
                9
            ),
            [
                "Désigner un",
                "correspondant",
                "numérique dans",
                "chaque école"
            ]
        );
        let two = wrapped(
            "Désigner un correspondant numérique dans chaque école",
            20,
            2,
        );
        assert_eq!(two, ["Désigner un", "correspondant numér…"]);
        for row in wrapped(&"mot ".repeat(50), 7, 100) {
            assert!(width(&row) <= 7, "{row}");
        }
    }

    #[test]
    fn columns_are_those_the_table_draws() {
        use ratatui::buffer::Buffer;
        use ratatui::widgets::{Row, Table, Widget};
        let constraints = [
            Constraint::Fill(3),
            Constraint::Length(12),
            Constraint::Length(8),
        ];
        let widths = columns(&constraints, 40, 0);
        assert_eq!(widths.iter().sum::<u16>() + 2, 40, "{widths:?}");
        let texts = [
            "Objectif fixé à la réunion précédente",
            "Responsable",
            "Résultat",
        ];
        let row = Row::new(cells(texts, &widths));
        let mut buf = Buffer::empty(Rect::new(0, 0, 40, 1));
        Widget::render(Table::new([row], constraints), buf.area, &mut buf);
        let shown: String = buf.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(shown, "Objectif fixé à…   Responsable  Résultat");
    }

    #[test]
    fn words_on_rows_refuses_a_word_longer_than_a_row() {
        assert_eq!(
            words_on_rows("Tour de table", 8),
            Some(vec!["Tour de".to_string(), "table".to_string()])
        );
        assert_eq!(words_on_rows("anticonstitutionnellement", 8), None);
    }
}
