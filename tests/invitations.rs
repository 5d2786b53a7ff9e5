//! The invitations: whom a meeting invites, and the attendance that follows.

mod common;

use common::harness::*;

#[test]
fn invitations_start_from_the_pilot_and_attendance_from_those_invited() {
    let mut h = Harness::new();
    h.press(fkey(3));
    assert!(matches!(
        h.app.overlays.last(),
        Some(Overlay::Invitations(_))
    ));
    h.press(fkey(3));
    assert_eq!(h.meeting().meeting.invited, [MemberId(1)]);
    h.press(down());
    h.press(space());
    assert_eq!(h.meeting().meeting.invited, [MemberId(1), MemberId(2)]);
    h.press(esc());
    let committee = h.app.session.committee.clone();
    let attendees: Vec<MemberId> = h
        .meeting()
        .attendees(&committee)
        .iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(attendees, [MemberId(1), MemberId(2)]);
    // A latecomer added during the meeting joins the list.
    h.press(ctrl('n'));
    h.fill("name", "Zoé Martin");
    h.submit();
    let invited = &h.meeting().meeting.invited;
    assert_eq!(invited.len(), 3, "{invited:?}");
    assert_eq!(h.meeting().attendees(&h.app.session.committee).len(), 3);
}

#[test]
fn someone_noted_present_stays_on_the_attendance_when_not_invited() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(2));
    h.press(down());
    h.press(down());
    h.press(space());
    let committee = h.app.session.committee.clone();
    let noted = h.meeting().attendees(&committee)[2].id;
    // Invite the pilot alone afterwards.
    let Screen::Meeting(screen) = &mut h.app.screen else {
        panic!("meeting");
    };
    screen.meeting.invited = vec![MemberId(1)];
    let attendees: Vec<MemberId> = h
        .meeting()
        .attendees(&committee)
        .iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(attendees, [MemberId(1), noted]);
}
