//! End-to-end tests of what the fault runs found, on the real binary in a pseudo-terminal:
//! text whose line ends arrive as keys, onboarding abandoned, a folder that cannot be written.

#[path = "e2e/pty.rs"]
mod pty;
#[path = "e2e/sample.rs"]
mod sample;

use std::path::Path;
use std::process::Command;

use pty::{Spawn, Tui, keys};
use sample::{BIN, Sample, first_notes, open_upcoming_notes};

#[test]
fn lines_sent_with_lf_or_cr_lf_are_all_there_after_reopening() {
    let sample = Sample::new();
    let path = sample.upcoming();
    let mut tui = sample.open();
    open_upcoming_notes(&mut tui);
    // As a terminal without bracketed paste sends a pasted text: each byte a key, LF as
    // Ctrl+J; a Unix text (LF), then a Windows one (CR LF).
    let unix: Vec<String> = (1..=400).map(|i| format!("ligne LF {i} é")).collect();
    let windows: Vec<String> = (1..=100).map(|i| format!("ligne CRLF {i} à")).collect();
    tui.send(unix.join("\n"));
    tui.send("\r\n");
    tui.send(windows.join("\r\n"));
    tui.wait_for("ligne CRLF 100 à");
    tui.send(keys::F10);
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");

    let expected = format!("{}\n{}", unix.join("\n"), windows.join("\n"));
    let saved = first_notes(&path);
    assert_eq!(saved.lines().count(), 500, "one line each, no blank line");
    assert!(saved == expected, "every line, in order");

    // Reopened: the notes are there, line by line, the last ones on screen.
    let mut tui = sample.open();
    open_upcoming_notes(&mut tui);
    tui.wait_for("ligne CRLF 99 à");
    let screen = tui.contents();
    let row = |text: &str| screen.lines().position(|l| l.contains(text));
    assert_eq!(
        row("ligne CRLF 99 à").map(|r| r + 1),
        row("ligne CRLF 100 à"),
        "on consecutive rows:\n{screen}"
    );
    tui.send(keys::F10);
    tui.wait_exit();
    assert!(first_notes(&path) == expected, "reopening changed nothing");
}

/// Every entry of a folder, by name.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("readable folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Starts copilnum on `dir` in `cwd`, waits for the onboarding, types a name if asked, and
/// leaves with Échap (confirmed with Entrée when something was typed): it must exit cleanly.
fn abandon_onboarding(cwd: &Path, dir: &str, typed: &str) {
    let mut tui = Spawn::new(cwd, &["--dir", dir]).start();
    tui.wait_for("Nouveau comité");
    tui.wait_for("Nom du comité");
    if !typed.is_empty() {
        tui.type_text(typed);
        tui.wait_for(typed);
    }
    tui.esc();
    if !typed.is_empty() {
        tui.wait_for("Quitter sans créer le comité ?");
        tui.send(keys::ENTER);
    }
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}\n{}", tui.dump());
}

#[test]
fn abandoning_the_onboarding_leaves_no_folder_and_no_lock() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let cwd = tmp.path();
    let before = entries(cwd);

    // A folder that does not exist, several levels deep: not created.
    let missing = cwd.join("a/b/nouveau");
    abandon_onboarding(cwd, missing.to_str().expect("UTF-8"), "");
    abandon_onboarding(cwd, missing.to_str().expect("UTF-8"), "COPIL-Num d'Évian");
    let after: Vec<String> = entries(cwd)
        .into_iter()
        .filter(|n| n != "copilnum.log")
        .collect();
    assert_eq!(after, before, "nothing created beside the log");

    // An empty folder: left empty, without a lock file.
    let empty = cwd.join("vide");
    std::fs::create_dir(&empty).expect("empty folder");
    abandon_onboarding(cwd, empty.to_str().expect("UTF-8"), "COPIL");
    assert_eq!(entries(&empty), Vec::<String>::new());
}

#[test]
fn abandoning_the_onboarding_on_the_root_folder_leaves_nothing() {
    let lock = Path::new("/.copilnum.lock");
    if lock.exists() {
        // Left by an older copilnum: this run could not tell.
        eprintln!("skipped: {} exists before the test", lock.display());
        return;
    }
    let tmp = tempfile::tempdir().expect("temporary folder");
    let before = entries(Path::new("/"));
    abandon_onboarding(tmp.path(), "/", "");
    assert!(!lock.exists(), "a lock file was left in /");
    assert_eq!(entries(Path::new("/")), before);
}

#[test]
fn the_onboarding_creates_a_missing_folder_only_with_the_committee() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("nouveau");
    let mut tui = Spawn::new(tmp.path(), &["--dir", dir.to_str().expect("UTF-8")]).start();
    tui.wait_for("Nom du comité");
    tui.type_text("COPIL-Num de Sciez");
    tui.send(keys::ENTER); // → scale
    tui.send(keys::ENTER); // → territory
    tui.type_text("Sciez");
    tui.send(keys::ENTER); // → pilot
    tui.type_text("M. Favre, IEN");
    tui.wait_for("M. Favre, IEN");
    assert!(!dir.exists(), "nothing before the committee is created");
    tui.send(keys::ENTER);
    tui.wait_for("Réunions (0)");
    assert!(dir.join("comite.ron").is_file());
    assert!(
        dir.join(".copilnum.lock").is_file(),
        "the lock is taken once the committee exists"
    );
    tui.send(keys::F10);
    assert!(tui.wait_exit().success());
    assert_eq!(
        entries(&dir),
        ["comite.ron", "reunions"],
        "the lock's note goes with it"
    );
}

/// Runs copilnum on `dir` mounted read-only (a bind mount in a mount namespace of its own, so
/// that nothing outlives the test); `None` where mounting is not allowed (not root, no
/// `unshare`).
fn open_on_read_only_mount(cwd: &Path, dir: &Path) -> Option<Tui> {
    let dir = dir.to_str().expect("UTF-8");
    let probe = Command::new("unshare")
        .args(["-m", "sh", "-c", "mount --bind -o ro \"$0\" \"$0\"", dir])
        .output();
    if !probe.is_ok_and(|out| out.status.success()) {
        return None;
    }
    let script = "mount --bind -o ro \"$1\" \"$1\" && exec \"$0\" --dir \"$1\"";
    Some(
        Spawn::new(cwd, &["-m", "sh", "-c", script, BIN, dir])
            .program("unshare")
            .start(),
    )
}

#[test]
fn a_folder_on_a_read_only_disk_opens_read_only_and_says_why() {
    let sample = Sample::new();
    let before = std::fs::read(sample.upcoming()).expect("meeting");
    let Some(mut tui) = open_on_read_only_mount(sample.cwd(), &sample.dir) else {
        eprintln!("skipped: a read-only bind mount needs root and unshare");
        return;
    };
    tui.wait_for("Lecture seule : ce dossier est sur un disque en lecture seule");
    tui.wait_for("à venir");
    tui.send(keys::ENTER);
    tui.wait_for("Étape 1/");
    tui.send(keys::F3);
    tui.type_text("x");
    tui.wait_for("rien ne peut être modifié");
    tui.send(keys::F10);
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}\n{}", tui.dump());
    assert_eq!(std::fs::read(sample.upcoming()).expect("meeting"), before);
}
