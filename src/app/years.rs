//! The years screen: for each school year (September to August, newest first) its priority
//! axis and coordinator, its meetings and every objective set with its history; filters by
//! year, status, owner, domain and CRCN competence; and a search, typed on the screen itself,
//! across every meeting's notes, decisions and objectives, whose hit opens the meeting at the
//! step found. Everything comes from the history, built off the UI thread.

use std::ops::Range;

use crossterm::event::{KeyCode, KeyEvent};

use super::dialogs::Purpose;
use super::form::Form;
use super::history::Derived;
use super::keymap::Command;
use super::opening::{OpenAt, Opening};
use super::{App, Effect, Level, Screen, Status};
use crate::model::lineage::Record;
use crate::model::year::{ObjectiveFilter, SchoolYear, StatusFilter, Year, years};
use crate::model::{Domain, MeetingId, MemberId, StepKind};
use crate::search::Found;

/// How many hits of a search are listed (the count says how many texts matched in all).
pub const HITS_SHOWN: usize = 200;

/// The years screen's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearsScreen {
    /// Which objectives are shown.
    pub filter: ObjectiveFilter,
    /// The selected objective, among those shown.
    pub selected: usize,
    /// The search as typed.
    pub query: String,
    /// What it found, while the query is not empty.
    pub search: Option<SearchResults>,
    /// The selected hit.
    pub hit: usize,
}

/// The texts a search found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchResults {
    /// The first hits, oldest meeting first.
    pub hits: Vec<FoundText>,
    /// How many texts matched in all.
    pub total: usize,
}

/// One text found, kept apart from the history it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundText {
    /// The meeting.
    pub meeting: MeetingId,
    /// The step to open it at.
    pub step: Option<usize>,
    /// What kind of text it is.
    pub found: Found,
    /// For notes, the line within the step's notes.
    pub line: usize,
    /// The text around the match.
    pub snippet: String,
    /// Where the match is in the snippet.
    pub highlight: Range<usize>,
    /// The whole text.
    pub text: String,
}

/// The years shown, newest first, each with the objectives the filter keeps (a year filter
/// keeps that year alone).
pub fn shown<'h>(derived: &'h Derived<'h>, filter: &ObjectiveFilter) -> Vec<Year<'h>> {
    let mut all = years(&derived.refs, &derived.ledger);
    all.retain(|y| filter.year.is_none_or(|wanted| wanted == y.year));
    for year in &mut all {
        year.objectives.retain(|r| filter.matches(r));
    }
    all.reverse();
    all
}

/// The objectives of the years shown, in the order they are listed.
pub fn listed<'h>(years: &[Year<'h>]) -> Vec<&'h Record<'h>> {
    years
        .iter()
        .flat_map(|y| y.objectives.iter().copied())
        .collect()
}

/// Opens the years screen (the history is rebuilt first if a meeting changed).
pub fn open(app: &mut App) -> Vec<Effect> {
    app.screen = Screen::Years(Box::default());
    app.status = Status::new(
        Level::Info,
        "Les années du comité : tapez un mot pour chercher, F2 pour filtrer, Entrée pour ouvrir.",
    );
    app.history_effects()
}

/// A key on the years screen: the search takes what is typed.
pub fn key(app: &mut App, command: Option<Command>, key: KeyEvent) -> Vec<Effect> {
    match command {
        Some(Command::Home) => return app.go_home(),
        Some(Command::Filters) => {
            if let Some(form) = filter_form(app) {
                app.overlays
                    .push(super::Overlay::Form(form, Purpose::YearsFilter));
            }
            return Vec::new();
        }
        Some(Command::Activate) => return activate(app),
        _ => {}
    }
    let count = count(app);
    let Screen::Years(screen) = &mut app.screen else {
        return Vec::new();
    };
    let searching = screen.search.is_some();
    let cursor = if searching {
        &mut screen.hit
    } else {
        &mut screen.selected
    };
    if super::cursor::apply(cursor, count, command) {
        return Vec::new();
    }
    match command {
        Some(Command::Close) if !screen.query.is_empty() => {
            screen.query.clear();
            search(app);
        }
        Some(Command::Close) => return app.go_home(),
        None => match key.code {
            KeyCode::Char(c) if super::is_typed_text(&key) => {
                screen.query.push(c);
                search(app);
            }
            KeyCode::Backspace => {
                screen.query.pop();
                search(app);
            }
            _ => {}
        },
        _ => {}
    }
    Vec::new()
}

/// Typed text pasted into the search.
pub fn paste(app: &mut App, text: &str) {
    if let Screen::Years(screen) = &mut app.screen {
        screen
            .query
            .extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
        search(app);
    }
}

/// How many lines the cursor moves among: hits while searching, else objectives shown.
fn count(app: &App) -> usize {
    let (Screen::Years(screen), Some(history)) = (&app.screen, &app.history.current) else {
        return 0;
    };
    match &screen.search {
        Some(results) => results.hits.len(),
        None => shown(history.derived(), &screen.filter)
            .iter()
            .map(|y| y.objectives.len())
            .sum(),
    }
}

/// After the history was rebuilt: the search runs again on it (what was typed before its
/// texts were folded finds them now), the hit selected staying where it was.
pub(super) fn history_built(app: &mut App) {
    let Screen::Years(screen) = &app.screen else {
        return;
    };
    let hit = screen.hit;
    search(app);
    if let Screen::Years(screen) = &mut app.screen
        && let Some(results) = &screen.search
    {
        screen.hit = hit.min(results.hits.len().saturating_sub(1));
    }
}

/// Runs the search as typed (an empty query shows the years again).
fn search(app: &mut App) {
    let (Screen::Years(screen), Some(history)) = (&mut app.screen, &app.history.current) else {
        return;
    };
    screen.hit = 0;
    if screen.query.trim().is_empty() {
        screen.search = None;
        return;
    }
    let results = history.derived().index.search(&screen.query, HITS_SHOWN);
    screen.search = Some(SearchResults {
        total: results.total,
        hits: results
            .hits
            .into_iter()
            .map(|h| FoundText {
                meeting: h.meeting,
                step: h.step,
                found: h.found,
                line: h.line,
                snippet: h.snippet,
                highlight: h.highlight,
                text: h.text.to_string(),
            })
            .collect(),
    });
}

/// Entrée: opens the meeting of the hit at its step, or the meeting that set the objective at
/// its objectives.
fn activate(app: &mut App) -> Vec<Effect> {
    let (Screen::Years(screen), Some(history)) = (&app.screen, &app.history.current) else {
        return Vec::new();
    };
    let opening = match &screen.search {
        Some(results) => results.hits.get(screen.hit).map(|hit| Opening {
            id: hit.meeting,
            at: OpenAt::Step {
                step: hit.step.unwrap_or(0),
                found: hit.found,
                line: hit.line,
            },
        }),
        None => {
            let years = shown(history.derived(), &screen.filter);
            listed(&years).get(screen.selected).map(|record| {
                let step = history
                    .meeting(record.set_at)
                    .and_then(|m| {
                        m.steps().iter().position(|s| {
                            crate::model::agenda::item_at(&m.agenda, s.path)
                                .is_some_and(|i| i.kind == StepKind::Objectives)
                        })
                    })
                    .unwrap_or(0);
                Opening {
                    id: record.set_at,
                    at: OpenAt::Step {
                        step,
                        found: Found::Objective,
                        line: 0,
                    },
                }
            })
        }
    };
    let Some(opening) = opening else {
        return Vec::new();
    };
    app.status = Status::new(
        Level::Info,
        format!("Ouverture de la réunion {}…", opening.id),
    );
    app.opening = Some(opening);
    vec![Effect::OpenMeeting(opening.id)]
}

const ANY: &str = "";

/// The filters form, filled with the filters in force.
fn filter_form(app: &App) -> Option<Form> {
    let (Screen::Years(screen), Some(history)) = (&app.screen, &app.history.current) else {
        return None;
    };
    let filter = &screen.filter;
    let option = |label: &str, value: String| (label.to_string(), value);
    let mut years = vec![option("toutes", ANY.into())];
    let mut seen: Vec<SchoolYear> = history
        .meetings()
        .iter()
        .map(|(id, _)| SchoolYear::of(id.date))
        .collect();
    seen.dedup();
    seen.reverse();
    years.extend(
        seen.iter()
            .map(|y| (y.to_string(), y.start_year().to_string())),
    );
    let mut statuses = vec![option("tous", ANY.into())];
    statuses.extend(
        StatusFilter::ALL
            .iter()
            .map(|(name, s)| (status_label(*s).to_string(), (*name).to_string())),
    );
    let catalog = &app.session.catalog;
    let mut owners = vec![option("tous", ANY.into())];
    owners.extend(app.session.committee.members.iter().map(|m| {
        (
            format!("{} ({})", m.name, catalog.role_label(&m.role)),
            m.id.0.to_string(),
        )
    }));
    let mut domains = vec![option("tous", ANY.into())];
    domains.extend(
        Domain::ALL
            .iter()
            .map(|d| (d.label().to_string(), d.label().to_string())),
    );
    let crcn = super::dialogs::crcn_choices(catalog, "toutes");
    let status_name = filter.status.and_then(|s| {
        StatusFilter::ALL
            .iter()
            .find(|(_, x)| *x == s)
            .map(|(n, _)| *n)
    });
    let year = filter.year.map(|y| y.start_year().to_string());
    let owner = filter.owner.map(|o| o.0.to_string());
    Some(
        Form::new("Filtrer les objectifs")
            .choice("year", "Année scolaire", years, year.as_deref())
            .hint("← → pour choisir")
            .choice("status", "Statut", statuses, status_name)
            .choice("owner", "Responsable", owners, owner.as_deref())
            .hint("tapez un nom pour le trouver")
            .choice(
                "domain",
                "Domaine",
                domains,
                filter.domain.map(Domain::label),
            )
            .choice("crcn", "Compétence CRCN", crcn, filter.crcn.as_deref())
            .hint("tapez le code, par exemple 2.1"),
    )
}

/// A status as the filters name it: "en cours", "à évaluer", or the outcome.
pub fn status_label(status: StatusFilter) -> &'static str {
    match status {
        StatusFilter::Open => "en cours",
        StatusFilter::ToEvaluate => "à évaluer",
        StatusFilter::Outcome(o) => o.label(),
    }
}

/// Applies the filters form.
pub fn apply_filters(app: &mut App, form: &Form) {
    let value = |name: &str| Some(form.value(name)).filter(|v| !v.is_empty());
    let filter = ObjectiveFilter {
        year: value("year")
            .and_then(|v| v.parse().ok())
            .map(SchoolYear::starting),
        status: value("status").and_then(|v| v.parse().ok()),
        owner: value("owner").and_then(|v| v.parse().ok()).map(MemberId),
        domain: value("domain").and_then(|v| v.parse().ok()),
        crcn: value("crcn"),
    };
    if let Screen::Years(screen) = &mut app.screen {
        screen.filter = filter;
        screen.selected = 0;
        let n = count(app);
        app.status = Status::new(
            Level::Info,
            format!(
                "{} avec ces filtres.",
                crate::fr::count(n, "objectif", "objectifs")
            ),
        );
    }
}

/// The filters in force, in French ("statut reporté · domaine Technique"), or "aucun".
pub fn filters_said(app: &App, filter: &ObjectiveFilter) -> String {
    let mut parts = Vec::new();
    if let Some(year) = filter.year {
        parts.push(format!("année {year}"));
    }
    if let Some(status) = filter.status {
        parts.push(format!("statut {}", status_label(status)));
    }
    if let Some(owner) = filter.owner {
        let name = app
            .session
            .committee
            .member(owner)
            .map_or_else(|| format!("n° {}", owner.0), |m| m.name.clone());
        parts.push(format!("responsable {name}"));
    }
    if let Some(domain) = filter.domain {
        parts.push(format!("domaine {}", domain.label()));
    }
    if let Some(code) = &filter.crcn {
        parts.push(format!("CRCN {code}"));
    }
    if parts.is_empty() {
        "aucun".into()
    } else {
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::history::History;
    use crate::model::Outcome;
    use crate::sample;
    use chrono::NaiveDate;
    use std::sync::Arc;

    #[test]
    fn years_come_newest_first_with_the_objectives_the_filter_keeps() {
        let s = sample::sample(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        let mut meetings = s.meetings.clone();
        meetings[1].1.evaluations[0].outcome = Some(Outcome::Postponed);
        let history = History::build(
            meetings
                .into_iter()
                .map(|(id, m)| (id, Arc::new(m)))
                .collect(),
            Vec::new(),
        );
        let all = shown(history.derived(), &ObjectiveFilter::default());
        let names: Vec<String> = all.iter().map(|y| y.year.to_string()).collect();
        assert_eq!(names, ["2026-2027", "2025-2026"]);
        assert_eq!(listed(&all).len(), 5);
        let postponed = ObjectiveFilter {
            status: Some(StatusFilter::Outcome(Outcome::Postponed)),
            ..Default::default()
        };
        let kept = shown(history.derived(), &postponed);
        let ids: Vec<u32> = listed(&kept).iter().map(|r| r.objective.id.0).collect();
        assert_eq!(ids, [1]);
        let year = ObjectiveFilter {
            year: Some(SchoolYear::starting(2026)),
            ..Default::default()
        };
        let kept = shown(history.derived(), &year);
        assert_eq!(kept.len(), 1);
        assert!(listed(&kept).is_empty(), "December sets none yet");
    }
}
