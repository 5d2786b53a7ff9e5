//! Preparing a new meeting: the first one gets the seed's first-meeting agenda and no
//! evaluation step; later ones the follow-up agenda with the objectives not yet evaluated
//! waiting for their evaluation — when the meeting reviews objectives (an ordinary one does by
//! default, an extraordinary one or a restricted committee only when asked).

use chrono::{NaiveDate, NaiveTime};

use super::lineage::awaiting_evaluation;
use super::{
    AgendaItem, Evaluation, Meeting, MeetingId, MeetingKind, MemberId, Objective, StepKind,
};

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
    /// The secrétaire de séance, if chosen.
    pub secretary: Option<MemberId>,
}

/// The meeting before a new one, among the committee's meetings. None: the new meeting is the
/// committee's first, and gets the seed's agenda.
pub fn previous_of(id: MeetingId, ids: &[MeetingId]) -> Option<MeetingId> {
    ids.iter().filter(|other| **other < id).max().copied()
}

/// What a new meeting takes from the committee's other meetings.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Handover<'a> {
    /// The latest meeting before it; none for the committee's first meeting.
    pub previous: Option<MeetingId>,
    /// The secretary of that meeting, who usually keeps the pen.
    pub secretary: Option<MemberId>,
    /// The objectives to evaluate if the meeting reviews objectives: set since the last
    /// meeting that reviewed (carried ones included) and evaluated nowhere yet, oldest first.
    pub awaiting: Vec<&'a Objective>,
}

impl<'a> Handover<'a> {
    /// What the committee's meetings (every one that reads, in any order) hand over to a new
    /// meeting named `id`.
    pub fn for_meeting(id: MeetingId, meetings: &[(MeetingId, &'a Meeting)]) -> Handover<'a> {
        let previous = meetings
            .iter()
            .filter(|(other, _)| *other < id)
            .max_by_key(|(other, _)| *other);
        Handover {
            previous: previous.map(|(other, _)| *other),
            secretary: previous.and_then(|(_, m)| m.secretary),
            awaiting: awaiting_evaluation(id, meetings),
        }
    }

    /// Whether the new meeting is the committee's first: it then has no evaluation step.
    pub fn is_first(&self) -> bool {
        self.previous.is_none()
    }

    /// The evaluations a reviewing meeting starts with, waiting for their outcome.
    pub fn evaluations(&self) -> Vec<Evaluation> {
        self.awaiting
            .iter()
            .map(|o| Evaluation::pending(o))
            .collect()
    }
}

/// A new meeting from its plan, its agenda template and what the meetings before hand over;
/// a restricted committee's first point names its dossier.
/// The first meeting, and a meeting that does not review objectives (by default an
/// extraordinary one or a restricted committee), have no evaluation step: the template's
/// review points are left out. A reviewing meeting gets the objectives awaiting evaluation.
pub fn prepare(plan: &MeetingPlan, template: &[AgendaItem], handover: &Handover) -> Meeting {
    let agenda = template.iter().map(AgendaItem::blank).collect();
    let mut meeting = Meeting::new(plan.date, plan.kind.clone(), agenda);
    meeting.time = plan.time;
    meeting.place = plan.place.trim().to_string();
    meeting.secretary = plan.secretary;
    if let (MeetingKind::Restricted { dossier }, Some(first)) =
        (&plan.kind, meeting.agenda.first_mut())
    {
        // The restricted committee's agenda opens on its dossier.
        first
            .details
            .insert(0, format!("Dossier suivi : {}", dossier.trim()));
    }
    if handover.is_first() || !meeting.reviews_objectives() {
        remove_review_points(&mut meeting.agenda);
    } else {
        meeting.evaluations = handover.evaluations();
    }
    meeting
}

/// Makes a meeting review the objectives, or not, after it was created ("this extraordinary
/// meeting takes up the objectives after all"). Reviewing adds the objectives awaiting
/// evaluation (those already listed keep their outcome) and, if the agenda has no review step,
/// puts `review_point` (the template's) first. Not reviewing removes the evaluations and the
/// review steps — refused, changing nothing, when an evaluation or a review step already holds
/// something typed.
pub fn set_review(
    meeting: &mut Meeting,
    reviews: bool,
    handover: &Handover,
    review_point: &AgendaItem,
) -> Result<(), String> {
    if reviews {
        for objective in &handover.awaiting {
            if !meeting
                .evaluations
                .iter()
                .any(|e| e.objective == objective.id)
            {
                meeting.evaluations.push(Evaluation::pending(objective));
            }
        }
        if !meeting.steps().iter().any(|s| is_review(meeting, s.path)) {
            meeting.agenda.insert(0, review_point.blank());
            meeting.current_step = meeting.current_step.saturating_add(1);
        }
    } else {
        if let Some(e) = meeting
            .evaluations
            .iter()
            .find(|e| e.outcome.is_some() || !e.comment.trim().is_empty())
        {
            return Err(format!(
                "l'objectif « {} » est déjà évalué : effacez d'abord son évaluation",
                e.statement
            ));
        }
        let typed = |i: &AgendaItem| !i.notes.trim().is_empty() || !i.decisions.is_empty();
        let holds_text = meeting.agenda.iter().any(|i| {
            (i.kind == StepKind::Review && (typed(i) || i.items.iter().any(typed)))
                || i.items
                    .iter()
                    .any(|s| s.kind == StepKind::Review && typed(s))
        });
        if holds_text {
            return Err(
                "l'étape du bilan des objectifs contient des notes ou des décisions : déplacez-les d'abord"
                    .into(),
            );
        }
        meeting.evaluations.clear();
        let steps_before = meeting.steps().len();
        remove_review_points(&mut meeting.agenda);
        let removed = steps_before - meeting.steps().len();
        meeting.current_step = meeting.current_step.saturating_sub(removed);
    }
    meeting.reviews_objectives = (reviews != meeting.kind.reviews_by_default()).then_some(reviews);
    Ok(())
}

fn is_review(meeting: &Meeting, path: (usize, Option<usize>)) -> bool {
    super::agenda::item_at(&meeting.agenda, path).is_some_and(|i| i.kind == StepKind::Review)
}

/// Removes the review points, and the review sub-points, of an agenda; a point left without
/// its sub-points goes too.
fn remove_review_points(agenda: &mut Vec<AgendaItem>) {
    agenda.retain_mut(|item| {
        let had_sub_points = !item.items.is_empty();
        item.items.retain(|sub| sub.kind != StepKind::Review);
        item.kind != StepKind::Review && (!had_sub_points || !item.items.is_empty())
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::model::{Domain, ObjectiveId, Outcome};

    fn plan(kind: MeetingKind) -> MeetingPlan {
        MeetingPlan {
            date: NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
            time: NaiveTime::from_hms_opt(14, 0, 0),
            place: " Mairie ".into(),
            kind,
            secretary: None,
        }
    }

    fn objective(id: u32) -> Objective {
        Objective {
            id: ObjectiveId(id),
            statement: format!("Objectif {id}"),
            owner: MemberId(2),
            due: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            indicator: String::new(),
            domain: Domain::Pedagogical,
            subjects: vec![],
            crcn: None,
            carried_from: None,
            due_to_confirm: false,
        }
    }

    fn held(date: &str, kind: MeetingKind, objectives: &[u32]) -> (MeetingId, Meeting) {
        let id: MeetingId = date.parse().unwrap();
        let mut m = Meeting::new(id.date, kind, vec![AgendaItem::new("Point", 10)]);
        m.objectives = objectives.iter().map(|&n| objective(n)).collect();
        (id, m)
    }

    fn refs(meetings: &[(MeetingId, Meeting)]) -> Vec<(MeetingId, &Meeting)> {
        meetings.iter().map(|(id, m)| (*id, m)).collect()
    }

    fn new_id() -> MeetingId {
        MeetingId::new(plan(MeetingKind::Ordinary).date)
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
    fn the_first_meeting_gets_the_seed_agenda_and_no_evaluation_step() {
        let catalog = Catalog::builtin();
        let handover = Handover::for_meeting(new_id(), &[]);
        assert!(handover.is_first());
        let m = prepare(
            &plan(MeetingKind::Ordinary),
            catalog.agenda_for(true),
            &handover,
        );
        assert_eq!(m.agenda, catalog.first_agenda.items);
        assert_eq!(m.place, "Mairie");
        assert!(m.evaluations.is_empty());
        // Even from a template that has one.
        let m = prepare(
            &plan(MeetingKind::Ordinary),
            catalog.agenda_for(false),
            &handover,
        );
        assert!(m.agenda.iter().all(|i| i.kind != StepKind::Review));
        assert_eq!(m.agenda.len(), catalog.follow_up_agenda.items.len() - 1);
    }

    #[test]
    fn a_later_meeting_reviews_the_objectives_awaiting_evaluation() {
        let catalog = Catalog::builtin();
        let mut meetings = vec![held("2025-10-14", MeetingKind::Ordinary, &[7, 8])];
        meetings[0].1.secretary = Some(MemberId(5));
        let refs = refs(&meetings);
        let handover = Handover::for_meeting(new_id(), &refs);
        let m = prepare(
            &plan(MeetingKind::Ordinary),
            catalog.agenda_for(false),
            &handover,
        );
        assert_eq!(m.agenda[0].kind, StepKind::Review);
        let evaluated: Vec<ObjectiveId> = m.evaluations.iter().map(|e| e.objective).collect();
        assert_eq!(evaluated, [ObjectiveId(7), ObjectiveId(8)]);
        assert_eq!(m.evaluations[0].outcome, None);
        assert_eq!(handover.secretary, Some(MemberId(5)));
        assert_eq!(m.secretary, None, "the plan says who keeps the pen");
        let chosen = MeetingPlan {
            secretary: Some(MemberId(9)),
            ..plan(MeetingKind::Ordinary)
        };
        let m = prepare(&chosen, catalog.agenda_for(false), &handover);
        assert_eq!(m.secretary, Some(MemberId(9)));
    }

    #[test]
    fn a_restricted_committee_opens_on_its_dossier_with_the_extraordinary_agenda() {
        let catalog = Catalog::builtin();
        let kind = MeetingKind::Restricted {
            dossier: " Renouvellement des tablettes ".into(),
        };
        let december = vec![held("2025-12-02", MeetingKind::Ordinary, &[1])];
        let handover = Handover::for_meeting(new_id(), &refs(&december));
        let m = prepare(
            &plan(kind.clone()),
            catalog.agenda_for_kind(false, &kind),
            &handover,
        );
        assert_eq!(
            m.agenda[0].title,
            catalog.extraordinary_agenda.items[0].title
        );
        assert_eq!(
            m.agenda[0].details[0],
            "Dossier suivi : Renouvellement des tablettes"
        );
        assert!(m.evaluations.is_empty());
    }

    #[test]
    fn an_extraordinary_meeting_evaluates_none_by_default_and_the_next_ordinary_one_does() {
        let catalog = Catalog::builtin();
        for kind in [
            MeetingKind::Extraordinary,
            MeetingKind::Restricted {
                dossier: "ENT".into(),
            },
        ] {
            let december = vec![held("2025-12-02", MeetingKind::Ordinary, &[1])];
            let refs_december = refs(&december);
            let handover = Handover::for_meeting(new_id(), &refs_december);
            let january = prepare(&plan(kind.clone()), catalog.agenda_for(false), &handover);
            assert!(january.evaluations.is_empty(), "{kind:?}");
            assert!(january.agenda.iter().all(|i| i.kind != StepKind::Review));
            let mut january = (new_id(), january);
            january.1.objectives.push(objective(2));
            let all = vec![december[0].clone(), january];
            let june: MeetingId = "2026-06-16".parse().unwrap();
            let handover = Handover::for_meeting(june, &refs(&all));
            let ids: Vec<u32> = handover.awaiting.iter().map(|o| o.id.0).collect();
            assert_eq!(
                ids,
                [1, 2],
                "December's and January's objectives wait for June"
            );
        }
    }

    #[test]
    fn carried_objectives_wait_with_the_others_and_evaluated_ones_do_not() {
        let mut oct = held("2025-10-14", MeetingKind::Ordinary, &[1, 2]);
        let mut dec = held("2025-12-02", MeetingKind::Ordinary, &[3]);
        dec.1.objectives[0].carried_from = Some(ObjectiveId(1));
        dec.1.evaluations = oct.1.objectives.iter().map(Evaluation::pending).collect();
        dec.1.evaluations[0].outcome = Some(Outcome::Postponed);
        oct.1.secretary = Some(MemberId(1));
        let meetings = vec![oct, dec];
        let handover = Handover::for_meeting(new_id(), &refs(&meetings));
        let ids: Vec<u32> = handover.awaiting.iter().map(|o| o.id.0).collect();
        assert_eq!(ids, [3]);
        assert_eq!(handover.previous, Some("2025-12-02".parse().unwrap()));
    }

    #[test]
    fn an_extraordinary_meeting_reviews_when_asked_and_stops_only_if_nothing_is_lost() {
        let catalog = Catalog::builtin();
        let december = vec![held("2025-12-02", MeetingKind::Ordinary, &[1, 2])];
        let refs = refs(&december);
        let handover = Handover::for_meeting(new_id(), &refs);
        let mut m = prepare(
            &plan(MeetingKind::Extraordinary),
            catalog.agenda_for(false),
            &handover,
        );
        m.current_step = 1;
        let review = &catalog.follow_up_agenda.items[0];
        set_review(&mut m, true, &handover, review).unwrap();
        assert!(m.reviews_objectives());
        assert_eq!(m.reviews_objectives, Some(true));
        assert_eq!(m.evaluations.len(), 2);
        assert_eq!(m.agenda[0].kind, StepKind::Review);
        assert_eq!(m.current_step, 2, "the same step stays current");
        set_review(&mut m, true, &handover, review).unwrap();
        assert_eq!(
            (m.evaluations.len(), m.agenda[0].kind),
            (2, StepKind::Review)
        );
        assert_eq!(m.agenda[1].kind, StepKind::RoundTable, "added once");

        m.evaluations[1].comment = "En bonne voie".into();
        let before = m.clone();
        let refused = set_review(&mut m, false, &handover, review).unwrap_err();
        assert!(
            refused.contains("« Objectif 2 » est déjà évalué"),
            "{refused}"
        );
        assert_eq!(m, before, "nothing changed");
        m.evaluations[1].comment.clear();
        set_review(&mut m, false, &handover, review).unwrap();
        assert_eq!(
            m.reviews_objectives, None,
            "an extraordinary meeting's default"
        );
        assert!(m.evaluations.is_empty());
        assert!(m.agenda.iter().all(|i| i.kind != StepKind::Review));
        assert_eq!(m.current_step, 1);
    }

    #[test]
    fn review_points_inside_a_heading_are_removed_with_an_empty_heading() {
        let mut heading = AgendaItem::new("Bilans", 0);
        let mut review = AgendaItem::new("Objectifs", 10);
        review.kind = StepKind::Review;
        heading.items = vec![review.clone()];
        let mut mixed = AgendaItem::new("Suivi", 0);
        mixed.items = vec![review, AgendaItem::new("Axe", 10)];
        let mut agenda = vec![heading, mixed, AgendaItem::new("Divers", 5)];
        remove_review_points(&mut agenda);
        let titles: Vec<&str> = agenda.iter().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["Suivi", "Divers"]);
        assert_eq!(agenda[0].items.len(), 1);
    }
}
