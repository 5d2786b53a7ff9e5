//! Every hint on screen works: for each place the keyboard can be (home, roster, each step
//! and pane of a meeting, the projection, the help, a form, a confirmation, the comparison of a
//! copy, the first run, read-only), each key the footer shows is pressed, and it must change
//! something there — what the screen shows (the status line aside), an effect asked of the
//! runtime, or quitting.

mod common;

use common::driver;

use std::time::Instant;

use copilnum::app::keymap::{BINDINGS, Command};
use copilnum::app::meeting::Pane;
use copilnum::app::{App, Msg, Screen};
use copilnum::catalog::Catalog;
use copilnum::sample;
use crossterm::event::KeyEvent;

fn press(app: &mut App, command: Command) -> usize {
    let context = app.context();
    let binding = BINDINGS
        .iter()
        .find(|b| context.scopes().contains(&b.scope) && b.command == command)
        .unwrap_or_else(|| panic!("no key for {command:?} in {context:?}"));
    app.update(Msg::Key(KeyEvent::new(binding.code, binding.modifiers)))
        .len()
}

/// What the screen shows, but the status line.
fn screen(app: &App) -> Vec<String> {
    let text = driver::render(app, 80, 24).backend().to_string();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.len() >= 2 {
        let status = lines.len() - 2;
        lines.remove(status);
    }
    lines
}

/// Each key the footer shows in the state `make` builds changes something there.
fn every_hint_acts(place: &str, make: &dyn Fn() -> App) -> usize {
    let hints = make().footer_hints();
    assert!(!hints.is_empty(), "{place}: an empty footer");
    for hint in &hints {
        let mut app = make();
        let before = screen(&app);
        let effects = press(&mut app, hint.command);
        let changed = effects > 0 || app.quit || screen(&app) != before;
        assert!(
            changed,
            "{place}: « {} {} » is shown in the footer but does nothing",
            hint.key, hint.label
        );
    }
    hints.len()
}

fn meeting_at(step: usize, pane: Option<Pane>, read_only: bool) -> App {
    let mut a = driver::app(read_only);
    driver::open(&mut a, 1);
    if let Screen::Meeting(screen) = &mut a.screen {
        screen.go_to_step(step, Instant::now());
        if let Some(pane) = pane {
            screen.focus = pane;
        }
    }
    a
}

#[test]
fn every_key_the_footer_shows_does_something() {
    let mut checked = 0;
    checked += every_hint_acts("accueil", &|| driver::app(false));
    checked += every_hint_acts("accueil en lecture seule", &|| driver::app(true));
    checked += every_hint_acts("membres", &|| {
        let mut a = driver::app(false);
        press(&mut a, Command::Roster);
        a
    });
    let steps = sample::sample(common::today()).meetings[1].1.steps().len();
    for step in 0..steps {
        for pane in [
            None,
            Some(Pane::Notes),
            Some(Pane::Decisions),
            Some(Pane::Attendance),
            Some(Pane::Objectives),
            Some(Pane::Review),
            Some(Pane::Axis),
            Some(Pane::NextMeeting),
        ] {
            for read_only in [false, true] {
                let place =
                    format!("réunion, étape {step}, volet {pane:?}, lecture seule {read_only}");
                checked += every_hint_acts(&place, &|| meeting_at(step, pane, read_only));
            }
        }
    }
    // At the review: an objective partiellement or non atteint offers the carry key, and a
    // carried one takes it back with it.
    for (place, cycles, carried) in [
        ("bilan, objectif non atteint", 3, false),
        ("bilan, objectif partiellement atteint et reporté", 2, true),
    ] {
        checked += every_hint_acts(place, &|| {
            let mut a = meeting_at(0, Some(Pane::Review), false);
            for _ in 0..cycles {
                press(&mut a, Command::Cycle);
            }
            if carried {
                press(&mut a, Command::Carry);
            }
            assert!(a.acts(Command::Carry), "{place}");
            a
        });
    }
    checked += every_hint_acts("réunion tenue", &|| {
        let mut a = driver::app(false);
        driver::open(&mut a, 0);
        a
    });
    checked += every_hint_acts("projection", &|| {
        let mut a = meeting_at(1, None, false);
        press(&mut a, Command::Projection);
        a
    });
    checked += every_hint_acts("aide", &|| {
        let mut a = meeting_at(0, None, false);
        press(&mut a, Command::Help);
        a
    });
    checked += every_hint_acts("formulaire d'objectif", &|| {
        let mut a = meeting_at(0, None, false);
        press(&mut a, Command::NewObjective);
        a
    });
    checked += every_hint_acts("confirmation", &|| {
        let mut a = meeting_at(0, Some(Pane::Decisions), false);
        if let Screen::Meeting(screen) = &mut a.screen {
            screen.meeting.agenda[0]
                .decisions
                .push(copilnum::model::Decision {
                    text: "Une décision".into(),
                });
        }
        press(&mut a, Command::Delete);
        a
    });
    checked += every_hint_acts("comparaison", &|| {
        let mut a = driver::app(false);
        let copy = |n: usize| {
            copilnum::app::reconcile::compare(
                "reunions/x.ron".into(),
                "a\nb\n",
                format!("conflits/x.conflit-{n}.ron"),
                "a\nB\n",
            )
        };
        a.update(Msg::Compared(Ok(vec![copy(2), copy(1)])));
        a
    });
    checked += every_hint_acts("les années", &|| {
        let mut a = driver::app(false);
        press(&mut a, Command::Years);
        a
    });
    // Both open the next meeting (the runtime reads it), with their overlay on it.
    checked += every_hint_acts("ordre du jour à préparer", &|| {
        let mut a = driver::app(false);
        press(&mut a, Command::Prepare);
        driver::open(&mut a, 1);
        assert_eq!(a.context(), copilnum::app::keymap::Context::Agenda);
        a
    });
    checked += every_hint_acts("invitations", &|| {
        let mut a = driver::app(false);
        press(&mut a, Command::Invite);
        driver::open(&mut a, 1);
        assert_eq!(a.context(), copilnum::app::keymap::Context::Invitations);
        a
    });
    checked += every_hint_acts("premier lancement", &|| {
        App::onboarding(Catalog::builtin(), "nouveau".into(), driver::clock())
    });
    assert!(checked > 100, "only {checked} keys checked");
}

#[test]
fn keys_that_would_do_nothing_are_not_shown() {
    let shown = |a: &App| -> Vec<String> {
        a.footer_hints()
            .into_iter()
            .map(|h| format!("{} {}", h.key, h.label))
            .collect()
    };
    // On the roster, Espace changes no status; in the attendance, Suppr deletes nothing.
    let mut roster = driver::app(false);
    press(&mut roster, Command::Roster);
    assert!(
        !shown(&roster).iter().any(|h| h.starts_with("Espace")),
        "{:?}",
        shown(&roster)
    );
    let attendance = meeting_at(1, Some(Pane::Attendance), false);
    assert!(
        !shown(&attendance).iter().any(|h| h.starts_with("Suppr")),
        "{:?}",
        shown(&attendance)
    );
    assert!(shown(&attendance).iter().any(|h| h.starts_with("Espace")));
    // Under the help, the lists' keys act on no list.
    let mut help = meeting_at(1, Some(Pane::Attendance), false);
    press(&mut help, Command::Help);
    for key in ["Entrée", "Espace", "Suppr"] {
        assert!(
            !shown(&help).iter().any(|h| h.starts_with(key)),
            "{:?}",
            shown(&help)
        );
    }
    // At the first step, there is no step before.
    let first = meeting_at(0, None, false);
    assert!(!shown(&first).iter().any(|h| h.starts_with("F7")));
    // Read-only: nothing that would change the meeting.
    let read_only = meeting_at(0, Some(Pane::Notes), true);
    for key in ["Ctrl+D", "Ctrl+O", "Ctrl+T", "Ctrl+P"] {
        assert!(
            !shown(&read_only).iter().any(|h| h.starts_with(key)),
            "{:?}",
            shown(&read_only)
        );
    }
}
