//! The agenda of a meeting: items with sub-items, time boxes, notes and decisions, and the
//! steps the facilitator walks through.

use serde::{Deserialize, Serialize};

/// One point of the agenda. A point with sub-points is a heading; its sub-points are the steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// Title as read out, e.g. "Tour de table des participants : rôles et fonctions".
    pub title: String,
    /// Who presents it, if someone in particular does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub presenter: Option<String>,
    /// Bullet points under the title, shown with it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<String>,
    /// What the meeting screen offers during this step.
    #[serde(default)]
    pub kind: StepKind,
    /// Time box in minutes (0: none).
    #[serde(default)]
    pub planned_minutes: u32,
    /// Time actually spent on it, in seconds.
    #[serde(default)]
    pub spent_seconds: u32,
    /// Identifiers from the subjects catalogue this point is about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    /// The secretary's live notes, never projected nor sent as they are.
    #[serde(default)]
    pub notes: String,
    /// Decisions taken on this point.
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Sub-points (one level only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<AgendaItem>,
}

/// A decision recorded during a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The decision as it will read in the minutes.
    pub text: String,
}

/// What a step is for; the meeting screen shows the matching pane.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StepKind {
    /// A point of discussion: notes and decisions.
    #[default]
    Discussion,
    /// The tour de table: each member states their role and function.
    RoundTable,
    /// Evaluation of the objectives set at the previous meeting.
    Review,
    /// Choice of the year's priority axis and its coordinator.
    PriorityAxis,
    /// Setting the operational objectives evaluated at the next meeting.
    Objectives,
    /// Fixing the date of the next meeting.
    NextMeeting,
}

/// A step of the meeting: an agenda point without sub-points, with its number ("3.2").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Position of the point in the agenda: index of the item, then of the sub-item if any.
    pub path: (usize, Option<usize>),
    /// Number as printed in the agenda: "2", "3.1".
    pub number: String,
}

impl AgendaItem {
    /// A discussion point with a title and a time box, and nothing else.
    pub fn new(title: &str, planned_minutes: u32) -> AgendaItem {
        AgendaItem {
            title: title.to_string(),
            presenter: None,
            details: Vec::new(),
            kind: StepKind::Discussion,
            planned_minutes,
            spent_seconds: 0,
            subjects: Vec::new(),
            notes: String::new(),
            decisions: Vec::new(),
            items: Vec::new(),
        }
    }

    /// Planned minutes of this point, its sub-points included.
    pub fn total_planned_minutes(&self) -> u32 {
        self.items.iter().fold(self.planned_minutes, |total, i| {
            total.saturating_add(i.planned_minutes)
        })
    }

    /// A copy with the meeting's traces removed (notes, decisions, time spent): what a
    /// template or a fresh meeting starts from.
    pub fn blank(&self) -> AgendaItem {
        AgendaItem {
            spent_seconds: 0,
            notes: String::new(),
            decisions: Vec::new(),
            items: self.items.iter().map(AgendaItem::blank).collect(),
            ..self.clone()
        }
    }
}

/// The mark at the start of a line of notes that keeps it out of the public version of the
/// minutes. It lives in the notes themselves, so it reads in the file and survives a merge.
pub const PRIVATE_MARK: &str = "[privé] ";

/// How many characters of a line its private mark takes (leading spaces and the space after
/// it included), if the line is private. A mark typed by hand counts whatever its case or
/// accent: "[Privé]", "[prive]".
pub fn private_mark_len(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    let rest = trimmed.strip_prefix('[')?;
    let close = rest.find(']')?;
    let word = rest[..close].to_lowercase();
    if word != "privé" && word != "prive" {
        return None;
    }
    let after = &rest[close + 1..];
    let spaces = after.chars().take_while(|c| *c == ' ').count().min(1);
    let leading = line.chars().count() - trimmed.chars().count();
    Some(leading + 1 + rest[..close].chars().count() + 1 + spaces)
}

/// Whether a line of notes is private (see [`PRIVATE_MARK`]).
pub fn is_private_line(line: &str) -> bool {
    private_mark_len(line).is_some()
}

/// A line without its private mark.
pub fn without_private_mark(line: &str) -> &str {
    match private_mark_len(line) {
        Some(len) => line
            .char_indices()
            .nth(len)
            .map_or("", |(at, _)| &line[at..]),
        None => line,
    }
}

/// The steps of an agenda in order: every point without sub-points.
pub fn steps(agenda: &[AgendaItem]) -> Vec<Step> {
    let mut steps = Vec::new();
    for (i, item) in agenda.iter().enumerate() {
        if item.items.is_empty() {
            steps.push(Step {
                path: (i, None),
                number: format!("{}", i + 1),
            });
        }
        for (j, _) in item.items.iter().enumerate() {
            steps.push(Step {
                path: (i, Some(j)),
                number: format!("{}.{}", i + 1, j + 1),
            });
        }
    }
    steps
}

/// The agenda point a step designates, if the path is inside the agenda.
pub fn item_at(agenda: &[AgendaItem], path: (usize, Option<usize>)) -> Option<&AgendaItem> {
    let item = agenda.get(path.0)?;
    match path.1 {
        None => Some(item),
        Some(j) => item.items.get(j),
    }
}

/// Mutable access to the agenda point a step designates.
pub fn item_at_mut(
    agenda: &mut [AgendaItem],
    path: (usize, Option<usize>),
) -> Option<&mut AgendaItem> {
    let item = agenda.get_mut(path.0)?;
    match path.1 {
        None => Some(item),
        Some(j) => item.items.get_mut(j),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agenda() -> Vec<AgendaItem> {
        let mut state = AgendaItem::new("État des lieux", 0);
        state.items = vec![
            AgendaItem::new("Usages", 20),
            AgendaItem::new("Services", 15),
        ];
        vec![
            AgendaItem::new("Introduction", 10),
            state,
            AgendaItem::new("Axe", 25),
        ]
    }

    #[test]
    fn steps_are_the_points_without_sub_points_numbered_as_printed() {
        let numbers: Vec<String> = steps(&agenda()).into_iter().map(|s| s.number).collect();
        assert_eq!(numbers, ["1", "2.1", "2.2", "3"]);
    }

    #[test]
    fn item_at_follows_a_step_path_and_refuses_paths_outside() {
        let agenda = agenda();
        assert_eq!(item_at(&agenda, (1, Some(1))).unwrap().title, "Services");
        assert_eq!(item_at(&agenda, (2, None)).unwrap().title, "Axe");
        assert!(item_at(&agenda, (1, Some(2))).is_none());
        assert!(item_at(&agenda, (3, None)).is_none());
    }

    #[test]
    fn private_lines_are_recognised_by_their_mark_whatever_its_case() {
        assert!(is_private_line("[privé] Budget serré"));
        assert!(is_private_line("  [Privé]Budget"));
        assert!(is_private_line("[PRIVE] x"));
        assert!(!is_private_line("Budget [privé]"));
        assert!(!is_private_line("[privée] x"));
        assert!(!is_private_line(""));
        assert_eq!(private_mark_len("[privé] x"), Some(8));
        assert_eq!(without_private_mark("  [Privé]Budget"), "Budget");
        assert_eq!(without_private_mark("[privé] "), "");
        assert_eq!(without_private_mark("Budget"), "Budget");
    }

    #[test]
    fn total_planned_minutes_counts_sub_points() {
        assert_eq!(agenda()[1].total_planned_minutes(), 35);
    }

    #[test]
    fn blank_removes_notes_decisions_and_time_at_every_level() {
        let mut item = agenda().remove(1);
        item.items[0].notes = "Note".into();
        item.items[0].spent_seconds = 40;
        item.decisions.push(Decision { text: "D".into() });
        let blank = item.blank();
        assert_eq!(blank.items[0].notes, "");
        assert_eq!(blank.items[0].spent_seconds, 0);
        assert!(blank.decisions.is_empty());
        assert_eq!(blank.items[0].planned_minutes, 20);
    }
}
