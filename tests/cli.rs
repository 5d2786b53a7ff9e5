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

    let meetings: Vec<_> = {
        let mut v: Vec<_> = fs::read_dir(dir.join("reunions"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        v.sort();
        v
    };
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
    for command in ["meetings", "check"] {
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
    let mut files: Vec<_> = fs::read_dir(tmp.path().join("reunions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
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
