//! The attendance and the tour de table: statuses, the speaker, latecomers, statements.

mod common;

use common::harness::*;

#[test]
fn ctrl_n_in_a_meeting_adds_a_latecomer_without_leaving_it() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(ctrl('t'));
    h.press(ctrl('n'));
    assert_eq!(h.purpose(), Some(&Purpose::Member(None)));
    h.fill("name", "Rémi Retardataire");
    h.submit();
    assert_eq!(h.screen_name(), "meeting");
    assert!(
        h.meeting().timer_since.is_some(),
        "the step timer still runs"
    );
    let people: Vec<String> = h
        .meeting()
        .attendees(&h.app.session.committee)
        .iter()
        .map(|m| m.name.clone())
        .collect();
    assert!(people.contains(&"Rémi Retardataire".to_string()));
    assert!(h.last_saves().iter().any(|s| {
        s.committee
            .as_ref()
            .is_some_and(|c| c.members.iter().any(|m| m.name == "Rémi Retardataire"))
    }));
}

#[test]
fn space_cycles_present_excused_absent_present() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(2));
    let first = h.app.session.committee.members[0].id;
    let mut seen = Vec::new();
    for _ in 0..4 {
        h.press(space());
        seen.push(h.meeting().meeting.presence_of(first).cloned());
    }
    assert_eq!(
        seen,
        [
            Some(Presence::Present),
            Some(Presence::Excused),
            Some(Presence::Absent),
            Some(Presence::Present)
        ]
    );
    assert!(h.app.unsaved.meeting);
    h.press(down());
    h.press(down());
    h.press(space());
    let third = h.app.session.committee.members[2].id;
    assert_eq!(
        h.meeting().meeting.presence_of(third),
        Some(&Presence::Present)
    );
    assert_eq!(h.meeting().meeting.attendance.len(), 2);
    assert_eq!(h.meeting().attendance_counts(), (2, 0, 0, 0));
}

#[test]
fn arrows_move_the_speaker_through_the_whole_roster() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.go_to_kind(StepKind::RoundTable);
    assert_eq!(h.meeting().focus, Pane::Attendance);
    assert_eq!(h.meeting().cursors.attendee, 0);
    h.press(key(KeyCode::PageDown));
    assert_eq!(h.meeting().cursors.attendee, 10);
    h.press(key(KeyCode::PageDown));
    h.press(key(KeyCode::PageDown));
    assert_eq!(h.meeting().cursors.attendee, 19, "20 members");
    h.press(down());
    assert_eq!(h.meeting().cursors.attendee, 19);
    h.press(up());
    assert_eq!(h.meeting().cursors.attendee, 18);
    h.press(key(KeyCode::PageUp));
    h.press(key(KeyCode::PageUp));
    assert_eq!(h.meeting().cursors.attendee, 0);
}

#[test]
fn the_attendee_form_refuses_represented_without_a_name_and_applies_it_with_one() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(2));
    h.press(down());
    let member = h.app.session.committee.members[1].id;
    h.press(enter());
    assert_eq!(h.purpose(), Some(&Purpose::Attendee(member)));
    assert!(h.form().title.starts_with("Jean-Baptiste Lefèvre"));
    assert_eq!(h.form().value("presence"), "present");
    h.choose("presence", "represented");
    h.fill("statement", "ERUN, accompagne les écoles");
    h.submit();
    assert!(h.form_open(), "refused");
    assert_eq!(
        h.error("by").as_deref(),
        Some("Le nom du représentant ne peut pas être vide.")
    );
    assert_eq!(h.meeting().meeting.presence_of(member), None);
    assert!(!h.app.unsaved.meeting);

    h.fill("by", "Sophie Rey, ERUN adjointe");
    h.submit();
    assert!(!h.form_open());
    assert_eq!(
        h.meeting().meeting.presence_of(member),
        Some(&Presence::RepresentedBy("Sophie Rey, ERUN adjointe".into()))
    );
    let entry = h
        .meeting()
        .meeting
        .attendance
        .iter()
        .find(|a| a.member == member)
        .unwrap();
    assert_eq!(entry.statement, "ERUN, accompagne les écoles");
    assert!(h.app.unsaved.meeting);

    // Space goes from represented back to present.
    h.press(space());
    assert_eq!(
        h.meeting().meeting.presence_of(member),
        Some(&Presence::Present)
    );
    // The form opens on what is recorded, and Échap abandons it.
    h.press(enter());
    assert_eq!(h.form().value("statement"), "ERUN, accompagne les écoles");
    h.fill("statement", "autre chose");
    h.press(esc());
    assert!(!h.form_open());
    assert_eq!(
        h.meeting().meeting.attendance[0].statement,
        "ERUN, accompagne les écoles"
    );
}

#[test]
fn the_tour_de_table_statement_is_saved_with_the_meeting() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.go_to_kind(StepKind::RoundTable);
    h.press(enter());
    assert_eq!(h.purpose(), Some(&Purpose::Attendee(MemberId(1))));
    h.choose("presence", "excused");
    h.fill("statement", "IEN, pilote du comité");
    h.submit();
    h.press(ctrl('s'));
    let saved = h.last_saved_meeting();
    let first = MemberId(1);
    let entry = saved.attendance.iter().find(|a| a.member == first).unwrap();
    assert_eq!(entry.presence, Presence::Excused);
    assert_eq!(entry.statement, "IEN, pilote du comité");
}

#[test]
fn the_floor_passes_from_the_notes_to_the_present_only_and_is_saved_for_the_wall() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(8));
    assert_eq!(h.meeting().kind(), StepKind::RoundTable);
    let members: Vec<_> = h
        .app
        .session
        .committee
        .members
        .iter()
        .map(|m| m.id)
        .collect();
    // Mark three: present, excused, present.
    h.press(fkey(2));
    h.press(space());
    h.press(down());
    h.press(space());
    h.press(space());
    h.press(down());
    h.press(space());
    // From the notes, typing goes on while the floor passes.
    h.press(fkey(3));
    h.press(KeyEvent::new(KeyCode::Down, KeyModifiers::CONTROL));
    assert_eq!(h.last_saved_meeting().speaker, Some(members[0]));
    assert_eq!(
        h.app.context(),
        Context::MeetingEditor,
        "still in the notes"
    );
    h.type_text("J'anime le comité.");
    h.press(KeyEvent::new(KeyCode::Down, KeyModifiers::CONTROL));
    assert_eq!(
        h.last_saved_meeting().speaker,
        Some(members[2]),
        "the excused member is skipped"
    );
    assert!(h.status().starts_with("La parole est à"), "{}", h.status());
    let saved = h.last_saved_meeting();
    let said = saved
        .attendance
        .iter()
        .find(|a| a.member == members[0])
        .unwrap();
    assert_eq!(said.statement, "J'anime le comité.");
    // Moving the attendance cursor no longer gives the floor.
    h.press(fkey(2));
    h.press(down());
    assert!(h.last_saves().is_empty() || h.last_saved_meeting().speaker == Some(members[2]));
}

#[test]
fn a_latecomer_added_during_the_meeting_is_present_from_their_arrival() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(ctrl('n'));
    h.fill("name", "Zoé Retardataire-Nouvelle");
    h.submit();
    let committee = &h.app.session.committee;
    let newcomer = committee
        .members
        .iter()
        .find(|m| m.name == "Zoé Retardataire-Nouvelle")
        .expect("added to the roster")
        .id;
    let entry = h
        .meeting()
        .meeting
        .attendance
        .iter()
        .find(|a| a.member == newcomer)
        .unwrap_or_else(|| {
            panic!(
                "in the attendance: {newcomer:?} {:?} {}",
                h.meeting()
                    .meeting
                    .attendance
                    .iter()
                    .map(|a| a.member)
                    .collect::<Vec<_>>(),
                h.status()
            )
        })
        .clone();
    assert_eq!(entry.presence, Presence::Present);
    assert_eq!(entry.arrived_at, Some(h.clock().wall.time()));
    assert!(h.status().contains("noté présent"), "{}", h.status());
}
