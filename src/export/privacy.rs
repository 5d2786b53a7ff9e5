//! How people appear in a document: by name in the full version; by role only in the public
//! one (RGPD), where names in free text are replaced too, e-mail addresses removed and private
//! note lines dropped.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

use crate::catalog::Catalog;
use crate::model::agenda::{is_private_line, without_private_mark};
use crate::model::{Committee, Meeting, MemberId, Presence};

/// What replaces the name of someone who is not a member (a representative, a guest).
pub const NAME_REMOVED: &str = "(nom retiré)";
/// What replaces an e-mail address in the public version.
pub const EMAIL_REMOVED: &str = "(adresse retirée)";

/// Titles that announce a name ("Mme Rey"), each followed by its space.
const CIVILITIES: [&str; 7] = [
    "M. ",
    "Mme ",
    "Mlle ",
    "Madame ",
    "Monsieur ",
    "Mr ",
    "Mme. ",
];

/// A line of notes as documents show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NoteLine {
    /// The text, without its private mark.
    pub text: String,
    /// Whether it was marked private (only ever true in the full version).
    pub private: bool,
}

/// How a document names people: see the module documentation.
#[derive(Debug)]
pub struct Naming<'a> {
    committee: &'a Committee,
    catalog: &'a Catalog,
    redactor: Option<Redactor>,
}

impl<'a> Naming<'a> {
    /// The naming of the full version (`public` false) or of the public one; `meetings` give
    /// the names of representatives to remove from free text.
    pub fn new<'m>(
        committee: &'a Committee,
        catalog: &'a Catalog,
        meetings: impl IntoIterator<Item = &'m Meeting>,
        public: bool,
    ) -> Naming<'a> {
        Naming {
            committee,
            catalog,
            redactor: public.then(|| Redactor::new(committee, catalog, meetings)),
        }
    }

    /// Whether this is the public version.
    pub fn public(&self) -> bool {
        self.redactor.is_some()
    }

    /// A member's role label ("ERUN").
    pub fn role(&self, id: MemberId) -> String {
        match self.committee.member(id) {
            Some(m) => self.catalog.role_label(&m.role).to_string(),
            None => format!("membre n°\u{a0}{} (inconnu)", id.0),
        }
    }

    /// How a member is named: the name, or the role in the public version.
    pub fn person(&self, id: MemberId) -> String {
        match self.committee.member(id) {
            Some(m) if !self.public() => m.name.clone(),
            _ => self.role(id),
        }
    }

    /// "Hélène Marchand (IEN de circonscription)", or the role alone in the public version.
    pub fn person_with_role(&self, id: MemberId) -> String {
        match self.committee.member(id) {
            Some(m) if !self.public() => format!("{} ({})", m.name, self.role(id)),
            _ => self.role(id),
        }
    }

    /// A member's function and organisation (none in the public version: it identifies).
    pub fn function(&self, id: MemberId) -> Option<String> {
        if self.public() {
            return None;
        }
        self.committee
            .member(id)
            .map(|m| m.function.trim().to_string())
            .filter(|f| !f.is_empty())
    }

    /// A presence as the document says it ("représenté par Sophie Rey", or "représenté").
    pub fn presence(&self, presence: &Presence) -> String {
        match presence {
            Presence::RepresentedBy(_) if self.public() => "représenté".into(),
            other => other.label(),
        }
    }

    /// Free text: as typed, or with names and addresses removed in the public version.
    pub fn text(&self, text: &str) -> String {
        match &self.redactor {
            Some(redactor) => redactor.redact(text),
            None => text.trim().to_string(),
        }
    }

    /// The pilot as the committee file names them ("Hélène Marchand, IEN de la
    /// circonscription"); in the public version the name is dropped when it leads.
    pub fn pilot(&self) -> String {
        let pilot = self.committee.pilot.trim();
        if !self.public() {
            return pilot.to_string();
        }
        for member in &self.committee.members {
            if let Some(rest) = pilot.strip_prefix(member.name.as_str()) {
                let rest = rest.trim_start_matches([',', ' ', '-', '—', '–']).trim();
                return if rest.is_empty() {
                    self.role(member.id)
                } else {
                    self.text(rest)
                };
            }
        }
        self.text(pilot)
    }

    /// The lines of notes a document shows: empty lines left out; in the public version,
    /// private lines too.
    pub fn notes(&self, notes: &str) -> Vec<NoteLine> {
        notes
            .lines()
            .filter(|line| !line.trim().is_empty())
            .filter_map(|line| {
                let private = is_private_line(line);
                if private && self.public() {
                    return None;
                }
                let text = self.text(without_private_mark(line));
                (!text.is_empty()).then_some(NoteLine { text, private })
            })
            .collect()
    }
}

/// What a pattern found in free text stands for.
#[derive(Debug, Clone)]
enum Found {
    /// A member's name: replaced by this role.
    Member(String),
    /// Someone else's name.
    Other,
    /// A civility: a name follows if the next word is capitalised.
    Civility,
}

/// Finds names in free text and replaces them (the public version).
#[derive(Debug)]
struct Redactor {
    matcher: Option<AhoCorasick>,
    found: Vec<Found>,
}

impl Redactor {
    fn new<'m>(
        committee: &Committee,
        catalog: &Catalog,
        meetings: impl IntoIterator<Item = &'m Meeting>,
    ) -> Redactor {
        let mut patterns: Vec<String> = Vec::new();
        let mut found: Vec<Found> = Vec::new();
        let mut add = |pattern: String, what: Found, patterns: &mut Vec<String>| {
            for variant in apostrophes(&pattern) {
                patterns.push(variant);
                found.push(what.clone());
            }
        };
        for member in &committee.members {
            let name = member.name.trim();
            if name.is_empty() {
                continue;
            }
            // A civility before a name ("Mme Marchand") is found as a civility, then the name
            // after it: see `replace_names`.
            let role = Found::Member(catalog.role_label(&member.role).to_string());
            let surname = name.split_once(' ').map(|(_, s)| s.trim());
            add(name.to_string(), role.clone(), &mut patterns);
            if let Some(surname) =
                surname.filter(|s| s.chars().count() >= 3 && s.chars().any(char::is_uppercase))
            {
                add(surname.to_string(), role.clone(), &mut patterns);
            }
        }
        let mut others: Vec<String> = meetings
            .into_iter()
            .flat_map(|m| &m.attendance)
            .filter_map(|a| match &a.presence {
                Presence::RepresentedBy(by) => {
                    let name = by.split([',', '(']).next().unwrap_or("").trim();
                    (name.contains(' ')).then(|| name.to_string())
                }
                _ => None,
            })
            .collect();
        others.sort();
        others.dedup();
        for other in others {
            add(other, Found::Other, &mut patterns);
        }
        for civility in CIVILITIES {
            add(civility.to_string(), Found::Civility, &mut patterns);
        }
        // A contiguous NFA builds in a fraction of a millisecond for hundreds of names, where a
        // DFA would take longer to build than the whole text takes to scan.
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .start_kind(StartKind::Both)
            .build(&patterns)
            .ok();
        Redactor { matcher, found }
    }

    fn redact(&self, text: &str) -> String {
        let text = text.trim();
        let names = match &self.matcher {
            Some(matcher) => self.replace_names(matcher, text),
            None => text.to_string(),
        };
        without_emails(&names)
    }

    fn replace_names(&self, matcher: &AhoCorasick, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        while let Some(m) = matcher.find(Input::new(text).span(at..text.len())) {
            let (start, end) = (m.start(), m.end());
            let before_ok = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            let found = &self.found[m.pattern().as_usize()];
            let replaced = match found {
                _ if !before_ok => None,
                Found::Civility => self.after_civility(matcher, text, end),
                _ if !after_ok => None,
                Found::Member(role) => Some((role.clone(), end)),
                Found::Other => Some((NAME_REMOVED.to_string(), end)),
            };
            match replaced {
                Some((replacement, until)) => {
                    out.push_str(&text[at..start]);
                    out.push_str(&replacement);
                    at = until;
                }
                None => {
                    // Not a name here: keep the first character and look again after it.
                    let next = start + text[start..].chars().next().map_or(1, char::len_utf8);
                    out.push_str(&text[at..next]);
                    at = next;
                }
            }
        }
        out.push_str(&text[at..]);
        out
    }

    /// What replaces a civility and the name after it, up to where: the member's role if the
    /// name is a member's, else [`NAME_REMOVED`] if a capitalised name follows; `None` if no
    /// name follows ("M. le maire").
    fn after_civility(
        &self,
        matcher: &AhoCorasick,
        text: &str,
        end: usize,
    ) -> Option<(String, usize)> {
        let anchored = Input::new(text)
            .span(end..text.len())
            .anchored(Anchored::Yes);
        if let Some(name) = matcher.find(anchored) {
            let after_ok = text[name.end()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            match &self.found[name.pattern().as_usize()] {
                Found::Member(role) if after_ok => return Some((role.clone(), name.end())),
                Found::Other if after_ok => return Some((NAME_REMOVED.to_string(), name.end())),
                _ => {}
            }
        }
        let name_len = capitalised_name_len(&text[end..]);
        (name_len > 0).then(|| (NAME_REMOVED.to_string(), end + name_len))
    }
}

/// The pattern, and its variant with the other apostrophe (' or ’) if it has one.
fn apostrophes(pattern: &str) -> Vec<String> {
    let mut variants = vec![pattern.to_string()];
    if pattern.contains('\'') {
        variants.push(pattern.replace('\'', "’"));
    } else if pattern.contains('’') {
        variants.push(pattern.replace('’', "'"));
    }
    variants
}

/// Length in bytes of the capitalised name at the start of the text (one or two words such
/// as "Rey", "Sophie Rey", "N'Diaye", "Dubois-Ferrand"), 0 if the text does not start so.
fn capitalised_name_len(text: &str) -> usize {
    let word = |s: &str| -> usize {
        if !s.chars().next().is_some_and(char::is_uppercase) {
            return 0;
        }
        s.char_indices()
            .find(|(_, c)| !(c.is_alphabetic() || matches!(c, '-' | '\'' | '’')))
            .map_or(s.len(), |(i, _)| i)
    };
    let first = word(text);
    if first == 0 {
        return 0;
    }
    match text[first..].strip_prefix(' ') {
        Some(rest) if word(rest) > 0 => first + 1 + word(rest),
        _ => first,
    }
}

/// The text with every e-mail address replaced by [`EMAIL_REMOVED`].
fn without_emails(text: &str) -> String {
    if !text.contains('@') {
        return text.to_string();
    }
    let is_address_char = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '+' | '@');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('@') {
        let start = rest[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_address_char(*c))
            .last()
            .map_or(at, |(i, _)| i);
        let end = rest[at + 1..]
            .char_indices()
            .find(|(_, c)| !is_address_char(*c))
            .map_or(rest.len(), |(i, _)| at + 1 + i);
        let domain = rest[at + 1..end].trim_end_matches('.');
        let end = at + 1 + domain.len();
        out.push_str(&rest[..start]);
        if start < at && domain.contains('.') {
            out.push_str(EMAIL_REMOVED);
        } else {
            out.push_str(&rest[start..end]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Attendance, MeetingKind, Member, Role};
    use chrono::NaiveDate;

    fn committee() -> Committee {
        let mut c = Committee::new(
            "C",
            "circonscription",
            "T",
            "Hélène Marchand, IEN de la circonscription",
        );
        for (name, role) in [
            ("Hélène Marchand", "ien"),
            ("Lucie N'Diaye", "enseignant"),
            ("Claire Dubois-Ferrand", "maire"),
            ("Anne-Sophie Gay", "directeur"),
        ] {
            c.add_member(Member {
                id: MemberId(0),
                name: name.into(),
                role: Role::Catalog(role.into()),
                function: "F".into(),
                email: Some("x@y.fr".into()),
                archived: false,
            });
        }
        c
    }

    fn meeting() -> Meeting {
        let mut m = Meeting::new(
            NaiveDate::from_ymd_opt(2026, 1, 20).unwrap(),
            MeetingKind::Ordinary,
            vec![],
        );
        m.attendance.push(Attendance {
            member: MemberId(3),
            presence: Presence::RepresentedBy("Sophie Rey, chargée de mission".into()),
            statement: String::new(),
            arrived_at: None,
        });
        m
    }

    #[test]
    fn the_public_version_names_members_by_role_in_free_text() {
        let (c, catalog, m) = (committee(), Catalog::builtin(), meeting());
        let naming = Naming::new(&c, &catalog, [&m], true);
        assert_eq!(
            naming.text("Mme Marchand rappelle ; Mme N’Diaye présente, avec Dubois-Ferrand et Anne-Sophie Gay."),
            "IEN de circonscription rappelle ; Enseignant présente, avec Maire, adjoint ou représentant et Directeur d’école."
        );
        assert_eq!(
            naming.text("Sophie Rey puis Mme Rey (agglo) et M. Durand ; M. le maire reste."),
            "(nom retiré) puis (nom retiré) (agglo) et (nom retiré) ; M. le maire reste."
        );
        assert_eq!(
            naming.text("Gayet et Marchandise restent"),
            "Gayet et Marchandise restent",
            "whole words only"
        );
        assert_eq!(
            naming.text("écrire à helene.marchand@ac-grenoble.fr."),
            "écrire à (adresse retirée)."
        );
        assert_eq!(naming.pilot(), "IEN de la circonscription");
        assert_eq!(naming.person(MemberId(2)), "Enseignant");
        assert_eq!(naming.function(MemberId(2)), None);
    }

    #[test]
    fn the_full_version_keeps_names_and_marks_private_lines() {
        let (c, catalog, m) = (committee(), Catalog::builtin(), meeting());
        let full = Naming::new(&c, &catalog, [&m], false);
        assert_eq!(full.text(" Mme Marchand "), "Mme Marchand");
        assert_eq!(
            full.person_with_role(MemberId(1)),
            "Hélène Marchand (IEN de circonscription)"
        );
        let notes = "Public\n\n[privé] Budget serré\n  \nFin";
        assert_eq!(
            full.notes(notes),
            [
                NoteLine {
                    text: "Public".into(),
                    private: false
                },
                NoteLine {
                    text: "Budget serré".into(),
                    private: true
                },
                NoteLine {
                    text: "Fin".into(),
                    private: false
                },
            ]
        );
        let public = Naming::new(&c, &catalog, [&m], true);
        let texts: Vec<String> = public.notes(notes).into_iter().map(|n| n.text).collect();
        assert_eq!(texts, ["Public", "Fin"]);
    }

    #[test]
    fn addresses_are_found_among_punctuation() {
        assert_eq!(
            without_emails("(a.b@c.fr), x@y"),
            "((adresse retirée)), x@y"
        );
        assert_eq!(without_emails("@ seul"), "@ seul");
    }
}
