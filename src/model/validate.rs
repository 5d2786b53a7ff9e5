//! Validation of what users enter and of whole files, with messages in French. A problem
//! carries an anchor: text of the file near the problem, so `check` can give its line.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::agenda::AgendaItem;
use super::{Committee, Meeting, MeetingId, MeetingKind, MemberId, Objective, Presence, Role};
use crate::catalog::Catalog;
use crate::fr;

/// Something wrong in a committee or a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong, in French.
    pub message: String,
    /// Text expected in the file near the problem (as copilnum writes it), to locate it.
    pub anchor: Option<String>,
}

impl Problem {
    fn new(message: String, anchor: Option<String>) -> Problem {
        Problem { message, anchor }
    }
}

/// A required text: trimmed, and not empty. `what` names the field ("le nom").
pub fn required(what: &str, value: &str) -> Result<String, String> {
    let value = value.trim();
    if value.is_empty() {
        let mut chars = what.chars();
        let what = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect::<String>())
            .unwrap_or_default();
        Err(format!("{what} ne peut pas être vide."))
    } else {
        Ok(value.to_string())
    }
}

/// An optional e-mail address: empty means none; otherwise it must look like one.
pub fn email(value: &str) -> Result<Option<String>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let valid = value.split_once('@').is_some_and(|(user, domain)| {
        !user.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !value.contains(char::is_whitespace)
            && value.matches('@').count() == 1
    });
    if valid {
        Ok(Some(value.to_string()))
    } else {
        Err(format!(
            "adresse e-mail « {value} » invalide (attendu : prenom.nom@exemple.fr)"
        ))
    }
}

/// The due date of an objective, which cannot fall before the meeting that sets it.
pub fn due_date(due: NaiveDate, meeting: NaiveDate) -> Result<NaiveDate, String> {
    if due < meeting {
        Err(format!(
            "l'échéance ({}) ne peut pas précéder la réunion ({})",
            fr::date_short(due),
            fr::date_short(meeting)
        ))
    } else {
        Ok(due)
    }
}

/// Everything wrong with the committee file.
pub fn committee(committee: &Committee, catalog: &Catalog) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut push =
        |message: String, anchor: Option<String>| problems.push(Problem::new(message, anchor));
    for (what, value, field) in [
        ("le nom du comité", &committee.name, "name"),
        ("le territoire", &committee.territory, "territory"),
        ("le pilote", &committee.pilot, "pilot"),
    ] {
        if let Err(e) = required(what, value) {
            push(e, Some(format!("{field}:")));
        }
    }
    if catalog.scale(&committee.scale).is_none() {
        let known: Vec<&str> = catalog.scales.iter().map(|s| s.id.as_str()).collect();
        push(
            format!(
                "échelle « {} » inconnue ; échelles possibles : {}",
                committee.scale,
                known.join(", ")
            ),
            Some("scale:".into()),
        );
    }
    let mut ids = HashSet::new();
    for member in &committee.members {
        let anchor = Some(format!("id: {},", member.id.0));
        let who = if member.name.trim().is_empty() {
            format!("membre n° {}", member.id.0)
        } else {
            format!("membre « {} »", member.name)
        };
        if !ids.insert(member.id) {
            push(
                format!(
                    "{who} : identifiant {} déjà utilisé par un autre membre",
                    member.id.0
                ),
                anchor.clone(),
            );
        }
        if member.name.trim().is_empty() {
            push(
                format!("{who} : le nom ne peut pas être vide"),
                anchor.clone(),
            );
        }
        match &member.role {
            Role::Catalog(id) if catalog.role(id).is_none() => push(
                format!(
                    "{who} : rôle « {id} » absent du catalogue des rôles (utilisez Free(\"…\") pour un rôle libre)"
                ),
                anchor.clone(),
            ),
            Role::Free(text) if text.trim().is_empty() => {
                push(
                    format!("{who} : le rôle ne peut pas être vide"),
                    anchor.clone(),
                );
            }
            _ => {}
        }
        if let Some(address) = &member.email
            && let Err(e) = email(address)
        {
            push(format!("{who} : {e}"), anchor.clone());
        }
    }
    problems
}

/// Everything wrong with one meeting, given its committee.
pub fn meeting(meeting: &Meeting, committee: &Committee, catalog: &Catalog) -> Vec<Problem> {
    let mut check = MeetingCheck {
        meeting,
        committee,
        catalog,
        problems: Vec::new(),
    };
    check.header();
    check.agenda();
    check.attendance();
    check.objectives();
    check.evaluations();
    check.closing();
    check.problems
}

struct MeetingCheck<'a> {
    meeting: &'a Meeting,
    committee: &'a Committee,
    catalog: &'a Catalog,
    problems: Vec<Problem>,
}

impl MeetingCheck<'_> {
    fn push(&mut self, message: String, anchor: Option<String>) {
        self.problems.push(Problem::new(message, anchor));
    }

    fn member(&mut self, id: MemberId, what: &str, anchor: String) {
        if self.committee.member(id).is_none() {
            self.push(
                format!("{what} : le membre n° {} n'existe pas dans le comité", id.0),
                Some(anchor),
            );
        }
    }

    fn subjects(&mut self, subjects: &[String], what: &str) {
        for id in subjects {
            if self.catalog.subject(id).is_none() {
                self.push(
                    format!("{what} : sujet « {id} » absent du catalogue des sujets"),
                    Some(format!("\"{id}\"")),
                );
            }
        }
    }

    fn header(&mut self) {
        if let MeetingKind::Restricted { dossier } = &self.meeting.kind
            && dossier.trim().is_empty()
        {
            self.push(
                "comité restreint : le dossier suivi doit être nommé".into(),
                Some("dossier:".into()),
            );
        }
        if let Some(id) = self.meeting.secretary {
            self.member(
                id,
                "secrétaire de séance",
                format!("secretary: Some({})", id.0),
            );
        }
        for &id in &self.meeting.invited {
            self.member(id, "invité", "invited:".into());
        }
        if let (Some(start), Some(end)) = (self.meeting.started_at, self.meeting.ended_at)
            && end < start
        {
            self.push(
                "la fin de la réunion précède son début".into(),
                Some("ended_at:".into()),
            );
        }
    }

    fn agenda(&mut self) {
        if self.meeting.agenda.is_empty() {
            self.push("l'ordre du jour est vide".into(), Some("agenda:".into()));
        }
        for item in &self.meeting.agenda {
            self.item(item);
            for sub in &item.items {
                self.item(sub);
                if !sub.items.is_empty() {
                    self.push(
                        format!(
                            "point « {} » : un sous-point ne peut pas avoir de sous-points",
                            sub.title
                        ),
                        Some(format!("\"{}\"", sub.title)),
                    );
                }
            }
        }
        let steps = self.meeting.steps().len();
        if self.meeting.current_step >= steps.max(1) {
            self.push(
                format!(
                    "étape courante n° {} hors de l'ordre du jour ({steps} étapes)",
                    self.meeting.current_step + 1
                ),
                Some("current_step:".into()),
            );
        }
    }

    fn item(&mut self, item: &AgendaItem) {
        if item.title.trim().is_empty() {
            self.push(
                "un point de l'ordre du jour n'a pas de titre".into(),
                Some("title: \"\"".into()),
            );
        }
        let what = format!("point « {} »", item.title);
        self.subjects(&item.subjects, &what);
        if item.decisions.iter().any(|d| d.text.trim().is_empty()) {
            self.push(
                format!("{what} : une décision est vide"),
                Some("Decision(".into()),
            );
        }
    }

    fn attendance(&mut self) {
        let mut seen = HashSet::new();
        for entry in &self.meeting.attendance {
            let anchor = format!("member: {},", entry.member.0);
            self.member(entry.member, "présences", anchor.clone());
            if !seen.insert(entry.member) {
                self.push(
                    format!(
                        "présences : le membre n° {} est noté deux fois",
                        entry.member.0
                    ),
                    Some(anchor.clone()),
                );
            }
            if let Presence::RepresentedBy(name) = &entry.presence
                && name.trim().is_empty()
            {
                self.push(
                    "présences : « représenté par » sans nom de représentant".into(),
                    Some(anchor),
                );
            }
        }
    }

    fn objectives(&mut self) {
        let mut ids = HashSet::new();
        for objective in &self.meeting.objectives {
            self.objective(objective);
            if !ids.insert(objective.id) {
                self.push(
                    format!("objectif n° {} en double", objective.id.0),
                    Some(format!("id: {},", objective.id.0)),
                );
            }
        }
    }

    fn objective(&mut self, objective: &Objective) {
        let anchor = format!("id: {},", objective.id.0);
        let what = if objective.statement.trim().is_empty() {
            format!("objectif n° {}", objective.id.0)
        } else {
            format!("objectif « {} »", objective.statement)
        };
        if objective.statement.trim().is_empty() {
            self.push(
                format!("{what} : l'énoncé ne peut pas être vide"),
                Some(anchor.clone()),
            );
        }
        self.member(
            objective.owner,
            &format!("{what}, responsable"),
            format!("owner: {},", objective.owner.0),
        );
        if let Err(e) = due_date(objective.due, self.meeting.date) {
            self.push(format!("{what} : {e}"), Some(anchor.clone()));
        }
        if let Some(code) = &objective.crcn
            && self.catalog.competence(code).is_none()
        {
            self.push(
                format!("{what} : compétence CRCN « {code} » inconnue (codes 1.1 à 5.2)"),
                Some(format!("crcn: Some(\"{code}\")")),
            );
        }
        self.subjects(&objective.subjects, &what);
    }

    fn evaluations(&mut self) {
        let mut seen = HashSet::new();
        for evaluation in &self.meeting.evaluations {
            let anchor = format!("objective: {},", evaluation.objective.0);
            if !seen.insert(evaluation.objective) {
                self.push(
                    format!(
                        "l'objectif n° {} est évalué deux fois",
                        evaluation.objective.0
                    ),
                    Some(anchor.clone()),
                );
            }
            if evaluation.statement.trim().is_empty() {
                self.push(
                    format!(
                        "évaluation de l'objectif n° {} : énoncé vide",
                        evaluation.objective.0
                    ),
                    Some(anchor.clone()),
                );
            }
            if let Some(owner) = evaluation.owner {
                self.member(owner, "évaluation, responsable", anchor);
            }
        }
    }

    fn closing(&mut self) {
        if let Some(axis) = &self.meeting.priority_axis {
            if axis.statement.trim().is_empty() {
                self.push(
                    "l'axe prioritaire ne peut pas être vide".into(),
                    Some("priority_axis:".into()),
                );
            }
            if let Some(id) = axis.coordinator {
                self.member(
                    id,
                    "coordinateur de l'axe prioritaire",
                    format!("coordinator: Some({})", id.0),
                );
            }
        }
        if let Some(next) = &self.meeting.next_meeting
            && next.date <= self.meeting.date
        {
            self.push(
                format!(
                    "la prochaine réunion ({}) doit être après celle-ci ({})",
                    fr::date_short(next.date),
                    fr::date_short(self.meeting.date)
                ),
                Some("next_meeting:".into()),
            );
        }
    }
}

/// What is wrong across the meetings: objective numbers used twice, evaluations and
/// carried-over objectives pointing to objectives no earlier meeting set.
pub fn across_meetings(meetings: &[(MeetingId, &Meeting)]) -> Vec<(MeetingId, Problem)> {
    let mut problems = Vec::new();
    let mut earlier = HashSet::new();
    let mut owner_of = std::collections::HashMap::new();
    for (id, meeting) in meetings {
        for evaluation in &meeting.evaluations {
            if !earlier.contains(&evaluation.objective) {
                problems.push((
                    *id,
                    Problem::new(
                        format!(
                            "évaluation de l'objectif n° {}, qu'aucune réunion précédente n'a fixé",
                            evaluation.objective.0
                        ),
                        Some(format!("objective: {},", evaluation.objective.0)),
                    ),
                ));
            }
        }
        for objective in &meeting.objectives {
            if let Some(from) = objective.carried_from
                && !earlier.contains(&from)
            {
                problems.push((*id, Problem::new(
                    format!("objectif n° {} reporté d'un objectif n° {} qu'aucune réunion précédente n'a fixé", objective.id.0, from.0),
                    Some(format!("carried_from: Some({})", from.0)),
                )));
            }
            if let Some(first) = owner_of.insert(objective.id, *id)
                && first != *id
            {
                problems.push((*id, Problem::new(
                    format!("objectif n° {} : ce numéro est déjà celui d'un objectif de la réunion {first}", objective.id.0),
                    Some(format!("id: {},", objective.id.0)),
                )));
            }
        }
        earlier.extend(meeting.objectives.iter().map(|o| o.id));
    }
    problems
}
