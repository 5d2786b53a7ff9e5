//! What the screens say is true (issue 8, §1 and §3): the attendance pane during the tour de
//! table shows the real speaker, the speaking order and the latecomers' arrival; home shows a
//! started meeting as "en cours"; the wall shows the objectives as they are set; the
//! new-meeting form starts from what the previous meeting recorded; a read-only copy shows
//! the editor's timer running.

mod common;

use common::driver::{self, press, screen, screen_mut, send, type_text};
use common::keys::{ctrl, ctrl_key, key};

use std::time::{Duration, Instant};

use chrono::{NaiveDateTime, NaiveTime};
use copilnum::app::meeting::Pane;
use copilnum::app::{App, Clock, Effect, Msg};
use copilnum::model::{MeetingId, MemberId, Presence, StepKind};
use copilnum::sample;
use crossterm::event::KeyCode;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 45)];

fn wall() -> NaiveDateTime {
    common::today().and_hms_opt(14, 5, 0).unwrap()
}

fn app() -> App {
    driver::app(false)
}

fn app_with(read_only: Option<&str>) -> App {
    driver::app_from(sample::sample(common::today()), read_only)
}

fn text(app: &App, width: u16, height: u16) -> String {
    driver::render(app, width, height).backend().to_string()
}

fn snapshot(name: &str, app: &App) {
    for (w, h) in SIZES {
        let terminal = driver::render(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
}

/// The people of the attendance list, in its order.
fn people(app: &App) -> Vec<MemberId> {
    screen(app)
        .attendees(&app.session.committee)
        .iter()
        .map(|m| m.id)
        .collect()
}

fn name(app: &App, id: MemberId) -> String {
    app.session.committee.member(id).unwrap().name.clone()
}

/// The upcoming meeting on its tour de table: the first four present but the second, excused.
fn round_table() -> App {
    let mut app = app();
    driver::open(&mut app, 1);
    press(&mut app, key(KeyCode::F(8)));
    assert_eq!(screen(&app).kind(), StepKind::RoundTable);
    let people = people(&app);
    let s = screen_mut(&mut app);
    s.meeting.attendance.clear();
    for (i, id) in people.iter().take(4).enumerate() {
        let presence = if i == 1 {
            Presence::Excused
        } else {
            Presence::Present
        };
        s.set_presence(*id, presence);
    }
    s.set_presence(people[4], Presence::Absent);
    app
}

// =============================================================================================
// 1. The attendance pane tells the truth during the tour de table

#[test]
fn the_attendance_marks_the_speaker_not_the_cursor_with_the_order_and_who_is_out() {
    let mut app = round_table();
    let people = people(&app);
    // The floor goes to the first, then the third (the second is excused).
    press(&mut app, ctrl_key(KeyCode::Down));
    press(&mut app, ctrl_key(KeyCode::Down));
    assert_eq!(screen(&app).meeting.speaker, Some(people[2]));
    // The secretary moves the list's cursor elsewhere: the speaker stays the speaker.
    press(&mut app, key(KeyCode::F(2)));
    press(&mut app, key(KeyCode::Up));
    press(&mut app, key(KeyCode::Up));
    assert_eq!(screen(&app).cursors.attendee, 0);
    let shown = text(&app, 160, 45);
    assert!(
        shown.contains(&format!("Au tour de : {} ", name(&app, people[2]))),
        "{shown}"
    );
    assert!(
        !shown.contains(&format!("Au tour de : {} ", name(&app, people[0]))),
        "the cursor is not the speaker:\n{shown}"
    );
    // The order: 1 and 2 for the present, the speaker marked, the excused and absent out.
    let row = |id: MemberId| {
        // In the list (between its borders), not in the status line that names the speaker.
        shown
            .lines()
            .rev()
            .find(|l| l.contains(&name(&app, id)) && l.contains('│'))
            .unwrap_or_else(|| panic!("no row for {}", name(&app, id)))
            .to_string()
    };
    assert!(row(people[0]).contains(" 1 "), "{}", row(people[0]));
    assert!(row(people[2]).contains("» 2"), "{}", row(people[2]));
    assert!(row(people[3]).contains(" 3 "), "{}", row(people[3]));
    for out in [people[1], people[4]] {
        assert!(row(out).contains("—"), "{}", row(out));
        assert!(row(out).contains("hors tour"), "{}", row(out));
    }
    assert!(shown.contains(&format!("Ensuite : {}", name(&app, people[3]))));
    snapshot("round_table_attendance", &app);
}

#[test]
fn a_latecomer_shows_their_arrival_time_and_their_place_at_the_end() {
    let mut app = round_table();
    press(&mut app, ctrl_key(KeyCode::Down));
    // Ctrl+N: a latecomer, added without leaving the meeting.
    press(&mut app, ctrl('n'));
    type_text(&mut app, "Paul Durand");
    for _ in 0..8 {
        if !matches!(app.overlays.last(), Some(Overlay::Form(..))) {
            break;
        }
        press(&mut app, key(KeyCode::Enter));
    }
    let late = app
        .session
        .committee
        .members
        .iter()
        .find(|m| m.name == "Paul Durand")
        .expect("the latecomer is a member")
        .id;
    let entry = screen(&app)
        .meeting
        .attendance
        .iter()
        .find(|a| a.member == late)
        .unwrap()
        .clone();
    assert_eq!(entry.arrived_at, NaiveTime::from_hms_opt(14, 5, 0));
    let order = screen(&app).speaking_order(&app.session.committee);
    assert_eq!(order.last(), Some(&late));
    // Shown in the list, however far down the roster they are.
    press(&mut app, key(KeyCode::F(2)));
    press(&mut app, key(KeyCode::End));
    for _ in 0..30 {
        press(&mut app, key(KeyCode::Down));
    }
    let shown = text(&app, 160, 45);
    let row = shown
        .lines()
        .find(|l| l.contains("Paul Durand"))
        .unwrap_or_else(|| panic!("{shown}"));
    assert!(row.contains("arrivé(e) à 14 h 05"), "{row}");
    assert!(row.contains(&format!(" {} ", order.len())), "{row}");
}

#[test]
fn before_anyone_speaks_the_pane_says_who_will_and_with_which_key() {
    let app = round_table();
    let people = people(&app);
    let shown = text(&app, 80, 24);
    assert!(shown.contains("Personne n'a encore la parole"), "{shown}");
    assert!(
        shown.contains(&format!("Ctrl+↓ : la parole à {}", name(&app, people[0]))),
        "{shown}"
    );
}

// =============================================================================================
// 2. Home shows a started meeting as "en cours"

#[test]
fn home_shows_a_started_meeting_as_en_cours() {
    let mut app = app();
    let row_of = |app: &App| {
        text(app, 160, 45)
            .lines()
            .find(|l| l.contains("1er décembre 2026") && l.contains("ordinaire"))
            .unwrap()
            .to_string()
    };
    assert!(row_of(&app).contains("à venir"), "{}", row_of(&app));
    driver::open(&mut app, 1);
    press(&mut app, ctrl('t'));
    assert!(screen(&app).timer_since.is_some());
    press(&mut app, key(KeyCode::F(9)));
    assert!(row_of(&app).contains("en cours"), "{}", row_of(&app));
    assert!(!row_of(&app).contains("à venir"), "{}", row_of(&app));
    snapshot("home_meeting_started", &app);
}

#[test]
fn a_meeting_state_reads_from_its_clock_and_its_end() {
    use copilnum::app::home::meeting_state;
    assert_eq!(meeting_state(true, true, true), "tenue");
    assert_eq!(meeting_state(false, true, true), "en cours");
    assert_eq!(meeting_state(false, false, true), "à venir");
    assert_eq!(meeting_state(false, true, false), "non clôturée");
    assert_eq!(meeting_state(false, false, false), "non clôturée");
    let _ = MeetingId::new(common::today());
    let _ = Duration::ZERO;
    let _ = Pane::Notes;
}

// =============================================================================================
// 5. Objectives set during a first meeting appear on the wall as they are set

#[test]
fn objectives_set_in_a_first_meeting_show_on_the_wall_as_they_are_set() {
    let mut app = app();
    driver::open(&mut app, 0);
    let set = {
        let s = screen_mut(&mut app);
        assert!(
            s.steps.iter().all(|step| {
                copilnum::model::agenda::item_at(&s.meeting.agenda, step.path)
                    .unwrap()
                    .kind
                    != StepKind::Objectives
            }),
            "the seed's first agenda has no objectives step"
        );
        let set = std::mem::take(&mut s.meeting.objectives);
        s.go_to_step(2, Instant::now());
        assert_eq!(s.kind(), StepKind::Discussion);
        set
    };
    press(&mut app, key(KeyCode::F(5)));
    assert!(screen(&app).projecting);
    let wall = text(&app, 160, 45);
    assert!(!wall.contains("Objectifs opérationnels"), "{wall}");
    // Ctrl+O during the step, as the secretary does: the wall shows it at once.
    press(&mut app, key(KeyCode::F(5)));
    screen_mut(&mut app).put_objective(set[0].clone());
    press(&mut app, key(KeyCode::F(5)));
    let wall = text(&app, 160, 45);
    assert!(wall.contains("Objectifs opérationnels"), "{wall}");
    assert!(wall.contains(&format!("1. {}", set[0].statement)), "{wall}");
    snapshot("wall_first_meeting_objective", &app);
}

// =============================================================================================
// 3. A read-only copy shows the editor's running timer as running, and follows the file

/// The upcoming meeting as its editor saved it: on its first step, the timer started 90 s ago
/// after 30 s already counted.
fn running_in_the_editor() -> (MeetingId, copilnum::model::Meeting) {
    let s = sample::sample(common::today());
    let (id, mut m) = s.meetings[1].clone();
    m.current_step = 0;
    m.agenda[0].spent_seconds = 30;
    m.started_at = Some(wall() - chrono::TimeDelta::seconds(120));
    m.timer_started_at = Some(wall() - chrono::TimeDelta::seconds(90));
    (id, m)
}

#[test]
fn a_read_only_copy_shows_the_editors_timer_running() {
    let mut app = app_with(Some("ouvert en modification ailleurs"));
    let (id, m) = running_in_the_editor();
    send(&mut app, Msg::MeetingOpened(id, Ok(Box::new(m))));
    let s = screen(&app);
    assert!(s.timer_since.is_some(), "the timer runs here too");
    assert_eq!(s.spent_seconds(0, app.clock.now), 120);
    let shown = text(&app, 80, 24);
    assert!(shown.contains("▶ en cours"), "{shown}");
    assert!(!shown.contains("⏸"), "{shown}");
    assert!(
        shown.contains("23:00"),
        "25 min planned, 2 min spent:\n{shown}"
    );
    // Time passes: it counts down with the editor's.
    let later = Clock {
        now: app.clock.now + Duration::from_secs(60),
        wall: wall() + chrono::TimeDelta::seconds(60),
    };
    send(&mut app, Msg::Tick(later));
    assert!(text(&app, 80, 24).contains("22:00"));
    // The wall of the read-only copy says so too.
    press(&mut app, key(KeyCode::F(5)));
    assert!(text(&app, 160, 45).contains("chrono en cours"));
    snapshot("read_only_running_timer_wall", &app);
}

#[test]
fn a_read_only_copy_follows_what_the_editor_saves() {
    let mut app = app_with(Some("ouvert en modification ailleurs"));
    let (id, mut m) = running_in_the_editor();
    send(&mut app, Msg::MeetingOpened(id, Ok(Box::new(m.clone()))));
    // The editor moves on to the tour de table, pauses the timer, and gives the floor.
    m.agenda[0].spent_seconds = 150;
    m.timer_started_at = None;
    m.current_step = 1;
    let first = screen(&app).attendees(&app.session.committee)[0].id;
    m.attendance.push(copilnum::model::Attendance {
        member: first,
        presence: Presence::Present,
        statement: String::new(),
        arrived_at: None,
    });
    m.speaker = Some(first);
    send(&mut app, Msg::MeetingChanged(id, Ok(Box::new(m.clone()))));
    let s = screen(&app);
    assert_eq!(s.step_index(), 1);
    assert_eq!(s.kind(), StepKind::RoundTable);
    assert!(s.timer_since.is_none());
    let shown = text(&app, 80, 24);
    assert!(shown.contains("⏸"), "{shown}");
    assert!(
        shown.contains(&format!("Au tour de : {}", name(&app, first))),
        "{shown}"
    );
    // The timer runs again over there: here too.
    m.timer_started_at = Some(wall() - chrono::TimeDelta::seconds(5));
    send(&mut app, Msg::MeetingChanged(id, Ok(Box::new(m))));
    assert!(text(&app, 80, 24).contains("▶ en cours"));
    // A reading that fails (the editor is writing) keeps what is shown.
    send(&mut app, Msg::MeetingChanged(id, Err("illisible".into())));
    assert_eq!(screen(&app).step_index(), 1);
}

#[test]
fn the_editor_itself_does_not_take_a_stale_timer_from_the_file() {
    let mut app = app();
    let (id, m) = running_in_the_editor();
    send(&mut app, Msg::MeetingOpened(id, Ok(Box::new(m.clone()))));
    assert!(screen(&app).timer_since.is_none());
    // And a change read from the file is for read-only copies only.
    let mut moved = m;
    moved.current_step = 3;
    send(&mut app, Msg::MeetingChanged(id, Ok(Box::new(moved))));
    assert_eq!(screen(&app).step_index(), 0);
}

// =============================================================================================
// 4. The new meeting starts from what the previous one recorded; the first meeting records
// the next one; the secrétaire de séance is chosen from the roster

use copilnum::app::Overlay;
use copilnum::app::dialogs::Purpose;
use copilnum::app::form::Form;

fn form(app: &App) -> (&Form, &Purpose) {
    match app.overlays.last() {
        Some(Overlay::Form(form, purpose)) => (form, purpose),
        other => panic!("no form open: {other:?}"),
    }
}

#[test]
fn the_new_meeting_form_starts_from_the_next_meeting_the_last_one_recorded() {
    let mut s = sample::sample(common::today());
    let secretary = s.committee.members[5].id;
    {
        let (_, upcoming) = s.meetings.last_mut().unwrap();
        upcoming.secretary = Some(secretary);
        upcoming.next_meeting = Some(copilnum::model::NextMeeting {
            date: chrono::NaiveDate::from_ymd_opt(2027, 3, 2).unwrap(),
            time: NaiveTime::from_hms_opt(14, 30, 0),
            place: "Médiathèque du Pamphiou".into(),
        });
    }
    let mut app = driver::app_from(s, None);
    press(&mut app, ctrl('n'));
    let (f, purpose) = form(&app);
    assert_eq!(purpose, &Purpose::NewMeeting);
    assert_eq!(f.value("date"), "02/03/2027");
    assert_eq!(f.value("time"), "14h30");
    assert_eq!(f.value("place"), "Médiathèque du Pamphiou");
    assert_eq!(f.value("secretary"), secretary.0.to_string());
    snapshot("new_meeting_from_the_next_recorded", &app);
    // Another secretary, picked from the roster by typing a name, as an objective's owner.
    let nadia = app
        .session
        .committee
        .members
        .iter()
        .find(|m| m.name == "Nadia Benali")
        .unwrap()
        .id;
    while form(&app).0.fields[form(&app).0.focus].name != "secretary" {
        press(&mut app, key(KeyCode::Tab));
    }
    type_text(&mut app, "Nadia");
    let effects = press(&mut app, key(KeyCode::Enter));
    let plan = effects
        .iter()
        .find_map(|e| match e {
            Effect::CreateMeeting(plan) => Some(plan.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no meeting created: {effects:?}"));
    assert_eq!(
        plan.date,
        chrono::NaiveDate::from_ymd_opt(2027, 3, 2).unwrap()
    );
    assert_eq!(plan.time, NaiveTime::from_hms_opt(14, 30, 0));
    assert_eq!(plan.place, "Médiathèque du Pamphiou");
    assert_eq!(plan.secretary, Some(nadia));
}

#[test]
fn without_a_next_meeting_recorded_the_form_starts_from_today() {
    let mut app = app();
    press(&mut app, ctrl('n'));
    let (f, _) = form(&app);
    assert_eq!(f.value("date"), "30/11/2026");
    assert_eq!(f.value("time"), "");
    assert_eq!(f.value("place"), "");
}

#[test]
fn the_first_meeting_records_the_next_one_before_it_closes() {
    let mut app = app();
    let s = sample::sample(common::today());
    let (id, mut first) = s.meetings[0].clone();
    first.ended_at = None;
    first.next_meeting = None;
    first.current_step = first.steps().len() - 1;
    assert!(
        first.agenda.iter().all(|i| i.kind != StepKind::NextMeeting),
        "the seed's first agenda has no step for it"
    );
    send(&mut app, Msg::MeetingOpened(id, Ok(Box::new(first))));
    // F8 after the last step: the closing question says the date is not set, and how.
    press(&mut app, key(KeyCode::F(8)));
    assert!(matches!(app.overlays.last(), Some(Overlay::Confirm(_))));
    let shown = text(&app, 160, 45);
    assert!(
        shown.contains("n'est pas fixée : Ctrl+G pour la fixer"),
        "{shown}"
    );
    snapshot("close_first_meeting_next_unset", &app);
    press(&mut app, ctrl('g'));
    assert_eq!(form(&app).1, &Purpose::NextMeeting);
    type_text(&mut app, "12/01/2027");
    press(&mut app, key(KeyCode::Enter));
    type_text(&mut app, "14h");
    press(&mut app, key(KeyCode::Enter));
    type_text(&mut app, "Mairie de Sciez");
    press(&mut app, key(KeyCode::Enter));
    assert!(app.overlays.is_empty(), "{:?}", app.overlays);
    let next = screen(&app).meeting.next_meeting.clone().expect("recorded");
    assert_eq!(
        next.date,
        chrono::NaiveDate::from_ymd_opt(2027, 1, 12).unwrap()
    );
    assert_eq!(next.place, "Mairie de Sciez");
    assert_eq!(screen(&app).meeting.ended_at, None, "not closed yet");
    // The synthèse on the wall has the date; closing no longer mentions it.
    press(&mut app, key(KeyCode::F(8)));
    let shown = text(&app, 160, 45);
    assert!(!shown.contains("n'est pas fixée"), "{shown}");
    press(&mut app, key(KeyCode::Enter));
    assert!(screen(&app).meeting.ended_at.is_some());
    press(&mut app, key(KeyCode::F(5)));
    press(&mut app, key(KeyCode::F(8)));
    let wall = text(&app, 160, 45);
    assert!(wall.contains("Synthèse"), "{wall}");
    assert!(wall.contains("12 janvier 2027"), "{wall}");
    assert!(!wall.contains("date à fixer"), "{wall}");
}

/// The secrétaire de séance is set from the attendance (Entrée on a member, then the form's
/// last field) and the row says so; setting it to « non » takes it back.
#[test]
fn the_secretary_is_set_from_the_attendance_and_shown_there() {
    let mut app = driver::app(false);
    driver::open(&mut app, 1);
    press(&mut app, key(KeyCode::F(2)));
    press(&mut app, key(KeyCode::Down));
    let chosen = {
        let screen = screen(&app);
        screen.attendees(&app.session.committee)[screen.cursors.attendee].id
    };
    assert_ne!(
        screen(&app).meeting.secretary,
        Some(chosen),
        "someone else holds the notes"
    );
    for set in [true, false] {
        press(&mut app, key(KeyCode::Enter));
        // Tour de table, Présence, Représenté par, then Secrétaire de séance.
        for _ in 0..3 {
            press(&mut app, key(KeyCode::Tab));
        }
        press(&mut app, key(KeyCode::Right));
        press(&mut app, key(KeyCode::Enter));
        assert_eq!(
            screen(&app).meeting.secretary,
            set.then_some(chosen),
            "set: {set}"
        );
        let shown = driver::screen_text(&app, 160, 45);
        assert_eq!(shown.contains("secrétaire de séance"), set, "{shown}");
    }
}
