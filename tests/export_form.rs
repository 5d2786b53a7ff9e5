//! Exports from the screens (Ctrl+E): the form, what it refuses, and what the status line says.

mod common;

use common::harness::*;

#[test]
fn ctrl_e_on_home_exports_the_selected_meeting_as_html_into_exports() {
    let mut h = Harness::new();
    h.press(ctrl('e'));
    assert_eq!(h.purpose(), Some(&Purpose::Export(upcoming_id())));
    assert_eq!(h.form().value("document"), "html");
    assert_eq!(h.form().value("version"), "full");
    assert_eq!(h.form().value("folder"), "exports");
    let hint = h.form().fields[h.field_index("folder")]
        .hint
        .clone()
        .unwrap();
    assert!(
        hint.contains("exports/2026-12-01-compte-rendu.html"),
        "{hint}"
    );
    h.submit();
    assert!(!h.form_open());
    let request = h.last_export().expect("an export");
    assert_eq!(request.meeting, upcoming_id());
    assert_eq!(request.documents, [Wanted::Meeting(Format::Html)]);
    assert!(!request.public);
    assert_eq!(request.folder, PathBuf::from("exports"));
    assert_eq!(request.open, None, "no meeting open: the files are read");
    assert_eq!(h.status(), "Export en cours…");
}

#[test]
fn ctrl_e_in_a_meeting_exports_what_was_just_typed() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(3));
    h.type_text("Note tapée à l'instant");
    h.press(ctrl('e'));
    h.choose("document", "all");
    h.choose("version", "public");
    h.fill("folder", "envois/janvier");
    h.submit();
    let request = h.last_export().expect("an export");
    let (id, meeting) = request
        .open
        .as_ref()
        .expect("the open meeting goes with the request");
    assert_eq!(*id, upcoming_id());
    assert_eq!(meeting.agenda[0].notes, "Note tapée à l'instant");
    assert!(request.public);
    assert_eq!(
        request.documents,
        [Format::Html, Format::Markdown, Format::Ics, Format::Csv].map(Wanted::Meeting),
        "no distribution list in a public export"
    );
    assert_eq!(request.folder, PathBuf::from("envois/janvier"));
    assert_eq!(h.screen_name(), "meeting", "the meeting stays open");
}

#[test]
fn a_public_distribution_list_is_refused_on_the_form() {
    let mut h = Harness::new();
    h.press(ctrl('e'));
    h.choose("document", "emails");
    h.choose("version", "public");
    h.submit();
    assert!(h.form_open());
    assert!(h.last_export().is_none());
    assert!(
        h.error("version")
            .unwrap()
            .contains("pas de version publique"),
        "{:?}",
        h.errors()
    );
    h.choose("version", "full");
    h.submit();
    assert_eq!(
        h.last_export().unwrap().documents,
        [Wanted::Meeting(Format::Emails)]
    );
}

#[test]
fn exporting_is_allowed_in_read_only_mode() {
    let mut h = Harness::read_only("ouvert ailleurs");
    h.press(ctrl('e'));
    h.choose("document", "year");
    h.submit();
    assert_eq!(h.last_export().unwrap().documents, [Wanted::Year]);
}

#[test]
fn the_status_line_names_the_files_written_and_what_was_not_made() {
    let mut h = Harness::new();
    h.send(Msg::Exported(Ok(Exported {
        written: vec!["exports/2026-12-01-compte-rendu.html".into()],
        refused: vec![],
    })));
    assert_eq!(h.status(), "Écrit : exports/2026-12-01-compte-rendu.html.");
    h.send(Msg::Exported(Ok(Exported {
        written: vec![
            "exports/2026-12-01-compte-rendu.html".into(),
            "exports/2026-12-01-compte-rendu.md".into(),
            "exports/2026-12-01-invitation.ics".into(),
        ],
        refused: vec![],
    })));
    assert_eq!(
        h.status(),
        "Écrit dans exports/ : 2026-12-01-compte-rendu.html, compte-rendu.md, invitation.ics."
    );
    assert_eq!(h.app.status.level, Level::Success);
    h.send(Msg::Exported(Ok(Exported {
        written: vec!["exports/a.html".into()],
        refused: vec!["pas de prochaine réunion".into()],
    })));
    assert_eq!(
        h.status(),
        "Écrit : exports/a.html. Non fait : pas de prochaine réunion."
    );
    assert_eq!(h.app.status.level, Level::Warning);
    h.send(Msg::Exported(Err("dossier en lecture seule".into())));
    assert_eq!(h.status(), "Export impossible : dossier en lecture seule");
    assert_eq!(h.app.status.level, Level::Error);
}
