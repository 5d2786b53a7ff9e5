//! Integration tests of the store on real folders: round trip, atomic saves (including a
//! process killed mid-save), backups, the editor lock, conflict copies, and bad files.

mod common;

use std::fs;
use std::path::Path;
use std::time::Duration;

use common::{Committee, snapshot};
use copilnum::model::{Decision, MeetingId};
use copilnum::store::{Saved, Store, StoreError, StoreOptions};

fn every_save_backs_up(keep: usize) -> StoreOptions {
    StoreOptions {
        backups_kept: keep,
        backup_every: Duration::ZERO,
    }
}

#[test]
fn a_written_committee_reads_back_identical() {
    let c = Committee::sample();
    let mut store = Store::open(&c.dir).unwrap();
    assert_eq!(store.load_committee().unwrap(), c.sample.committee);
    let ids = store.meeting_ids().unwrap();
    assert_eq!(
        ids,
        c.sample
            .meetings
            .iter()
            .map(|(id, _)| *id)
            .collect::<Vec<_>>()
    );
    for (id, meeting) in &c.sample.meetings {
        assert_eq!(&store.load_meeting(*id).unwrap(), meeting);
    }
}

#[test]
fn saving_then_loading_keeps_every_change() {
    let c = Committee::sample();
    let (id, _) = c.upcoming();
    let mut store = Store::open(&c.dir).unwrap();
    let mut meeting = store.load_meeting(id).unwrap();
    meeting.agenda[0].notes = "Œuvre « commune » : ç, 中文, 👩‍🏫, 🇫🇷\nligne 2\r\n\t\"fin\"#".into();
    meeting.agenda[0].decisions.push(Decision {
        text: "Décision n° 1".into(),
    });
    assert_eq!(store.save_meeting(id, &meeting).unwrap(), Saved::InPlace);
    let mut again = Store::open_read_only(&c.dir, "test");
    assert_eq!(again.load_meeting(id).unwrap(), meeting);
}

#[test]
fn files_are_pretty_and_stable_so_that_diffs_are_small() {
    let c = Committee::sample();
    let (id, _) = c.upcoming();
    let path = c.meeting_path(id);
    let before = fs::read_to_string(&path).unwrap();
    let mut store = Store::open(&c.dir).unwrap();
    let mut meeting = store.load_meeting(id).unwrap();
    store.save_meeting(id, &meeting).unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        before,
        "saving unchanged data rewrites the same bytes"
    );
    meeting.agenda[1].notes = "Première ligne\nDeuxième ligne".into();
    store.save_meeting(id, &meeting).unwrap();
    let after = fs::read_to_string(&path).unwrap();
    let (old, new): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    assert_eq!(old.len() - prefix - suffix, 1, "one line replaced: {after}");
    assert_eq!(new.len() - prefix - suffix, 2, "by two lines: {after}");
    assert!(
        after.contains("notes: \"Première ligne\nDeuxième ligne\""),
        "notes are stored as lines"
    );
}

/// In the child process: saves the meeting in a loop, one more line each time, until killed.
fn save_in_a_loop_until_killed(dir: &Path, id: MeetingId) -> ! {
    let mut store = Store::open(dir)
        .unwrap()
        .with_options(every_save_backs_up(3));
    let mut meeting = store.load_meeting(id).unwrap();
    for n in 0.. {
        meeting.agenda[0].notes.push_str(&format!("\nligne {n} é"));
        store.save_meeting(id, &meeting).unwrap();
        if n == 0 {
            fs::write(dir.join("started"), b"").unwrap();
        }
    }
    unreachable!()
}

/// SIGKILL at random moments of a loop of saves of the large meeting (each save spends most
/// of its time writing): whatever the moment, the file on disk is exactly one of the versions
/// saved — the last complete one — and reads back.
#[test]
fn a_process_killed_while_saving_leaves_exactly_a_saved_version() {
    if let (Ok(dir), Ok(id)) = (
        std::env::var("COPILNUM_CRASH_CHILD_DIR"),
        std::env::var("COPILNUM_CRASH_CHILD_ID"),
    ) {
        save_in_a_loop_until_killed(Path::new(&dir), id.parse().unwrap());
    }
    let c = Committee::with(copilnum::sample::large(common::today()));
    let (id, original) = c.upcoming();
    let mut expected = original.agenda[0].notes.clone();
    let mut saved_lines = 0;
    for round in 0..6u64 {
        let _ = fs::remove_file(c.dir.join("started"));
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "a_process_killed_while_saving_leaves_exactly_a_saved_version",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("COPILNUM_CRASH_CHILD_DIR", &c.dir)
            .env("COPILNUM_CRASH_CHILD_ID", id.to_string())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        while !c.dir.join("started").exists() {
            assert!(
                std::time::Instant::now() < deadline,
                "the child never saved"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(7 * round + 3));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let mut store = Store::open(&c.dir).unwrap();
        let meeting = store
            .load_meeting(id)
            .expect("the file parses after a kill");
        let notes = &meeting.agenda[0].notes;
        // The child appended "\nligne 0 é", "\nligne 1 é"… to what was on disk: the file
        // holds a whole number of those, never a torn one.
        let added = notes
            .strip_prefix(expected.as_str())
            .expect("earlier notes kept, byte for byte");
        let lines: Vec<&str> = added.split('\n').skip(1).collect();
        assert!(
            !lines.is_empty(),
            "round {round}: at least the first save landed"
        );
        for (n, line) in lines.iter().enumerate() {
            assert_eq!(
                *line,
                format!("ligne {n} é"),
                "round {round}: only whole saves"
            );
        }
        saved_lines += lines.len();
        expected = notes.clone();
        assert_eq!(
            store.meeting_ids().unwrap().len(),
            c.sample.meetings.len(),
            "no stray file is a meeting"
        );
    }
    assert!(saved_lines >= 6);
}

#[test]
fn backups_rotate_and_keep_the_previous_contents() {
    let c = Committee::sample();
    let (id, _) = c.upcoming();
    let mut store = Store::open(&c.dir)
        .unwrap()
        .with_options(every_save_backs_up(3));
    let mut meeting = store.load_meeting(id).unwrap();
    let mut contents = vec![fs::read(c.meeting_path(id)).unwrap()];
    for n in 0..5 {
        meeting.place = format!("Salle {n}");
        store.save_meeting(id, &meeting).unwrap();
        contents.push(fs::read(c.meeting_path(id)).unwrap());
    }
    let backups = c.dir.join("sauvegardes");
    for (n, expected) in [(1, &contents[4]), (2, &contents[3]), (3, &contents[2])] {
        assert_eq!(
            &fs::read(backups.join(format!("{id}.{n}.ron"))).unwrap(),
            expected,
            "backup {n}"
        );
    }
    assert!(!backups.join(format!("{id}.4.ron")).exists());
}

#[test]
fn by_default_a_session_backs_up_once_then_every_few_minutes() {
    let c = Committee::sample();
    let (id, _) = c.upcoming();
    let original = fs::read(c.meeting_path(id)).unwrap();
    let mut store = Store::open(&c.dir).unwrap();
    let mut meeting = store.load_meeting(id).unwrap();
    for n in 0..4 {
        meeting.place = format!("Salle {n}");
        store.save_meeting(id, &meeting).unwrap();
    }
    let backups: Vec<_> = fs::read_dir(c.dir.join("sauvegardes")).unwrap().collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(
        fs::read(c.dir.join(format!("sauvegardes/{id}.1.ron"))).unwrap(),
        original
    );
}

#[test]
fn a_second_editor_is_refused_but_readers_read() {
    let c = Committee::sample();
    let (id, meeting) = c.upcoming();
    let first = Store::open(&c.dir).unwrap();
    let error = Store::open(&c.dir).unwrap_err();
    assert!(matches!(error, StoreError::Locked { .. }));
    let message = error.to_string();
    assert!(
        message.contains("déjà ouvert en modification") && message.contains("lecture seule"),
        "{message}"
    );
    let mut reader = Store::open_read_only(&c.dir, "présentation");
    assert_eq!(&reader.load_meeting(id).unwrap(), meeting);
    let refused = reader.save_meeting(id, meeting).unwrap_err();
    assert!(refused.to_string().contains("lecture seule"), "{refused}");
    drop(first);
    Store::open(&c.dir).expect("the lock is released with its holder");
}

#[test]
fn the_lock_holds_when_its_file_is_deleted() {
    let c = Committee::sample();
    let lock_file = c.dir.join(".copilnum.lock");
    let first = Store::open(&c.dir).unwrap();
    assert!(lock_file.is_file(), "the note of who holds the lock");
    fs::remove_file(&lock_file).unwrap();
    let error = Store::open(&c.dir).unwrap_err();
    assert!(matches!(error, StoreError::Locked { .. }), "{error}");
    drop(first);
    assert!(!lock_file.exists(), "no note left once released");
    // A process another test is starting shares this process's descriptors until it execs,
    // the folder's among them: the lock is free once that moment has passed.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    let second = loop {
        match Store::open(&c.dir) {
            Err(StoreError::Locked { .. }) if std::time::Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => break other.expect("free again"),
        }
    };
    assert!(second.is_editor());
}

#[test]
fn a_file_changed_on_disk_is_merged_and_the_version_found_is_kept() {
    let c = Committee::sample();
    let (id, _) = c.upcoming();
    let path = c.meeting_path(id);
    let mut store = Store::open(&c.dir).unwrap();
    let mut meeting = store.load_meeting(id).unwrap();
    let edited = fs::read_to_string(&path)
        .unwrap()
        .replace("Salle du conseil", "Salle des fêtes");
    fs::write(&path, &edited).unwrap();
    meeting.agenda[0].notes = "Notes de séance".into();
    let Saved::Merged(merged) = store.save_meeting(id, &meeting).unwrap() else {
        panic!("expected a merge");
    };
    let on_disk = store.load_meeting(id).unwrap();
    assert_eq!(on_disk, merged.value, "the merge is what was saved");
    assert!(
        on_disk.place.starts_with("Salle des fêtes"),
        "their change is kept"
    );
    assert_eq!(on_disk.agenda[0].notes, "Notes de séance", "ours too");
    assert_eq!(merged.report.taken, ["lieu"]);
    let [copy] = merged.copies.as_slice() else {
        panic!("one copy: {:?}", merged.copies);
    };
    assert!(copy.starts_with("conflits"), "{}", copy.display());
    assert_eq!(
        fs::read_to_string(c.dir.join(copy)).unwrap(),
        edited,
        "the version found is kept byte for byte"
    );
    // The merge is the new base: the next save replaces the file in place.
    let mut next = merged.value.clone();
    next.agenda[0].notes.push_str(" (suite)");
    assert_eq!(store.save_meeting(id, &next).unwrap(), Saved::InPlace);
    assert_eq!(store.load_meeting(id).unwrap(), next);
    let reader = Store::open_read_only(&c.dir, "test");
    assert_eq!(
        reader.meeting_ids().unwrap().len(),
        2,
        "a conflict copy is not a meeting"
    );
    assert_eq!(
        reader.conflict_copies(),
        [(c.dir.join(copy), Some(path.clone()))],
        "the copy is listed with the file it is a copy of"
    );
}

/// A merge names the members it speaks of as the committee file names them: the store reads
/// their names from it when a merge first needs them (not when the committee is opened).
#[test]
fn a_merge_names_members_as_the_committee_file_does() {
    let c = Committee::sample();
    let (id, past) = c.past();
    assert!(
        !past.objectives.is_empty(),
        "the sample's past meeting sets objectives"
    );
    let path = c.meeting_path(id);
    let mut store = Store::open(&c.dir).unwrap();
    let committee = store.load_committee().unwrap();
    let mut meeting = store.load_meeting(id).unwrap();
    let others: Vec<&copilnum::model::Member> = committee
        .members
        .iter()
        .filter(|m| m.id != meeting.objectives[0].owner)
        .collect();
    let mut theirs = meeting.clone();
    theirs.objectives[0].owner = others[0].id;
    fs::write(&path, copilnum::store::meeting_text(id, &theirs)).unwrap();
    meeting.objectives[0].owner = others[1].id;
    let Saved::Merged(merged) = store.save_meeting(id, &meeting).unwrap() else {
        panic!("expected a merge");
    };
    let conflict = merged
        .report
        .conflicts
        .iter()
        .find(|c| c.what.starts_with("responsable"))
        .expect("the owner is a conflict");
    assert_eq!(conflict.theirs, others[0].name);
}

/// A text editor had the file open when a save replaced it, and writes its version into it
/// just after: that version is not lost; the next save merges it.
#[test]
fn a_version_written_into_the_replaced_file_just_after_is_merged_at_the_next_save() {
    use std::io::Write;
    let c = Committee::sample();
    let (id, _) = c.upcoming();
    let path = c.meeting_path(id);
    let mut store = Store::open(&c.dir).unwrap();
    let mut ours = store.load_meeting(id).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    // The editor opened the file (it will write in place) before the save.
    let mut theirs_file = fs::OpenOptions::new().write(true).open(&path).unwrap();
    ours.agenda[0].notes = "Tapé ici".into();
    assert_eq!(store.save_meeting(id, &ours).unwrap(), Saved::InPlace);
    // It writes now, into what is no longer the meeting's file.
    let theirs = text.replace("Salle du conseil", "Salle des fêtes");
    theirs_file.set_len(0).unwrap();
    theirs_file.write_all(theirs.as_bytes()).unwrap();
    drop(theirs_file);
    assert!(store.late_writes(), "seen");
    ours.agenda[0].notes.push_str(" puis encore");
    let Saved::Merged(merged) = store.save_meeting(id, &ours).unwrap() else {
        panic!("the late version is merged");
    };
    let on_disk = store.load_meeting(id).unwrap();
    assert!(
        on_disk.place.starts_with("Salle des fêtes"),
        "{}",
        on_disk.place
    );
    assert_eq!(on_disk.agenda[0].notes, "Tapé ici puis encore");
    assert_eq!(merged.copies.len(), 1, "and kept as found");
    assert!(!store.late_writes(), "once");
}

#[test]
fn the_committee_file_changed_on_disk_is_merged_too() {
    let c = Committee::sample();
    let mut store = Store::open(&c.dir).unwrap();
    let mut committee = store.load_committee().unwrap();
    let path = c.dir.join("comite.ron");
    let edited = fs::read_to_string(&path)
        .unwrap()
        .replace(&committee.territory, "Territoire modifié ailleurs");
    fs::write(&path, &edited).unwrap();
    committee.members[0].function = "Fonction modifiée ici".into();
    let Saved::Merged(merged) = store.save_committee(&committee).unwrap() else {
        panic!("expected a merge");
    };
    let on_disk = store.load_committee().unwrap();
    assert_eq!(on_disk.territory, "Territoire modifié ailleurs");
    assert_eq!(on_disk.members[0].function, "Fonction modifiée ici");
    assert_eq!(
        fs::read_to_string(c.dir.join(&merged.copies[0])).unwrap(),
        edited
    );
}

#[test]
fn a_meeting_file_someone_else_created_is_kept_as_a_copy() {
    let c = Committee::sample();
    let (id, meeting) = c.upcoming();
    let before = fs::read(c.meeting_path(id)).unwrap();
    let mut store = Store::open(&c.dir).unwrap();
    let mut ours = meeting.clone();
    ours.place = "Ici".into();
    // This store never read the file: nothing to merge from, so it is kept whole as a copy.
    let Saved::Merged(merged) = store.save_meeting(id, &ours).unwrap() else {
        panic!("expected a merge");
    };
    assert_eq!(store.load_meeting(id).unwrap(), ours);
    assert_eq!(fs::read(c.dir.join(&merged.copies[0])).unwrap(), before);
    assert_eq!(merged.report.conflicts[0].what, "tout le fichier");
}

/// A file broken in a given way, the line of the error, and words the message must hold.
struct Broken {
    what: &'static str,
    edit: fn(&str) -> Vec<u8>,
    line: Option<usize>,
    says: &'static str,
}

fn broken_files() -> Vec<Broken> {
    vec![
        Broken {
            what: "truncated",
            edit: |t| t.as_bytes()[..t.len() / 2].to_vec(),
            line: None,
            says: "tronqué",
        },
        Broken {
            what: "empty",
            edit: |_| Vec::new(),
            line: Some(1),
            says: "tronqué",
        },
        Broken {
            what: "missing comma",
            edit: |t| {
                t.replacen("kind: Ordinary,", "kind: Ordinary", 1)
                    .into_bytes()
            },
            line: Some(9),
            says: "virgule",
        },
        Broken {
            what: "wrong type",
            edit: |t| {
                t.replacen("planned_minutes: 10,", "planned_minutes: \"dix\",", 1)
                    .into_bytes()
            },
            line: None,
            says: "nombre entier",
        },
        Broken {
            what: "unknown field",
            edit: |t| {
                t.replacen("    place:", "    lieu: \"x\",\n    place:", 1)
                    .into_bytes()
            },
            line: Some(7),
            says: "champ inconnu « lieu »",
        },
        Broken {
            what: "missing field",
            edit: |t| {
                t.lines()
                    .filter(|l| !l.starts_with("    kind:"))
                    .collect::<Vec<_>>()
                    .join("\n")
                    .into_bytes()
            },
            line: None,
            says: "« kind » manquant",
        },
        Broken {
            what: "impossible date",
            edit: |t| {
                let start = t.find("    date: \"").unwrap() + 11;
                format!("{}2026-02-30{}", &t[..start], &t[start + 10..]).into_bytes()
            },
            line: Some(5),
            says: "date ou heure invalide",
        },
        Broken {
            what: "unknown variant",
            edit: |t| {
                t.replacen("kind: Ordinary", "kind: Ordinaire", 1)
                    .into_bytes()
            },
            line: Some(8),
            says: "« Ordinaire » inconnue",
        },
        Broken {
            what: "not UTF-8",
            edit: |t| {
                let mut bytes = t.as_bytes().to_vec();
                bytes.insert(t.find("Salle").unwrap() + 2, 0xFF);
                bytes
            },
            line: Some(7),
            says: "UTF-8",
        },
        Broken {
            what: "newer version",
            edit: |t| {
                t.replacen(&current_version(), "version: 99,", 1)
                    .into_bytes()
            },
            line: Some(4),
            says: "plus récent",
        },
        Broken {
            what: "version zero",
            edit: |t| {
                t.replacen(&current_version(), "version: 0,", 1)
                    .into_bytes()
            },
            line: Some(4),
            says: "version de format 0 inconnue",
        },
        Broken {
            what: "unknown field inside a variant",
            edit: |t| {
                t.replacen(
                    "kind: Ordinary,",
                    "kind: Restricted(dossier: \"ENT\", responsable: \"x\"),",
                    1,
                )
                .into_bytes()
            },
            line: Some(8),
            says: "champ inconnu « responsable »",
        },
        Broken {
            what: "a committee in a meeting file",
            edit: |t| t.replacen("Meeting(", "Committee(", 1).into_bytes(),
            line: Some(3),
            says: "« Meeting » attendu",
        },
    ]
}

/// How the version line of a file this build writes reads.
fn current_version() -> String {
    format!("version: {},", copilnum::model::SCHEMA_VERSION)
}

#[test]
fn every_kind_of_bad_file_is_located_explained_and_left_untouched() {
    for broken in broken_files() {
        let c = Committee::sample();
        let (id, _) = c.upcoming();
        let path = c.meeting_path(id);
        let bytes = (broken.edit)(&fs::read_to_string(&path).unwrap());
        fs::write(&path, &bytes).unwrap();
        let before = snapshot(&c.dir);
        let mut store = Store::open(&c.dir).unwrap();
        let error = store.load_meeting(id).expect_err(broken.what).to_string();
        let prefix = format!("{}:", path.display());
        assert!(error.starts_with(&prefix), "{}: {error}", broken.what);
        let mut place = error[prefix.len()..].splitn(3, ':');
        let line: usize = place
            .next()
            .unwrap()
            .parse()
            .unwrap_or_else(|_| panic!("{}: no line in {error}", broken.what));
        let col: usize = place
            .next()
            .unwrap()
            .parse()
            .unwrap_or_else(|_| panic!("{}: no column in {error}", broken.what));
        assert!(line >= 1 && col >= 1);
        if let Some(expected) = broken.line {
            assert_eq!(line, expected, "{}: {error}", broken.what);
        }
        assert!(error.contains(broken.says), "{}: {error}", broken.what);
        if !broken.says.contains("tronqué") {
            assert!(
                !error.contains("tronqué"),
                "{}: only a cut file is called cut: {error}",
                broken.what
            );
        }
        // Trying to save over it goes to a copy: the broken file stays as the user left it.
        let meeting = c.upcoming().1;
        assert!(
            matches!(
                store.save_meeting(id, meeting).unwrap(),
                Saved::Diverted { .. }
            ),
            "{}",
            broken.what
        );
        let after: Vec<_> = snapshot(&c.dir)
            .into_iter()
            .filter(|(p, _)| {
                !p.starts_with(c.dir.join("conflits")) && !p.ends_with(".copilnum.lock")
            })
            .collect();
        let before: Vec<_> = before
            .into_iter()
            .filter(|(p, _)| !p.ends_with(".copilnum.lock"))
            .collect();
        assert_eq!(after, before, "{}: nothing rewritten", broken.what);
    }
}

#[test]
fn a_broken_committee_file_is_reported_with_its_line() {
    let c = Committee::sample();
    let path = c.dir.join("comite.ron");
    let text = fs::read_to_string(&path).unwrap().replacen(
        "scale: \"circonscription\",",
        "scale: circonscription,",
        1,
    );
    fs::write(&path, text).unwrap();
    let error = Store::open_read_only(&c.dir, "test")
        .load_committee()
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with(&format!("{}:6:", path.display())),
        "{error}"
    );
}

#[test]
fn hand_edited_files_with_bom_crlf_and_comments_load() {
    let c = Committee::sample();
    let (id, meeting) = c.upcoming();
    let path = c.meeting_path(id);
    let text = fs::read_to_string(&path).unwrap();
    let text = text.replacen(
        "    kind: Ordinary,",
        "    /* modifié à la main */ kind: Ordinary, // ordinaire",
        1,
    );
    fs::write(&path, format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
    let loaded = Store::open_read_only(&c.dir, "test")
        .load_meeting(id)
        .unwrap();
    // CRLF inside multi-line texts comes back as written; everything else is identical.
    assert_eq!(loaded.agenda.len(), meeting.agenda.len());
    assert_eq!(loaded.evaluations, meeting.evaluations);
    assert_eq!(loaded.date, meeting.date);
}

#[test]
fn two_meetings_on_one_day_get_distinct_names_and_other_files_are_ignored() {
    let c = Committee::sample();
    let (id, meeting) = c.upcoming();
    let mut store = Store::open(&c.dir).unwrap();
    let taken = store.meeting_ids().unwrap();
    let second = MeetingId::free_on(id.date, &taken);
    assert_eq!(second.to_string(), format!("{id}-2"));
    store.save_meeting(second, meeting).unwrap();
    fs::write(c.dir.join("reunions/notes.txt"), "brouillon").unwrap();
    fs::write(c.dir.join("reunions/2026-13-01.ron"), "").unwrap();
    assert_eq!(store.meeting_ids().unwrap(), vec![c.past().0, id, second]);
    assert_eq!(store.find_meeting(&format!("{id}-2")).unwrap(), second);
    let unknown = store.find_meeting("2020-01-01").unwrap_err().to_string();
    assert!(
        unknown.contains("introuvable") && unknown.contains(&id.to_string()),
        "{unknown}"
    );
}

#[test]
fn a_failed_save_reports_in_french_and_keeps_the_file() {
    let c = Committee::sample();
    let (id, _) = c.upcoming();
    let mut store = Store::open(&c.dir).unwrap();
    let mut meeting = store.load_meeting(id).unwrap();
    let before = fs::read(c.meeting_path(id)).unwrap();
    // Make the save fail the way a full or read-only disk does: the temporary file cannot be
    // created beside the target, because the target's folder is replaced by a file.
    fs::rename(c.dir.join("reunions"), c.dir.join("reunions.bak")).unwrap();
    fs::write(c.dir.join("reunions"), "pas un dossier").unwrap();
    meeting.agenda[0].notes = "à garder".into();
    let error = store.save_meeting(id, &meeting).unwrap_err().to_string();
    assert!(
        error.contains("impossible") && error.contains("dossier"),
        "{error}"
    );
    fs::remove_file(c.dir.join("reunions")).unwrap();
    fs::rename(c.dir.join("reunions.bak"), c.dir.join("reunions")).unwrap();
    assert_eq!(fs::read(c.meeting_path(id)).unwrap(), before);
    // Once the disk is back, the retry saves what was kept in memory.
    assert_eq!(store.save_meeting(id, &meeting).unwrap(), Saved::InPlace);
    assert_eq!(
        Store::open_read_only(&c.dir, "t").load_meeting(id).unwrap(),
        meeting
    );
}

#[test]
fn creating_refuses_a_folder_in_use_and_leaves_nothing_half_written() {
    let c = Committee::sample();
    let before = snapshot(&c.dir);
    let again = copilnum::store::create(&c.dir, &c.sample.committee, &[]).unwrap_err();
    assert!(
        again.to_string().contains("contient déjà un comité"),
        "{again}"
    );
    assert_eq!(snapshot(&c.dir), before);

    let busy = c.tmp.path().join("occupe");
    fs::create_dir(&busy).unwrap();
    fs::write(busy.join("autre.txt"), "x").unwrap();
    let refused =
        copilnum::store::create(&busy, &c.sample.committee, &c.sample.meetings).unwrap_err();
    assert!(refused.to_string().contains("n'est pas vide"), "{refused}");
    assert_eq!(fs::read_dir(&busy).unwrap().count(), 1);

    let empty = c.tmp.path().join("vide");
    fs::create_dir(&empty).unwrap();
    copilnum::store::create(&empty, &c.sample.committee, &c.sample.meetings).unwrap();
    assert_eq!(
        Store::open_read_only(&empty, "t")
            .meeting_ids()
            .unwrap()
            .len(),
        2
    );

    let impossible = c.tmp.path().join("occupe/autre.txt/comite");
    assert!(copilnum::store::create(&impossible, &c.sample.committee, &[]).is_err());
    let leftovers: Vec<_> = fs::read_dir(c.tmp.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert!(
        leftovers
            .iter()
            .all(|n| !n.to_string_lossy().contains("copilnum-")),
        "{leftovers:?}"
    );
}

#[test]
fn a_folder_without_committee_says_how_to_create_one() {
    let tmp = tempfile::tempdir().unwrap();
    let error = Store::open_read_only(tmp.path(), "t")
        .load_committee()
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("aucun comité") && error.contains("copilnum init"),
        "{error}"
    );
    let missing = Store::open(&tmp.path().join("absent"))
        .unwrap_err()
        .to_string();
    assert!(missing.contains("introuvable"), "{missing}");
}

#[test]
fn catalogue_files_in_the_folder_override_the_embedded_ones() {
    let c = Committee::sample();
    fs::create_dir_all(c.dir.join("catalogues")).unwrap();
    fs::write(
        c.dir.join("catalogues/roles.ron"),
        "[RoleEntry(id: \"bibliothecaire\", label: \"Bibliothécaire\", seed: \"les bibliothécaires\")]",
    )
    .unwrap();
    let catalog = Store::open_read_only(&c.dir, "t").load_catalog().unwrap();
    assert_eq!(catalog.roles.len(), 1);
    assert_eq!(
        catalog.scales.len(),
        4,
        "files not overridden stay embedded"
    );
    fs::write(c.dir.join("catalogues/roles.ron"), "[RoleEntry(id: \"x\"]").unwrap();
    let error = Store::open_read_only(&c.dir, "t")
        .load_catalog()
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with(&format!(
            "{}:1:",
            c.dir.join("catalogues/roles.ron").display()
        )),
        "{error}"
    );
}

#[test]
fn frozen_files_of_every_schema_version_still_load() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut versions = 0;
    for entry in fs::read_dir(&fixtures).unwrap() {
        let dir = entry.unwrap().path();
        versions += 1;
        let mut store = Store::open_read_only(&dir, "t");
        let committee = store.load_committee().unwrap_or_else(|e| panic!("{e}"));
        let catalog = copilnum::catalog::Catalog::builtin();
        assert_eq!(copilnum::validate::committee(&committee, &catalog), []);
        let meetings = store.load_meetings().unwrap();
        assert!(!meetings.is_empty(), "{}", dir.display());
        for (id, meeting) in meetings {
            let meeting = meeting.unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                meeting.version,
                copilnum::model::SCHEMA_VERSION,
                "{id} is migrated on load"
            );
        }
    }
    assert_eq!(
        versions,
        copilnum::model::SCHEMA_VERSION as usize,
        "one frozen folder per schema version"
    );
}
