//! The documents as templates see them: the compte-rendu of one meeting and the report of a
//! school year, built from the committee and its meetings, with every date already French and
//! every person named as the version (full or public) wants.

use chrono::NaiveDate;
use serde::Serialize;

use super::lineage::Lineage;
use super::privacy::{Naming, NoteLine};
use super::typography::{self, NBSP};
use super::{Options, SchoolYear, Source};
use crate::catalog::Catalog;
use crate::fr;
use crate::model::{
    AgendaItem, Meeting, MeetingId, MeetingKind, MemberId, Objective, ObjectiveId, Presence,
    PriorityAxis, StepKind,
};

/// The committee, on the first lines of every document.
#[derive(Debug, Clone, Serialize)]
pub struct CommitteeDoc {
    /// Its name.
    pub name: String,
    /// The territory covered.
    pub territory: String,
    /// Its scale ("Circonscription").
    pub scale: String,
    /// Its pilot.
    pub pilot: String,
}

/// When, where and how a meeting took place.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingDoc {
    /// Its name ("2026-01-20").
    pub id: String,
    /// "mardi 20 janvier 2026 à 14 h".
    pub date_time: String,
    /// "mardi 20 janvier 2026".
    pub date: String,
    /// "20/01/2026".
    pub date_short: String,
    /// "14 h", if set.
    pub time: Option<String>,
    /// The place.
    pub place: String,
    /// "ordinaire", "extraordinaire", "comité restreint".
    pub kind: String,
    /// The dossier of a comité restreint.
    pub dossier: Option<String>,
    /// The secrétaire de séance.
    pub secretary: Option<String>,
    /// When it started and ended ("14 h 04"), if recorded.
    pub started: Option<String>,
    /// When it ended.
    pub ended: Option<String>,
    /// Whether it has taken place.
    pub held: bool,
}

/// The members of one role under one attendance status.
#[derive(Debug, Clone, Serialize)]
pub struct RoleGroup {
    /// The role label.
    pub role: String,
    /// How many.
    pub count: usize,
    /// The people (none in the public version, where only the count is given).
    pub people: Vec<PersonDoc>,
}

/// Someone in an attendance list.
#[derive(Debug, Clone, Serialize)]
pub struct PersonDoc {
    /// The name (or role).
    pub name: String,
    /// Function and organisation.
    pub function: Option<String>,
    /// "représenté par …", for a represented member.
    pub note: Option<String>,
    /// "10 h 25", for a latecomer: when they arrived.
    pub arrived: Option<String>,
}

/// One attendance status with its members by role.
#[derive(Debug, Clone, Serialize)]
pub struct StatusDoc {
    /// "Présents", "Excusés"…
    pub title: String,
    /// How many in all.
    pub count: usize,
    /// By role, in the order of the roles catalogue.
    pub groups: Vec<RoleGroup>,
}

/// A point of the agenda with what was said and decided.
#[derive(Debug, Clone, Serialize)]
pub struct ItemDoc {
    /// "3.2".
    pub number: String,
    /// Title.
    pub title: String,
    /// Who presented it.
    pub presenter: Option<String>,
    /// Bullet points of the agenda.
    pub details: Vec<String>,
    /// "20 min", if planned.
    pub planned: Option<String>,
    /// Time spent, if recorded.
    pub spent: Option<String>,
    /// The notes.
    pub notes: Vec<NoteLine>,
    /// The decisions.
    pub decisions: Vec<String>,
    /// The tour de table, on the round-table point (full version only).
    pub statements: Vec<StatementDoc>,
    /// Sub-points.
    pub items: Vec<ItemDoc>,
}

/// What a member said of their role during the tour de table.
#[derive(Debug, Clone, Serialize)]
pub struct StatementDoc {
    /// Who.
    pub who: String,
    /// What.
    pub text: String,
}

/// The evaluation of one previous objective.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationDoc {
    /// "n° 3".
    pub number: String,
    /// The objective.
    pub statement: String,
    /// Who was responsible.
    pub owner: Option<String>,
    /// "atteint"…, or "non évalué".
    pub outcome: String,
    /// What was said.
    pub comment: String,
}

/// An objective with its lineage.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectiveDoc {
    /// "n° 3".
    pub number: String,
    /// What is to be achieved.
    pub statement: String,
    /// Who is responsible.
    pub owner: String,
    /// "16/01/2026".
    pub due: String,
    /// Success indicator.
    pub indicator: String,
    /// "Pédagogique"…
    pub domain: String,
    /// "2.1 Interagir", if any.
    pub crcn: Option<String>,
    /// "n° 1 du 14/10/2025", the objective it carries over.
    pub carried_from: Option<String>,
    /// The whole chain it carries over, nearest first, when longer than one.
    pub lineage: Vec<String>,
    /// Objectives that carry it further ("n° 7 du 20/01/2026").
    pub carried_to: Vec<String>,
    /// Where it was set ("14/10/2025").
    pub set_on: String,
    /// Its latest verdict ("atteint"), or "non évalué".
    pub outcome: String,
    /// The comment of that verdict.
    pub comment: String,
    /// When it was evaluated ("20/01/2026").
    pub evaluated_on: Option<String>,
}

/// The priority axis and its coordinator.
#[derive(Debug, Clone, Serialize)]
pub struct AxisDoc {
    /// The axis.
    pub statement: String,
    /// Who coordinates it.
    pub coordinator: Option<String>,
    /// When it was set, if not at this meeting ("14/10/2025").
    pub set_on: Option<String>,
}

/// The next meeting.
#[derive(Debug, Clone, Serialize)]
pub struct NextDoc {
    /// "mardi 20 janvier 2026 à 14 h".
    pub date_time: String,
    /// Where.
    pub place: String,
}

/// The compte-rendu of a meeting.
#[derive(Debug, Clone, Serialize)]
pub struct Minutes {
    /// The committee.
    pub committee: CommitteeDoc,
    /// The meeting.
    pub meeting: MeetingDoc,
    /// Whether this is the public version.
    pub public: bool,
    /// Présents, excusés, absents and those not recorded, each by role.
    pub attendance: Vec<StatusDoc>,
    /// How many attended.
    pub attended: usize,
    /// The agenda with notes and decisions.
    pub agenda: Vec<ItemDoc>,
    /// The evaluation of the previous objectives.
    pub evaluations: Vec<EvaluationDoc>,
    /// The objectives set.
    pub objectives: Vec<ObjectiveDoc>,
    /// The priority axis in force.
    pub axis: Option<AxisDoc>,
    /// The next meeting.
    pub next_meeting: Option<NextDoc>,
    /// "30/11/2026", the day the document was made.
    pub made_on: String,
}

/// One meeting in the year's report.
#[derive(Debug, Clone, Serialize)]
pub struct YearMeetingDoc {
    /// The meeting.
    pub meeting: MeetingDoc,
    /// How many attended (none recorded: none).
    pub attended: Option<usize>,
    /// Its decisions.
    pub decisions: Vec<String>,
    /// How many objectives it set.
    pub objectives: usize,
}

/// How many objectives got each verdict.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeCount {
    /// "atteint", "atteints"…, agreeing with the count.
    pub outcome: String,
    /// How many.
    pub count: usize,
}

/// The report of a school year.
#[derive(Debug, Clone, Serialize)]
pub struct YearReport {
    /// The committee.
    pub committee: CommitteeDoc,
    /// "2026-2027".
    pub year: String,
    /// "du 1er septembre 2026 au 31 août 2027".
    pub period: String,
    /// Whether this is the public version.
    pub public: bool,
    /// The meetings of the year.
    pub meetings: Vec<YearMeetingDoc>,
    /// The priority axis in force at the end of the year.
    pub axis: Option<AxisDoc>,
    /// Every objective set during the year.
    pub objectives: Vec<ObjectiveDoc>,
    /// The verdicts, counted.
    pub outcomes: Vec<OutcomeCount>,
    /// "30/11/2026".
    pub made_on: String,
}

/// Whether a meeting has taken place: started or closed in copilnum, or past.
pub fn held(meeting: &Meeting, today: NaiveDate) -> bool {
    meeting.ended_at.is_some() || meeting.started_at.is_some() || meeting.date < today
}

fn committee_doc(source: &Source, naming: &Naming) -> CommitteeDoc {
    let c = source.committee;
    CommitteeDoc {
        name: c.name.clone(),
        territory: c.territory.clone(),
        scale: source
            .catalog
            .scale(&c.scale)
            .map_or(c.scale.clone(), |s| s.label.clone()),
        pilot: naming.pilot(),
    }
}

fn meeting_doc(id: MeetingId, meeting: &Meeting, naming: &Naming, today: NaiveDate) -> MeetingDoc {
    MeetingDoc {
        id: id.to_string(),
        date_time: typography::date_time(meeting.date, meeting.time),
        date: typography::date(meeting.date),
        date_short: fr::date_short(meeting.date),
        time: meeting.time.map(typography::time),
        place: naming.text(&meeting.place),
        kind: meeting.kind.label().to_string(),
        dossier: match &meeting.kind {
            MeetingKind::Restricted { dossier } => Some(naming.text(dossier)),
            _ => None,
        },
        secretary: meeting.secretary.map(|id| naming.person(id)),
        started: meeting.started_at.map(|t| typography::time(t.time())),
        ended: meeting.ended_at.map(|t| typography::time(t.time())),
        held: held(meeting, today),
    }
}

/// A member in an attendance list, with a note ("représenté par …") and, for a latecomer,
/// their arrival time.
type Listed = (MemberId, Option<String>, Option<chrono::NaiveTime>);

/// Attendance by status, then by role in the order of the catalogue.
fn attendance(meeting: &Meeting, source: &Source, naming: &Naming) -> Vec<StatusDoc> {
    let invited: Vec<MemberId> = invited(meeting, source);
    let mut statuses: Vec<(&str, Vec<Listed>)> = vec![
        ("Présents", Vec::new()),
        ("Excusés", Vec::new()),
        ("Absents", Vec::new()),
        ("Présence non notée", Vec::new()),
    ];
    for entry in &meeting.attendance {
        let (at, note) = match &entry.presence {
            Presence::Present => (0, None),
            Presence::RepresentedBy(_) => (0, Some(naming.presence(&entry.presence))),
            Presence::Excused => (1, None),
            Presence::Absent => (2, None),
        };
        statuses[at].1.push((entry.member, note, entry.arrived_at));
    }
    for id in invited {
        if meeting.presence_of(id).is_none() {
            statuses[3].1.push((id, None, None));
        }
    }
    statuses
        .into_iter()
        .filter(|(_, people)| !people.is_empty())
        .map(|(title, people)| StatusDoc {
            title: title.to_string(),
            count: people.len(),
            groups: by_role(&people, source, naming),
        })
        .collect()
}

/// The members a meeting invites: its list, or the whole active roster.
pub fn invited(meeting: &Meeting, source: &Source) -> Vec<MemberId> {
    if meeting.invited.is_empty() {
        source.committee.active_members().map(|m| m.id).collect()
    } else {
        meeting.invited.clone()
    }
}

/// People grouped by role, roles in the order of the catalogue (free roles after).
fn by_role(people: &[Listed], source: &Source, naming: &Naming) -> Vec<RoleGroup> {
    let mut groups: Vec<(usize, RoleGroup)> = Vec::new();
    for (id, note, arrived) in people {
        let role = naming.role(*id);
        let rank = role_rank(
            source.catalog,
            source.committee.member(*id).map(|m| &m.role),
        );
        let person = PersonDoc {
            name: naming.person(*id),
            function: naming.function(*id),
            note: note.clone(),
            arrived: arrived.map(typography::time),
        };
        match groups.iter_mut().find(|(_, g)| g.role == role) {
            Some((_, group)) => {
                group.count += 1;
                if !naming.public() {
                    group.people.push(person);
                }
            }
            None => groups.push((
                rank,
                RoleGroup {
                    role,
                    count: 1,
                    people: if naming.public() {
                        Vec::new()
                    } else {
                        vec![person]
                    },
                },
            )),
        }
    }
    groups.sort_by_key(|(rank, _)| *rank);
    groups.into_iter().map(|(_, g)| g).collect()
}

fn role_rank(catalog: &Catalog, role: Option<&crate::model::Role>) -> usize {
    match role {
        Some(crate::model::Role::Catalog(id)) => catalog
            .roles
            .iter()
            .position(|r| &r.id == id)
            .unwrap_or(catalog.roles.len()),
        _ => catalog.roles.len() + 1,
    }
}

fn item_doc(number: String, item: &AgendaItem, meeting: &Meeting, naming: &Naming) -> ItemDoc {
    let statements = if item.kind == StepKind::RoundTable && !naming.public() {
        meeting
            .attendance
            .iter()
            .filter(|a| !a.statement.trim().is_empty())
            .map(|a| StatementDoc {
                who: naming.person_with_role(a.member),
                text: a.statement.trim().to_string(),
            })
            .collect()
    } else {
        Vec::new()
    };
    ItemDoc {
        title: naming.text(&item.title),
        presenter: item.presenter.as_deref().map(|p| naming.text(p)),
        details: item.details.iter().map(|d| naming.text(d)).collect(),
        planned: (item.planned_minutes > 0)
            .then(|| typography::duration(item.planned_minutes.saturating_mul(60))),
        spent: (item.spent_seconds > 0).then(|| typography::duration(item.spent_seconds)),
        notes: naming.notes(&item.notes),
        decisions: item
            .decisions
            .iter()
            .map(|d| naming.text(&d.text))
            .collect(),
        statements,
        items: item
            .items
            .iter()
            .enumerate()
            .map(|(j, sub)| item_doc(format!("{number}.{}", j + 1), sub, meeting, naming))
            .collect(),
        number,
    }
}

fn number(id: ObjectiveId) -> String {
    format!("n°{NBSP}{}", id.0)
}

/// "n° 1 du 14/10/2025".
fn reference(id: ObjectiveId, lineage: &Lineage) -> String {
    match lineage.origin(id) {
        Some(origin) => format!("{} du {}", number(id), fr::date_short(origin.meeting.date)),
        None => number(id),
    }
}

/// An objective as documents show it, with its lineage (see [`Lineage`]).
fn objective_doc(
    objective: &Objective,
    lineage: &Lineage,
    source: &Source,
    naming: &Naming,
) -> ObjectiveDoc {
    let ancestors = lineage.ancestors(objective.id);
    let verdict = lineage.verdict(objective.id);
    ObjectiveDoc {
        number: number(objective.id),
        statement: naming.text(&objective.statement),
        owner: naming.person(objective.owner),
        due: fr::date_short(objective.due),
        indicator: naming.text(&objective.indicator),
        domain: objective.domain.label().to_string(),
        crcn: objective
            .crcn
            .as_ref()
            .map(|code| match source.catalog.competence(code) {
                Some(c) => format!("{} {}", c.code, c.name),
                None => code.clone(),
            }),
        carried_from: objective.carried_from.map(|id| reference(id, lineage)),
        lineage: if ancestors.len() > 1 {
            ancestors.iter().map(|id| reference(*id, lineage)).collect()
        } else {
            Vec::new()
        },
        carried_to: lineage
            .descendants(objective.id)
            .into_iter()
            .map(|id| reference(id, lineage))
            .collect(),
        set_on: lineage
            .origin(objective.id)
            .map(|o| fr::date_short(o.meeting.date))
            .unwrap_or_default(),
        outcome: verdict
            .and_then(|v| v.evaluation.outcome)
            .map_or("non évalué", |o| o.label())
            .to_string(),
        comment: verdict.map_or(String::new(), |v| naming.text(&v.evaluation.comment)),
        evaluated_on: verdict
            .filter(|v| v.evaluation.outcome.is_some())
            .map(|v| fr::date_short(v.meeting.date)),
    }
}

/// The axis in force at a meeting: the one it set, else the latest set before it.
fn axis_at(source: &Source, id: MeetingId, naming: &Naming) -> Option<AxisDoc> {
    let (set_by, axis): (MeetingId, &PriorityAxis) = source
        .meetings
        .iter()
        .filter(|(other, _)| *other <= id)
        .filter_map(|(other, m)| m.priority_axis.as_ref().map(|a| (*other, a)))
        .next_back()?;
    Some(AxisDoc {
        statement: naming.text(&axis.statement),
        coordinator: axis.coordinator.map(|c| naming.person_with_role(c)),
        set_on: (set_by != id).then(|| fr::date_short(set_by.date)),
    })
}

/// The compte-rendu of one meeting of the source.
pub fn minutes(source: &Source, id: MeetingId, meeting: &Meeting, options: &Options) -> Minutes {
    let naming = source.naming(options.public);
    let lineage = Lineage::of(source.meetings);
    let today = options.now.date_naive();
    let steps = meeting.agenda.iter().enumerate();
    Minutes {
        committee: committee_doc(source, &naming),
        meeting: meeting_doc(id, meeting, &naming, today),
        public: options.public,
        attendance: attendance(meeting, source, &naming),
        attended: meeting.attendance_count(),
        agenda: steps
            .map(|(i, item)| item_doc((i + 1).to_string(), item, meeting, &naming))
            .collect(),
        evaluations: meeting
            .evaluations
            .iter()
            .map(|e| EvaluationDoc {
                number: number(e.objective),
                statement: naming.text(&e.statement),
                owner: e.owner.map(|o| naming.person(o)),
                outcome: e.outcome.map_or("non évalué", |o| o.label()).to_string(),
                comment: naming.text(&e.comment),
            })
            .collect(),
        objectives: meeting
            .objectives
            .iter()
            .map(|o| objective_doc(o, &lineage, source, &naming))
            .collect(),
        axis: axis_at(source, id, &naming),
        next_meeting: meeting.next_meeting.as_ref().map(|n| NextDoc {
            date_time: typography::date_time(n.date, n.time),
            place: naming.text(&n.place),
        }),
        made_on: fr::date_short(today),
    }
}

/// The report of a school year.
pub fn year_report(source: &Source, year: SchoolYear, options: &Options) -> YearReport {
    let naming = source.naming(options.public);
    let lineage = Lineage::of(source.meetings);
    let today = options.now.date_naive();
    let of_year: Vec<&(MeetingId, Meeting)> = source
        .meetings
        .iter()
        .filter(|(id, _)| year.contains(id.date))
        .collect();
    let objectives: Vec<ObjectiveDoc> = of_year
        .iter()
        .flat_map(|(_, m)| &m.objectives)
        .map(|o| objective_doc(o, &lineage, source, &naming))
        .collect();
    let mut outcomes: Vec<OutcomeCount> = Vec::new();
    for o in &objectives {
        match outcomes.iter_mut().find(|c| c.outcome == o.outcome) {
            Some(count) => count.count += 1,
            None => outcomes.push(OutcomeCount {
                outcome: o.outcome.clone(),
                count: 1,
            }),
        }
    }
    let order = |label: &str| {
        crate::model::Outcome::ALL
            .iter()
            .position(|o| o.label() == label)
            .unwrap_or(usize::MAX)
    };
    outcomes.sort_by_key(|c| order(&c.outcome));
    for count in &mut outcomes {
        if count.count > 1 {
            count.outcome.push('s');
        }
    }
    let last_day = year.last_day().unwrap_or(NaiveDate::MAX);
    let axis_anchor = source
        .meetings
        .iter()
        .map(|(id, _)| *id)
        .rfind(|id| id.date <= last_day);
    YearReport {
        committee: committee_doc(source, &naming),
        year: year.to_string(),
        period: format!(
            "du {} au {}",
            typography::day(year.first_day().unwrap_or(NaiveDate::MIN)),
            typography::day(last_day)
        ),
        public: options.public,
        meetings: of_year
            .iter()
            .map(|(id, m)| YearMeetingDoc {
                meeting: meeting_doc(*id, m, &naming, today),
                attended: (!m.attendance.is_empty()).then(|| m.attendance_count()),
                decisions: m.decisions().map(|d| naming.text(&d.text)).collect(),
                objectives: m.objectives.len(),
            })
            .collect(),
        axis: axis_anchor.and_then(|id| axis_at(source, id, &naming)),
        objectives,
        outcomes,
        made_on: fr::date_short(today),
    }
}
