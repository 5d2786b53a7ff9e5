//! The agenda editor: points added, moved, nested, removed; subjects and the template.

mod common;

use common::harness::*;

#[test]
fn the_agenda_editor_adds_moves_nests_and_removes_points() {
    let mut h = agenda_editor();
    h.press(ctrl('n'));
    h.fill("title", "Robots en classe");
    h.fill("minutes", "quinze");
    h.submit();
    assert_eq!(
        h.error("minutes").as_deref(),
        Some("« quinze » n'est pas une durée en minutes (un nombre de 0 à 600).")
    );
    h.fill("minutes", "15");
    h.choose("presenter", "Lucie N'Diaye");
    h.submit();
    assert!(!h.form_open());
    assert_eq!(titles(&h)[1], "Robots en classe");
    let point = &h.meeting().meeting.agenda[1];
    assert_eq!(
        (point.planned_minutes, point.presenter.as_deref()),
        (15, Some("Lucie N'Diaye"))
    );
    assert_eq!(h.meeting().steps.len(), 9, "one more step");
    h.press(KeyEvent::new(KeyCode::Down, KeyModifiers::CONTROL));
    assert_eq!(titles(&h)[2], "Robots en classe");
    h.press(tab());
    assert_eq!(
        titles(&h)[..3],
        [
            "Bilan des objectifs de la réunion précédente",
            "Tour de table des nouveaux participants",
            "  Robots en classe"
        ]
    );
    h.press(suppr());
    assert_eq!(
        h.confirmation(),
        Some(Confirmation::DeleteAgendaPoint((1, Some(0))))
    );
    h.press(enter());
    assert!(!titles(&h).iter().any(|t| t.contains("Robots")));
    assert_eq!(h.meeting().steps.len(), 8);
    h.advance(AUTOSAVE_DELAY);
    assert!(
        h.app.save_due(h.now()),
        "each change is saved with the meeting"
    );
    let saved = h.app.save_request().expect("saved");
    assert_eq!(saved.meetings[0].1.agenda.len(), 6);
}

#[test]
fn a_point_with_notes_is_not_deleted() {
    let mut h = Harness::new();
    h.press(down());
    h.press(fkey(2));
    assert_eq!(h.meeting().id, past_id());
    let before = titles(&h);
    h.press(suppr());
    h.press(enter());
    assert_eq!(titles(&h), before);
    assert!(
        h.status()
            .contains("contient des notes, des décisions ou du temps passé"),
        "{}",
        h.status()
    );
}

#[test]
fn subjects_are_picked_for_a_point_and_the_agenda_saved_as_the_template() {
    let mut h = agenda_editor();
    for _ in 0..4 {
        h.press(down());
    }
    h.press(fkey(3));
    assert_eq!(h.app.context(), Context::Subjects);
    h.press(down());
    h.press(down());
    h.press(space());
    h.press(esc());
    assert_eq!(
        h.meeting().meeting.agenda[3].items[0].subjects,
        ["formation-enseignants", "services-numeriques-ent"]
    );
    h.press(fkey(5));
    let Some(Done::SaveTemplate(which, template)) = h.last.first().cloned() else {
        panic!("{:?}", h.last);
    };
    assert_eq!(which, Template::FollowUp);
    assert_eq!(template.items, h.meeting().meeting.agenda);
    h.send(Msg::TemplateSaved(Ok((
        which,
        *template.clone(),
        PathBuf::from("modeles/reunion-de-suivi.ron"),
    ))));
    assert_eq!(h.app.session.catalog.follow_up_agenda, *template);
    assert!(
        h.status()
            .starts_with("Modèle du comité enregistré dans modeles/reunion-de-suivi.ron")
    );
}
