//! A save that cannot clobber: another process writes the meeting file at the moment
//! copilnum's temporary file appears — in place, as a text editor does, or by renaming a
//! file over it, as a sync client does — round after round. Every line either side added
//! is in the file at the end: no outside change is ever lost, and nothing of ours either.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Committee;
use copilnum::model::{Meeting, MeetingId};
use copilnum::store::{self, Saved, Store};

const ROUNDS: usize = 60;

/// The copilnum temporary file of that meeting, if one is there.
fn temporary_present(folder: &Path, id: MeetingId) -> bool {
    let prefix = format!(".{id}.ron.copilnum-tmp-");
    fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        })
        .unwrap_or(false)
}

/// In the child process: waits for each temporary file of a save and writes the meeting file
/// right then, with one more line of its own, from what it read before (as a sync client
/// does, it writes a version based on an earlier one). Logs each line once written.
fn write_at_each_save(dir: &Path, id: MeetingId, mode: &str) -> ! {
    let folder = dir.join("reunions");
    let path = folder.join(format!("{id}.ron"));
    let stop = dir.join("stop");
    let mut log = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("written-elsewhere"))
        .unwrap();
    for k in 0.. {
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let Ok(mut meeting) = copilnum::codec::parse::<Meeting>(&path, &text) else {
            continue;
        };
        meeting.agenda[2].notes.push_str(&format!("\nailleurs {k}"));
        let out = store::meeting_text(id, &meeting);
        while !temporary_present(&folder, id) {
            if stop.exists() {
                std::process::exit(0);
            }
            std::hint::spin_loop();
        }
        match mode {
            "in-place" => fs::write(&path, &out).unwrap(),
            _ => {
                let part = folder.join(format!(".sync-{k}.part"));
                fs::write(&part, &out).unwrap();
                fs::rename(&part, &path).unwrap();
            }
        }
        writeln!(log, "ailleurs {k}").unwrap();
        let deadline = Instant::now() + Duration::from_millis(200);
        while temporary_present(&folder, id) && Instant::now() < deadline {
            std::hint::spin_loop();
        }
    }
    unreachable!()
}

/// Whether a save failed because the file was rewritten at each of its attempts.
fn busy(e: &store::StoreError) -> bool {
    matches!(e, store::StoreError::Io { source, .. } if source.kind() == std::io::ErrorKind::ResourceBusy)
}

fn race(mode: &str, test: &str) {
    if let (Ok(dir), Ok(id), Ok(m)) = (
        std::env::var("COPILNUM_RACE_DIR"),
        std::env::var("COPILNUM_RACE_ID"),
        std::env::var("COPILNUM_RACE_MODE"),
    ) {
        if m == mode {
            write_at_each_save(Path::new(&dir), id.parse().unwrap(), mode);
        }
        return;
    }
    let c = Committee::sample();
    let (id, _) = c.upcoming();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env("COPILNUM_RACE_DIR", &c.dir)
        .env("COPILNUM_RACE_ID", id.to_string())
        .env("COPILNUM_RACE_MODE", mode)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut store = Store::open(&c.dir).unwrap();
    let mut ours = store.load_meeting(id).unwrap();
    let mut merges = 0;
    let mut busy_saves = 0;
    for n in 0..ROUNDS {
        ours.agenda[1].notes.push_str(&format!("\nici {n}"));
        match store.save_meeting(id, &ours) {
            Ok(Saved::InPlace) => {}
            Ok(Saved::Merged(merged)) => {
                merges += 1;
                ours = merged.value;
            }
            // Read in the middle of the other writer's write, and still incomplete after a
            // moment (a loaded machine): this save went to a copy; the next one merges.
            Ok(Saved::Diverted { .. }) => {}
            // The writer got in before every one of the save's attempts (it writes at the
            // instant each one begins, and a loaded machine lets it win each time): the save
            // says so and keeps nothing back; the next one merges all of it.
            Err(e) if busy(&e) => busy_saves += 1,
            Err(e) => panic!("{mode}: save failed: {e}"),
        }
        // The writer needs a moment to read the file for its next round.
        std::thread::sleep(Duration::from_millis(3));
    }
    fs::write(c.dir.join("stop"), b"").unwrap();
    child.wait().unwrap();
    // One last save takes in whatever the writer wrote after the last one.
    ours.place = "Fin de l'essai".into();
    if let Saved::Merged(merged) = store.save_meeting(id, &ours).unwrap() {
        merges += 1;
        ours = merged.value;
    }
    let on_disk = Store::open_read_only(&c.dir, "vérification")
        .load_meeting(id)
        .unwrap();
    assert_eq!(on_disk, ours, "what was saved is what the file holds");
    let notes = |i: usize| on_disk.agenda[i].notes.split('\n').collect::<Vec<_>>();
    let (here, there) = (notes(1), notes(2));
    for n in 0..ROUNDS {
        assert!(
            here.contains(&format!("ici {n}").as_str()),
            "{mode}: « ici {n} » lost"
        );
    }
    let written = fs::read_to_string(c.dir.join("written-elsewhere")).unwrap_or_default();
    for line in written.lines() {
        assert!(
            there.contains(&line),
            "{mode}: « {line} », written elsewhere, lost; item 2: {there:?}; merges {merges}"
        );
    }
    let copies: Vec<PathBuf> = fs::read_dir(c.dir.join("conflits"))
        .map(|e| e.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    let conflicts = there.iter().filter(|l| l.contains("CONFLIT")).count();
    println!(
        "{mode}: {} writes elsewhere, {merges} merges, {busy_saves} saves overtaken at every \
         attempt, {} copies kept, {conflicts} conflict lines",
        written.lines().count(),
        copies.len()
    );
    assert!(
        busy_saves < ROUNDS,
        "{mode}: at least one save in the race went through"
    );
    assert!(written.lines().count() > 0, "the other process wrote");
    assert!(merges > 0, "the saves met the other process");
    assert!(
        store.temporaries().is_empty(),
        "no temporary file left: {:?}",
        store.temporaries()
    );
}

#[test]
fn a_file_written_in_place_at_each_save_loses_nothing() {
    race(
        "in-place",
        "a_file_written_in_place_at_each_save_loses_nothing",
    );
}

#[test]
fn a_file_replaced_by_rename_at_each_save_loses_nothing() {
    race(
        "rename",
        "a_file_replaced_by_rename_at_each_save_loses_nothing",
    );
}
