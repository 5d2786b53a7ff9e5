//! The evaluation step: an outcome set on an objective of an earlier meeting applies its fate
//! — reporté carries the objective into this meeting, atteint or abandonné take back an
//! untouched carried copy, partiellement or non atteint carry it with one key — and each
//! objective's lineage, as the review table and the forms show it.

use super::keymap::{self, Command, Scope};
use super::meeting::{MeetingScreen, Pane};
use super::{App, Effect, Level, Screen, Status, dialogs};
use crate::model::lineage::{self, CarryChange, Event};
use crate::model::{Fate, Meeting, MeetingId, Objective, ObjectiveId, Outcome};

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

/// Where evaluation `index` of a meeting stands as to carrying its objective into that
/// meeting: what its row says, and what the carry key does there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CarryState {
    /// Nothing to carry: not evaluated yet, or closed (atteint, abandonné).
    Closed,
    /// Partiellement or non atteint, not carried: the key carries it.
    Offered,
    /// Carried into the meeting as this objective; `on_request` when by the key (partiellement
    /// or non atteint), which the key then takes back.
    Carried {
        /// The objective that carries it on.
        id: ObjectiveId,
        /// Whether the key carried it (and may take it back).
        on_request: bool,
    },
}

/// Where evaluation `index` of the meeting stands as to carrying its objective.
pub fn carry_state(meeting: &Meeting, index: usize) -> CarryState {
    let Some(evaluation) = meeting.evaluations.get(index) else {
        return CarryState::Closed;
    };
    let fate = evaluation.outcome.map(Outcome::fate);
    match lineage::carried_copy(meeting, evaluation.objective) {
        Some(at) => CarryState::Carried {
            id: meeting.objectives[at].id,
            on_request: fate == Some(Fate::MayCarry),
        },
        None if fate == Some(Fate::MayCarry) => CarryState::Offered,
        None => CarryState::Closed,
    }
}

/// What the carry key would do on the selected row of the review, if anything: carry it
/// ([`CarryState::Offered`]) or take back the copy it made.
pub fn carry_offered(screen: &MeetingScreen) -> Option<CarryState> {
    if screen.focus != Pane::Review {
        return None;
    }
    match carry_state(&screen.meeting, screen.cursors.evaluation) {
        CarryState::Closed
        | CarryState::Carried {
            on_request: false, ..
        } => None,
        state => Some(state),
    }
}

/// What the row of a review says of its carry, in French: "Ctrl+F pour reporter dans cette
/// réunion", "reporté dans cette réunion (n° 7)"; `None` when there is nothing to say.
/// The key is named only where it acts (`writable`).
pub fn carry_said(state: CarryState, writable: bool) -> Option<String> {
    let key = keymap::key_for(Scope::List, Command::Carry);
    match state {
        CarryState::Closed => None,
        CarryState::Offered if writable => Some(format!("{key} pour reporter dans cette réunion")),
        CarryState::Offered => None,
        CarryState::Carried { id, on_request } if on_request && writable => Some(format!(
            "reporté dans cette réunion (n° {}) · {key} pour annuler",
            id.0
        )),
        CarryState::Carried { id, .. } => Some(format!("reporté dans cette réunion (n° {})", id.0)),
    }
}

/// The carry key on the review: carries the selected objective, partiellement or non
/// atteint, into this meeting (same statement and owner, due date to confirm, `carried_from`
/// pointing back); pressed again, takes the copy back if nobody edited it. Says on the status
/// line what became of it.
pub fn toggle_carry(app: &mut App) -> Vec<Effect> {
    if !app.writable() {
        return Vec::new();
    }
    let id = next_id(app);
    let stale = app.history.stale();
    let Screen::Meeting(screen) = &mut app.screen else {
        return Vec::new();
    };
    let index = screen.cursors.evaluation;
    let Some(evaluation) = screen.meeting.evaluations.get(index) else {
        return Vec::new();
    };
    let original = app
        .history
        .current
        .as_ref()
        .and_then(|h| h.original(evaluation.objective));
    let change = match carry_offered(screen) {
        Some(CarryState::Offered) => match original {
            Some(original) => lineage::carry(&mut screen.meeting, index, original, id)
                .map_err(|e| Some(super::capitalised(&format!("{e}.")))),
            None if stale => {
                app.status = Status::new(Level::Warning, NOT_READY);
                return Vec::new();
            }
            None => {
                app.status = Status::new(
                    Level::Warning,
                    "L'objectif est introuvable dans les réunions précédentes (fichier illisible ?) : il ne peut pas être reporté.",
                );
                return Vec::new();
            }
        },
        Some(_) => Ok(lineage::uncarry(&mut screen.meeting, index, original)),
        None => Err(refusal(screen, index)),
    };
    let objectives = screen.meeting.objectives.len();
    super::cursor::clamp(&mut screen.cursors.objective, objectives);
    match change {
        Ok(CarryChange::Nothing) | Err(None) => Vec::new(),
        Err(Some(refusal)) => {
            app.status = Status::new(Level::Info, refusal);
            Vec::new()
        }
        Ok(change) => {
            app.status = carried_said(change);
            app.publish()
        }
    }
}

/// Why the carry key does nothing on this row, in French (none off the review).
fn refusal(screen: &MeetingScreen, index: usize) -> Option<String> {
    if screen.focus != Pane::Review {
        return None;
    }
    let evaluation = screen.meeting.evaluations.get(index)?;
    let why = match evaluation.outcome {
        Some(Outcome::Postponed) => {
            "reporté : l'objectif est déjà repris dans cette réunion (Espace pour changer le résultat)".to_string()
        }
        None => lineage::CarryError::NotEvaluated.to_string(),
        Some(outcome) => lineage::CarryError::Closed(outcome).to_string(),
    };
    Some(super::capitalised(&format!("{why}.")))
}

/// What the status line says once the carry key acted.
fn carried_said(change: CarryChange) -> Status {
    match change {
        CarryChange::Added(id) => Status::new(
            Level::Success,
            format!(
                "Reporté dans cette réunion : objectif n° {}, même énoncé et même responsable, échéance à confirmer.",
                id.0
            ),
        ),
        CarryChange::AlreadyCarried(id) => Status::new(
            Level::Info,
            format!(
                "L'objectif est déjà repris dans cette réunion (n° {}).",
                id.0
            ),
        ),
        CarryChange::Withdrawn(id) => Status::new(
            Level::Info,
            format!(
                "Report annulé : l'objectif n° {} est retiré des objectifs de cette réunion.",
                id.0
            ),
        ),
        CarryChange::KeptEdited(id) => Status::new(
            Level::Warning,
            format!(
                "L'objectif n° {} qui le reprend a été modifié : il reste (F4 puis Suppr pour le supprimer).",
                id.0
            ),
        ),
        CarryChange::Nothing => Status::new(Level::Info, ""),
    }
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

/// The lineage of an objective of the open meeting that carries an earlier one: what
/// happened to the earlier one before this meeting, then its evaluation here and its carry
/// into this meeting ("reconduit le… (objectif n° 7), échéance à confirmer…"), as this
/// meeting holds them now; empty for an objective set at this meeting.
pub fn objective_lineage(app: &App, screen: &MeetingScreen, objective: &Objective) -> Vec<String> {
    let Some(from) = objective.carried_from else {
        return Vec::new();
    };
    let at = screen.id;
    let mut lines = lineage(app, from, at);
    if let Some(evaluation) = screen
        .meeting
        .evaluations
        .iter()
        .find(|e| e.objective == from)
    {
        lines.push(
            Event::Evaluated {
                at,
                objective: from,
                evaluation,
            }
            .describe(),
        );
    }
    lines.push(
        Event::Carried {
            at,
            from,
            objective,
        }
        .describe(),
    );
    lines
}

/// The lineage in one text ("fixé le… · évalué le… : reporté · reconduit le…") of about
/// `room` characters at most: when it is longer, the latest events, after "… ".
pub fn lineage_within(app: &App, objective: ObjectiveId, at: MeetingId, room: usize) -> String {
    within(&lineage(app, objective, at), room)
}

/// Events in one text ("fixé le… · évalué le… : reporté") of about `room` characters at
/// most: when it is longer, the latest, after "… ".
pub fn within(events: &[String], room: usize) -> String {
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
