//! Where a meeting being opened is shown: at the step a search found (its pane with the
//! keyboard, the notes on the line found), or with its agenda editor or its invitations.

use super::{App, Level, Overlay, Screen, Status};
use crate::app::meeting::Pane;
use crate::model::MeetingId;
use crate::search::Found;

/// A meeting asked for, and where to show it once read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opening {
    /// The meeting.
    pub id: MeetingId,
    /// Where.
    pub at: OpenAt,
}

/// Where an opened meeting is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenAt {
    /// At a step, on the text a search found there.
    Step {
        /// Index of the step.
        step: usize,
        /// What kind of text was found.
        found: Found,
        /// For notes, the line.
        line: usize,
    },
    /// With the agenda editor open.
    Agenda,
    /// With the invitations open.
    Invitations,
}

/// Shows the meeting just opened where it was asked for.
pub fn apply(app: &mut App, opening: Opening) {
    let now = app.clock.now;
    let Screen::Meeting(screen) = &mut app.screen else {
        return;
    };
    match opening.at {
        OpenAt::Step { step, found, line } => {
            let (pane, line) = match found {
                Found::Notes => (Pane::Notes, Some(line)),
                Found::Decision => (Pane::Decisions, None),
                Found::Objective => (Pane::Objectives, None),
                Found::Evaluation => (Pane::Review, None),
                Found::Axis => (Pane::Axis, None),
            };
            screen.show(step, pane, line, now);
        }
        OpenAt::Agenda => {
            app.overlays
                .push(Overlay::Agenda(super::agenda::AgendaEditor::default()));
            app.status = Status::new(
                Level::Info,
                "Ordre du jour : Ctrl+N nouveau point · Entrée le modifier · Tab sous-point · F3 ses sujets · F5 modèle du comité.",
            );
        }
        OpenAt::Invitations => {
            app.overlays.push(Overlay::Invitations(
                super::invitations::Invitations::default(),
            ));
            app.status = Status::new(
                Level::Info,
                "Invitations : Espace pour inviter ou non · F2 tout un rôle · F3 tout le monde.",
            );
        }
    }
}
