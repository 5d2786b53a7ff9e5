//! The meeting screen: its steps, panes, timer, saving as it goes, and the projection (F5).

mod common;

use common::harness::*;

#[test]
fn every_step_opens_on_its_own_pane() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.go_to_kind(StepKind::RoundTable);
    assert_eq!(h.meeting().focus, Pane::Attendance);
    h.go_to_kind(StepKind::Review);
    assert_eq!(h.meeting().focus, Pane::Review);
    for kind in [
        StepKind::PriorityAxis,
        StepKind::Objectives,
        StepKind::NextMeeting,
    ] {
        h.press(fkey(2));
        h.go_to_kind(kind);
        assert_eq!(h.meeting().focus, Pane::Notes, "{kind:?}");
    }
    let discussion = h.step_of(StepKind::Discussion);
    h.press(fkey(4));
    h.go_to_step(discussion);
    assert_eq!(h.meeting().focus, Pane::Notes);
    assert_eq!(h.meeting().step().unwrap().number, "4.1");
}

#[test]
fn the_upcoming_meeting_opens_on_its_first_step_with_that_step_s_pane() {
    let mut h = Harness::new();
    h.open_upcoming();
    let screen = h.meeting();
    assert_eq!(screen.step_index(), 0);
    assert_eq!(screen.step().unwrap().number, "1");
    assert_eq!(screen.focus, opening_pane(screen.kind()));
    assert_eq!(h.app.context(), Context::MeetingList);
    assert!(screen.timer_since.is_none());
    assert!(!h.app.unsaved.meeting, "opening changes nothing");
}

#[test]
fn tab_and_shift_tab_cycle_the_panes() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.go_to_kind(StepKind::Review);
    let mut panes = vec![h.meeting().focus];
    for _ in 0..7 {
        h.press(tab());
        panes.push(h.meeting().focus);
    }
    assert_eq!(
        panes,
        [
            Pane::Review,
            Pane::Attendance,
            Pane::Objectives,
            Pane::Axis,
            Pane::NextMeeting,
            Pane::Notes,
            Pane::Decisions,
            Pane::Review
        ]
    );
    h.press(back_tab());
    assert_eq!(h.meeting().focus, Pane::Decisions);

    // The tour de table: its own pane first; the review is on the way too (this meeting
    // evaluates the previous one's objectives).
    h.go_to_kind(StepKind::RoundTable);
    let mut forward = vec![h.meeting().focus];
    for _ in 0..7 {
        h.press(tab());
        forward.push(h.meeting().focus);
    }
    assert_eq!(
        forward,
        [
            Pane::Attendance,
            Pane::Objectives,
            Pane::Review,
            Pane::Axis,
            Pane::NextMeeting,
            Pane::Notes,
            Pane::Decisions,
            Pane::Attendance
        ]
    );
    let mut backward = vec![h.meeting().focus];
    for _ in 0..2 {
        h.press(back_tab());
        backward.push(h.meeting().focus);
    }
    assert_eq!(backward, [Pane::Attendance, Pane::Decisions, Pane::Notes]);
    // One key for each pane.
    for (key, pane) in [
        (ctrl('l'), Pane::Decisions),
        (ctrl('b'), Pane::Review),
        (ctrl('a'), Pane::Axis),
        (ctrl('g'), Pane::NextMeeting),
        (fkey(2), Pane::Attendance),
        (fkey(4), Pane::Objectives),
        (fkey(3), Pane::Notes),
    ] {
        h.press(key);
        assert_eq!(h.meeting().focus, pane);
    }
    assert_eq!(h.notes(), "", "Tab never types into the notes");
}

#[test]
fn f2_f3_f4_focus_their_pane_and_esc_goes_back_to_the_notes() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(3));
    assert_eq!(h.meeting().focus, Pane::Notes);
    assert_eq!(h.app.context(), Context::MeetingEditor);
    h.press(fkey(4));
    assert_eq!(h.meeting().focus, Pane::Objectives);
    h.press(fkey(2));
    assert_eq!(h.meeting().focus, Pane::Attendance);
    h.press(esc());
    assert_eq!(h.meeting().focus, Pane::Notes);
    assert_eq!(
        h.screen_name(),
        "meeting",
        "Échap does not leave the meeting"
    );
}

#[test]
fn f8_and_f7_change_steps_and_save_the_notes_and_decisions() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(3));
    h.type_text("Accueil par Mme Marchand\nTour de table complet");
    h.press(ctrl('d'));
    h.press(fkey(8));
    assert_eq!(h.meeting().step_index(), 1);
    assert_eq!(h.meeting().focus, opening_pane(h.meeting().kind()));
    let saved = h.last_saved_meeting().clone();
    assert_eq!(saved.current_step, 1);
    assert_eq!(
        saved.agenda[0].notes,
        "Accueil par Mme Marchand\nTour de table complet"
    );
    assert_eq!(
        saved.agenda[0].decisions,
        [Decision {
            text: "Tour de table complet".into()
        }]
    );
    assert!(!h.app.unsaved.meeting, "the save took the changes");

    h.press(fkey(3));
    assert_eq!(h.notes(), "", "each step has its own notes");
    h.type_text("Bilan rapide");
    h.press(fkey(7));
    assert_eq!(h.meeting().step_index(), 0);
    let saved = h.last_saved_meeting().clone();
    assert_eq!(saved.current_step, 0);
    assert_eq!(saved.agenda[1].notes, "Bilan rapide");
    assert_eq!(
        saved.agenda[0].notes,
        "Accueil par Mme Marchand\nTour de table complet"
    );
    h.press(fkey(3));
    assert_eq!(h.notes(), "Accueil par Mme Marchand\nTour de table complet");
}

#[test]
fn a_current_step_outside_the_agenda_is_said_and_not_rewritten_until_a_move() {
    let mut h = Harness::new();
    let at = h
        .disk
        .iter()
        .position(|(id, _)| *id == upcoming_id())
        .unwrap();
    h.disk[at].1.current_step = 99;
    let last = h.disk[at].1.steps().len() - 1;
    h.open_upcoming();
    assert_eq!(h.meeting().step_index(), last);
    assert_eq!(h.app.status.level, Level::Warning);
    assert!(
        h.status()
            .starts_with("L'étape 100 du fichier n'existe pas : voici la dernière ("),
        "{}",
        h.status()
    );
    h.press(fkey(3));
    h.type_text("Dernière étape");
    h.press(ctrl('s'));
    let saved = h.last_saved_meeting().clone();
    assert_eq!(saved.current_step, 99, "the file's number is kept");
    let shown = item_at(&saved.agenda, saved.steps()[last].path);
    assert_eq!(
        shown.unwrap().notes,
        "Dernière étape",
        "typed in the step shown"
    );
    h.ack();
    h.press(fkey(7));
    assert_eq!(
        h.last_saved_meeting().current_step,
        last - 1,
        "moved: rewritten"
    );
}

#[test]
fn the_first_and_last_steps_are_edges() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(7));
    assert_eq!(h.meeting().step_index(), 0);
    assert_eq!(h.status(), "C'est la première étape.");
    assert!(h.last.is_empty());
    let last = h.meeting().steps.len() - 1;
    assert_eq!(last, 7, "1, 2, 3, 4.1, 4.2, 4.3, 5, 6");
    h.go_to_step(last);
    assert_eq!(h.meeting().kind(), StepKind::NextMeeting);
    // F8 after the last step offers to close the meeting.
    h.press(fkey(8));
    assert_eq!(h.meeting().step_index(), last);
    assert!(matches!(
        h.app.overlays.last(),
        Some(Overlay::Confirm(Confirmation::CloseMeeting))
    ));
    assert!(h.last.is_empty());
    h.press(esc());
    assert!(h.meeting().meeting.ended_at.is_none(), "Échap: still open");
    h.press(fkey(8));
    h.press(enter());
    assert_eq!(h.meeting().meeting.ended_at, Some(h.app.clock.wall));
    assert_eq!(
        h.last_saved_meeting().ended_at,
        Some(h.app.clock.wall),
        "saved at once"
    );
    assert!(h.status().starts_with("Réunion close à"), "{}", h.status());
    h.press(fkey(8));
    assert_eq!(
        h.status(),
        "C'est la dernière étape ; la réunion est close."
    );
    assert!(h.app.overlays.is_empty());
}

#[test]
fn ctrl_t_runs_the_step_timer_and_time_spent_follows_ticks_and_steps() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.advance(Duration::from_secs(60));
    assert!(h.meeting().meeting.started_at.is_none());
    h.press(ctrl('t'));
    assert_eq!(h.status(), "Chrono lancé.");
    assert!(h.meeting().timer_since.is_some());
    assert_eq!(
        h.meeting().meeting.started_at,
        Some(today().and_hms_opt(9, 1, 0).unwrap()),
        "the meeting clock starts with the first timer"
    );
    h.advance(Duration::from_secs(90));
    assert_eq!(h.meeting().spent_seconds(0, h.now()), 90);
    h.advance(Duration::from_millis(500));
    assert_eq!(h.meeting().spent_seconds(0, h.now()), 90);

    h.press(fkey(8));
    let saved = h.last_saved_meeting().clone();
    assert_eq!(saved.agenda[0].spent_seconds, 90);
    assert_eq!(
        saved.started_at,
        Some(today().and_hms_opt(9, 1, 0).unwrap())
    );
    assert!(
        h.meeting().timer_since.is_some(),
        "the timer keeps running on the next step"
    );
    h.advance(Duration::from_secs(30));
    assert_eq!(h.meeting().spent_seconds(1, h.now()), 30);
    assert_eq!(h.meeting().spent_seconds(0, h.now()), 90);

    h.press(ctrl('t'));
    assert_eq!(h.status(), "Chrono en pause.");
    assert!(h.meeting().timer_since.is_none());
    h.advance(Duration::from_secs(100));
    assert_eq!(h.meeting().spent_seconds(1, h.now()), 30, "paused");
    h.press(ctrl('t'));
    h.advance(Duration::from_secs(15));
    assert_eq!(h.meeting().spent_seconds(1, h.now()), 45);
    assert_eq!(
        h.meeting().meeting.started_at,
        Some(today().and_hms_opt(9, 1, 0).unwrap()),
        "started once"
    );
    h.press(ctrl('s'));
    let saved = h.last_saved_meeting().clone();
    assert_eq!(saved.agenda[1].spent_seconds, 45);
}

#[test]
fn ctrl_s_saves_now_what_changed() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(ctrl('s'));
    assert_eq!(
        h.last_saved_meeting().agenda[0].notes,
        "",
        "asked for: written even unchanged"
    );
    h.press(fkey(3));
    h.type_text("à enregistrer");
    h.press(ctrl('s'));
    assert_eq!(h.last_saved_meeting().agenda[0].notes, "à enregistrer");
    assert!(!h.app.unsaved.meeting);
    assert_eq!(h.app.unsaved.since, None);
}

#[test]
fn f5_is_not_bound_yet_and_types_nothing() {
    // The projection view (F5) belongs to the next roadmap item; until then the key must at
    // least be harmless.
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(3));
    h.type_text("x");
    h.press(fkey(5));
    assert_eq!(h.notes(), "x");
    assert_eq!(h.screen_name(), "meeting");
    assert!(h.app.overlays.is_empty());
}

#[test]
fn f9_and_f6_leave_the_meeting_saving_it_and_stopping_the_timer() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(ctrl('t'));
    h.advance(Duration::from_secs(42));
    h.press(fkey(9));
    assert_eq!(h.screen_name(), "home");
    let saves: Vec<&SaveRequest> = h.last.iter().filter_map(save_of).collect();
    assert_eq!(saves.len(), 1);
    let (id, m) = saves[0].meetings.first().unwrap();
    assert_eq!(*id, upcoming_id());
    assert_eq!(m.agenda[0].spent_seconds, 42);

    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(3));
    h.type_text("avant les membres");
    h.press(fkey(6));
    assert_eq!(h.screen_name(), "roster");
    let saves: Vec<&SaveRequest> = h.last.iter().filter_map(save_of).collect();
    assert_eq!(saves.len(), 1);
    assert_eq!(
        saves[0].meetings.first().unwrap().1.agenda[0].notes,
        "avant les membres"
    );
}

#[test]
fn f5_projects_the_step_and_keys_no_longer_type_into_the_notes() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(3));
    h.type_text("avant");
    h.press(fkey(5));
    assert!(h.meeting().projecting);
    assert_eq!(h.app.context(), Context::Projection);
    h.type_text("x");
    assert_eq!(
        h.notes(),
        "avant",
        "typing is not sent to notes nobody sees"
    );
    assert!(h.status().contains("F5"), "{}", h.status());
    h.press(fkey(5));
    assert!(!h.meeting().projecting);
    h.press(fkey(5));
    h.press(esc());
    assert!(!h.meeting().projecting, "Échap leaves the projection too");
}

#[test]
fn in_projection_f8_after_the_last_step_shows_the_summary_and_saves_it() {
    let mut h = Harness::new();
    h.open_upcoming();
    let last = h.meeting().steps.len() - 1;
    h.go_to_step(last);
    h.press(fkey(5));
    h.press(fkey(8));
    assert!(h.meeting().meeting.summary);
    assert!(
        h.last_saved_meeting().summary,
        "saved at once, for copilnum present"
    );
    h.press(fkey(8));
    assert!(h.meeting().meeting.summary, "stays on the summary");
    h.press(fkey(7));
    assert!(!h.meeting().meeting.summary);
    assert_eq!(h.meeting().step_index(), last);
    h.press(fkey(8));
    h.press(fkey(5));
    assert!(
        !h.meeting().meeting.summary,
        "leaving the projection leaves the summary"
    );
    assert!(!h.last_saved_meeting().summary);
}

#[test]
fn in_projection_the_arrows_scroll_within_what_the_last_frame_showed() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(5));
    // The runtime reports after each frame: 6 lines beyond the screen, 10 shown at once.
    h.app.update(Msg::Drawn(Drawn {
        scroll: Some((6, 10)),
        notes: None,
    }));
    h.press(down());
    assert_eq!(h.meeting().scroll.offset, 1);
    h.press(key(KeyCode::PageDown));
    assert_eq!(h.meeting().scroll.offset, 6, "never past the end");
    h.press(up());
    assert_eq!(
        h.meeting().scroll.offset,
        5,
        "one key back shows one line more at once"
    );
    assert_eq!(h.meeting().step_index(), 0, "the arrows do not change step");
    // A larger screen: everything fits.
    h.app.update(Msg::Drawn(Drawn {
        scroll: Some((0, 40)),
        notes: None,
    }));
    assert_eq!(h.meeting().scroll.offset, 0);
    h.app.update(Msg::Drawn(Drawn {
        scroll: Some((6, 10)),
        notes: None,
    }));
    h.press(key(KeyCode::PageDown));
    h.press(fkey(8));
    assert_eq!(
        h.meeting().scroll.offset,
        0,
        "another step starts at its top"
    );
    h.press(key(KeyCode::PageDown));
    h.press(fkey(5));
    h.press(fkey(5));
    assert_eq!(h.meeting().scroll.offset, 0, "so does projecting again");
}

#[test]
fn the_timer_start_is_saved_for_the_projection_to_count_down() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(ctrl('t'));
    let saved = h.last_saved_meeting();
    assert_eq!(saved.timer_started_at, saved.started_at);
    assert!(saved.timer_started_at.is_some());
    h.press(ctrl('t'));
    assert_eq!(h.last_saved_meeting().timer_started_at, None);
}

/// Lets time pass until just before `at`, then to `at`: the time on screen must stay as it is
/// until then, and change at `at` (the runtime sleeps until then).
fn face_changes_exactly_at(h: &mut Harness, at: Instant) {
    let face = copilnum::ui::clock_face(&h.app);
    h.advance(at - h.now() - Duration::from_millis(1));
    assert_eq!(copilnum::ui::clock_face(&h.app), face, "changed early");
    h.advance(Duration::from_millis(1));
    assert_ne!(
        copilnum::ui::clock_face(&h.app),
        face,
        "not changed at {at:?}"
    );
}

#[test]
fn the_time_on_screen_changes_at_the_next_minute_or_the_running_timer_s_next_second() {
    let mut h = Harness::new();
    h.open_upcoming();
    // 9:00:20.3: the clock shows minutes, next at 9:01.
    h.advance(Duration::from_millis(20_300));
    let minute = copilnum::ui::clock_changes_at(&h.app);
    assert_eq!(minute, h.now() + Duration::from_millis(39_700));
    face_changes_exactly_at(&mut h, minute);
    // A running timer shows seconds: every second from its start.
    h.advance(Duration::from_millis(250));
    h.press(ctrl('t'));
    let started = h.now();
    assert!(h.meeting().timer_since.is_some());
    for n in 1..=3u64 {
        let next = copilnum::ui::clock_changes_at(&h.app);
        assert_eq!(next, started + Duration::from_secs(n));
        face_changes_exactly_at(&mut h, next);
    }
    // Stopped: minutes again.
    h.advance(Duration::from_millis(400));
    h.press(ctrl('t'));
    assert!(h.meeting().timer_since.is_none());
    let next = copilnum::ui::clock_changes_at(&h.app);
    assert!(
        next > h.now() + Duration::from_secs(1),
        "{:?}",
        next - h.now()
    );
    face_changes_exactly_at(&mut h, next);
}
