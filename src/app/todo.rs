//! What is due, for the home screen: the objectives past their due date and not evaluated
//! yet, the next meeting, and a warning when the committee has not met for twelve months
//! (the seed: it meets "au moins une fois par an").

use chrono::{Months, NaiveDate};

use super::home::MeetingSummary;
use crate::model::lineage::{Ledger, Record};

/// The next meeting: the first not closed from today on (`meetings` newest first).
pub fn next_meeting(meetings: &[MeetingSummary], today: NaiveDate) -> Option<&MeetingSummary> {
    meetings
        .iter()
        .rev()
        .find(|m| m.date() >= today && !m.ended && m.error.is_none())
}

/// The day of the last meeting held: closed, or before today.
pub fn last_held(meetings: &[MeetingSummary], today: NaiveDate) -> Option<NaiveDate> {
    meetings
        .iter()
        .filter(|m| m.date() <= today && (m.ended || m.date() < today))
        .map(MeetingSummary::date)
        .max()
}

/// The day of the last meeting held, when it was more than twelve months ago.
pub fn silent_since(meetings: &[MeetingSummary], today: NaiveDate) -> Option<NaiveDate> {
    last_held(meetings, today).filter(|last| {
        last.checked_add_months(Months::new(12))
            .is_some_and(|limit| limit < today)
    })
}

/// The objectives past their due date and without an outcome yet, the oldest due first.
pub fn overdue<'l, 'a>(ledger: &'l Ledger<'a>, today: NaiveDate) -> Vec<&'l Record<'a>> {
    let mut late: Vec<&Record> = ledger
        .records()
        .iter()
        .filter(|r| r.outcome().is_none() && r.objective.due < today)
        .collect();
    late.sort_by_key(|r| (r.objective.due, r.objective.id));
    late
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meeting, MeetingId, Outcome};
    use crate::sample;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn summaries(meetings: &[(MeetingId, Meeting)]) -> Vec<MeetingSummary> {
        meetings
            .iter()
            .rev()
            .map(|(id, m)| MeetingSummary::of(*id, m))
            .collect()
    }

    #[test]
    fn the_next_meeting_and_the_last_one_held() {
        let today = day(2026, 11, 30);
        let s = sample::sample(today);
        let list = summaries(&s.meetings);
        assert_eq!(next_meeting(&list, today).unwrap().date(), day(2026, 12, 1));
        assert_eq!(last_held(&list, today), Some(day(2026, 6, 30)));
        assert_eq!(silent_since(&list, today), None);
        assert_eq!(
            silent_since(&list, day(2027, 12, 1)),
            None,
            "twelve months to the day"
        );
        let later = day(2027, 12, 2);
        assert_eq!(
            silent_since(&list, later),
            Some(day(2026, 12, 1)),
            "the December meeting, not closed, was held all the same"
        );
        assert_eq!(next_meeting(&list, later), None);
        assert_eq!(silent_since(&[], today), None, "a new committee");
    }

    #[test]
    fn overdue_objectives_are_those_late_and_not_evaluated() {
        let today = day(2026, 11, 30);
        let mut s = sample::sample(today);
        let refs: Vec<(MeetingId, &Meeting)> = s.meetings.iter().map(|(i, m)| (*i, m)).collect();
        let ledger = Ledger::new(&refs);
        let late: Vec<u32> = overdue(&ledger, today)
            .iter()
            .map(|r| r.objective.id.0)
            .collect();
        assert_eq!(late, [3, 2, 4, 1, 5], "every one, the oldest due first");
        assert!(overdue(&ledger, day(2026, 1, 1)).is_empty(), "none due yet");
        s.meetings[1].1.evaluations[2].outcome = Some(Outcome::Achieved);
        let refs: Vec<(MeetingId, &Meeting)> = s.meetings.iter().map(|(i, m)| (*i, m)).collect();
        let ledger = Ledger::new(&refs);
        let late: Vec<u32> = overdue(&ledger, today)
            .iter()
            .map(|r| r.objective.id.0)
            .collect();
        assert_eq!(late, [2, 4, 1, 5], "evaluated: no longer due");
    }
}
