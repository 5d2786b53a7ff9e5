//! The onboarding: the first committee, created only once the form is right.

mod common;

use common::harness::*;

#[test]
fn onboarding_refuses_empty_fields() {
    let mut h = Harness::onboarding();
    assert_eq!(h.screen_name(), "onboarding");
    assert_eq!(h.app.context(), Context::Form);
    assert_eq!(h.status(), "Premier lancement : créons le comité.");
    assert_eq!(h.form().value("scale"), "circonscription");
    h.submit();
    assert_eq!(
        h.errors(),
        [
            (
                "name",
                "Le nom du comité ne peut pas être vide.".to_string()
            ),
            (
                "territory",
                "Le territoire ne peut pas être vide.".to_string()
            ),
            ("pilot", "Le pilote ne peut pas être vide.".to_string()),
        ]
    );
    h.fill("name", "   ");
    h.fill("territory", "Sciez");
    h.submit();
    assert!(h.error("name").is_some());
    assert!(h.error("territory").is_none());
    assert_eq!(h.screen_name(), "onboarding");
    assert!(h.saves.is_empty());
    assert_eq!(h.app.session.committee.name, "");
}

#[test]
fn onboarding_creates_the_committee_and_saves_it() {
    let mut h = Harness::onboarding();
    h.fill("name", "COPIL-Num du Chablais");
    h.choose("scale", "communaute-de-communes");
    h.fill("territory", "Communauté de communes du Haut-Chablais");
    h.fill("pilot", "Hélène Marchand, IEN");
    h.submit();
    assert_eq!(h.screen_name(), "home");
    let c = &h.app.session.committee;
    assert_eq!(c.name, "COPIL-Num du Chablais");
    assert_eq!(c.scale, "communaute-de-communes");
    assert_eq!(c.territory, "Communauté de communes du Haut-Chablais");
    assert_eq!(c.pilot, "Hélène Marchand, IEN");
    assert!(c.members.is_empty());
    assert_eq!(h.app.status.level, Level::Success);
    assert_eq!(
        h.last,
        [Done::CreateCommittee(Box::new(
            h.app.session.committee.clone()
        ))],
        "created as a whole, not saved into a folder made beforehand"
    );
    assert_eq!(h.disk_committee, h.app.session.committee);
    assert!(h.saves.is_empty());

    // The first meeting then gets the seed's first-meeting agenda.
    h.ack();
    h.press(ctrl('n'));
    h.fill("date", "12/01/2027");
    h.submit();
    let catalog = Catalog::builtin();
    let titles: Vec<&str> = h
        .meeting()
        .meeting
        .agenda
        .iter()
        .map(|i| i.title.as_str())
        .collect();
    let first: Vec<&str> = catalog
        .first_agenda
        .items
        .iter()
        .map(|i| i.title.as_str())
        .collect();
    assert_eq!(titles, first);
}

#[test]
fn a_committee_that_cannot_be_created_keeps_the_form_as_typed_with_the_reason() {
    let mut h = Harness::onboarding();
    h.refuse_creation =
        Some("/srv/copil : vous n'avez pas le droit d'écrire dans ce dossier".into());
    h.fill("name", "COPIL-Num du Chablais");
    h.fill("territory", "Haut-Chablais");
    h.fill("pilot", "Hélène Marchand, IEN");
    h.submit();
    assert_eq!(h.screen_name(), "onboarding");
    assert_eq!(h.form().value("name"), "COPIL-Num du Chablais");
    assert_eq!(h.form().value("pilot"), "Hélène Marchand, IEN");
    assert_eq!(
        h.form().error.as_deref(),
        Some(
            "/srv/copil : vous n'avez pas le droit d'écrire dans ce dossier. Entrée pour réessayer, Échap pour partir sans rien laisser."
        )
    );
    assert_eq!(h.app.status.level, Level::Error);
    assert_eq!(h.app.session.committee.name, "");
    // Nothing to save until it exists, even when quitting.
    assert_eq!(h.app.save_request(), None);
    h.refuse_creation = None;
    h.submit();
    assert_eq!(h.screen_name(), "home");
    assert_eq!(h.disk_committee.name, "COPIL-Num du Chablais");
}

#[test]
fn esc_on_onboarding_asks_before_dropping_what_was_typed() {
    let mut h = Harness::onboarding();
    h.paste("COPIL\r\nNum");
    assert_eq!(h.form().value("name"), "COPIL Num");
    h.press(esc());
    assert!(!h.app.quit, "one key does not drop what was typed");
    assert!(matches!(
        h.app.overlays.last(),
        Some(Overlay::Confirm(Confirmation::LeaveOnboarding))
    ));
    // Escape again: back to the form, as it was.
    h.press(esc());
    assert!(h.app.overlays.is_empty());
    assert_eq!(h.form().value("name"), "COPIL Num");
    h.press(esc());
    h.press(enter());
    assert!(h.app.quit);
    assert!(h.saves.is_empty());
    // Nothing typed: nothing to ask.
    let mut h = Harness::onboarding();
    h.press(esc());
    assert!(h.app.quit);
}
