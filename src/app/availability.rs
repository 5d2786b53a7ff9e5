//! Which commands act where the keyboard is, in the state the application is in: the footer
//! shows only those keys (a key shown must do something), from the one key table.

use super::keymap::{self, Command, Context, Hint};
use super::meeting::Pane;
use super::{App, Overlay, Screen, roster};

impl App {
    /// The keys the footer shows here: the context's hints, without those that would do
    /// nothing now.
    pub fn footer_hints(&self) -> Vec<Hint> {
        keymap::footer(self.context())
            .into_iter()
            .filter(|hint| self.acts(hint.command))
            .collect()
    }

    /// Whether a command would change something here and now.
    pub fn acts(&self, command: Command) -> bool {
        let writable = self.session.read_only.is_none();
        match command {
            Command::Help | Command::Quit => return true,
            Command::Acknowledge => return !self.notices.is_empty(),
            Command::Compare => {
                return !self.conflict_copies.is_empty()
                    || self.notices.iter().any(|n| !n.copies.is_empty());
            }
            _ => {}
        }
        match (self.overlays.last(), &self.screen) {
            (Some(Overlay::Help { scroll }), _) => match command {
                Command::Close => true,
                Command::Up | Command::PageUp => scroll.offset > 0,
                Command::Down | Command::PageDown => scroll.offset < scroll.limit,
                _ => false,
            },
            (
                Some(Overlay::Compare {
                    comparisons, shown, ..
                }),
                _,
            ) => match command {
                Command::PrevCopy => *shown > 0,
                Command::NextCopy => *shown + 1 < comparisons.len(),
                Command::Close | Command::Up | Command::Down => true,
                _ => false,
            },
            (Some(Overlay::Confirm(confirmation)), screen) => match command {
                Command::Yes | Command::Close => true,
                Command::NextMeeting => {
                    writable
                        && *confirmation == super::dialogs::Confirmation::CloseMeeting
                        && matches!(screen, Screen::Meeting(m) if m.meeting.next_meeting.is_none())
                }
                _ => false,
            },
            (Some(Overlay::Agenda(editor)), Screen::Meeting(screen)) => {
                use super::agenda::{indent, move_by, outdent, rows};
                let path = rows(&screen.meeting.agenda).get(editor.selected).copied();
                // Whether the change would be made: tried on a copy of the agenda.
                let would = |change: &dyn Fn(&mut Vec<crate::model::AgendaItem>) -> bool| {
                    writable && change(&mut screen.meeting.agenda.clone())
                };
                match (command, path) {
                    (Command::Close, _) => true,
                    (Command::New | Command::SaveTemplate, _) => writable,
                    (Command::MoveUp, Some(p)) => would(&|a| move_by(a, p, true).is_ok()),
                    (Command::MoveDown, Some(p)) => would(&|a| move_by(a, p, false).is_ok()),
                    (Command::Indent, Some(p)) => would(&|a| indent(a, p).is_ok()),
                    (Command::Outdent, Some(p)) => would(&|a| outdent(a, p).is_ok()),
                    (Command::Activate | Command::Delete | Command::Subjects, Some(_)) => writable,
                    _ => false,
                }
            }
            (Some(Overlay::Agenda(_)), _) => command == Command::Close,
            (Some(Overlay::Subjects(_)), _) => {
                matches!(command, Command::Close) || (writable && command == Command::Cycle)
            }
            (Some(Overlay::Invitations(_)), _) => match command {
                Command::Close => true,
                Command::Cycle | Command::InviteRole | Command::InviteAll => writable,
                _ => false,
            },
            (None, Screen::Years(_)) => matches!(
                command,
                Command::Activate | Command::Filters | Command::Close | Command::Home
            ),
            (Some(Overlay::Form(form, _)), _) | (None, Screen::Onboarding(form)) => match command {
                Command::NextField | Command::PrevField => form.fields.len() > 1,
                Command::Activate | Command::Close | Command::ClearField => true,
                _ => false,
            },
            (None, Screen::Home(_)) => match command {
                Command::Activate | Command::Export => !self.session.meetings.is_empty(),
                Command::Prepare | Command::Invite => writable && !self.session.meetings.is_empty(),
                Command::Years => true,
                Command::New => writable,
                Command::Roster => true,
                _ => false,
            },
            (None, Screen::Roster(_)) => {
                let members = !roster::shown(&self.session.committee).is_empty();
                match command {
                    Command::Activate => members,
                    Command::Delete => members && writable,
                    Command::New | Command::Committee => writable,
                    Command::Home | Command::Close => true,
                    _ => false,
                }
            }
            (None, Screen::Meeting(screen)) if screen.projecting => match command {
                Command::Projection | Command::Close => true,
                Command::NextSpeaker | Command::PrevSpeaker => {
                    writable && floor_moves(self, screen, command == Command::NextSpeaker)
                }
                Command::PrevStep => screen.step_index() > 0 || screen.meeting.summary,
                Command::NextStep => !screen.meeting.summary,
                Command::ToggleTimer => writable,
                _ => false,
            },
            (None, Screen::Meeting(screen)) => {
                let last = screen.steps.len().saturating_sub(1);
                let in_list = self.context() == Context::MeetingList;
                match command {
                    Command::PrevStep => screen.step_index() > 0,
                    Command::NextStep => {
                        screen.step_index() < last
                            || (screen.meeting.ended_at.is_none() && writable)
                    }
                    Command::Attendance => screen.focus != Pane::Attendance,
                    Command::Notes => screen.focus != Pane::Notes,
                    Command::Objectives => screen.focus != Pane::Objectives,
                    Command::Decisions => screen.focus != Pane::Decisions,
                    Command::NextSpeaker | Command::PrevSpeaker => {
                        writable && floor_moves(self, screen, command == Command::NextSpeaker)
                    }
                    Command::SpeakEarlier | Command::SpeakLater => {
                        writable
                            && screen.focus == Pane::Attendance
                            && screen.kind() == crate::model::StepKind::RoundTable
                    }
                    Command::Review => {
                        screen.focus != Pane::Review && !screen.meeting.evaluations.is_empty()
                    }
                    Command::Axis => screen.focus != Pane::Axis,
                    Command::NextMeeting => screen.focus != Pane::NextMeeting,
                    Command::RecordDecision => writable && screen.can_record_decision(),
                    Command::NewObjective | Command::ToggleTimer => writable,
                    Command::TogglePrivate => writable && screen.focus == Pane::Notes,
                    Command::Projection | Command::Export | Command::Home | Command::Roster => true,
                    Command::NextPane | Command::PrevPane => true,
                    Command::New => writable,
                    Command::Activate | Command::Cycle | Command::Delete if in_list => {
                        list_acts(self, screen, command, writable)
                    }
                    Command::Carry => {
                        in_list && writable && super::review::carry_offered(screen).is_some()
                    }
                    _ => false,
                }
            }
        }
    }
}

/// Whether passing the floor forward (or back) would give it to someone.
fn floor_moves(app: &App, screen: &super::meeting::MeetingScreen, forward: bool) -> bool {
    if screen.kind() != crate::model::StepKind::RoundTable {
        return false;
    }
    let order = screen.speaking_order(&app.session.committee);
    let at = screen
        .meeting
        .speaker
        .and_then(|s| order.iter().position(|m| *m == s));
    match (at, forward) {
        (None, _) => !order.is_empty(),
        (Some(at), true) => at + 1 < order.len(),
        (Some(at), false) => at > 0,
    }
}

/// Whether Entrée, Espace or Suppr does something in the focused list of the meeting.
fn list_acts(
    app: &App,
    screen: &super::meeting::MeetingScreen,
    command: Command,
    writable: bool,
) -> bool {
    let rows = match screen.focus {
        Pane::Decisions => screen.decisions().len(),
        Pane::Attendance => screen.attendees(&app.session.committee).len(),
        Pane::Objectives => screen.meeting.objectives.len(),
        Pane::Review => screen.meeting.evaluations.len(),
        Pane::Axis | Pane::NextMeeting => 1,
        Pane::Notes => 0,
    };
    if rows == 0 {
        return false;
    }
    match command {
        Command::Activate => writable,
        Command::Cycle => writable && matches!(screen.focus, Pane::Attendance | Pane::Review),
        Command::Delete => writable && matches!(screen.focus, Pane::Decisions | Pane::Objectives),
        _ => false,
    }
}
