//! The review of the previous meeting's objectives: outcomes, comments, carry-over and the history.

mod common;

use common::harness::*;

#[test]
fn space_cycles_the_outcomes_of_the_review() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.go_to_kind(StepKind::Review);
    assert_eq!(h.meeting().focus, Pane::Review);
    let mut seen = Vec::new();
    for _ in 0..6 {
        h.press(space());
        seen.push(h.meeting().meeting.evaluations[0].outcome);
    }
    assert_eq!(
        seen,
        [
            Some(Outcome::Achieved),
            Some(Outcome::PartiallyAchieved),
            Some(Outcome::NotAchieved),
            Some(Outcome::Postponed),
            Some(Outcome::Abandoned),
            None
        ]
    );
    h.press(down());
    h.press(space());
    assert_eq!(
        h.meeting().meeting.evaluations[1].outcome,
        Some(Outcome::Achieved)
    );
    assert_eq!(h.meeting().meeting.evaluations[0].outcome, None);
    // A verdict is public: saved at once, for the projection.
    assert_eq!(
        h.last_saved_meeting().evaluations[1].outcome,
        Some(Outcome::Achieved)
    );
}

#[test]
fn enter_in_the_review_edits_outcome_and_comment() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.go_to_kind(StepKind::Review);
    assert_eq!(h.meeting().focus, Pane::Review);
    h.press(down());
    h.press(down());
    h.press(enter());
    assert_eq!(h.purpose(), Some(&Purpose::Evaluation(2)));
    assert!(
        h.form()
            .title
            .contains("Mettre en service le formulaire de signalement des pannes")
    );
    assert_eq!(h.form().value("outcome"), "");
    h.choose("outcome", "postponed");
    h.fill("comment", "Reporté : le prestataire a pris du retard.");
    h.submit();
    assert!(!h.form_open());
    let e = &h.meeting().meeting.evaluations[2];
    assert_eq!(e.outcome, Some(Outcome::Postponed));
    assert_eq!(e.comment, "Reporté : le prestataire a pris du retard.");
    assert!(h.meeting().meeting.evaluations[0].outcome.is_none());
    h.press(ctrl('s'));
    assert_eq!(
        h.last_saved_meeting().evaluations[2].outcome,
        Some(Outcome::Postponed)
    );
}

#[test]
fn reporte_on_the_review_carries_the_objective_and_abandonne_takes_it_back() {
    let mut h = Harness::new();
    h.open_upcoming();
    assert_eq!(h.meeting().focus, Pane::Review);
    for _ in 0..4 {
        h.press(space());
    }
    let m = &h.meeting().meeting;
    assert_eq!(m.evaluations[0].outcome, Some(Outcome::Postponed));
    assert_eq!(m.objectives.len(), 1, "carried into this meeting");
    let copy = &m.objectives[0];
    assert_eq!(copy.carried_from, Some(ObjectiveId(1)));
    assert_eq!(copy.id, ObjectiveId(6), "a number no meeting used");
    assert!(copy.due_to_confirm);
    assert!(
        h.status()
            .contains("repris dans les objectifs de cette réunion (n° 6)")
    );
    assert_eq!(
        h.last_saved_meeting().objectives.len(),
        1,
        "saved at once, for the projection"
    );
    h.press(space());
    let m = &h.meeting().meeting;
    assert_eq!(m.evaluations[0].outcome, Some(Outcome::Abandoned));
    assert!(m.objectives.is_empty(), "the untouched copy is taken back");
    assert!(
        h.status().contains("n° 6 qui le reconduisait est retiré"),
        "{}",
        h.status()
    );
}

#[test]
fn an_outcome_waits_for_the_history_and_changes_nothing_meanwhile() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.app.history = Default::default();
    h.press(space());
    assert_eq!(h.meeting().meeting.evaluations[0].outcome, None);
    assert_eq!(h.status(), copilnum::app::review::NOT_READY);
    assert!(h.last_saves().is_empty());
    // The form keeps what was typed and says why.
    h.press(enter());
    h.fill("comment", "Faute de tablettes");
    h.choose("outcome", "postponed");
    h.submit();
    assert!(h.form_open());
    assert_eq!(
        h.error("outcome").as_deref(),
        Some(copilnum::app::review::NOT_READY)
    );
    assert_eq!(h.form().value("comment"), "Faute de tablettes");
}

#[test]
fn the_evaluation_form_carries_a_reported_objective_with_its_comment() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(down());
    h.press(enter());
    h.fill("comment", "Deux écoles sans référent");
    h.choose("outcome", "postponed");
    h.submit();
    let m = &h.meeting().meeting;
    assert_eq!(m.evaluations[1].comment, "Deux écoles sans référent");
    assert_eq!(m.objectives[0].carried_from, Some(ObjectiveId(2)));
}

#[test]
fn leaving_a_meeting_rebuilds_the_history_the_next_meeting_reads() {
    let mut h = Harness::new();
    h.open_upcoming();
    for _ in 0..4 {
        h.press(space());
    }
    h.press(fkey(9));
    assert!(h.last.contains(&Done::BuildHistory), "{:?}", h.last);
    let history = h.app.history.current.as_ref().unwrap();
    let lineage = history.lineage_before(ObjectiveId(6), MeetingId::new(day(2027, 3, 9)));
    assert_eq!(lineage.len(), 3, "{lineage:?}");
    assert!(lineage[1].contains("reporté"), "{lineage:?}");
    assert!(lineage[2].starts_with("reconduit le 01/12/2026 (objectif n° 6)"));
}
