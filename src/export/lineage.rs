//! The lineage of objectives as documents show it: where each was set, the objectives it
//! carries over and those that carry it further, and its latest evaluation — a view of
//! [`crate::model::lineage::Ledger`], the one place that follows objectives across meetings.

use crate::model::lineage::Ledger;
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
#[derive(Debug)]
pub struct Lineage<'a> {
    ledger: Ledger<'a>,
}

impl<'a> Lineage<'a> {
    /// The lineage of the objectives of these meetings (oldest first).
    pub fn of(meetings: &'a [(MeetingId, Meeting)]) -> Lineage<'a> {
        let refs: Vec<(MeetingId, &'a Meeting)> = meetings.iter().map(|(id, m)| (*id, m)).collect();
        Lineage {
            ledger: Ledger::new(&refs),
        }
    }

    /// Where an objective was set.
    pub fn origin(&self, id: ObjectiveId) -> Option<Origin<'a>> {
        self.ledger.get(id).map(|r| Origin {
            meeting: r.set_at,
            objective: r.objective,
        })
    }

    /// Its latest evaluation.
    pub fn verdict(&self, id: ObjectiveId) -> Option<Verdict<'a>> {
        self.ledger.get(id)?.latest().map(|e| Verdict {
            meeting: e.at,
            evaluation: e.evaluation,
        })
    }

    /// The objectives it carries over, nearest first (each `carried_from` followed back; a
    /// loop in hand-edited files stops the walk).
    pub fn ancestors(&self, id: ObjectiveId) -> Vec<ObjectiveId> {
        let mut chain = Vec::new();
        let mut at = self.ledger.get(id).and_then(|r| r.objective.carried_from);
        while let Some(from) = at {
            if from == id || chain.contains(&from) {
                break;
            }
            chain.push(from);
            at = self.ledger.get(from).and_then(|r| r.objective.carried_from);
        }
        chain
    }

    /// The objectives that carry it over, directly or further on, in order.
    pub fn descendants(&self, id: ObjectiveId) -> Vec<ObjectiveId> {
        let mut found = Vec::new();
        let mut queue = vec![id];
        while let Some(next) = queue.pop() {
            let children = self.ledger.get(next).map(|r| r.carried_to.clone());
            for (_, child) in children.into_iter().flatten() {
                if child != id && !found.contains(&child) {
                    found.push(child);
                    queue.push(child);
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
        // A carry inside one meeting is no carry (`copilnum check` reports it).
        assert!(lineage.descendants(ObjectiveId(1)).is_empty());
    }
}
