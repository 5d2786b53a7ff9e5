//! Every screen and overlay rendered into ratatui's `TestBackend` at 80x24 and 160x45 from the
//! sample committee on a fixed date, compared with the snapshots in `tests/snapshots/`.
//! Important colours are asserted separately (snapshots hold text only).

mod common;

use common::driver::{self, press, send, type_text};
use common::keys::{ctrl, key};

use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use copilnum::app::history::History;
use copilnum::app::{App, Clock, Msg, SaveReport};
use copilnum::catalog::Catalog;
use copilnum::model::MeetingId;
use copilnum::sample;
use copilnum::store::Saved;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 45)];

fn app() -> App {
    driver::app(false)
}

fn meeting(app: &mut App, index: usize) {
    driver::open(app, index);
}

fn snapshot(name: &str, app: &App) {
    for (w, h) in SIZES {
        let terminal = driver::render(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), terminal.backend());
    }
}

#[test]
fn home() {
    snapshot("home", &app());
}

#[test]
fn roster() {
    let mut app = app();
    press(&mut app, key(KeyCode::F(6)));
    snapshot("roster", &app);
}

#[test]
fn onboarding_with_an_error() {
    let mut app = App::onboarding(Catalog::builtin(), "nouveau".into(), driver::clock());
    type_text(&mut app, "COPIL-Num d'Évian");
    press(&mut app, key(KeyCode::Enter));
    press(&mut app, key(KeyCode::Enter));
    press(&mut app, key(KeyCode::Enter));
    press(&mut app, key(KeyCode::Enter));
    snapshot("onboarding", &app);
}

#[test]
fn meeting_review_step() {
    let mut app = app();
    meeting(&mut app, 1);
    press(&mut app, key(KeyCode::Char(' ')));
    press(&mut app, key(KeyCode::Down));
    snapshot("meeting_review", &app);
}

#[test]
fn meeting_round_table_step() {
    let mut app = app();
    meeting(&mut app, 1);
    press(&mut app, key(KeyCode::F(8)));
    press(&mut app, key(KeyCode::Char(' ')));
    press(&mut app, key(KeyCode::Down));
    press(&mut app, key(KeyCode::Char(' ')));
    // The floor passes from the notes: the first present, then the next.
    press(&mut app, key(KeyCode::F(3)));
    send(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::CONTROL)),
    );
    type_text(&mut app, "Je pilote le comité.");
    send(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::CONTROL)),
    );
    snapshot("meeting_round_table", &app);
}

#[test]
fn meeting_discussion_with_notes_and_a_decision() {
    let mut app = app();
    meeting(&mut app, 1);
    for _ in 0..3 {
        press(&mut app, key(KeyCode::F(8)));
    }
    press(&mut app, key(KeyCode::F(3)));
    type_text(&mut app, "Formation ENT : 12 inscrits, œuvre commune.");
    press(&mut app, key(KeyCode::Enter));
    type_text(&mut app, "Une session de formation par trimestre");
    press(&mut app, ctrl('d'));
    snapshot("meeting_discussion", &app);
}

#[test]
fn meeting_objectives_step() {
    let mut app = app();
    meeting(&mut app, 0);
    press(&mut app, key(KeyCode::F(4)));
    press(&mut app, key(KeyCode::Down));
    snapshot("meeting_objectives", &app);
}

#[test]
fn past_meeting_priority_axis_step() {
    let mut app = app();
    meeting(&mut app, 0);
    snapshot("meeting_axis", &app);
}

#[test]
fn meeting_next_meeting_step() {
    let mut app = app();
    meeting(&mut app, 1);
    for _ in 0..7 {
        press(&mut app, key(KeyCode::F(8)));
    }
    snapshot("meeting_next", &app);
}

#[test]
fn help_overlay() {
    let mut app = app();
    meeting(&mut app, 1);
    press(&mut app, key(KeyCode::F(1)));
    snapshot("help", &app);
}

#[test]
fn objective_form_with_errors() {
    let mut app = app();
    meeting(&mut app, 1);
    press(&mut app, ctrl('o'));
    type_text(&mut app, "Former les correspondants numériques");
    press(&mut app, key(KeyCode::Tab));
    type_text(&mut app, "lefev");
    press(&mut app, key(KeyCode::Tab));
    type_text(&mut app, "31/02/2027");
    for _ in 0..4 {
        press(&mut app, key(KeyCode::Enter));
    }
    snapshot("objective_form", &app);
}

#[test]
fn member_form() {
    let mut app = app();
    press(&mut app, key(KeyCode::F(6)));
    press(&mut app, key(KeyCode::Down));
    press(&mut app, key(KeyCode::Enter));
    snapshot("member_form", &app);
}

#[test]
fn new_meeting_form() {
    let mut app = app();
    press(&mut app, ctrl('n'));
    snapshot("new_meeting_form", &app);
}

#[test]
fn export_form_in_a_meeting() {
    let mut app = app();
    meeting(&mut app, 0);
    press(&mut app, ctrl('e'));
    snapshot("export_form", &app);
}

#[test]
fn delete_confirmation() {
    let mut app = app();
    meeting(&mut app, 0);
    press(&mut app, key(KeyCode::F(4)));
    press(&mut app, key(KeyCode::Delete));
    snapshot("confirm", &app);
}

#[test]
fn read_only() {
    let mut app = app();
    app.session.read_only = Some(
        "ce comité est déjà ouvert en modification par un autre copilnum (processus 4242)".into(),
    );
    meeting(&mut app, 1);
    press(&mut app, key(KeyCode::F(3)));
    type_text(&mut app, "x");
    snapshot("read_only", &app);
}

#[test]
fn too_small_asks_to_enlarge_and_never_panics() {
    let app = app();
    let terminal = driver::render(&app, 50, 10);
    insta::assert_snapshot!("too_small_50x10", terminal.backend());
    for (w, h) in [
        (0, 0),
        (1, 1),
        (1, 40),
        (200, 1),
        (59, 16),
        (60, 15),
        (60, 16),
        (61, 17),
        (300, 100),
    ] {
        let mut other = app_in_meeting();
        press(&mut other, key(KeyCode::F(1)));
        driver::render(&app, w, h);
        driver::render(&other, w, h);
    }
}

fn app_in_meeting() -> App {
    let mut app = app();
    meeting(&mut app, 1);
    app
}

#[test]
fn every_screen_renders_at_every_size_without_panic() {
    let mut apps = vec![
        app(),
        app_in_meeting(),
        App::onboarding(Catalog::builtin(), "x".into(), driver::clock()),
    ];
    let mut with_form = app_in_meeting();
    press(&mut with_form, ctrl('o'));
    apps.push(with_form);
    let mut exporting = app_in_meeting();
    press(&mut exporting, ctrl('e'));
    apps.push(exporting);
    apps.push(years_searching());
    let mut years = app();
    press(&mut years, key(KeyCode::F(4)));
    apps.push(years);
    apps.push(agenda_editor());
    let mut subjects = agenda_editor();
    press(&mut subjects, key(KeyCode::F(3)));
    apps.push(subjects);
    apps.push(invitations());
    for app in &apps {
        for w in (0..=130).step_by(7) {
            for h in (0..=50).step_by(5) {
                driver::render(app, w, h);
            }
        }
    }
}

#[test]
fn the_countdown_turns_amber_near_the_end_and_red_past_it() {
    let mut app = app_in_meeting();
    let start = app.clock.now;
    press(&mut app, ctrl('t'));
    let colour = |app: &App| {
        let terminal = driver::render(app, 80, 24);
        let buffer = terminal.backend().buffer();
        let line: String = (0..80)
            .map(|x| buffer[(x, 2)].symbol().to_string())
            .collect();
        let x = line
            .find("restant")
            .or_else(|| line.find("dépassé"))
            .expect("the countdown is on line 3");
        let x = line[..x].chars().count() as u16 - 3;
        buffer[(x, 2)].bg
    };
    let at = |secs| Clock {
        now: start + Duration::from_secs(secs),
        ..driver::clock()
    };
    app.update(Msg::Tick(at(60)));
    assert_ne!(colour(&app), Color::Yellow);
    assert_ne!(colour(&app), Color::Red);
    app.update(Msg::Tick(at(25 * 60 - 90)));
    assert_eq!(colour(&app), Color::Yellow, "amber in the last minutes");
    app.update(Msg::Tick(at(25 * 60 + 5)));
    assert_eq!(colour(&app), Color::Red, "red once past");
}

#[test]
fn the_focused_pane_is_thick_in_colour_and_marked() {
    let mut app = app_in_meeting();
    press(&mut app, key(KeyCode::F(3)));
    let terminal = driver::render(&app, 80, 24);
    let buffer = terminal.backend().buffer();
    let notes_corner = (0..80).find(|&x| buffer[(x, 5)].symbol() == "┏").unwrap();
    assert_eq!(buffer[(notes_corner, 5)].fg, Color::Cyan);
    assert_eq!(buffer[(notes_corner + 1, 5)].symbol(), "▶");
    // The others are thin and unmarked.
    assert!((0..80).any(|x| buffer[(x, 5)].symbol() == "┌"));
    let _ = MeetingId::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
}

#[test]
fn attendee_form() {
    let mut app = app_in_meeting();
    press(&mut app, key(KeyCode::F(2)));
    press(&mut app, key(KeyCode::Down));
    press(&mut app, key(KeyCode::Enter));
    snapshot("attendee_form", &app);
}

#[test]
fn evaluation_form() {
    let mut app = app_in_meeting();
    press(&mut app, key(KeyCode::Enter));
    snapshot("evaluation_form", &app);
}

#[test]
fn axis_form() {
    let mut app = app();
    meeting(&mut app, 0);
    app.update(Msg::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
    app.update(Msg::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
    press(&mut app, key(KeyCode::Enter));
    snapshot("axis_form", &app);
}

#[test]
fn wide_characters_under_an_overlay_never_hide_its_border() {
    let mut app = app_in_meeting();
    press(&mut app, key(KeyCode::F(3)));
    for _ in 0..12 {
        type_text(&mut app, "中文👩‍🏫 🇫🇷中");
        press(&mut app, key(KeyCode::Enter));
    }
    press(&mut app, key(KeyCode::F(2)));
    press(&mut app, key(KeyCode::Enter));
    for (w, h) in [(80, 24), (81, 24), (120, 30), (160, 45)] {
        let terminal = driver::render(&app, w, h);
        let buffer = terminal.backend().buffer();
        // The form's top-left corner: a "┌" followed by its title, the member's name.
        let (x, top) = (0..h)
            .find_map(|y| {
                (0..w.saturating_sub(4))
                    .find(|&x| buffer[(x, y)].symbol() == "┌" && buffer[(x + 2, y)].symbol() == "H")
                    .map(|x| (x, y))
            })
            .expect("the form's corner");
        let bottom = (top + 1..h)
            .find(|&y| buffer[(x, y)].symbol() == "└")
            .expect("the form's bottom");
        for y in top + 1..bottom {
            assert_eq!(
                buffer[(x, y)].symbol(),
                "│",
                "{w}x{h}: border cell ({x}, {y})"
            );
            assert!(
                x == 0 || unicode_width::UnicodeWidthStr::width(buffer[(x - 1, y)].symbol()) <= 1,
                "{w}x{h}: no wide character spills over ({x}, {y})"
            );
        }
    }
}

#[test]
fn after_resizes_the_notes_always_show_the_cursor_line() {
    let sizes = common::RESIZE_STORM;
    // Every order in which the sizes of a resize storm may be drawn, typing in between.
    for skip in 0..sizes.len() {
        let mut app = app_in_meeting();
        press(&mut app, key(KeyCode::F(3)));
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        for round in 0..5 {
            for (i, &(w, h)) in sizes.iter().enumerate() {
                type_text(&mut app, &format!("r{round}t{i}é "));
                if i != skip {
                    terminal.backend_mut().resize(w, h);
                    terminal.draw(|f| copilnum::ui::render(&app, f)).unwrap();
                }
            }
        }
        type_text(&mut app, "fin");
        terminal.backend_mut().resize(80, 24);
        terminal.draw(|f| copilnum::ui::render(&app, f)).unwrap();
        let screen = terminal.backend().to_string();
        assert!(screen.contains("fin"), "skip {skip}:\n{screen}");
    }
}

#[test]
fn meeting_with_the_banner_of_a_merge() {
    use copilnum::merge::{Conflict, Report};
    use copilnum::store::MergedSave;
    let mut app = app();
    meeting(&mut app, 1);
    type_text(&mut app, "Note");
    // Saved, the save not yet confirmed: the store answers with a merge.
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
    )));
    let Some(copilnum::app::Screen::Meeting(screen)) = Some(&app.screen) else {
        panic!("meeting expected");
    };
    let (id, mut merged) = (screen.id, screen.meeting.clone());
    merged.place = "Salle polyvalente".into();
    app.update(Msg::Saved(SaveReport {
        committee: None,
        meetings: vec![(
            id,
            Ok(Saved::Merged(Box::new(MergedSave {
                value: merged,
                report: Report {
                    taken: vec!["lieu".into(), "notes du point 2".into()],
                    conflicts: vec![Conflict {
                        what: "heure".into(),
                        theirs: "15 h".into(),
                        recorded_in: Some("notes du point 1 « Bilan des objectifs »".into()),
                    }],
                },
                copies: vec![format!("conflits/{id}.conflit-2026-11-30-140500.ron").into()],
            }))),
        )],
    }));
    snapshot("meeting_merge_banner", &app);
}

#[test]
fn a_copy_beside_the_current_file() {
    let mut app = app();
    let current = "(\n    place: \"Salle du conseil\",\n    time: Some(\"14:00:00\"),\n    notes: \"a\",\n)\n";
    // The notes differ only at the end of a long line: shown whole, wrapped.
    let current = current.replace(
        "notes: \"a\"",
        "notes: \"Le bilan des objectifs est présenté par Mme Marchand, puis discuté point par point.\"",
    );
    let copied = "(\n    place: \"Salle polyvalente\",\n    time: Some(\"14:00:00\"),\n    notes: \"Le bilan des objectifs est présenté par Mme Marchand, puis discuté point par point avec les directeurs.\",\n)\n";
    let comparison = copilnum::app::reconcile::compare(
        "reunions/2026-12-01.ron".into(),
        &current,
        "conflits/2026-12-01.conflit-2026-11-30-140500.ron".into(),
        copied,
    );
    app.update(Msg::Compared(Ok(vec![comparison])));
    snapshot("comparison", &app);
}

#[test]
fn home_with_conflict_copies() {
    let mut app = app();
    app.update(Msg::ConflictCopies(vec![
        "conflits/2026-12-01.conflit-2026-11-30-140500.ron".into(),
        "conflits/comite.conflit-2026-11-30-101500.ron".into(),
    ]));
    snapshot("home_conflict_copies", &app);
}

// --- The committee's year: home's « à faire », the years, the agenda editor, the invitations.

#[test]
fn home_a_year_without_meeting() {
    let mut app = app();
    let mut later = driver::clock();
    later.wall = NaiveDate::from_ymd_opt(2028, 1, 10)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    send(&mut app, Msg::Tick(later));
    snapshot("home_silent", &app);
}

#[test]
fn years_screen() {
    let mut app = app();
    press(&mut app, key(KeyCode::F(4)));
    press(&mut app, key(KeyCode::Down));
    snapshot("years", &app);
}

#[test]
fn years_screen_filtered_by_status() {
    let mut app = app();
    press(&mut app, key(KeyCode::F(4)));
    press(&mut app, key(KeyCode::F(2)));
    snapshot("years_filter_form", &app);
    // Domain (the fourth field): « tous » → « Pédagogique » → « Technique »; then validate.
    for _ in 0..3 {
        press(&mut app, key(KeyCode::Down));
    }
    press(&mut app, key(KeyCode::Right));
    press(&mut app, key(KeyCode::Right));
    press(&mut app, key(KeyCode::Enter));
    press(&mut app, key(KeyCode::Enter));
    snapshot("years_filtered", &app);
}

fn years_searching() -> App {
    let mut app = app();
    press(&mut app, key(KeyCode::F(4)));
    type_text(&mut app, "ecole");
    press(&mut app, key(KeyCode::Down));
    app
}

#[test]
fn years_screen_with_a_search() {
    snapshot("years_search", &years_searching());
}

/// The upcoming meeting opened from home with F2: its agenda editor.
fn agenda_editor() -> App {
    let mut app = app();
    press(&mut app, key(KeyCode::F(2)));
    meeting(&mut app, 1);
    for _ in 0..4 {
        press(&mut app, key(KeyCode::Down));
    }
    app
}

#[test]
fn agenda_editor_screen() {
    snapshot("agenda_editor", &agenda_editor());
}

#[test]
fn agenda_point_form() {
    let mut app = agenda_editor();
    press(&mut app, key(KeyCode::Enter));
    snapshot("agenda_point_form", &app);
}

#[test]
fn agenda_subjects_with_their_full_wording() {
    let mut app = agenda_editor();
    press(&mut app, key(KeyCode::F(3)));
    press(&mut app, key(KeyCode::Down));
    press(&mut app, key(KeyCode::Down));
    press(&mut app, key(KeyCode::Char(' ')));
    snapshot("agenda_subjects", &app);
}

/// The upcoming meeting opened from home with F3: a restricted list of guests.
fn invitations() -> App {
    let mut app = app();
    press(&mut app, key(KeyCode::F(3)));
    meeting(&mut app, 1);
    press(&mut app, key(KeyCode::F(3))); // only the pilot
    press(&mut app, key(KeyCode::Down));
    press(&mut app, key(KeyCode::F(2))); // every ERUN
    for _ in 0..15 {
        press(&mut app, key(KeyCode::Down));
    }
    press(&mut app, key(KeyCode::Char(' ')));
    app
}

#[test]
fn invitations_screen() {
    snapshot("invitations", &invitations());
}

#[test]
fn the_review_of_a_carried_objective_shows_its_lineage() {
    use copilnum::model::lineage::{self, Original};
    use copilnum::model::prepare::{Handover, MeetingPlan, prepare};
    use copilnum::model::{MeetingKind, ObjectiveId, Outcome};
    let s = sample::sample(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
    let mut meetings = s.meetings.clone();
    let (past, mut december) = (meetings[0].clone(), meetings[1].1.clone());
    let original = Original {
        objective: &past.1.objectives[0],
        set_on: past.0.date,
    };
    december.evaluations[0].comment = "Faute de tablettes à l'école du Château".into();
    lineage::set_outcome(
        &mut december,
        0,
        Some(Outcome::Postponed),
        Some(original),
        ObjectiveId(6),
    );
    for e in &mut december.evaluations[1..] {
        e.outcome = Some(Outcome::Achieved);
    }
    december.ended_at = december.date.and_hms_opt(16, 0, 0);
    meetings[1].1 = december;
    let march = MeetingId::new(NaiveDate::from_ymd_opt(2027, 3, 9).unwrap());
    let refs: Vec<(MeetingId, &copilnum::model::Meeting)> =
        meetings.iter().map(|(i, m)| (*i, m)).collect();
    let handover = Handover::for_meeting(march, &refs);
    let plan = MeetingPlan {
        date: march.date,
        time: None,
        place: "Mairie".into(),
        kind: MeetingKind::Ordinary,
        secretary: None,
    };
    let catalog = Catalog::builtin();
    let m = prepare(&plan, catalog.agenda_for(false), &handover);
    assert_eq!(m.evaluations.len(), 1, "the carried objective alone");
    meetings.push((march, m.clone()));
    let mut app = app();
    let history = History::build(
        meetings
            .iter()
            .map(|(id, m)| (*id, Arc::new(m.clone())))
            .collect(),
        Vec::new(),
    );
    send(&mut app, Msg::HistoryBuilt(Box::new(history)));
    send(&mut app, Msg::MeetingOpened(march, Ok(Box::new(m))));
    snapshot("meeting_review_carried", &app);
}
