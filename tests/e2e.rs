//! End-to-end tests: the real `copilnum` binary in a pseudo-terminal, driven with keys as a
//! secretary types them, its screen read through a vt100 model, and the files it saved read
//! back. The committee is written by `copilnum sample`, the real binary too.

mod common;
#[path = "e2e/pty.rs"]
mod pty;
#[path = "e2e/sample.rs"]
mod sample;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use copilnum::app::form::fold;
use copilnum::model::{Committee, Domain, Meeting, Presence};
use pty::keys::{self, ctrl};
use pty::{DEADLINE, Spawn, Tui};
use sample::{BIN, Sample, first_notes, open_upcoming_notes, read_meeting, step_item};

/// Polls a file until `done` holds for the meeting it holds, or the deadline passes.
fn wait_for_file(path: &Path, deadline: Duration, done: impl Fn(&Meeting) -> bool) -> bool {
    let end = Instant::now() + deadline;
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && let Ok(meeting) = copilnum::codec::parse::<Meeting>(path, &text)
            && done(&meeting)
        {
            return true;
        }
        if Instant::now() >= end {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Every file under a folder with its bytes, by relative path (folders end with '/').
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, into: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("readable folder") {
            let path = entry.expect("entry").path();
            let name = path
                .strip_prefix(root)
                .expect("inside")
                .display()
                .to_string();
            if path.is_dir() {
                into.insert(format!("{name}/"), Vec::new());
                walk(root, &path, into);
            } else {
                into.insert(name, std::fs::read(&path).expect("readable file"));
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

// 1 ─────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn a_whole_meeting_is_walked_and_everything_is_saved() {
    let sample = Sample::new();
    let path = sample.upcoming();
    let date = read_meeting(&path).date;
    let due = date + chrono::Days::new(180);
    let members = sample.active_members();
    // The first of the roster is marked present; the second owns the objective, found by
    // typing the last word of their name without its accents.
    let (present, owner) = (&members[0], &members[1]);
    let filter = fold(owner.name.rsplit(' ').next().unwrap_or_default());
    assert_eq!(
        members
            .iter()
            .filter(|m| fold(&m.name).contains(&filter))
            .count(),
        1,
        "« {filter} » should find {} alone",
        owner.name
    );
    let mut tui = sample.open();
    open_upcoming_notes(&mut tui);

    // Notes with accents, and the second line recorded as a decision.
    tui.type_text("Bonjour à tous, ça démarre.");
    tui.send(keys::ENTER);
    tui.type_text("Décision : ENT généralisé en 2027");
    tui.wait_for("ENT généralisé en 2027");
    tui.send(ctrl('d'));
    tui.wait_for("Décisions (1)");

    // Next step, then attendance: the first person of the roster is marked present.
    tui.send(keys::F8);
    tui.wait_for("Étape 2/");
    tui.send(keys::F2);
    // The selected row: "▶", its place in the speaking order, the name.
    let selected = |t: &Tui| {
        t.contents()
            .lines()
            .any(|l| l.contains('▶') && l.contains(&present.name))
    };
    if !tui.wait_until(DEADLINE, selected) {
        tui.fail(&format!("{} is not selected", present.name));
    }
    tui.send(keys::SPACE);
    tui.wait_for("1 présent");

    // A new objective: statement, owner found by typing part of the name, due date.
    tui.send(ctrl('o'));
    tui.wait_for("Nouvel objectif opérationnel");
    tui.type_text("Équiper chaque école d'un ENT");
    tui.send(keys::ENTER);
    tui.type_text(&filter);
    tui.wait_for(&format!("◀ {} (", owner.name));
    tui.send(keys::ENTER);
    tui.type_text(&due.format("%d/%m/%Y").to_string());
    tui.send(keys::ENTER);
    tui.type_text("100 % des écoles équipées");
    tui.send(keys::ENTER); // → domain
    tui.send(keys::ENTER); // → CRCN
    tui.send(keys::ENTER); // validate
    tui.wait_gone("Nouvel objectif opérationnel");
    tui.send(keys::F4);
    tui.wait_for("Équiper chaque école");

    tui.send(keys::F10);
    let status = tui.wait_exit();
    assert!(status.success(), "exit status {status:?}\n{}", tui.dump());

    let meeting = read_meeting(&path);
    let step = step_item(&meeting, 0);
    assert_eq!(
        step.notes,
        "Bonjour à tous, ça démarre.\nDécision : ENT généralisé en 2027"
    );
    assert_eq!(
        step.decisions
            .iter()
            .map(|d| d.text.as_str())
            .collect::<Vec<_>>(),
        ["Décision : ENT généralisé en 2027"]
    );
    assert_eq!(meeting.current_step, 1, "F8 moved to the second step");
    assert_eq!(meeting.presence_of(present.id), Some(&Presence::Present));
    assert_eq!(meeting.attendance_count(), 1);
    assert_eq!(meeting.objectives.len(), 1, "{:#?}", meeting.objectives);
    let objective = &meeting.objectives[0];
    assert_eq!(objective.statement, "Équiper chaque école d'un ENT");
    assert_eq!(objective.owner, owner.id, "owner {}", owner.name);
    assert_eq!(objective.due, due);
    assert_eq!(objective.indicator, "100 % des écoles équipées");
    assert_eq!(objective.domain, Domain::Pedagogical);
}

// 2 ─────────────────────────────────────────────────────────────────────────────────────────

/// Types, and sends the signal as soon as the text is on screen (before the autosave, which
/// runs a second after a change): the text must be in the file after the program exits.
fn signal_mid_typing(signal: &str) {
    let sample = Sample::new();
    let path = sample.upcoming();
    let mut tui = sample.open();
    open_upcoming_notes(&mut tui);
    let text = format!("Coupure par SIG{signal} : é à œ ç");
    tui.type_text(&text);
    tui.wait_for(&text);
    let saved_before = first_notes(&path);
    tui.signal(signal);
    assert_ne!(
        saved_before, text,
        "the autosave had already run: the test proved nothing"
    );
    let status = tui.wait_exit();
    assert_eq!(status.signal(), None, "SIG{signal} killed it: {status:?}");
    assert!(
        status.success(),
        "exit status {status:?}\n{}",
        tui.log_tail()
    );
    assert_eq!(first_notes(&path), text);
}

#[test]
fn sighup_mid_typing_saves_the_text() {
    signal_mid_typing("HUP");
}

#[test]
fn sigterm_mid_typing_saves_the_text() {
    signal_mid_typing("TERM");
}

/// The terminal window is closed: the master side goes away, the kernel sends SIGHUP, and the
/// terminal is already gone when the program saves.
fn close_the_terminal_mid_typing() -> (Sample, Tui, portable_pty::ExitStatus) {
    let sample = Sample::new();
    let path = sample.upcoming();
    let mut tui = sample.open();
    open_upcoming_notes(&mut tui);
    let text = "Fenêtre fermée en pleine frappe";
    tui.type_text(text);
    tui.wait_for(text);
    let saved_before = first_notes(&path);
    tui.hang_up();
    assert_ne!(
        saved_before, text,
        "the autosave had already run: the test proved nothing"
    );
    let status = tui.wait_exit();
    assert_eq!(first_notes(&path), text, "log:\n{}", tui.log_tail());
    (sample, tui, status)
}

#[test]
fn closing_the_terminal_mid_typing_saves_the_text() {
    close_the_terminal_mid_typing();
}

/// Regression: once the terminal is gone, the program saved but then died of SIGABRT —
/// ratatui's restore and its `Terminal`'s drop report failures with `eprintln!`, which panics
/// on a dead terminal (EIO), inside the panic hook: abort. It must exit normally, so that what
/// runs after (the log line, the demo's clean-up) runs.
#[test]
fn closing_the_terminal_exits_cleanly() {
    let (_sample, tui, status) = close_the_terminal_mid_typing();
    assert_eq!(
        status.signal(),
        None,
        "the program died of a signal after the hang-up: {status:?}\nlog:\n{}",
        tui.log_tail()
    );
}

/// Regression (same cause as above): `copilnum demo` closed with its terminal window must
/// still remove its temporary copy.
#[test]
fn the_demo_closed_with_its_terminal_removes_its_temp_folder() {
    let cwd = tempfile::tempdir().expect("temporary folder");
    let mut tui = Spawn::new(cwd.path(), &["demo"]).start();
    tui.wait_for("à venir");
    let folder = std::env::temp_dir().join(format!("copilnum-demo-{}", tui.pid));
    assert!(folder.exists(), "the demo runs from {}", folder.display());
    tui.hang_up();
    let status = tui.wait_exit();
    let left = folder.exists();
    // Clean up if it failed, so that the temporary folder does not fill up.
    let _ = std::fs::remove_dir_all(&folder);
    assert!(
        !left,
        "{} is still there after the demo's terminal was closed ({status:?})",
        folder.display()
    );
}

// 3 ─────────────────────────────────────────────────────────────────────────────────────────

/// SIGKILL cannot be caught: what the autosave wrote is what remains. Typing goes on until the
/// kill, so the kill may well land during a save: the file must still parse, hold everything
/// typed more than two seconds before, and nothing that was not typed.
#[test]
fn sigkill_during_typing_loses_at_most_two_seconds() {
    let sample = Sample::new();
    let path = sample.upcoming();
    let mut tui = sample.open();
    open_upcoming_notes(&mut tui);
    let first = "Avant la panne : données sûres. ";
    tui.type_text(first);
    tui.wait_for(first.trim_end());

    let mut typed = first.to_string();
    // (time, length of the text typed by then)
    let mut marks = vec![(Instant::now(), typed.len())];
    let start = Instant::now();
    let mut n = 0;
    while start.elapsed() < Duration::from_millis(2500) {
        let word = format!("mot{n}é ");
        tui.type_text(&word);
        typed.push_str(&word);
        marks.push((Instant::now(), typed.len()));
        n += 1;
        tui.refresh();
        std::thread::sleep(Duration::from_millis(40));
    }
    tui.signal("KILL");
    let killed = Instant::now();
    let status = tui.wait_exit();
    assert!(!status.success(), "SIGKILL: {status:?}");

    let saved = first_notes(&path);
    assert!(
        typed.starts_with(&saved),
        "the file holds text that was never typed:\n{saved:?}\nvs\n{typed:?}"
    );
    let safe = marks
        .iter()
        .filter(|(at, _)| killed.duration_since(*at) >= Duration::from_secs(2))
        .map(|&(_, len)| len)
        .max()
        .unwrap_or(0);
    assert!(safe >= first.len());
    assert!(
        saved.len() >= safe,
        "more than two seconds lost: {} of {} bytes saved, {} typed 2 s before the kill\n{saved:?}",
        saved.len(),
        typed.len(),
        safe
    );
}

// 4 ─────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn a_second_copy_opens_read_only_and_changes_nothing() {
    let sample = Sample::new();
    let mut first = sample.open();
    first.wait_for("à venir");
    let before = snapshot(&sample.dir);

    let mut second = sample.open();
    second.wait_for("Lecture seule : ce comité est déjà ouvert");
    // The lasting marker at the right of the status line.
    second.wait_for("lecture seule");
    second.wait_for("à venir");
    second.send(keys::ENTER);
    second.wait_for("Étape 1/");
    second.send(keys::F3);
    second.type_text("Ne doit pas être enregistré");
    second.wait_for("rien ne peut être modifié");
    second.send(ctrl('s'));
    second.send(keys::F2);
    second.send(keys::SPACE);
    second.send(keys::F10);
    let status = second.wait_exit();
    assert!(status.success(), "{status:?}");
    assert_eq!(
        snapshot(&sample.dir),
        before,
        "the read-only copy changed the folder"
    );

    // The first copy is still the editor: its changes are saved.
    assert!(first.alive());
    open_upcoming_notes(&mut first);
    first.type_text("Seul l'éditeur enregistre");
    first.wait_for("Seul l'éditeur enregistre");
    first.send(keys::F10);
    assert!(first.wait_exit().success());
    assert_eq!(first_notes(&sample.upcoming()), "Seul l'éditeur enregistre");
}

/// Regression: "LECTURE SEULE" used to follow the committee name in the top band and was the
/// first thing cut at 100 columns (and 80); the band is the line the room reads first.
#[test]
fn the_read_only_marker_stays_in_the_band_at_100_columns() {
    let sample = Sample::new();
    let mut first = sample.open();
    first.wait_for("à venir");
    let mut second = sample.open();
    second.wait_for("Lecture seule");
    let band = second
        .contents()
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(
        band.contains("LECTURE SEULE"),
        "the band does not say LECTURE SEULE: {band:?}"
    );
}

// 5 ─────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn a_resize_storm_while_typing_loses_nothing() {
    let sample = Sample::new();
    let path = sample.upcoming();
    let mut tui = sample.open_sized(80, 24);
    open_upcoming_notes(&mut tui);
    let sizes = common::RESIZE_STORM;
    let mut typed = String::new();
    for round in 0..5 {
        for (i, &(cols, rows)) in sizes.iter().enumerate() {
            let word = format!("r{round}t{i}é ");
            tui.type_text(&word);
            typed.push_str(&word);
            tui.resize(cols, rows);
            tui.refresh();
        }
    }
    // Below a usable size, a French message.
    tui.resize(40, 10);
    tui.wait_for("Agrandissez la fenêtre");
    assert!(tui.alive(), "died during the storm:\n{}", tui.log_tail());

    tui.resize(80, 24);
    tui.type_text("fin");
    typed.push_str("fin");
    tui.wait_for("Étape 1/");
    tui.wait_for("fin");
    tui.wait_for("F10");
    assert!(!tui.contents().contains("Agrandissez"), "{}", tui.dump());
    tui.send(keys::F10);
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}\n{}", tui.log_tail());
    assert_eq!(first_notes(&path), typed);
}

#[test]
fn keys_typed_with_a_resize_show_without_another_key() {
    // A resize and keys reaching the program together: the keys must be read at once, not
    // when the next key comes (as crossterm's default, edge-triggered reader did).
    let sample = Sample::new();
    let mut tui = sample.open_sized(80, 24);
    open_upcoming_notes(&mut tui);
    for i in 0..30 {
        let (cols, rows) = if i % 2 == 0 { (100, 30) } else { (80, 24) };
        tui.resize(cols, rows);
        let word = format!("k{i}z");
        tui.type_text(&format!("{word} "));
        tui.wait_for_within(&word, Duration::from_secs(3));
    }
    tui.send(keys::F10);
    assert!(tui.wait_exit().success());
}

// 6 ─────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn a_paste_is_saved_byte_for_byte_and_never_reaches_the_terminal_as_codes() {
    let sample = Sample::new();
    let path = sample.upcoming();
    let mut tui = sample.open_sized(120, 30);
    open_upcoming_notes(&mut tui);
    let lines = [
        "é à œ Œ ç",
        "de\u{301}compose\u{301}",
        "漢字かな",
        "👩\u{200d}🏫 🇫🇷",
        "\x1b[31mROUGE\x1b[0m fin",
    ];
    // Terminals send a pasted line break as CR.
    tui.paste(&lines.join("\r"));
    tui.wait_for("ROUGE");
    tui.wait_for(" fin");
    tui.send(ctrl('s'));
    assert!(
        wait_for_file(&path, DEADLINE, |m| step_item(m, 0).notes.contains("ROUGE")),
        "the paste was not saved\n{}",
        tui.dump()
    );
    assert_eq!(first_notes(&path), lines.join("\n"));

    // The pasted escape sequence is shown as text, not obeyed: its "[31m" is visible and no
    // letter of ROUGE is drawn in red.
    let screen = tui.contents();
    let row = screen
        .lines()
        .position(|l| l.contains("ROUGE"))
        .expect("ROUGE on screen");
    let line = screen.lines().nth(row).unwrap_or_default();
    assert!(
        line.contains("[31m") && line.contains("[0m"),
        "the escape sequence was interpreted by the terminal: {line:?}"
    );
    let (_, cols) = tui.screen().size();
    for col in 0..cols.get() {
        if let Some(cell) = tui
            .screen()
            .cell(u16::try_from(row).expect("a screen row"), col)
            && "ROUGE".contains(cell.contents())
            && !cell.contents().is_empty()
        {
            assert!(
                !matches!(cell.fgcolor(), vt100::Color::Idx(1) | vt100::Color::Idx(9)),
                "{:?} drawn in red at column {col}: {line:?}",
                cell.contents()
            );
        }
    }
    assert!(
        !tui.raw_output().windows(5).any(|w| w == b"\x1b[31m"),
        "the program wrote the pasted escape code to the terminal"
    );
    tui.send(keys::F10);
    assert!(tui.wait_exit().success());
    assert_eq!(first_notes(&path), lines.join("\n"));
}

#[test]
fn a_summary_longer_than_a_small_screen_scrolls_to_its_end() {
    let sample = Sample::new();
    let mut tui = sample.open_sized(80, 24);
    tui.wait_for("à venir");
    // The past meeting: five decisions and five objectives, more than 80x24 holds.
    tui.send(keys::DOWN);
    tui.send(keys::ENTER);
    tui.wait_for("réunion close");
    tui.send(keys::F5);
    for _ in 0..12 {
        tui.send(keys::F8);
    }
    tui.wait_for("Synthèse de la réunion");
    tui.wait_for("▼ suite");
    assert!(
        !tui.contents().contains("Prochaine réunion"),
        "{}",
        tui.dump()
    );
    for _ in 0..4 {
        tui.send(keys::PAGE_DOWN);
    }
    tui.wait_for("▲ fin du texte");
    tui.wait_for("Prochaine réunion");
    tui.send(keys::PAGE_UP);
    tui.wait_for("▼ suite");
    tui.send(keys::F10);
    assert!(tui.wait_exit().success());
}

// 7 ─────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn f1_shows_the_help_in_french_and_escape_closes_it() {
    let sample = Sample::new();
    let mut tui = sample.open_sized(100, 40);
    tui.wait_for("à venir");
    tui.send(keys::F1);
    tui.wait_for("Aide — toutes les touches");
    for label in [
        "Quitter (tout est enregistré)",
        "Enregistrer maintenant",
        "Ouvrir la réunion",
        "Nouvelle réunion",
        "Étape suivante",
        "Ligne de notes → décision",
    ] {
        tui.wait_for(label);
    }
    // Scrolled to its end, and one key back is one line back however far it was pushed.
    const LAST: &str = "les commandes sont les touches F et Ctrl.";
    assert!(!tui.contents().contains(LAST), "{}", tui.dump());
    for _ in 0..20 {
        tui.send(keys::PAGE_DOWN);
    }
    tui.wait_for(LAST);
    tui.send(keys::UP);
    tui.wait_gone(LAST);
    tui.esc();
    tui.wait_gone("Aide — toutes les touches");
    tui.wait_for("à venir");
    tui.send(keys::F10);
    assert!(tui.wait_exit().success());
}

// 8 ─────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn the_demo_leaves_no_temporary_folder_behind() {
    let cwd = tempfile::tempdir().expect("temporary folder");
    let mut tui = Spawn::new(cwd.path(), &["demo"]).start();
    tui.wait_for("Thonon");
    tui.wait_for("à venir");
    let folder = std::env::temp_dir().join(format!("copilnum-demo-{}", tui.pid));
    assert!(
        folder.join("comite.ron").exists(),
        "the demo runs from {}",
        folder.display()
    );
    tui.send(keys::ENTER);
    tui.wait_for("Étape 1/");
    tui.send(keys::F3);
    tui.type_text("Essai de démonstration");
    tui.wait_for("Essai de démonstration");
    tui.send(keys::F10);
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(
        !folder.exists(),
        "{} is still there after the demo",
        folder.display()
    );
}

// 9 ─────────────────────────────────────────────────────────────────────────────────────────

#[test]
fn first_run_on_an_empty_folder_creates_the_committee() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("nouveau");
    std::fs::create_dir(&dir).expect("empty folder");
    let mut tui = Spawn::new(tmp.path(), &["--dir", dir.to_str().expect("UTF-8")]).start();
    tui.wait_for("Nouveau comité");
    tui.wait_for("Nom du comité");
    tui.type_text("COPIL-Num d'Évian");
    tui.send(keys::ENTER); // → scale, a choice
    tui.send(keys::ENTER); // → territory
    tui.type_text("Évian-les-Bains, Publier");
    tui.send(keys::ENTER); // → pilot
    tui.type_text("Mme Éloïse Février, IEN");
    tui.wait_for("Éloïse Février");
    tui.send(keys::ENTER); // validate
    // The home screen of the new committee ("Comité créé" is soon replaced by the save's
    // message on the status line).
    tui.wait_for("Réunions (0)");
    tui.wait_for("COPIL-Num d'Évian");
    tui.send(keys::F10);
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");

    let path = dir.join("comite.ron");
    let text = std::fs::read_to_string(&path).expect("comite.ron created");
    let committee = copilnum::codec::parse::<Committee>(&path, &text).expect("it parses");
    assert_eq!(committee.name, "COPIL-Num d'Évian");
    assert_eq!(committee.territory, "Évian-les-Bains, Publier");
    assert_eq!(committee.pilot, "Mme Éloïse Février, IEN");
    assert_eq!(committee.scale, "circonscription");
}

// 10 ────────────────────────────────────────────────────────────────────────────────────────

/// A save that cannot be written (here the meetings folder is replaced by a file, as a full
/// disk or a read-only folder would refuse it): a French error, the original intact, nothing
/// lost, and the save retried once the folder is back.
#[test]
fn a_failing_save_says_so_keeps_the_text_and_retries() {
    let sample = Sample::new();
    let path = sample.upcoming();
    let mut tui = sample.open_sized(140, 30);
    open_upcoming_notes(&mut tui);
    tui.type_text("Avant la panne. ");
    tui.send(ctrl('s'));
    assert!(
        wait_for_file(&path, DEADLINE, |m| step_item(m, 0).notes
            == "Avant la panne. "),
        "first save\n{}",
        tui.dump()
    );

    let meetings = sample.dir.join("reunions");
    let away = sample.dir.join("reunions.ailleurs");
    std::fs::rename(&meetings, &away).expect("move the folder away");
    std::fs::write(&meetings, "pas un dossier").expect("a file in its place");

    tui.type_text("Pendant la panne : é à œ.");
    tui.wait_for("Pendant la panne : é à œ.");
    tui.wait_for("Enregistrement impossible");
    let screen = tui.contents();
    let status_line = screen
        .lines()
        .find(|l| l.contains("Enregistrement impossible"))
        .unwrap_or_default();
    assert_eq!(
        status_line.matches("impossible").count(),
        1,
        "said once, with its reason: {status_line}"
    );
    assert!(tui.alive());
    let original = away.join(path.file_name().expect("file name"));
    assert_eq!(
        first_notes(&original),
        "Avant la panne. ",
        "the original was touched"
    );

    std::fs::remove_file(&meetings).expect("remove the file");
    std::fs::rename(&away, &meetings).expect("put the folder back");
    let full = "Avant la panne. Pendant la panne : é à œ.";
    assert!(
        wait_for_file(&path, DEADLINE, |m| step_item(m, 0).notes == full),
        "the save was not retried\n{}\n{}",
        tui.dump(),
        tui.log_tail()
    );
    tui.wait_for("Enregistré à");
    tui.send(keys::F10);
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");
    assert_eq!(first_notes(&path), full);
}

/// A panic injected into rendering (`COPILNUM_TEST_PANIC`): the terminal is given back, the
/// typed notes are saved and also written as an emergency copy in `secours/`, which the
/// program names; the exit code says something went wrong.
#[test]
fn a_panic_in_rendering_restores_the_terminal_and_keeps_the_notes() {
    let sample = Sample::new();
    let path = sample.upcoming();
    let mut tui = Spawn::new(sample.cwd(), &["--dir", sample.dir_arg()])
        .env("COPILNUM_TEST_PANIC", "BOUM")
        .start();
    open_upcoming_notes(&mut tui);
    let text = "Notes juste avant la panne : é à œ";
    tui.type_text(text);
    tui.wait_for(text);
    tui.type_text(" BOUM");
    let status = tui.wait_exit();
    assert_eq!(status.exit_code(), 101, "{status:?}\n{}", tui.log_tail());
    assert!(
        !tui.screen().alternate_screen(),
        "the terminal left the alternate screen"
    );
    let screen = tui.contents();
    assert!(
        screen.contains("erreur interne") && screen.contains("copie de secours"),
        "{screen}"
    );
    let log = tui.log_tail();
    assert!(
        log.contains("panique")
            && log.contains("COPILNUM_TEST_PANIC")
            && log.contains("src/ui/mod.rs:"),
        "the panic's message and place are in the log:\n{log}"
    );
    assert_eq!(
        first_notes(&path),
        format!("{text} BOUM"),
        "the normal save ran too"
    );
    let id = path.file_stem().unwrap().to_string_lossy().to_string();
    let copies: Vec<PathBuf> = std::fs::read_dir(sample.dir.join("secours"))
        .expect("secours/")
        .map(|e| e.unwrap().path())
        .collect();
    let copy = copies
        .iter()
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(&format!("{id}.secours-"))
        })
        .expect("an emergency copy of the meeting");
    assert_eq!(first_notes(copy), format!("{text} BOUM"));
    assert!(
        copies.iter().any(|p| p
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("comite.secours-")),
        "and of the committee"
    );
}

/// SIGKILL at moments spread over a run of autosaves of the large fixture's meeting (each save
/// writes 580 KB): the meeting file always parses and holds only what was typed.
#[test]
fn sigkill_during_saves_of_a_large_meeting_always_leaves_a_file_that_parses() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("gros");
    let out = Command::new(BIN)
        .arg("sample")
        .arg(&dir)
        .arg("--large")
        .output()
        .expect("sample --large");
    assert!(out.status.success());
    let dir_arg = dir.to_str().unwrap().to_string();
    let mut typed = 0;
    for round in 0..3u64 {
        let mut tui = Spawn::new(tmp.path(), &["--dir", &dir_arg]).start();
        // After a kill, the journal of the killed session is replayed and its meeting reopened;
        // unless the kill came right after a save, before the next key reached the journal.
        let reopened = tui.wait_until(DEADLINE, |t| {
            t.contents().contains("Étape 1/") || t.contents().contains("à venir")
        });
        assert!(
            reopened,
            "neither the meeting nor the home screen\n{}",
            tui.dump()
        );
        if !tui.contents().contains("Étape 1/") {
            tui.send(keys::ENTER);
        }
        tui.wait_for("Étape 1/");
        tui.send(keys::F3);
        let started = Instant::now();
        // Type for a while: autosaves run every second; kill at a different moment each round.
        while started.elapsed() < Duration::from_millis(1300 + 370 * round) {
            tui.type_text("x");
            typed += 1;
            std::thread::sleep(Duration::from_millis(15));
        }
        tui.signal("KILL");
        tui.wait_exit();
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("reunions"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let notes = first_notes(files.last().unwrap());
        let added = notes.rsplit('\n').next().unwrap_or("");
        assert!(
            added
                .trim_start_matches(|c: char| c != 'x')
                .chars()
                .all(|c| c == 'x'),
            "round {round}: only typed text"
        );
        assert!(added.matches('x').count() <= typed, "round {round}");
    }
}

/// Two real processes, as in the room: the editor on the secretary's screen and
/// `copilnum present` on the wall. The projector shows a decision the editor records and
/// follows its step changes; a corrupt file in between does not stop it (it keeps the last
/// good view with a notice, then resumes); it never takes the editor's lock.
#[test]
fn present_follows_what_the_editor_saves_and_survives_a_corrupt_file() {
    let sample = Sample::new();
    let path = sample.upcoming();
    let mut editor = sample.open();
    open_upcoming_notes(&mut editor);
    let mut wall = Spawn::new(sample.cwd(), &["present", "--dir", sample.dir_arg()])
        .size(120, 40)
        .start();
    wall.wait_for("Étape 1/8");
    wall.wait_for("suit l'animateur");

    let decision = "Le bilan est envoyé à toutes les écoles";
    editor.type_text(decision);
    editor.send(ctrl('d'));
    wall.wait_for(decision);
    assert!(
        !wall.contents().contains("Notes"),
        "the projection shows no notes pane"
    );

    editor.send(keys::F8);
    wall.wait_for("Étape 2/8");

    // Someone (or a half-done copy) leaves a broken file for a moment.
    let good = std::fs::read(&path).unwrap();
    std::fs::write(&path, &good[..good.len() / 3]).unwrap();
    wall.wait_for("momentanément illisible");
    assert!(wall.alive(), "the projector survives the corrupt file");
    assert!(
        wall.contents().contains("Étape 2/8"),
        "and keeps the last good view:\n{}",
        wall.dump()
    );
    std::fs::write(&path, &good).unwrap();
    wall.wait_gone("momentanément illisible");

    // Arrows browse locally; Échap follows the facilitator again.
    wall.send(keys::RIGHT);
    wall.wait_for("Étape 3/8");
    wall.wait_for("navigation libre");
    wall.esc();
    wall.wait_for("Étape 2/8");

    wall.send(keys::F10);
    assert!(wall.wait_exit().success());
    editor.send(keys::F10);
    editor.wait_exit();
}

#[test]
fn a_note_typed_then_exported_from_the_tui_is_in_the_written_file() {
    let sample = Sample::new();
    let id = sample
        .upcoming()
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let mut tui = sample.open();
    open_upcoming_notes(&mut tui);
    let note = "Note exportée à chaud é à œ ç";
    tui.type_text(note);
    tui.send(keys::ENTER);
    tui.type_text("Ligne confidentielle");
    tui.send(ctrl('p'));
    tui.wait_for("[privé] Ligne confidentielle");
    // Ctrl+E, then Entrée through the dialog: HTML, full version, into exports/.
    tui.send(ctrl('e'));
    tui.wait_for("Exporter la réunion du");
    for _ in 0..3 {
        tui.send(keys::ENTER);
    }
    let name = format!("exports/{id}-compte-rendu.html");
    tui.wait_for(&format!("Écrit : {name}"));
    let html = std::fs::read_to_string(sample.dir.join(&name)).expect("the file written");
    assert!(html.contains(&format!("<li>{note}</li>")), "{html}");
    assert!(html.contains("<span class=\"marque\">privé</span>Ligne confidentielle"));
    // The public version, chosen with → on the second field, leaves the private line out.
    tui.send(ctrl('e'));
    tui.wait_for("Exporter la réunion du");
    tui.send(keys::ENTER);
    tui.send(keys::RIGHT);
    tui.send(keys::ENTER);
    tui.send(keys::ENTER);
    let public = format!("exports/{id}-compte-rendu-public.html");
    tui.wait_for(&format!("Écrit : {public}"));
    let html = std::fs::read_to_string(sample.dir.join(&public)).expect("the public file");
    assert!(html.contains(note));
    assert!(!html.contains("Ligne confidentielle"));
    assert!(!html.contains("Hélène Marchand"));
    tui.send(keys::F10);
    assert!(tui.wait_exit().success());
}

/// How many times the threads of a process were put on a CPU (Linux): each wake-up counts.
#[cfg(target_os = "linux")]
fn wakes(pid: u32) -> u64 {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).expect("the process's threads");
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().nth(2)?.parse::<u64>().ok())
        .sum()
}

#[cfg(target_os = "linux")]
#[test]
fn an_idle_editor_writes_nothing_and_sleeps_until_its_clock_turns() {
    use chrono::Timelike;
    let sample = Sample::new();
    let mut tui = sample.open_sized(80, 24);
    open_upcoming_notes(&mut tui);
    tui.type_text("Point sur l’ENT.");
    assert!(wait_for_file(&sample.upcoming(), DEADLINE, |m| {
        m.agenda[0].notes == "Point sur l’ENT."
    }));
    tui.wait_for("✓ enregistré");
    // What the typing left (the journal's last write, its removal after the save) passes.
    std::thread::sleep(Duration::from_millis(500));
    tui.refresh();
    let (written, minute, woken) = (
        tui.raw_output().len(),
        chrono::Local::now().minute(),
        wakes(tui.pid),
    );
    std::thread::sleep(Duration::from_secs(3));
    tui.refresh();
    let woken = wakes(tui.pid) - woken;
    let written = tui.raw_output().len() - written;
    let turned = chrono::Local::now().minute() != minute;
    // Waking every 250 ms, as it did, is 12 wake-ups; the minute turning on the clock, a frame.
    assert!(woken <= 4, "{woken} wake-ups in 3 s of idleness");
    assert!(written == 0 || turned, "{written} bytes written while idle");
    tui.send(keys::F10);
    assert!(tui.wait_exit().success());
}

#[test]
fn a_step_timer_started_after_a_pause_counts_from_the_key() {
    // The loop sleeps while nothing happens; the keys that wake it are timed as they arrive,
    // not at the last time it woke.
    let sample = Sample::new();
    let mut tui = sample.open_sized(100, 30);
    tui.wait_for("à venir");
    tui.send(keys::ENTER);
    tui.wait_for("25:00");
    std::thread::sleep(Duration::from_millis(2500));
    tui.send(ctrl('t'));
    tui.wait_for("Chrono lancé");
    let screen = tui.contents();
    assert!(screen.contains("25:00"), "{screen}");
    // And it runs: a second later, one second less.
    tui.wait_for_within("24:59", Duration::from_secs(3));
    tui.send(keys::F10);
    assert!(tui.wait_exit().success());
}

#[test]
fn the_save_indicator_keeps_still_while_the_secretary_types_and_says_saved_at_the_pause() {
    // The autosave runs every second while keys come; its « ✓ enregistré » must not flash on
    // the wall between two keys, only once typing pauses.
    let sample = Sample::new();
    let mut tui = sample.open_sized(100, 30);
    open_upcoming_notes(&mut tui);
    tui.type_text("a");
    tui.wait_for("● enregistrement…");
    let before = tui.raw_output().len();
    let text = "Les tablettes de l’école Jean-Zay sont arrivées.";
    for c in text.chars() {
        tui.type_text(&c.to_string());
        std::thread::sleep(Duration::from_millis(50));
        tui.refresh();
    }
    tui.wait_for("arrivées.");
    let typed = String::from_utf8_lossy(&tui.raw_output()[before..]).into_owned();
    assert!(
        !typed.contains('✓'),
        "the indicator flashed while typing: {typed:?}"
    );
    assert!(wait_for_file(&sample.upcoming(), DEADLINE, |m| {
        m.agenda[0].notes.contains("Jean-Zay")
    }));
    tui.wait_for_within("✓ enregistré", Duration::from_secs(3));
    tui.send(keys::F10);
    assert!(tui.wait_exit().success());
}
