//! Carrying an objective from the evaluation step with one key (issue 9): on the sample's next
//! meeting, an objective partiellement or non atteint is carried into the meeting's objectives
//! by the carry key, taken back by it again or by a closing outcome while untouched, kept once
//! edited; the row says so, the footer shows the key only where it acts, and the evaluation
//! and objective forms show the objective's history.

mod common;

use common::driver::{self, saves, screen, screen_mut};
use common::keys::space;
use copilnum::app::dialogs::Purpose;
use copilnum::app::keymap::{self, Command, Scope};
use copilnum::app::meeting::Pane;
use copilnum::app::review::{self, CarryState};
use copilnum::app::{App, Effect, Level, Msg, Overlay};
use copilnum::model::{ObjectiveId, Outcome};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The carry key, as the key table gives it.
fn carry_key() -> KeyEvent {
    let binding = keymap::BINDINGS
        .iter()
        .find(|b| b.command == Command::Carry)
        .expect("a key carries");
    KeyEvent::new(binding.code, binding.modifiers)
}

/// A key pressed; saves asked for succeed at once, and the status line still says what the
/// key did.
fn press(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    driver::press(app, key)
}

/// The sample's next meeting on its review, its first objective given `cycles` presses of
/// Espace (1: atteint, 2: partiellement, 3: non atteint, 4: reporté, 5: abandonné).
fn review_with(cycles: usize, read_only: bool) -> App {
    let mut app = driver::app(read_only);
    driver::open(&mut app, 1);
    assert_eq!(screen(&app).focus, Pane::Review);
    for _ in 0..cycles {
        press(&mut app, space());
    }
    app
}

#[test]
fn the_key_is_ctrl_f_a_list_key_that_typing_never_gives() {
    assert_eq!(keymap::key_for(Scope::List, Command::Carry), "Ctrl+F");
    let context = keymap::Context::MeetingEditor;
    assert_eq!(
        keymap::command(context, &carry_key()),
        None,
        "not in the notes"
    );
}

#[test]
fn non_atteint_is_carried_with_one_key_and_the_row_says_so() {
    for (cycles, outcome) in [(2, Outcome::PartiallyAchieved), (3, Outcome::NotAchieved)] {
        let mut app = review_with(cycles, false);
        let meeting = &screen(&app).meeting;
        assert_eq!(meeting.evaluations[0].outcome, Some(outcome));
        assert!(
            meeting.objectives.is_empty(),
            "not carried by the outcome alone"
        );
        assert_eq!(review::carry_state(meeting, 0), CarryState::Offered);
        assert!(app.acts(Command::Carry));
        let hints: Vec<String> = app.footer_hints().into_iter().map(|h| h.key).collect();
        assert!(hints.contains(&"Ctrl+F".to_string()), "{hints:?}");

        let effects = press(&mut app, carry_key());
        assert_eq!(saves(&effects), 1, "saved at once, for the projection");
        let meeting = &screen(&app).meeting;
        assert_eq!(meeting.objectives.len(), 1);
        let (copy, original) = (&meeting.objectives[0], &driver_sample_objective(1));
        assert_eq!(copy.carried_from, Some(ObjectiveId(1)));
        assert_eq!(copy.statement, original.statement);
        assert_eq!(copy.owner, original.owner);
        assert!(copy.due_to_confirm, "due date to confirm");
        assert_eq!(copy.id, ObjectiveId(6), "a number no meeting used");
        assert_eq!(
            review::carry_state(meeting, 0),
            CarryState::Carried {
                id: ObjectiveId(6),
                on_request: true
            }
        );
        assert_eq!(app.status.level, Level::Success);
        assert!(
            app.status
                .text
                .starts_with("Reporté dans cette réunion : objectif n° 6"),
            "{}",
            app.status.text
        );
        let said = review::carry_said(review::carry_state(meeting, 0), true).unwrap();
        assert!(
            said.starts_with("reporté dans cette réunion (n° 6)"),
            "{said}"
        );
    }
}

/// Objective `id` as the sample's past meeting set it.
fn driver_sample_objective(id: u32) -> copilnum::model::Objective {
    let sample = copilnum::sample::sample(common::today());
    sample.meetings[0]
        .1
        .objective(ObjectiveId(id))
        .expect("set at the past meeting")
        .clone()
}

#[test]
fn the_key_again_takes_the_untouched_copy_back_and_keeps_an_edited_one() {
    let mut app = review_with(3, false);
    press(&mut app, carry_key());
    let effects = press(&mut app, carry_key());
    assert_eq!(saves(&effects), 1);
    assert!(screen(&app).meeting.objectives.is_empty());
    assert!(
        app.status
            .text
            .starts_with("Report annulé : l'objectif n° 6"),
        "{}",
        app.status.text
    );
    assert_eq!(
        review::carry_state(&screen(&app).meeting, 0),
        CarryState::Offered
    );

    // Carried again, then its due date confirmed: the key no longer takes it back.
    press(&mut app, carry_key());
    let copy = &mut screen_mut(&mut app).meeting.objectives[0];
    copy.due_to_confirm = false;
    let edited = copy.clone();
    press(&mut app, carry_key());
    assert_eq!(screen(&app).meeting.objectives, [edited]);
    assert_eq!(app.status.level, Level::Warning);
    assert!(
        app.status.text.contains("a été modifié : il reste"),
        "{}",
        app.status.text
    );
}

#[test]
fn a_closing_outcome_takes_the_carry_back_and_reporte_keeps_it() {
    // Partiellement atteint, carried by the key.
    let mut app = review_with(2, false);
    press(&mut app, carry_key());
    // Non atteint, then reporté: the same copy stays.
    press(&mut app, space());
    press(&mut app, space());
    let meeting = &screen(&app).meeting;
    assert_eq!(meeting.evaluations[0].outcome, Some(Outcome::Postponed));
    assert_eq!(meeting.objectives.len(), 1);
    assert_eq!(meeting.objectives[0].id, ObjectiveId(6));
    assert!(!app.acts(Command::Carry), "reporté carries by itself");
    // Abandonné: taken back.
    press(&mut app, space());
    let meeting = &screen(&app).meeting;
    assert_eq!(meeting.evaluations[0].outcome, Some(Outcome::Abandoned));
    assert!(meeting.objectives.is_empty());
}

#[test]
fn where_there_is_nothing_to_carry_the_key_is_not_shown_and_changes_nothing() {
    for (cycles, why) in [
        (0, "Évaluez d'abord l'objectif"),
        (1, "Un objectif atteint ne se reconduit pas"),
        (4, "Reporté : l'objectif est déjà repris"),
        (5, "Un objectif abandonné ne se reconduit pas"),
    ] {
        let mut app = review_with(cycles, false);
        assert!(!app.acts(Command::Carry), "{cycles}");
        assert!(
            !app.footer_hints()
                .iter()
                .any(|h| h.command == Command::Carry)
        );
        let before = screen(&app).meeting.clone();
        let effects = press(&mut app, carry_key());
        assert!(effects.is_empty());
        assert_eq!(screen(&app).meeting, before);
        assert!(app.status.text.starts_with(why), "{}", app.status.text);
    }
    // Off the review, the key does nothing at all.
    let mut app = review_with(3, false);
    screen_mut(&mut app).focus = Pane::Attendance;
    assert!(!app.acts(Command::Carry));
    assert!(press(&mut app, carry_key()).is_empty());
    assert!(screen(&app).meeting.objectives.is_empty());
}

#[test]
fn read_only_or_before_the_history_is_read_nothing_is_carried() {
    let mut app = review_with(0, true);
    let evaluation = &mut screen_mut(&mut app).meeting.evaluations[0];
    evaluation.outcome = Some(Outcome::NotAchieved);
    assert!(!app.acts(Command::Carry));
    assert_eq!(
        review::carry_said(review::carry_state(&screen(&app).meeting, 0), false),
        None,
        "no key named where it cannot act"
    );
    press(&mut app, carry_key());
    assert!(screen(&app).meeting.objectives.is_empty());
    assert!(
        app.status.text.starts_with("Lecture seule"),
        "{}",
        app.status.text
    );

    let mut app = review_with(3, false);
    app.history = Default::default();
    press(&mut app, carry_key());
    assert!(screen(&app).meeting.objectives.is_empty());
    assert_eq!(app.status.text, review::NOT_READY);
}

fn open_form(app: &mut App, purpose: Purpose) -> Vec<String> {
    app.open_form(purpose);
    match app.overlays.last() {
        Some(Overlay::Form(form, _)) => form.context.clone(),
        _ => panic!("no form"),
    }
}

#[test]
fn the_evaluation_and_objective_forms_show_the_history() {
    let mut app = review_with(3, false);
    press(&mut app, carry_key());
    let context = open_form(&mut app, Purpose::Evaluation(0));
    assert_eq!(context[0], "Historique :");
    assert!(context[1].trim().starts_with("fixé le "), "{context:?}");
    assert_eq!(
        context.last().map(String::as_str),
        Some("reporté dans cette réunion (n° 6)")
    );
    app.overlays.clear();

    let context = open_form(&mut app, Purpose::Objective(Some(ObjectiveId(6))));
    let lines: Vec<&str> = context.iter().map(|l| l.trim()).collect();
    assert_eq!(lines[0], "Historique :");
    assert!(lines[1].starts_with("fixé le "), "{lines:?}");
    assert!(lines[2].starts_with("évalué le ") && lines[2].ends_with(": non atteint"));
    assert!(
        lines[3].starts_with("reconduit le ") && lines[3].contains("(objectif n° 6)"),
        "{lines:?}"
    );
    app.overlays.clear();

    // A new objective has no history.
    assert!(open_form(&mut app, Purpose::Objective(None)).is_empty());
}

#[test]
fn snapshot_of_the_review_with_a_carry_offered_and_one_made() {
    // First objective non atteint and carried; second partiellement atteint, selected; the
    // saves done, as they are a moment later.
    let mut app = review_with(3, false);
    let space = KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE);
    let down = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
    for key in [carry_key(), down, space, space] {
        driver::send(&mut app, Msg::Key(key));
    }
    for (w, h) in [(80, 24), (160, 45)] {
        let terminal = driver::render(&app, w, h);
        insta::assert_snapshot!(format!("review_carry_{w}x{h}"), terminal.backend());
    }
}

/// On the wall, at the objectives step, a carried objective says where it comes from and
/// how the review judged it.
#[test]
fn the_wall_shows_where_a_carried_objective_comes_from() {
    let mut app = review_with(3, false);
    press(&mut app, carry_key());
    for _ in 0..6 {
        driver::send(
            &mut app,
            Msg::Key(KeyEvent::new(KeyCode::F(8), KeyModifiers::NONE)),
        );
    }
    driver::send(
        &mut app,
        Msg::Key(KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE)),
    );
    assert!(screen(&app).projecting);
    let shown = driver::screen_text(&app, 160, 45);
    assert!(
        shown.contains("Objectifs opérationnels, à évaluer"),
        "the objectives step:\n{shown}"
    );
    assert!(
        shown.contains("↪ reporté de la réunion précédente (non atteint)"),
        "{shown}"
    );
}
