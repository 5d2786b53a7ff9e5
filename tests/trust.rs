//! End-to-end tests of what issue 7 asks: nothing lost even when someone else writes. The
//! real binary in a pty while another program replaces or rewrites the meeting file, a
//! SIGKILL a moment after the last key, a SIGHUP with a form open, and a full disk.

mod common;
#[path = "e2e/pty.rs"]
mod pty;
#[path = "e2e/sample.rs"]
mod sample;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use copilnum::model::Meeting;
use pty::keys::{self, ctrl};
use pty::{DEADLINE, Spawn, Tui};
use sample::{BIN, Sample, first_notes, open_upcoming_notes, read_meeting};

/// Waits until the meeting file holds `text` in its first step's notes.
fn wait_saved(tui: &mut Tui, path: &Path, text: &str) {
    let end = Instant::now() + DEADLINE;
    while !first_notes(path).contains(text) {
        if Instant::now() >= end {
            tui.fail(&format!("« {text} » never saved"));
        }
        tui.refresh();
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Another program writes the meeting: the place changed and a line added to the notes of
/// the last step, from `base` (what it read, perhaps a while ago).
fn written_elsewhere(base: &Meeting, path: &Path, in_place: bool) {
    let mut theirs = base.clone();
    theirs.place = "Salle polyvalente (changée ailleurs)".into();
    let last = theirs.agenda.len() - 1;
    theirs.agenda[last]
        .notes
        .push_str("\nAjouté sur l'autre ordinateur.");
    let id = path
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.parse().ok())
        .expect("a meeting file");
    let text = copilnum::store::meeting_text(id, &theirs);
    if in_place {
        std::fs::write(path, text).expect("write in place");
    } else {
        let part = path.with_file_name(".sync.part");
        std::fs::write(&part, text).expect("write");
        std::fs::rename(&part, path).expect("rename");
    }
}

fn conflict_copies(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir.join("conflits"))
        .map(|e| e.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default()
}

/// Typing goes on while a sync client (by rename) or a text editor (in place) writes the
/// file, from a version read before the last keys: after quitting, the file holds both.
fn typing_goes_on_while_the_file_is_written_elsewhere(in_place: bool) {
    let sample = Sample::new();
    let path = sample.upcoming();
    let mut tui = sample.open();
    open_upcoming_notes(&mut tui);
    tui.type_text("Premier point. ");
    wait_saved(&mut tui, &path, "Premier point.");
    // The other program read the file now…
    let seen = read_meeting(&path);
    tui.type_text("Deuxième point. ");
    wait_saved(&mut tui, &path, "Deuxième point.");
    // …and writes its version after our last save.
    written_elsewhere(&seen, &path, in_place);
    tui.type_text("Troisième point.");
    tui.wait_for("modifié ailleurs");
    tui.wait_for("fusionné");
    tui.wait_for("Salle polyvalente");
    // Typing under the banner draws the notes where the whole frame put them, below the
    // meeting's header, not over it.
    tui.type_text(" Suite");
    tui.wait_for("point. Suite");
    let screen = tui.contents();
    let row = |text: &str| screen.lines().position(|l| l.contains(text));
    assert!(row("Étape 1/").is_some(), "{screen}");
    assert!(row("Étape 1/") < row("Notes (F3)"), "{screen}");
    for _ in 0.." Suite".len() {
        tui.send(keys::BACKSPACE);
    }
    tui.wait_gone("point. Suite");
    tui.send(ctrl('k'));
    tui.wait_gone("fusionné");
    tui.send(keys::F10);
    assert!(tui.wait_exit().success(), "{}", tui.dump());
    let saved = read_meeting(&path);
    let notes = &saved.agenda[0].notes;
    assert_eq!(notes, "Premier point. Deuxième point. Troisième point.");
    assert_eq!(saved.place, "Salle polyvalente (changée ailleurs)");
    let last = saved.agenda.len() - 1;
    assert!(
        saved.agenda[last]
            .notes
            .ends_with("Ajouté sur l'autre ordinateur."),
        "{}",
        saved.agenda[last].notes
    );
    let copies = conflict_copies(&sample.dir);
    assert_eq!(copies.len(), 1, "{copies:?}");
    let copy: Meeting =
        copilnum::codec::parse(&copies[0], &std::fs::read_to_string(&copies[0]).unwrap()).unwrap();
    assert_eq!(
        copy.place, "Salle polyvalente (changée ailleurs)",
        "the version found is kept"
    );
}

#[test]
fn a_sync_that_replaces_the_file_while_typing_keeps_both_texts() {
    typing_goes_on_while_the_file_is_written_elsewhere(false);
}

#[test]
fn a_hand_edit_written_in_place_while_typing_keeps_both_texts() {
    typing_goes_on_while_the_file_is_written_elsewhere(true);
}

/// SIGKILL a tenth of a second after the last key, round after round: whatever was typed is
/// there once copilnum is opened again, which says so and reopens the meeting.
#[test]
fn sigkill_a_moment_after_the_last_key_loses_nothing() {
    let sample = Sample::new();
    let path = sample.upcoming();
    let mut typed = String::new();
    for round in 0..4 {
        let mut tui = sample.open();
        if round == 0 {
            open_upcoming_notes(&mut tui);
        } else {
            tui.wait_for("Reprise après un arrêt inattendu");
            tui.wait_for("Étape 1/");
            tui.send(keys::F3);
        }
        let burst = format!("rafale {round} : « é à œ » 👍 ");
        tui.type_text(&burst);
        typed.push_str(&burst);
        tui.wait_for(&format!("rafale {round}"));
        std::thread::sleep(Duration::from_millis(100));
        tui.signal("KILL");
        tui.wait_exit();
    }
    let mut tui = sample.open();
    tui.wait_for("Reprise après un arrêt inattendu");
    tui.send(keys::F10);
    assert!(tui.wait_exit().success(), "{}", tui.dump());
    assert_eq!(first_notes(&path), typed);
    assert!(
        !sample.dir.join(".copilnum.journal").exists(),
        "the journal goes once everything is saved"
    );
}

/// The window is closed with the objective form half filled: reopening shows the meeting
/// with the form as it was.
#[test]
fn sighup_with_a_form_open_keeps_the_form() {
    let sample = Sample::new();
    let mut tui = sample.open();
    open_upcoming_notes(&mut tui);
    tui.send(ctrl('o'));
    tui.wait_for("Objectif");
    let statement = "Équiper chaque école d'un vidéoprojecteur";
    tui.type_text(statement);
    tui.wait_for(statement);
    std::thread::sleep(Duration::from_millis(100));
    tui.hang_up();
    tui.wait_exit();
    let journal = std::fs::read_to_string(sample.dir.join(".copilnum.journal"))
        .expect("the form's text is kept");
    assert!(journal.contains("vidéoprojecteur"), "{journal}");
    let mut tui = sample.open();
    tui.wait_for("Reprise après un arrêt inattendu");
    tui.wait_for(statement);
    // The form is live: Escape abandons it, and then it is gone for good.
    tui.esc();
    tui.wait_gone(statement);
    tui.send(keys::F10);
    assert!(tui.wait_exit().success(), "{}", tui.dump());
    assert!(!sample.dir.join(".copilnum.journal").exists());
}

/// The disk fills up during a meeting (a small tmpfs, in a mount namespace of the test's
/// own): saves fail and are retried, every backup stays as it was, nothing typed is lost, and
/// once space is freed the save goes through and the backups move along by one.
#[test]
fn a_full_disk_leaves_every_backup_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let mount = tmp.path().join("disque");
    std::fs::create_dir(&mount).unwrap();
    let mount_arg = mount.to_str().unwrap();
    let probe = Command::new("unshare")
        .args([
            "-m",
            "sh",
            "-c",
            "mount -t tmpfs -o size=4m tmpfs \"$0\"",
            mount_arg,
        ])
        .output();
    if !probe.is_ok_and(|out| out.status.success()) {
        eprintln!("skipped: a small tmpfs needs root and unshare");
        return;
    }
    let script = "mount -t tmpfs -o size=4m tmpfs \"$1\" && \"$0\" sample \"$1/comite\" >/dev/null && exec \"$0\" --dir \"$1/comite\"";
    let mut tui = Spawn::new(tmp.path(), &["-m", "sh", "-c", script, BIN, mount_arg])
        .program("unshare")
        .start();
    tui.wait_for("à venir");
    // The committee as the program sees it, through its own mount namespace.
    let dir = PathBuf::from(format!("/proc/{}/root{}/comite", tui.pid, mount.display()));
    let meetings = dir.join("reunions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&meetings)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let path = files.pop().unwrap();
    let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
    // Ten good backups, as after a long meeting.
    let backups = dir.join("sauvegardes");
    std::fs::create_dir_all(&backups).unwrap();
    let original = std::fs::read(&path).unwrap();
    for n in 1..=10 {
        let mut bytes = original.clone();
        bytes.extend_from_slice(format!("// sauvegarde {n}\n").as_bytes());
        std::fs::write(backups.join(format!("{stem}.{n}.ron")), bytes).unwrap();
    }
    let before: Vec<Vec<u8>> = (1..=10)
        .map(|n| std::fs::read(backups.join(format!("{stem}.{n}.ron"))).unwrap())
        .collect();
    // Fill the disk.
    let filler = dir.join("remplissage");
    {
        use std::io::Write;
        let mut file = std::fs::File::create(&filler).unwrap();
        let block = vec![0u8; 64 * 1024];
        while file.write_all(&block).is_ok() {}
        let _ = file.sync_all();
    }
    tui.send(keys::ENTER);
    tui.wait_for("Étape 1/");
    tui.send(keys::F3);
    let text = "Noté pendant que le disque est plein";
    tui.type_text(text);
    tui.wait_for("disque plein");
    // Two retries, three seconds apart.
    std::thread::sleep(Duration::from_secs(7));
    tui.refresh();
    for (n, expected) in before.iter().enumerate() {
        let now = std::fs::read(backups.join(format!("{stem}.{}.ron", n + 1))).unwrap();
        assert!(
            now == *expected,
            "backup {} changed while the disk was full",
            n + 1
        );
    }
    assert_eq!(
        std::fs::read(&path).unwrap(),
        original,
        "the file is untouched"
    );
    // Space again: the next retry saves, and the backups move along by one.
    std::fs::remove_file(&filler).unwrap();
    let end = Instant::now() + DEADLINE;
    while !first_notes(&path).contains(text) {
        assert!(
            Instant::now() < end,
            "never saved once space was freed\n{}",
            tui.dump()
        );
        tui.refresh();
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(
        std::fs::read(backups.join(format!("{stem}.1.ron"))).unwrap(),
        original
    );
    for n in 2..=10 {
        let now = std::fs::read(backups.join(format!("{stem}.{n}.ron"))).unwrap();
        assert_eq!(now, before[n - 2], "backup {n} is the former {}", n - 1);
    }
    tui.send(keys::F10);
    assert!(tui.wait_exit().success(), "{}", tui.dump());
}

/// The save race, with the real editor: while the secretary types, another program writes the
/// meeting file at the very moment each autosave's temporary file appears — in place one time,
/// by rename the next. After quitting, every word typed and every line written elsewhere is in
/// the file.
#[test]
fn another_program_writing_at_each_autosave_loses_nothing() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let sample = Sample::new();
    let path = sample.upcoming();
    let id: copilnum::model::MeetingId = path
        .file_stem()
        .and_then(|s| s.to_str())
        .and_then(|s| s.parse().ok())
        .unwrap();
    let folder = path.parent().unwrap().to_path_buf();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (stop, path, folder) = (Arc::clone(&stop), path.clone(), folder.clone());
        std::thread::spawn(move || {
            let prefix = format!(".{id}.ron.copilnum-tmp-");
            let temporary = || {
                std::fs::read_dir(&folder).is_ok_and(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .any(|e| e.file_name().to_string_lossy().starts_with(&prefix))
                })
            };
            let mut written = Vec::new();
            for k in 0.. {
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let Ok(mut theirs) = copilnum::codec::parse::<Meeting>(&path, &text) else {
                    continue;
                };
                let last = theirs.agenda.len() - 1;
                theirs.agenda[last]
                    .notes
                    .push_str(&format!("\nailleurs {k}"));
                let out = copilnum::store::meeting_text(id, &theirs);
                while !temporary() {
                    if stop.load(Ordering::Relaxed) {
                        return written;
                    }
                    std::hint::spin_loop();
                }
                if k % 2 == 0 {
                    std::fs::write(&path, &out).unwrap();
                } else {
                    let part = folder.join(format!(".sync-{k}.part"));
                    std::fs::write(&part, &out).unwrap();
                    std::fs::rename(&part, &path).unwrap();
                }
                written.push(format!("ailleurs {k}"));
                let end = Instant::now() + Duration::from_millis(300);
                while temporary() && Instant::now() < end {
                    std::hint::spin_loop();
                }
            }
            written
        })
    };
    let mut tui = sample.open();
    open_upcoming_notes(&mut tui);
    let mut typed = String::new();
    let start = Instant::now();
    let mut n = 0;
    while start.elapsed() < Duration::from_secs(5) {
        let word = format!("mot{n} ");
        tui.type_text(&word);
        typed.push_str(&word);
        n += 1;
        tui.refresh();
        std::thread::sleep(Duration::from_millis(60));
    }
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    tui.send(ctrl('s'));
    tui.send(keys::F10);
    assert!(tui.wait_exit().success(), "{}", tui.dump());
    let saved = read_meeting(&path);
    assert_eq!(saved.agenda[0].notes, typed, "every word typed");
    let last = saved.agenda.len() - 1;
    let theirs: Vec<&str> = saved.agenda[last].notes.split('\n').collect();
    for line in &written {
        assert!(
            theirs.contains(&line.as_str()),
            "« {line} », written elsewhere, lost"
        );
    }
    assert!(
        !written.is_empty(),
        "the other program wrote during the saves"
    );
    eprintln!("{} writes elsewhere during {n} words", written.len());
}
