//! Property tests: any committee and any meeting the model can hold come back exactly as they
//! were, through the RON text copilnum writes and through the real store on disk.
//!
//! The generated text is hostile on purpose: French accents (precomposed and decomposed), CJK,
//! ZWJ emoji and flags, quotes and `"#` sequences that force RON's raw strings, backslashes and
//! escape-looking text, newlines, CR, tabs, raw control characters, terminal escape sequences,
//! comment markers, leading and trailing whitespace, empty strings, and any `char` at all.

use std::path::Path;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::string::string_regex;

use copilnum::codec;
use copilnum::model::{
    AgendaItem, Attendance, Committee, Decision, Domain, Evaluation, Meeting, MeetingId,
    MeetingKind, Member, MemberId, NextMeeting, Objective, ObjectiveId, Outcome, Presence,
    PriorityAxis, Role, SCHEMA_VERSION, StepKind,
};
use copilnum::store::{self, Saved, Store};

// ---------------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------------

/// Pieces of text that have broken, or could break, a text format or a terminal.
const HOSTILE: &[&str] = &[
    // French, precomposed and decomposed.
    "é",
    "à",
    "œ",
    "Œ",
    "ç",
    "Ç",
    "ÿ",
    "e\u{301}",
    "E\u{301}",
    "c\u{327}",
    "« ",
    " »",
    "\u{a0}",
    "\u{202f}",
    "’",
    "l'école",
    // CJK, emoji with ZWJ and skin tone, flags, variation selectors.
    "漢字",
    "日本語",
    "한국어",
    "👩‍🏫",
    "👨‍👩‍👧‍👦",
    "👍🏽",
    "🇫🇷",
    "🇪🇺",
    "❤\u{fe0f}",
    "\u{200d}",
    "\u{200b}",
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{fffd}",
    "\u{10ffff}",
    "\u{202e}",
    // Quotes, raw-string delimiters, backslashes, escape-looking text.
    "\"",
    "\"\"",
    "\"#",
    "\"##",
    "#",
    "##",
    "r#\"",
    "r##\"",
    "\"#)",
    "b\"",
    "'",
    "\\",
    "\\\\",
    "\\n",
    "\\\"",
    "\\u{e9}",
    "\\x41",
    // Whitespace and control characters.
    "\n",
    "\r",
    "\r\n",
    "\n\r",
    "\t",
    " ",
    "   ",
    "\u{0}",
    "\u{1}",
    "\u{7}",
    "\u{8}",
    "\u{b}",
    "\u{c}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{9b}",
    "\x1b[31m",
    "\x1b[0m",
    "\x1b]0;titre\x07",
    "\x1b[2J\x1b[H",
    // RON syntax and comments.
    "//",
    "/*",
    "*/",
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    "Some(",
    "None",
    "Committee(",
    "version: 3,",
    "),\n)",
];

/// One fragment: a hostile piece, any `char` at all, or plain words.
fn fragment() -> impl Strategy<Value = String> {
    let words = string_regex("[A-Za-z0-9 .-]{1,12}").expect("a valid regex");
    prop_oneof![
        4 => select(HOSTILE).prop_map(str::to_string),
        2 => any::<char>().prop_map(String::from),
        2 => words,
    ]
}

/// Any text, often hostile; sometimes empty or only whitespace. Boxed, like the other
/// composite strategies, so that debug builds do not overflow the test thread's stack.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        1 => Just(String::new()),
        1 => select(&[" ", "\n", "\t", " \r\n\t ", "\u{a0}"][..]).prop_map(str::to_string),
        1 => any::<String>(),
        6 => vec(fragment(), 1..8).prop_map(|parts| parts.concat()),
    ]
    .boxed()
}

fn opt<T: std::fmt::Debug + Clone>(
    inner: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<T>> {
    prop_oneof![1 => Just(None), 2 => inner.prop_map(Some)]
}

// ---------------------------------------------------------------------------------------------
// Numbers, dates and times
// ---------------------------------------------------------------------------------------------

fn u32_edge() -> impl Strategy<Value = u32> {
    prop_oneof![
        1 => Just(0u32),
        1 => Just(1u32),
        1 => Just(u32::MAX),
        1 => Just(u32::MAX - 1),
        3 => any::<u32>(),
    ]
}

fn usize_edge() -> impl Strategy<Value = usize> {
    prop_oneof![
        1 => Just(0usize),
        1 => Just(usize::MAX),
        3 => 0usize..20,
        1 => any::<usize>(),
    ]
}

fn member_id() -> impl Strategy<Value = MemberId> {
    u32_edge().prop_map(MemberId)
}

fn objective_id() -> impl Strategy<Value = ObjectiveId> {
    u32_edge().prop_map(ObjectiveId)
}

/// Any day chrono can hold, from `NaiveDate::MIN` to `NaiveDate::MAX`, with the usual years
/// and the edges weighted in.
fn date() -> BoxedStrategy<NaiveDate> {
    let min = NaiveDate::MIN.num_days_from_ce();
    let max = NaiveDate::MAX.num_days_from_ce();
    let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap().num_days_from_ce();
    prop_oneof![
        4 => ymd(1990, 1, 1)..=ymd(2100, 12, 31),
        1 => ymd(0, 1, 1)..=ymd(9999, 12, 31),
        1 => min..=max,
        1 => select(vec![
            min,
            max,
            ymd(0, 1, 1),
            ymd(-1, 12, 31),
            ymd(1, 1, 1),
            ymd(1582, 10, 15),
            ymd(1970, 1, 1),
            ymd(2000, 2, 29),
            ymd(2024, 2, 29),
            ymd(9999, 12, 31),
            ymd(10000, 1, 1),
        ]),
    ]
    .prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).expect("days within range"))
    .boxed()
}

/// Any time of day: whole minutes as users type them, seconds, nanoseconds, leap seconds.
fn time() -> BoxedStrategy<NaiveTime> {
    let at = |secs: u32, nano: u32| {
        NaiveTime::from_num_seconds_from_midnight_opt(secs, nano).expect("valid time")
    };
    prop_oneof![
        3 => (0u32..24 * 60).prop_map(move |min| at(min * 60, 0)),
        2 => (0u32..86_400).prop_map(move |s| at(s, 0)),
        2 => (0u32..86_400, 0u32..1_000_000_000).prop_map(move |(s, n)| at(s, n)),
        1 => (0u32..1_440, 1_000_000_000u32..2_000_000_000)
            .prop_map(move |(min, n)| at(min * 60 + 59, n)),
        1 => select(vec![(0, 0), (86_399, 0), (86_399, 999_999_999), (86_399, 1_999_999_999)])
            .prop_map(move |(s, n)| at(s, n)),
    ]
    .boxed()
}

fn date_time() -> impl Strategy<Value = NaiveDateTime> {
    (date(), time()).prop_map(|(d, t)| d.and_time(t))
}

// ---------------------------------------------------------------------------------------------
// Committee
// ---------------------------------------------------------------------------------------------

fn role() -> impl Strategy<Value = Role> {
    prop_oneof![
        select(&["erun", "ien", "directeur", "cpc", "elu"][..])
            .prop_map(|id| Role::Catalog(id.to_string())),
        text().prop_map(Role::Catalog),
        text().prop_map(Role::Free),
    ]
}

fn member() -> BoxedStrategy<Member> {
    (
        member_id(),
        text(),
        role(),
        text(),
        opt(text()),
        any::<bool>(),
    )
        .prop_map(|(id, name, role, function, email, archived)| Member {
            id,
            name,
            role,
            function,
            email,
            archived,
        })
        .boxed()
}

fn committee() -> BoxedStrategy<Committee> {
    (
        text(),
        text(),
        text(),
        text(),
        opt(member_id()),
        vec(member(), 0..5),
    )
        .prop_map(
            |(name, scale, territory, pilot, pilot_member, members)| Committee {
                version: SCHEMA_VERSION,
                name,
                scale,
                territory,
                pilot,
                pilot_member,
                members,
            },
        )
        .boxed()
}

// ---------------------------------------------------------------------------------------------
// Meeting
// ---------------------------------------------------------------------------------------------

fn step_kind() -> impl Strategy<Value = StepKind> {
    select(vec![
        StepKind::Discussion,
        StepKind::RoundTable,
        StepKind::Review,
        StepKind::PriorityAxis,
        StepKind::Objectives,
        StepKind::NextMeeting,
    ])
}

fn domain() -> impl Strategy<Value = Domain> {
    select(Domain::ALL.to_vec())
}

fn outcome() -> impl Strategy<Value = Outcome> {
    select(Outcome::ALL.to_vec())
}

fn meeting_kind() -> impl Strategy<Value = MeetingKind> {
    prop_oneof![
        Just(MeetingKind::Ordinary),
        Just(MeetingKind::Extraordinary),
        text().prop_map(|dossier| MeetingKind::Restricted { dossier }),
    ]
}

fn presence() -> impl Strategy<Value = Presence> {
    prop_oneof![
        Just(Presence::Present),
        Just(Presence::Excused),
        Just(Presence::Absent),
        text().prop_map(Presence::RepresentedBy),
    ]
}

fn decision() -> impl Strategy<Value = Decision> {
    text().prop_map(|text| Decision { text })
}

/// An agenda point without sub-points.
fn leaf_item() -> BoxedStrategy<AgendaItem> {
    (
        (text(), opt(text()), vec(text(), 0..3), step_kind()),
        (u32_edge(), u32_edge(), vec(text(), 0..3)),
        (text(), vec(decision(), 0..3)),
    )
        .prop_map(
            |(
                (title, presenter, details, kind),
                (planned_minutes, spent_seconds, subjects),
                (notes, decisions),
            )| AgendaItem {
                title,
                presenter,
                details,
                kind,
                planned_minutes,
                spent_seconds,
                subjects,
                notes,
                decisions,
                items: Vec::new(),
            },
        )
        .boxed()
}

/// An agenda point, with sub-points half of the time (one level, as the model allows).
fn agenda_item() -> BoxedStrategy<AgendaItem> {
    (leaf_item(), prop_oneof![Just(0usize), 1usize..4])
        .prop_flat_map(|(item, subs)| {
            vec(leaf_item(), subs).prop_map(move |items| AgendaItem {
                items,
                ..item.clone()
            })
        })
        .boxed()
}

fn attendance() -> BoxedStrategy<Attendance> {
    (member_id(), presence(), text(), opt(time()))
        .prop_map(|(member, presence, statement, arrived_at)| Attendance {
            member,
            presence,
            statement,
            arrived_at,
        })
        .boxed()
}

fn evaluation() -> BoxedStrategy<Evaluation> {
    (
        objective_id(),
        text(),
        opt(member_id()),
        opt(outcome()),
        text(),
    )
        .prop_map(
            |(objective, statement, owner, outcome, comment)| Evaluation {
                objective,
                statement,
                owner,
                outcome,
                comment,
            },
        )
        .boxed()
}

fn objective() -> BoxedStrategy<Objective> {
    (
        (objective_id(), text(), member_id(), date()),
        (text(), domain(), vec(text(), 0..3)),
        (
            opt(prop_oneof![
                select(&["1.1", "2.3", "5.2"][..]).prop_map(str::to_string),
                text()
            ]),
            opt(objective_id()),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (id, statement, owner, due),
                (indicator, domain, subjects),
                (crcn, carried_from, due_to_confirm),
            )| {
                Objective {
                    id,
                    statement,
                    owner,
                    due,
                    indicator,
                    domain,
                    subjects,
                    crcn,
                    carried_from,
                    due_to_confirm,
                }
            },
        )
        .boxed()
}

fn priority_axis() -> BoxedStrategy<PriorityAxis> {
    (text(), opt(member_id()))
        .prop_map(|(statement, coordinator)| PriorityAxis {
            statement,
            coordinator,
        })
        .boxed()
}

fn next_meeting() -> BoxedStrategy<NextMeeting> {
    (date(), opt(time()), text())
        .prop_map(|(date, time, place)| NextMeeting { date, time, place })
        .boxed()
}

fn meeting() -> BoxedStrategy<Meeting> {
    (
        (
            date(),
            opt(time()),
            text(),
            meeting_kind(),
            opt(member_id()),
            (vec(member_id(), 0..4), vec(member_id(), 0..3)),
        ),
        (
            opt(date_time()),
            opt(date_time()),
            usize_edge(),
            vec(agenda_item(), 0..4),
            (opt(date_time()), opt(member_id()), any::<bool>()),
        ),
        (
            vec(attendance(), 0..4),
            (opt(any::<bool>()), vec(evaluation(), 0..3)),
            vec(objective(), 0..3),
            opt(priority_axis()),
            opt(next_meeting()),
        ),
    )
        .prop_map(
            |(
                (date, time, place, kind, secretary, (invited, speaking_order)),
                (started_at, ended_at, current_step, agenda, (timer_started_at, speaker, summary)),
                (
                    attendance,
                    (reviews_objectives, evaluations),
                    objectives,
                    priority_axis,
                    next_meeting,
                ),
            )| Meeting {
                version: SCHEMA_VERSION,
                date,
                time,
                place,
                kind,
                secretary,
                invited,
                started_at,
                ended_at,
                current_step,
                timer_started_at,
                speaker,
                speaking_order,
                summary,
                agenda,
                attendance,
                reviews_objectives,
                evaluations,
                objectives,
                priority_axis,
                next_meeting,
            },
        )
        .boxed()
}

/// The rank of a meeting in its day: 1 mostly, and the edges.
fn rank() -> impl Strategy<Value = u32> {
    prop_oneof![
        4 => Just(1u32),
        2 => 2u32..10,
        1 => Just(u32::MAX),
        1 => 1u32..=u32::MAX,
    ]
}

/// Meetings named after their own date, as copilnum names them, with distinct names.
fn meetings() -> impl Strategy<Value = Vec<(MeetingId, Meeting)>> {
    vec((meeting(), rank()), 1..4).prop_map(|list| {
        let mut named: Vec<(MeetingId, Meeting)> = Vec::new();
        for (meeting, rank) in list {
            // A file name needs a four-digit year (see the test at the end); the meeting's own
            // date stays as wild as generated.
            let date = if MeetingId::new(meeting.date).is_nameable() {
                meeting.date
            } else {
                NaiveDate::from_ymd_opt(2026, 1, 20).unwrap()
            };
            let id = MeetingId { date, rank };
            if !named.iter().any(|(taken, _)| *taken == id) {
                named.push((id, meeting));
            }
        }
        named
    })
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

fn parse_committee(text: &str) -> Committee {
    codec::parse::<Committee>(Path::new("comite.ron"), text)
        .unwrap_or_else(|e| panic!("the committee file does not read back: {e}\n{text}"))
}

fn parse_meeting(text: &str) -> Meeting {
    codec::parse::<Meeting>(Path::new("reunion.ron"), text)
        .unwrap_or_else(|e| panic!("the meeting file does not read back: {e}\n{text}"))
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_committee_round_trips_through_text(c in committee()) {
        let text = store::committee_text(&c);
        prop_assert_eq!(parse_committee(&text), c, "text:\n{}", text);
    }

    #[test]
    fn any_meeting_round_trips_through_text(m in meeting(), rank in rank()) {
        let id = MeetingId { date: m.date, rank };
        let text = store::meeting_text(id, &m);
        prop_assert_eq!(parse_meeting(&text), m, "text:\n{}", text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_committee_and_meetings_round_trip_through_the_store(
        c in committee(),
        named in meetings(),
        c2 in committee(),
        m2 in meeting(),
        edit in text(),
    ) {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("comite");
        store::create(&dir, &c, &named).unwrap();

        {
            let mut store = Store::open(&dir).unwrap();
            prop_assert_eq!(&store.load_committee().unwrap(), &c);
            for (id, meeting) in &named {
                prop_assert_eq!(&store.load_meeting(*id).unwrap(), meeting);
            }
            let listed = store.meeting_ids().unwrap();
            for (id, _) in &named {
                prop_assert!(listed.contains(id), "{} in {:?}", id, listed);
            }

            // Edit what was read and save it over the file: in place, and read back equal.
            let (first, _) = named[0];
            let mut edited = store.load_meeting(first).unwrap();
            edited.place.push_str(&edit);
            edited.agenda.push(AgendaItem::new(&edit, 0));
            if let Some(item) = edited.agenda.first_mut() {
                item.notes.push_str(&edit);
                item.decisions.push(Decision { text: edit.clone() });
            }
            prop_assert_eq!(store.save_meeting(first, &edited).unwrap(), Saved::InPlace);
            prop_assert_eq!(&store.load_meeting(first).unwrap(), &edited);

            // Replace everything with other values, saving again in the same session.
            prop_assert_eq!(store.save_committee(&c2).unwrap(), Saved::InPlace);
            prop_assert_eq!(store.save_meeting(first, &m2).unwrap(), Saved::InPlace);
            prop_assert_eq!(&store.load_committee().unwrap(), &c2);
            prop_assert_eq!(&store.load_meeting(first).unwrap(), &m2);
        }

        // A fresh session sees the saved values, and the untouched meetings unchanged.
        let mut store = Store::open(&dir).unwrap();
        prop_assert_eq!(&store.load_committee().unwrap(), &c2);
        prop_assert_eq!(&store.load_meeting(named[0].0).unwrap(), &m2);
        for (id, meeting) in &named[1..] {
            prop_assert_eq!(&store.load_meeting(*id).unwrap(), meeting);
        }
    }
}

/// The strategies really produce the hostile content the properties claim to cover: if a
/// change to them stops generating one of these, this test says which.
#[test]
fn the_strategies_cover_the_hostile_cases() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (committees, meetings) = (committee(), meeting());
    let mut all = String::new();
    let mut times = Vec::new();
    let mut years = Vec::new();
    for _ in 0..300 {
        let c = committees.new_tree(&mut runner).unwrap().current();
        all.push_str(&store::committee_text(&c));
        let m = meetings.new_tree(&mut runner).unwrap().current();
        all.push_str(&store::meeting_text(MeetingId::new(m.date), &m));
        years.push(m.date.year());
        times.extend(m.time);
        times.extend(m.started_at.map(|t| t.time()));
    }
    let nanos = |t: &NaiveTime| t.nanosecond();
    assert!(
        years.iter().any(|&y| y > 9999),
        "never generated: a year after 9999"
    );
    assert!(
        years.iter().any(|&y| y < 0),
        "never generated: a year before 0"
    );
    assert!(
        times.iter().any(|t| (1..1_000_000_000).contains(&nanos(t))),
        "never generated: a time with nanoseconds"
    );
    assert!(
        times.iter().any(|t| nanos(t) >= 1_000_000_000),
        "never generated: a leap second"
    );
    for (what, marker) in [
        ("accent", "é"),
        ("ligature", "Œ"),
        ("decomposed accent", "e\u{301}"),
        ("CJK", "漢字"),
        ("ZWJ emoji", "👩‍🏫"),
        ("flag", "🇫🇷"),
        ("raw string", "r#\""),
        ("raw string with two hashes", "r##\""),
        ("quote and hash inside text", "\"#"),
        ("backslash", "\\"),
        ("carriage return", "\r"),
        ("tab", "\t"),
        ("NUL", "\u{0}"),
        ("terminal escape", "\x1b[31m"),
        ("byte order mark", "\u{feff}"),
        ("empty text", "\"\""),
        ("leading whitespace", "\" "),
        ("trailing whitespace", " \""),
        ("comment marker", "/*"),
        ("catalogue role", "Catalog("),
        ("free role", "Free("),
        ("e-mail", "email: Some("),
        ("archived member", "archived: true"),
        ("restricted committee", "Restricted("),
        ("ordinary", "kind: Ordinary"),
        ("extraordinary", "kind: Extraordinary"),
        ("represented", "RepresentedBy("),
        ("present", "Present"),
        ("excused", "Excused"),
        ("absent", "Absent"),
        ("sub-items", "items: ["),
        ("presenter", "presenter: Some("),
        ("round table", "RoundTable"),
        ("review", "Review"),
        ("objectives step", "Objectives"),
        ("next meeting step", "NextMeeting"),
        ("priority axis step", "kind: PriorityAxis"),
        ("financial", "Financial"),
        ("technical", "Technical"),
        ("pedagogical", "Pedagogical"),
        ("outcome", "outcome: Some("),
        ("postponed", "Postponed"),
        ("no outcome", "outcome: None"),
        ("carried over", "carried_from: Some("),
        ("u32::MAX", "4294967295"),
        ("zero id", "id: 0,"),
        ("usize::MAX", &usize::MAX.to_string()),
        ("leap second", ":60"),
        ("start time", "started_at: Some("),
        ("time of day", "time: Some("),
        ("no time", "time: None"),
        ("priority axis", "priority_axis: Some("),
        ("next meeting", "next_meeting: Some("),
    ] {
        assert!(all.contains(marker), "never generated: {what} ({marker:?})");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Validation reads hand-edited files: whatever they hold (ids at u32::MAX, a current step
    /// at usize::MAX, dates at chrono's limits), it reports, it never panics.
    #[test]
    fn validation_never_panics(c in committee(), named in meetings()) {
        let catalog = copilnum::catalog::Catalog::builtin();
        let _ = copilnum::validate::committee(&c, &catalog);
        for (_, m) in &named {
            let _ = copilnum::validate::meeting(m, &c, &catalog);
            let _ = m.steps();
            for item in &m.agenda {
                let _ = item.total_planned_minutes();
            }
        }
        let refs: Vec<(MeetingId, &Meeting)> = named.iter().map(|(id, m)| (*id, m)).collect();
        let _ = copilnum::validate::across_meetings(&refs);
        let _ = c.next_member_id();
    }

    /// Any damage to a file — bytes changed, cut, inserted — gives an error or a value, never a
    /// panic, and an error always has a line and a column.
    #[test]
    fn damaged_files_never_panic_the_reader(
        m in meeting(),
        cuts in vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        truncate in any::<prop::sample::Index>(),
    ) {
        let id = MeetingId::new(NaiveDate::from_ymd_opt(2026, 1, 20).unwrap());
        let mut bytes = store::meeting_text(id, &m).into_bytes();
        for (at, byte) in cuts {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        bytes.truncate(truncate.index(bytes.len() + 1));
        if let Err(e) = codec::parse_bytes::<Meeting>(Path::new("f.ron"), &bytes) {
            prop_assert!(e.line >= 1 && e.col >= 1);
            prop_assert!(!e.message.is_empty());
        }
    }
}

/// Found by the store property above: a meeting dated after 9999 (or before year 0) would be
/// written as `reunions/+10000-01-01.ron`, a name that does not read back, so the meeting would
/// be on disk but never listed. Such a date is now refused in French, and nothing is written.
#[test]
fn a_meeting_dated_outside_four_digit_years_is_refused() {
    let date = NaiveDate::from_ymd_opt(10000, 1, 1).unwrap();
    let id = MeetingId::new(date);
    let meeting = Meeting::new(
        date,
        MeetingKind::Ordinary,
        vec![AgendaItem::new("Point", 10)],
    );
    let committee = Committee::new("COPIL", "circonscription", "Thonon", "IEN");
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("comite");
    let refused = store::create(&dir, &committee, &[(id, meeting.clone())]).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("l'année doit avoir quatre chiffres"),
        "{refused}"
    );
    assert!(!dir.exists(), "nothing written");
    store::create(&dir, &committee, &[]).unwrap();
    let mut store = Store::open(&dir).unwrap();
    assert!(store.save_meeting(id, &meeting).is_err());
    assert_eq!(store.meeting_ids().unwrap(), vec![]);
    assert!(!store.layout().meeting(id).exists());
}
