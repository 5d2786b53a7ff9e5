//! Search across all the meetings' notes, decisions, objectives, evaluations and priority
//! axes, without regard to accents or case ("ecole" finds "École"): each hit names the meeting
//! and the step to open it at, what kind of text matched, and a snippet around the match.
//!
//! [`SearchIndex::new`] folds every text once (see [`fold`]) into one buffer; a search then
//! scans that buffer for the query, so that it stays linear in the size of the committee's
//! texts and answers in a few milliseconds on the large benchmark fixture.

use std::ops::Range;

use memchr::memmem;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use crate::model::agenda::{self, AgendaItem};
use crate::model::{Meeting, MeetingId, StepKind};

/// Text as it is compared: without accents (NFD, combining marks dropped), in lower case,
/// with the ligatures œ and æ spelt out, typographic apostrophes as `'` and non-breaking spaces
/// as spaces. "L’École Œuvre" folds to "l'ecole oeuvre".
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Appends the folded text to `out` (see [`fold`]).
pub fn fold_into(text: &str, out: &mut String) {
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        // A run of ASCII is only lowered.
        let ascii = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii())
            .map_or(bytes.len(), |n| start + n);
        let end = out.len();
        out.push_str(&text[start..ascii]);
        out[end..].make_ascii_lowercase();
        if ascii == bytes.len() {
            break;
        }
        let c = text[ascii..].chars().next().expect("a char starts there");
        fold_char(c, out);
        start = ascii + c.len_utf8();
    }
}

/// The folded form of U+00C0 to U+00FF (À to ÿ), the accented letters of French text: what
/// the general rule below gives them, looked up instead of computed.
const LATIN_1: [&str; 64] = [
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "ð", "n", "o",
    "o", "o", "o", "o", "×", "ø", "u", "u", "u", "u", "y", "þ", "ss", "a", "a", "a", "a", "a", "a",
    "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "ð", "n", "o", "o", "o", "o", "o", "÷", "ø",
    "u", "u", "u", "u", "y", "þ", "y",
];

/// Folds one character (see [`fold`]); folding a text is folding each of its characters.
fn fold_char(c: char, out: &mut String) {
    if let Some(folded) = (c as usize).checked_sub(0xC0).and_then(|i| LATIN_1.get(i)) {
        out.push_str(folded);
        return;
    }
    fold_rare(c, out);
}

/// Folds a character outside the ASCII and Latin-1 letters.
fn fold_rare(c: char, out: &mut String) {
    match c {
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' | 'ẞ' => out.push_str("ss"),
        '’' | '‘' | 'ʼ' | '′' => out.push('\''),
        '\u{a0}' | '\u{202f}' | '\u{2009}' => out.push(' '),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.extend(d.to_lowercase());
            }
        }),
    }
}

/// What kind of text a hit was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Found {
    /// A line of a step's notes.
    Notes,
    /// A decision of a step.
    Decision,
    /// An objective set at the meeting: its statement or its indicator.
    Objective,
    /// The comment of an evaluation made at the meeting.
    Evaluation,
    /// The priority axis the meeting set.
    Axis,
}

impl Found {
    /// French label: "notes", "décision", "objectif", "bilan", "axe prioritaire".
    pub fn label(self) -> &'static str {
        match self {
            Found::Notes => "notes",
            Found::Decision => "décision",
            Found::Objective => "objectif",
            Found::Evaluation => "bilan",
            Found::Axis => "axe prioritaire",
        }
    }
}

/// One text that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit<'a> {
    /// The meeting.
    pub meeting: MeetingId,
    /// The step to open the meeting at (index in [`Meeting::steps`]); none when the meeting
    /// has no step for that kind of text.
    pub step: Option<usize>,
    /// What kind of text it is.
    pub found: Found,
    /// For notes, the line (from 0) within the step's notes; else 0.
    pub line: usize,
    /// The whole text that matched (one line of notes, a decision, a statement…).
    pub text: &'a str,
    /// Up to about 80 characters of it around the match, with "…" where it was cut.
    pub snippet: String,
    /// Where the match is in the snippet (bytes), to highlight it.
    pub highlight: Range<usize>,
}

/// The hits of a search: the first ones, and how many texts matched in all.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Results<'a> {
    /// The first hits, oldest meeting first, in the meeting's order.
    pub hits: Vec<Hit<'a>>,
    /// How many texts matched, shown or not.
    pub total: usize,
}

/// One searchable text.
#[derive(Debug, Clone)]
struct Doc<'a> {
    /// Where its folded text starts in the index's buffer.
    start: usize,
    meeting: MeetingId,
    step: Option<usize>,
    found: Found,
    line: usize,
    text: &'a str,
}

/// The committee's texts, folded once, ready to be searched.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex<'a> {
    /// Every text folded, each followed by a line end.
    folded: String,
    docs: Vec<Doc<'a>>,
}

impl<'a> SearchIndex<'a> {
    /// Folds the texts of these meetings (in any order; hits come oldest meeting first).
    pub fn new(meetings: &[(MeetingId, &'a Meeting)]) -> SearchIndex<'a> {
        let mut ordered = meetings.to_vec();
        ordered.sort_by_key(|(id, _)| *id);
        // Folding keeps about the length of the text: one allocation instead of regrowing.
        let notes: usize = ordered
            .iter()
            .flat_map(|(_, m)| {
                m.agenda
                    .iter()
                    .chain(m.agenda.iter().flat_map(|i| &i.items))
            })
            .map(|i| i.notes.len() + 64 * i.decisions.len())
            .sum();
        let mut index = SearchIndex {
            folded: String::with_capacity(notes + notes / 8 + 256 * ordered.len()),
            docs: Vec::with_capacity(notes / 64),
        };
        for (id, meeting) in ordered {
            index.add_meeting(id, meeting);
        }
        index
    }

    fn add(&mut self, doc: Doc<'a>) {
        fold_into(doc.text, &mut self.folded);
        self.folded.push('\n');
        self.docs.push(doc);
    }

    fn add_meeting(&mut self, id: MeetingId, meeting: &'a Meeting) {
        let steps = meeting.steps();
        let step_of = |i: usize, j: Option<usize>| {
            // A heading's own notes open at its first sub-point.
            let j = j.or_else(|| (!meeting.agenda[i].items.is_empty()).then_some(0));
            steps.iter().position(|s| s.path == (i, j))
        };
        let step_kind = |kind: StepKind| {
            steps.iter().position(|s| {
                agenda::item_at(&meeting.agenda, s.path).is_some_and(|item| item.kind == kind)
            })
        };
        let doc = |start, step, found, line, text| Doc {
            start,
            meeting: id,
            step,
            found,
            line,
            text,
        };
        let mut items: Vec<(Option<usize>, &'a AgendaItem)> = Vec::new();
        for (i, item) in meeting.agenda.iter().enumerate() {
            items.push((step_of(i, None), item));
            for (j, sub) in item.items.iter().enumerate() {
                items.push((step_of(i, Some(j)), sub));
            }
        }
        for (step, item) in items {
            for (line, text) in item.notes.lines().enumerate() {
                if !text.trim().is_empty() {
                    self.add(doc(self.folded.len(), step, Found::Notes, line, text));
                }
            }
            for decision in &item.decisions {
                self.add(doc(
                    self.folded.len(),
                    step,
                    Found::Decision,
                    0,
                    &decision.text,
                ));
            }
        }
        let review = step_kind(StepKind::Review);
        for evaluation in &meeting.evaluations {
            if !evaluation.comment.trim().is_empty() {
                let text = evaluation.comment.as_str();
                self.add(doc(self.folded.len(), review, Found::Evaluation, 0, text));
            }
        }
        let objectives = step_kind(StepKind::Objectives);
        for objective in &meeting.objectives {
            for text in [&objective.statement, &objective.indicator] {
                if !text.trim().is_empty() {
                    self.add(doc(
                        self.folded.len(),
                        objectives,
                        Found::Objective,
                        0,
                        text,
                    ));
                }
            }
        }
        if let Some(axis) = &meeting.priority_axis {
            let step = step_kind(StepKind::PriorityAxis);
            self.add(doc(
                self.folded.len(),
                step,
                Found::Axis,
                0,
                &axis.statement,
            ));
        }
    }

    /// How many texts the index holds.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether it holds no text.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The texts holding every word of the query, whatever their accents and case: the first
    /// `limit` of them, and how many in all. An empty query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Results<'a> {
        let query = fold(query);
        let mut words: Vec<&str> = query.split_whitespace().collect();
        // The longest word is scanned for (the rarest, usually); the others are looked for in
        // the texts it is found in.
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let Some((&scanned, others)) = words.split_first() else {
            return Results::default();
        };
        let mut results = Results::default();
        let finder = memmem::Finder::new(scanned);
        let mut from = 0;
        let mut d = 0;
        while let Some(found) = finder.find(&self.folded.as_bytes()[from..]) {
            let at = from + found;
            d = self.doc_at(d, at);
            let start = self.docs[d].start;
            let end = self.docs.get(d + 1).map_or(self.folded.len(), |n| n.start);
            let text = &self.folded[start..end];
            if others.iter().all(|w| text.contains(w)) {
                results.total += 1;
                if results.hits.len() < limit {
                    let at = at - start;
                    results
                        .hits
                        .push(self.hit(&self.docs[d], at..at + scanned.len()));
                }
            }
            from = end;
        }
        results
    }

    /// The text holding byte `at` of the buffer, looked for from text `from` on (matches come
    /// in order): galloping, so that matches in neighbouring texts cost a step or two and a
    /// long jump a logarithm — a search stays linear in the size of the texts.
    fn doc_at(&self, from: usize, at: usize) -> usize {
        let mut low = from;
        let mut step = 1;
        while low + step < self.docs.len() && self.docs[low + step].start <= at {
            low += step;
            step *= 2;
        }
        let high = (low + step).min(self.docs.len());
        low + self.docs[low..high].partition_point(|doc| doc.start <= at) - 1
    }

    fn hit(&self, doc: &Doc<'a>, folded: Range<usize>) -> Hit<'a> {
        let original = original_range(doc.text, folded);
        let (snippet, highlight) = snippet(doc.text, original);
        Hit {
            meeting: doc.meeting,
            step: doc.step,
            found: doc.found,
            line: doc.line,
            text: doc.text,
            snippet,
            highlight,
        }
    }
}

/// The bytes of `text` whose folded form is the range `folded` of `fold(text)`.
fn original_range(text: &str, folded: Range<usize>) -> Range<usize> {
    let mut length = 0;
    let mut start = None;
    let mut buffer = String::new();
    for (at, c) in text.char_indices() {
        let len = folded_len(c, &mut buffer);
        if start.is_none() && length + len > folded.start {
            start = Some(at);
        }
        // Accents that follow the last letter (folded to nothing) stay with it.
        if let Some(start) = start
            && length >= folded.end
            && len > 0
        {
            return start..at;
        }
        length += len;
    }
    start.unwrap_or(text.len())..text.len()
}

fn folded_len(c: char, buffer: &mut String) -> usize {
    if c.is_ascii() {
        return 1;
    }
    buffer.clear();
    fold_char(c, buffer);
    buffer.len()
}

/// Characters kept before and after the match in a snippet.
const BEFORE: usize = 30;
const AFTER: usize = 50;

/// The text around `range`, cut at about [`BEFORE`] characters before it and [`AFTER`]
/// after, with "…" where it was cut; and where the range is in it.
fn snippet(text: &str, range: Range<usize>) -> (String, Range<usize>) {
    let begin = text[..range.start]
        .char_indices()
        .rev()
        .nth(BEFORE - 1)
        .map_or(0, |(i, _)| i);
    let end = text[range.end..]
        .char_indices()
        .nth(AFTER)
        .map_or(text.len(), |(i, _)| range.end + i);
    let mut snippet = String::new();
    if begin > 0 {
        snippet.push('…');
    }
    let highlight = range.start - begin + snippet.len()..range.end - begin + snippet.len();
    snippet.push_str(&text[begin..end]);
    if end < text.len() {
        snippet.push('…');
    }
    (snippet, highlight)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Decision, Domain, Evaluation, MeetingKind, MemberId, Objective, ObjectiveId, PriorityAxis,
    };
    use chrono::NaiveDate;

    #[test]
    fn the_latin_1_table_folds_as_the_general_rule_does() {
        for c in '\u{c0}'..='\u{ff}' {
            let mut general = String::new();
            fold_rare(c, &mut general);
            assert_eq!(fold(&c.to_string()), general, "{c}");
        }
    }

    #[test]
    fn folding_drops_accents_and_case_and_spells_out_ligatures() {
        assert_eq!(fold("L’École Œuvre À ÇA"), "l'ecole oeuvre a ca");
        assert_eq!(fold("Noël, Gaëlle, maïs, île"), "noel, gaelle, mais, ile");
        assert_eq!(fold("50\u{a0}%\u{202f}!"), "50 % !");
        // Already decomposed: e + combining acute.
        assert_eq!(fold("e\u{301}cole"), "ecole");
        assert_eq!(fold("ÉCOLE"), fold("école"));
    }

    fn meeting() -> Meeting {
        let mut review = AgendaItem::new("Bilan des objectifs", 20);
        review.kind = StepKind::Review;
        let mut state = AgendaItem::new("État des lieux", 0);
        state.notes = "Introduction générale".into();
        let mut uses = AgendaItem::new("Usages pédagogiques", 20);
        uses.notes = "Tour des écoles.\n\nL’École Jules-Ferry a un ENT.\nRien d'autre.".into();
        uses.decisions.push(Decision {
            text: "Former les équipes de l'école du Château".into(),
        });
        state.items = vec![uses, AgendaItem::new("Services", 10)];
        let mut objectives = AgendaItem::new("Objectifs", 15);
        objectives.kind = StepKind::Objectives;
        let mut m = Meeting::new(
            NaiveDate::from_ymd_opt(2026, 1, 20).unwrap(),
            MeetingKind::Ordinary,
            vec![review, state, objectives],
        );
        m.objectives.push(Objective {
            id: ObjectiveId(1),
            statement: "Équiper l'école maternelle".into(),
            owner: MemberId(1),
            due: m.date,
            indicator: "Tablettes livrées".into(),
            domain: Domain::Technical,
            subjects: vec![],
            crcn: None,
            carried_from: None,
            due_to_confirm: false,
        });
        m.evaluations.push(Evaluation {
            comment: "Retard de l'ÉCOLE numérique".into(),
            ..Evaluation::pending(&m.objectives[0])
        });
        m.priority_axis = Some(PriorityAxis {
            statement: "L'école inclusive".into(),
            coordinator: None,
        });
        m
    }

    #[test]
    fn ecole_finds_ecole_everywhere_with_its_step() {
        let m = meeting();
        let id = MeetingId::new(m.date);
        let index = SearchIndex::new(&[(id, &m)]);
        let results = index.search("ecole", 100);
        let found: Vec<(Found, Option<usize>, usize, &str)> = results
            .hits
            .iter()
            .map(|h| (h.found, h.step, h.line, h.text))
            .collect();
        assert_eq!(
            found,
            [
                (Found::Notes, Some(1), 0, "Tour des écoles."),
                (Found::Notes, Some(1), 2, "L’École Jules-Ferry a un ENT."),
                (
                    Found::Decision,
                    Some(1),
                    0,
                    "Former les équipes de l'école du Château"
                ),
                (Found::Evaluation, Some(0), 0, "Retard de l'ÉCOLE numérique"),
                (Found::Objective, Some(3), 0, "Équiper l'école maternelle"),
                (Found::Axis, None, 0, "L'école inclusive"),
            ]
        );
        assert_eq!(results.total, 6);
        assert!(results.hits.iter().all(|h| h.meeting == id));
        let hit = &results.hits[1];
        assert_eq!(&hit.snippet[hit.highlight.clone()], "École");
    }

    #[test]
    fn every_word_must_be_in_the_same_text_whatever_its_accents() {
        let m = meeting();
        let index = SearchIndex::new(&[(MeetingId::new(m.date), &m)]);
        let texts =
            |q: &str| -> Vec<&str> { index.search(q, 10).hits.iter().map(|h| h.text).collect() };
        assert_eq!(
            texts("CHATEAU équipes"),
            ["Former les équipes de l'école du Château"]
        );
        assert_eq!(texts("l'ecole jules"), ["L’École Jules-Ferry a un ENT."]);
        assert_eq!(texts("tablettes"), ["Tablettes livrées"]);
        assert_eq!(
            texts("introduction"),
            ["Introduction générale"],
            "a heading's notes"
        );
        assert_eq!(index.search("introduction", 1).hits[0].step, Some(1));
        assert!(texts("   ").is_empty());
        assert!(texts("piscine").is_empty());
    }

    #[test]
    fn hits_are_the_texts_a_plain_scan_finds_whatever_their_spacing() {
        let words = ["école", "Réseau", "tablettes", "ENT", "cantine", "élèves"];
        let mut item = AgendaItem::new("Notes", 10);
        item.notes = (0..2000)
            .map(|n: usize| {
                // Some words far apart, some on neighbouring lines.
                let w = words[(n * n / 7) % words.len()];
                if n.is_multiple_of(13) || n % 101 < 3 {
                    format!("{n} {w} et Écoles")
                } else {
                    format!("{n} {w}")
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let mut m = Meeting::new(
            NaiveDate::from_ymd_opt(2026, 1, 20).unwrap(),
            MeetingKind::Ordinary,
            vec![item],
        );
        m.agenda[0].decisions.push(Decision {
            text: "Des écoles".into(),
        });
        let index = SearchIndex::new(&[(MeetingId::new(m.date), &m)]);
        for query in [
            "ecole",
            "ECOLES",
            "reseau",
            "ent",
            "cantine eleves",
            "19",
            "1999 ent",
        ] {
            let folded = fold(query);
            let wanted: Vec<&str> = m.agenda[0]
                .notes
                .lines()
                .chain(std::iter::once("Des écoles"))
                .filter(|l| folded.split_whitespace().all(|w| fold(l).contains(w)))
                .collect();
            let results = index.search(query, usize::MAX);
            let found: Vec<&str> = results.hits.iter().map(|h| h.text).collect();
            assert_eq!(found, wanted, "{query}");
            assert_eq!(results.total, wanted.len());
        }
    }

    #[test]
    fn the_limit_cuts_the_hits_not_the_count() {
        let m = meeting();
        let index = SearchIndex::new(&[(MeetingId::new(m.date), &m)]);
        let results = index.search("école", 2);
        assert_eq!((results.hits.len(), results.total), (2, 6));
    }

    #[test]
    fn snippets_are_cut_around_the_match_and_say_so() {
        let text = format!("{} Écoles {}", "début ".repeat(20), "fin ".repeat(30));
        let start = text.find("Écoles").unwrap();
        let (snippet, at) = snippet(&text, start..start + "Écoles".len());
        assert!(
            snippet.starts_with('…') && snippet.ends_with('…'),
            "{snippet}"
        );
        assert_eq!(&snippet[at], "Écoles");
        assert!(snippet.chars().count() <= BEFORE + AFTER + 8, "{snippet}");
        let (whole, at) = super::snippet("Une école", 4..10);
        assert_eq!((whole.as_str(), &"Une école"[at]), ("Une école", "école"));
    }

    #[test]
    fn original_ranges_survive_ligatures_and_decomposed_letters() {
        let text = "Les œuvres de l’e\u{301}cole";
        let folded = fold(text);
        let at = folded.find("l'ecole").unwrap();
        let range = original_range(text, at..at + "l'ecole".len());
        assert_eq!(&text[range], "l’e\u{301}cole");
        let at = folded.find("oeuvres").unwrap();
        assert_eq!(&text[original_range(text, at..at + 7)], "œuvres");
        let at = folded.find("euvres").unwrap();
        assert_eq!(
            &text[original_range(text, at..at + 6)],
            "œuvres",
            "half a ligature shows the whole"
        );
    }
}
