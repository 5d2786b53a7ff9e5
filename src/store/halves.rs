//! Reads a long list of a RON file in two halves at once: the list is cut after the element
//! at its middle, each half is parsed on its own core, and the elements are put back in
//! order. A large committee that the quick reader leaves to ron (one edited by hand, see
//! [`super::quick`]) parses in half the time, so the first frame comes sooner. Whatever the cut cannot be sure of (extensions declared in the file, a list it does
//! not find) is read whole, and so is a file whose halves do not both read: its errors are
//! then those of the whole text, at their true places.

use std::ops::Range;

/// Below this size a file is read whole: a thread costs more than it saves.
pub const FROM_BYTES: usize = 64 * 1024;

/// Where a list is cut: the comma after its middle element, and the `]` that closes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    /// The comma ending the element at the middle of the list.
    pub comma: usize,
    /// The bracket closing the list.
    pub close: usize,
}

impl Cut {
    /// The text with the elements after the cut left out (the list ends with a comma, which
    /// RON allows).
    pub fn head(&self, text: &str) -> String {
        let mut head = String::with_capacity(self.comma + 1 + text.len() - self.close);
        head.push_str(&text[..=self.comma]);
        head.push_str(&text[self.close..]);
        head
    }

    /// The elements after the cut, as a list of their own.
    pub fn tail(&self, text: &str) -> String {
        let elements = &text[self.comma + 1..self.close];
        let mut tail = String::with_capacity(elements.len() + 2);
        tail.push('[');
        tail.push_str(elements);
        tail.push(']');
        tail
    }
}

/// Finds the list that is the value of `field` in the outer structure of `text`, and where
/// to cut it in two; `None` when there is no such list with at least two elements, or when the
/// file declares RON extensions (`#![enable(…)]`), which would not apply to a half.
pub fn cut(text: &str, field: &str) -> Option<Cut> {
    let bytes = text.as_bytes();
    let mut scan = Scanner::new(bytes);
    let mut list: Option<(usize, Vec<usize>)> = None;
    while let Some((at, byte)) = scan.next_token() {
        match byte {
            b'#' if scan.depth == 0 => return None,
            b'(' | b'[' | b'{' => {
                scan.depth += 1;
                if byte == b'[' && scan.depth == 2 && list.is_none() && names(bytes, at, field) {
                    list = Some((at, Vec::new()));
                }
            }
            b')' | b']' | b'}' => {
                if let Some((open, commas)) = &list
                    && scan.depth == 2
                {
                    return (byte == b']').then_some(()).and_then(|()| {
                        middle(*open, at, commas).map(|comma| Cut { comma, close: at })
                    });
                }
                scan.depth = scan.depth.checked_sub(1)?;
            }
            b',' if scan.depth == 2 => {
                if let Some((_, commas)) = &mut list {
                    commas.push(at);
                }
            }
            _ => {}
        }
    }
    None
}

/// The comma nearest the middle of the list between `open` and `close`, if the list has
/// an element on each side of it.
fn middle(open: usize, close: usize, commas: &[usize]) -> Option<usize> {
    let half = open + (close - open) / 2;
    let comma = *commas.iter().min_by_key(|&&c| c.abs_diff(half))?;
    // Something other than blanks after it: an element (the last comma may only end the list).
    let after = &commas[commas.partition_point(|&c| c <= comma)..];
    let next = after.first().copied().unwrap_or(close);
    (comma > open && next > comma + 1).then_some(comma)
}

/// Whether the text before `at` is `field:` (with blanks around the colon).
fn names(bytes: &[u8], at: usize, field: &str) -> bool {
    let before = bytes[..at].trim_ascii_end();
    let Some(before) = before.strip_suffix(b":") else {
        return false;
    };
    let before = before.trim_ascii_end();
    before.ends_with(field.as_bytes())
        && !before[..before.len() - field.len()]
            .last()
            .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The bytes [`Scanner::next_token`] stops at: brackets, commas, `#`, and what may open a
/// string, a character or a comment.
const NOTABLE: [bool; 256] = {
    let mut notable = [false; 256];
    let bytes = b"()[]{},#\"'/r";
    let mut i = 0;
    while i < bytes.len() {
        notable[bytes[i] as usize] = true;
        i += 1;
    }
    notable
};

/// Walks RON text token by token, skipping strings, characters and comments: what it
/// returns are the bytes outside them.
struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
    /// How many brackets are open.
    depth: usize,
}

impl<'a> Scanner<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Scanner {
            bytes,
            at: 0,
            depth: 0,
        }
    }

    /// The next byte outside strings, characters and comments that may matter (brackets,
    /// commas, `#`), with its place.
    fn next_token(&mut self) -> Option<(usize, u8)> {
        loop {
            let skip = self.bytes[self.at.min(self.bytes.len())..]
                .iter()
                .position(|&b| NOTABLE[usize::from(b)])?;
            let at = self.at + skip;
            let byte = self.bytes[at];
            self.at = at + 1;
            match byte {
                b'"' => self.skip_string(),
                b'\'' => self.skip_char(),
                b'/' if self.bytes.get(at + 1) == Some(&b'/') => self.skip_line(),
                b'/' if self.bytes.get(at + 1) == Some(&b'*') => self.skip_block()?,
                b'r' if self.starts_raw_string(at) => self.skip_raw_string(),
                _ => return Some((at, byte)),
            }
        }
    }

    fn skip_string(&mut self) {
        while let Some(n) = self
            .bytes
            .get(self.at..)
            .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
        {
            let byte = self.bytes[self.at + n];
            self.at += n + 1;
            if byte == b'"' {
                return;
            }
            self.at += 1;
        }
        self.at = self.bytes.len();
    }

    fn skip_char(&mut self) {
        if self.bytes.get(self.at) == Some(&b'\\') {
            self.at += 2;
        } else {
            self.at += 1;
        }
        while let Some(&byte) = self.bytes.get(self.at) {
            self.at += 1;
            if byte == b'\'' {
                return;
            }
        }
    }

    fn skip_line(&mut self) {
        match self.bytes[self.at..].iter().position(|&b| b == b'\n') {
            Some(n) => self.at += n + 1,
            None => self.at = self.bytes.len(),
        }
    }

    /// Skips a block comment (they nest); `None` when it is not closed.
    fn skip_block(&mut self) -> Option<()> {
        self.at += 1;
        let mut open = 1;
        while open > 0 {
            let pair = self.bytes.get(self.at..self.at + 2)?;
            if pair == b"/*" {
                open += 1;
                self.at += 2;
            } else if pair == b"*/" {
                open -= 1;
                self.at += 2;
            } else {
                self.at += 1;
            }
        }
        Some(())
    }

    /// Whether `r` at `at` opens a raw string (`r"…"`, `r#"…"#`), not an identifier's `r`.
    fn starts_raw_string(&self, at: usize) -> bool {
        let part_of_word = at > 0 && {
            let before = self.bytes[at - 1];
            before.is_ascii_alphanumeric() || before == b'_'
        };
        !part_of_word && self.raw_string_hashes(at).is_some()
    }

    /// The hashes of a raw string opening at `at`.
    fn raw_string_hashes(&self, at: usize) -> Option<Range<usize>> {
        let hashes = self.bytes[at + 1..]
            .iter()
            .take_while(|&&b| b == b'#')
            .count();
        (self.bytes.get(at + 1 + hashes) == Some(&b'"')).then_some(at + 1..at + 1 + hashes)
    }

    fn skip_raw_string(&mut self) {
        let at = self.at - 1;
        let Some(hashes) = self.raw_string_hashes(at) else {
            return;
        };
        let count = hashes.len();
        self.at = hashes.end + 1;
        while let Some(&byte) = self.bytes.get(self.at) {
            self.at += 1;
            if byte == b'"'
                && self.bytes.get(self.at..self.at + count) == Some(&vec![b'#'; count][..])
            {
                self.at += count;
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn halves(text: &str) -> Option<(String, String)> {
        cut(text, "members").map(|c| (c.head(text), c.tail(text)))
    }

    #[test]
    fn a_list_is_cut_after_its_middle_element() {
        let text = "Committee(name: \"a\", members: [M(1), M(2), M(3), M(4)], other: 5)";
        let (head, tail) = halves(text).unwrap();
        assert_eq!(
            head,
            "Committee(name: \"a\", members: [M(1), M(2),], other: 5)"
        );
        assert_eq!(tail, "[ M(3), M(4)]");
    }

    #[test]
    fn brackets_commas_and_comments_in_strings_do_not_count() {
        let text = "C(members: [M(n: \"a], (b\"), // ], x\n M(n: r#\"x\"], \"#), /* ] /* , */ */ M(n: '\\''), M(n: \"\\\"],\")])";
        let cut = cut(text, "members").unwrap();
        assert_eq!(&text[cut.close..], "])");
        let ends = ["(b\"),", "\"#),", "'\\''),"];
        assert!(
            ends.iter().any(|end| text[..=cut.comma].ends_with(end)),
            "cut after an element: {}",
            &text[..=cut.comma]
        );
    }

    #[test]
    fn other_fields_of_the_same_name_deeper_down_are_not_the_list() {
        let text = "C(x: I(members: [1, 2, 3]), members: [M(1), M(2)])";
        let (head, tail) = halves(text).unwrap();
        assert_eq!(head, "C(x: I(members: [1, 2, 3]), members: [M(1),])");
        assert_eq!(tail, "[ M(2)]");
    }

    #[test]
    fn a_large_committee_is_cut_into_two_halves_that_both_read() {
        use crate::model::{Committee, Member, MemberId, Role};
        use std::path::Path;
        let mut committee =
            crate::sample::huge(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()).committee;
        // Names that would fool a cut made without reading strings, around the middle.
        let middle = committee.members.len() / 2;
        for (k, name) in ["a], b", "c\")", "// ,", "/* ] */", "r#\"x\"#", "'", "\\"]
            .into_iter()
            .enumerate()
        {
            committee.members[middle - 3 + k].name = name.into();
        }
        committee.members[middle].role = Role::Free("), Member(".into());
        let text = super::super::committee_text(&committee);
        assert!(text.len() >= FROM_BYTES);
        let cut = cut(&text, "members").expect("a cut");
        let path = Path::new("comite.ron");
        let head: Committee = crate::codec::parse(path, &cut.head(&text)).expect("head reads");
        let tail: Vec<Member> = crate::codec::parse(path, &cut.tail(&text)).expect("tail reads");
        let n = committee.members.len();
        assert!(
            head.members.len().abs_diff(n / 2) < n / 10,
            "cut near the middle: {} of {n}",
            head.members.len()
        );
        assert_eq!(
            tail.first().map(|m| m.id),
            Some(MemberId(head.members.len() as u32 + 1))
        );
        let mut joined = head;
        joined.members.extend(tail);
        assert_eq!(joined, committee);
    }

    #[test]
    fn nothing_to_cut_is_read_whole() {
        for text in [
            "C(members: [])",
            "C(members: [M(1)])",
            "C(members: [M(1),])",
            "C(allmembers: [M(1), M(2)])",
            "#![enable(implicit_some)]\nC(members: [M(1), M(2)])",
            "C(members: [M(1), M(2)",
            "C(members: [M(1), /* M(2)])",
        ] {
            assert_eq!(halves(text), None, "{text}");
        }
    }
}
