//! French typography for the exported documents: non-breaking spaces before « : ; ! ? » and
//! inside « », and dates, times and durations as French documents write them
//! ("mardi 8 décembre 2026 à 14 h").

use chrono::{NaiveDate, NaiveTime};

use crate::fr;

/// Non-breaking space, before « : » and inside « ».
pub const NBSP: char = '\u{a0}';
/// Narrow non-breaking space, before « ; ! ? ».
pub const NNBSP: char = '\u{202f}';

/// The text with French spacing around punctuation. Ordinary spaces before « : ; ! ? » and
/// inside « » become non-breaking ones; a missing one is added after a word ("Date: 12" →
/// "Date : 12", "Bravo!" → "Bravo !") but never where the sign is glued on both sides, as in
/// "14:30" or an address ("https://…?q=1").
pub fn french(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut rest = text;
    // Only the signs matter; what lies between them is copied as is. 0xC2 starts « and ».
    while let Some(at) = rest
        .bytes()
        .position(|b| matches!(b, b':' | b';' | b'!' | b'?' | 0xC2))
    {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        let len = c.len_utf8();
        if c == '«' {
            out.push('«');
            let after = rest[len..].trim_start_matches([' ', '\t', NBSP, NNBSP]);
            if !after.is_empty() && !after.starts_with('»') {
                out.push(NBSP);
            }
            rest = after;
            continue;
        }
        if let Some(space) = space_before(c) {
            // Spaces before the sign become one non-breaking space of the right width; a
            // sign glued to a word gets one if it is followed by a space or the end.
            let trimmed = out.trim_end_matches([' ', '\t']).len();
            if trimmed < out.len() && trimmed > 0 {
                out.truncate(trimmed);
                out.push(space);
            } else if trimmed == out.len() {
                let glued_before = out.chars().next_back().is_some_and(is_word_end);
                let free_after = rest[len..].chars().next().is_none_or(|n| {
                    n.is_whitespace() || matches!(n, ')' | '»' | '"' | '.' | ',' | '!' | '?')
                });
                if glued_before && (free_after || c == '»') {
                    out.push(space);
                }
            }
        }
        out.push(c);
        rest = &rest[len..];
    }
    out.push_str(rest);
    out
}

/// The space French puts before a sign, if it takes one.
fn space_before(c: char) -> Option<char> {
    match c {
        ':' | '»' => Some(NBSP),
        ';' | '!' | '?' => Some(NNBSP),
        _ => None,
    }
}

/// Whether a character ends a word a sign may follow without space in English habits.
fn is_word_end(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ')' | '"' | '\'' | '’' | '…' | '%' | '€')
}

/// The typography of HTML: [`french`] applied to the text between tags only, leaving tags,
/// attributes, character references (`&amp;`) and the contents of `<style>` and `<script>`
/// untouched.
pub fn french_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    let mut raw_until: Option<&'static str> = None;
    while !rest.is_empty() {
        if let Some(end) = raw_until {
            let stop = find_ascii_ci(rest, end).unwrap_or(rest.len());
            out.push_str(&rest[..stop]);
            rest = &rest[stop..];
            raw_until = None;
            continue;
        }
        if rest.starts_with('<') {
            let stop = rest.find('>').map_or(rest.len(), |p| p + 1);
            let tag = &rest[..stop];
            if starts_with_ascii_ci(tag, "<style") {
                raw_until = Some("</style");
            } else if starts_with_ascii_ci(tag, "<script") {
                raw_until = Some("</script");
            }
            out.push_str(tag);
            rest = &rest[stop..];
            continue;
        }
        let stop = rest.find('<').unwrap_or(rest.len());
        out.push_str(&french_outside_references(&rest[..stop]));
        rest = &rest[stop..];
    }
    out
}

/// [`french`] on text that may hold character references, which are kept whole: the
/// reference stands for its character (`&#x27;` for an apostrophe, `&quot;` for a quote).
fn french_outside_references(text: &str) -> String {
    if !text.contains('&') {
        return french(text);
    }
    // Replace each reference by a private-use character, apply the typography, put them back.
    let mut refs: Vec<&str> = Vec::new();
    let mut masked = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        masked.push_str(&rest[..at]);
        let tail = &rest[at..];
        match tail.find(';').filter(|&end| {
            end > 1
                && end <= 10
                && tail[1..end]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '#')
        }) {
            Some(end) if refs.len() < 6000 => {
                masked.push(char::from_u32(0xF0000 + refs.len() as u32).unwrap_or('&'));
                refs.push(&tail[..=end]);
                rest = &tail[end + 1..];
            }
            _ => {
                masked.push('&');
                rest = &tail[1..];
            }
        }
    }
    masked.push_str(rest);
    french(&masked)
        .chars()
        .fold(String::with_capacity(text.len()), |mut out, c| {
            match (c as u32).checked_sub(0xF0000).map(|n| n as usize) {
                Some(n) if n < refs.len() => out.push_str(refs[n]),
                _ => out.push(c),
            }
            out
        })
}

fn starts_with_ascii_ci(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

fn find_ascii_ci(text: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (text.as_bytes(), needle.as_bytes());
    (0..=hay.len().checked_sub(needle.len())?)
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// "mardi 8 décembre 2026", the day and month held together.
pub fn date(date: NaiveDate) -> String {
    let long = fr::date_long(date);
    let mut parts = long.splitn(3, ' ');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(weekday), Some(day), Some(rest)) => format!("{weekday} {day}{NBSP}{rest}"),
        _ => long,
    }
}

/// "8 décembre 2026", without the weekday.
pub fn day(date: NaiveDate) -> String {
    let long = self::date(date);
    long.split_once(' ')
        .map_or(long.clone(), |(_, rest)| rest.to_string())
}

/// "14 h", "9 h 05", with non-breaking spaces.
pub fn time(time: NaiveTime) -> String {
    fr::time(time).replace(' ', "\u{a0}")
}

/// "mardi 8 décembre 2026 à 14 h", or the date alone when no time is set.
pub fn date_time(day: NaiveDate, at: Option<NaiveTime>) -> String {
    match at {
        Some(at) => format!("{} à {}", date(day), time(at)),
        None => date(day),
    }
}

/// A length of time: "20 min", "1 h", "1 h 05".
pub fn duration(seconds: u32) -> String {
    fr::duration_spaced(seconds.saturating_add(30) / 60, NBSP)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn spaces_before_high_signs_become_non_breaking() {
        assert_eq!(french("Date : demain"), "Date\u{a0}: demain");
        assert_eq!(
            french("Vraiment ? Oui ! Bon ; fin"),
            "Vraiment\u{202f}? Oui\u{202f}! Bon\u{202f}; fin"
        );
        assert_eq!(
            french("Date  :   x"),
            "Date\u{a0}:   x",
            "a run of spaces becomes one"
        );
    }

    #[test]
    fn missing_spaces_are_added_after_a_word_only() {
        assert_eq!(french("Date: 12"), "Date\u{a0}: 12");
        assert_eq!(french("Bravo!"), "Bravo\u{202f}!");
        assert_eq!(french("Quoi?!"), "Quoi\u{202f}?!");
        for kept in ["14:30", "https://exemple.fr/?q=1&r=2", "a:b", ":)", "x ::y"] {
            assert_eq!(french(kept).replace(NBSP, " "), kept, "{kept}");
        }
    }

    #[test]
    fn guillemets_hold_their_content_with_non_breaking_spaces() {
        assert_eq!(french("« Les Écrans »"), "«\u{a0}Les Écrans\u{a0}»");
        assert_eq!(french("«Écrans»"), "«\u{a0}Écrans\u{a0}»");
        assert_eq!(
            french(french("« a »").as_str()),
            "«\u{a0}a\u{a0}»",
            "idempotent"
        );
    }

    #[test]
    fn html_keeps_tags_references_and_styles() {
        let html = "<p class=\"a:b\">Note : l&#x27;ENT ! &amp; « x »</p><style>p :first-child { a: b; }</style><b>Fin ?</b>";
        assert_eq!(
            french_html(html),
            "<p class=\"a:b\">Note\u{a0}: l&#x27;ENT\u{202f}! &amp; «\u{a0}x\u{a0}»</p><style>p :first-child { a: b; }</style><b>Fin\u{202f}?</b>"
        );
        assert_eq!(french_html("<i>l&#x27;</i>"), "<i>l&#x27;</i>");
        assert_eq!(french_html("a &#x27; b &quot;: c"), "a &#x27; b &quot;: c");
    }

    proptest::proptest! {
        #[test]
        fn typography_only_moves_spaces_and_settles_at_once(text in "[a-zé' :;!?«»\t.]{0,40}") {
            let once = french(&text);
            let bare = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            proptest::prop_assert_eq!(bare(&once), bare(&text));
            proptest::prop_assert_eq!(french(&once), once.clone());
        }
    }

    #[test]
    fn dates_and_times_read_as_in_french_documents() {
        let d = day(2026, 12, 8);
        let t = NaiveTime::from_hms_opt(14, 0, 0).unwrap();
        assert_eq!(
            date_time(d, Some(t)).replace(NBSP, " "),
            "mardi 8 décembre 2026 à 14 h"
        );
        assert_eq!(
            date_time(d, Some(t)),
            "mardi 8\u{a0}décembre 2026 à 14\u{a0}h"
        );
        assert_eq!(
            time(NaiveTime::from_hms_opt(9, 5, 0).unwrap()),
            "9\u{a0}h\u{a0}05"
        );
        assert_eq!(
            date(day(2026, 1, 1)).replace(NBSP, " "),
            "jeudi 1er janvier 2026"
        );
        assert_eq!(super::day(day(2026, 9, 1)), "1er\u{a0}septembre 2026");
        assert_eq!(duration(1500), "25\u{a0}min");
        assert_eq!(duration(3600), "1\u{a0}h");
        assert_eq!(duration(3900), "1\u{a0}h\u{a0}05");
    }
}
