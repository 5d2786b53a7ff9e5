//! A committee file is read by a quick reader of the form copilnum writes
//! (`src/store/quick.rs`), and otherwise, when large, in two halves at once
//! (`src/store/halves.rs`): what the store reads must be exactly what ron reading the whole
//! text gives, whatever the members' names hold, however the file was edited by hand; and a
//! broken file must be reported as the whole text's reading reports it, at the same place.

use std::path::Path;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

use copilnum::codec;
use copilnum::model::{Committee, Member, MemberId, Role};
use copilnum::store::{self, Store};

/// Pieces of text that would fool a cut made without reading strings and comments.
const TRICKY: &[&str] = &[
    "]",
    "[",
    ")",
    "(",
    ",",
    "}",
    "{",
    "//",
    "/*",
    "*/",
    "\"",
    "\"#",
    "r#\"",
    "\\",
    "\\\"",
    "\n",
    "\r\n",
    "'",
    "#![enable(implicit_some)]",
    "members: [",
    "é",
    "👩‍🏫",
    " ",
    "Member(",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        vec(select(TRICKY), 0..6).prop_map(|pieces| pieces.concat()),
        "[a-zé ]{0,12}",
        any::<String>(),
    ]
}

/// A member; its number is given when it takes its place in the list.
fn member() -> impl Strategy<Value = Member> {
    (
        text(),
        text(),
        proptest::option::of(text()),
        any::<(bool, bool)>(),
    )
        .prop_map(|(name, function, email, (catalog, archived))| Member {
            id: MemberId(0),
            name,
            role: if catalog {
                Role::Catalog("erun".into())
            } else {
                Role::Free(function.clone())
            },
            function,
            email,
            archived,
        })
}

/// A committee whose file is long enough to be read in halves: a few hundred members, the
/// tricky ones among plain ones.
fn committee() -> impl Strategy<Value = Committee> {
    (vec(member(), 1..40), 300usize..420, text()).prop_map(|(tricky, plain, name)| {
        let mut committee = Committee::new(&name, "circonscription", "Thonon", "Hélène Marchand");
        let mut members = Vec::new();
        for n in 0..plain {
            members.push(Member {
                id: MemberId(0),
                name: format!("Membre numéro {n} de la circonscription de Thonon-les-Bains"),
                role: Role::Catalog("directeur".into()),
                function: "Directrice de l'école élémentaire Jules-Ferry, Thonon".into(),
                email: Some(format!("membre.{n}@ac-grenoble.fr")),
                archived: false,
            });
        }
        // The tricky members spread through the list, around its middle too.
        for (k, m) in tricky.into_iter().enumerate() {
            let at = (k * 37 + plain / 2) % (members.len() + 1);
            members.insert(at, m);
        }
        for (i, m) in members.iter_mut().enumerate() {
            m.id = MemberId(i as u32 + 1);
        }
        committee.members = members;
        committee
    })
}

/// Writes `text` as the committee file of a new folder and reads it through the store.
fn load(text: &str) -> (tempfile::TempDir, Result<Committee, store::StoreError>) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let layout = store::Layout::new(dir.path());
    std::fs::write(layout.committee(), text).expect("committee written");
    let read = Store::open(dir.path()).and_then(|mut s| s.load_committee());
    (dir, read)
}

fn whole(text: &str) -> Result<Committee, codec::ParseError> {
    codec::parse(Path::new("comite.ron"), text)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn a_large_committee_reads_back_exactly(committee in committee()) {
        let dir = tempfile::tempdir().expect("temporary folder");
        store::create(dir.path(), &committee, &[]).expect("committee written");
        let text = std::fs::read_to_string(store::Layout::new(dir.path()).committee()).unwrap();
        prop_assert!(text.len() >= 64 * 1024, "large enough to be read in halves: {}", text.len());
        let read = Store::open(dir.path()).and_then(|mut s| s.load_committee()).unwrap();
        prop_assert_eq!(&read, &committee);
    }
}

/// The sample's large committee, as copilnum writes it.
fn large_text() -> String {
    let sample = copilnum::sample::huge(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap());
    let dir = tempfile::tempdir().expect("temporary folder");
    store::create(dir.path(), &sample.committee, &[]).expect("committee written");
    std::fs::read_to_string(store::Layout::new(dir.path()).committee()).unwrap()
}

#[test]
fn a_committee_edited_by_hand_reads_as_its_whole_text() {
    let text = large_text();
    // Comments holding brackets and commas between members, a raw string, Windows line
    // endings and a byte-order mark.
    let edited = text
        .replacen(
            "        Member(\n            id: 1000,",
            "        // ], [ une remarque, avec des crochets ) et /* une autre */\n        /* ]), ( */ Member(\n            id: 1000,",
            1,
        )
        .replacen("\"Hélène Marchand\"", "r#\"Hélène \"], Marchand\"#", 1);
    assert_ne!(edited, text, "the edits were made");
    let windows = format!("\u{feff}{}", edited.replace('\n', "\r\n"));
    for text in [edited, windows] {
        let (_dir, read) = load(&text);
        let read = read.expect("it reads");
        assert_eq!(read, whole(&text).unwrap());
        assert_eq!(read.members.len(), 2000);
        assert_eq!(read.members[0].name, "Hélène \"], Marchand");
    }
}

#[test]
fn a_large_committee_broken_in_either_half_is_reported_where_the_whole_text_is() {
    let text = large_text();
    let lines: Vec<&str> = text.lines().collect();
    // A field misspelled near the start, in the middle and near the end of the members.
    for at in [lines.len() / 10, lines.len() / 2, lines.len() * 9 / 10] {
        let line = (at..)
            .find(|&n| lines[n].trim_start().starts_with("name:"))
            .unwrap();
        let mut broken: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        broken[line] = broken[line].replacen("name:", "nom:", 1);
        let broken = broken.join("\n");
        let (_dir, read) = load(&broken);
        let error = read.expect_err("a misspelled field is refused").to_string();
        let expected = whole(&broken).expect_err("refused whole too");
        assert!(
            error.contains(&format!(":{}:{}", expected.line, expected.col)),
            "{error} / {expected:?}"
        );
        assert!(error.contains(&format!(":{}:", line + 1)), "{error}");
    }
}

#[test]
fn a_large_committee_from_a_newer_copilnum_is_still_refused_as_such() {
    let text = large_text().replacen("version: 3,", "version: 99,", 1);
    let (_dir, read) = load(&text);
    let error = read.expect_err("refused").to_string();
    assert!(error.contains("99"), "{error}");
}

/// Pieces of RON syntax an edit by hand, or a write cut short, puts where they do not belong.
const SYNTAX: &[&str] = &[
    " ",
    "\n",
    "\t",
    ",",
    ":",
    "(",
    ")",
    "[",
    "]",
    "\"",
    "r",
    "#",
    "/",
    "0",
    "1",
    "_",
    ".",
    "Some(",
    "None",
    "true",
    "Catalog(",
    "Free(",
    "Member",
    "Committee",
    "id: 7,",
    "name: \"x\",",
    "archived: false,",
    "pilot_member: None,",
    "// note\n",
    "\u{a0}",
];

/// A committee of a few members, with a pilot or not.
fn small_committee() -> impl Strategy<Value = Committee> {
    (vec(member(), 0..5), text(), proptest::option::of(1u32..6)).prop_map(
        |(members, name, pilot)| {
            let mut committee =
                Committee::new(&name, "circonscription", "Thonon", "Hélène Marchand");
            committee.members = members;
            for (i, m) in committee.members.iter_mut().enumerate() {
                m.id = MemberId(i as u32 + 1);
            }
            committee.pilot_member = pilot.map(MemberId);
            committee
        },
    )
}

/// An edit: at some place, some bytes taken out and a piece put in.
fn edit() -> impl Strategy<Value = (proptest::sample::Index, usize, String)> {
    (
        any::<proptest::sample::Index>(),
        0usize..6,
        prop_oneof![select(SYNTAX), select(TRICKY)].prop_map(String::from),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// The quick reader takes every file copilnum writes, whatever its strings hold (it would
    /// be of no use if it left them to ron).
    #[test]
    fn the_quick_reader_reads_what_copilnum_writes(committee in small_committee()) {
        let text = store::committee_text(&committee);
        prop_assert_eq!(store::quick::committee(&text), Some(committee));
    }

    /// Whatever the quick reader reads of an edited file, ron reads the same; what ron
    /// refuses, it leaves to ron.
    #[test]
    fn what_the_quick_reader_reads_ron_reads_the_same(
        committee in small_committee(),
        edits in vec(edit(), 1..4),
    ) {
        let mut text = store::committee_text(&committee);
        for (at, remove, piece) in edits {
            let mut at = at.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + remove).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(at..end, &piece);
        }
        if let Some(quick) = store::quick::committee(&text) {
            prop_assert_eq!(whole(&text).ok(), Some(quick), "{}", text);
        }
    }
}
