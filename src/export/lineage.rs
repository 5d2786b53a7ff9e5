//! The lineage of objectives across meetings: where each objective was set, the objective it
//! carries over (`carried_from`), those that carry it further, and its latest evaluation. Built
//! in one place from what the meetings hold, so that new links (carry-over made in the
//! interface) only need to be added here.

use std::collections::HashMap;

use crate::model::{Evaluation, Meeting, MeetingId, Objective, ObjectiveId};

/// Where an objective stands in the committee's history.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    /// The meeting that set it.
    pub meeting: MeetingId,
    /// The objective.
    pub objective: &'a Objective,
}

/// An evaluation and the meeting that made it.
#[derive(Debug, Clone, Copy)]
pub struct Verdict<'a> {
    /// The meeting that evaluated the objective.
    pub meeting: MeetingId,
    /// The evaluation.
    pub evaluation: &'a Evaluation,
}

/// Every objective of a committee with its links.
#[derive(Debug, Default)]
pub struct Lineage<'a> {
    set: HashMap<ObjectiveId, Origin<'a>>,
    evaluated: HashMap<ObjectiveId, Verdict<'a>>,
    carried_to: HashMap<ObjectiveId, Vec<ObjectiveId>>,
}

impl<'a> Lineage<'a> {
    /// The lineage of the objectives of these meetings (oldest first).
    pub fn of(meetings: &'a [(MeetingId, Meeting)]) -> Lineage<'a> {
        let mut lineage = Lineage::default();
        for (id, meeting) in meetings {
            for objective in &meeting.objectives {
                lineage.set.insert(
                    objective.id,
                    Origin {
                        meeting: *id,
                        objective,
                    },
                );
                if let Some(from) = objective.carried_from {
                    lineage
                        .carried_to
                        .entry(from)
                        .or_default()
                        .push(objective.id);
                }
            }
            // Later meetings come later: the latest evaluation wins.
            for evaluation in &meeting.evaluations {
                lineage.evaluated.insert(
                    evaluation.objective,
                    Verdict {
                        meeting: *id,
                        evaluation,
                    },
                );
            }
        }
        lineage
    }

    /// Where an objective was set.
    pub fn origin(&self, id: ObjectiveId) -> Option<Origin<'a>> {
        self.set.get(&id).copied()
    }

    /// Its latest evaluation.
    pub fn verdict(&self, id: ObjectiveId) -> Option<Verdict<'a>> {
        self.evaluated.get(&id).copied()
    }

    /// The objectives it carries over, nearest first (each `carried_from` followed back; a
    /// loop in hand-edited files stops the walk).
    pub fn ancestors(&self, id: ObjectiveId) -> Vec<ObjectiveId> {
        let mut chain = Vec::new();
        let mut at = self.set.get(&id).and_then(|o| o.objective.carried_from);
        while let Some(from) = at {
            if from == id || chain.contains(&from) {
                break;
            }
            chain.push(from);
            at = self.set.get(&from).and_then(|o| o.objective.carried_from);
        }
        chain
    }

    /// The objectives that carry it over, directly or further on, in order.
    pub fn descendants(&self, id: ObjectiveId) -> Vec<ObjectiveId> {
        let mut found = Vec::new();
        let mut queue = vec![id];
        while let Some(next) = queue.pop() {
            for child in self.carried_to.get(&next).into_iter().flatten() {
                if *child != id && !found.contains(child) {
                    found.push(*child);
                    queue.push(*child);
                }
            }
        }
        found.sort();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Domain, MeetingKind, MemberId, Outcome};
    use chrono::NaiveDate;

    fn objective(id: u32, from: Option<u32>) -> Objective {
        Objective {
            id: ObjectiveId(id),
            statement: format!("Objectif {id}"),
            owner: MemberId(1),
            due: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            indicator: String::new(),
            domain: Domain::Technical,
            subjects: vec![],
            crcn: None,
            carried_from: from.map(ObjectiveId),
            due_to_confirm: false,
        }
    }

    fn meeting(
        day: u32,
        objectives: Vec<Objective>,
        evaluated: &[(u32, Outcome)],
    ) -> (MeetingId, Meeting) {
        let date = NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        let mut m = Meeting::new(date, MeetingKind::Ordinary, vec![]);
        m.evaluations = evaluated
            .iter()
            .map(|(id, outcome)| Evaluation {
                objective: ObjectiveId(*id),
                statement: String::new(),
                owner: None,
                outcome: Some(*outcome),
                comment: String::new(),
            })
            .collect();
        m.objectives = objectives;
        (MeetingId::new(date), m)
    }

    #[test]
    fn follows_carry_overs_both_ways_and_keeps_the_latest_verdict() {
        let meetings = vec![
            meeting(1, vec![objective(1, None), objective(2, None)], &[]),
            meeting(
                8,
                vec![objective(3, Some(1))],
                &[(1, Outcome::Postponed), (2, Outcome::Achieved)],
            ),
            meeting(15, vec![objective(4, Some(3))], &[(3, Outcome::Postponed)]),
            meeting(22, vec![], &[(4, Outcome::Achieved)]),
        ];
        let lineage = Lineage::of(&meetings);
        assert_eq!(
            lineage.ancestors(ObjectiveId(4)),
            [ObjectiveId(3), ObjectiveId(1)]
        );
        assert_eq!(
            lineage.descendants(ObjectiveId(1)),
            [ObjectiveId(3), ObjectiveId(4)]
        );
        assert!(lineage.descendants(ObjectiveId(2)).is_empty());
        assert_eq!(
            lineage.origin(ObjectiveId(3)).unwrap().meeting,
            meetings[1].0
        );
        let verdict = lineage.verdict(ObjectiveId(4)).unwrap();
        assert_eq!(verdict.meeting, meetings[3].0);
        assert_eq!(verdict.evaluation.outcome, Some(Outcome::Achieved));
        assert!(lineage.verdict(ObjectiveId(9)).is_none());
    }

    #[test]
    fn a_loop_in_hand_edited_files_ends_the_walk() {
        let meetings = vec![meeting(
            1,
            vec![objective(1, Some(2)), objective(2, Some(1))],
            &[],
        )];
        let lineage = Lineage::of(&meetings);
        assert_eq!(lineage.ancestors(ObjectiveId(1)), [ObjectiveId(2)]);
        assert_eq!(lineage.descendants(ObjectiveId(1)), [ObjectiveId(2)]);
    }
}
