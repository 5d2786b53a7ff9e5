//! The command line as a user runs it: the real binary on temporary folders.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn copilnum(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copilnum"))
        .args(args)
        .env_remove("COPILNUM_DIR")
        .output()
        .unwrap()
}

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8(output.stdout.clone()).unwrap(),
        String::from_utf8(output.stderr.clone()).unwrap(),
    )
}

fn sample(dir: &Path) {
    let out = copilnum(&["sample", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{:?}", text(&out));
}

/// The meeting files of a committee folder, oldest first.
fn meeting_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = fs::read_dir(dir.join("reunions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn sample_then_meetings_lists_both_meetings_with_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("copil");
    let out = copilnum(&["sample", dir.to_str().unwrap()]);
    let (stdout, _) = text(&out);
    assert!(out.status.success());
    assert!(stdout.contains("20 membres, 2 réunions"), "{stdout}");
    let out = copilnum(&["meetings", "--dir", dir.to_str().unwrap()]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.starts_with("COPIL-Num de la circonscription de Thonon-les-Bains — 2 réunions"),
        "{stdout}"
    );
    let rows: Vec<&str> = stdout.lines().filter(|l| l.starts_with("20")).collect();
    assert_eq!(rows.len(), 2, "{stdout}");
    let past: Vec<&str> = rows[0].split_whitespace().collect();
    assert_eq!(
        past[past.len() - 2..],
        ["17", "5"],
        "17 present, 5 objectives: {}",
        rows[0]
    );
    assert!(rows[0].contains("ordinaire") && rows[0].contains("mardi"));
    assert!(rows[1].ends_with("à venir"), "{}", rows[1]);
}

#[test]
fn the_folder_can_come_from_copilnum_dir() {
    let tmp = tempfile::tempdir().unwrap();
    sample(tmp.path());
    let out = Command::new(env!("CARGO_BIN_EXE_copilnum"))
        .arg("meetings")
        .env("COPILNUM_DIR", tmp.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(text(&out).0.contains("2 réunions"));
}

#[test]
fn check_passes_on_the_sample_and_locates_every_problem() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    sample(dir);
    let out = copilnum(&["check", "--dir", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{:?}", text(&out));
    assert!(text(&out).0.contains("Tout est en ordre"));

    let meetings = meeting_files(dir);
    // A syntax error in one meeting, an owner who is not a member in the other.
    let past = fs::read_to_string(&meetings[0]).unwrap().replacen(
        "            owner: 17,",
        "            owner: 999,",
        1,
    );
    fs::write(&meetings[0], &past).unwrap();
    let upcoming =
        fs::read_to_string(&meetings[1])
            .unwrap()
            .replacen("kind: Ordinary,", "kind: Ordinary", 1);
    fs::write(&meetings[1], &upcoming).unwrap();
    let out = copilnum(&["check", "--dir", dir.to_str().unwrap()]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1));
    let owner_line = past.lines().position(|l| l.contains("owner: 999")).unwrap() + 1;
    let expected_owner = format!("{}:{owner_line}:13: ", meetings[0].display());
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with(&expected_owner) && l.contains("n° 999 n'existe pas")),
        "{stdout}"
    );
    let expected_syntax = format!("{}:9:", meetings[1].display());
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with(&expected_syntax) && l.contains("virgule")),
        "{stdout}"
    );
    assert!(stderr.contains("2 problèmes trouvés"), "{stderr}");
}

#[test]
fn meetings_flags_an_unreadable_meeting_and_fails() {
    let tmp = tempfile::tempdir().unwrap();
    sample(tmp.path());
    let first = fs::read_dir(tmp.path().join("reunions"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    fs::write(&first, "Meeting(").unwrap();
    let out = copilnum(&["meetings", "--dir", tmp.path().to_str().unwrap()]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout.contains("illisible"), "{stdout}");
    assert!(
        stderr.contains(&format!("{}:1:", first.display())),
        "{stderr}"
    );
}

#[test]
fn init_creates_a_committee_and_refuses_bad_input_without_writing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nouveau");
    let d = dir.to_str().unwrap();
    let base = [
        "init",
        "--dir",
        d,
        "--name",
        "COPIL-Num d'Évian",
        "--scale",
        "Circonscription",
        "--territory",
        "Évian",
        "--pilot",
        "M. Gérard",
    ];

    let mut empty_name = base;
    empty_name[4] = "  ";
    let out = copilnum(&empty_name);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out)
            .1
            .contains("Le nom du comité ne peut pas être vide"),
        "{:?}",
        text(&out)
    );
    assert!(!dir.exists(), "nothing written");

    let mut bad_scale = base;
    bad_scale[6] = "département";
    let out = copilnum(&bad_scale);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).1.contains("échelle « département » inconnue ; échelles possibles : commune, communaute-de-communes, circonscription, plusieurs-circonscriptions"), "{:?}", text(&out));
    assert!(!dir.exists());

    let out = copilnum(&base);
    assert!(out.status.success(), "{:?}", text(&out));
    assert!(text(&out).0.contains("Comité « COPIL-Num d'Évian » créé"));
    let committee = fs::read_to_string(dir.join("comite.ron")).unwrap();
    assert!(
        committee.contains("scale: \"circonscription\""),
        "{committee}"
    );

    let out = copilnum(&base);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).1.contains("contient déjà un comité"));
    assert_eq!(
        fs::read_to_string(dir.join("comite.ron")).unwrap(),
        committee,
        "unchanged"
    );

    let out = copilnum(&["check", "--dir", d]);
    assert!(out.status.success(), "{:?}", text(&out));
    let out = copilnum(&["meetings", "--dir", d]);
    assert!(text(&out).0.contains("Aucune réunion"), "{:?}", text(&out));
}

#[test]
fn init_says_what_is_missing() {
    let out = copilnum(&["init", "--dir", "/tmp/x", "--name", "N"]);
    assert_eq!(out.status.code(), Some(2));
    let (_, stderr) = text(&out);
    assert!(
        stderr.starts_with("copilnum : il manque : --scale"),
        "{stderr}"
    );
}

#[test]
fn sample_large_writes_the_benchmark_fixture() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("gros");
    let out = copilnum(&["sample", dir.to_str().unwrap(), "--large"]);
    assert!(out.status.success(), "{:?}", text(&out));
    assert!(text(&out).0.contains("200 membres, 101 réunions"));
    assert_eq!(fs::read_dir(dir.join("reunions")).unwrap().count(), 101);
}

#[test]
fn sample_takes_one_size_only_and_says_so_in_french() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("gros");
    let out = copilnum(&["sample", dir.to_str().unwrap(), "--large", "--huge"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("incompatible"), "{:?}", text(&out));
    assert!(!dir.exists(), "nothing written");
    let help = copilnum(&["sample", "--help"]);
    assert!(text(&help).0.contains("--huge"), "{:?}", text(&help));
    assert!(text(&help).0.contains("dix fois plus gros"));
}

#[test]
fn sample_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("document.odt"), "x").unwrap();
    let out = copilnum(&["sample", tmp.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).1.contains("n'est pas vide"));
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
}

#[test]
fn commands_on_a_folder_without_committee_explain_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    for command in ["meetings", "check", "objectives"] {
        let out = copilnum(&[command, "--dir", tmp.path().to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            text(&out).1.contains("aucun comité dans ce dossier"),
            "{command}: {:?}",
            text(&out)
        );
    }
}

#[test]
fn help_and_errors_are_in_french() {
    let out = copilnum(&["--help"]);
    let (stdout, _) = text(&out);
    assert!(out.status.success());
    for words in [
        "Utilisation : copilnum",
        "Commandes",
        "sample",
        "init",
        "meetings",
        "check",
        "Dossier du comité",
        "Afficher cette aide",
    ] {
        assert!(stdout.contains(words), "{words}: {stdout}");
    }
    assert!(
        !stdout.contains("Usage") && !stdout.contains("Print help"),
        "{stdout}"
    );
    let out = copilnum(&["sample", "--help"]);
    assert!(text(&out).0.contains("5\u{a0}000 lignes"));
    let out = copilnum(&["rapport"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).1.contains("commande inconnue « rapport »"),
        "{:?}",
        text(&out)
    );
    let out = copilnum(&["meetings", "--couleur"]);
    assert!(
        text(&out).1.contains("option inconnue « --couleur »"),
        "{:?}",
        text(&out)
    );
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copilnum"))
        .args(args)
        .current_dir(dir)
        .env_remove("COPILNUM_DIR")
        .output()
        .unwrap()
}

const INIT: [&str; 10] = [
    "--name",
    "COPIL-Num",
    "--scale",
    "circonscription",
    "--territory",
    "Évian",
    "--pilot",
    "IEN",
    "--dir",
    ".",
];

#[test]
fn init_in_the_current_empty_folder_keeps_its_settings() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("partage");
    fs::create_dir(&dir).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o2775)).unwrap();
    let mut args = vec!["init"];
    args.extend(INIT);
    let out = run_in(&dir, &args);
    assert!(out.status.success(), "{:?}", text(&out));
    assert!(dir.join("comite.ron").is_file() && dir.join("reunions").is_dir());
    assert_eq!(
        fs::metadata(&dir).unwrap().permissions().mode() & 0o7777,
        0o2775,
        "the folder's own settings are kept"
    );
    assert_eq!(
        fs::read_dir(&dir).unwrap().count(),
        2,
        "no hidden leftover: {:?}",
        fs::read_dir(&dir).unwrap().collect::<Vec<_>>()
    );
}

#[test]
fn sample_through_a_link_to_an_empty_folder_and_with_dir() {
    let tmp = tempfile::tempdir().unwrap();
    let real = tmp.path().join("reel");
    fs::create_dir(&real).unwrap();
    std::os::unix::fs::symlink(&real, tmp.path().join("lien")).unwrap();
    let out = copilnum(&["sample", tmp.path().join("lien").to_str().unwrap()]);
    assert!(out.status.success(), "{:?}", text(&out));
    assert!(real.join("comite.ron").is_file());
    let other = tmp.path().join("autre");
    let out = copilnum(&["sample", "--dir", other.to_str().unwrap()]);
    assert!(out.status.success(), "{:?}", text(&out));
    assert!(other.join("comite.ron").is_file());
}

#[test]
fn an_impossible_location_is_named_in_french_and_nothing_is_left() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("fichier.txt"), "x").unwrap();
    let target = tmp.path().join("fichier.txt/comite");
    let out = copilnum(&["sample", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let (_, stderr) = text(&out);
    assert!(
        stderr.contains(target.to_str().unwrap()) && stderr.contains("ce n'est pas un dossier"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("copilnum-") && !stderr.contains("os error"),
        "{stderr}"
    );
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
}

#[test]
fn check_on_a_folder_that_does_not_exist_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("absent");
    let out = copilnum(&["check", "--dir", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).1.contains("introuvable"), "{:?}", text(&out));
}

#[test]
fn check_lists_files_the_application_would_not_see() {
    let tmp = tempfile::tempdir().unwrap();
    sample(tmp.path());
    fs::write(tmp.path().join("reunions/2026-12-1.ron"), "").unwrap();
    fs::write(tmp.path().join("reunions/notes.txt"), "").unwrap();
    let out = copilnum(&["check", "--dir", tmp.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let (stdout, _) = text(&out);
    assert!(
        stdout.contains("2026-12-1.ron:1:1: fichier ignoré"),
        "{stdout}"
    );
    assert!(!stdout.contains("notes.txt"), "{stdout}");
}

#[test]
fn check_reports_conflict_copies_an_unreplayed_journal_and_temporary_files() {
    let tmp = tempfile::tempdir().unwrap();
    sample(tmp.path());
    let meeting = meeting_files(tmp.path()).pop().unwrap();
    let name = meeting.file_name().unwrap().to_str().unwrap().to_string();
    let id = name.trim_end_matches(".ron");
    fs::create_dir(tmp.path().join("conflits")).unwrap();
    fs::copy(
        &meeting,
        tmp.path()
            .join(format!("conflits/{id}.conflit-2026-12-02-101500.ron")),
    )
    .unwrap();
    fs::write(tmp.path().join(".copilnum.journal"), "Draft(None)\n").unwrap();
    fs::write(
        tmp.path()
            .join(format!("reunions/.{name}.copilnum-tmp-42-0")),
        "(",
    )
    .unwrap();
    let out = copilnum(&["check", "--dir", tmp.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let (stdout, stderr) = text(&out);
    assert!(
        stdout.contains(&format!("conflits/{id}.conflit-2026-12-02-101500.ron:1:1: copie de reunions/{name} gardée quand le fichier a été modifié ailleurs")),
        "{stdout}"
    );
    assert!(
        stdout.contains(".copilnum.journal:1:1: modifications d'une session interrompue"),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            ".{name}.copilnum-tmp-42-0:1:1: fichier temporaire laissé par un arrêt brutal"
        )),
        "{stdout}"
    );
    assert!(stderr.contains("3 problèmes trouvés"), "{stderr}");
}

#[test]
fn check_reports_every_broken_catalogue_file_at_its_place() {
    let tmp = tempfile::tempdir().unwrap();
    sample(tmp.path());
    fs::create_dir_all(tmp.path().join("catalogues")).unwrap();
    fs::create_dir_all(tmp.path().join("modeles")).unwrap();
    fs::write(
        tmp.path().join("catalogues/roles.ron"),
        "[\n  RoleEntry(id: \"x\"\n]",
    )
    .unwrap();
    fs::write(
        tmp.path().join("modeles/reunion-de-suivi.ron"),
        "AgendaTemplate(name: \"x\", items: [], extra: 1)",
    )
    .unwrap();
    let out = copilnum(&["check", "--dir", tmp.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let (stdout, _) = text(&out);
    assert!(stdout.contains("catalogues/roles.ron:3:"), "{stdout}");
    assert!(
        stdout.contains("modeles/reunion-de-suivi.ron:1:"),
        "{stdout}"
    );
}

#[test]
fn a_broken_meeting_does_not_make_healthy_ones_look_wrong() {
    let tmp = tempfile::tempdir().unwrap();
    sample(tmp.path());
    let files = meeting_files(tmp.path());
    let past = fs::read_to_string(&files[0]).unwrap();
    fs::write(&files[0], &past[..past.len() / 2]).unwrap();
    let out = copilnum(&["check", "--dir", tmp.path().to_str().unwrap()]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout.lines().count(), 1, "only the broken file: {stdout}");
    assert!(
        stdout.starts_with(&files[0].display().to_string()),
        "{stdout}"
    );
    assert!(stderr.contains("renvois entre réunions"), "{stderr}");
}

#[test]
fn a_file_saved_by_notepad_checks_clean_and_lists() {
    let tmp = tempfile::tempdir().unwrap();
    sample(tmp.path());
    for entry in fs::read_dir(tmp.path().join("reunions")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
    }
    let out = copilnum(&["check", "--dir", tmp.path().to_str().unwrap()]);
    assert!(out.status.success(), "{:?}", text(&out));
    let out = copilnum(&["meetings", "--dir", tmp.path().to_str().unwrap()]);
    assert!(text(&out).0.contains("17"), "{:?}", text(&out));
}

// =============================================================================================
// Standard output that fails: a reader gone (`| head -1`) or a full disk (`> /dev/full`).

/// Where standard output goes for [`run_with_stdout`].
#[derive(Clone, Copy, Debug)]
enum Sink {
    /// A pipe whose reading end is closed before the program starts, as `| head -1` ends up
    /// once `head` has its line: every write fails with EPIPE, deterministically.
    ClosedPipe,
    /// `/dev/full`: every write fails with ENOSPC.
    Full,
}

/// Runs copilnum (in `cwd`) with standard output on `sink` and standard input from `stdin`.
fn run_with_stdout(cwd: &Path, args: &[&str], sink: Sink, stdin: std::process::Stdio) -> Output {
    let stdout: std::process::Stdio = match sink {
        Sink::ClosedPipe => {
            let (reader, writer) = std::io::pipe().unwrap();
            drop(reader);
            writer.into()
        }
        Sink::Full => fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
            .into(),
    };
    Command::new(env!("CARGO_BIN_EXE_copilnum"))
        .args(args)
        .current_dir(cwd)
        .env_remove("COPILNUM_DIR")
        .env("COPILNUM_LOG", cwd.join("copilnum.log"))
        // The demo's temporary copy goes there, to be looked for.
        .env("TMPDIR", cwd.join("tmp"))
        .stdin(stdin)
        .stdout(stdout)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap()
}

/// A closed pipe: status 0, nothing said. A full disk: status 1 and the French reason.
#[track_caller]
fn assert_output_failure_handled(sink: Sink, what: &str, out: &Output) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked")
            && !stderr.contains("Broken pipe")
            && !stderr.contains("os error"),
        "{what}: {stderr}"
    );
    match sink {
        Sink::ClosedPipe => {
            assert_eq!(out.status.code(), Some(0), "{what}: {stderr}");
            assert_eq!(stderr, "", "{what}: nothing is said to a reader gone");
        }
        Sink::Full => {
            assert_eq!(out.status.code(), Some(1), "{what}: {stderr}");
            assert_eq!(
                stderr, "copilnum : écriture impossible sur la sortie standard (disque plein)\n",
                "{what}"
            );
        }
    }
}

#[test]
fn every_printing_command_survives_a_closed_pipe_and_a_full_disk() {
    for sink in [Sink::ClosedPipe, Sink::Full] {
        let tmp = tempfile::tempdir().unwrap();
        let cwd = tmp.path();
        sample(&cwd.join("comite"));
        sample(&cwd.join("abime"));
        let broken = meeting_files(&cwd.join("abime")).remove(0);
        fs::write(&broken, "Meeting(").unwrap();
        let mut commands: Vec<Vec<&str>> = vec![
            vec!["meetings", "--dir", "comite"],
            vec!["meetings", "--dir", "abime"],
            vec!["check", "--dir", "comite"],
            vec!["check", "--dir", "abime"],
            vec!["sample", "nouveau"],
            vec![
                "init",
                "--dir",
                "cree",
                "--name",
                "COPIL",
                "--scale",
                "commune",
                "--territory",
                "Sciez",
                "--pilot",
                "IEN",
            ],
            vec!["export", "--dir", "comite"],
            vec!["export", "--dir", "comite", "--format", "html", "--public"],
            vec!["export", "--dir", "comite", "--format", "ics"],
            vec!["export", "--dir", "comite", "--format", "csv"],
            vec!["export", "--dir", "comite", "--format", "emails"],
            vec!["objectives", "--dir", "comite"],
            vec!["objectives", "--dir", "comite", "--format", "csv"],
            vec!["objectives", "--dir", "abime"],
            vec!["template", "--dir", "comite"],
            vec!["template", "--dir", "comite", "sujets"],
            vec!["--help"],
            vec!["-h"],
            vec!["--version"],
        ];
        for command in [
            "demo",
            "present",
            "sample",
            "init",
            "meetings",
            "check",
            "export",
            "objectives",
            "template",
        ] {
            commands.push(vec![command, "--help"]);
        }
        for args in &commands {
            let out = run_with_stdout(cwd, args, sink, std::process::Stdio::null());
            assert_output_failure_handled(sink, &format!("{args:?} {sink:?}"), &out);
        }
        // What was asked was done; only its report could not be printed.
        assert!(cwd.join("comite/catalogues/sujets.ron").is_file());
        assert!(cwd.join("nouveau/comite.ron").is_file());
        assert!(cwd.join("cree/comite.ron").is_file());
    }
}

#[test]
fn usage_errors_go_to_standard_error_whatever_standard_output_is() {
    let tmp = tempfile::tempdir().unwrap();
    for sink in [Sink::ClosedPipe, Sink::Full] {
        let out = run_with_stdout(tmp.path(), &["rapport"], sink, std::process::Stdio::null());
        assert_eq!(out.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&out.stderr).starts_with("copilnum : commande inconnue"),
            "{:?}",
            text(&out)
        );
    }
}

/// A pseudo-terminal for standard input (so that the interface can take it), opened without
/// making it the test's controlling terminal; the pair must outlive the run.
fn terminal_input() -> (portable_pty::PtyPair, std::process::Stdio) {
    use std::os::unix::fs::OpenOptionsExt;
    let pair = portable_pty::native_pty_system()
        .openpty(portable_pty::PtySize::default())
        .unwrap();
    let name = pair.master.tty_name().expect("the terminal's name");
    let tty = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NOCTTY)
        .open(name)
        .unwrap();
    (pair, tty.into())
}

#[test]
fn the_interfaces_survive_a_closed_pipe_and_a_full_disk_and_leave_nothing() {
    for sink in [Sink::ClosedPipe, Sink::Full] {
        let tmp = tempfile::tempdir().unwrap();
        let cwd = tmp.path();
        sample(&cwd.join("comite"));
        fs::create_dir(cwd.join("tmp")).unwrap();
        for args in [
            &["--dir", "comite"][..],
            &["present", "--dir", "comite"],
            &["demo"],
        ] {
            let (_pty, stdin) = terminal_input();
            let out = run_with_stdout(cwd, args, sink, stdin);
            let stderr = String::from_utf8_lossy(&out.stderr);
            let what = format!("{args:?} {sink:?}");
            assert!(
                !stderr.contains("panicked") && !stderr.contains("os error"),
                "{what}: {stderr}"
            );
            match sink {
                Sink::ClosedPipe => {
                    assert_eq!(out.status.code(), Some(0), "{what}: {stderr}");
                    assert_eq!(stderr, "", "{what}");
                }
                Sink::Full => {
                    assert_eq!(out.status.code(), Some(1), "{what}: {stderr}");
                    assert_eq!(
                        stderr, "copilnum : terminal inutilisable (disque plein)\n",
                        "{what}"
                    );
                }
            }
        }
        let left: Vec<_> = fs::read_dir(cwd.join("tmp")).unwrap().collect();
        assert!(left.is_empty(), "the demo's copy is removed: {left:?}");
    }
}

#[test]
fn the_interfaces_without_a_terminal_say_so_in_french() {
    let tmp = tempfile::tempdir().unwrap();
    let cwd = tmp.path();
    sample(&cwd.join("comite"));
    for args in [
        &["--dir", "comite"][..],
        &["present", "--dir", "comite"],
        &["demo"],
    ] {
        let out = run_with_stdout(cwd, args, Sink::ClosedPipe, std::process::Stdio::null());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "copilnum : pas de terminal : l'interface de copilnum s'ouvre dans une fenêtre de terminal\n",
            "{args:?}"
        );
    }
}

#[test]
fn check_reports_a_current_step_outside_the_agenda_at_its_place() {
    let tmp = tempfile::tempdir().unwrap();
    sample(tmp.path());
    let upcoming = meeting_files(tmp.path()).pop().unwrap();
    let file = fs::read_to_string(&upcoming).unwrap();
    let line = file
        .lines()
        .position(|l| l.contains("current_step:"))
        .unwrap()
        + 1;
    fs::write(
        &upcoming,
        file.replacen("current_step: 0,", "current_step: 41,", 1),
    )
    .unwrap();
    let out = copilnum(&["check", "--dir", tmp.path().to_str().unwrap()]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stdout.starts_with(&format!(
            "{}:{line}:5: étape courante n° 42 hors de l'ordre du jour (",
            upcoming.display()
        )),
        "{stdout}"
    );
}

/// A message as school staff read it: no system English, no bare « os error », nothing said
/// twice, no path printed twice.
#[track_caller]
fn assert_plain_french(message: &str) {
    assert!(
        !message.contains("os error") && !message.contains("error"),
        "{message}"
    );
    for word in ["impossible", "illisible", "tronqué"] {
        assert!(
            message.matches(word).count() <= 1,
            "« {word} » twice: {message}"
        );
    }
    for path in message.split_whitespace().filter(|w| w.starts_with('/')) {
        let path = path.trim_end_matches([':', ',', ')', '.']);
        assert_eq!(message.matches(path).count(), 1, "{path} twice: {message}");
    }
}

#[test]
fn a_loop_of_symbolic_links_is_named_in_french() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    std::os::unix::fs::symlink(&a, &b).unwrap();
    std::os::unix::fs::symlink(&b, &a).unwrap();
    let committee = tmp.path().join("comite");
    sample(&committee);
    fs::remove_file(committee.join("comite.ron")).unwrap();
    std::os::unix::fs::symlink(&a, committee.join("comite.ron")).unwrap();
    for (command, dir) in [
        ("check", &a),
        ("meetings", &a),
        ("check", &committee),
        ("meetings", &committee),
    ] {
        let out = copilnum(&[command, "--dir", dir.to_str().unwrap()]);
        let (_, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(1), "{command}: {stderr}");
        assert!(
            stderr.contains("boucle de liens symboliques"),
            "{command}: {stderr}"
        );
        assert_plain_french(&stderr);
    }
}

#[test]
fn a_cut_meeting_file_says_in_the_middle_of_what_it_stops() {
    let tmp = tempfile::tempdir().unwrap();
    sample(tmp.path());
    let past = meeting_files(tmp.path()).remove(0);
    let file = fs::read_to_string(&past).unwrap();
    // Cut inside the title of the third agenda item.
    let third = file.match_indices("AgendaItem(").nth(2).unwrap().0;
    let title = third + file[third..].find("title: \"").unwrap() + "title: \"".len();
    fs::write(&past, &file[..title + 3]).unwrap();
    let out = copilnum(&["check", "--dir", tmp.path().to_str().unwrap()]);
    let (stdout, _) = text(&out);
    assert_eq!(out.status.code(), Some(1));
    let line = file[..title].lines().count();
    assert!(
        stdout.contains(&format!(
            "le fichier s'arrête au milieu d'un texte entre guillemets ouvert ligne {line}, colonne "
        )),
        "{stdout}"
    );
    fs::write(&past, &file[..title - "title: \"".len()]).unwrap();
    let out = copilnum(&["check", "--dir", tmp.path().to_str().unwrap()]);
    let (stdout, _) = text(&out);
    assert!(
        stdout.contains(
            "le fichier s'arrête au milieu de la structure « AgendaItem » ouverte ligne "
        ),
        "{stdout}"
    );
    for line in stdout.lines() {
        assert_plain_french(line);
    }
}

// =============================================================================================
// The committee's year: `objectives` and `template`.

/// A copy of the frozen version 3 committee: an objective reporté and carried on, another
/// carried on request, and a restricted committee that reviews them.
fn year_committee(tmp: &Path) -> std::path::PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v3");
    let dir = tmp.join("comite");
    fs::create_dir_all(dir.join("reunions")).unwrap();
    fs::copy(from.join("comite.ron"), dir.join("comite.ron")).unwrap();
    for entry in fs::read_dir(from.join("reunions")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.join("reunions").join(path.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn objectives_lists_every_objective_with_its_lineage() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = year_committee(tmp.path());
    let out = copilnum(&["objectives", "--dir", dir.to_str().unwrap()]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stdout.starts_with("COPIL-Num de la circonscription de Thonon-les-Bains — 7 objectifs\n\nAnnée scolaire 2025-2026\n"),
        "{stdout}"
    );
    let block = |n: u32| -> String {
        let start = stdout.find(&format!("\nn° {n} — ")).unwrap();
        let end = stdout[start + 1..]
            .find("\n\n")
            .map_or(stdout.len(), |e| start + 1 + e);
        stdout[start + 1..end].to_string()
    };
    assert_eq!(
        block(1),
        "n° 1 — Ouvrir l’ENT dans les 5 écoles qui ne l’utilisent pas encore\n\
         \x20   reporté · Jean-Baptiste Lefèvre · Pédagogique · CRCN 2.1 · échéance 16/01/2026\n\
         \x20   indicateur : 14 écoles sur 14 ont un ENT ouvert aux familles\n\
         \x20   – fixé le 14/10/2025, échéance 16/01/2026\n\
         \x20   – évalué le 20/01/2026 : reporté (« Deux écoles attendent leur raccordement à la fibre. »)\n\
         \x20   – reconduit le 20/01/2026 (objectif n° 6), échéance à confirmer (24/04/2026)"
    );
    let six = block(6);
    assert!(
        six.contains("à évaluer · Jean-Baptiste Lefèvre · Pédagogique · CRCN 2.1 · échéance à confirmer (24/04/2026)"),
        "{six}"
    );
    assert!(six.contains("– évalué le 20/01/2026 : reporté"), "{six}");
    assert!(six.ends_with("– à évaluer le 10/03/2026"), "{six}");
    assert!(block(5).contains("– évalué le 20/01/2026 : abandonné (« Repris par la DSDEN. »)"));
}

#[test]
fn objectives_are_filtered_by_year_status_owner_domain_and_crcn() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = year_committee(tmp.path());
    let numbers = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["objectives", "--dir", dir.to_str().unwrap()];
        all.extend_from_slice(args);
        let out = copilnum(&all);
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{args:?}: {stderr}");
        stdout
            .lines()
            .filter_map(|l| l.strip_prefix("n° "))
            .map(|l| l.split(' ').next().unwrap().to_string())
            .collect()
    };
    assert_eq!(numbers(&["--status", "reporté"]), ["1"]);
    assert_eq!(numbers(&["--status", "A evaluer"]), ["6", "7"]);
    assert_eq!(numbers(&["--owner", "lefevre"]), ["1", "6"]);
    assert_eq!(
        numbers(&["--owner", "17", "--status", "partiellement-atteint"]),
        ["3"]
    );
    assert_eq!(numbers(&["--domain", "financier"]), ["4"]);
    assert_eq!(numbers(&["--crcn", "4.2"]), ["5"]);
    assert_eq!(numbers(&["--year", "2025-2026"]).len(), 7);
    assert!(numbers(&["--year", "2026-2027"]).is_empty());
    let out = copilnum(&[
        "objectives",
        "--dir",
        dir.to_str().unwrap(),
        "--year",
        "2026-2027",
    ]);
    assert!(
        text(&out)
            .0
            .ends_with("— 0 objectif\nAucun objectif ne répond à ces critères.\n")
    );
}

#[test]
fn objectives_as_csv_open_in_a_french_spreadsheet() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = year_committee(tmp.path());
    let out = copilnum(&[
        "objectives",
        "--dir",
        dir.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert!(out.status.success(), "{:?}", text(&out));
    let bytes = out.stdout;
    assert!(bytes.starts_with(b"\xef\xbb\xbf"), "a BOM first");
    let csv = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(lines.len(), 8, "a header and seven objectives: {csv}");
    assert!(!csv.replace("\r\n", "").contains('\n'), "CRLF only");
    assert!(lines[0].starts_with("Année scolaire;N°;Objectif;Responsable;Domaine;"));
    assert!(
        lines[1].starts_with("2025-2026;1;Ouvrir l’ENT dans les 5 écoles qui ne l’utilisent pas encore;Jean-Baptiste Lefèvre;Pédagogique;2.1;"),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].contains(
            ";reporté;20/01/2026;Deux écoles attendent leur raccordement à la fibre.;;6;"
        ),
        "{}",
        lines[1]
    );
}

#[test]
fn objectives_refuse_bad_options_in_french() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = year_committee(tmp.path());
    let d = dir.to_str().unwrap();
    for (args, says) in [
        (
            vec!["--year", "2026"],
            "« 2026 » ne désigne pas une année scolaire : attendu AAAA-AAAA, par exemple 2026-2027",
        ),
        (
            vec!["--year", "2026-2028"],
            "une année scolaire va de septembre à août de l'année suivante",
        ),
        (
            vec!["--status", "fini"],
            "statut « fini » inconnu ; statuts possibles : en-cours, a-evaluer, atteint",
        ),
        (
            vec!["--owner", "Zorro"],
            "aucun membre du comité ne s'appelle « Zorro »",
        ),
        (vec!["--owner", "99"], "aucun membre n° 99 dans le comité"),
        (vec!["--domain", "sportif"], "domaine « sportif » inconnu"),
        (vec!["--crcn", "9.9"], "compétence CRCN « 9.9 » inconnue"),
        (
            vec!["--format", "pdf"],
            "format « pdf » inconnu ; formats : text, csv",
        ),
    ] {
        let mut all = vec!["objectives", "--dir", d];
        all.extend_from_slice(&args);
        let out = copilnum(&all);
        let (stdout, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(stdout, "", "{args:?}");
        assert!(
            stderr.starts_with("copilnum : ") && stderr.contains(says),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn objectives_name_an_unreadable_meeting_and_fail() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = year_committee(tmp.path());
    fs::write(dir.join("reunions/2026-03-10.ron"), "Meeting(").unwrap();
    let out = copilnum(&["objectives", "--dir", dir.to_str().unwrap()]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout.contains("— 7 objectifs"),
        "the others are listed: {stdout}"
    );
    assert!(
        stderr.starts_with(
            "copilnum : réunion 2026-03-10 illisible, ses objectifs manquent à la liste"
        ),
        "{stderr}"
    );
}

#[test]
fn template_writes_a_builtin_list_that_check_then_checks() {
    let tmp = tempfile::tempdir().unwrap();
    sample(tmp.path());
    let d = tmp.path().to_str().unwrap();
    let out = copilnum(&["template", "--dir", d]);
    let (stdout, _) = text(&out);
    assert!(out.status.success());
    for name in [
        "roles",
        "echelles",
        "sujets",
        "crcn",
        "premiere-reunion",
        "reunion-de-suivi",
    ] {
        assert!(stdout.contains(&format!("\n  {name} ")), "{name}: {stdout}");
    }
    let out = copilnum(&["template", "--dir", d, "reunion-de-suivi"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    let path = tmp.path().join("modeles/reunion-de-suivi.ron");
    assert!(
        stdout.starts_with(&format!(
            "Écrit : {} (l'ordre du jour des réunions suivantes).",
            path.display()
        )),
        "{stdout}"
    );
    let builtin = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/modeles/reunion-de-suivi.ron"),
    )
    .unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), builtin);
    let out = copilnum(&["check", "--dir", d]);
    assert!(
        text(&out).0.contains("et 1 fichier du catalogue"),
        "{:?}",
        text(&out)
    );
    let listed = text(&copilnum(&["template", "--dir", d])).0;
    assert!(
        listed.contains("(déjà adapté : modeles/reunion-de-suivi.ron)"),
        "{listed}"
    );

    // Written once: the committee's version is never replaced.
    fs::write(
        &path,
        builtin.replace("planned_minutes: 25", "planned_minutes: vingt"),
    )
    .unwrap();
    let out = copilnum(&["template", "--dir", d, "reunion-de-suivi"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).1.contains("reunion-de-suivi.ron existe déjà : modifiez-le, ou effacez-le pour repartir de la version intégrée"), "{:?}", text(&out));
    assert!(fs::read_to_string(&path).unwrap().contains("vingt"));
    // A mistake in it is found by check, at its place.
    let out = copilnum(&["check", "--dir", d]);
    assert_eq!(out.status.code(), Some(1));
    let line = builtin
        .lines()
        .position(|l| l.contains("planned_minutes: 25"))
        .unwrap()
        + 1;
    assert!(
        text(&out)
            .0
            .starts_with(&format!("{}:{line}:", path.display())),
        "{:?}",
        text(&out)
    );
}

#[test]
fn template_refuses_an_unknown_name_or_a_folder_without_committee() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().to_str().unwrap();
    let out = copilnum(&["template", "--dir", d, "roles"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).1.contains("aucun comité dans ce dossier"),
        "{:?}",
        text(&out)
    );
    assert_eq!(
        fs::read_dir(tmp.path()).unwrap().count(),
        0,
        "nothing written"
    );
    sample(tmp.path());
    let out = copilnum(&["modele", "--dir", d, "ordre"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).1.contains("« ordre » n'est ni une liste ni un modèle intégré ; noms possibles : roles, echelles, sujets, crcn, premiere-reunion, reunion-de-suivi"),
        "{:?}",
        text(&out)
    );
    assert!(!tmp.path().join("catalogues").exists());
}

#[test]
fn check_locates_an_objective_evaluated_twice_or_skipped_by_its_review() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = year_committee(tmp.path());
    let out = copilnum(&["check", "--dir", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{:?}", text(&out));
    // The restricted committee of March evaluates objective 2 again, and forgets 7.
    let march = dir.join("reunions/2026-03-10.ron");
    let original = fs::read_to_string(&march).unwrap();
    let edited = original
        .replace(
            "        Evaluation(objective: 7, statement: \"Mettre en service le formulaire de signalement des pannes\", owner: Some(17)),\n",
            "",
        )
        .replace(
            "    evaluations: [\n",
            "    evaluations: [\n        Evaluation(objective: 2, statement: \"Désigner un correspondant\", owner: Some(1)),\n",
        );
    assert_ne!(edited, original);
    fs::write(&march, &edited).unwrap();
    let out = copilnum(&["check", "--dir", dir.to_str().unwrap()]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1));
    let at = |needle: &str| {
        let line = edited.lines().position(|l| l.contains(needle)).unwrap() + 1;
        let col = edited.lines().nth(line - 1).unwrap().find(needle).unwrap() + 1;
        format!("{}:{line}:{col}: ", march.display())
    };
    assert!(
        stdout.contains(&format!(
            "{}l'objectif n° 2 est déjà évalué à la réunion 2026-01-20 : un objectif n'est évalué qu'une fois",
            at("objective: 2,")
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "{}l'objectif n° 7 (« Mettre en service le formulaire de signalement des pannes », fixé à la réunion 2026-01-20) n'est évalué nulle part : cette réunion, la première à faire le bilan des objectifs après, doit l'évaluer",
            at("evaluations:")
        )),
        "{stdout}"
    );
    assert_eq!(stderr, "2 problèmes trouvés.\n");
    // Without being asked to, a restricted committee reviews nothing: said at its evaluations.
    fs::write(
        &march,
        original.replace("    reviews_objectives: Some(true),\n", ""),
    )
    .unwrap();
    let out = copilnum(&["check", "--dir", dir.to_str().unwrap()]);
    let evaluations = original
        .lines()
        .position(|l| l.starts_with("    evaluations:"))
        .unwrap();
    assert!(
        text(&out).0.starts_with(&format!(
            "{}:{}:5: un comité restreint ne fait pas le bilan des objectifs, sauf si son fichier le demande",
            march.display(),
            evaluations
        )),
        "{:?}",
        text(&out)
    );
}
