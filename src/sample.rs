//! The sample committee of `copilnum sample` and `copilnum demo` (hand-written RON in
//! `assets/exemple/`, moved in time so its next meeting is always a few days ahead) and the
//! benchmark fixtures built from it (large, and ten times larger).

use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};

use crate::codec;
use crate::model::{
    Attendance, Committee, Evaluation, Meeting, MeetingId, Member, MemberId, NextMeeting,
    ObjectiveId, Outcome, Presence, Role, lineage,
};

const COMMITTEE: &str = include_str!("../assets/exemple/comite.ron");
const PAST: &str = include_str!("../assets/exemple/reunions/2025-10-14.ron");
const UPCOMING: &str = include_str!("../assets/exemple/reunions/2026-01-20.ron");

/// A committee with its meetings, oldest first, ready to be written by `store::create`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    /// The committee and its roster.
    pub committee: Committee,
    /// The meetings, oldest first.
    pub meetings: Vec<(MeetingId, Meeting)>,
}

fn parse<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> T {
    codec::parse(Path::new(name), text)
        .expect("the sample in assets/exemple is checked by the tests")
}

/// The sample: about twenty members across the seed's roles, a first meeting held with the
/// seed's agenda, and the next one, prepared from the follow-up agenda, between one and seven
/// days after `today` (same weekday as in the files).
pub fn sample(today: NaiveDate) -> Sample {
    let committee: Committee = parse("assets/exemple/comite.ron", COMMITTEE);
    let mut past: Meeting = parse("assets/exemple/reunions/2025-10-14.ron", PAST);
    let mut upcoming: Meeting = parse("assets/exemple/reunions/2026-01-20.ron", UPCOMING);
    let days = (today + Duration::days(1) - upcoming.date).num_days();
    let weeks = days.div_euclid(7) + i64::from(days.rem_euclid(7) > 0);
    for meeting in [&mut past, &mut upcoming] {
        shift(meeting, Duration::weeks(weeks));
    }
    // No committee meets during the summer holidays: move the first meeting back to June.
    while matches!(past.date.month(), 7 | 8) {
        let next = past.next_meeting.clone();
        shift(&mut past, Duration::weeks(-1));
        past.next_meeting = next;
    }
    Sample {
        committee,
        meetings: vec![
            (MeetingId::new(past.date), past),
            (MeetingId::new(upcoming.date), upcoming),
        ],
    }
}

/// Moves every date of a meeting by the same amount.
fn shift(meeting: &mut Meeting, by: Duration) {
    meeting.date += by;
    meeting.started_at = meeting.started_at.map(|t| t + by);
    meeting.ended_at = meeting.ended_at.map(|t| t + by);
    for objective in &mut meeting.objectives {
        objective.due += by;
    }
    if let Some(next) = &mut meeting.next_meeting {
        next.date += by;
    }
}

const FIRST_NAMES: [&str; 15] = [
    "Amélie", "Benoît", "Cécile", "Damien", "Éloïse", "Fabrice", "Gaëlle", "Hervé", "Isabelle",
    "Jérôme", "Léa", "Maël", "Noémie", "Océane", "Raphaël",
];
const LAST_NAMES: [&str; 12] = [
    "Baud",
    "Collomb-Patton",
    "Dupraz",
    "Favre",
    "Garnier",
    "Jacquemoud",
    "L'Hôte",
    "Mégevand",
    "Perrissin",
    "Richard",
    "Suchet",
    "Vuagnat",
];
const ROLES: [&str; 6] = [
    "enseignant",
    "directeur",
    "correspondant-numerique",
    "parent-elu",
    "periscolaire",
    "technicien",
];

/// The benchmark fixture: 200 members, 100 past meetings each with full attendance, five new
/// objectives (and the ones it carries over) and the evaluation of the previous meeting's, and
/// an upcoming meeting whose first agenda item holds 5,000 lines of notes.
pub fn large(today: NaiveDate) -> Sample {
    scaled(today, Scale::LARGE)
}

/// Ten times [`large`]: 2,000 members, 1,000 past meetings of 200 attendees each (drawn in turn
/// from the members), and 50,000 lines of notes in the upcoming meeting's first item.
pub fn huge(today: NaiveDate) -> Sample {
    scaled(today, Scale::HUGE)
}

/// How big a benchmark fixture is.
#[derive(Debug, Clone, Copy)]
struct Scale {
    members: usize,
    past_meetings: u32,
    attendees: usize,
    notes_lines: usize,
    /// Weeks between two past meetings.
    every: i64,
}

impl Scale {
    const LARGE: Scale = Scale {
        members: 200,
        past_meetings: 100,
        attendees: 200,
        notes_lines: 5_000,
        every: 3,
    };
    const HUGE: Scale = Scale {
        members: 2_000,
        past_meetings: 1_000,
        attendees: 200,
        notes_lines: 50_000,
        every: 1,
    };
}

fn scaled(today: NaiveDate, scale: Scale) -> Sample {
    let Sample {
        mut committee,
        meetings,
    } = sample(today);
    let [(_, template), (_, mut upcoming)] =
        <[_; 2]>::try_from(meetings).expect("two sample meetings");
    for n in committee.members.len()..scale.members {
        committee.add_member(Member {
            id: MemberId(0),
            name: format!(
                "{} {}",
                FIRST_NAMES[n % FIRST_NAMES.len()],
                LAST_NAMES[n / FIRST_NAMES.len() % LAST_NAMES.len()]
            ),
            role: Role::Catalog(ROLES[n % ROLES.len()].to_string()),
            function: format!("École n° {} de la circonscription", n % 40 + 1),
            email: (n % 3 != 0).then(|| format!("membre{n}@exemple.fr")),
            archived: false,
        });
    }
    let presences = [
        Presence::Present,
        Presence::Present,
        Presence::Present,
        Presence::Excused,
        Presence::Absent,
    ];
    let count = scale.past_meetings;
    let mut meetings: Vec<(MeetingId, Meeting)> = Vec::with_capacity(count as usize + 1);
    let mut next_id = 0;
    for k in 0..count {
        let mut meeting = template.clone();
        let weeks = scale.every * (i64::from(k) - i64::from(count));
        shift(&mut meeting, Duration::weeks(weeks));
        let first = k as usize * scale.attendees % committee.members.len();
        meeting.attendance = (0..scale.attendees.min(committee.members.len()))
            .map(|i| {
                let m = &committee.members[(first + i) % committee.members.len()];
                Attendance {
                    member: m.id,
                    presence: presences[(i + k as usize) % presences.len()].clone(),
                    statement: format!("{}, {}", m.name, m.function),
                    arrived_at: None,
                }
            })
            .collect();
        for objective in &mut meeting.objectives {
            next_id += 1;
            objective.id = ObjectiveId(next_id);
        }
        if let Some((_, previous)) = meetings.last() {
            meeting.evaluations = evaluations(previous);
            // What was reporté goes on as an objective of this meeting.
            for (index, evaluation) in meeting.evaluations.clone().iter().enumerate() {
                if evaluation.outcome == Some(Outcome::Postponed)
                    && let Some(original) = previous.objective(evaluation.objective)
                {
                    next_id += 1;
                    let original = lineage::Original {
                        objective: original,
                        set_on: previous.date,
                    };
                    lineage::carry(&mut meeting, index, original, ObjectiveId(next_id))
                        .expect("a postponed objective carries over");
                }
            }
        }
        meeting.next_meeting = Some(NextMeeting {
            date: meeting.date + Duration::weeks(scale.every),
            time: meeting.time,
            place: meeting.place.clone(),
        });
        meetings.push((MeetingId::new(meeting.date), meeting));
    }
    let last = &mut meetings.last_mut().expect("past meetings").1;
    if let Some(next) = &mut last.next_meeting {
        next.date = upcoming.date;
    }
    upcoming.evaluations = evaluations(last);
    upcoming.agenda[0].notes = large_notes(scale.notes_lines);
    meetings.push((MeetingId::new(upcoming.date), upcoming));
    Sample {
        committee,
        meetings,
    }
}

fn evaluations(previous: &Meeting) -> Vec<Evaluation> {
    previous
        .objectives
        .iter()
        .enumerate()
        .map(|(i, o)| Evaluation {
            outcome: Some(
                Outcome::ALL[(i + previous.date.ordinal() as usize) % Outcome::ALL.len()],
            ),
            comment: "Point fait en séance.".into(),
            ..Evaluation::pending(o)
        })
        .collect()
}

/// `lines` lines of meeting notes in French.
pub fn large_notes(lines: usize) -> String {
    let subjects = [
        "l’ENT",
        "les tablettes",
        "le réseau",
        "la formation",
        "les robots",
        "le RGPD",
        "les TNI",
    ];
    (1..=lines)
        .map(|n| {
            format!(
                "{n:04} — École n° {} : point sur {}, échange avec l’équipe ; décision à prévoir (œuvre, ça, à).",
                n % 14 + 1,
                subjects[n % subjects.len()]
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::validate;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_next_meeting_is_one_to_seven_days_ahead_on_the_same_weekday() {
        for today in [
            day(2026, 11, 30),
            day(2027, 3, 14),
            day(2025, 1, 1),
            day(2026, 9, 20),
            day(2026, 10, 25),
        ] {
            let s = sample(today);
            let upcoming = s.meetings[1].1.date;
            let ahead = (upcoming - today).num_days();
            assert!((1..=7).contains(&ahead), "{today}: {upcoming}");
            assert_eq!(upcoming.weekday(), chrono::Weekday::Tue);
            let past = &s.meetings[0].1;
            assert_eq!(past.next_meeting.as_ref().unwrap().date, upcoming);
            assert!(
                past.objectives
                    .iter()
                    .all(|o| o.due > past.date && o.due < upcoming)
            );
        }
    }

    #[test]
    fn the_sample_is_valid_and_as_the_issue_describes_it() {
        let catalog = Catalog::builtin();
        let s = sample(day(2026, 11, 30));
        assert_eq!(validate::committee(&s.committee, &catalog), []);
        assert_eq!(s.committee.members.len(), 20);
        let names: Vec<&str> = s
            .committee
            .members
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        assert!(names.iter().any(|n| n.contains('-')) && names.iter().any(|n| n.contains('\'')));
        let (past, upcoming) = (&s.meetings[0].1, &s.meetings[1].1);
        for (_, m) in &s.meetings {
            assert_eq!(validate::meeting(m, &s.committee, &catalog), []);
        }
        assert_eq!(past.objectives.len(), 5);
        assert!(past.priority_axis.as_ref().unwrap().coordinator.is_some());
        assert!(past.decisions().count() >= 4);
        assert_eq!(past.attendance.len(), 20);
        let titles =
            |a: &[crate::model::AgendaItem]| a.iter().map(|i| i.title.clone()).collect::<Vec<_>>();
        assert_eq!(titles(&past.agenda), titles(&catalog.first_agenda.items));
        assert_eq!(
            titles(&upcoming.agenda),
            titles(&catalog.follow_up_agenda.items)
        );
        assert_eq!(upcoming.evaluations.len(), 5);
        let ids = [(s.meetings[0].0, past), (s.meetings[1].0, upcoming)];
        assert_eq!(validate::across_meetings(&ids), []);
    }

    #[test]
    fn the_large_fixture_has_the_announced_size_and_is_valid() {
        let catalog = Catalog::builtin();
        let s = large(day(2026, 11, 30));
        assert_eq!(s.committee.members.len(), 200);
        assert_eq!(s.meetings.len(), 101);
        let upcoming = &s.meetings[100].1;
        assert_eq!(upcoming.agenda[0].notes.lines().count(), 5000);
        assert!(upcoming.date > s.meetings[99].1.date);
        assert_eq!(validate::committee(&s.committee, &catalog), []);
        for (id, m) in &s.meetings {
            assert_eq!(validate::meeting(m, &s.committee, &catalog), [], "{id}");
        }
        let refs: Vec<(MeetingId, &Meeting)> = s.meetings.iter().map(|(id, m)| (*id, m)).collect();
        assert_eq!(validate::across_meetings(&refs), []);
        let ledger = lineage::Ledger::new(&refs);
        let longest = ledger
            .records()
            .iter()
            .map(|r| ledger.chain(r.objective.id).len())
            .max();
        assert!(longest >= Some(2), "reporté objectives go on: {longest:?}");
        let mut ids: Vec<MeetingId> = refs.iter().map(|(id, _)| *id).collect();
        ids.dedup();
        assert_eq!(ids.len(), 101, "one file per meeting");
    }

    #[test]
    fn the_huge_fixture_is_ten_times_the_large_one_and_valid() {
        let catalog = Catalog::builtin();
        let s = huge(day(2026, 11, 30));
        assert_eq!(s.committee.members.len(), 2_000);
        assert_eq!(s.meetings.len(), 1_001);
        let upcoming = &s.meetings[1_000].1;
        assert_eq!(upcoming.agenda[0].notes.lines().count(), 50_000);
        // Every objective of the last meeting (those carried over included) is to evaluate.
        assert_eq!(
            upcoming.evaluations.len(),
            s.meetings[999].1.objectives.len()
        );
        assert!(
            s.meetings[..1_000]
                .iter()
                .all(|(_, m)| m.attendance.len() == 200)
        );
        assert_eq!(validate::committee(&s.committee, &catalog), []);
        for (id, m) in s.meetings.iter().step_by(97) {
            assert_eq!(validate::meeting(m, &s.committee, &catalog), [], "{id}");
        }
        let refs: Vec<(MeetingId, &Meeting)> = s.meetings.iter().map(|(id, m)| (*id, m)).collect();
        assert_eq!(validate::across_meetings(&refs), []);
        let mut ids: Vec<MeetingId> = refs.iter().map(|(id, _)| *id).collect();
        ids.dedup();
        assert_eq!(ids.len(), 1_001, "one file per meeting");
    }
}
