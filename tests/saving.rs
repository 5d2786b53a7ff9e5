//! Saving: the autosave, failed and merged saves, conflict copies, the journal and what comes
//! back after an interrupted session.

mod common;

use common::harness::*;

#[test]
fn autosave_is_due_one_second_after_a_change_and_save_request_clears_it() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.advance(Duration::from_millis(250));
    assert!(
        !h.app.save_due(h.now() + Duration::from_secs(60)),
        "no change"
    );
    h.press(fkey(3));
    h.type_text("a");
    let changed = h.now();
    // The runtime sleeps until then (nothing else to wake for).
    assert_eq!(h.app.save_due_at(), Some(changed + AUTOSAVE_DELAY));
    assert!(!h.app.save_due(changed));
    assert!(!h.app.save_due(changed + Duration::from_millis(999)));
    assert!(h.app.save_due(changed + AUTOSAVE_DELAY));
    assert_eq!(AUTOSAVE_DELAY, Duration::from_secs(1));
    h.advance(Duration::from_millis(500));
    h.type_text("b");
    assert!(
        h.app.save_due(changed + AUTOSAVE_DELAY),
        "counted from the first unsaved change, not the last"
    );
    assert_eq!(h.app.save_due_at(), Some(changed + AUTOSAVE_DELAY));
    h.advance(Duration::from_millis(600));
    let request = h.app.save_request().expect("something to write");
    assert_eq!(request.committee, None);
    let (id, meeting) = request.meetings.into_iter().next().unwrap();
    assert_eq!(id, upcoming_id());
    assert_eq!(meeting.agenda[0].notes, "ab");
    assert_eq!(h.app.unsaved, Default::default());
    assert!(!h.app.save_due(h.now() + Duration::from_secs(60)));
    assert_eq!(h.app.save_due_at(), None, "nothing to wake for");
    assert_eq!(h.app.save_request(), None, "nothing left");
}

#[test]
fn a_failed_save_keeps_everything_unsaved_says_so_in_french_and_retries_later() {
    let mut h = Harness::new();
    h.hold_saves();
    h.open_upcoming();
    h.press(fkey(3));
    h.type_text("Notes précieuses");
    h.press(ctrl('s'));
    assert_eq!(h.pending.len(), 1);
    h.advance(Duration::from_millis(100));
    h.fail("disque plein (comite/reunions/2026-12-01.ron)");
    assert_eq!(h.app.status.level, Level::Error);
    assert!(
        h.status().starts_with(
            "Enregistrement impossible : disque plein (comite/reunions/2026-12-01.ron)."
        ),
        "{}",
        h.status()
    );
    assert!(h.status().contains("Rien n'est perdu"));
    assert!(h.app.unsaved.meeting, "still to be written");
    let failed_at = h.now();
    assert_eq!(h.app.unsaved.retry_at, Some(failed_at + RETRY_DELAY));
    assert!(
        !h.app.save_due(failed_at + AUTOSAVE_DELAY),
        "no retry before the delay"
    );
    assert!(
        !h.app
            .save_due(failed_at + RETRY_DELAY - Duration::from_millis(1))
    );
    assert!(h.app.save_due(failed_at + RETRY_DELAY));
    assert_eq!(h.app.save_due_at(), Some(failed_at + RETRY_DELAY));
    assert_eq!(
        h.notes(),
        "Notes précieuses",
        "the text stays in the editor"
    );
    h.advance(RETRY_DELAY);
    let retry = h.app.save_request().expect("retried");
    assert_eq!(retry.meetings[0].1.agenda[0].notes, "Notes précieuses");
    assert_eq!(h.app.unsaved.retry_at, None);
}

#[test]
fn a_failed_committee_save_keeps_the_committee_unsaved() {
    let mut h = Harness::new();
    h.hold_saves();
    h.press(fkey(6));
    h.press(ctrl('n'));
    h.fill("name", "Nouvelle personne");
    h.submit();
    h.fail("dossier en lecture seule");
    assert_eq!(h.app.status.level, Level::Error);
    assert!(h.status().contains("dossier en lecture seule"));
    assert!(h.app.unsaved.committee);
    h.advance(RETRY_DELAY);
    let retry = h.app.save_request().unwrap();
    assert_eq!(
        retry.committee.unwrap().members.last().unwrap().name,
        "Nouvelle personne"
    );
}

/// The next meeting with « avant » typed in its notes and saved with Ctrl+S, the save held in
/// flight: the harness, and the meeting sent.
fn saving_avant() -> (Harness, Meeting) {
    let mut h = Harness::new();
    h.hold_saves();
    h.open_upcoming();
    h.press(fkey(3));
    h.type_text("avant");
    h.press(ctrl('s'));
    let sent = h.last_saved_meeting().clone();
    (h, sent)
}

#[test]
fn a_merge_on_saving_takes_the_other_version_and_keeps_what_was_typed_since() {
    let (mut h, sent) = saving_avant();
    h.pending.clear();
    // Typed while the save runs.
    h.type_text(" après");
    let mut merged = sent.clone();
    merged.place = "Salle modifiée ailleurs".into();
    h.send(merged_report(upcoming_id(), merged, "lieu"));
    let screen = h.meeting();
    assert_eq!(screen.meeting.place, "Salle modifiée ailleurs");
    let notes = screen.editor().unwrap().text();
    assert!(notes.ends_with("avant après"), "{notes}");
    assert!(h.app.unsaved.meeting, "the rebased version must be saved");
    assert_eq!(h.app.status.level, Level::Warning);
    assert!(h.status().contains("bandeau"), "{}", h.status());
    let notice = &h.app.notices[0];
    assert_eq!(notice.file, format!("reunions/{}.ron", upcoming_id()));
    assert!(notice.text.contains("lieu"), "{}", notice.text);
    assert_eq!(
        notice.copies,
        [PathBuf::from("conflits/2026-12-01.conflit-1.ron")]
    );
    // Saved again, still to be looked at: the indicator never says "enregistré".
    h.press(ctrl('s'));
    h.ack();
    assert_eq!(h.app.save_state(), SaveState::Merged);
    assert!(!h.app.notices.is_empty(), "the banner stays until read");
    h.type_text("x");
    assert_eq!(h.app.notices.len(), 1, "typing does not dismiss it");
    h.press(ctrl('k'));
    assert!(h.app.notices.is_empty());
    h.press(ctrl('s'));
    h.ack();
    assert_eq!(h.app.save_state(), SaveState::Saved);
}

#[test]
fn a_file_that_no_longer_reads_gets_a_banner_and_never_shows_as_saved() {
    let mut h = Harness::new();
    h.hold_saves();
    h.open_upcoming();
    h.press(fkey(3));
    h.type_text("note");
    h.press(ctrl('s'));
    h.pending.clear();
    let diverted = || {
        Msg::Saved(SaveReport {
            committee: None,
            meetings: vec![(
                upcoming_id(),
                Ok(Saved::Diverted {
                    copy: PathBuf::from("conflits/2026-12-01.conflit-1.ron"),
                    reason: "reunions/2026-12-01.ron:3:1: fichier vide".into(),
                }),
            )],
        })
    };
    h.send(diverted());
    assert_eq!(h.app.save_state(), SaveState::Diverted);
    assert!(h.app.notices[0].diverted);
    assert!(h.app.notices[0].text.contains("fichier vide"));
    // Each later save updates the one banner.
    h.type_text("s");
    h.press(ctrl('s'));
    h.pending.clear();
    h.send(diverted());
    assert_eq!(h.app.notices.len(), 1);
    assert_eq!(h.app.save_state(), SaveState::Diverted);
}

#[test]
fn ctrl_r_shows_each_copy_beside_the_current_file() {
    let mut h = Harness::new();
    h.press(ctrl('r'));
    assert!(matches!(h.last.as_slice(), [Done::Compare]));
    let comparison = |n: usize| {
        reconcile::compare(
            "reunions/2026-12-01.ron".into(),
            "a\nb\nc\n",
            format!("conflits/2026-12-01.conflit-{n}.ron"),
            "a\nB\nc\n",
        )
    };
    h.send(Msg::Compared(Ok(vec![comparison(2), comparison(1)])));
    assert_eq!(h.app.context(), Context::Compare);
    let shown = |h: &Harness| match h.app.overlays.last() {
        Some(Overlay::Compare {
            shown, comparisons, ..
        }) => (*shown, comparisons[*shown].differences),
        other => panic!("comparison expected, got {other:?}"),
    };
    assert_eq!(shown(&h), (0, 1));
    h.press(key(KeyCode::Right));
    assert_eq!(shown(&h).0, 1);
    h.press(key(KeyCode::Right));
    assert_eq!(shown(&h).0, 1, "no further than the last copy");
    h.press(key(KeyCode::Left));
    assert_eq!(shown(&h).0, 0);
    h.press(esc());
    assert!(h.app.overlays.is_empty());
    h.send(Msg::Compared(Ok(Vec::new())));
    assert_eq!(h.status(), "Aucune copie dans conflits/.");
}

#[test]
fn a_successful_save_updates_the_home_list_and_says_when_if_asked() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(fkey(2));
    h.press(space());
    h.press(down());
    h.press(space());
    let said = h.status().to_string();
    h.advance(Duration::from_secs(1));
    assert!(h.app.save_due(h.now()));
    let request = h.app.save_request().unwrap();
    h.pending.push(request);
    h.ack();
    // The autosave leaves what the key said on the status line; its indicator says it.
    assert_eq!(h.status(), said);
    assert_eq!(h.app.save_state(), SaveState::Saved);
    let summary = h.summary(upcoming_id());
    assert_eq!(summary.present, Some(2));
    // Asked for, a save says when.
    h.advance(Duration::from_secs(1));
    h.press(ctrl('s'));
    assert_eq!(h.status(), "Enregistré à 09:00:02.");
    assert_eq!(h.app.status.level, Level::Success);
}

/// BUG: a save that fails after the user left the meeting (F9, F6) is never retried. The
/// failure report arrives when the screen is already the home screen, so `saved()` does not
/// mark the meeting unsaved (it only does when that meeting is still open), and the meeting
/// itself was dropped with the screen: the notes typed last are lost, while the status line
/// promises « Rien n'est perdu : tout reste en mémoire, nouvel essai dans quelques secondes ».
/// (In the runtime, the report of the save asked for by F9 always arrives after the switch.)
#[test]
fn a_save_failing_after_leaving_the_meeting_is_retried() {
    let mut h = Harness::new();
    h.hold_saves();
    h.open_upcoming();
    h.press(fkey(3));
    h.type_text("Notes tapées juste avant de revenir à l'accueil");
    h.press(fkey(9));
    assert_eq!(h.screen_name(), "home");
    assert_eq!(h.pending.len(), 1);
    h.fail("disque plein");
    assert!(h.status().contains("Rien n'est perdu"), "{}", h.status());
    h.advance(RETRY_DELAY);
    let retry = h.app.save_request();
    let notes = retry
        .and_then(|r| r.meetings.into_iter().next())
        .map(|(_, m)| m.agenda[0].notes.clone());
    assert_eq!(
        notes.as_deref(),
        Some("Notes tapées juste avant de revenir à l'accueil"),
        "the failed meeting save must be retried, not dropped"
    );
}

#[test]
fn the_journal_hears_of_each_change_and_of_the_open_form() {
    use copilnum::store::journal::{Change, Message};
    let mut h = Harness::new();
    h.open_upcoming();
    assert!(
        h.app.journal_changes(h.now()).is_empty(),
        "nothing changed yet"
    );
    h.press(fkey(3));
    h.type_text("x");
    assert!(h.app.journal_due().is_some());
    let messages = h.app.journal_changes(h.now());
    let [Message::Changed(Change::Meeting(id, meeting))] = messages.as_slice() else {
        panic!("the meeting expected, got {messages:?}");
    };
    assert_eq!(*id, upcoming_id());
    assert_eq!(h.meeting().editor().unwrap().text(), "x");
    assert_eq!(meeting.agenda[0].notes, "x", "the editor's text is in it");
    assert!(h.app.journal_changes(h.now()).is_empty(), "said once");
    h.press(ctrl('o'));
    h.type_text("Former les enseignants");
    let messages = h.app.journal_changes(h.now());
    let [Message::Draft(Some(draft))] = messages.as_slice() else {
        panic!("the form expected, got {messages:?}");
    };
    assert!(draft.contains("Former les enseignants"), "{draft}");
    h.press(esc());
    let messages = h.app.journal_changes(h.now());
    assert!(
        matches!(messages.as_slice(), [Message::Draft(None)]),
        "{messages:?}"
    );
}

#[test]
fn an_interrupted_session_reopens_its_meeting_with_its_form() {
    let mut h = Harness::new();
    h.open_upcoming();
    h.press(ctrl('o'));
    h.type_text("Former les enseignants");
    h.press(key(KeyCode::Tab));
    let draft = ron::to_string(&h.app.draft().unwrap()).unwrap();
    let mut h = Harness::new();
    let effects = h.app.update(Msg::Recovered {
        meetings: vec![upcoming_id()],
        draft: Some(draft),
        copies: 0,
    });
    assert_eq!(effects, vec![Effect::OpenMeeting(upcoming_id())]);
    for effect in effects {
        if let Effect::OpenMeeting(id) = effect {
            let meeting = h.disk.iter().find(|(x, _)| *x == id).unwrap().1.clone();
            h.send(Msg::MeetingOpened(id, Ok(Box::new(meeting))));
        }
    }
    let Some(Overlay::Form(form, Purpose::Objective(None))) = h.app.overlays.last() else {
        panic!("the objective form expected, got {:?}", h.app.overlays);
    };
    assert_eq!(form.value("statement"), "Former les enseignants");
    assert_eq!(form.focus, 1);
    assert!(
        h.status().starts_with("Reprise après un arrêt inattendu"),
        "{}",
        h.status()
    );
}

/// The report of a save of a meeting whose file had changed elsewhere: it took `taken` from
/// there and wrote `merged`.
fn merged_report(id: MeetingId, merged: Meeting, taken: &str) -> Msg {
    Msg::Saved(SaveReport {
        committee: None,
        meetings: vec![(
            id,
            Ok(Saved::Merged(Box::new(MergedSave {
                value: merged,
                report: copilnum::merge::Report {
                    taken: vec![taken.into()],
                    conflicts: Vec::new(),
                },
                copies: vec![PathBuf::from("conflits/2026-12-01.conflit-1.ron")],
            }))),
        )],
    })
}

/// What another program wrote in the last item's notes, merged in by a save.
fn written_elsewhere(sent: &Meeting) -> Meeting {
    let mut merged = sent.clone();
    let last = merged.agenda.len() - 1;
    merged.agenda[last].notes.push_str("\nailleurs 7");
    merged
}

/// The race CI met (`trust.rs`): a save asked for while the one before is still being written
/// used to go at once, without what that one was merging from a file changed elsewhere, and
/// wrote over it. It now waits for that report, and goes with the merge.
#[test]
fn a_save_asked_while_another_is_in_flight_waits_and_keeps_what_that_one_merged() {
    let (mut h, sent) = saving_avant();
    assert_eq!(h.pending.len(), 1);
    h.type_text(" pendant");
    h.press(ctrl('s'));
    h.advance(AUTOSAVE_DELAY * 3);
    assert!(!h.app.save_due(h.now()), "nothing more is due");
    assert_eq!(h.pending.len(), 1, "the second save waits for the first");
    assert_eq!(h.app.save_state(), SaveState::Saving);
    h.pending.clear();
    h.send(merged_report(
        upcoming_id(),
        written_elsewhere(&sent),
        "notes",
    ));
    assert_eq!(h.pending.len(), 1, "sent once the first is reported");
    let next = &h.pending[0].meetings[0].1;
    let last = next.agenda.len() - 1;
    assert_eq!(next.agenda[0].notes, "avant pendant");
    assert!(
        next.agenda[last].notes.ends_with("\nailleurs 7"),
        "{:?}",
        next.agenda[last].notes
    );
    h.ack();
    assert_eq!(h.app.save_state(), SaveState::Merged);
    assert!(h.pending.is_empty());
}

/// The same when the meeting is left while its save runs: what waits is the meeting as it
/// was left, and it takes the merge before it goes.
#[test]
fn a_meeting_left_while_its_save_runs_goes_after_it_with_the_merge() {
    let (mut h, sent) = saving_avant();
    h.type_text(" puis l'accueil");
    h.press(fkey(9));
    assert_eq!(h.screen_name(), "home");
    assert_eq!(h.pending.len(), 1, "the meeting as left waits");
    h.pending.clear();
    h.send(merged_report(
        upcoming_id(),
        written_elsewhere(&sent),
        "notes",
    ));
    assert_eq!(h.pending.len(), 1);
    let next = &h.pending[0].meetings[0].1;
    let last = next.agenda.len() - 1;
    assert_eq!(next.agenda[0].notes, "avant puis l'accueil");
    assert!(next.agenda[last].notes.ends_with("\nailleurs 7"));
    // If that one fails, it is what is retried.
    h.fail("disque plein");
    h.advance(RETRY_DELAY);
    let retry = h.app.save_request().expect("retried");
    assert_eq!(retry.meetings[0].1.agenda[0].notes, "avant puis l'accueil");
    assert!(
        retry.meetings[0].1.agenda[last]
            .notes
            .ends_with("\nailleurs 7")
    );
}

/// The committee too: one save in flight at a time, the next with what the first merged.
#[test]
fn a_committee_save_waits_for_the_one_in_flight() {
    let mut h = Harness::new();
    h.hold_saves();
    h.press(fkey(6));
    h.press(ctrl('n'));
    h.fill("name", "Première personne");
    h.submit();
    assert_eq!(h.pending.len(), 1);
    let sent = h.pending[0].committee.clone().unwrap();
    h.press(ctrl('n'));
    h.fill("name", "Deuxième personne");
    h.submit();
    h.advance(AUTOSAVE_DELAY * 3);
    assert!(
        !h.app.save_due(h.now()),
        "the committee waits for its save in flight"
    );
    assert_eq!(h.pending.len(), 1);
    h.pending.clear();
    let mut merged = sent.clone();
    merged.territory = "Territoire modifié ailleurs".into();
    h.send(Msg::Saved(SaveReport {
        committee: Some(Ok(Saved::Merged(Box::new(MergedSave {
            value: merged,
            report: copilnum::merge::Report {
                taken: vec!["territoire".into()],
                conflicts: Vec::new(),
            },
            copies: Vec::new(),
        })))),
        meetings: Vec::new(),
    }));
    assert_eq!(h.pending.len(), 1, "sent once the first is reported");
    let next = h.pending[0].committee.as_ref().unwrap();
    assert_eq!(next.territory, "Territoire modifié ailleurs");
    let names: Vec<&str> = next.members.iter().map(|m| m.name.as_str()).collect();
    assert!(names.contains(&"Première personne") && names.contains(&"Deuxième personne"));
}

/// A meeting whose save failed after it was left, opened again before the retry: it opens as
/// it was left (the file does not hold it), and that is what is saved, once.
#[test]
fn a_meeting_reopened_before_its_failed_save_is_retried_opens_as_it_was_left() {
    let mut h = Harness::new();
    h.hold_saves();
    h.open_upcoming();
    h.press(fkey(3));
    h.type_text("Tapé avant la panne");
    h.press(fkey(9));
    h.fail("disque plein");
    h.open_upcoming();
    assert_eq!(h.screen_name(), "meeting");
    assert_eq!(h.meeting().meeting.agenda[0].notes, "Tapé avant la panne");
    h.press(fkey(3));
    h.type_text(", puis après");
    h.press(fkey(9));
    h.advance(RETRY_DELAY);
    // Every save from now on, as the runtime would send them.
    let mut sent = Vec::new();
    loop {
        if h.pending.is_empty() {
            match h.app.save_request() {
                Some(request) => h.pending.push(request),
                None => break,
            }
        }
        for request in &h.pending {
            sent.extend(
                request
                    .meetings
                    .iter()
                    .map(|(_, m)| m.agenda[0].notes.clone()),
            );
        }
        h.ack();
    }
    assert_eq!(sent, ["Tapé avant la panne, puis après"]);
}
