//! The roster: members added, edited and archived.

mod common;

use common::harness::*;

#[test]
fn the_member_form_refuses_empty_name_free_role_without_text_and_bad_email() {
    let mut h = Harness::new();
    h.press(fkey(6));
    h.press(ctrl('n'));
    assert_eq!(h.purpose(), Some(&Purpose::Member(None)));
    assert_eq!(h.form().title, "Nouveau membre");
    h.focus_field("role");
    h.type_text("préciser");
    assert_eq!(h.form().value("role"), "(libre)");
    h.fill("email", "zoe.exemple.fr");
    h.submit();
    assert!(h.form_open());
    assert_eq!(
        h.errors(),
        [
            ("name", "Le nom ne peut pas être vide.".to_string()),
            ("free", "Le rôle libre ne peut pas être vide.".to_string()),
            (
                "email",
                "Adresse e-mail « zoe.exemple.fr » invalide (attendu : prenom.nom@exemple.fr)"
                    .to_string()
            ),
        ]
    );
    assert_eq!(h.form().focus, h.field_index("name"));
    for bad in [
        "zoé@exemple",
        "@exemple.fr",
        "a b@exemple.fr",
        "a@@exemple.fr",
    ] {
        h.fill("email", bad);
        h.submit();
        assert!(h.error("email").is_some(), "{bad}");
    }
    assert_eq!(h.app.session.committee.members.len(), 20);
    assert!(h.saves.is_empty());
    assert!(!h.app.unsaved.committee);
}

#[test]
fn a_valid_member_is_added_and_the_committee_saved() {
    let mut h = Harness::new();
    h.press(fkey(6));
    h.press(ctrl('n'));
    h.fill("name", "Zoé Lefèvre-Œuvray");
    h.focus_field("role");
    h.type_text("préciser");
    h.fill("free", "Conseillère numérique France Services");
    h.fill("function", "France Services, Sciez");
    h.fill("email", "zoe.lefevre@exemple.fr");
    h.submit();
    assert!(!h.form_open(), "{:?}", h.errors());
    let members = &h.app.session.committee.members;
    assert_eq!(members.len(), 21);
    let added = members.last().unwrap();
    assert_eq!(added.id, MemberId(21));
    assert_eq!(added.name, "Zoé Lefèvre-Œuvray");
    assert_eq!(
        added.role,
        Role::Free("Conseillère numérique France Services".into())
    );
    assert_eq!(added.function, "France Services, Sciez");
    assert_eq!(added.email.as_deref(), Some("zoe.lefevre@exemple.fr"));
    assert!(!added.archived);
    let saves = h.last_saves();
    assert_eq!(saves.len(), 1);
    assert_eq!(saves[0].committee.as_ref(), Some(&h.app.session.committee));
    assert!(saves[0].meetings.is_empty());

    // A catalogue role, no e-mail.
    h.press(ctrl('n'));
    h.fill("name", "Paul Vuagnat");
    h.focus_field("role");
    h.type_text("dden");
    h.submit();
    assert!(!h.form_open(), "{:?}", h.errors());
    let added = h.app.session.committee.members.last().unwrap();
    assert_eq!(added.id, MemberId(22));
    assert_eq!(added.role, Role::Catalog("dden".into()));
    assert_eq!(added.email, None);
}

#[test]
fn enter_on_the_roster_edits_the_member() {
    let mut h = Harness::new();
    h.press(fkey(6));
    h.press(down());
    assert_eq!(h.roster_selected(), 1);
    h.press(enter());
    assert_eq!(h.purpose(), Some(&Purpose::Member(Some(MemberId(2)))));
    assert_eq!(h.form().title, "Modifier le membre");
    assert_eq!(h.form().value("name"), "Jean-Baptiste Lefèvre");
    assert_eq!(h.form().value("role"), "erun");
    h.fill("function", "ERUN de Thonon et d'Évian");
    h.submit();
    let m = h.app.session.committee.member(MemberId(2)).unwrap();
    assert_eq!(m.function, "ERUN de Thonon et d'Évian");
    assert_eq!(m.name, "Jean-Baptiste Lefèvre");
    assert_eq!(h.app.session.committee.members.len(), 20);
    assert_eq!(
        h.last_saves()[0].committee.as_ref(),
        Some(&h.app.session.committee)
    );
}

#[test]
fn suppr_on_the_roster_archives_after_confirming() {
    let mut h = Harness::new();
    h.press(fkey(6));
    h.press(key(KeyCode::PageDown));
    assert_eq!(h.roster_selected(), 10);
    h.press(key(KeyCode::PageDown));
    assert_eq!(h.roster_selected(), 19);
    h.press(key(KeyCode::PageUp));
    h.press(up());
    assert_eq!(h.roster_selected(), 8);
    let id = MemberId(9);
    h.press(suppr());
    assert_eq!(h.confirmation(), Some(Confirmation::DeleteMember(id)));
    assert!(
        copilnum::app::dialogs::question(&h.app, Confirmation::DeleteMember(id))
            .starts_with("Retirer Lucie N'Diaye du comité ?")
    );
    h.press(esc());
    assert!(h.app.overlays.is_empty());
    assert!(!h.app.session.committee.member(id).unwrap().archived);
    assert!(h.saves.is_empty());

    h.press(suppr());
    h.press(enter());
    let committee = &h.app.session.committee;
    assert_eq!(committee.members.len(), 20, "kept for past minutes");
    assert!(committee.member(id).unwrap().archived);
    assert!(roster::shown(committee).iter().all(|m| m.id != id));
    assert_eq!(roster::shown(committee).len(), 19);
    assert_eq!(h.status(), "Lucie N'Diaye a été retiré du comité.");
    let saves = h.last_saves();
    assert_eq!(saves.len(), 1);
    assert!(
        saves[0]
            .committee
            .as_ref()
            .unwrap()
            .member(id)
            .unwrap()
            .archived
    );

    // Gone from new attendance lists too.
    h.press(fkey(9));
    h.open_upcoming();
    let attendees: Vec<MemberId> = h
        .meeting()
        .attendees(&h.app.session.committee)
        .iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(attendees.len(), 19);
    assert!(!attendees.contains(&id));
}
