//! A read-only session: nothing changes, and the status line says why.

mod common;

use common::harness::*;

#[test]
fn a_read_only_session_changes_nothing_and_says_why() {
    let mut h = Harness::read_only("ouvert sur le poste de la secrétaire");
    assert_eq!(h.app.status.level, Level::Warning);
    assert!(h.status().starts_with("Lecture seule"));
    h.press(ctrl('n'));
    assert!(h.app.overlays.is_empty(), "no new meeting");
    h.open_upcoming();
    assert!(h.status().starts_with("Lecture seule"), "{}", h.status());

    let before = h.meeting().meeting.clone();
    h.press(fkey(2));
    h.press(space());
    assert!(h.status().contains("Lecture seule"), "{}", h.status());
    h.press(enter());
    assert!(h.app.overlays.is_empty(), "no attendee form");
    h.press(fkey(3));
    h.app.status.text.clear();
    h.type_text("ne doit pas s'écrire");
    assert!(h.status().starts_with("Lecture seule"), "{}", h.status());
    h.paste("collé");
    h.press(ctrl('d'));
    h.press(ctrl('t'));
    h.press(ctrl('o'));
    assert!(h.app.overlays.is_empty());
    assert!(h.status().starts_with("Lecture seule"), "{}", h.status());
    h.go_to_kind(StepKind::Review);
    h.focus_pane(Pane::Review);
    h.press(space());
    h.press(enter());
    assert!(h.app.overlays.is_empty(), "no evaluation form");
    h.go_to_step(0);
    h.press(fkey(4));
    h.press(suppr());
    assert!(h.app.overlays.is_empty());
    h.press(ctrl('s'));

    assert_eq!(h.notes(), "");
    assert!(h.meeting().timer_since.is_none());
    let mut after = h.meeting().meeting.clone();
    after.current_step = before.current_step;
    assert_eq!(after, before, "nothing of the meeting changed");
    assert!(h.saves.is_empty(), "nothing is ever written");
    assert_eq!(h.app.save_due_at(), None, "no autosave to wake for");

    h.press(fkey(6));
    h.press(ctrl('n'));
    h.press(suppr());
    assert!(h.app.overlays.is_empty());
    assert!(h.status().starts_with("Lecture seule"));
    h.press(fkey(10));
    assert!(h.app.quit);
    assert!(h.saves.is_empty());
}
