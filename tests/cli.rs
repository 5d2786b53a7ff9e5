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
