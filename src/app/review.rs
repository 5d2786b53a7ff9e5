//! The evaluation step: an outcome set on an objective of an earlier meeting applies its fate
//! — reporté carries the objective into this meeting, atteint or abandonné take back an
//! untouched carried copy — and each objective's lineage, as the review table shows it.

use super::{App, Effect, Level, Screen, Status, dialogs};
use crate::model::lineage::CarryChange;
use crate::model::{MeetingId, ObjectiveId, Outcome};

/// What the status line says while the history is rebuilt and the objective evaluated is not
/// known yet (an outcome set now could not carry it).
pub const NOT_READY: &str =
    "Les réunions précédentes sont encore en lecture : réessayez dans un instant.";

/// Space on the review table: the next outcome of evaluation `index`, with its carry-over.
pub fn cycle(app: &mut App, index: usize) -> Vec<Effect> {
    let next = match current(app, index) {
        Some(outcome) => next_outcome(outcome),
        None => return Vec::new(),
    };
    set(app, index, next, None)
}

/// The outcome after this one, as Space cycles: à évaluer → atteint → … → abandonné → à
/// évaluer.
pub fn next_outcome(outcome: Option<Outcome>) -> Option<Outcome> {
    match outcome {
        None => Some(Outcome::ALL[0]),
        Some(o) => Outcome::ALL
            .iter()
            .position(|x| *x == o)
            .and_then(|i| Outcome::ALL.get(i + 1))
            .copied(),
    }
}

fn current(app: &App, index: usize) -> Option<Option<Outcome>> {
    match &app.screen {
        Screen::Meeting(screen) => screen.meeting.evaluations.get(index).map(|e| e.outcome),
        _ => None,
    }
}

/// Sets the outcome (and, when given, the comment) of evaluation `index` of the open
/// meeting, with its carry-over; says on the status line what became of the objective.
/// Refused, changing nothing, while the objective evaluated is not known yet.
pub fn set(
    app: &mut App,
    index: usize,
    outcome: Option<Outcome>,
    comment: Option<String>,
) -> Vec<Effect> {
    let id = next_id(app);
    let stale = app.history.stale();
    let Screen::Meeting(screen) = &mut app.screen else {
        return Vec::new();
    };
    let Some(evaluation) = screen.meeting.evaluations.get(index) else {
        return Vec::new();
    };
    let objective = evaluation.objective;
    let original = app
        .history
        .current
        .as_ref()
        .and_then(|h| h.original(objective));
    let changes_fate = outcome != evaluation.outcome;
    if original.is_none() && stale && changes_fate {
        app.status = Status::new(Level::Warning, NOT_READY);
        return Vec::new();
    }
    let found = original.is_some();
    let change = if changes_fate {
        screen.cycle_to(index, outcome, original, id)
    } else {
        CarryChange::Nothing
    };
    if let Some(comment) = comment
        && let Some(evaluation) = screen.meeting.evaluations.get_mut(index)
    {
        evaluation.comment = comment;
    }
    app.status = said(change, outcome, found);
    app.publish()
}

/// Whether setting this outcome must wait for the history (see [`NOT_READY`]).
pub fn blocked(app: &App, index: usize, outcome: Option<Outcome>) -> bool {
    let Screen::Meeting(screen) = &app.screen else {
        return false;
    };
    screen.meeting.evaluations.get(index).is_some_and(|e| {
        e.outcome != outcome
            && app.history.stale()
            && app
                .history
                .current
                .as_ref()
                .and_then(|h| h.original(e.objective))
                .is_none()
    })
}

/// One more than any objective number the application knows of.
fn next_id(app: &App) -> ObjectiveId {
    let known = dialogs::next_objective_id(app);
    let history = app
        .history
        .current
        .as_ref()
        .map_or(0, |h| h.max_objective_id());
    ObjectiveId(known.0.max(history + 1))
}

/// What the status line says once an outcome is set.
fn said(change: CarryChange, outcome: Option<Outcome>, found: bool) -> Status {
    let label = outcome.map_or("à évaluer", Outcome::label);
    match change {
        CarryChange::Added(id) => Status::new(
            Level::Success,
            format!(
                "Reporté : l'objectif est repris dans les objectifs de cette réunion (n° {}), échéance à confirmer.",
                id.0
            ),
        ),
        CarryChange::AlreadyCarried(id) => Status::new(
            Level::Info,
            format!(
                "Reporté : l'objectif est déjà repris dans cette réunion (n° {}).",
                id.0
            ),
        ),
        CarryChange::Withdrawn(id) => Status::new(
            Level::Info,
            format!(
                "Résultat : {label}. L'objectif n° {} qui le reconduisait est retiré.",
                id.0
            ),
        ),
        CarryChange::KeptEdited(id) => Status::new(
            Level::Warning,
            format!(
                "Résultat : {label}. L'objectif n° {} qui le reconduisait a été modifié : il reste (F4 puis Suppr pour le supprimer).",
                id.0
            ),
        ),
        CarryChange::Nothing if outcome == Some(Outcome::Postponed) && !found => Status::new(
            Level::Warning,
            "Reporté, mais l'objectif est introuvable dans les réunions précédentes (fichier illisible ?) : il n'est pas repris.",
        ),
        CarryChange::Nothing => Status::new(Level::Info, format!("Résultat : {label}.")),
    }
}

/// The lineage of an objective evaluated at meeting `at`: what happened to it before, one
/// event a line ("fixé le…", "évalué le… : reporté", "reconduit le…"); empty while the
/// history is not built.
pub fn lineage(app: &App, objective: ObjectiveId, at: MeetingId) -> Vec<String> {
    app.history
        .current
        .as_ref()
        .map(|h| h.lineage_before(objective, at))
        .unwrap_or_default()
}

/// The lineage in one text ("fixé le… · évalué le… : reporté · reconduit le…") of about
/// `room` characters at most: when it is longer, the latest events, after "… ".
pub fn lineage_within(app: &App, objective: ObjectiveId, at: MeetingId, room: usize) -> String {
    let events = lineage(app, objective, at);
    let mut from = 0;
    loop {
        let text = events[from..].join(" · ");
        // Wrapping between words loses a few columns a line: keep a margin.
        if from + 1 >= events.len() || text.chars().count() * 10 <= room * 8 {
            return if from > 0 {
                format!("… {text}")
            } else {
                text
            };
        }
        from += 1;
    }
}
