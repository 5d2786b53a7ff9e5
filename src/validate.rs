//! Validation of what users enter and of whole files against the catalogue, with messages in
//! French. A problem carries an anchor — text of the file near it — so `check` can give its
//! line and column.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::catalog::{Catalog, ScaleEntry};
use crate::fr;
use crate::model::{
    AgendaItem, Committee, Meeting, MeetingId, MeetingKind, MemberId, Objective, ObjectiveId,
    Presence, Role,
};

/// Something wrong in a committee or a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong, in French.
    pub message: String,
    /// Text expected in the file near the problem (as copilnum writes it), to locate it.
    pub anchor: Option<String>,
    /// Which occurrence of the anchor (0: the first; a duplicate points at the second).
    pub nth: usize,
}

impl Problem {
    fn new(message: String, anchor: Option<String>) -> Problem {
        Problem {
            message,
            anchor,
            nth: 0,
        }
    }

    fn second(mut self) -> Problem {
        self.nth = 1;
        self
    }
}

/// The scale a user names by identifier or label, or a French message listing the scales.
pub fn scale<'a>(catalog: &'a Catalog, text: &str) -> Result<&'a ScaleEntry, String> {
    catalog
        .find_scale(text)
        .ok_or_else(|| unknown_scale(catalog, text))
}

fn unknown_scale(catalog: &Catalog, text: &str) -> String {
    let known: Vec<&str> = catalog.scales.iter().map(|s| s.id.as_str()).collect();
    format!(
        "échelle « {} » inconnue ; échelles possibles : {}",
        text.trim(),
        known.join(", ")
    )
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
    let mut push = |problem: Problem| problems.push(problem);
    for (what, value, field) in [
        ("le nom du comité", &committee.name, "name"),
        ("le territoire", &committee.territory, "territory"),
        ("le pilote", &committee.pilot, "pilot"),
    ] {
        // A pilot on the roster needs no text.
        if field == "pilot" && committee.pilot_member.is_some() {
            continue;
        }
        if let Err(e) = required(what, value) {
            push(Problem::new(e, Some(format!("{field}:"))));
        }
    }
    // A pilot typed as text while the roster has members: to be named among them.
    let pilot = committee.pilot.trim();
    if committee.pilot_member.is_none()
        && !pilot.is_empty()
        && committee.active_members().next().is_some()
    {
        push(Problem::new(
            format!(
                "pilote : « {pilot} » n'est pas un membre du comité ; choisissez-le parmi les membres (dans copilnum, F6 puis F2)"
            ),
            Some("pilot:".to_string()),
        ));
    }
    if let Some(id) = committee.pilot_member {
        let anchor = Some("pilot_member:".to_string());
        match committee.member(id) {
            None => push(Problem::new(
                format!("pilote : le membre n° {} n'existe pas dans le comité", id.0),
                anchor,
            )),
            Some(m) if m.archived => push(Problem::new(
                format!(
                    "pilote : « {} » a quitté le comité (membre archivé) ; nommez le nouveau pilote",
                    m.name
                ),
                anchor,
            )),
            Some(_) => {}
        }
    }
    if catalog.scale(&committee.scale).is_none() {
        push(Problem::new(
            unknown_scale(catalog, &committee.scale),
            Some("scale:".into()),
        ));
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
            let message = format!(
                "{who} : identifiant {} déjà utilisé par un autre membre",
                member.id.0
            );
            push(Problem::new(message, anchor.clone()).second());
        }
        if member.name.trim().is_empty() {
            push(Problem::new(
                format!("{who} : le nom ne peut pas être vide"),
                anchor.clone(),
            ));
        }
        match &member.role {
            Role::Catalog(id) if catalog.role(id).is_none() => push(Problem::new(
                format!(
                    "{who} : rôle « {id} » absent du catalogue des rôles (utilisez Free(\"…\") pour un rôle libre)"
                ),
                anchor.clone(),
            )),
            Role::Free(text) if text.trim().is_empty() => {
                push(Problem::new(
                    format!("{who} : le rôle ne peut pas être vide"),
                    anchor.clone(),
                ));
            }
            _ => {}
        }
        if let Some(address) = &member.email
            && let Err(e) = email(address)
        {
            push(Problem::new(format!("{who} : {e}"), anchor.clone()));
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

    fn mark_second(&mut self) {
        if let Some(last) = self.problems.pop() {
            self.problems.push(last.second());
        }
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
                    self.meeting.current_step.saturating_add(1)
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
                self.mark_second();
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
                self.mark_second();
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
                self.mark_second();
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
    let mut owner_of = HashMap::new();
    for (id, meeting) in meetings {
        if meeting.date != id.date {
            problems.push((*id, Problem::new(
                format!(
                    "la date de la réunion ({}) ne correspond pas au nom de son fichier ({id}) : renommez le fichier ou corrigez la date",
                    fr::date_short(meeting.date)
                ),
                Some("date:".into()),
            )));
        }
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
    problems.extend(review_order(meetings));
    problems
}

/// Each objective is evaluated once, at the first meeting after the one that set it that
/// reviews objectives: what is wrong with that across the meetings (given oldest first).
fn review_order(meetings: &[(MeetingId, &Meeting)]) -> Vec<(MeetingId, Problem)> {
    let mut problems = Vec::new();
    let mut evaluated_at: HashMap<ObjectiveId, Vec<MeetingId>> = HashMap::new();
    for (id, meeting) in meetings {
        for evaluation in &meeting.evaluations {
            let places = evaluated_at.entry(evaluation.objective).or_default();
            if !places.contains(id) {
                places.push(*id);
            }
        }
    }
    // Objectives set and not yet due for review, with the meeting that set them.
    let mut waiting: Vec<(MeetingId, &Objective)> = Vec::new();
    for (id, meeting) in meetings {
        for evaluation in &meeting.evaluations {
            let places = &evaluated_at[&evaluation.objective];
            if let Some(first) = places.first()
                && first != id
            {
                problems.push((*id, Problem::new(
                    format!(
                        "l'objectif n° {} est déjà évalué à la réunion {first} : un objectif n'est évalué qu'une fois",
                        evaluation.objective.0
                    ),
                    Some(format!("objective: {},", evaluation.objective.0)),
                )));
            }
        }
        if meeting.reviews_objectives() {
            for (set_at, objective) in waiting.drain(..) {
                let places = evaluated_at
                    .get(&objective.id)
                    .map_or(&[][..], Vec::as_slice);
                if places.contains(id) {
                    continue;
                }
                let message = match places.first() {
                    None => format!(
                        "l'objectif n° {} (« {} », fixé à la réunion {set_at}) n'est évalué nulle part : cette réunion, la première à faire le bilan des objectifs après, doit l'évaluer",
                        objective.id.0, objective.statement
                    ),
                    Some(later) => format!(
                        "l'objectif n° {} (« {} », fixé à la réunion {set_at}) est évalué à la réunion {later} : c'est cette réunion, la première à faire le bilan des objectifs après, qui doit l'évaluer",
                        objective.id.0, objective.statement
                    ),
                };
                problems.push((*id, Problem::new(message, Some("evaluations:".into()))));
            }
        } else if !meeting.evaluations.is_empty() {
            let who = match meeting.kind {
                MeetingKind::Extraordinary => "une séance extraordinaire",
                MeetingKind::Restricted { .. } => "un comité restreint",
                MeetingKind::Ordinary => "cette réunion",
            };
            problems.push((*id, Problem::new(
                format!(
                    "{who} ne fait pas le bilan des objectifs, sauf si son fichier le demande : ajoutez « reviews_objectives: Some(true), » ou retirez ses évaluations"
                ),
                Some("evaluations:".into()),
            )));
        }
        waiting.extend(meeting.objectives.iter().map(|o| (*id, o)));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Decision;
    use crate::model::{
        Attendance, Domain, Evaluation, Member, NextMeeting, ObjectiveId, PriorityAxis,
    };

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn a_committee() -> Committee {
        let mut c = Committee::new("COPIL", "circonscription", "Thonon", "Mme Marchand");
        for name in ["Hélène", "Jean-Baptiste"] {
            c.add_member(Member {
                id: MemberId(0),
                name: name.into(),
                role: Role::Catalog("erun".into()),
                function: String::new(),
                email: None,
                archived: false,
            });
        }
        c.pilot_member = Some(MemberId(1));
        c
    }

    fn a_meeting() -> Meeting {
        Meeting::new(
            day(2026, 1, 20),
            MeetingKind::Ordinary,
            vec![AgendaItem::new("Accueil", 10)],
        )
    }

    fn objective(id: u32) -> Objective {
        Objective {
            id: ObjectiveId(id),
            statement: "Ouvrir l'ENT".into(),
            owner: MemberId(1),
            due: day(2026, 3, 1),
            indicator: String::new(),
            domain: Domain::Pedagogical,
            subjects: vec![],
            crcn: Some("2.1".into()),
            carried_from: None,
            due_to_confirm: false,
        }
    }

    fn messages(problems: Vec<Problem>) -> Vec<String> {
        problems.into_iter().map(|p| p.message).collect()
    }

    #[test]
    fn required_fields_are_trimmed_and_refused_when_empty() {
        assert_eq!(required("le nom", "  Léa  "), Ok("Léa".into()));
        assert_eq!(
            required("le nom", " \t "),
            Err("Le nom ne peut pas être vide.".into())
        );
        assert_eq!(
            required("l'énoncé", ""),
            Err("L'énoncé ne peut pas être vide.".into())
        );
    }

    #[test]
    fn emails_are_optional_but_must_look_like_one() {
        assert_eq!(email(""), Ok(None));
        assert_eq!(
            email(" a.b@ac-grenoble.fr "),
            Ok(Some("a.b@ac-grenoble.fr".into()))
        );
        for bad in ["a", "a@b", "@b.fr", "a@.fr", "a@b.", "a b@c.fr", "a@b@c.fr"] {
            assert!(email(bad).unwrap_err().contains("invalide"), "{bad}");
        }
    }

    #[test]
    fn a_due_date_before_the_meeting_is_refused() {
        assert!(due_date(day(2026, 1, 20), day(2026, 1, 20)).is_ok());
        assert_eq!(
            due_date(day(2026, 1, 19), day(2026, 1, 20)),
            Err("l'échéance (19/01/2026) ne peut pas précéder la réunion (20/01/2026)".into())
        );
    }

    #[test]
    fn a_valid_committee_and_meeting_have_no_problem() {
        let catalog = Catalog::builtin();
        let mut m = a_meeting();
        m.objectives.push(objective(1));
        assert_eq!(committee(&a_committee(), &catalog), []);
        assert_eq!(meeting(&m, &a_committee(), &catalog), []);
    }

    #[test]
    fn committee_problems_are_named_and_anchored() {
        let catalog = Catalog::builtin();
        let mut c = a_committee();
        c.name = " ".into();
        c.scale = "departement".into();
        c.members[0].name = String::new();
        c.members[1].role = Role::Catalog("ministre".into());
        c.members[1].email = Some("pas-une-adresse".into());
        c.members.push(c.members[1].clone());
        let problems = committee(&c, &catalog);
        let text = messages(problems.clone());
        assert!(
            text.contains(&"Le nom du comité ne peut pas être vide.".to_string()),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|m| m.starts_with("échelle « departement » inconnue"))
        );
        assert!(text.contains(&"membre n° 1 : le nom ne peut pas être vide".to_string()));
        assert!(
            text.iter()
                .any(|m| m.contains("rôle « ministre » absent du catalogue"))
        );
        assert!(
            text.iter()
                .any(|m| m.contains("adresse e-mail « pas-une-adresse » invalide"))
        );
        assert!(
            text.iter()
                .any(|m| m.contains("identifiant 2 déjà utilisé"))
        );
        let duplicate = problems
            .iter()
            .find(|p| p.message.contains("déjà utilisé"))
            .unwrap();
        assert_eq!(duplicate.anchor.as_deref(), Some("id: 2,"));
    }

    #[test]
    fn meeting_problems_cover_people_dates_codes_and_structure() {
        let catalog = Catalog::builtin();
        let c = a_committee();
        let mut m = a_meeting();
        let mut bad = objective(1);
        bad.owner = MemberId(42);
        bad.due = day(2026, 1, 1);
        bad.crcn = Some("6.1".into());
        bad.subjects = vec!["inconnu".into()];
        m.objectives = vec![bad, objective(1)];
        m.attendance = vec![
            Attendance {
                member: MemberId(1),
                presence: Presence::Present,
                statement: String::new(),
                arrived_at: None,
            },
            Attendance {
                member: MemberId(1),
                presence: Presence::RepresentedBy(" ".into()),
                statement: String::new(),
                arrived_at: None,
            },
            Attendance {
                member: MemberId(7),
                presence: Presence::Absent,
                statement: String::new(),
                arrived_at: None,
            },
        ];
        m.kind = MeetingKind::Restricted {
            dossier: String::new(),
        };
        m.secretary = Some(MemberId(9));
        m.current_step = 3;
        m.agenda[0].decisions.push(Decision { text: " ".into() });
        let mut deep = AgendaItem::new("Parent", 0);
        let mut child = AgendaItem::new("Enfant", 5);
        child.items.push(AgendaItem::new("Petit-enfant", 5));
        deep.items.push(child);
        m.agenda.push(deep);
        m.priority_axis = Some(PriorityAxis {
            statement: "".into(),
            coordinator: Some(MemberId(5)),
        });
        m.next_meeting = Some(NextMeeting {
            date: day(2026, 1, 20),
            time: None,
            place: String::new(),
        });
        m.evaluations = vec![
            Evaluation {
                objective: ObjectiveId(3),
                statement: "".into(),
                owner: Some(MemberId(8)),
                outcome: None,
                comment: String::new(),
            },
            Evaluation {
                objective: ObjectiveId(3),
                statement: "x".into(),
                owner: None,
                outcome: None,
                comment: String::new(),
            },
        ];
        let text = messages(meeting(&m, &c, &catalog)).join("\n");
        for expected in [
            "objectif « Ouvrir l'ENT », responsable : le membre n° 42 n'existe pas dans le comité",
            "objectif « Ouvrir l'ENT » : l'échéance (01/01/2026) ne peut pas précéder la réunion (20/01/2026)",
            "compétence CRCN « 6.1 » inconnue",
            "sujet « inconnu » absent du catalogue",
            "objectif n° 1 en double",
            "le membre n° 1 est noté deux fois",
            "« représenté par » sans nom",
            "présences : le membre n° 7 n'existe pas",
            "comité restreint : le dossier suivi doit être nommé",
            "secrétaire de séance : le membre n° 9 n'existe pas",
            "étape courante n° 4 hors de l'ordre du jour (2 étapes)",
            "une décision est vide",
            "un sous-point ne peut pas avoir de sous-points",
            "l'axe prioritaire ne peut pas être vide",
            "coordinateur de l'axe prioritaire : le membre n° 5 n'existe pas",
            "la prochaine réunion (20/01/2026) doit être après celle-ci (20/01/2026)",
            "l'objectif n° 3 est évalué deux fois",
            "évaluation de l'objectif n° 3 : énoncé vide",
            "évaluation, responsable : le membre n° 8 n'existe pas",
        ] {
            assert!(
                text.contains(expected),
                "missing « {expected} » in:\n{text}"
            );
        }
    }

    #[test]
    fn across_meetings_objectives_are_unique_and_evaluated_only_once_set() {
        let id = |s: &str| s.parse::<MeetingId>().unwrap();
        let mut first = a_meeting();
        first.objectives = vec![objective(1), objective(2)];
        let mut second = a_meeting();
        second.date = day(2026, 3, 2);
        second.evaluations = vec![
            Evaluation::pending(&objective(2)),
            Evaluation::pending(&objective(9)),
        ];
        let mut carried = objective(2);
        carried.carried_from = Some(ObjectiveId(1));
        let mut orphan = objective(3);
        orphan.carried_from = Some(ObjectiveId(8));
        second.objectives = vec![carried, orphan];
        let problems = across_meetings(&[(id("2026-01-20"), &first), (id("2026-03-02"), &second)]);
        let text: Vec<String> = problems
            .iter()
            .map(|(m, p)| format!("{m}: {}", p.message))
            .collect();
        assert_eq!(
            text,
            [
                "2026-03-02: évaluation de l'objectif n° 9, qu'aucune réunion précédente n'a fixé",
                "2026-03-02: objectif n° 2 : ce numéro est déjà celui d'un objectif de la réunion 2026-01-20",
                "2026-03-02: objectif n° 3 reporté d'un objectif n° 8 qu'aucune réunion précédente n'a fixé",
                "2026-03-02: l'objectif n° 1 (« Ouvrir l'ENT », fixé à la réunion 2026-01-20) n'est évalué nulle part : cette réunion, la première à faire le bilan des objectifs après, doit l'évaluer",
            ]
        );
    }

    fn held(
        date: &str,
        kind: MeetingKind,
        objectives: &[u32],
        evaluates: &[u32],
    ) -> (MeetingId, Meeting) {
        let id: MeetingId = date.parse().unwrap();
        let mut m = a_meeting();
        m.date = id.date;
        m.kind = kind;
        m.objectives = objectives.iter().map(|&n| objective(n)).collect();
        m.evaluations = evaluates
            .iter()
            .map(|&n| Evaluation::pending(&objective(n)))
            .collect();
        (id, m)
    }

    fn across(meetings: &[(MeetingId, Meeting)]) -> Vec<String> {
        let refs: Vec<(MeetingId, &Meeting)> = meetings.iter().map(|(id, m)| (*id, m)).collect();
        across_meetings(&refs)
            .into_iter()
            .map(|(m, p)| format!("{m}: {} @ {}", p.message, p.anchor.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn an_extraordinary_meeting_and_the_next_ordinary_one_cannot_both_evaluate_an_objective() {
        let december = held("2025-12-02", MeetingKind::Ordinary, &[1], &[]);
        let mut january = held("2026-01-13", MeetingKind::Extraordinary, &[], &[1]);
        january.1.reviews_objectives = Some(true);
        let june = held("2026-06-16", MeetingKind::Ordinary, &[], &[1]);
        assert_eq!(
            across(&[december.clone(), january.clone(), june.clone()]),
            [
                "2026-06-16: l'objectif n° 1 est déjà évalué à la réunion 2026-01-13 : un objectif n'est évalué qu'une fois @ objective: 1,"
            ]
        );
        // Without being asked to, the extraordinary meeting reviews nothing.
        january.1.reviews_objectives = None;
        assert_eq!(
            across(&[december.clone(), january.clone(), june.clone()]),
            [
                "2026-01-13: une séance extraordinaire ne fait pas le bilan des objectifs, sauf si son fichier le demande : ajoutez « reviews_objectives: Some(true), » ou retirez ses évaluations @ evaluations:",
                "2026-06-16: l'objectif n° 1 est déjà évalué à la réunion 2026-01-13 : un objectif n'est évalué qu'une fois @ objective: 1,",
            ]
        );
        january.1.evaluations.clear();
        assert_eq!(across(&[december, january, june]), [] as [String; 0]);
    }

    #[test]
    fn an_objective_skipped_by_the_next_review_is_reported_there() {
        let december = held("2025-12-02", MeetingKind::Ordinary, &[1, 2], &[]);
        let march = held("2026-03-10", MeetingKind::Ordinary, &[], &[2]);
        let june = held("2026-06-16", MeetingKind::Ordinary, &[], &[1]);
        assert_eq!(
            across(&[december.clone(), march.clone()]),
            [
                "2026-03-10: l'objectif n° 1 (« Ouvrir l'ENT », fixé à la réunion 2025-12-02) n'est évalué nulle part : cette réunion, la première à faire le bilan des objectifs après, doit l'évaluer @ evaluations:"
            ]
        );
        assert_eq!(
            across(&[december, march, june]),
            [
                "2026-03-10: l'objectif n° 1 (« Ouvrir l'ENT », fixé à la réunion 2025-12-02) est évalué à la réunion 2026-06-16 : c'est cette réunion, la première à faire le bilan des objectifs après, qui doit l'évaluer @ evaluations:"
            ]
        );
    }

    #[test]
    fn objectives_after_the_last_review_wait_without_a_problem() {
        let december = held("2025-12-02", MeetingKind::Ordinary, &[1], &[]);
        let restricted = held(
            "2026-01-13",
            MeetingKind::Restricted {
                dossier: "ENT".into(),
            },
            &[2],
            &[],
        );
        assert_eq!(
            across(&[december.clone(), restricted.clone()]),
            [] as [String; 0]
        );
        let march = held("2026-03-10", MeetingKind::Ordinary, &[], &[1, 2]);
        assert_eq!(across(&[december, restricted, march]), [] as [String; 0]);
    }

    #[test]
    fn the_pilot_is_a_member_of_the_roster() {
        let catalog = Catalog::builtin();
        let mut c = a_committee();
        c.pilot_member = Some(MemberId(1));
        c.pilot = String::new();
        assert_eq!(committee(&c, &catalog), [], "a member pilot needs no text");
        c.members[0].archived = true;
        c.pilot_member = Some(MemberId(1));
        assert_eq!(
            messages(committee(&c, &catalog)),
            ["pilote : « Hélène » a quitté le comité (membre archivé) ; nommez le nouveau pilote"]
        );
        c.pilot_member = Some(MemberId(9));
        let problems = committee(&c, &catalog);
        assert_eq!(
            problems[0].message,
            "pilote : le membre n° 9 n'existe pas dans le comité"
        );
        assert_eq!(problems[0].anchor.as_deref(), Some("pilot_member:"));
        c.pilot_member = None;
        assert_eq!(
            messages(committee(&c, &catalog)),
            ["Le pilote ne peut pas être vide."]
        );
        // Typed as text while the roster has members: not on the roster.
        c.members[0].archived = false;
        c.pilot = "M. Durand, IEN".into();
        let problems = committee(&c, &catalog);
        assert_eq!(
            messages(problems.clone()),
            [
                "pilote : « M. Durand, IEN » n'est pas un membre du comité ; choisissez-le parmi les membres (dans copilnum, F6 puis F2)"
            ]
        );
        assert_eq!(problems[0].anchor.as_deref(), Some("pilot:"));
        // A committee just created has no roster yet: nobody to choose.
        c.members.clear();
        assert_eq!(committee(&c, &catalog), []);
    }
}
