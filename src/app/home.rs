//! The home screen: the committee and its meetings, newest first, the next one selected.

use chrono::{NaiveDate, NaiveTime};

use crate::model::{Meeting, MeetingId, MeetingKind, MemberId, NextMeeting, PriorityAxis};

/// What the home list shows of a meeting, without keeping the meeting in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingSummary {
    /// Its name.
    pub id: MeetingId,
    /// Its time, when read.
    pub time: Option<NaiveTime>,
    /// Its kind, when read.
    pub kind: Option<MeetingKind>,
    /// How many attended (none recorded: `None`).
    pub present: Option<usize>,
    /// Objectives set.
    pub objectives: usize,
    /// Whether the meeting was closed.
    pub ended: bool,
    /// Whether the meeting has started (its clock was started), closed or not.
    pub started: bool,
    /// Its secrétaire de séance.
    pub secretary: Option<MemberId>,
    /// The next meeting it recorded (date, time, place).
    pub next: Option<NextMeeting>,
    /// The priority axis it set.
    pub axis: Option<PriorityAxis>,
    /// Its largest objective identifier.
    pub max_objective_id: u32,
    /// Why it could not be read, in French.
    pub error: Option<String>,
    /// Whether the file has been read yet.
    pub loaded: bool,
}

impl MeetingSummary {
    /// A meeting known only by its file name, not read yet.
    pub fn unread(id: MeetingId) -> MeetingSummary {
        MeetingSummary {
            id,
            time: None,
            kind: None,
            present: None,
            objectives: 0,
            ended: false,
            started: false,
            secretary: None,
            next: None,
            axis: None,
            max_objective_id: 0,
            error: None,
            loaded: false,
        }
    }

    /// The summary of a meeting read from its file.
    pub fn of(id: MeetingId, meeting: &Meeting) -> MeetingSummary {
        MeetingSummary {
            time: meeting.time,
            kind: Some(meeting.kind.clone()),
            present: (!meeting.attendance.is_empty()).then(|| meeting.attendance_count()),
            objectives: meeting.objectives.len(),
            ended: meeting.ended_at.is_some(),
            started: meeting.started_at.is_some(),
            secretary: meeting.secretary,
            next: meeting.next_meeting.clone(),
            axis: meeting.priority_axis.clone(),
            max_objective_id: meeting.max_objective_id(),
            loaded: true,
            ..MeetingSummary::unread(id)
        }
    }

    /// A meeting whose file does not read.
    pub fn broken(id: MeetingId, error: String) -> MeetingSummary {
        MeetingSummary {
            error: Some(error),
            loaded: true,
            ..MeetingSummary::unread(id)
        }
    }

    /// The day of the meeting.
    pub fn date(&self) -> NaiveDate {
        self.id.date
    }

    /// Where the meeting stands, in French, for the lists: "tenue", "en cours", "à venir",
    /// "non clôturée" (`None` while its file is not read, or if it does not read).
    pub fn state(&self, today: NaiveDate) -> Option<&'static str> {
        if self.error.is_some() || !self.loaded {
            return None;
        }
        Some(meeting_state(
            self.ended,
            self.started,
            self.date() >= today,
        ))
    }
}

/// Where a meeting stands, in French: closed, started and not closed (its clock runs or ran
/// today or later), to come, or past without being closed.
pub fn meeting_state(ended: bool, started: bool, from_today: bool) -> &'static str {
    match (ended, started, from_today) {
        (true, _, _) => "tenue",
        (false, true, true) => "en cours",
        (false, false, true) => "à venir",
        (false, _, false) => "non clôturée",
    }
}

/// The home screen's state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Home {
    /// Selected line of the meeting list (newest first).
    pub selected: usize,
}

impl Home {
    /// The home screen with the next meeting selected: the first not closed from today on,
    /// else the newest. `meetings` is newest first.
    pub fn new(meetings: &[MeetingSummary], today: NaiveDate) -> Home {
        let upcoming = meetings.iter().rposition(|m| m.date() >= today && !m.ended);
        Home {
            selected: upcoming.unwrap_or(0),
        }
    }
}

/// The latest priority axis set before a meeting, with the meeting that set it: the axis a
/// follow-up meeting takes stock of.
pub fn axis_before(
    meetings: &[MeetingSummary],
    id: MeetingId,
) -> Option<(&MeetingSummary, &PriorityAxis)> {
    meetings
        .iter()
        .filter(|m| m.id < id)
        .find_map(|m| m.axis.as_ref().map(|a| (m, a)))
}

/// The latest priority axis among the meetings (newest first), with its meeting.
pub fn current_axis(meetings: &[MeetingSummary]) -> Option<(&MeetingSummary, &PriorityAxis)> {
    meetings
        .iter()
        .find_map(|m| m.axis.as_ref().map(|a| (m, a)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(date: &str, ended: bool) -> MeetingSummary {
        MeetingSummary {
            ended,
            ..MeetingSummary::unread(date.parse().unwrap())
        }
    }

    #[test]
    fn the_next_meeting_is_selected_first() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let list = [
            summary("2027-03-02", false),
            summary("2026-12-01", false),
            summary("2026-10-14", true),
        ];
        assert_eq!(Home::new(&list, today).selected, 1);
        let past = [summary("2026-10-14", true), summary("2026-06-01", true)];
        assert_eq!(Home::new(&past, today).selected, 0);
        assert_eq!(Home::new(&[], today).selected, 0);
    }
}
