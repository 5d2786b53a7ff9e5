//! Reads a committee file in the form copilnum writes it, without ron's general parser: its
//! own struct and field names, plain and raw strings, decimal numbers, `//` comments. A
//! committee of 2,000 members reads in a fraction of the time (ron takes about 2 µs a
//! member), before the first frame and without a second core.
//!
//! It is stricter than ron, never looser: at anything else (an extension, an escape, a block
//! comment, a field it does not know or that comes twice, a number written another way, a
//! carriage return…) it gives up, and ron reads the file. So what it reads, ron reads the
//! same (`tests/halves.rs` checks it on hostile and hand-edited texts), and every error the
//! user sees is ron's, at its place.

use crate::model::{Committee, Member, MemberId, Role};

/// The committee this text holds, if it is in the form copilnum writes.
pub fn committee(text: &str) -> Option<Committee> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // A file with CRLF line ends is converted before ron reads it: left to that path. (A
    // carriage return elsewhere than in a string is refused below.)
    if crate::codec::crlf_converted(text) {
        return None;
    }
    let mut reader = Reader { text, at: 0 };
    reader.skip()?;
    let committee = reader.committee()?;
    reader.skip()?;
    (reader.at == text.len()).then_some(committee)
}

/// A position in the text.
struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn bytes(&self) -> &'a [u8] {
        &self.text.as_bytes()[self.at..]
    }

    /// Skips spaces, line ends, tabs and `//` comments; gives up at a block comment.
    fn skip(&mut self) -> Option<()> {
        loop {
            match self.bytes() {
                [b' ' | b'\n' | b'\t', ..] => self.at += 1,
                [b'/', b'/', rest @ ..] => match memchr::memchr(b'\n', rest) {
                    Some(n) => self.at += n + 3,
                    None => self.at = self.text.len(),
                },
                [b'/', ..] => return None,
                _ => return Some(()),
            }
        }
    }

    /// Takes `word` if the text goes on with it.
    fn eat(&mut self, word: &[u8]) -> bool {
        let found = self.bytes().starts_with(word);
        if found {
            self.at += word.len();
        }
        found
    }

    /// Takes a keyword (`None`, `true`…) not followed by more of an identifier.
    fn keyword(&mut self, word: &[u8]) -> bool {
        let rest = self.bytes();
        let found = rest.starts_with(word) && !rest.get(word.len()).is_some_and(|&b| ident(b));
        if found {
            self.at += word.len();
        }
        found
    }

    /// An identifier of ASCII letters, digits and underscores.
    fn ident(&mut self) -> Option<&'a str> {
        let start = self.at;
        let len = self.bytes().iter().take_while(|&&b| ident(b)).count();
        if len == 0 || self.bytes()[0].is_ascii_digit() {
            return None;
        }
        self.at += len;
        Some(&self.text[start..self.at])
    }

    /// A struct's opening: its name written as copilnum writes it, or none.
    fn open_struct(&mut self, name: &[u8]) -> Option<()> {
        if !self.eat(b"(") {
            let _ = self.eat(name);
            self.eat(b"(").then_some(())?;
        }
        Some(())
    }

    /// A struct's fields up to its closing parenthesis, each given to `field` by name.
    fn fields(&mut self, mut field: impl FnMut(&mut Self, &str) -> Option<()>) -> Option<()> {
        loop {
            self.skip()?;
            if self.eat(b")") {
                return Some(());
            }
            let name = self.ident()?;
            if !self.eat(b":") {
                return None;
            }
            self.skip()?;
            field(self, name)?;
            self.skip()?;
            if !self.eat(b",") {
                self.skip()?;
                return self.eat(b")").then_some(());
            }
        }
    }

    fn committee(&mut self) -> Option<Committee> {
        self.open_struct(b"Committee")?;
        let (mut version, mut name, mut scale, mut territory, mut pilot) =
            (None, None, None, None, None);
        let (mut pilot_member, mut members) = (None, None);
        self.fields(|r, field| match field {
            "version" => once(&mut version, r.number()?),
            "name" => once(&mut name, r.string()?),
            "scale" => once(&mut scale, r.string()?),
            "territory" => once(&mut territory, r.string()?),
            "pilot" => once(&mut pilot, r.string()?),
            "pilot_member" => once(&mut pilot_member, r.option(|r| r.number().map(MemberId))?),
            "members" => once(&mut members, r.members()?),
            _ => None,
        })?;
        Some(Committee {
            version: version?,
            name: name?,
            scale: scale?,
            territory: territory?,
            pilot: pilot?,
            pilot_member: pilot_member.flatten(),
            members: members.unwrap_or_default(),
        })
    }

    fn members(&mut self) -> Option<Vec<Member>> {
        self.eat(b"[").then_some(())?;
        let mut members = Vec::new();
        loop {
            self.skip()?;
            if self.eat(b"]") {
                return Some(members);
            }
            members.push(self.member()?);
            self.skip()?;
            if !self.eat(b",") {
                self.skip()?;
                return self.eat(b"]").then_some(members);
            }
        }
    }

    fn member(&mut self) -> Option<Member> {
        self.open_struct(b"Member")?;
        let (mut id, mut name, mut role) = (None, None, None);
        let (mut function, mut email, mut archived) = (None, None, None);
        self.fields(|r, field| match field {
            "id" => once(&mut id, MemberId(r.number()?)),
            "name" => once(&mut name, r.string()?),
            "role" => once(&mut role, r.role()?),
            "function" => once(&mut function, r.string()?),
            "email" => once(&mut email, r.option(Reader::string)?),
            "archived" => once(&mut archived, r.boolean()?),
            _ => None,
        })?;
        Some(Member {
            id: id?,
            name: name?,
            role: role?,
            function: function.unwrap_or_default(),
            email: email.flatten(),
            archived: archived.unwrap_or_default(),
        })
    }

    fn role(&mut self) -> Option<Role> {
        let role: fn(String) -> Role = if self.eat(b"Catalog(") {
            Role::Catalog
        } else if self.eat(b"Free(") {
            Role::Free
        } else {
            return None;
        };
        self.skip()?;
        let text = self.string()?;
        self.skip()?;
        self.eat(b")").then(|| role(text))
    }

    /// `None`, or `Some(…)` around what `value` reads.
    fn option<T>(&mut self, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.keyword(b"None") {
            return Some(None);
        }
        self.eat(b"Some(").then_some(())?;
        self.skip()?;
        let inner = value(self)?;
        self.skip()?;
        self.eat(b")").then_some(Some(inner))
    }

    fn boolean(&mut self) -> Option<bool> {
        if self.keyword(b"true") {
            Some(true)
        } else if self.keyword(b"false") {
            Some(false)
        } else {
            None
        }
    }

    /// A number in decimal digits, without sign, suffix, separator or leading zero.
    fn number(&mut self) -> Option<u32> {
        let digits = self
            .bytes()
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let after = self.bytes().get(digits).copied();
        if digits == 0
            || after.is_some_and(|b| ident(b) || b == b'.')
            || (digits > 1 && self.bytes()[0] == b'0')
        {
            return None;
        }
        let number = self.text[self.at..self.at + digits].parse().ok()?;
        self.at += digits;
        Some(number)
    }

    /// A string as copilnum writes it: between quotes when it holds neither quote nor
    /// backslash, else raw (`r#"…"#`, with as many `#` as it needs).
    fn string(&mut self) -> Option<String> {
        match self.bytes() {
            [b'"', rest @ ..] => {
                let end = memchr::memchr2(b'"', b'\\', rest)?;
                if rest[end] != b'"' {
                    return None;
                }
                let start = self.at + 1;
                self.at = start + end + 1;
                Some(self.text[start..start + end].to_owned())
            }
            [b'r', rest @ ..] => {
                let hashes = rest.iter().take_while(|&&b| b == b'#').count();
                if rest.get(hashes) != Some(&b'"') {
                    return None;
                }
                let start = self.at + 1 + hashes + 1;
                let mut from = start;
                loop {
                    let quote = from + memchr::memchr(b'"', &self.text.as_bytes()[from..])?;
                    let closing = &self.text.as_bytes()[quote + 1..];
                    if closing.len() >= hashes && closing[..hashes].iter().all(|&b| b == b'#') {
                        self.at = quote + 1 + hashes;
                        return Some(self.text[start..quote].to_owned());
                    }
                    from = quote + 1;
                }
            }
            _ => None,
        }
    }
}

/// Whether a byte goes on an identifier (or a keyword, or a number's suffix).
fn ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Fills a field read for the first time; a field read twice is left to ron (an error).
fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value);
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec;
    use std::path::Path;

    fn by_ron(text: &str) -> Committee {
        codec::parse(Path::new("comite.ron"), text).expect("ron reads it")
    }

    #[test]
    fn the_sample_committee_reads_as_ron_reads_it() {
        let sample = crate::sample::sample(chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        let text = crate::store::committee_text(&sample.committee);
        assert_eq!(committee(&text), Some(by_ron(&text)));
        assert_eq!(committee(&text), Some(sample.committee));
    }

    #[test]
    fn raw_strings_fields_in_any_order_and_omitted_defaults_read_as_ron_reads_them() {
        let text = r###"// Comité
Committee(
    name: r##"Le "COPIL" \ de r"x"# Thonon"##,
    version: 3,
    scale: "circonscription",
    territory: "Thonon
sur deux lignes",
    pilot: "Hélène",
    members: [
        (id: 2, name: "Jean", role: Free(r"ERUN \ adjoint")),
        Member(
            id: 1,
            name: r##"a "# b"##,
            role: Catalog("ien"),
            email: Some( "x@y.fr" ),
            archived: true
        )
    ]
)"###;
        let read = committee(text).expect("in copilnum's form");
        assert_eq!(read, by_ron(text));
        assert_eq!(read.name, r##"Le "COPIL" \ de r"x"# Thonon"##);
        assert_eq!(read.members[1].name, r##"a "# b"##);
        assert_eq!(read.pilot_member, None);
    }

    #[test]
    fn anything_else_is_left_to_ron() {
        let sample = crate::sample::sample(chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        let text = crate::store::committee_text(&sample.committee);
        assert!(committee(&text).is_some());
        for (from, to) in [
            ("version: 3", "version: 0x3"),
            ("version: 3", "version: 03"),
            ("version: 3", "version: 3_0"),
            ("version: 3", "version: 3u32"),
            ("version: 3", "version: 99999999999"),
            ("scale:", "scale :"),
            ("scale:", "r#scale:"),
            ("scale:", "échelle:"),
            ("Committee(", "Comité("),
            ("Committee(", "#![enable(implicit_some)]\nCommittee("),
            ("Committee(", "/* bloc */ Committee("),
            ("\"circonscription\"", "\"circ\\nonscription\""),
            ("\"circonscription\"", "\"circonscription"),
            (
                "members: [",
                "members: [\n        Member(id: 99, name: \"x\", role: Catalog(\"erun\"), note: \"\"),",
            ),
            ("members: [", "scale: \"deux fois\",\n    members: ["),
            ("members: [", "members: ["),
        ] {
            let edited = text.replacen(from, to, 1);
            if from == to {
                assert!(committee(&edited).is_some());
                continue;
            }
            assert_eq!(committee(&edited), None, "{to}");
        }
        assert_eq!(committee(&text.replace('\n', "\r\n")), None);
        assert_eq!(committee(&format!("{text}\nencore")), None);
    }
}
