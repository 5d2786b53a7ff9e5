//! School years (September to August, written "2026-2027"), the committee's meetings grouped
//! by school year with the priority axis in force and every objective set that year, and the
//! filters of the years view and of `copilnum objectives`.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

use super::lineage::{Ledger, Record, Status};
use super::{Domain, Meeting, MeetingId, MemberId, Outcome, PriorityAxis};
use crate::search::fold;

/// A school year, from the 1st of September to the 31st of August.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchoolYear {
    /// The calendar year of its September.
    start: i32,
}

impl SchoolYear {
    /// The school year that begins in September of `year`.
    pub fn starting(year: i32) -> SchoolYear {
        SchoolYear { start: year }
    }

    /// The school year a day belongs to.
    pub fn of(date: NaiveDate) -> SchoolYear {
        let start = if date.month() >= 9 {
            date.year()
        } else {
            date.year() - 1
        };
        SchoolYear { start }
    }

    /// The calendar year of its September.
    pub fn start_year(self) -> i32 {
        self.start
    }

    /// Its first day, the 1st of September (none outside the dates chrono knows).
    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.start, 9, 1)
    }

    /// Its last day, the 31st of August of the next year.
    pub fn last_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.start.checked_add(1)?, 8, 31)
    }

    /// Whether the day falls in it.
    pub fn contains(self, date: NaiveDate) -> bool {
        SchoolYear::of(date) == self
    }

    /// The school year after.
    pub fn next(self) -> SchoolYear {
        SchoolYear {
            start: self.start.saturating_add(1),
        }
    }
}

impl fmt::Display for SchoolYear {
    /// "2026-2027".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, i64::from(self.start) + 1)
    }
}

impl FromStr for SchoolYear {
    type Err = String;

    /// "2026-2027" (also with "/" and spaces: "2026 / 2027").
    fn from_str(text: &str) -> Result<SchoolYear, String> {
        let text = text.trim();
        let invalid = || {
            format!(
                "« {text} » ne désigne pas une année scolaire : attendu AAAA-AAAA, par exemple 2026-2027"
            )
        };
        let (first, second) = text.split_once(['-', '/']).ok_or_else(invalid)?;
        let year = |part: &str| {
            let part = part.trim();
            (part.len() == 4 && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<i32>().ok())
                .flatten()
                .ok_or_else(invalid)
        };
        let (first, second) = (year(first)?, year(second)?);
        if second != first + 1 {
            return Err(format!(
                "« {text} » : une année scolaire va de septembre à août de l'année suivante, par exemple {first}-{}",
                first + 1
            ));
        }
        Ok(SchoolYear { start: first })
    }
}

/// The priority axis in force in a year: the last one a meeting of that year set, else the
/// last one set before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AxisInForce<'a> {
    /// The axis and its coordinator.
    pub axis: &'a PriorityAxis,
    /// The meeting that set it.
    pub set_at: MeetingId,
}

impl AxisInForce<'_> {
    /// Whether it was set in an earlier year and no meeting of `year` changed it.
    pub fn inherited(&self, year: SchoolYear) -> bool {
        !year.contains(self.set_at.date)
    }
}

/// One school year of the committee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Year<'a> {
    /// Which.
    pub year: SchoolYear,
    /// The priority axis in force and its coordinator, if any was ever set.
    pub axis: Option<AxisInForce<'a>>,
    /// Its meetings, oldest first.
    pub meetings: Vec<(MeetingId, &'a Meeting)>,
    /// Every objective its meetings set, in order, each with its history in the ledger.
    pub objectives: Vec<&'a Record<'a>>,
}

/// The committee's meetings by school year, oldest year first: only years with a meeting.
/// `ledger` is built from the same meetings.
pub fn years<'a>(meetings: &[(MeetingId, &'a Meeting)], ledger: &'a Ledger<'a>) -> Vec<Year<'a>> {
    let mut ordered = meetings.to_vec();
    ordered.sort_by_key(|(id, _)| *id);
    let mut years: Vec<Year<'a>> = Vec::new();
    let mut axis = None;
    for (id, meeting) in ordered {
        let year = SchoolYear::of(id.date);
        if years.last().is_none_or(|y| y.year != year) {
            years.push(Year {
                year,
                axis,
                meetings: Vec::new(),
                objectives: Vec::new(),
            });
        }
        let current = years.last_mut().expect("pushed above");
        if let Some(set) = &meeting.priority_axis {
            axis = Some(AxisInForce {
                axis: set,
                set_at: id,
            });
            current.axis = axis;
        }
        current.meetings.push((id, meeting));
    }
    // The ledger lists objectives in meeting order: one pass fills the years in order.
    let mut y = 0;
    for record in ledger.records() {
        let year = SchoolYear::of(record.set_at.date);
        while y < years.len() && years[y].year < year {
            y += 1;
        }
        if let Some(slot) = years.get_mut(y).filter(|slot| slot.year == year) {
            slot.objectives.push(record);
        }
    }
    years
}

/// What a status filter keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusFilter {
    /// Not taken up by any meeting yet ("en cours").
    Open,
    /// Listed at a meeting's review, without an outcome yet ("à évaluer").
    ToEvaluate,
    /// Evaluated with this outcome.
    Outcome(Outcome),
}

impl StatusFilter {
    /// Every status filter, with the name a user types (see [`StatusFilter::from_str`]).
    pub const ALL: [(&'static str, StatusFilter); 7] = [
        ("en-cours", StatusFilter::Open),
        ("a-evaluer", StatusFilter::ToEvaluate),
        ("atteint", StatusFilter::Outcome(Outcome::Achieved)),
        (
            "partiellement-atteint",
            StatusFilter::Outcome(Outcome::PartiallyAchieved),
        ),
        ("non-atteint", StatusFilter::Outcome(Outcome::NotAchieved)),
        ("reporte", StatusFilter::Outcome(Outcome::Postponed)),
        ("abandonne", StatusFilter::Outcome(Outcome::Abandoned)),
    ];

    /// Whether an objective standing so passes.
    pub fn matches(self, status: Status) -> bool {
        match (self, status) {
            (StatusFilter::Open, Status::Open) => true,
            (StatusFilter::ToEvaluate, Status::ToEvaluate(_)) => true,
            (StatusFilter::Outcome(wanted), Status::Evaluated(outcome)) => wanted == outcome,
            _ => false,
        }
    }
}

impl FromStr for StatusFilter {
    type Err = String;

    /// "reporté", "Reporte", "non atteint", "non-atteint", "à évaluer"…: accents, case,
    /// spaces and hyphens do not matter.
    fn from_str(text: &str) -> Result<StatusFilter, String> {
        let key = |s: &str| -> String { fold(s).chars().filter(|c| c.is_alphanumeric()).collect() };
        let wanted = key(text);
        StatusFilter::ALL
            .iter()
            .find(|(name, _)| key(name) == wanted)
            .map(|(_, status)| *status)
            .ok_or_else(|| {
                let names: Vec<&str> = StatusFilter::ALL.iter().map(|(n, _)| *n).collect();
                format!(
                    "statut « {} » inconnu ; statuts possibles : {}",
                    text.trim(),
                    names.join(", ")
                )
            })
    }
}

/// Which objectives to show: every criterion given must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ObjectiveFilter {
    /// Set during this school year.
    pub year: Option<SchoolYear>,
    /// Standing so after its latest evaluation.
    pub status: Option<StatusFilter>,
    /// With this owner.
    pub owner: Option<MemberId>,
    /// In this domain.
    pub domain: Option<Domain>,
    /// Aiming at this CRCN competence ("2.1").
    pub crcn: Option<String>,
}

impl ObjectiveFilter {
    /// Whether an objective passes.
    pub fn matches(&self, record: &Record) -> bool {
        let objective = record.objective;
        self.year.is_none_or(|y| y.contains(record.set_at.date))
            && self.status.is_none_or(|s| s.matches(record.status()))
            && self.owner.is_none_or(|o| objective.owner == o)
            && self.domain.is_none_or(|d| objective.domain == d)
            && self
                .crcn
                .as_deref()
                .is_none_or(|c| objective.crcn.as_deref() == Some(c.trim()))
    }

    /// The objectives of the ledger that pass, in the order they were set.
    pub fn apply<'l, 'a>(&self, ledger: &'l Ledger<'a>) -> Vec<&'l Record<'a>> {
        ledger
            .records()
            .iter()
            .filter(|r| self.matches(r))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::lineage::{self, Original};
    use crate::model::{AgendaItem, Evaluation, MeetingKind, Objective, ObjectiveId};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_school_year_runs_from_september_to_august() {
        let year = SchoolYear::of(day(2026, 9, 1));
        assert_eq!(year.to_string(), "2026-2027");
        assert_eq!(SchoolYear::of(day(2027, 8, 31)), year);
        assert_eq!(SchoolYear::of(day(2026, 8, 31)).to_string(), "2025-2026");
        assert_eq!(year.first_day(), Some(day(2026, 9, 1)));
        assert_eq!(year.last_day(), Some(day(2027, 8, 31)));
        assert!(year.contains(day(2027, 1, 20)) && !year.contains(day(2027, 9, 1)));
        assert_eq!(year.next(), SchoolYear::starting(2027));
    }

    #[test]
    fn a_school_year_reads_as_written_and_refuses_the_rest_in_french() {
        for text in ["2026-2027", " 2026/2027 ", "2026 - 2027"] {
            assert_eq!(text.parse(), Ok(SchoolYear::starting(2026)), "{text}");
        }
        assert_eq!(
            "2026-2028".parse::<SchoolYear>().unwrap_err(),
            "« 2026-2028 » : une année scolaire va de septembre à août de l'année suivante, par exemple 2026-2027"
        );
        for bad in ["2026", "26-27", "2026-27", "année", "", "2026-2027-2028"] {
            let error = bad.parse::<SchoolYear>().unwrap_err();
            assert!(error.contains("AAAA-AAAA"), "{bad}: {error}");
        }
    }

    fn objective(id: u32, owner: u32, domain: Domain, crcn: Option<&str>) -> Objective {
        Objective {
            id: ObjectiveId(id),
            statement: format!("Objectif {id}"),
            owner: MemberId(owner),
            due: day(2030, 1, 1),
            indicator: String::new(),
            domain,
            subjects: vec![],
            crcn: crcn.map(str::to_string),
            carried_from: None,
            due_to_confirm: false,
        }
    }

    fn meeting(date: NaiveDate, axis: Option<&str>) -> Meeting {
        let mut m = Meeting::new(date, MeetingKind::Ordinary, vec![AgendaItem::new("A", 5)]);
        m.priority_axis = axis.map(|a| PriorityAxis {
            statement: a.into(),
            coordinator: Some(MemberId(3)),
        });
        m
    }

    /// 2025-2026: October (axis ENT; objectives 1, 2) and June (evaluates them: 1 reporté,
    /// carried as 3; 2 atteint). 2026-2027: November (evaluates 3: non atteint; sets 4) and
    /// March (no axis set).
    fn two_years() -> Vec<(MeetingId, Meeting)> {
        let mut oct = meeting(day(2025, 10, 14), Some("ENT pour tous"));
        oct.objectives = vec![
            objective(1, 2, Domain::Pedagogical, Some("2.1")),
            objective(2, 5, Domain::Technical, None),
        ];
        let mut jun = meeting(day(2026, 6, 16), None);
        jun.evaluations = oct.objectives.iter().map(Evaluation::pending).collect();
        let original = Original {
            objective: &oct.objectives[0],
            set_on: oct.date,
        };
        let postponed = Some(Outcome::Postponed);
        lineage::set_outcome(&mut jun, 0, postponed, Some(original), ObjectiveId(3));
        jun.evaluations[1].outcome = Some(Outcome::Achieved);
        let mut nov = meeting(day(2026, 11, 17), Some("Éducation aux médias"));
        nov.evaluations = vec![Evaluation::pending(&jun.objectives[0])];
        nov.evaluations[0].outcome = Some(Outcome::NotAchieved);
        nov.objectives = vec![objective(4, 5, Domain::Financial, Some("4.2"))];
        let mar = meeting(day(2027, 3, 9), None);
        [oct, jun, nov, mar]
            .into_iter()
            .map(|m| (MeetingId::new(m.date), m))
            .collect()
    }

    fn ids(records: &[&Record]) -> Vec<u32> {
        records.iter().map(|r| r.objective.id.0).collect()
    }

    #[test]
    fn meetings_group_by_school_year_with_the_axis_in_force_and_their_objectives() {
        let meetings = two_years();
        let refs: Vec<(MeetingId, &Meeting)> = meetings.iter().map(|(i, m)| (*i, m)).collect();
        let ledger = Ledger::new(&refs);
        let grouped = years(&refs, &ledger);
        let names: Vec<String> = grouped.iter().map(|y| y.year.to_string()).collect();
        assert_eq!(names, ["2025-2026", "2026-2027"]);
        assert_eq!(grouped[0].meetings.len(), 2);
        assert_eq!(grouped[1].meetings.len(), 2);
        let axis = grouped[0].axis.unwrap();
        assert_eq!(axis.axis.statement, "ENT pour tous");
        assert_eq!(axis.axis.coordinator, Some(MemberId(3)));
        assert!(!axis.inherited(grouped[0].year));
        assert_eq!(
            grouped[1].axis.unwrap().axis.statement,
            "Éducation aux médias"
        );
        assert_eq!(ids(&grouped[0].objectives), [1, 2, 3]);
        assert_eq!(ids(&grouped[1].objectives), [4]);
        let carried = grouped[0].objectives[2];
        assert_eq!(
            ledger.history(carried.objective.id).len(),
            4,
            "with its lineage"
        );
    }

    #[test]
    fn a_year_without_a_new_axis_keeps_the_one_in_force() {
        let meetings = two_years();
        let later: Vec<(MeetingId, &Meeting)> = meetings
            .iter()
            .filter(|(id, _)| id.date.year() != 2026 || id.date.month() < 9)
            .map(|(i, m)| (*i, m))
            .collect();
        let ledger = Ledger::new(&later);
        let grouped = years(&later, &ledger);
        let second = &grouped[1];
        assert_eq!(second.meetings.len(), 1, "March only");
        let axis = second.axis.unwrap();
        assert_eq!(axis.axis.statement, "ENT pour tous");
        assert!(axis.inherited(second.year));
        assert!(years(&[], &Ledger::default()).is_empty());
    }

    #[test]
    fn filters_by_year_status_owner_domain_and_crcn() {
        let meetings = two_years();
        let refs: Vec<(MeetingId, &Meeting)> = meetings.iter().map(|(i, m)| (*i, m)).collect();
        let ledger = Ledger::new(&refs);
        let kept = |filter: ObjectiveFilter| ids(&filter.apply(&ledger));
        assert_eq!(kept(ObjectiveFilter::default()), [1, 2, 3, 4]);
        let year = Some(SchoolYear::starting(2026));
        assert_eq!(
            kept(ObjectiveFilter {
                year,
                ..Default::default()
            }),
            [4]
        );
        let status = |s: &str| Some(s.parse::<StatusFilter>().unwrap());
        for (name, expected) in [
            ("Reporté", vec![1]),
            ("atteint", vec![2]),
            ("non atteint", vec![3]),
            ("en cours", vec![4]),
            ("abandonné", vec![]),
        ] {
            let filter = ObjectiveFilter {
                status: status(name),
                ..Default::default()
            };
            assert_eq!(kept(filter), expected, "{name}");
        }
        let owner = Some(MemberId(5));
        assert_eq!(
            kept(ObjectiveFilter {
                owner,
                ..Default::default()
            }),
            [2, 4]
        );
        let domain = Some(Domain::Pedagogical);
        assert_eq!(
            kept(ObjectiveFilter {
                domain,
                ..Default::default()
            }),
            [1, 3]
        );
        let crcn = Some("2.1".to_string());
        assert_eq!(
            kept(ObjectiveFilter {
                crcn,
                ..Default::default()
            }),
            [1, 3]
        );
        let both = ObjectiveFilter {
            owner: Some(MemberId(5)),
            domain: Some(Domain::Financial),
            year: Some(SchoolYear::starting(2026)),
            ..Default::default()
        };
        assert_eq!(kept(both), [4]);
    }

    #[test]
    fn a_pending_evaluation_filters_as_a_evaluer() {
        let oct = meeting(day(2025, 10, 14), None);
        let mut oct = oct;
        oct.objectives = vec![objective(1, 2, Domain::Technical, None)];
        let mut dec = meeting(day(2025, 12, 2), None);
        dec.evaluations = vec![Evaluation::pending(&oct.objectives[0])];
        let refs = [
            (MeetingId::new(oct.date), &oct),
            (MeetingId::new(dec.date), &dec),
        ];
        let ledger = Ledger::new(&refs);
        let filter = ObjectiveFilter {
            status: Some("à évaluer".parse().unwrap()),
            ..Default::default()
        };
        assert_eq!(ids(&filter.apply(&ledger)), [1]);
        assert!(
            "fini"
                .parse::<StatusFilter>()
                .unwrap_err()
                .starts_with("statut « fini » inconnu ; statuts possibles : en-cours, a-evaluer")
        );
    }
}
