//! Properties of the committee's year: a history built meeting after meeting the way the
//! interface builds it (prepare, evaluate, carry over) is always one `check` accepts, with
//! each objective evaluated once at the next reviewing meeting; setting outcomes in any order
//! leaves at most one carried copy, there exactly when the last word was "reporté"; school
//! years read back as written; the search finds a word whatever its accents and case.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use proptest::sample::select;

use copilnum::catalog::Catalog;
use copilnum::model::lineage::{self, Event, Ledger};
use copilnum::model::prepare::{Handover, MeetingPlan, prepare};
use copilnum::model::{
    Domain, Evaluation, Meeting, MeetingId, MeetingKind, MemberId, Objective, ObjectiveId, Outcome,
    SchoolYear,
};
use copilnum::search::{SearchIndex, fold};
use copilnum::validate;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn objective(id: u32, due: NaiveDate) -> Objective {
    Objective {
        id: ObjectiveId(id),
        statement: format!("Objectif {id}"),
        owner: MemberId(1),
        due,
        indicator: String::new(),
        domain: Domain::Technical,
        subjects: vec![],
        crcn: None,
        carried_from: None,
        due_to_confirm: false,
    }
}

/// What happens at one meeting: its kind, whether an extraordinary one is asked to review,
/// the outcome given to each objective it evaluates, and how many objectives it sets.
#[derive(Debug, Clone)]
struct Step {
    ordinary: bool,
    asked_to_review: bool,
    outcomes: Vec<Option<Outcome>>,
    new_objectives: u32,
}

fn outcome() -> impl Strategy<Value = Option<Outcome>> {
    prop_oneof![Just(None), select(Outcome::ALL.to_vec()).prop_map(Some)]
}

fn step() -> impl Strategy<Value = Step> {
    (
        prop::bool::weighted(0.7),
        any::<bool>(),
        prop::collection::vec(outcome(), 0..8),
        0u32..4,
    )
        .prop_map(
            |(ordinary, asked_to_review, outcomes, new_objectives)| Step {
                ordinary,
                asked_to_review,
                outcomes,
                new_objectives,
            },
        )
}

/// Builds the meetings one after the other, as the interface does.
fn history(steps: &[Step]) -> Vec<(MeetingId, Meeting)> {
    let catalog = Catalog::builtin();
    let mut meetings: Vec<(MeetingId, Meeting)> = Vec::new();
    let mut next_id = 0;
    for (n, step) in steps.iter().enumerate() {
        let date = day(2025, 9, 2) + Duration::weeks(7 * n as i64);
        let id = MeetingId::new(date);
        let plan = MeetingPlan {
            date,
            time: None,
            place: String::new(),
            kind: if step.ordinary {
                MeetingKind::Ordinary
            } else {
                MeetingKind::Extraordinary
            },
            secretary: None,
        };
        let mut meeting = {
            let refs: Vec<(MeetingId, &Meeting)> = meetings.iter().map(|(i, m)| (*i, m)).collect();
            let handover = Handover::for_meeting(id, &refs);
            let mut m = prepare(&plan, catalog.agenda_for(handover.is_first()), &handover);
            if !step.ordinary && step.asked_to_review && !handover.is_first() {
                let review = &catalog.follow_up_agenda.items[0];
                copilnum::model::prepare::set_review(&mut m, true, &handover, review).unwrap();
            }
            m
        };
        for (index, outcome) in step.outcomes.iter().enumerate() {
            if index >= meeting.evaluations.len() {
                break;
            }
            let evaluated = meeting.evaluations[index].objective;
            let refs: Vec<(MeetingId, &Meeting)> = meetings.iter().map(|(i, m)| (*i, m)).collect();
            let ledger = Ledger::new(&refs);
            next_id += 1;
            lineage::set_outcome(
                &mut meeting,
                index,
                *outcome,
                ledger.original(evaluated),
                ObjectiveId(next_id),
            );
        }
        for _ in 0..step.new_objectives {
            next_id += 1;
            meeting
                .objectives
                .push(objective(next_id, date + Duration::weeks(4)));
        }
        meetings.push((id, meeting));
    }
    meetings
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_history_built_meeting_after_meeting_passes_check(steps in prop::collection::vec(step(), 1..9)) {
        let meetings = history(&steps);
        let refs: Vec<(MeetingId, &Meeting)> = meetings.iter().map(|(i, m)| (*i, m)).collect();
        let problems: Vec<String> = validate::across_meetings(&refs)
            .into_iter()
            .map(|(id, p)| format!("{id}: {}", p.message))
            .collect();
        prop_assert!(problems.is_empty(), "{problems:#?}");
        prop_assert!(meetings[0].1.evaluations.is_empty(), "the first meeting evaluates nothing");
        let ledger = Ledger::new(&refs);
        for record in ledger.records() {
            prop_assert!(record.evaluations.len() <= 1);
            let reviewed_after = meetings
                .iter()
                .any(|(id, m)| *id > record.set_at && m.reviews_objectives());
            prop_assert_eq!(record.evaluations.len() == 1, reviewed_after);
            // Carried on only when an evaluation asked for it.
            if let Some((at, _)) = record.carried_to.first() {
                prop_assert_eq!(Some(*at), record.latest().map(|e| e.at));
                prop_assert_eq!(record.outcome(), Some(Outcome::Postponed));
            }
            let history = ledger.history(record.objective.id);
            prop_assert!(history.windows(2).all(|w| w[0].at() <= w[1].at()));
            let first_is_set = matches!(history[0], Event::Set { .. });
            prop_assert!(first_is_set, "{:?}", history[0]);
        }
    }

    #[test]
    fn outcomes_set_in_any_order_leave_one_copy_exactly_when_the_last_word_was_reporte(
        outcomes in prop::collection::vec(outcome(), 1..12)
    ) {
        let december = {
            let mut m = Meeting::new(day(2026, 12, 1), MeetingKind::Ordinary, vec![]);
            m.objectives.push(objective(1, day(2027, 2, 1)));
            m
        };
        let original = lineage::Original { objective: &december.objectives[0], set_on: december.date };
        let mut march = Meeting::new(day(2027, 3, 2), MeetingKind::Ordinary, vec![]);
        march.evaluations.push(Evaluation::pending(&december.objectives[0]));
        let mut carried = false;
        for (n, outcome) in outcomes.iter().enumerate() {
            lineage::set_outcome(&mut march, 0, *outcome, Some(original), ObjectiveId(10 + n as u32));
            carried = match outcome.map(Outcome::fate) {
                Some(copilnum::model::Fate::Carried) => true,
                Some(copilnum::model::Fate::MayCarry) => carried,
                _ => false,
            };
            let copies = march.objectives.iter().filter(|o| o.carried_from == Some(ObjectiveId(1))).count();
            prop_assert_eq!(copies, usize::from(carried), "after {:?}", &outcomes[..=n]);
            prop_assert_eq!(march.evaluations[0].outcome, *outcome);
        }
    }

    #[test]
    fn school_years_read_back_and_hold_their_days(start in 1000i32..9000, offset in 0i64..365) {
        let year = SchoolYear::starting(start);
        prop_assert_eq!(year.to_string().parse::<SchoolYear>(), Ok(year));
        let date = year.first_day().unwrap() + Duration::days(offset);
        prop_assert_eq!(SchoolYear::of(date), year);
        prop_assert!(date <= year.last_day().unwrap());
        prop_assert!(!year.contains(year.last_day().unwrap() + Duration::days(1)));
    }

    #[test]
    fn a_word_is_found_whatever_its_accents_and_case(
        word in prop::collection::vec(select(LETTERS.to_vec()), 3..10),
        before in "[a-z ,.’]{0,40}",
        after in "[a-z ,.’]{0,60}",
    ) {
        let plain: String = word.iter().map(|(p, _)| *p).collect();
        let written: String = word.iter().map(|(_, w)| *w).collect();
        let mut meeting = Meeting::new(
            day(2026, 1, 20),
            MeetingKind::Ordinary,
            vec![copilnum::model::AgendaItem::new("Point", 10)],
        );
        meeting.agenda[0].notes = format!("{before} {written} {after}");
        let id = MeetingId::new(meeting.date);
        let index = SearchIndex::new(&[(id, &meeting)]);
        for query in [plain.clone(), plain.to_uppercase(), written.clone()] {
            let results = index.search(&query, 5);
            prop_assert_eq!(results.total, 1, "{} in {:?}", query, meeting.agenda[0].notes);
            let hit = &results.hits[0];
            prop_assert_eq!((hit.meeting, hit.step), (id, Some(0)));
            let shown = &hit.snippet[hit.highlight.clone()];
            prop_assert_eq!(fold(shown), fold(&plain), "highlight {:?} in {:?}", shown, hit.snippet);
        }
    }
}

/// Letters as searched for, and as they may be written.
const LETTERS: [(char, char); 16] = [
    ('e', 'é'),
    ('e', 'è'),
    ('e', 'Ê'),
    ('e', 'e'),
    ('a', 'à'),
    ('a', 'Â'),
    ('c', 'ç'),
    ('c', 'C'),
    ('i', 'î'),
    ('i', 'Ï'),
    ('o', 'ô'),
    ('u', 'ù'),
    ('u', 'Û'),
    ('n', 'n'),
    ('r', 'R'),
    ('s', 's'),
];
