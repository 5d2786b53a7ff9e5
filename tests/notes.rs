//! The notes: typing, line ends, pastes, undo, private lines, and the decisions taken from them.

mod common;

use common::harness::*;

#[test]
fn text_typed_in_a_list_pane_goes_to_the_notes_and_is_never_lost() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(2));
    assert_eq!(h.meeting().focus, Pane::Attendance);
    h.type_text("abc d");
    assert_eq!(
        h.notes(),
        "abc d",
        "the first letter takes the keyboard to the notes"
    );
    assert_eq!(h.meeting().focus, Pane::Notes);
    assert!(
        h.meeting().meeting.attendance.is_empty(),
        "no status changed by the typing"
    );
    assert!(h.app.unsaved.meeting);
    h.press(ctrl('z'));
    h.press(ctrl('z'));
    h.press(ctrl('z'));
    h.press(ctrl('z'));
    h.press(ctrl('z'));

    h.press(fkey(3));
    let text = "Réunion : « œuvre » à l'été, ÇA VA ?\n中文 e\u{301} 👩‍🏫 🇫🇷 Œ";
    h.type_text(text);
    assert_eq!(h.notes(), text);
    assert!(h.app.unsaved.meeting);
    assert!(h.last.is_empty(), "typing asks for nothing: {:?}", h.last);

    // Letters that are Ctrl shortcuts, typed without Ctrl, with or without Maj, are text.
    h.type_text("\nqsdtonQSDTON ");
    for c in ['q', 's', 'd', 't', 'o', 'n'] {
        h.press(KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT));
    }
    // AltGr arrives as Ctrl+Alt on some terminals: still a character.
    h.press(KeyEvent::new(
        KeyCode::Char('€'),
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    ));
    assert_eq!(h.notes(), format!("{text}\nqsdtonQSDTON qsdton€"));
    assert!(!h.app.quit);
    assert!(h.app.overlays.is_empty());
    assert!(h.meeting().decisions().is_empty());
    assert!(h.meeting().timer_since.is_none());
    assert!(h.saves.is_empty());
}

#[test]
fn editing_keys_work_in_the_notes_and_ctrl_z_ctrl_y_undo_and_redo() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(3));
    h.type_text("abcd");
    h.press(key(KeyCode::Backspace));
    h.press(key(KeyCode::Left));
    h.press(key(KeyCode::Delete));
    assert_eq!(h.notes(), "ab");
    h.press(ctrl('z'));
    assert_eq!(h.notes(), "abc");
    h.press(ctrl('y'));
    assert_eq!(h.notes(), "ab");
}

#[test]
fn lf_cr_lf_and_cr_arriving_as_keys_each_make_one_line_break() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(3));
    h.presses(&raw_keys("un\ndeux\r\ntrois\rquatre\n\ncinq\r\n\r\nsix"));
    assert_eq!(h.notes(), "un\ndeux\ntrois\nquatre\n\ncinq\n\nsix");
    assert!(h.app.overlays.is_empty() && !h.app.quit);
}

#[test]
fn five_thousand_pasted_lines_stay_five_thousand_lines() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(3));
    let lines: Vec<String> = (1..=5000).map(|i| format!("ligne {i}")).collect();
    h.presses(&raw_keys(&lines.join("\n")));
    assert_eq!(h.notes(), lines.join("\n"));
    h.press(fkey(8));
    let saved = h.last_saved_meeting().agenda[0].notes.clone();
    assert_eq!(saved.lines().count(), 5000);
}

#[test]
fn ctrl_d_records_the_current_notes_line_as_a_decision() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(3));
    h.type_text("Discussion sur l'ENT\n- Ouvrir l'ENT à toutes les écoles d'ici juin ");
    h.press(ctrl('d'));
    assert_eq!(
        h.meeting().decisions(),
        [Decision {
            text: "Ouvrir l'ENT à toutes les écoles d'ici juin".into()
        }]
    );
    assert_eq!(h.app.status.level, Level::Success);
    assert_eq!(h.status(), "Décision enregistrée.");
    assert!(
        h.notes().ends_with("juin "),
        "the line stays in the notes: {}",
        h.notes()
    );
    // From another pane, Ctrl+D takes the notes line under the cursor too.
    h.press(key(KeyCode::Up));
    h.press(fkey(2));
    h.press(KeyEvent::new(
        KeyCode::Char('D'),
        KeyModifiers::CONTROL | KeyModifiers::SHIFT,
    ));
    assert_eq!(h.meeting().decisions().len(), 2);
    assert_eq!(h.meeting().decisions()[1].text, "Discussion sur l'ENT");
    // A decision is public: it is saved at once, for the projection to show it.
    let saved = h.last_saved_meeting();
    assert_eq!(saved.decisions().count(), 2);
}

#[test]
fn ctrl_d_twice_on_the_same_line_makes_one_decision() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(3));
    h.type_text("Ouvrir l'ENT à toutes les écoles");
    h.press(ctrl('d'));
    h.press(ctrl('d'));
    assert_eq!(h.meeting().decisions().len(), 1);
    assert_eq!(h.app.status.level, Level::Warning);
    assert_eq!(
        h.status(),
        "« Ouvrir l'ENT à toutes les écoles » est déjà une décision de cette étape."
    );
    // The same words on another line are still the same decision.
    h.type_text("\n- Ouvrir l'ENT à toutes les écoles");
    h.press(ctrl('d'));
    assert_eq!(h.meeting().decisions().len(), 1);
}

#[test]
fn ctrl_d_on_an_empty_line_warns_in_french_and_records_nothing() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(ctrl('d'));
    assert!(h.meeting().decisions().is_empty());
    assert_eq!(h.app.status.level, Level::Warning);
    assert_eq!(
        h.status(),
        "La ligne de notes sous le curseur est vide : écrivez la décision, puis Ctrl+D."
    );
    h.press(fkey(3));
    h.type_text("Une ligne\n   - ");
    h.press(ctrl('d'));
    assert!(h.meeting().decisions().is_empty(), "a bare dash is empty");
    assert_eq!(h.app.status.level, Level::Warning);
    assert!(
        !h.meeting()
            .meeting
            .agenda
            .iter()
            .any(|i| !i.decisions.is_empty())
    );
}

#[test]
fn the_decisions_pane_edits_refuses_empty_and_deletes_after_confirming() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(3));
    h.press(tab());
    assert_eq!(h.meeting().focus, Pane::Decisions);
    h.press(enter());
    h.press(suppr());
    assert!(h.app.overlays.is_empty(), "no decision yet");

    h.press(fkey(3));
    h.type_text("Première décision\nDeuxième décision");
    h.press(ctrl('d'));
    h.press(up());
    h.press(ctrl('d'));
    assert_eq!(h.meeting().decisions().len(), 2);
    h.press(tab());
    assert_eq!(h.meeting().focus, Pane::Decisions);
    h.press(up());
    h.press(up());
    assert_eq!(h.meeting().cursors.decision, 0);
    h.press(enter());
    assert_eq!(h.purpose(), Some(&Purpose::Decision(0)));
    assert_eq!(h.form().value("text"), "Deuxième décision");
    h.fill("text", "");
    h.submit();
    assert!(h.form_open());
    assert_eq!(
        h.error("text").as_deref(),
        Some("La décision ne peut pas être vide.")
    );
    assert_eq!(h.meeting().decisions()[0].text, "Deuxième décision");
    h.fill("text", "Deuxième décision, amendée");
    h.submit();
    assert!(!h.form_open());
    assert_eq!(
        h.meeting().decisions()[0].text,
        "Deuxième décision, amendée"
    );

    h.press(down());
    h.press(suppr());
    assert_eq!(h.confirmation(), Some(Confirmation::DeleteDecision(1)));
    h.press(esc());
    assert_eq!(h.meeting().decisions().len(), 2);
    h.press(suppr());
    h.press(enter());
    assert_eq!(
        h.meeting().decisions(),
        [Decision {
            text: "Deuxième décision, amendée".into()
        }]
    );
    h.press(fkey(8));
    assert_eq!(h.last_saved_meeting().agenda[0].decisions.len(), 1);
}

#[test]
fn paste_into_the_notes_keeps_every_byte_but_line_ends() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(2));
    h.paste("ignoré : le volet des présences a le clavier");
    assert_eq!(h.notes(), "");
    assert!(!h.app.unsaved.meeting);
    h.press(fkey(3));
    h.type_text("Avant : ");
    let pasted = "é à œ Œ ç\r\ne\u{301} décomposé\r中文 👩‍👩‍👧 🇫🇷\n\x1b[31mrouge\x1b[0m\ttab";
    h.paste(pasted);
    let expected = "Avant : é à œ Œ ç\ne\u{301} décomposé\n中文 👩‍👩‍👧 🇫🇷\n\x1b[31mrouge\x1b[0m\ttab";
    assert_eq!(h.notes(), expected);
    assert!(h.app.unsaved.meeting);
    h.press(fkey(8));
    assert_eq!(
        h.last_saved_meeting().agenda[0].notes.as_bytes(),
        expected.as_bytes()
    );
}

#[test]
fn ctrl_p_marks_the_notes_line_private_and_back_and_it_is_saved() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(3));
    h.type_text("Public\nBudget serré");
    h.press(ctrl('p'));
    assert_eq!(h.notes(), "Public\n[privé] Budget serré");
    assert!(h.status().starts_with("Ligne privée"), "{}", h.status());
    h.type_text(" !");
    assert_eq!(
        h.notes(),
        "Public\n[privé] Budget serré !",
        "the cursor stayed where it was"
    );
    assert!(
        h.app.save_due(h.now() + AUTOSAVE_DELAY),
        "the change is saved like typing"
    );
    let request = h.app.save_request().unwrap();
    assert_eq!(
        request.meetings[0].1.agenda[0].notes,
        "Public\n[privé] Budget serré !"
    );
    // From a list pane it acts on the notes line under the cursor too, like Ctrl+D.
    h.press(fkey(2));
    h.press(ctrl('p'));
    assert_eq!(h.notes(), "Public\nBudget serré !");
    assert_eq!(h.status(), "Ligne de nouveau publique.");
}

#[test]
fn ctrl_p_is_refused_in_read_only_mode() {
    let mut h = Harness::read_only("ouvert ailleurs");
    h.open_upcoming();
    h.press(ctrl('p'));
    assert_eq!(h.notes(), "");
    assert!(h.status().starts_with("Lecture seule"), "{}", h.status());
}

#[test]
fn a_decision_taken_from_a_private_line_is_recorded_without_the_mark() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(3));
    h.type_text("Ouvrir l'ENT partout");
    h.press(ctrl('p'));
    h.press(ctrl('d'));
    assert_eq!(h.meeting().decisions()[0].text, "Ouvrir l'ENT partout");
}
