//! The forms and confirmations the application opens: how each is built from the data, how
//! its answers are validated (French messages, nothing changed on error) and applied.

use chrono::NaiveDate;

use super::form::Form;
use super::keymap;
use super::{App, Effect, Level, Screen, Status};
use crate::catalog::Catalog;
use crate::export::{self, ExportRequest, Format, SchoolYear, Wanted};
use crate::fr;
use crate::model::prepare::MeetingPlan;
use crate::model::{
    AgendaItem, Committee, Domain, Meeting, MeetingId, MeetingKind, Member, MemberId, NextMeeting,
    Objective, ObjectiveId, Outcome, Presence, PriorityAxis, Role, StepKind,
};
use crate::validate;

/// What a form is for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Purpose {
    /// A new meeting.
    NewMeeting,
    /// A member to add (`None`) or edit.
    Member(Option<MemberId>),
    /// An objective to add (`None`) or edit.
    Objective(Option<ObjectiveId>),
    /// A decision of the current step to edit.
    Decision(usize),
    /// A member's presence and tour-de-table statement.
    Attendee(MemberId),
    /// The evaluation of a previous objective.
    Evaluation(usize),
    /// The priority axis and its coordinator.
    Axis,
    /// The date of the next meeting.
    NextMeeting,
    /// Documents of a meeting to export.
    Export(MeetingId),
    /// The filters of the years screen.
    YearsFilter,
    /// A point of the open meeting's agenda to edit.
    AgendaPoint((usize, Option<usize>)),
    /// A new agenda point, after this one (at the end when none).
    NewAgendaPoint(Option<(usize, Option<usize>)>),
    /// The committee: its name, territory and pilot.
    Committee,
}

/// Something to delete, waiting for confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmation {
    /// Remove a member from the committee (kept for past minutes).
    DeleteMember(MemberId),
    /// Delete a decision of the current step.
    DeleteDecision(usize),
    /// Delete an objective of the meeting.
    DeleteObjective(ObjectiveId),
    /// Close the meeting: its end time is recorded.
    CloseMeeting,
    /// Leave the first run without creating the committee: what was typed is dropped.
    LeaveOnboarding,
    /// Delete a point of the agenda (with its sub-points).
    DeleteAgendaPoint((usize, Option<usize>)),
}

const FREE_ROLE: &str = "(libre)";
const NOBODY: &str = "";

/// The committee creation form of the first run.
pub fn onboarding_form(catalog: &Catalog) -> Form {
    let scales = catalog
        .scales
        .iter()
        .map(|s| (s.label.clone(), s.id.clone()))
        .collect();
    Form::new("Nouveau comité")
        .text("name", "Nom du comité", "")
        .hint("par exemple : COPIL-Num de la circonscription d'Annecy")
        .choice("scale", "Échelle", scales, Some("circonscription"))
        .hint("← → pour choisir")
        .text("territory", "Territoire", "")
        .hint("communes ou circonscriptions couvertes")
        .text("pilot", "Pilote", "")
        .hint("en général l'IEN de circonscription")
}

/// What a new meeting starts from: the date, time and place the latest meeting recorded for
/// the next one (if it is still to come after it), and its secrétaire de séance; else today.
/// Also says where the date comes from, for the form's hint.
pub fn planned_next(
    meetings: &[super::home::MeetingSummary],
    today: NaiveDate,
) -> (MeetingPlan, Option<String>) {
    let latest = meetings.iter().max_by_key(|m| m.id);
    let next = latest.and_then(|m| m.next.as_ref().filter(|n| n.date > m.date()));
    let plan = MeetingPlan {
        date: next.map_or(today, |n| n.date),
        time: next.and_then(|n| n.time),
        place: next.map(|n| n.place.clone()).unwrap_or_default(),
        kind: MeetingKind::Ordinary,
        secretary: latest.and_then(|m| m.secretary),
    };
    let origin = next
        .zip(latest)
        .map(|(_, m)| format!("fixée à la réunion du {}", fr::date_short(m.date())));
    (plan, origin)
}

/// The new meeting form, filled from a plan; `origin` says where its date comes from.
fn new_meeting_form(
    plan: &MeetingPlan,
    origin: Option<&str>,
    people: Vec<(String, String)>,
) -> Form {
    let kinds = [
        ("ordinaire", "ordinary"),
        ("extraordinaire", "extraordinary"),
        ("comité restreint", "restricted"),
    ]
    .map(|(l, v)| (l.to_string(), v.to_string()))
    .to_vec();
    let date_hint = match origin {
        Some(origin) => format!("jj/mm/aaaa · {origin}"),
        None => "jj/mm/aaaa".to_string(),
    };
    let time = plan.time.map(fr::time_typed).unwrap_or_default();
    let form = Form::new("Nouvelle réunion")
        .text("date", "Date", &fr::date_short(plan.date))
        .hint(&date_hint)
        .text("time", "Heure", &time)
        .hint("par exemple 14h00 (facultatif)")
        .text("place", "Lieu", &plan.place)
        .choice("kind", "Type", kinds, Some("ordinary"))
        .hint("← → pour choisir")
        .text("dossier", "Dossier suivi", "")
        .hint("pour un comité restreint seulement");
    let secretary = plan.secretary.map(|id| id.0.to_string());
    form.choice(
        "secretary",
        "Secrétaire de séance",
        people,
        secretary.as_deref(),
    )
    .hint("tapez un nom pour le trouver, ← → pour parcourir")
}

fn people(
    committee: &Committee,
    catalog: &Catalog,
    first: Option<&str>,
    current: Option<MemberId>,
) -> Vec<(String, String)> {
    let mut options: Vec<(String, String)> = first
        .map(|f| (f.to_string(), NOBODY.to_string()))
        .into_iter()
        .collect();
    for m in committee
        .members
        .iter()
        .filter(|m| !m.archived || Some(m.id) == current)
    {
        let left = if m.archived {
            ", a quitté le comité"
        } else {
            ""
        };
        options.push((
            format!("{} ({}{left})", m.name, catalog.role_label(&m.role)),
            m.id.0.to_string(),
        ));
    }
    options
}

fn member_of(value: &str) -> Option<MemberId> {
    value.parse().ok().map(MemberId)
}

/// The form for a purpose, filled with the current values; `None` if there is nothing to edit.
pub fn form_for(app: &App, purpose: &Purpose) -> Option<Form> {
    let committee = &app.session.committee;
    let catalog = &app.session.catalog;
    let meeting = match &app.screen {
        Screen::Meeting(screen) => Some(&screen.meeting),
        _ => None,
    };
    match purpose {
        Purpose::NewMeeting => {
            let (plan, origin) = planned_next(&app.session.meetings, app.clock.today());
            let people = people(committee, catalog, Some("à désigner"), plan.secretary);
            Some(new_meeting_form(&plan, origin.as_deref(), people))
        }
        Purpose::Committee => Some(committee_form(committee, catalog)),
        Purpose::Member(id) => Some(member_form(committee, catalog, *id)),
        Purpose::Objective(id) => {
            let Screen::Meeting(screen) = &app.screen else {
                return None;
            };
            let history = id
                .and_then(|id| screen.meeting.objective(id))
                .map(|o| super::review::objective_lineage(app, screen, o))
                .unwrap_or_default();
            Some(
                objective_form(committee, catalog, &screen.meeting, *id)
                    .context(history_lines(history)),
            )
        }
        Purpose::Decision(index) => {
            let Screen::Meeting(screen) = &app.screen else {
                return None;
            };
            let decision = screen.decisions().get(*index)?;
            Some(Form::new("Décision").text("text", "Décision", &decision.text))
        }
        Purpose::Attendee(id) => Some(attendee_form(committee, catalog, meeting?, *id)),
        Purpose::Evaluation(index) => {
            let evaluation = meeting?.evaluations.get(*index)?;
            let mut outcomes = vec![("à évaluer".to_string(), String::new())];
            outcomes.extend(
                Outcome::ALL
                    .iter()
                    .map(|o| (o.label().to_string(), outcome_value(*o).to_string())),
            );
            let current = evaluation.outcome.map(outcome_value).unwrap_or("");
            let lineage = match &app.screen {
                Screen::Meeting(screen) => {
                    super::review::lineage(app, evaluation.objective, screen.id)
                }
                _ => Vec::new(),
            };
            let mut history = history_lines(lineage);
            let carry = super::review::carry_state(meeting?, *index);
            history.extend(super::review::carry_said(carry, false));
            Some(
                Form::new(format!("Bilan : {}", evaluation.statement))
                    .context(history)
                    .text("comment", "Commentaire", &evaluation.comment)
                    .hint("ce qui a été dit de cet objectif")
                    .choice("outcome", "Résultat", outcomes, Some(current))
                    .hint(&format!(
                        "← → pour choisir (ou {} dans la liste du bilan)",
                        keymap::key_for(keymap::Scope::List, keymap::Command::Cycle)
                    )),
            )
        }
        Purpose::Axis => {
            // A follow-up meeting starts from the axis in force: to carry on or to change.
            let earlier = match &app.screen {
                Screen::Meeting(screen) => {
                    super::home::axis_before(&app.session.meetings, screen.id)
                        .map(|(_, a)| a.clone())
                }
                _ => None,
            };
            let axis = meeting?.priority_axis.clone().or(earlier);
            let coordinator = axis
                .as_ref()
                .and_then(|a| a.coordinator)
                .map(|id| id.0.to_string());
            Some(
                Form::new("Axe de travail prioritaire de l'année")
                    .text(
                        "statement",
                        "Axe prioritaire",
                        axis.as_ref().map_or("", |a| a.statement.as_str()),
                    )
                    .choice(
                        "coordinator",
                        "Coordination et suivi",
                        people(
                            committee,
                            catalog,
                            Some("à désigner"),
                            axis.as_ref().and_then(|a| a.coordinator),
                        ),
                        coordinator.as_deref(),
                    )
                    .hint("tapez un nom pour le trouver, ← → pour parcourir"),
            )
        }
        Purpose::Export(id) => Some(export_form(*id)),
        // Built by the years screen, which knows its filters.
        Purpose::YearsFilter => None,
        Purpose::AgendaPoint(path) => {
            let item = crate::model::agenda::item_at(&meeting?.agenda, *path)?;
            Some(agenda_point_form(committee, Some(item)))
        }
        Purpose::NewAgendaPoint(_) => {
            meeting?;
            Some(agenda_point_form(committee, None))
        }
        Purpose::NextMeeting => {
            let next = meeting?.next_meeting.clone();
            Some(
                Form::new("Prochaine réunion")
                    .text(
                        "date",
                        "Date",
                        &next
                            .as_ref()
                            .map(|n| fr::date_short(n.date))
                            .unwrap_or_default(),
                    )
                    .hint("jj/mm/aaaa")
                    .text(
                        "time",
                        "Heure",
                        &next
                            .as_ref()
                            .and_then(|n| n.time)
                            .map(fr::time_typed)
                            .unwrap_or_default(),
                    )
                    .hint("par exemple 14h00 (facultatif)")
                    .text(
                        "place",
                        "Lieu",
                        next.as_ref().map_or("", |n| n.place.as_str()),
                    ),
            )
        }
    }
}

/// The history of an objective as a form shows it above its fields: "Historique :", then
/// one event a line; nothing without history.
fn history_lines(events: Vec<String>) -> Vec<String> {
    if events.is_empty() {
        return events;
    }
    std::iter::once("Historique :".to_string())
        .chain(events.into_iter().map(|e| format!("  {e}")))
        .collect()
}

/// The documents the export dialog offers: (label, value).
fn export_choices(id: MeetingId) -> Vec<(String, String)> {
    [
        (
            "Compte-rendu à imprimer ou à envoyer (HTML)".to_string(),
            "html",
        ),
        ("Compte-rendu en texte (Markdown)".to_string(), "md"),
        (
            "Invitation à la prochaine réunion (agenda, .ics)".to_string(),
            "ics",
        ),
        ("Feuille d'émargement (tableur, .csv)".to_string(), "csv"),
        ("Liste de diffusion (adresses e-mail)".to_string(), "emails"),
        (
            format!(
                "Rapport de l'année scolaire {} (HTML)",
                SchoolYear::of(id.date)
            ),
            "year",
        ),
        (
            "Tout : compte-rendu, invitation, émargement, liste".to_string(),
            "all",
        ),
    ]
    .into_iter()
    .map(|(label, value)| (label, value.to_string()))
    .collect()
}

/// Folder where exports go by default, inside the committee folder.
pub const EXPORTS_FOLDER: &str = crate::store::layout::EXPORTS_DIR;

/// The export dialog of a meeting: which document, which version, where.
pub fn export_form(id: MeetingId) -> Form {
    let versions = [
        ("complète, pour les participants", "full"),
        ("publique, sans données personnelles", "public"),
    ]
    .map(|(l, v)| (l.to_string(), v.to_string()))
    .to_vec();
    Form::new(format!(
        "Exporter la réunion du {}",
        fr::date_short(id.date)
    ))
    .choice("document", "Document", export_choices(id), Some("html"))
    .hint("← → pour choisir")
    .choice("version", "Version", versions, Some("full"))
    .hint("publique : les rôles au lieu des noms, sans e-mails ni lignes [privé]")
    .text("folder", "Dossier, dans celui du comité", EXPORTS_FOLDER)
    .hint(&format!(
        "fichier : {EXPORTS_FOLDER}/{} pour le compte-rendu HTML",
        Format::Html.file_name(id, false)
    ))
}

/// The export asked by a submitted export dialog; `Err` leaves the message on the form.
fn export_request(app: &App, id: MeetingId, form: &mut Form) -> Result<ExportRequest, Invalid> {
    let mut check = Check::new(form);
    let public = check.form.value("version") == "public";
    let document = check.form.value("document");
    let documents = match document.as_str() {
        "year" => vec![Wanted::Year],
        "all" => {
            let mut all = vec![Format::Html, Format::Markdown, Format::Ics, Format::Csv];
            if !public {
                all.push(Format::Emails);
            }
            all.into_iter().map(Wanted::Meeting).collect()
        }
        name => vec![Wanted::Meeting(name.parse().unwrap_or(Format::Html))],
    };
    if public && document == "emails" {
        check.fail(
            "version",
            "La liste de diffusion est faite d'adresses personnelles : elle n'a pas de version publique.".into(),
        );
    }
    check.done()?;
    let folder = form.value("folder").trim().to_string();
    let open = match &app.screen {
        Screen::Meeting(screen) if screen.id == id => Some((id, screen.snapshot())),
        _ => None,
    };
    Ok(ExportRequest {
        committee: app.session.committee.clone(),
        catalog: app.session.catalog.clone(),
        meeting: id,
        open,
        documents,
        public,
        folder: if folder.is_empty() {
            EXPORTS_FOLDER.into()
        } else {
            folder.into()
        },
    })
}

/// The files written, as the status line names them: ": exports/a.html", or for several in
/// one folder "dans exports/ : 2026-01-20-compte-rendu.html, compte-rendu.md" (the meeting's
/// date said once).
fn files_written(paths: &[std::path::PathBuf]) -> String {
    let folder = paths.first().and_then(|p| p.parent());
    let names: Option<Vec<String>> = paths
        .iter()
        .map(|p| {
            (p.parent() == folder)
                .then(|| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .flatten()
        })
        .collect();
    match (folder, names) {
        (Some(folder), Some(names)) if names.len() > 1 => {
            let first = &names[0];
            let shared = names.iter().fold(first.len(), |len, name| {
                first
                    .bytes()
                    .zip(name.bytes())
                    .take(len)
                    .take_while(|(a, b)| a == b)
                    .count()
            });
            let date = first[..shared]
                .bytes()
                .take_while(|b| b.is_ascii_digit() || *b == b'-')
                .count();
            let rest: Vec<&str> = names[1..].iter().map(|n| &n[date..]).collect();
            format!("dans {}/ : {first}, {}", folder.display(), rest.join(", "))
        }
        _ => {
            let all: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            format!(": {}", all.join(", "))
        }
    }
}

/// The status line after an export: the files written, and what could not be made.
pub fn exported(result: Result<export::Exported, String>) -> Status {
    match result {
        Ok(done) => {
            let files = files_written(&done.written);
            let refused = done.refused.join(" ; ");
            match (done.written.is_empty(), refused.is_empty()) {
                (false, true) => Status::new(Level::Success, format!("Écrit {files}.")),
                (false, false) => Status::new(
                    Level::Warning,
                    format!("Écrit {files}. Non fait : {refused}."),
                ),
                (true, _) => Status::new(
                    Level::Error,
                    format!(
                        "Rien n'a été écrit : {}.",
                        if refused.is_empty() {
                            "aucun document demandé"
                        } else {
                            refused.as_str()
                        }
                    ),
                ),
            }
        }
        Err(e) => Status::new(Level::Error, format!("Export impossible : {e}")),
    }
}

/// What each kind of step is called in the agenda point form.
const STEP_KINDS: [(StepKind, &str, &str); 6] = [
    (
        StepKind::Discussion,
        "point de discussion (notes et décisions)",
        "discussion",
    ),
    (StepKind::RoundTable, "tour de table", "round-table"),
    (
        StepKind::Review,
        "bilan des objectifs de la réunion précédente",
        "review",
    ),
    (StepKind::PriorityAxis, "axe prioritaire de l'année", "axis"),
    (
        StepKind::Objectives,
        "objectifs opérationnels",
        "objectives",
    ),
    (
        StepKind::NextMeeting,
        "date de la prochaine réunion",
        "next",
    ),
];

const NO_PRESENTER: &str = "";

/// The form of an agenda point: title, planned minutes, who presents it, what kind of step.
fn agenda_point_form(committee: &Committee, item: Option<&AgendaItem>) -> Form {
    let mut presenters = vec![(
        "personne en particulier".to_string(),
        NO_PRESENTER.to_string(),
    )];
    let current = item.and_then(|i| i.presenter.clone());
    if let Some(p) = &current
        && !committee.active_members().any(|m| m.name == *p)
    {
        presenters.push((p.clone(), p.clone()));
    }
    presenters.extend(
        committee
            .active_members()
            .map(|m| (format!("{} — {}", m.name, m.function), m.name.clone())),
    );
    let kinds = STEP_KINDS
        .iter()
        .map(|(_, label, value)| (label.to_string(), value.to_string()))
        .collect();
    let kind = item.map_or(StepKind::Discussion, |i| i.kind);
    let kind_value = STEP_KINDS
        .iter()
        .find(|(k, _, _)| *k == kind)
        .map(|(_, _, v)| *v);
    let title = if item.is_some() {
        "Point de l'ordre du jour"
    } else {
        "Nouveau point de l'ordre du jour"
    };
    Form::new(title)
        .text("title", "Intitulé", item.map_or("", |i| i.title.as_str()))
        .hint("tel qu'il sera lu et imprimé")
        .text(
            "minutes",
            "Durée prévue (min)",
            &item.map_or("10".into(), |i| i.planned_minutes.to_string()),
        )
        .hint("en minutes ; 0 : sans durée")
        .choice(
            "presenter",
            "Présenté par",
            presenters,
            Some(current.as_deref().unwrap_or(NO_PRESENTER)),
        )
        .hint("tapez un nom pour le trouver")
        .choice("kind", "Étape", kinds, kind_value)
        .hint("ce que l'écran de réunion propose pendant ce point")
}

/// The agenda point a submitted form describes (a new one, or `item` changed).
fn agenda_point(form: &mut Form, item: Option<&AgendaItem>) -> Result<AgendaItem, Invalid> {
    let mut check = Check::new(form);
    let title = check.required("title", "l'intitulé du point");
    let minutes = check.form.value("minutes");
    let minutes = match minutes.trim() {
        "" => Some(0),
        text => match text.parse::<u32>() {
            Ok(n) if n <= 600 => Some(n),
            _ => {
                check.fail(
                    "minutes",
                    format!("« {text} » n'est pas une durée en minutes (un nombre de 0 à 600)."),
                );
                None
            }
        },
    };
    check.done()?;
    let presenter = Some(form.value("presenter")).filter(|p| !p.is_empty());
    let kind = STEP_KINDS
        .iter()
        .find(|(_, _, v)| *v == form.value("kind"))
        .map_or(StepKind::Discussion, |(k, _, _)| *k);
    let mut point = item.cloned().unwrap_or_else(|| AgendaItem::new("", 0));
    point.title = title;
    point.planned_minutes = minutes.ok_or(Invalid)?;
    point.presenter = presenter;
    point.kind = kind;
    Ok(point)
}

/// The committee form: its name, its territory, and its pilot chosen from the roster with
/// the same pick list as an objective's owner. A pilot typed as text before the roster named
/// them stays as the first choice until a member is chosen; the member the text names, if one
/// does, is chosen at first.
fn committee_form(committee: &Committee, catalog: &Catalog) -> Form {
    let current = committee
        .pilot_member
        .or_else(|| committee.member_named_by(&committee.pilot));
    let typed = committee.pilot.trim();
    let first = (committee.pilot_member.is_none() && !typed.is_empty())
        .then(|| format!("« {typed} » (hors de la liste des membres)"));
    let pilots = people(committee, catalog, first.as_deref(), current);
    let selected = current.map(|id| id.0.to_string());
    Form::new("Le comité")
        .text("name", "Nom du comité", &committee.name)
        .text("territory", "Territoire", &committee.territory)
        .hint("communes ou circonscriptions couvertes")
        .choice("pilot", "Pilote", pilots, selected.as_deref())
        .hint("en général l'IEN ; tapez un nom pour le trouver, ← → pour parcourir")
}

/// Applies the committee form: the name and territory are required; the pilot is the member
/// chosen (their name replaces a text that does not begin with it), or the text kept.
fn apply_committee(app: &mut App, form: &mut Form) -> Result<(), Invalid> {
    let mut check = Check::new(form);
    let name = check.required("name", "le nom du comité");
    let territory = check.required("territory", "le territoire");
    let pilot = member_of(&check.form.value("pilot"));
    let committee = &app.session.committee;
    if pilot.is_none() && committee.pilot.trim().is_empty() {
        check.fail(
            "pilot",
            "Choisissez le pilote parmi les membres (F6 puis Ctrl+N pour l'ajouter).".into(),
        );
    }
    check.done()?;
    let committee = &mut app.session.committee;
    committee.name = name;
    committee.territory = territory;
    let member = pilot.and_then(|id| committee.member(id));
    let chosen = member.map(|m| (m.id, m.name.clone()));
    committee.pilot_member = chosen.as_ref().map(|(id, _)| *id);
    if let Some((_, name)) = chosen
        && !committee.pilot.starts_with(name.as_str())
    {
        committee.pilot = name;
    }
    app.status = Status::new(
        Level::Success,
        format!("Comité enregistré ; pilote : {}.", committee.pilot_name()),
    );
    app.touch_committee();
    Ok(())
}

fn member_form(committee: &Committee, catalog: &Catalog, id: Option<MemberId>) -> Form {
    let member = id.and_then(|id| committee.member(id));
    let mut roles: Vec<(String, String)> = catalog
        .roles
        .iter()
        .map(|r| (r.label.clone(), r.id.clone()))
        .collect();
    roles.push((
        "Autre rôle (à préciser ci-dessous)".into(),
        FREE_ROLE.into(),
    ));
    let (role, free) = match member.map(|m| &m.role) {
        Some(Role::Catalog(id)) => (id.as_str(), ""),
        Some(Role::Free(text)) => (FREE_ROLE, text.as_str()),
        None => ("enseignant", ""),
    };
    let title = if member.is_some() {
        "Modifier le membre"
    } else {
        "Nouveau membre"
    };
    Form::new(title)
        .text("name", "Nom", member.map_or("", |m| m.name.as_str()))
        .hint("prénom et nom")
        .choice("role", "Rôle", roles, Some(role))
        .hint("tapez pour chercher, ← → pour parcourir")
        .text("free", "Rôle libre", free)
        .hint("si le rôle n'est pas dans la liste")
        .text(
            "function",
            "Fonction, organisation",
            member.map_or("", |m| m.function.as_str()),
        )
        .text(
            "email",
            "E-mail",
            member.and_then(|m| m.email.as_deref()).unwrap_or(""),
        )
        .hint("facultatif")
}

fn objective_form(
    committee: &Committee,
    catalog: &Catalog,
    meeting: &Meeting,
    id: Option<ObjectiveId>,
) -> Form {
    let objective = id.and_then(|id| meeting.objective(id));
    let domains = Domain::ALL
        .iter()
        .map(|d| (d.label().to_string(), domain_value(*d).to_string()))
        .collect();
    let crcn = crcn_choices(catalog, "aucune");
    let owner = objective.map(|o| o.owner.0.to_string());
    let title = if objective.is_some() {
        "Modifier l'objectif"
    } else {
        "Nouvel objectif opérationnel"
    };
    Form::new(title)
        .text(
            "statement",
            "Objectif",
            objective.map_or("", |o| o.statement.as_str()),
        )
        .hint("ce qui doit être fait d'ici la prochaine réunion")
        .choice(
            "owner",
            "Responsable",
            people(committee, catalog, None, objective.map(|o| o.owner)),
            owner.as_deref(),
        )
        .hint("tapez un nom pour le trouver, ← → pour parcourir")
        .text(
            "due",
            "Échéance",
            &objective.map(|o| fr::date_short(o.due)).unwrap_or_default(),
        )
        .hint("jj/mm/aaaa")
        .text(
            "indicator",
            "Indicateur de réussite",
            objective.map_or("", |o| o.indicator.as_str()),
        )
        .choice(
            "domain",
            "Domaine",
            domains,
            objective.map(|o| domain_value(o.domain)),
        )
        .hint("← → pour choisir")
        .choice(
            "crcn",
            "Compétence CRCN",
            crcn,
            objective.and_then(|o| o.crcn.as_deref()),
        )
        .hint("facultatif ; tapez le code, par exemple 2.1")
}

/// The CRCN competences to choose from ("2.1 Interagir"), after `none` (value empty).
pub fn crcn_choices(catalog: &Catalog, none: &str) -> Vec<(String, String)> {
    let mut crcn = vec![(none.to_string(), String::new())];
    crcn.extend(
        catalog
            .crcn
            .iter()
            .flat_map(|d| &d.competences)
            .map(|c| (format!("{} {}", c.code, c.name), c.code.clone())),
    );
    crcn
}

fn attendee_form(
    committee: &Committee,
    catalog: &Catalog,
    meeting: &Meeting,
    id: MemberId,
) -> Form {
    let member = committee.member(id);
    let name = member.map_or(String::new(), |m| m.name.clone());
    let entry = meeting.attendance.iter().find(|a| a.member == id);
    let presences = [
        ("présent", "present"),
        ("excusé", "excused"),
        ("absent", "absent"),
        ("représenté", "represented"),
    ]
    .map(|(l, v)| (l.to_string(), v.to_string()))
    .to_vec();
    let (current, by) = match entry.map(|a| &a.presence) {
        None | Some(Presence::Present) => ("present", ""),
        Some(Presence::Excused) => ("excused", ""),
        Some(Presence::Absent) => ("absent", ""),
        Some(Presence::RepresentedBy(by)) => ("represented", by.as_str()),
    };
    let role = member
        .map(|m| format!("{} — {}", catalog.role_label(&m.role), m.function))
        .unwrap_or_default();
    Form::new(format!("{name} · {role}"))
        .text(
            "statement",
            "Tour de table",
            entry.map_or("", |a| a.statement.as_str()),
        )
        .hint("son rôle et sa fonction, en quelques mots")
        .choice("presence", "Présence", presences, Some(current))
        .hint("← → pour choisir")
        .text("by", "Représenté par", by)
        .hint("nom et fonction du représentant, si « représenté »")
        .choice(
            "secretary",
            "Secrétaire de séance",
            [("non", "no"), ("oui", "yes")]
                .map(|(l, v)| (l.to_string(), v.to_string()))
                .to_vec(),
            Some(if meeting.secretary == Some(id) {
                "yes"
            } else {
                "no"
            }),
        )
        .hint("celle ou celui qui tient les notes de la réunion")
}

fn domain_value(domain: Domain) -> &'static str {
    match domain {
        Domain::Pedagogical => "pedagogical",
        Domain::Technical => "technical",
        Domain::Financial => "financial",
    }
}

fn outcome_value(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Achieved => "achieved",
        Outcome::PartiallyAchieved => "partial",
        Outcome::NotAchieved => "not-achieved",
        Outcome::Postponed => "postponed",
        Outcome::Abandoned => "abandoned",
    }
}

/// A form whose answers were refused: the messages are on its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid;

/// Collects field errors; `Err(Invalid)` once any was set on the form.
struct Check<'a> {
    form: &'a mut Form,
    failed: bool,
}

impl Check<'_> {
    fn new(form: &mut Form) -> Check<'_> {
        form.clear_errors();
        Check {
            form,
            failed: false,
        }
    }

    fn required(&mut self, name: &str, what: &str) -> String {
        match validate::required(what, &self.form.value(name)) {
            Ok(v) => v,
            Err(e) => {
                self.fail(name, e);
                String::new()
            }
        }
    }

    /// A date field; written without its year, it is the next such day after `today`.
    fn date(&mut self, name: &str, today: NaiveDate) -> Option<NaiveDate> {
        match fr::parse_date_from(&self.form.value(name), Some(today)) {
            Ok(d) => Some(d),
            Err(e) => {
                self.fail(name, capitalise(&e));
                None
            }
        }
    }

    fn time(&mut self, name: &str) -> Option<chrono::NaiveTime> {
        let value = self.form.value(name);
        if value.trim().is_empty() {
            return None;
        }
        fr::parse_time(&value)
            .map_err(|e| self.fail(name, capitalise(&e)))
            .ok()
    }

    fn fail(&mut self, name: &str, message: String) {
        self.form.set_error(name, message);
        self.failed = true;
    }

    fn done(self) -> Result<(), Invalid> {
        if self.failed { Err(Invalid) } else { Ok(()) }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Validates the onboarding form and asks for the committee to be created; the form stays
/// until it is ([`committee_created`]).
pub fn create_committee(app: &mut App) -> Vec<Effect> {
    let Screen::Onboarding(form) = &mut app.screen else {
        return Vec::new();
    };
    let mut check = Check::new(form);
    let name = check.required("name", "le nom du comité");
    let territory = check.required("territory", "le territoire");
    let pilot = check.required("pilot", "le pilote");
    let scale = check.form.value("scale");
    if check.done().is_err() {
        return Vec::new();
    }
    let committee = Committee::new(&name, &scale, &territory, &pilot);
    vec![Effect::CreateCommittee(Box::new(committee))]
}

/// The committee exists: its home screen. If it could not be created, the form stays as
/// typed, with the reason.
pub fn committee_created(app: &mut App, result: Result<Box<Committee>, String>) {
    match result {
        Ok(committee) => {
            app.session.committee = *committee;
            app.screen = Screen::Home(super::Home::default());
            app.status = Status::new(
                Level::Success,
                format!(
                    "Comité créé. {} : ajouter les membres ; {} : préparer la première réunion.",
                    keymap::key_for(keymap::Scope::Home, keymap::Command::Roster),
                    keymap::key_for(keymap::Scope::Home, keymap::Command::New)
                ),
            );
        }
        Err(reason) => {
            if let Screen::Onboarding(form) = &mut app.screen {
                form.error = Some(format!(
                    "{reason}. {} pour réessayer, {} pour partir sans rien laisser.",
                    keymap::key_for(keymap::Scope::Form, keymap::Command::Activate),
                    keymap::key_for(keymap::Scope::Form, keymap::Command::Close)
                ));
            }
            app.status = Status::new(Level::Error, "Le comité n'a pas pu être créé.");
        }
    }
}

/// Validates and applies a submitted form. On `Err`, the form carries the messages and
/// nothing was changed.
pub fn apply(app: &mut App, purpose: &Purpose, form: &mut Form) -> Result<Vec<Effect>, Invalid> {
    match purpose {
        Purpose::Export(id) => {
            let request = export_request(app, *id, form)?;
            app.status = Status::new(Level::Info, "Export en cours…");
            Ok(vec![Effect::Export(Box::new(request))])
        }
        Purpose::NewMeeting => {
            new_meeting(form, app.clock.today()).map(|plan| vec![Effect::CreateMeeting(plan)])
        }
        Purpose::YearsFilter => {
            super::years::apply_filters(app, form);
            Ok(Vec::new())
        }
        Purpose::Committee => {
            apply_committee(app, form)?;
            Ok(save(app))
        }
        Purpose::AgendaPoint(path) => {
            let now = app.clock.now;
            let Screen::Meeting(screen) = &mut app.screen else {
                return Ok(Vec::new());
            };
            let item = crate::model::agenda::item_at(&screen.meeting.agenda, *path);
            let point = agenda_point(form, item)?;
            screen.edit_agenda(now, |agenda| {
                if let Some(slot) = crate::model::agenda::item_at_mut(agenda, *path) {
                    *slot = point;
                }
            });
            app.touch_meeting();
            Ok(Vec::new())
        }
        Purpose::NewAgendaPoint(after) => {
            let now = app.clock.now;
            let point = agenda_point(form, None)?;
            let Screen::Meeting(screen) = &mut app.screen else {
                return Ok(Vec::new());
            };
            let path = screen.edit_agenda(now, |agenda| {
                super::agenda::insert_after(agenda, *after, point)
            });
            let at = super::agenda::rows(&screen.meeting.agenda)
                .iter()
                .position(|p| *p == path)
                .unwrap_or(0);
            if let Some(super::Overlay::Agenda(editor)) = app.overlays.last_mut() {
                editor.selected = at;
            }
            app.touch_meeting();
            Ok(Vec::new())
        }
        Purpose::Member(id) => {
            let member = member(app, form, *id)?;
            let committee = &mut app.session.committee;
            match committee.members.iter_mut().find(|m| Some(m.id) == *id) {
                Some(existing) => {
                    *existing = Member {
                        id: existing.id,
                        ..member
                    }
                }
                None => {
                    let name = member.name.clone();
                    let id = committee.add_member(member);
                    // Added during a meeting: a latecomer, present from now.
                    let at = app.clock.wall.time();
                    if let Screen::Meeting(screen) = &mut app.screen {
                        screen.arrives(&app.session.committee, id, at);
                        app.status = Status::new(
                            Level::Success,
                            format!("{name} arrive à {} : noté présent.", fr::time(at)),
                        );
                        // With a list of guests, they join it, so that the attendance shows
                        // them.
                        if !screen.meeting.invited.is_empty() {
                            screen.meeting.invited.push(id);
                        }
                        app.touch_meeting();
                    }
                }
            }
            app.touch_committee();
            Ok(save(app))
        }
        Purpose::Objective(id) => {
            let objective = objective(app, form, *id)?;
            if let Screen::Meeting(screen) = &mut app.screen {
                screen.put_objective(objective);
            }
            app.touch_meeting();
            app.status = Status::new(Level::Success, "Objectif enregistré.");
            Ok(save(app))
        }
        Purpose::Decision(index) => {
            let mut check = Check::new(form);
            let text = check.required("text", "la décision");
            check.done()?;
            if let Screen::Meeting(screen) = &mut app.screen {
                screen.set_decision(*index, Some(text));
            }
            app.touch_meeting();
            Ok(Vec::new())
        }
        Purpose::Attendee(id) => {
            let presence = match form.value("presence").as_str() {
                "excused" => Presence::Excused,
                "absent" => Presence::Absent,
                "represented" => {
                    let mut check = Check::new(form);
                    let by = check.required("by", "le nom du représentant");
                    check.done()?;
                    Presence::RepresentedBy(by)
                }
                _ => Presence::Present,
            };
            let statement = form.value("statement").trim().to_string();
            let secretary = form.value("secretary") == "yes";
            if let Screen::Meeting(screen) = &mut app.screen {
                screen.set_presence(*id, presence);
                screen.set_statement(*id, statement);
                if secretary {
                    screen.meeting.secretary = Some(*id);
                } else if screen.meeting.secretary == Some(*id) {
                    screen.meeting.secretary = None;
                }
            }
            app.touch_meeting();
            Ok(Vec::new())
        }
        Purpose::Evaluation(index) => {
            let outcome = Outcome::ALL
                .iter()
                .copied()
                .find(|o| outcome_value(*o) == form.value("outcome"));
            if super::review::blocked(app, *index, outcome) {
                form.set_error("outcome", super::review::NOT_READY);
                return Err(Invalid);
            }
            let comment = form.value("comment").trim().to_string();
            Ok(super::review::set(app, *index, outcome, Some(comment)))
        }
        Purpose::Axis => {
            let mut check = Check::new(form);
            let statement = check.required("statement", "l'axe prioritaire");
            check.done()?;
            let coordinator = member_of(&form.value("coordinator"));
            if let Screen::Meeting(screen) = &mut app.screen {
                screen.meeting.priority_axis = Some(PriorityAxis {
                    statement,
                    coordinator,
                });
            }
            app.touch_meeting();
            Ok(save(app))
        }
        Purpose::NextMeeting => {
            let Screen::Meeting(screen) = &app.screen else {
                return Ok(Vec::new());
            };
            let meeting_date = screen.meeting.date;
            let mut check = Check::new(form);
            let date = check.date("date", meeting_date);
            let time = check.time("time");
            if let Some(d) = date
                && d <= meeting_date
            {
                check.fail(
                    "date",
                    format!(
                        "La prochaine réunion doit être après celle-ci ({}).",
                        fr::date_short(meeting_date)
                    ),
                );
            }
            check.done()?;
            let place = form.value("place").trim().to_string();
            if let (Screen::Meeting(screen), Some(date)) = (&mut app.screen, date) {
                screen.meeting.next_meeting = Some(NextMeeting { date, time, place });
            }
            app.touch_meeting();
            Ok(save(app))
        }
    }
}

fn save(app: &mut App) -> Vec<Effect> {
    app.save_request()
        .map(|r| Effect::Save(Box::new(r)))
        .into_iter()
        .collect()
}

fn new_meeting(form: &mut Form, today: NaiveDate) -> Result<MeetingPlan, Invalid> {
    let mut check = Check::new(form);
    let date = check.date("date", today);
    let time = check.time("time");
    let kind = match check.form.value("kind").as_str() {
        "extraordinary" => MeetingKind::Extraordinary,
        "restricted" => MeetingKind::Restricted {
            dossier: check.required("dossier", "le dossier suivi par le comité restreint"),
        },
        _ => MeetingKind::Ordinary,
    };
    let place = check.form.value("place").trim().to_string();
    let secretary = member_of(&check.form.value("secretary"));
    check.done()?;
    Ok(MeetingPlan {
        date: date.ok_or(Invalid)?,
        time,
        place,
        kind,
        secretary,
    })
}

fn member(app: &App, form: &mut Form, id: Option<MemberId>) -> Result<Member, Invalid> {
    let mut check = Check::new(form);
    let name = check.required("name", "le nom");
    let role = match check.form.value("role").as_str() {
        FREE_ROLE => Role::Free(check.required("free", "le rôle libre")),
        id => Role::Catalog(id.to_string()),
    };
    let email = match validate::email(&check.form.value("email")) {
        Ok(email) => email,
        Err(e) => {
            check.fail("email", capitalise(&e));
            None
        }
    };
    let function = check.form.value("function").trim().to_string();
    check.done()?;
    let archived = id
        .and_then(|id| app.session.committee.member(id))
        .is_some_and(|m| m.archived);
    Ok(Member {
        id: id.unwrap_or(MemberId(0)),
        name,
        role,
        function,
        email,
        archived,
    })
}

fn objective(app: &App, form: &mut Form, id: Option<ObjectiveId>) -> Result<Objective, Invalid> {
    let Screen::Meeting(screen) = &app.screen else {
        return Err(Invalid);
    };
    let mut check = Check::new(form);
    let statement = check.required("statement", "l'objectif");
    let owner = member_of(&check.form.value("owner"));
    if owner.is_none() {
        check.fail(
            "owner",
            format!(
                "Choisissez un responsable (ajoutez d'abord les membres avec {}).",
                keymap::key_for(keymap::Scope::Home, keymap::Command::Roster)
            ),
        );
    }
    let due = check.date("due", screen.meeting.date);
    if let Some(d) = due
        && let Err(e) = validate::due_date(d, screen.meeting.date)
    {
        check.fail("due", capitalise(&e));
    }
    let domain = match check.form.value("domain").as_str() {
        "technical" => Domain::Technical,
        "financial" => Domain::Financial,
        _ => Domain::Pedagogical,
    };
    let crcn = Some(check.form.value("crcn")).filter(|c| !c.is_empty());
    let indicator = check.form.value("indicator").trim().to_string();
    check.done()?;
    let existing = id.and_then(|id| screen.meeting.objective(id));
    let id = id.unwrap_or_else(|| next_objective_id(app));
    Ok(Objective {
        id,
        statement,
        owner: owner.ok_or(Invalid)?,
        due: due.ok_or(Invalid)?,
        indicator,
        domain,
        subjects: existing.map(|o| o.subjects.clone()).unwrap_or_default(),
        crcn,
        carried_from: existing.and_then(|o| o.carried_from),
        // The form showed the due date and the user validated it: it is confirmed.
        due_to_confirm: false,
    })
}

/// One more than any objective identifier of the committee.
pub fn next_objective_id(app: &App) -> ObjectiveId {
    let in_summaries = app
        .session
        .meetings
        .iter()
        .map(|m| m.max_objective_id)
        .max()
        .unwrap_or(0);
    let open = match &app.screen {
        Screen::Meeting(screen) => screen.meeting.max_objective_id(),
        _ => 0,
    };
    ObjectiveId(in_summaries.max(open) + 1)
}

/// The question a confirmation asks, in French.
pub fn question(app: &App, confirmation: Confirmation) -> String {
    match confirmation {
        Confirmation::CloseMeeting => {
            let unset = matches!(&app.screen, Screen::Meeting(s) if s.meeting.next_meeting.is_none());
            let next = if unset {
                format!(
                    " La date de la prochaine réunion n'est pas fixée : {} pour la fixer d'abord.",
                    keymap::key_for(keymap::Scope::Confirm, keymap::Command::NextMeeting)
                )
            } else {
                String::new()
            };
            format!("C'était la dernière étape. Clore la réunion ? L'heure de fin est notée (la réunion reste modifiable).{next}")
        }
        Confirmation::DeleteAgendaPoint(path) => {
            let title = match &app.screen {
                Screen::Meeting(screen) => crate::model::agenda::item_at(&screen.meeting.agenda, path)
                    .map(|i| i.title.clone())
                    .unwrap_or_default(),
                _ => String::new(),
            };
            format!("Supprimer le point « {title} » de l'ordre du jour (avec ses sous-points) ?")
        }
        Confirmation::LeaveOnboarding => {
            "Quitter sans créer le comité ? Ce qui a été tapé n'est pas gardé, et rien n'est écrit sur le disque.".into()
        }
        Confirmation::DeleteMember(id) => {
            let name = app
                .session
                .committee
                .member(id)
                .map_or(String::new(), |m| m.name.clone());
            format!(
                "Retirer {name} du comité ? Son nom reste dans les comptes-rendus des réunions passées."
            )
        }
        Confirmation::DeleteDecision(index) => {
            let text = match &app.screen {
                Screen::Meeting(screen) => screen
                    .decisions()
                    .get(index)
                    .map(|d| d.text.clone())
                    .unwrap_or_default(),
                _ => String::new(),
            };
            format!("Supprimer la décision « {text} » ?")
        }
        Confirmation::DeleteObjective(id) => {
            let text = match &app.screen {
                Screen::Meeting(screen) => screen
                    .meeting
                    .objective(id)
                    .map(|o| o.statement.clone())
                    .unwrap_or_default(),
                _ => String::new(),
            };
            format!("Supprimer l'objectif « {text} » ?")
        }
    }
}

/// Carries out a confirmed deletion.
pub fn confirmed(app: &mut App, confirmation: Confirmation) -> Vec<Effect> {
    match confirmation {
        Confirmation::LeaveOnboarding => {
            app.quit = true;
            Vec::new()
        }
        Confirmation::DeleteAgendaPoint(path) => super::agenda::delete(app, path),
        Confirmation::CloseMeeting => {
            let (now, wall) = (app.clock.now, app.clock.wall);
            if let Screen::Meeting(screen) = &mut app.screen {
                screen.stop_timer(now);
                screen.meeting.ended_at = Some(wall);
            }
            app.status = Status::new(
                Level::Success,
                format!("Réunion close à {}.", fr::time(wall.time())),
            );
            app.touch_meeting();
            save(app)
        }
        Confirmation::DeleteMember(id) => {
            if let Some(member) = app
                .session
                .committee
                .members
                .iter_mut()
                .find(|m| m.id == id)
            {
                member.archived = true;
                app.status = Status::new(
                    Level::Success,
                    format!("{} a été retiré du comité.", member.name),
                );
            }
            let len = super::roster::shown(&app.session.committee).len();
            if let Screen::Roster(roster) = &mut app.screen {
                roster.selected = super::cursor::Cursor::new(roster.selected, len).by(-1).at();
            }
            app.touch_committee();
            save(app)
        }
        Confirmation::DeleteDecision(index) => {
            if let Screen::Meeting(screen) = &mut app.screen {
                screen.set_decision(index, None);
            }
            app.touch_meeting();
            Vec::new()
        }
        Confirmation::DeleteObjective(id) => {
            if let Screen::Meeting(screen) = &mut app.screen {
                screen.remove_objective(id);
            }
            app.touch_meeting();
            Vec::new()
        }
    }
}
