//! Preparing a new meeting: the first one gets the seed's first-meeting agenda, later ones the
//! follow-up agenda with the previous meeting's objectives waiting for their evaluation.

use chrono::{NaiveDate, NaiveTime};

use super::{Evaluation, Meeting, MeetingKind};
use crate::catalog::Catalog;

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

/// A new meeting from its plan. `previous` is the last meeting held before it, if any: none
/// means this is the committee's first meeting.
pub fn prepare(plan: &MeetingPlan, catalog: &Catalog, previous: Option<&Meeting>) -> Meeting {
    let template = match previous {
        None => &catalog.first_agenda,
        Some(_) => &catalog.follow_up_agenda,
    };
    let agenda = template.items.iter().map(|i| i.blank()).collect();
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
    fn the_first_meeting_gets_the_seed_agenda() {
        let catalog = Catalog::builtin();
        let m = prepare(&plan(), &catalog, None);
        assert_eq!(m.agenda, catalog.first_agenda.items);
        assert_eq!(m.place, "Mairie");
        assert!(m.evaluations.is_empty());
    }

    #[test]
    fn a_later_meeting_reviews_the_previous_objectives() {
        let catalog = Catalog::builtin();
        let mut previous = prepare(&plan(), &catalog, None);
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
        let m = prepare(&plan(), &catalog, Some(&previous));
        assert_eq!(m.agenda[1].kind, StepKind::Review);
        assert_eq!(m.evaluations.len(), 1);
        assert_eq!(m.evaluations[0].objective, ObjectiveId(7));
        assert_eq!(m.evaluations[0].outcome, None);
        assert_eq!(m.secretary, Some(MemberId(5)));
    }
}
