//! Home: the meetings, newest first, the next one selected; the new-meeting form.

mod common;

use common::harness::*;

#[test]
fn home_selects_the_upcoming_meeting_not_the_newest() {
    let mut sample = sample_data();
    let mut later = sample.meetings[1].1.clone();
    later.date = day(2027, 3, 2);
    sample
        .meetings
        .push((MeetingId::new(later.date), later.clone()));
    let h = Harness::with(sample, None);
    let ids: Vec<String> = h
        .app
        .session
        .meetings
        .iter()
        .map(|m| m.id.to_string())
        .collect();
    let past = sample_data().meetings[0].0.to_string();
    assert_eq!(
        ids,
        ["2027-03-02", "2026-12-01", past.as_str()],
        "newest first"
    );
    assert_eq!(h.home_selected(), 1, "the next meeting from today on");
    assert_eq!(h.app.context(), Context::Home);
}

#[test]
fn home_arrows_move_within_the_list_and_stop_at_its_ends() {
    let mut h = Harness::new();
    assert_eq!(h.home_selected(), 0);
    assert_eq!(h.app.session.meetings[0].id, upcoming_id());
    h.press(up());
    assert_eq!(h.home_selected(), 0);
    h.press(down());
    assert_eq!(h.home_selected(), 1);
    h.press(down());
    assert_eq!(h.home_selected(), 1, "two meetings only");
    h.press(key(KeyCode::PageUp));
    assert_eq!(h.home_selected(), 0);
    h.press(key(KeyCode::PageDown));
    assert_eq!(h.home_selected(), 1);
    assert!(h.last.is_empty());
}

#[test]
fn enter_on_home_opens_the_selected_meeting() {
    let mut h = Harness::new();
    h.press(enter());
    assert_eq!(h.last, [Done::Open(upcoming_id())]);
    assert_eq!(h.meeting().id, upcoming_id());
    assert_eq!(h.meeting().meeting, sample_data().meetings[1].1);

    let mut h = Harness::new();
    h.press(down());
    h.press(enter());
    let past = sample_data().meetings[0].0;
    assert_eq!(h.last, [Done::Open(past)]);
    assert_eq!(h.meeting().id, past);
}

#[test]
fn a_meeting_that_does_not_read_leaves_home_with_a_french_error() {
    let mut h = Harness::new();
    h.send(Msg::MeetingOpened(
        upcoming_id(),
        Err("réunion 2026-12-01 illisible : reunions/2026-12-01.ron:3:7: virgule attendue".into()),
    ));
    assert_eq!(h.screen_name(), "home");
    assert_eq!(h.app.status.level, Level::Error);
    assert_eq!(
        h.status(),
        "Réunion 2026-12-01 illisible : reunions/2026-12-01.ron:3:7: virgule attendue"
    );
}

#[test]
fn ctrl_n_on_home_opens_the_new_meeting_form_dated_today() {
    let mut h = Harness::new();
    h.press(ctrl('n'));
    assert_eq!(h.purpose(), Some(&Purpose::NewMeeting));
    assert_eq!(h.app.context(), Context::Form);
    assert_eq!(h.form().title, "Nouvelle réunion");
    assert_eq!(h.form().value("date"), "30/11/2026");
    assert_eq!(h.form().value("kind"), "ordinary");
    h.press(esc());
    assert!(h.app.overlays.is_empty());
    assert!(h.last.is_empty());
}

#[test]
fn new_meeting_refuses_impossible_and_unreadable_dates_in_french() {
    let mut h = Harness::new();
    h.press(ctrl('n'));
    h.fill("date", "31/02/2026");
    h.submit();
    assert!(h.last.is_empty(), "no effect: {:?}", h.last);
    assert!(h.form_open());
    assert_eq!(
        h.error("date").as_deref(),
        Some("Date « 31/02/2026 » : le 31 février 2026 n'existe pas")
    );
    assert_eq!(h.form().focus, h.field_index("date"), "cursor on the error");

    h.fill("date", "demain");
    assert_eq!(h.error("date"), None, "typing clears the message");
    h.submit();
    assert!(h.last.is_empty());
    let error = h.error("date").unwrap();
    assert!(
        error.starts_with("Date « demain » non reconnue") && error.contains("jj/mm/aaaa"),
        "{error}"
    );

    h.fill("date", "02/03/2027");
    h.fill("time", "25h00");
    h.submit();
    assert!(h.last.is_empty());
    assert_eq!(h.errors().len(), 1, "{:?}", h.errors());
    assert!(h.error("time").is_some());
    assert_eq!(h.app.session.meetings.len(), 2);
    assert_eq!(h.disk.len(), 2);
}

#[test]
fn a_restricted_committee_needs_its_dossier() {
    let mut h = Harness::new();
    h.press(ctrl('n'));
    h.fill("date", "02/03/2027");
    h.choose("kind", "restricted");
    h.submit();
    assert!(h.last.is_empty());
    assert_eq!(
        h.error("dossier").as_deref(),
        Some("Le dossier suivi par le comité restreint ne peut pas être vide.")
    );
    h.fill("dossier", "   ");
    h.submit();
    assert!(h.last.is_empty(), "blank is empty");

    h.fill("dossier", "Renouvellement des tablettes");
    h.submit();
    assert_eq!(
        h.last.first(),
        Some(&Done::Create(MeetingPlan {
            date: day(2027, 3, 2),
            time: None,
            place: String::new(),
            kind: MeetingKind::Restricted {
                dossier: "Renouvellement des tablettes".into()
            },
            secretary: Some(MemberId(5)),
        }))
    );
}

#[test]
fn a_valid_new_meeting_is_planned_created_and_opened() {
    let mut h = Harness::new();
    h.press(ctrl('n'));
    h.fill("date", "02/03/2027");
    h.fill("time", "14h30");
    h.fill("place", "Mairie d'Anthy-sur-Léman");
    h.choose("kind", "extraordinary");
    h.submit();
    let plan = MeetingPlan {
        date: day(2027, 3, 2),
        time: NaiveTime::from_hms_opt(14, 30, 0),
        place: "Mairie d'Anthy-sur-Léman".into(),
        kind: MeetingKind::Extraordinary,
        // The previous meeting's secretary keeps the pen unless another is chosen.
        secretary: Some(MemberId(5)),
    };
    let id = MeetingId::new(day(2027, 3, 2));
    assert_eq!(
        h.last,
        [Done::Create(plan), Done::BuildHistory],
        "created, then in the history"
    );
    assert!(h.app.overlays.is_empty());
    assert_eq!(h.meeting().id, id);
    let m = &h.meeting().meeting;
    assert_eq!(m.kind, MeetingKind::Extraordinary);
    assert_eq!(m.place, "Mairie d'Anthy-sur-Léman");
    let catalog = Catalog::builtin();
    let titles: Vec<&str> = m.agenda.iter().map(|i| i.title.as_str()).collect();
    let extraordinary: Vec<&str> = catalog
        .extraordinary_agenda
        .items
        .iter()
        .map(|i| i.title.as_str())
        .collect();
    assert_eq!(
        titles, extraordinary,
        "a later extraordinary meeting gets its own agenda, around its dossier"
    );
    assert!(
        m.evaluations.is_empty(),
        "an extraordinary meeting evaluates none by default"
    );
    assert_eq!(
        h.app.session.meetings.first().map(|s| s.id),
        Some(id),
        "listed first on the home screen"
    );
    h.press(fkey(9));
    assert_eq!(h.home_selected(), 0, "back home on the meeting just left");
}

#[test]
fn f6_opens_the_roster_and_f9_or_esc_come_back_home() {
    let mut h = Harness::new();
    h.press(fkey(6));
    assert_eq!(h.screen_name(), "roster");
    assert_eq!(h.app.context(), Context::Roster);
    h.press(fkey(9));
    assert_eq!(h.screen_name(), "home");
    h.press(fkey(6));
    h.press(esc());
    assert_eq!(h.screen_name(), "home");
    assert_eq!(h.home_selected(), 0);
}

/// BUG: the home list keeps the summary the meeting had when it was opened (or at its last
/// autosave) after the user leaves it: the report of the save asked for by F9 arrives on the
/// home screen, and `saved()` only refreshes the summary while the meeting is still open. Here
/// three people are marked present and the facilitator goes home within a second: the home
/// list still shows no attendance.
#[test]
fn the_home_list_is_current_after_leaving_a_meeting() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(2));
    for _ in 0..3 {
        h.press(space());
        h.press(down());
    }
    h.press(fkey(9));
    h.ack();
    assert_eq!(h.app.save_state(), SaveState::Saved);
    let summary = h.summary(upcoming_id());
    assert_eq!(summary.present, Some(3), "three people were marked present");
}
