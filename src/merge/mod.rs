//! Three-way merge of a committee or a meeting changed in two places since it was read: in
//! memory here, and on disk by someone else (a sync client, a hand edit, a second computer).
//! Field by field: a field changed on one side takes that side; notes changed on both sides
//! merge line by line; anything else changed on both sides keeps ours, and theirs is written
//! in the notes of the step concerned, so that nothing is lost. Pure: no I/O.

mod committee;
pub mod meeting;
pub mod text;

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

pub use committee::merge_committee;
pub use meeting::merge_meeting;

/// What a merge did, in French, for the banner that tells the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// What was taken from the other version ("notes de l'étape 2", "lieu").
    pub taken: Vec<String>,
    /// What both sides changed differently: ours was kept and theirs recorded.
    pub conflicts: Vec<Conflict>,
}

/// A field changed differently on both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// What it is, in French ("lieu", "présence de Hélène Roussel").
    pub what: String,
    /// The other version's value, in French; empty for notes (both texts are in the notes).
    pub theirs: String,
    /// Where it was recorded, in French ("notes de l'étape 1"), if anywhere.
    pub recorded_in: Option<String>,
}

/// A merged value with its report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged<T> {
    /// The merge of both versions.
    pub value: T,
    /// What it took from the other version and where they disagreed.
    pub report: Report,
}

impl Report {
    /// Whether the other version brought nothing and disagreed on nothing.
    pub fn is_empty(&self) -> bool {
        self.taken.is_empty() && self.conflicts.is_empty()
    }

    /// One French sentence for the banner.
    pub fn sentence(&self) -> String {
        let mut parts = Vec::new();
        if !self.taken.is_empty() {
            parts.push(format!("repris de l'autre version : {}", list(&self.taken)));
        }
        if !self.conflicts.is_empty() {
            let conflicts: Vec<String> = self
                .conflicts
                .iter()
                .map(|c| match &c.recorded_in {
                    Some(place) => format!("{} (les deux versions sont dans les {place})", c.what),
                    None if c.theirs.is_empty() => c.what.clone(),
                    None => format!("{} (l'autre version disait : {})", c.what, c.theirs),
                })
                .collect();
            parts.push(format!(
                "modifié des deux côtés, gardé d'ici : {}",
                list(&conflicts)
            ));
        }
        if parts.is_empty() {
            "rien de différent".to_string()
        } else {
            parts.join(" ; ")
        }
    }
}

/// "a, b et c".
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} et {last}", init.join(", ")),
    }
}

/// The bookkeeping of one merge: collects the report while fields are merged.
struct Merger {
    report: Report,
}

impl Merger {
    fn new() -> Merger {
        Merger {
            report: Report::default(),
        }
    }

    /// Three-way merge of one value: the side that changed it wins; if both did, ours, and
    /// theirs is returned as a conflict for the caller to record.
    fn value<T: Clone + PartialEq>(
        &mut self,
        what: &str,
        base: &T,
        ours: &T,
        theirs: &T,
    ) -> (T, Option<T>) {
        if ours == theirs || base == theirs {
            (ours.clone(), None)
        } else if base == ours {
            self.taken(what);
            (theirs.clone(), None)
        } else {
            (ours.clone(), Some(theirs.clone()))
        }
    }

    fn taken(&mut self, what: &str) {
        if !self.report.taken.iter().any(|t| t == what) {
            self.report.taken.push(what.to_string());
        }
    }

    fn conflict(&mut self, what: String, theirs: String, recorded_in: Option<String>) {
        self.report.conflicts.push(Conflict {
            what,
            theirs,
            recorded_in,
        });
    }
}

/// How the elements of one list are told apart and merged.
trait Keyed: Clone + PartialEq {
    /// The identity of an element across versions.
    type Key: Clone + Eq + Hash;
    /// Its identity.
    fn key(&self) -> Self::Key;
}

/// What happened to each element of a keyed list, for the caller to merge the pairs.
enum Slot<'a, T> {
    /// In both versions (and maybe in the base): merge field by field.
    Both(Option<&'a T>, &'a T, &'a T),
    /// Kept as it is.
    Keep(T),
    /// Added by both sides with the same identity but different contents: theirs must take a
    /// new identity.
    Clash(&'a T, &'a T),
}

/// Merges lists whose elements have an identity: an element added on one side is added, one
/// deleted on one side and unchanged on the other is deleted, one deleted on one side and
/// changed on the other is kept (nothing typed is lost). Ours give the order; theirs' new
/// elements come after the element they follow in theirs.
fn keyed<'a, T: Keyed>(
    merger: &mut Merger,
    what: &str,
    base: &'a [T],
    ours: &'a [T],
    theirs: &'a [T],
) -> Vec<Slot<'a, T>> {
    let index =
        |list: &'a [T]| -> HashMap<T::Key, &'a T> { list.iter().map(|x| (x.key(), x)).collect() };
    let (in_base, in_ours, in_theirs) = (index(base), index(ours), index(theirs));
    let mut slots: Vec<(T::Key, Slot<'a, T>)> = Vec::new();
    for o in ours {
        let key = o.key();
        let b = in_base.get(&key).copied();
        match in_theirs.get(&key).copied() {
            Some(t) => {
                if b.is_none() && o != t {
                    slots.push((key, Slot::Clash(o, t)));
                } else {
                    slots.push((key, Slot::Both(b, o, t)));
                }
            }
            None => match b {
                // Deleted there, untouched here: deleted.
                Some(b) if b == o => merger.taken(&format!("{what} (suppression)")),
                _ => slots.push((key, Slot::Keep(o.clone()))),
            },
        }
    }
    let placed: HashSet<T::Key> = slots.iter().map(|(k, _)| k.clone()).collect();
    let mut previous: Option<T::Key> = None;
    for t in theirs {
        let key = t.key();
        if !placed.contains(&key) && !in_ours.contains_key(&key) {
            let keep = match in_base.get(&key) {
                // Deleted here, untouched there: stays deleted.
                Some(b) => *b != t,
                None => true,
            };
            if keep {
                merger.taken(what);
                let at = previous
                    .as_ref()
                    .and_then(|p| slots.iter().position(|(k, _)| k == p))
                    .map_or(if previous.is_none() { 0 } else { slots.len() }, |i| i + 1);
                slots.insert(at, (key.clone(), Slot::Keep(t.clone())));
            }
        }
        if slots.iter().any(|(k, _)| *k == key) {
            previous = Some(key);
        }
    }
    slots.into_iter().map(|(_, slot)| slot).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct E(u32, &'static str);

    impl Keyed for E {
        type Key = u32;
        fn key(&self) -> u32 {
            self.0
        }
    }

    fn flat(slots: Vec<Slot<'_, E>>) -> Vec<String> {
        slots
            .into_iter()
            .map(|s| match s {
                Slot::Both(_, o, t) => format!("{}:{}|{}", o.0, o.1, t.1),
                Slot::Keep(x) => format!("{}:{}", x.0, x.1),
                Slot::Clash(o, t) => format!("{}:{}!{}", o.0, o.1, t.1),
            })
            .collect()
    }

    #[test]
    fn keyed_lists_add_from_both_sides_in_place_and_delete_only_untouched_elements() {
        let mut m = Merger::new();
        let base = [E(1, "a"), E(2, "b"), E(3, "c")];
        let ours = [E(1, "a"), E(3, "C"), E(4, "ici")];
        let theirs = [E(5, "ailleurs"), E(1, "a"), E(2, "b"), E(3, "c")];
        let slots = keyed(&mut m, "x", &base, &ours, &theirs);
        assert_eq!(flat(slots), ["5:ailleurs", "1:a|a", "3:C|c", "4:ici"]);
        // Deleted here but changed there: kept.
        let theirs = [E(1, "a"), E(2, "B"), E(3, "c")];
        let slots = keyed(&mut m, "x", &base, &ours, &theirs);
        assert_eq!(flat(slots), ["1:a|a", "2:B", "3:C|c", "4:ici"]);
        // Added on both sides with the same key: a clash.
        let slots = keyed(&mut m, "x", &base, &ours, &[E(4, "autre")]);
        assert_eq!(flat(slots), ["3:C", "4:ici!autre"]);
    }

    #[test]
    fn the_report_reads_as_one_french_sentence() {
        let report = Report {
            taken: vec!["lieu".into(), "heure".into(), "notes de l'étape 2".into()],
            conflicts: vec![Conflict {
                what: "titre".into(),
                theirs: "« Autre »".into(),
                recorded_in: None,
            }],
        };
        assert_eq!(
            report.sentence(),
            "repris de l'autre version : lieu, heure et notes de l'étape 2 ; modifié des deux côtés, gardé d'ici : titre (l'autre version disait : « Autre »)"
        );
    }
}
