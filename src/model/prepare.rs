//! Preparing a new meeting: the first one gets the seed's first-meeting agenda, later ones the
//! follow-up agenda with the previous meeting's objectives waiting for their evaluation.

use chrono::{NaiveDate, NaiveTime};

use super::{AgendaItem, Evaluation, Meeting, MeetingId, MeetingKind};

/// What the user says of a meeting to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingPlan {
    /// Day.
    pub date: NaiveDate,
    /// Time, if known.
    pub time: Option<NaiveTime>,
    /// Place.
    pub place: String,
    /// Kind.
    pub kind: MeetingKind,
}

/// The meeting before a new one, among the committee's meetings: the one whose objectives it
/// evaluates. None: the new meeting is the committee's first, and gets the seed's agenda.
pub fn previous_of(id: MeetingId, ids: &[MeetingId]) -> Option<MeetingId> {
    ids.iter().filter(|other| **other < id).max().copied()
}

/// A new meeting from its plan and agenda template. `previous` is the last meeting held before
/// it, if any (none: the committee's first meeting, whose agenda is the seed's): its
/// objectives wait in the new meeting for their evaluation.
pub fn prepare(plan: &MeetingPlan, template: &[AgendaItem], previous: Option<&Meeting>) -> Meeting {
    let agenda = template.iter().map(AgendaItem::blank).collect();
    let mut meeting = Meeting::new(plan.date, plan.kind.clone(), agenda);
    meeting.time = plan.time;
    meeting.place = plan.place.trim().to_string();
    if let Some(previous) = previous {
        meeting.evaluations = previous
            .objectives
            .iter()
            .map(Evaluation::pending)
            .collect();
        meeting.secretary = previous.secretary;
    }
    meeting
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::model::{Domain, MemberId, Objective, ObjectiveId, StepKind};

    fn plan() -> MeetingPlan {
        MeetingPlan {
            date: NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
            time: NaiveTime::from_hms_opt(14, 0, 0),
            place: " Mairie ".into(),
            kind: MeetingKind::Ordinary,
        }
    }

    #[test]
    fn the_previous_meeting_is_the_latest_before_the_new_one() {
        let ids: Vec<MeetingId> = ["2026-06-30", "2026-12-01", "2026-12-01-2", "2027-03-02"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        let id = |s: &str| s.parse::<MeetingId>().unwrap();
        assert_eq!(
            previous_of(id("2026-12-01-3"), &ids),
            Some(id("2026-12-01-2"))
        );
        assert_eq!(
            previous_of(id("2026-12-15"), &ids),
            Some(id("2026-12-01-2"))
        );
        assert_eq!(previous_of(id("2026-06-30"), &ids), None, "the first");
        assert_eq!(previous_of(id("2026-01-01"), &[]), None);
    }

    #[test]
    fn the_first_meeting_gets_the_seed_agenda() {
        let catalog = Catalog::builtin();
        let m = prepare(&plan(), catalog.agenda_for(true), None);
        assert_eq!(m.agenda, catalog.first_agenda.items);
        assert_eq!(m.place, "Mairie");
        assert!(m.evaluations.is_empty());
    }

    #[test]
    fn a_later_meeting_reviews_the_previous_objectives() {
        let catalog = Catalog::builtin();
        let mut previous = prepare(&plan(), catalog.agenda_for(true), None);
        previous.secretary = Some(MemberId(5));
        previous.objectives.push(Objective {
            id: ObjectiveId(7),
            statement: "Ouvrir l'ENT".into(),
            owner: MemberId(2),
            due: plan().date,
            indicator: String::new(),
            domain: Domain::Pedagogical,
            subjects: vec![],
            crcn: None,
            carried_from: None,
        });
        let m = prepare(&plan(), catalog.agenda_for(false), Some(&previous));
        assert_eq!(m.agenda[0].kind, StepKind::Review);
        assert_eq!(m.evaluations.len(), 1);
        assert_eq!(m.evaluations[0].objective, ObjectiveId(7));
        assert_eq!(m.evaluations[0].outcome, None);
        assert_eq!(m.secretary, Some(MemberId(5)));
    }
}
