//! Objectives followed from meeting to meeting: what an evaluation's outcome does to the
//! objective (reporté carries it into the meeting that evaluated it, partiellement or non
//! atteint may carry it on request, atteint and abandonné close it), which objectives a new
//! meeting evaluates, and each objective's history across the committee's meetings — set on…,
//! evaluated on… (outcome, comment), carried on….

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::{Evaluation, Fate, Meeting, MeetingId, Objective, ObjectiveId, Outcome};
use crate::fr;

// =============================================================================================
// Carrying an objective over

/// The objective that carries `original` (set at a meeting held on `set_on`) into a meeting
/// held on `date`, under the identifier `id`: same statement, owner, indicator, domain,
/// subjects and CRCN competence, `carried_from` pointing back, and a due date to confirm — as
/// long after this meeting as the original's was after its own (never before this meeting).
pub fn carried(
    original: &Objective,
    set_on: NaiveDate,
    date: NaiveDate,
    id: ObjectiveId,
) -> Objective {
    let allowed = (original.due - set_on).max(chrono::Duration::zero());
    Objective {
        id,
        due: date.checked_add_signed(allowed).unwrap_or(date),
        carried_from: Some(original.id),
        due_to_confirm: true,
        ..original.clone()
    }
}

/// The earlier objective an evaluation is about, as the meeting that set it holds it: what a
/// carried copy is made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Original<'a> {
    /// The objective.
    pub objective: &'a Objective,
    /// Day of the meeting that set it.
    pub set_on: NaiveDate,
}

/// What setting an outcome, or asking to carry an objective, changed in the meeting's own
/// objectives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CarryChange {
    /// Nothing.
    Nothing,
    /// The objective was carried in under this identifier.
    Added(ObjectiveId),
    /// It was already carried in, under this identifier.
    AlreadyCarried(ObjectiveId),
    /// The carried copy, untouched since it was made, was taken back.
    Withdrawn(ObjectiveId),
    /// The outcome closes the objective, but its carried copy was edited since it was made:
    /// it stays, for the committee to delete or keep.
    KeptEdited(ObjectiveId),
}

/// Why an objective cannot be carried on request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CarryError {
    /// There is no evaluation at that place.
    NoEvaluation,
    /// The objective is not evaluated yet.
    NotEvaluated,
    /// Atteint or abandonné: the objective stops there.
    Closed(Outcome),
}

impl std::fmt::Display for CarryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CarryError::NoEvaluation => f.write_str("aucun objectif à cet endroit du bilan"),
            CarryError::NotEvaluated => {
                f.write_str("évaluez d'abord l'objectif : seul un objectif reporté, partiellement ou non atteint se reconduit")
            }
            CarryError::Closed(outcome) => write!(
                f,
                "un objectif {} ne se reconduit pas : fixez plutôt un nouvel objectif",
                outcome.label()
            ),
        }
    }
}

/// The index, among the meeting's objectives, of the one carrying `objective` over.
pub fn carried_copy(meeting: &Meeting, objective: ObjectiveId) -> Option<usize> {
    meeting
        .objectives
        .iter()
        .position(|o| o.carried_from == Some(objective))
}

/// Sets the outcome of the meeting's evaluation number `index` and applies its fate (see
/// [`Outcome::fate`]): reporté carries the objective into this meeting's objectives under `id`
/// (once); atteint, abandonné or no outcome take back a carried copy nobody edited;
/// partiellement and non atteint leave the objectives as they are (the committee may then ask
/// for [`carry`]). `original` is the objective evaluated (see [`Ledger::original`]); without
/// it (its meeting unreadable) nothing is carried.
pub fn set_outcome(
    meeting: &mut Meeting,
    index: usize,
    outcome: Option<Outcome>,
    original: Option<Original<'_>>,
    id: ObjectiveId,
) -> CarryChange {
    let Some(evaluation) = meeting.evaluations.get_mut(index) else {
        return CarryChange::Nothing;
    };
    evaluation.outcome = outcome;
    let objective = evaluation.objective;
    match outcome.map(Outcome::fate) {
        Some(Fate::Carried) => match original {
            Some(original) => add_copy(meeting, original, id),
            None => CarryChange::Nothing,
        },
        Some(Fate::MayCarry) => CarryChange::Nothing,
        Some(Fate::Closed) | None => withdraw_untouched(meeting, objective, original),
    }
}

/// Carries the objective of evaluation number `index` into the meeting under `id`, at the
/// committee's request: for an objective reporté, partiellement or non atteint. Carrying one
/// already carried changes nothing.
pub fn carry(
    meeting: &mut Meeting,
    index: usize,
    original: Original<'_>,
    id: ObjectiveId,
) -> Result<CarryChange, CarryError> {
    let evaluation = meeting
        .evaluations
        .get(index)
        .ok_or(CarryError::NoEvaluation)?;
    match evaluation.outcome {
        None => Err(CarryError::NotEvaluated),
        Some(outcome) if outcome.fate() == Fate::Closed => Err(CarryError::Closed(outcome)),
        Some(_) => Ok(add_copy(meeting, original, id)),
    }
}

/// Takes back, at the committee's request, the objective carrying evaluation number `index`
/// over when nobody edited it since it was made (see [`carried`]); an edited copy stays
/// ([`CarryChange::KeptEdited`]), for the committee to delete or keep. `original` is the
/// objective evaluated; without it a copy cannot be told untouched, and stays.
pub fn uncarry(meeting: &mut Meeting, index: usize, original: Option<Original<'_>>) -> CarryChange {
    match meeting.evaluations.get(index) {
        Some(evaluation) => withdraw_untouched(meeting, evaluation.objective, original),
        None => CarryChange::Nothing,
    }
}

/// Takes back the objective carrying evaluation number `index` over, edited or not, and
/// returns it (the interface confirms first when it was edited).
pub fn withdraw(meeting: &mut Meeting, index: usize) -> Option<Objective> {
    let objective = meeting.evaluations.get(index)?.objective;
    let at = carried_copy(meeting, objective)?;
    Some(meeting.objectives.remove(at))
}

fn add_copy(meeting: &mut Meeting, original: Original<'_>, id: ObjectiveId) -> CarryChange {
    if let Some(at) = carried_copy(meeting, original.objective.id) {
        return CarryChange::AlreadyCarried(meeting.objectives[at].id);
    }
    let copy = carried(original.objective, original.set_on, meeting.date, id);
    meeting.objectives.push(copy);
    CarryChange::Added(id)
}

fn withdraw_untouched(
    meeting: &mut Meeting,
    objective: ObjectiveId,
    original: Option<Original<'_>>,
) -> CarryChange {
    let Some(at) = carried_copy(meeting, objective) else {
        return CarryChange::Nothing;
    };
    let copy = &meeting.objectives[at];
    let untouched =
        original.is_some_and(|o| *copy == carried(o.objective, o.set_on, meeting.date, copy.id));
    if untouched {
        CarryChange::Withdrawn(meeting.objectives.remove(at).id)
    } else {
        CarryChange::KeptEdited(copy.id)
    }
}

// =============================================================================================
// What a new meeting evaluates

/// The objectives the meeting `id` evaluates when it reviews objectives, oldest first: those
/// set since the last meeting before it that reviewed objectives (that meeting included; all
/// meetings when none did) and evaluated at no other meeting. Carried objectives are among
/// them, as objectives of the meeting that carried them. `meetings` is every meeting of the
/// committee, in any order; `id` need not be among them.
pub fn awaiting_evaluation<'a>(
    id: MeetingId,
    meetings: &[(MeetingId, &'a Meeting)],
) -> Vec<&'a Objective> {
    let mut before: Vec<(MeetingId, &Meeting)> =
        meetings.iter().copied().filter(|(m, _)| *m < id).collect();
    before.sort_by_key(|(m, _)| *m);
    let since = before
        .iter()
        .rposition(|(_, m)| m.reviews_objectives())
        .unwrap_or(0);
    let evaluated: HashSet<ObjectiveId> = meetings
        .iter()
        .filter(|(m, _)| *m != id)
        .flat_map(|(_, m)| m.evaluations.iter().map(|e| e.objective))
        .collect();
    before[since..]
        .iter()
        .flat_map(|(_, m)| &m.objectives)
        .filter(|o| !evaluated.contains(&o.id))
        .collect()
}

// =============================================================================================
// History

/// One evaluation of an objective, and the meeting that made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evaluated<'a> {
    /// The meeting.
    pub at: MeetingId,
    /// The evaluation (its outcome is `None` while the meeting has not given one).
    pub evaluation: &'a Evaluation,
}

/// An objective, where it was set, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record<'a> {
    /// The objective, as the meeting that set it holds it.
    pub objective: &'a Objective,
    /// The meeting that set it.
    pub set_at: MeetingId,
    /// Its evaluations in meeting order: none until a meeting takes it up, then one (more is
    /// a mistake that `copilnum check` reports).
    pub evaluations: Vec<Evaluated<'a>>,
    /// The objectives that carry it on, in meeting order (normally at most one).
    pub carried_to: Vec<(MeetingId, ObjectiveId)>,
}

impl<'a> Record<'a> {
    /// Its latest evaluation.
    pub fn latest(&self) -> Option<Evaluated<'a>> {
        self.evaluations.last().copied()
    }

    /// The outcome of its latest evaluation, if given.
    pub fn outcome(&self) -> Option<Outcome> {
        self.latest().and_then(|e| e.evaluation.outcome)
    }

    /// Where it stands.
    pub fn status(&self) -> Status {
        match self.latest() {
            None => Status::Open,
            Some(e) => match e.evaluation.outcome {
                None => Status::ToEvaluate(e.at),
                Some(outcome) => Status::Evaluated(outcome),
            },
        }
    }
}

/// Where an objective stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Set, and no meeting has taken it up yet.
    Open,
    /// On the agenda of that meeting's review, not evaluated yet.
    ToEvaluate(MeetingId),
    /// Evaluated.
    Evaluated(Outcome),
}

impl Status {
    /// French label: "en cours", "à évaluer", or the outcome.
    pub fn label(self) -> &'static str {
        match self {
            Status::Open => "en cours",
            Status::ToEvaluate(_) => "à évaluer",
            Status::Evaluated(outcome) => outcome.label(),
        }
    }
}

/// Something that happened to an objective, in a history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event<'a> {
    /// Set at a meeting.
    Set {
        /// The meeting.
        at: MeetingId,
        /// The objective.
        objective: &'a Objective,
    },
    /// Evaluated at a meeting (or waiting there for its evaluation).
    Evaluated {
        /// The meeting.
        at: MeetingId,
        /// The objective evaluated.
        objective: ObjectiveId,
        /// The evaluation.
        evaluation: &'a Evaluation,
    },
    /// Carried into a meeting, as a new objective that goes on with it.
    Carried {
        /// The meeting.
        at: MeetingId,
        /// The objective carried.
        from: ObjectiveId,
        /// The objective that carries it on.
        objective: &'a Objective,
    },
}

impl Event<'_> {
    /// The meeting where it happened.
    pub fn at(&self) -> MeetingId {
        match self {
            Event::Set { at, .. } | Event::Evaluated { at, .. } | Event::Carried { at, .. } => *at,
        }
    }

    /// The objective it is about (for a carry, the one that carries on).
    pub fn objective(&self) -> ObjectiveId {
        match self {
            Event::Set { objective, .. } | Event::Carried { objective, .. } => objective.id,
            Event::Evaluated { objective, .. } => *objective,
        }
    }

    /// In French: "fixé le 14/10/2025, échéance 16/01/2026", "évalué le 20/01/2026 : reporté
    /// (« faute de tablettes »)", "à évaluer le 20/01/2026", "reconduit le 20/01/2026
    /// (objectif n° 6), échéance à confirmer (15/03/2026)".
    pub fn describe(&self) -> String {
        let on = fr::date_short(self.at().date);
        match self {
            Event::Set { objective, .. } => {
                format!("fixé le {on}, échéance {}", fr::date_short(objective.due))
            }
            Event::Evaluated { evaluation, .. } => {
                let comment = evaluation.comment.trim();
                match evaluation.outcome {
                    None => format!("à évaluer le {on}"),
                    Some(outcome) if comment.is_empty() => {
                        format!("évalué le {on} : {}", outcome.label())
                    }
                    Some(outcome) => {
                        format!("évalué le {on} : {} (« {comment} »)", outcome.label())
                    }
                }
            }
            Event::Carried { objective, .. } if objective.due_to_confirm => format!(
                "reconduit le {on} (objectif n° {}), échéance à confirmer ({})",
                objective.id.0,
                fr::date_short(objective.due)
            ),
            Event::Carried { objective, .. } => format!(
                "reconduit le {on} (objectif n° {}), échéance {}",
                objective.id.0,
                fr::date_short(objective.due)
            ),
        }
    }
}

/// Every objective of a committee with its history, built once from all its meetings.
#[derive(Debug, Clone, Default)]
pub struct Ledger<'a> {
    records: Vec<Record<'a>>,
    by_id: HashMap<ObjectiveId, usize>,
}

impl<'a> Ledger<'a> {
    /// Follows every objective through the meetings (given in any order). An objective number
    /// used twice keeps its first meeting; evaluations and carries pointing to no earlier
    /// objective are left out (`copilnum check` reports both).
    pub fn new(meetings: &[(MeetingId, &'a Meeting)]) -> Ledger<'a> {
        let mut ordered = meetings.to_vec();
        ordered.sort_by_key(|(id, _)| *id);
        let mut ledger = Ledger::default();
        for (at, meeting) in ordered {
            for evaluation in &meeting.evaluations {
                if let Some(&i) = ledger.by_id.get(&evaluation.objective)
                    && ledger.records[i].set_at < at
                {
                    ledger.records[i]
                        .evaluations
                        .push(Evaluated { at, evaluation });
                }
            }
            for objective in &meeting.objectives {
                if let Some(&i) = objective.carried_from.and_then(|f| ledger.by_id.get(&f))
                    && ledger.records[i].set_at < at
                {
                    ledger.records[i].carried_to.push((at, objective.id));
                }
                let next = ledger.records.len();
                if let std::collections::hash_map::Entry::Vacant(slot) =
                    ledger.by_id.entry(objective.id)
                {
                    slot.insert(next);
                    ledger.records.push(Record {
                        objective,
                        set_at: at,
                        evaluations: Vec::new(),
                        carried_to: Vec::new(),
                    });
                }
            }
        }
        ledger
    }

    /// Every objective, in the order the meetings set them.
    pub fn records(&self) -> &[Record<'a>] {
        &self.records
    }

    /// The objective with that identifier.
    pub fn get(&self, id: ObjectiveId) -> Option<&Record<'a>> {
        self.by_id.get(&id).map(|&i| &self.records[i])
    }

    /// The objective an evaluation is about, with the day it was set: what
    /// [`set_outcome`] and [`carry`] copy.
    pub fn original(&self, id: ObjectiveId) -> Option<Original<'a>> {
        self.get(id).map(|r| Original {
            objective: r.objective,
            set_on: r.set_at.date,
        })
    }

    /// The line an objective belongs to, oldest first: from the objective it carries over
    /// (and the one that one carries, and so on) to the last that carries it on.
    pub fn chain(&self, id: ObjectiveId) -> Vec<&Record<'a>> {
        let Some(mut index) = self.by_id.get(&id).copied() else {
            return Vec::new();
        };
        // Back to the first of the line; a loop (hand-edited files) stops where it closes.
        let mut seen = HashSet::from([index]);
        while let Some(&earlier) = self.records[index]
            .objective
            .carried_from
            .and_then(|from| self.by_id.get(&from))
        {
            if self.records[earlier].set_at >= self.records[index].set_at || !seen.insert(earlier) {
                break;
            }
            index = earlier;
        }
        let mut chain = vec![&self.records[index]];
        let mut seen = HashSet::from([index]);
        while let Some(&(_, next)) = chain[chain.len() - 1].carried_to.first() {
            match self.by_id.get(&next) {
                Some(&i) if seen.insert(i) => chain.push(&self.records[i]),
                _ => break,
            }
        }
        chain
    }

    /// Everything that happened to the line of an objective (see [`Ledger::chain`]), in
    /// order: set on…, evaluated on… (outcome, comment), carried on…, evaluated on…. An
    /// objective reported twice keeps both evaluations; an abandoned one stops there.
    pub fn history(&self, id: ObjectiveId) -> Vec<Event<'a>> {
        self.events(self.chain(id))
    }

    /// The history of an objective as seen from it: what happened to it and to the
    /// objectives it carries over, then, if it was carried on, where — not what became of it
    /// after (the objective that carries it on has that).
    pub fn lineage(&self, id: ObjectiveId) -> Vec<Event<'a>> {
        let mut chain = self.chain(id);
        let Some(end) = chain.iter().position(|r| r.objective.id == id) else {
            return Vec::new();
        };
        chain.truncate(end + 2);
        let mut events = self.events(chain);
        if let Some(last) = events.iter().rposition(|e| e.objective() == id) {
            events.truncate(last + 2);
        }
        events
    }

    fn events(&self, chain: Vec<&Record<'a>>) -> Vec<Event<'a>> {
        let mut events = Vec::new();
        for (n, record) in chain.into_iter().enumerate() {
            events.push(match record.objective.carried_from {
                Some(from) if n > 0 => Event::Carried {
                    at: record.set_at,
                    from,
                    objective: record.objective,
                },
                _ => Event::Set {
                    at: record.set_at,
                    objective: record.objective,
                },
            });
            events.extend(record.evaluations.iter().map(|e| Event::Evaluated {
                at: e.at,
                objective: record.objective.id,
                evaluation: e.evaluation,
            }));
        }
        events
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Domain, MeetingKind, MemberId};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn objective(id: u32, due: NaiveDate) -> Objective {
        Objective {
            id: ObjectiveId(id),
            statement: format!("Objectif {id}"),
            owner: MemberId(2),
            due,
            indicator: "80 % des classes".into(),
            domain: Domain::Technical,
            subjects: vec!["ent".into()],
            crcn: Some("2.1".into()),
            carried_from: None,
            due_to_confirm: false,
        }
    }

    fn meeting(date: NaiveDate, kind: MeetingKind) -> Meeting {
        Meeting::new(date, kind, vec![crate::model::AgendaItem::new("Bilan", 20)])
    }

    /// December sets objective 1; it is evaluated in the meeting of `date`.
    fn december_then(date: NaiveDate) -> (Meeting, Meeting) {
        let mut december = meeting(day(2026, 12, 1), MeetingKind::Ordinary);
        december.objectives.push(objective(1, day(2027, 2, 1)));
        let mut next = meeting(date, MeetingKind::Ordinary);
        next.evaluations
            .push(Evaluation::pending(&december.objectives[0]));
        (december, next)
    }

    fn original(december: &Meeting) -> Original<'_> {
        Original {
            objective: &december.objectives[0],
            set_on: december.date,
        }
    }

    #[test]
    fn a_carried_objective_keeps_everything_but_its_due_date_which_waits_for_confirmation() {
        let o = objective(1, day(2027, 2, 1));
        let copy = carried(&o, day(2026, 12, 1), day(2027, 3, 2), ObjectiveId(9));
        assert_eq!(copy.id, ObjectiveId(9));
        assert_eq!(copy.carried_from, Some(ObjectiveId(1)));
        assert_eq!(
            (&copy.statement, copy.owner, &copy.indicator, copy.domain),
            (&o.statement, o.owner, &o.indicator, o.domain)
        );
        assert_eq!((&copy.subjects, &copy.crcn), (&o.subjects, &o.crcn));
        assert_eq!(copy.due, day(2027, 5, 3), "the same 62 days again");
        assert!(copy.due_to_confirm);
        let late = objective(1, day(2026, 11, 1));
        let copy = carried(&late, day(2026, 12, 1), day(2027, 3, 2), ObjectiveId(9));
        assert_eq!(copy.due, day(2027, 3, 2), "never before the meeting");
    }

    #[test]
    fn reporte_carries_the_objective_into_the_evaluating_meeting_once() {
        let (december, mut march) = december_then(day(2027, 3, 2));
        let change = set_outcome(
            &mut march,
            0,
            Some(Outcome::Postponed),
            Some(original(&december)),
            ObjectiveId(5),
        );
        assert_eq!(change, CarryChange::Added(ObjectiveId(5)));
        assert_eq!(march.evaluations[0].outcome, Some(Outcome::Postponed));
        assert_eq!(march.objectives.len(), 1);
        assert_eq!(march.objectives[0].statement, "Objectif 1");
        assert_eq!(march.objectives[0].carried_from, Some(ObjectiveId(1)));
        let again = set_outcome(
            &mut march,
            0,
            Some(Outcome::Postponed),
            Some(original(&december)),
            ObjectiveId(6),
        );
        assert_eq!(again, CarryChange::AlreadyCarried(ObjectiveId(5)));
        assert_eq!(march.objectives.len(), 1);
    }

    #[test]
    fn atteint_and_abandonne_close_the_objective_and_take_back_an_untouched_copy() {
        for closing in [Some(Outcome::Achieved), Some(Outcome::Abandoned), None] {
            let (december, mut march) = december_then(day(2027, 3, 2));
            let o = Some(original(&december));
            set_outcome(&mut march, 0, Some(Outcome::Postponed), o, ObjectiveId(5));
            let change = set_outcome(&mut march, 0, closing, o, ObjectiveId(6));
            assert_eq!(
                change,
                CarryChange::Withdrawn(ObjectiveId(5)),
                "{closing:?}"
            );
            assert!(march.objectives.is_empty());
            assert_eq!(march.evaluations[0].outcome, closing);
        }
    }

    #[test]
    fn an_edited_copy_is_never_taken_back_silently() {
        let (december, mut march) = december_then(day(2027, 3, 2));
        let o = Some(original(&december));
        set_outcome(&mut march, 0, Some(Outcome::Postponed), o, ObjectiveId(5));
        march.objectives[0].due = day(2027, 6, 30);
        march.objectives[0].due_to_confirm = false;
        let change = set_outcome(&mut march, 0, Some(Outcome::Abandoned), o, ObjectiveId(6));
        assert_eq!(change, CarryChange::KeptEdited(ObjectiveId(5)));
        assert_eq!(march.objectives.len(), 1);
        assert_eq!(withdraw(&mut march, 0).unwrap().due, day(2027, 6, 30));
        assert!(march.objectives.is_empty());
    }

    #[test]
    fn partial_and_not_achieved_carry_only_on_request() {
        for outcome in [Outcome::PartiallyAchieved, Outcome::NotAchieved] {
            let (december, mut march) = december_then(day(2027, 3, 2));
            let o = original(&december);
            let change = set_outcome(&mut march, 0, Some(outcome), Some(o), ObjectiveId(5));
            assert_eq!(change, CarryChange::Nothing);
            assert!(march.objectives.is_empty(), "{outcome:?}");
            assert_eq!(
                carry(&mut march, 0, o, ObjectiveId(5)),
                Ok(CarryChange::Added(ObjectiveId(5)))
            );
            assert_eq!(
                carry(&mut march, 0, o, ObjectiveId(6)),
                Ok(CarryChange::AlreadyCarried(ObjectiveId(5)))
            );
            assert_eq!(march.objectives.len(), 1);
        }
    }

    #[test]
    fn a_carry_on_request_is_undone_while_untouched_and_kept_once_edited() {
        let (december, mut march) = december_then(day(2027, 3, 2));
        let o = original(&december);
        march.evaluations[0].outcome = Some(Outcome::NotAchieved);
        carry(&mut march, 0, o, ObjectiveId(5)).unwrap();
        assert_eq!(
            uncarry(&mut march, 0, Some(o)),
            CarryChange::Withdrawn(ObjectiveId(5))
        );
        assert!(march.objectives.is_empty());
        assert_eq!(uncarry(&mut march, 0, Some(o)), CarryChange::Nothing);
        carry(&mut march, 0, o, ObjectiveId(5)).unwrap();
        march.objectives[0].indicator = "Toutes les écoles".into();
        assert_eq!(
            uncarry(&mut march, 0, Some(o)),
            CarryChange::KeptEdited(ObjectiveId(5))
        );
        assert_eq!(march.objectives.len(), 1, "an edited copy stays");
        assert_eq!(
            uncarry(&mut march, 0, None),
            CarryChange::KeptEdited(ObjectiveId(5)),
            "without the original, nothing tells it untouched"
        );
        assert_eq!(uncarry(&mut march, 7, Some(o)), CarryChange::Nothing);
    }

    #[test]
    fn closed_or_unevaluated_objectives_are_not_carried_and_the_reason_is_french() {
        let (december, mut march) = december_then(day(2027, 3, 2));
        let o = original(&december);
        assert_eq!(
            carry(&mut march, 0, o, ObjectiveId(5)),
            Err(CarryError::NotEvaluated)
        );
        march.evaluations[0].outcome = Some(Outcome::Achieved);
        let error = carry(&mut march, 0, o, ObjectiveId(5)).unwrap_err();
        assert_eq!(
            error.to_string(),
            "un objectif atteint ne se reconduit pas : fixez plutôt un nouvel objectif"
        );
        assert_eq!(
            carry(&mut march, 3, o, ObjectiveId(5)),
            Err(CarryError::NoEvaluation)
        );
        assert!(march.objectives.is_empty());
    }

    /// Oct sets 1 and 2; Dec (ordinary) evaluates them, 1 reporté (carried as 3); Jan is
    /// extraordinary and sets 4; Mar (ordinary) evaluates 3 (reporté again, carried as 5) and
    /// 4; Jun evaluates 5 (abandonné).
    fn a_year() -> Vec<(MeetingId, Meeting)> {
        let mut oct = meeting(day(2026, 10, 6), MeetingKind::Ordinary);
        oct.objectives = vec![
            objective(1, day(2026, 11, 30)),
            objective(2, day(2026, 11, 30)),
        ];
        let mut dec = meeting(day(2026, 12, 8), MeetingKind::Ordinary);
        dec.evaluations = oct.objectives.iter().map(Evaluation::pending).collect();
        let first = Original {
            objective: &oct.objectives[0],
            set_on: oct.date,
        };
        set_outcome(
            &mut dec,
            0,
            Some(Outcome::Postponed),
            Some(first),
            ObjectiveId(3),
        );
        dec.evaluations[0].comment = "faute de tablettes".into();
        dec.evaluations[1].outcome = Some(Outcome::Achieved);
        let mut jan = meeting(day(2027, 1, 12), MeetingKind::Extraordinary);
        jan.objectives = vec![objective(4, day(2027, 2, 1))];
        let mut mar = meeting(day(2027, 3, 9), MeetingKind::Ordinary);
        mar.evaluations = vec![
            Evaluation::pending(&dec.objectives[0]),
            Evaluation::pending(&jan.objectives[0]),
        ];
        let third = Original {
            objective: &dec.objectives[0],
            set_on: dec.date,
        };
        set_outcome(
            &mut mar,
            0,
            Some(Outcome::Postponed),
            Some(third),
            ObjectiveId(5),
        );
        mar.evaluations[1].outcome = Some(Outcome::NotAchieved);
        let mut jun = meeting(day(2027, 6, 15), MeetingKind::Ordinary);
        jun.evaluations = vec![Evaluation::pending(&mar.objectives[0])];
        jun.evaluations[0].outcome = Some(Outcome::Abandoned);
        [oct, dec, jan, mar, jun]
            .into_iter()
            .map(|m| (MeetingId::new(m.date), m))
            .collect()
    }

    fn refs(meetings: &[(MeetingId, Meeting)]) -> Vec<(MeetingId, &Meeting)> {
        meetings.iter().map(|(id, m)| (*id, m)).collect()
    }

    #[test]
    fn an_objective_reported_twice_keeps_both_evaluations_and_an_abandoned_one_stops() {
        let year = a_year();
        let refs = refs(&year);
        let ledger = Ledger::new(&refs);
        let lines: Vec<String> = ledger
            .history(ObjectiveId(5))
            .iter()
            .map(Event::describe)
            .collect();
        assert_eq!(
            lines,
            [
                "fixé le 06/10/2026, échéance 30/11/2026",
                "évalué le 08/12/2026 : reporté (« faute de tablettes »)",
                "reconduit le 08/12/2026 (objectif n° 3), échéance à confirmer (01/02/2027)",
                "évalué le 09/03/2027 : reporté",
                "reconduit le 09/03/2027 (objectif n° 5), échéance à confirmer (03/05/2027)",
                "évalué le 15/06/2027 : abandonné",
            ]
        );
        assert_eq!(
            ledger.history(ObjectiveId(1)),
            ledger.history(ObjectiveId(5)),
            "the same line, wherever it is looked at from"
        );
        let seen_from = |id: u32| -> Vec<String> {
            let events = ledger.lineage(ObjectiveId(id));
            events.iter().map(Event::describe).collect()
        };
        assert_eq!(seen_from(1), lines[..3], "up to where it was carried on");
        assert_eq!(seen_from(3), lines[..5]);
        assert_eq!(seen_from(5), lines);
        assert!(seen_from(99).is_empty());
        let ids: Vec<u32> = ledger
            .chain(ObjectiveId(3))
            .iter()
            .map(|r| r.objective.id.0)
            .collect();
        assert_eq!(ids, [1, 3, 5]);
        let last = ledger.get(ObjectiveId(5)).unwrap();
        assert_eq!(last.status(), Status::Evaluated(Outcome::Abandoned));
        assert!(last.carried_to.is_empty(), "abandoned: it stops");
    }

    #[test]
    fn each_objective_knows_where_it_was_set_and_where_it_stands() {
        let year = a_year();
        let refs = refs(&year);
        let ledger = Ledger::new(&refs);
        assert_eq!(ledger.records().len(), 5);
        let two = ledger.get(ObjectiveId(2)).unwrap();
        assert_eq!(two.set_at.to_string(), "2026-10-06");
        assert_eq!(two.status(), Status::Evaluated(Outcome::Achieved));
        assert_eq!(ledger.history(ObjectiveId(2)).len(), 2);
        let four = ledger.get(ObjectiveId(4)).unwrap();
        assert_eq!(four.evaluations.len(), 1);
        assert_eq!(four.evaluations[0].at.to_string(), "2027-03-09");
        assert_eq!(
            ledger.original(ObjectiveId(3)).unwrap().set_on,
            day(2026, 12, 8)
        );
        assert!(ledger.get(ObjectiveId(99)).is_none());
        assert!(ledger.history(ObjectiveId(99)).is_empty());
    }

    #[test]
    fn a_pending_evaluation_reads_as_to_evaluate() {
        let (december, march) = december_then(day(2027, 3, 2));
        let meetings = [
            (MeetingId::new(december.date), &december),
            (MeetingId::new(march.date), &march),
        ];
        let ledger = Ledger::new(&meetings);
        let record = ledger.get(ObjectiveId(1)).unwrap();
        assert_eq!(record.status(), Status::ToEvaluate(meetings[1].0));
        assert_eq!(record.status().label(), "à évaluer");
        assert_eq!(
            ledger.history(ObjectiveId(1))[1].describe(),
            "à évaluer le 02/03/2027"
        );
    }

    #[test]
    fn the_next_meeting_evaluates_what_no_meeting_has_since_the_last_review() {
        let year = a_year();
        let refs = refs(&year);
        // What a meeting on `date` would evaluate, among the first `known` meetings.
        let awaiting = |date: &str, known: usize| -> Vec<u32> {
            let id = date.parse::<MeetingId>().unwrap();
            let objectives = awaiting_evaluation(id, &refs[..known]);
            objectives.iter().map(|o| o.id.0).collect()
        };
        assert_eq!(
            awaiting("2027-09-14", 5),
            [] as [u32; 0],
            "June set nothing"
        );
        // Between January and March, a meeting takes up what December carried and January set…
        assert_eq!(awaiting("2027-02-02", 3), [3, 4]);
        // … unless a later meeting evaluates them already.
        assert_eq!(awaiting("2027-02-02", 5), [] as [u32; 0]);
        assert_eq!(
            awaiting("2026-11-03", 1),
            [1, 2],
            "between October and December"
        );
        assert_eq!(
            awaiting("2026-01-01", 5),
            [] as [u32; 0],
            "the first meeting"
        );
    }

    #[test]
    fn broken_links_do_not_loop_or_attach_to_later_objectives() {
        let mut a = meeting(day(2026, 10, 6), MeetingKind::Ordinary);
        let mut one = objective(1, day(2026, 12, 1));
        one.carried_from = Some(ObjectiveId(2));
        a.objectives.push(one);
        let mut b = meeting(day(2026, 12, 8), MeetingKind::Ordinary);
        let mut two = objective(2, day(2027, 1, 1));
        two.carried_from = Some(ObjectiveId(1));
        b.objectives.push(two);
        b.evaluations
            .push(Evaluation::pending(&objective(7, day(2027, 1, 1))));
        let meetings = [(MeetingId::new(b.date), &b), (MeetingId::new(a.date), &a)];
        let ledger = Ledger::new(&meetings);
        let chain: Vec<u32> = ledger
            .chain(ObjectiveId(2))
            .iter()
            .map(|r| r.objective.id.0)
            .collect();
        assert_eq!(chain, [1, 2]);
        assert_eq!(ledger.chain(ObjectiveId(1)).len(), 2);
        assert_eq!(
            ledger.records().len(),
            2,
            "the evaluation of 7 has no objective"
        );
    }
}
