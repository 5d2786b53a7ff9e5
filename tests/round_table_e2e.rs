//! End-to-end: a tour de table in the real binary, in a pseudo-terminal, typed without leaving
//! the notes — Ctrl+↓ passes the floor, an excused member is skipped, a latecomer added with
//! Ctrl+N speaks last — and what each said is on screen and in the saved file, against their
//! name.

mod common;
#[path = "e2e/pty.rs"]
mod pty;
#[path = "e2e/sample.rs"]
mod sample;

use copilnum::model::Presence;
use pty::keys::{self, ctrl};
use sample::{Sample, read_meeting, step_item};

/// Ctrl+↓ and Ctrl+↑ as xterm sends them.
const CTRL_DOWN: &str = "\x1b[1;5B";
const CTRL_UP: &str = "\x1b[1;5A";

#[test]
fn a_tour_de_table_with_an_excused_member_and_a_latecomer_typed_from_the_notes() {
    let sample = Sample::new();
    let path = sample.upcoming();
    let members = sample.active_members();
    let (first, excused, third) = (&members[0], &members[1], &members[2]);
    let mut tui = sample.open_sized(120, 40);
    tui.wait_for("à venir");
    tui.send(keys::ENTER);
    tui.wait_for("Étape 1/");
    // The tour de table opens on the attendance: the first present, the second excused, the
    // third present.
    tui.send(keys::F8);
    tui.wait_for("Étape 2/");
    tui.wait_for("Personne n'a encore la parole");
    tui.send(keys::SPACE);
    tui.send(keys::DOWN);
    tui.send(keys::SPACE);
    tui.send(keys::SPACE);
    tui.send(keys::DOWN);
    tui.send(keys::SPACE);
    tui.wait_for("2 présents · 1 excusé");
    tui.wait_for("hors tour");

    // From here on, the secretary stays in the notes.
    tui.send(keys::F3);
    tui.wait_for("Notes (F3)");
    tui.send(CTRL_DOWN);
    tui.wait_for(&format!("Au tour de : {}", first.name));
    tui.type_text("Je pilote le comité.");
    tui.send(CTRL_DOWN);
    // The excused member is skipped.
    tui.wait_for(&format!("Au tour de : {}", third.name));
    tui.type_text("J'accompagne les écoles.");

    // A latecomer, without leaving the meeting.
    tui.send(ctrl('n'));
    tui.wait_for("Nom");
    tui.type_text("Paul Durand");
    for _ in 0..8 {
        tui.send(keys::ENTER);
        if tui.wait_until(std::time::Duration::from_millis(400), |t| {
            t.contents().contains("Paul Durand arrive à")
        }) {
            break;
        }
    }
    tui.wait_for("Paul Durand arrive à");
    tui.wait_for("Ensuite : Paul Durand");
    tui.send(CTRL_DOWN);
    tui.wait_for("Au tour de : Paul Durand");
    tui.wait_for("arrivé(e) à");
    tui.type_text("Je représente les parents.");
    tui.wait_for("Dernière personne du tour de table");
    // Back one and forth again: the floor goes back to the third, never to the excused.
    tui.send(CTRL_UP);
    tui.wait_for(&format!("Au tour de : {}", third.name));
    tui.send(CTRL_DOWN);
    tui.wait_for("Au tour de : Paul Durand");
    let screen = tui.contents();
    assert!(
        screen.contains(&format!("{} : Je pilote le comité.", first.name)),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("{} : J'accompagne les écoles.", third.name)),
        "{screen}"
    );
    assert!(
        screen.contains("Paul Durand : Je représente les parents."),
        "{screen}"
    );
    assert!(
        !screen.contains(&format!("{} :", excused.name)),
        "the excused member never had the floor:\n{screen}"
    );

    tui.send(keys::F10);
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}\n{}", tui.log_tail());

    // The saved file: statements against names, the excused one out, the latecomer's arrival.
    let meeting = read_meeting(&path);
    let committee = sample.committee();
    let late = committee
        .members
        .iter()
        .find(|m| m.name == "Paul Durand")
        .expect("the latecomer is in the committee");
    let entry = |id| {
        meeting
            .attendance
            .iter()
            .find(|a| a.member == id)
            .unwrap_or_else(|| panic!("no attendance for {id:?}"))
    };
    assert_eq!(entry(first.id).statement, "Je pilote le comité.");
    assert_eq!(entry(third.id).statement, "J'accompagne les écoles.");
    assert_eq!(entry(late.id).statement, "Je représente les parents.");
    assert_eq!(entry(late.id).presence, Presence::Present);
    assert!(entry(late.id).arrived_at.is_some());
    assert_eq!(entry(excused.id).presence, Presence::Excused);
    assert_eq!(entry(excused.id).statement, "");
    assert_eq!(
        meeting.speaking_order(&committee).last(),
        Some(&late.id),
        "the latecomer speaks last"
    );
    let notes = &step_item(&meeting, 1).notes;
    assert!(
        notes.contains(&format!("{} : Je pilote le comité.", first.name)),
        "{notes}"
    );
    assert!(notes.contains("Paul Durand : Je représente les parents."));
    let _ = common::today();
}
