//! End-to-end test of the committee's year on the real binary in a pseudo-terminal: the
//! sample's next meeting evaluates every objective and reports one, is closed; the meeting
//! after is created and finds the reported objective with its history; the years screen shows
//! both evaluations, and its search finds a word of the notes and opens the meeting there; an
//! objective non atteint is carried with one key and found among the objectives with its lineage.

#[path = "e2e/pty.rs"]
mod pty;
#[path = "e2e/sample.rs"]
mod sample;

use copilnum::model::{ObjectiveId, Outcome};
use pty::keys::{self, ctrl};
use sample::{Sample, read_meeting};

#[test]
fn a_reported_objective_is_found_at_the_next_meeting_with_its_history_and_by_the_search() {
    let sample = Sample::new();
    let december = sample.upcoming();
    let next_date = read_meeting(&december).date + chrono::Days::new(60);
    let mut tui = sample.open_sized(160, 45);

    // The next meeting opens on its review; the selected objective's lineage shows once every
    // meeting is read.
    tui.wait_for("à venir");
    tui.send(keys::ENTER);
    tui.wait_for("0/5 évalués");
    tui.wait_for("fixé le ");

    // The first objective is reported (Space: atteint, partiellement, non atteint, reporté),
    // the four others achieved.
    for _ in 0..4 {
        tui.send(keys::SPACE);
    }
    // (The status line says it until the save, which says « Enregistré ».)
    tui.wait_for("Jean-Baptiste Lefèvre reporté");
    for evaluated in 2..=5 {
        tui.send(keys::DOWN);
        tui.send(keys::SPACE);
        tui.wait_for(&format!("{evaluated}/5 évalués"));
    }

    // A line of notes, with a word to search for later.
    tui.send(keys::F3);
    tui.wait_gone("F3 pour écrire");
    tui.type_text("Livraison des tablettes retardée par le fournisseur Élégie.");
    tui.wait_for("fournisseur Élégie.");

    // Every step, then the meeting is closed.
    for _ in 0..8 {
        tui.send(keys::F8);
    }
    tui.wait_for("Clore la réunion ?");
    tui.send(keys::ENTER);
    tui.wait_for("réunion close");

    // The meeting after: its review holds the reported objective, with its history.
    tui.send(keys::F9);
    tui.wait_for("Réunions (2)");
    tui.send(ctrl('n'));
    tui.wait_for("Nouvelle réunion");
    tui.send(ctrl('u'));
    tui.type_text(&next_date.format("%d/%m/%Y").to_string());
    // Date, time, place, kind, dossier, secrétaire de séance: the last Entrée creates it.
    for _ in 0..6 {
        tui.send(keys::ENTER);
    }
    tui.wait_for("0/1 évalués");
    tui.wait_for("reporté");
    tui.wait_for("reconduit le");
    // Evaluated again: non atteint.
    for _ in 0..3 {
        tui.send(keys::SPACE);
    }
    tui.wait_for("1/1 évalués");
    tui.wait_for("Jean-Baptiste Lefèvre non atteint");

    // The years: filtered on « non atteint », the objective shows both evaluations.
    tui.send(keys::F9);
    tui.wait_for("Réunions (3)");
    tui.send(keys::F4);
    tui.wait_for("Les années scolaires");
    tui.send(keys::F2);
    tui.wait_for("Filtrer les objectifs");
    tui.send(keys::DOWN);
    for _ in 0..5 {
        tui.send(keys::RIGHT);
    }
    tui.wait_for("◀ non atteint ▶");
    for _ in 0..4 {
        tui.send(keys::ENTER);
    }
    tui.wait_for("statut non atteint · 1 objectif");
    tui.wait_for("Historique de l'objectif n° 6");
    tui.wait_for(": reporté");
    tui.wait_for(": non atteint");
    let screen = tui.contents();
    assert_eq!(
        screen.matches("évalué le").count(),
        2,
        "both evaluations in its history:\n{}",
        tui.dump()
    );

    // The search: without accents, it finds the notes and opens the meeting at that step.
    tui.type_text("elegie");
    tui.wait_for("1 texte trouvé");
    tui.wait_for("Élégie");
    tui.send(keys::ENTER);
    tui.wait_for("Étape 1/");
    tui.wait_for("Livraison des tablettes retardée");

    tui.send(keys::F10);
    assert!(tui.wait_exit().success(), "{}", tui.dump());

    // The files: the reported objective carried with its lineage, evaluated at each meeting.
    let december = read_meeting(&december);
    assert_eq!(december.evaluations[0].outcome, Some(Outcome::Postponed));
    let carried = &december.objectives[0];
    assert_eq!(carried.carried_from, Some(ObjectiveId(1)));
    let after = read_meeting(&sample.upcoming());
    assert_eq!(after.date, next_date);
    assert_eq!(after.evaluations.len(), 1);
    assert_eq!(after.evaluations[0].objective, carried.id);
    assert_eq!(after.evaluations[0].outcome, Some(Outcome::NotAchieved));
}

#[test]
fn an_objective_non_atteint_is_carried_with_one_key_and_shows_its_lineage() {
    let sample = Sample::new();
    let december = sample.upcoming();
    let mut tui = sample.open_sized(160, 45);

    tui.wait_for("à venir");
    tui.send(keys::ENTER);
    tui.wait_for("0/5 évalués");
    tui.wait_for("fixé le ");

    // Non atteint (Space: atteint, partiellement, non atteint): the row offers the key.
    for _ in 0..3 {
        tui.send(keys::SPACE);
    }
    tui.wait_for("Ctrl+F pour reporter dans cette réunion");
    tui.wait_for("Ctrl+F  Reporter");
    tui.send(ctrl('f'));
    tui.wait_for("reporté dans cette réunion (n° 6) · Ctrl+F pour annuler");

    // In this meeting's objectives, with its lineage under it, and in its form.
    tui.send(keys::F4);
    tui.wait_for("Objectifs opérationnels (F4) · 1");
    tui.wait_for("reconduit le");
    tui.send(keys::ENTER);
    tui.wait_for("Modifier l'objectif");
    tui.wait_for("Historique :");
    tui.wait_for(": non atteint");
    tui.wait_for("(objectif n° 6), échéance à confirmer");
    tui.esc();
    tui.wait_gone("Historique :");

    tui.send(keys::F10);
    assert!(tui.wait_exit().success(), "{}", tui.dump());

    let december = read_meeting(&december);
    assert_eq!(december.evaluations[0].outcome, Some(Outcome::NotAchieved));
    assert_eq!(december.objectives.len(), 1);
    let carried = &december.objectives[0];
    assert_eq!(carried.id, ObjectiveId(6));
    assert_eq!(carried.carried_from, Some(ObjectiveId(1)));
    assert!(carried.due_to_confirm);
}
