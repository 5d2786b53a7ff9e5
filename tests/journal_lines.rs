//! The journal while the secretary types: it hears the lines of notes changed, not a copy of
//! the whole meeting, and a crash (no save, no closing) still brings back exactly what was
//! typed, with the other changes made between two looks of the journal.

mod common;

use common::Committee;
use common::harness::*;
use copilnum::model::Meeting;
use copilnum::store::journal::{self, Change, Journal, Message};
use copilnum::store::{Layout as Folder, Store};

/// A large item to type in: 5,000 lines of notes in the upcoming meeting's first item.
fn large_sample() -> Sample {
    let mut s = sample_data();
    let upcoming = s.meetings.iter_mut().find(|(id, _)| *id == upcoming_id());
    upcoming.unwrap().1.agenda[0].notes = sample::large_notes(5_000);
    s
}

fn meeting_mut(h: &mut Harness) -> &mut MeetingScreen {
    match &mut h.app.screen {
        Screen::Meeting(m) => m,
        _ => panic!("not in a meeting"),
    }
}

/// Equal, or a short message (not two meetings of 5,000 lines printed whole).
fn assert_same<T: PartialEq + std::fmt::Debug>(recovered: &T, expected: &T) {
    if recovered != expected {
        let (r, e) = (format!("{recovered:#?}"), format!("{expected:#?}"));
        let differ = r.lines().zip(e.lines()).find(|(a, b)| a != b);
        panic!("the replay differs from what was typed: {differ:?}");
    }
}

/// The application on the folder, its meeting open, and a journal that knows the meeting's
/// file as it was read (as the runtime tells it at the opening).
struct Session {
    h: Harness,
    c: Committee,
    store: Store,
    journal: Journal,
}

impl Session {
    fn new() -> Session {
        let s = large_sample();
        let c = Committee::with(s.clone());
        let mut h = Harness::with(s, None);
        h.open_upcoming();
        h.press(fkey(3));
        let mut store = Store::open(&c.dir).unwrap();
        store.load_meeting(upcoming_id()).unwrap();
        let path = c.meeting_path(upcoming_id());
        let mut journal = Journal::new(&Folder::new(&c.dir));
        journal.handle(Message::Known(
            path.clone(),
            store.saved_text(&path).unwrap(),
        ));
        Session {
            h,
            c,
            store,
            journal,
        }
    }

    /// The journal hears what changed, as at each of its ticks; returns what it heard.
    fn tick(&mut self) -> Vec<&'static str> {
        self.h.advance(Duration::from_millis(60));
        let messages = self.h.app.journal_changes(self.h.now());
        let kinds = messages
            .iter()
            .map(|m| match m {
                Message::Changed(Change::Meeting(..)) => "meeting",
                Message::Changed(Change::Notes(_, lines)) => {
                    assert!(
                        lines.removed <= 3 && lines.lines.len() <= 3,
                        "only the lines changed: {lines:?}"
                    );
                    "notes"
                }
                _ => "other",
            })
            .collect();
        for message in messages {
            self.journal.handle(message);
        }
        kinds
    }

    /// Saves as the autosave does, and tells the journal.
    fn save(&mut self) {
        let request = self.h.app.save_request().unwrap();
        let (id, meeting) = &request.meetings[0];
        self.store.save_meeting(*id, meeting).unwrap();
        let path = self.c.meeting_path(*id);
        self.journal.handle(Message::Saved {
            text: self.store.saved_text(&path).unwrap(),
            path,
            merged: false,
        });
        // And the application hears of it (its next save waits until then).
        self.h
            .send(Msg::Saved(common::driver::report(&request, None)));
    }

    /// The meeting as the application holds it now, with the editors' text.
    fn meeting(&mut self) -> Meeting {
        let now = self.h.now();
        let screen = meeting_mut(&mut self.h);
        screen.flush(now);
        screen.copy()
    }

    /// The process dies: the journal is read back, as at the next opening.
    fn crash_and_replay(self) -> (Meeting, Harness) {
        let Session { h, c, journal, .. } = self;
        drop(journal);
        let recovery = journal::recover(&Folder::new(&c.dir)).unwrap().unwrap();
        let path = c.meeting_path(upcoming_id());
        // What comes back: the journal's text, or the file as saved if it holds it all.
        let text = match recovery.files.iter().find(|f| f.path == path) {
            Some(file) => file.text.clone(),
            None => std::fs::read_to_string(&path).unwrap(),
        };
        let meeting = copilnum::codec::parse::<Meeting>(&path, &text).unwrap();
        (meeting, h)
    }
}

#[test]
fn typing_in_a_large_item_then_a_crash_brings_back_exactly_what_was_typed() {
    let mut s = Session::new();
    s.h.type_text("a");
    assert_eq!(s.tick(), ["meeting"], "the first change: the meeting whole");
    // Lines typed, broken, joined, an undo, and a move up into the text.
    for (i, text) in ["Première ligne.", "\nDeuxième « ligne »", "\n"]
        .iter()
        .enumerate()
    {
        s.h.type_text(text);
        assert_eq!(s.tick(), ["notes"], "step {i}: only the lines changed");
    }
    s.h.press(key(KeyCode::Backspace));
    s.h.press(key(KeyCode::Backspace));
    s.h.press(ctrl('z'));
    assert_eq!(s.tick(), ["notes"]);
    for _ in 0..1_000 {
        s.h.press(up());
    }
    s.h.type_text("ajout au milieu\n");
    s.h.press(key(KeyCode::Delete));
    assert_eq!(s.tick(), ["notes"]);
    assert_eq!(s.tick(), Vec::<&str>::new(), "nothing more to say");
    let expected = s.meeting();
    let (recovered, _) = s.crash_and_replay();
    assert_same(&recovered.agenda[0].notes, &expected.agenda[0].notes);
    assert_same(&recovered, &expected);
}

#[test]
fn other_changes_between_two_ticks_are_told_whole_with_the_notes() {
    let mut s = Session::new();
    s.h.type_text("a");
    s.tick();
    s.h.type_text("\nNotes avant le lieu");
    meeting_mut(&mut s.h).meeting.place = "Salle du conseil".into();
    s.h.app.touch_meeting();
    s.h.type_text(", et après.");
    assert_eq!(s.tick(), ["meeting"], "notes and something else: whole");
    s.h.type_text("\nPuis seulement des notes.");
    assert_eq!(s.tick(), ["notes"]);
    // A decision taken from the notes (it is saved at once: the journal hears the saved
    // meeting whole), then notes again.
    s.h.press(ctrl('d'));
    s.h.type_text("\nAprès la décision.");
    assert_eq!(s.tick(), ["meeting", "notes"]);
    let expected = s.meeting();
    let (recovered, _) = s.crash_and_replay();
    assert_eq!(recovered.place, "Salle du conseil");
    assert_same(&recovered, &expected);
}

#[test]
fn two_items_edited_between_two_ticks_both_come_back() {
    let mut s = Session::new();
    s.h.type_text("a");
    s.tick();
    let now = s.h.now();
    s.h.type_text("\nPoint 1, ligne ajoutée.");
    // Another step, without the application (no save on the way): the journal still hears
    // only lines of notes, of two items.
    let screen = meeting_mut(&mut s.h);
    screen.go_to_step(1, now);
    for c in "Notes du point 2.".chars() {
        screen
            .editor_mut()
            .unwrap()
            .input(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    s.h.app.touch_notes();
    assert_eq!(s.tick(), ["notes", "notes"]);
    let expected = s.meeting();
    let (recovered, _) = s.crash_and_replay();
    assert!(recovered.agenda[1].notes.ends_with("Notes du point 2."));
    // The step moved outside of the application: only the notes were told.
    assert_same(&recovered.agenda, &expected.agenda);
}

#[test]
fn a_save_between_ticks_keeps_what_was_typed_before_and_after_it() {
    let mut s = Session::new();
    s.h.type_text("a");
    s.tick();
    s.h.type_text("\nAvant la sauvegarde.");
    assert_eq!(s.tick(), ["notes"]);
    s.h.type_text(" Encore avant.");
    // The save is reported to the journal before it hears the meeting saved.
    s.save();
    s.h.type_text("\nAprès la sauvegarde.");
    assert_eq!(s.tick(), ["meeting", "notes"]);
    s.h.type_text(" Et encore.");
    assert_eq!(s.tick(), ["notes"]);
    // And a save the journal hears of after the meeting saved.
    s.h.type_text("\nDernière ligne.");
    let request = s.h.app.save_request().unwrap();
    s.h.type_text(" Fin.");
    assert_eq!(s.tick(), ["meeting", "notes"]);
    let (id, meeting) = &request.meetings[0];
    s.store.save_meeting(*id, meeting).unwrap();
    let path = s.c.meeting_path(*id);
    s.journal.handle(Message::Saved {
        text: s.store.saved_text(&path).unwrap(),
        path,
        merged: false,
    });
    s.h.type_text("\nAprès tout.");
    assert_eq!(s.tick(), ["notes"]);
    let expected = s.meeting();
    assert!(expected.agenda[0].notes.ends_with("Fin.\nAprès tout."));
    let (recovered, _) = s.crash_and_replay();
    assert_same(&recovered, &expected);
}

#[test]
fn a_crash_right_after_a_save_the_journal_heard_of_loses_nothing() {
    let mut s = Session::new();
    s.h.type_text("a");
    s.tick();
    s.h.type_text("\nAvant la sauvegarde.");
    assert_eq!(s.tick(), ["notes"]);
    // The journal hears of the save (and starts again from it) before it hears the meeting
    // saved: it still holds the lines it heard since its last whole text.
    s.save();
    let expected = s.meeting();
    let (recovered, _) = s.crash_and_replay();
    assert_same(&recovered, &expected);
}
