//! A meeting: when and where, its kind, agenda, attendance, evaluation of the previous
//! objectives, new objectives, the priority axis and the next date.

use std::fmt;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::agenda::{self, AgendaItem, Step};
use super::{Evaluation, MemberId, Objective, ObjectiveId, SCHEMA_VERSION};

/// One meeting of the committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// Schema version of the file this was read from.
    pub version: u32,
    /// Day of the meeting.
    pub date: NaiveDate,
    /// Starting time, if fixed.
    #[serde(default)]
    pub time: Option<NaiveTime>,
    /// Where it takes place.
    #[serde(default)]
    pub place: String,
    /// Ordinary, extraordinary, or restricted committee on a dossier.
    pub kind: MeetingKind,
    /// The secrétaire de séance.
    #[serde(default)]
    pub secretary: Option<MemberId>,
    /// Members invited (empty: the whole active roster).
    #[serde(default)]
    pub invited: Vec<MemberId>,
    /// When the meeting clock was started and stopped.
    #[serde(default)]
    pub started_at: Option<NaiveDateTime>,
    /// When the meeting was closed.
    #[serde(default)]
    pub ended_at: Option<NaiveDateTime>,
    /// Index of the step the facilitator is on (see [`agenda::steps`]); followed by projection.
    #[serde(default)]
    pub current_step: usize,
    /// When the current step's timer was last started, while it runs (since version 2): what
    /// lets `copilnum present` count down with the editor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timer_started_at: Option<NaiveDateTime>,
    /// Who speaks during the tour de table (since version 2), shown by the projection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<MemberId>,
    /// The order of the tour de table as the facilitator set it (since version 3); those not
    /// in it speak after, in roster order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speaking_order: Vec<MemberId>,
    /// Whether the facilitator projects the end-of-meeting summary (since version 2).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub summary: bool,
    /// The agenda with notes and decisions.
    pub agenda: Vec<AgendaItem>,
    /// Attendance, one entry per member whose presence was recorded.
    #[serde(default)]
    pub attendance: Vec<Attendance>,
    /// Whether this meeting evaluates the objectives set before it (since version 3). `None`:
    /// as its kind does by default — an ordinary meeting does, an extraordinary meeting or a
    /// restricted committee does not (see [`Meeting::reviews_objectives`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviews_objectives: Option<bool>,
    /// Evaluation of the objectives set before this meeting and not evaluated yet.
    #[serde(default)]
    pub evaluations: Vec<Evaluation>,
    /// Operational objectives set at this meeting.
    #[serde(default)]
    pub objectives: Vec<Objective>,
    /// The year's priority axis and its coordinator, when this meeting set them.
    #[serde(default)]
    pub priority_axis: Option<PriorityAxis>,
    /// Date of the next meeting, when fixed.
    #[serde(default)]
    pub next_meeting: Option<NextMeeting>,
}

/// The three kinds of meeting the seed names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum MeetingKind {
    /// Séance ordinaire (at least once a year).
    Ordinary,
    /// Session extraordinaire.
    Extraordinary,
    /// Comité restreint for following up one dossier.
    Restricted {
        /// The dossier followed.
        dossier: String,
    },
}

/// A member's presence at a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    /// Who.
    pub member: MemberId,
    /// Present, excused, absent or represented.
    pub presence: Presence,
    /// What they said of their role and function during the tour de table.
    #[serde(default)]
    pub statement: String,
    /// When they arrived, if after the start (a latecomer, added during the meeting).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrived_at: Option<NaiveTime>,
}

/// Attendance statuses, in the order Espace cycles through them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Presence {
    /// Présent.
    Present,
    /// Excusé.
    Excused,
    /// Absent.
    Absent,
    /// Représenté par the named person.
    RepresentedBy(String),
}

/// The year's priority axis and who coordinates and follows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorityAxis {
    /// The axis, e.g. "Généraliser l'usage de l'ENT dans toutes les écoles".
    pub statement: String,
    /// Person in charge of coordination and follow-up.
    #[serde(default)]
    pub coordinator: Option<MemberId>,
}

/// When and where the committee meets next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NextMeeting {
    /// Day.
    pub date: NaiveDate,
    /// Time, if fixed.
    #[serde(default)]
    pub time: Option<NaiveTime>,
    /// Place, if known.
    #[serde(default)]
    pub place: String,
}

impl Meeting {
    /// A new meeting on that day with that agenda, at the current schema version.
    pub fn new(date: NaiveDate, kind: MeetingKind, agenda: Vec<AgendaItem>) -> Meeting {
        Meeting {
            version: SCHEMA_VERSION,
            date,
            time: None,
            place: String::new(),
            kind,
            secretary: None,
            invited: Vec::new(),
            started_at: None,
            ended_at: None,
            current_step: 0,
            timer_started_at: None,
            speaker: None,
            speaking_order: Vec::new(),
            summary: false,
            agenda,
            attendance: Vec::new(),
            reviews_objectives: None,
            evaluations: Vec::new(),
            objectives: Vec::new(),
            priority_axis: None,
            next_meeting: None,
        }
    }

    /// The steps of the agenda in order.
    pub fn steps(&self) -> Vec<Step> {
        agenda::steps(&self.agenda)
    }

    /// The recorded presence of a member, if any.
    pub fn presence_of(&self, member: MemberId) -> Option<&Presence> {
        self.attendance
            .iter()
            .find(|a| a.member == member)
            .map(|a| &a.presence)
    }

    /// Who may speak in the tour de table, in order: the present and the represented, in the
    /// order the facilitator set (`speaking_order`), then the others in roster order.
    /// Excused and absent members never get the floor.
    pub fn speaking_order(&self, committee: &super::Committee) -> Vec<MemberId> {
        let present = |id: &MemberId| {
            matches!(
                self.presence_of(*id),
                Some(Presence::Present | Presence::RepresentedBy(_))
            )
        };
        let mut order: Vec<MemberId> = self
            .speaking_order
            .iter()
            .copied()
            .filter(present)
            .collect();
        for member in &committee.members {
            if present(&member.id) && !order.contains(&member.id) {
                order.push(member.id);
            }
        }
        order
    }

    /// Who speaks after the current speaker (the first, before anyone has).
    pub fn next_speaker(&self, committee: &super::Committee) -> Option<MemberId> {
        let order = self.speaking_order(committee);
        match self
            .speaker
            .and_then(|s| order.iter().position(|m| *m == s))
        {
            Some(at) => order.get(at + 1).copied(),
            None => order.first().copied(),
        }
    }

    /// How many attended: present or represented.
    pub fn attendance_count(&self) -> usize {
        self.attendance
            .iter()
            .filter(|a| matches!(a.presence, Presence::Present | Presence::RepresentedBy(_)))
            .count()
    }

    /// Every decision of the meeting, in agenda order.
    pub fn decisions(&self) -> impl Iterator<Item = &agenda::Decision> {
        self.agenda.iter().flat_map(|i| {
            i.decisions
                .iter()
                .chain(i.items.iter().flat_map(|s| &s.decisions))
        })
    }

    /// The largest objective identifier used in this meeting (0 if none).
    pub fn max_objective_id(&self) -> u32 {
        self.objectives.iter().map(|o| o.id.0).max().unwrap_or(0)
    }

    /// The objective of this meeting with that identifier.
    pub fn objective(&self, id: ObjectiveId) -> Option<&Objective> {
        self.objectives.iter().find(|o| o.id == id)
    }

    /// Whether this meeting evaluates the objectives set before it: as its file says, else as
    /// its kind does by default.
    pub fn reviews_objectives(&self) -> bool {
        self.reviews_objectives
            .unwrap_or_else(|| self.kind.reviews_by_default())
    }
}

impl MeetingKind {
    /// Whether a meeting of this kind evaluates the objectives unless told otherwise: an
    /// ordinary meeting does; an extraordinary one or a restricted committee, called for one
    /// matter, does not.
    pub fn reviews_by_default(&self) -> bool {
        matches!(self, MeetingKind::Ordinary)
    }

    /// French label: "ordinaire", "extraordinaire", "comité restreint".
    pub fn label(&self) -> &'static str {
        match self {
            MeetingKind::Ordinary => "ordinaire",
            MeetingKind::Extraordinary => "extraordinaire",
            MeetingKind::Restricted { .. } => "comité restreint",
        }
    }
}

impl Presence {
    /// French label: "présent", "excusé", "absent", "représenté par …".
    pub fn label(&self) -> String {
        match self {
            Presence::Present => "présent".into(),
            Presence::Excused => "excusé".into(),
            Presence::Absent => "absent".into(),
            Presence::RepresentedBy(name) => format!("représenté par {name}"),
        }
    }
}

/// The name of a meeting: its date, with `-2`, `-3`… when several fall on the same day.
/// It names the meeting's file and is the MEETING argument of the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MeetingId {
    /// Day of the meeting.
    pub date: NaiveDate,
    /// 1 for the first meeting of the day, 2 for the second…
    pub rank: u32,
}

impl MeetingId {
    /// The first meeting of that day.
    pub fn new(date: NaiveDate) -> MeetingId {
        MeetingId { date, rank: 1 }
    }

    /// Whether this name can be a file name that reads back as the same meeting: the year must
    /// have four digits (0000 to 9999).
    pub fn is_nameable(&self) -> bool {
        (0..=9999).contains(&chrono::Datelike::year(&self.date))
    }

    /// The first name free on that day, given the names already taken.
    pub fn free_on(date: NaiveDate, taken: &[MeetingId]) -> MeetingId {
        let rank = (1..)
            .find(|&rank| !taken.contains(&MeetingId { date, rank }))
            .expect("an unbounded range always has a free rank");
        MeetingId { date, rank }
    }
}

impl fmt::Display for MeetingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.date.format("%Y-%m-%d"))?;
        if self.rank > 1 {
            write!(f, "-{}", self.rank)?;
        }
        Ok(())
    }
}

/// Written as its name ("2026-01-20-2"), as in the files' names.
impl Serialize for MeetingId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for MeetingId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<MeetingId, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

impl FromStr for MeetingId {
    type Err = String;

    fn from_str(text: &str) -> Result<MeetingId, String> {
        let invalid = || {
            format!(
                "« {text} » ne désigne pas une réunion : attendu AAAA-MM-JJ, par exemple 2026-01-20, ou 2026-01-20-2 pour la deuxième réunion du jour"
            )
        };
        if text.len() < 10 || !text.is_char_boundary(10) {
            return Err(invalid());
        }
        let (day, rest) = text.split_at(10);
        let well_formed = day.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
        if !well_formed {
            return Err(invalid());
        }
        let date = NaiveDate::parse_from_str(day, "%Y-%m-%d")
            .map_err(|_| format!("« {day} » n'est pas une date qui existe"))?;
        let rank = match rest {
            "" => 1,
            _ => match rest.strip_prefix('-').map(str::parse::<u32>) {
                Some(Ok(rank)) if rank >= 2 && !rest[1..].starts_with('0') => rank,
                _ => return Err(invalid()),
            },
        };
        Ok(MeetingId { date, rank })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn meeting_id_prints_and_parses_with_and_without_rank() {
        let first = MeetingId::new(day(2026, 1, 20));
        assert_eq!(first.to_string(), "2026-01-20");
        let second = MeetingId { rank: 2, ..first };
        assert_eq!(second.to_string(), "2026-01-20-2");
        assert_eq!("2026-01-20".parse::<MeetingId>(), Ok(first));
        assert_eq!("2026-01-20-2".parse::<MeetingId>(), Ok(second));
    }

    #[test]
    fn meeting_id_refuses_what_is_not_a_meeting_name_in_french() {
        for bad in [
            "",
            "2026-1-20",
            "20/01/2026",
            "2026-01-20-1",
            "2026-01-20-02",
            "2026-01-20-x",
            "2026-01-20.ron",
            "2026-02-30",
            "éééééééééé",
        ] {
            let err = bad.parse::<MeetingId>().unwrap_err();
            assert!(err.contains('«') || err.contains("date"), "{bad}: {err}");
        }
        assert!(
            "2026-02-30"
                .parse::<MeetingId>()
                .unwrap_err()
                .contains("n'est pas une date qui existe")
        );
    }

    #[test]
    fn only_four_digit_years_make_names_that_read_back() {
        for (year, nameable) in [
            (0, true),
            (2026, true),
            (9999, true),
            (10000, false),
            (-1, false),
        ] {
            let id = MeetingId::new(day(year, 1, 1));
            assert_eq!(id.is_nameable(), nameable, "{year}");
            assert_eq!(
                id.to_string().parse::<MeetingId>() == Ok(id),
                nameable,
                "{year}"
            );
        }
    }

    #[test]
    fn free_on_takes_the_next_rank_of_the_day() {
        let d = day(2026, 3, 2);
        assert_eq!(MeetingId::free_on(d, &[]).rank, 1);
        let taken = [MeetingId::new(d), MeetingId { date: d, rank: 2 }];
        assert_eq!(MeetingId::free_on(d, &taken).to_string(), "2026-03-02-3");
    }

    #[test]
    fn ids_sort_by_date_then_rank() {
        let mut ids: Vec<MeetingId> = ["2026-01-20-2", "2025-10-14", "2026-01-20"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        ids.sort();
        let names: Vec<String> = ids.iter().map(ToString::to_string).collect();
        assert_eq!(names, ["2025-10-14", "2026-01-20", "2026-01-20-2"]);
    }

    #[test]
    fn attendance_count_counts_present_and_represented() {
        let mut m = Meeting::new(day(2026, 1, 20), MeetingKind::Ordinary, vec![]);
        for (id, presence) in [
            (1, Presence::Present),
            (2, Presence::Excused),
            (3, Presence::RepresentedBy("M. Roux".into())),
            (4, Presence::Absent),
        ] {
            m.attendance.push(Attendance {
                member: MemberId(id),
                presence,
                statement: String::new(),
                arrived_at: None,
            });
        }
        assert_eq!(m.attendance_count(), 2);
        assert_eq!(m.presence_of(MemberId(2)), Some(&Presence::Excused));
        assert_eq!(m.presence_of(MemberId(9)), None);
    }
}
