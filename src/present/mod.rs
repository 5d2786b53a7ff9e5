//! `copilnum present`: the projection in a process of its own, for the wall. It reads the
//! meeting the editor saves and follows it live — its step, its decisions, its timer — without
//! ever writing or taking the editor's lock. This module holds its state and logic; `watch`
//! notices file changes, `run` drives the terminal.

pub mod run;
pub mod watch;

use chrono::{NaiveDate, NaiveDateTime};

use crate::app::keymap::Command;
use crate::app::scroll::Scroll;
use crate::catalog::Catalog;
use crate::model::agenda::item_at;
use crate::model::{Committee, Meeting, MeetingId, PriorityAxis};
use crate::ui::projection::Projected;

/// What the projector holds.
#[derive(Debug)]
pub struct Presenter {
    /// The committee, for names and roles.
    pub committee: Committee,
    /// The catalogue, for role labels.
    pub catalog: Catalog,
    /// The meeting projected.
    pub id: MeetingId,
    /// Its last good reading.
    pub meeting: Meeting,
    /// A step browsed here with the arrows; `None` while following the facilitator.
    pub local: Option<usize>,
    /// Why the last reading failed, while it does.
    pub notice: Option<String>,
    /// The time now.
    pub wall: NaiveDateTime,
    /// Set when the user asked to quit.
    pub quit: bool,
    /// The priority axis set at an earlier meeting (day, axis), for a follow-up's axis step.
    pub earlier_axis: Option<(NaiveDate, PriorityAxis)>,
    /// How far the text shown is scrolled.
    pub scroll: Scroll,
}

impl Presenter {
    /// A projector following the facilitator on this meeting.
    pub fn new(
        committee: Committee,
        catalog: Catalog,
        id: MeetingId,
        meeting: Meeting,
        wall: NaiveDateTime,
    ) -> Presenter {
        Presenter {
            committee,
            catalog,
            id,
            meeting,
            local: None,
            notice: None,
            wall,
            quit: false,
            earlier_axis: None,
            scroll: Scroll::default(),
        }
    }

    fn step_count(&self) -> usize {
        self.meeting.steps().len()
    }

    /// The step shown: the one browsed here, else the facilitator's.
    pub fn shown_step(&self) -> usize {
        self.local
            .unwrap_or(self.meeting.current_step)
            .min(self.step_count().saturating_sub(1))
    }

    /// Whether the end-of-meeting summary is shown (when the facilitator shows it).
    pub fn summary(&self) -> bool {
        self.local.is_none() && self.meeting.summary
    }

    /// How long until the time on screen changes: the clock's next minute, or the running
    /// timer's next second (never early: a wake-up before it would draw nothing).
    pub fn next_change(&self) -> std::time::Duration {
        let ms = |n: i64| std::time::Duration::from_millis(n.max(0).unsigned_abs());
        let minute = crate::ui::until_next_minute(self.wall);
        match self.meeting.timer_started_at {
            Some(start) if self.spent().1 => {
                // Counted in whole seconds from the start, none before it.
                let elapsed = (self.wall - start).num_milliseconds();
                let next = (elapsed.div_euclid(1000).max(0) + 1) * 1000;
                minute.min(ms(next - elapsed))
            }
            _ => minute,
        }
    }

    /// Seconds spent on the step shown, with whether its timer runs: the editor's running timer
    /// is counted from when it started, as saved in the file.
    pub fn spent(&self) -> (u64, bool) {
        let step = self.shown_step();
        let saved = self
            .meeting
            .steps()
            .get(step)
            .and_then(|s| item_at(&self.meeting.agenda, s.path))
            .map_or(0, |item| u64::from(item.spent_seconds));
        match self.meeting.timer_started_at {
            Some(start) if step == self.meeting.current_step => {
                let running = u64::try_from((self.wall - start).num_seconds()).unwrap_or(0);
                (saved + running, true)
            }
            _ => (saved, false),
        }
    }

    /// Applies a command of the key table.
    pub fn command(&mut self, command: Command) {
        if self.scroll.command(command) {
            return;
        }
        let shown = self.shown();
        self.step_command(command);
        if self.shown() != shown {
            self.scroll.reset();
        }
    }

    /// What is shown: the step, or the summary.
    fn shown(&self) -> (usize, bool) {
        (self.shown_step(), self.summary())
    }

    fn step_command(&mut self, command: Command) {
        let last = self.step_count().saturating_sub(1);
        let shown = self.shown_step();
        match command {
            Command::PrevStep => self.local = Some(shown.saturating_sub(1)),
            Command::NextStep => self.local = Some((shown + 1).min(last)),
            Command::Close => self.local = None,
            Command::Quit => self.quit = true,
            _ => {}
        }
        if self.local == Some(self.meeting.current_step) && !self.meeting.summary {
            self.local = None;
        }
    }

    /// A new reading of the meeting file: a good one replaces the view (and, if the facilitator
    /// moved, the projector follows again); a bad one keeps the last good view with a notice.
    pub fn meeting_read(&mut self, reading: Result<Meeting, String>) {
        let shown = self.shown();
        match reading {
            Ok(meeting) => {
                let moved = meeting.current_step != self.meeting.current_step
                    || meeting.summary != self.meeting.summary;
                if moved {
                    self.local = None;
                }
                self.meeting = meeting;
                self.notice = None;
            }
            Err(error) => {
                tracing::warn!(%error, "lecture de la réunion projetée");
                self.notice = Some(
                    "fichier de la réunion momentanément illisible : dernier affichage conservé"
                        .into(),
                );
            }
        }
        if self.shown() != shown {
            self.scroll.reset();
        }
    }

    /// A new reading of the committee file (names, roles); a bad one is ignored.
    pub fn committee_read(&mut self, reading: Result<Committee, String>) {
        if let Ok(committee) = reading {
            self.committee = committee;
        }
    }

    /// The last line of the projection.
    pub fn footer(&self) -> String {
        use crate::app::keymap::{self, Command, Context};
        let mode = match self.local {
            None => "suit l'animateur",
            Some(_) => "navigation libre",
        };
        // Échap acts only while browsing on one's own.
        let hints: Vec<keymap::Hint> = keymap::footer(Context::Present)
            .into_iter()
            .filter(|h| h.command != Command::Close || self.local.is_some())
            .collect();
        format!("{} · {mode} · {}", self.id, keymap::footer_text(&hints))
    }

    /// What to draw.
    pub fn view<'a>(&'a self, footer: String) -> Projected<'a> {
        let (spent, running) = self.spent();
        Projected {
            committee: &self.committee,
            catalog: &self.catalog,
            meeting: &self.meeting,
            step: self.shown_step(),
            summary: self.summary(),
            spent,
            running,
            wall: self.wall,
            footer,
            notice: self.notice.as_deref(),
            earlier_axis: self.earlier_axis.as_ref().map(|(day, axis)| (*day, axis)),
            scroll: self.scroll.offset,
        }
    }
}

/// The meeting to project when none is named: today's (the last of the day), else the next
/// one, else the latest.
pub fn default_meeting(ids: &[MeetingId], today: NaiveDate) -> Option<MeetingId> {
    ids.iter()
        .filter(|id| id.date == today)
        .max()
        .or_else(|| ids.iter().filter(|id| id.date > today).min())
        .or_else(|| ids.iter().max())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Decision;
    use crate::sample;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn presenter() -> Presenter {
        let s = sample::sample(day(2026, 11, 30));
        let (id, meeting) = s.meetings[1].clone();
        Presenter::new(
            s.committee,
            Catalog::builtin(),
            id,
            meeting,
            day(2026, 12, 1).and_hms_opt(14, 10, 0).unwrap(),
        )
    }

    #[test]
    fn it_follows_the_facilitator_and_can_browse_then_follow_again() {
        let mut p = presenter();
        assert_eq!(p.shown_step(), 0);
        p.command(Command::NextStep);
        p.command(Command::NextStep);
        assert_eq!((p.shown_step(), p.local), (2, Some(2)));
        let mut edited = p.meeting.clone();
        edited.agenda[2]
            .decisions
            .push(Decision { text: "d".into() });
        p.meeting_read(Ok(edited.clone()));
        assert_eq!(
            p.shown_step(),
            2,
            "a save without a step change keeps the browsing"
        );
        edited.current_step = 1;
        p.meeting_read(Ok(edited));
        assert_eq!(
            (p.shown_step(), p.local),
            (1, None),
            "the facilitator moved: follow"
        );
        p.command(Command::PrevStep);
        assert_eq!(p.shown_step(), 0);
        p.command(Command::Close);
        assert_eq!(p.shown_step(), 1);
        for _ in 0..20 {
            p.command(Command::NextStep);
        }
        assert_eq!(
            p.shown_step(),
            p.meeting.steps().len() - 1,
            "stays inside the agenda"
        );
    }

    #[test]
    fn a_bad_reading_keeps_the_last_good_view_with_a_notice() {
        let mut p = presenter();
        let before = p.meeting.clone();
        p.meeting_read(Err("f.ron:3:1: fin de fichier inattendue".into()));
        assert_eq!(p.meeting, before);
        assert!(
            p.notice
                .as_deref()
                .unwrap()
                .contains("momentanément illisible")
        );
        p.meeting_read(Ok(before));
        assert_eq!(p.notice, None);
    }

    #[test]
    fn the_projector_sleeps_until_the_time_on_screen_changes() {
        use std::time::Duration;
        let mut p = presenter();
        let at = |h, m, s, ms| day(2026, 12, 1).and_hms_milli_opt(h, m, s, ms).unwrap();
        p.wall = at(14, 10, 20, 300);
        assert_eq!(p.next_change(), Duration::from_millis(39_700));
        // A running timer shows seconds, counted from its start.
        p.meeting.timer_started_at = Some(at(14, 8, 30, 0));
        assert_eq!(p.next_change(), Duration::from_millis(700));
        p.meeting.timer_started_at = Some(at(14, 10, 20, 0));
        assert_eq!(p.next_change(), Duration::from_millis(700));
        // Started a little ahead (another machine's clock): 0 until a second after its start.
        p.meeting.timer_started_at = Some(at(14, 10, 25, 500));
        assert_eq!(p.next_change(), Duration::from_millis(6_200));
        // Each wake-up at that moment finds the face changed.
        p.meeting.timer_started_at = Some(at(14, 8, 30, 0));
        let before = p.spent();
        p.wall += chrono::Duration::from_std(p.next_change()).unwrap();
        assert_eq!(p.spent().0, before.0 + 1);
        // Another step's timer does not run: minutes only.
        p.command(Command::NextStep);
        assert_eq!(p.next_change(), Duration::from_millis(39_000));
    }

    #[test]
    fn the_editor_s_running_timer_is_counted_from_the_file() {
        let mut p = presenter();
        p.meeting.agenda[0].spent_seconds = 60;
        assert_eq!(p.spent(), (60, false));
        p.meeting.timer_started_at = Some(day(2026, 12, 1).and_hms_opt(14, 8, 30).unwrap());
        assert_eq!(p.spent(), (150, true));
        p.command(Command::NextStep);
        assert_eq!(p.spent(), (0, false), "another step's timer does not run");
    }

    #[test]
    fn the_summary_shows_when_the_facilitator_shows_it() {
        let mut p = presenter();
        let mut m = p.meeting.clone();
        m.summary = true;
        p.meeting_read(Ok(m));
        assert!(p.summary());
        p.command(Command::PrevStep);
        assert!(!p.summary(), "browsing leaves the summary");
    }

    #[test]
    fn the_default_meeting_is_today_s_else_the_next_else_the_latest() {
        let ids: Vec<MeetingId> = ["2026-06-30", "2026-12-01", "2026-12-01-2", "2027-03-02"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        assert_eq!(
            default_meeting(&ids, day(2026, 12, 1)).unwrap().to_string(),
            "2026-12-01-2"
        );
        assert_eq!(
            default_meeting(&ids, day(2026, 11, 30))
                .unwrap()
                .to_string(),
            "2026-12-01"
        );
        assert_eq!(
            default_meeting(&ids, day(2027, 9, 1)).unwrap().to_string(),
            "2027-03-02"
        );
        assert_eq!(default_meeting(&[], day(2027, 9, 1)), None);
    }
}
