//! Exports: the compte-rendu (Markdown, HTML), the invitation to the next meeting (iCalendar),
//! the attendance sheet (CSV), the distribution list and the school year's report, in a full
//! version and a public one without personal data. Rendering is pure (committee and meetings
//! in, text out); [`write_pack`] reads a folder and writes files for the interface.

pub mod csv;
pub mod document;
pub mod emails;
pub mod ics;
pub mod lineage;
pub mod privacy;
pub mod templates;
pub mod typography;

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate};
use minijinja::value::Value;

use crate::catalog::Catalog;
use crate::model::{Committee, Meeting, MeetingId};
use crate::store::{Layout, Store};
use privacy::Naming;
pub use templates::{TemplateError, Templates};

/// What a document is made from: the committee and all its meetings, oldest first (the
/// meetings before and after the exported one give the lineage of objectives and the next
/// meeting's agenda).
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The committee.
    pub committee: &'a Committee,
    /// The catalogue (role labels, CRCN).
    pub catalog: &'a Catalog,
    /// Every meeting, oldest first.
    pub meetings: &'a [(MeetingId, Meeting)],
}

impl<'a> Source<'a> {
    /// How this source names people in the full or the public version.
    pub fn naming(&self, public: bool) -> Naming<'a> {
        Naming::new(
            self.committee,
            self.catalog,
            self.meetings.iter().map(|(_, m)| m),
            public,
        )
    }

    /// A meeting of the source.
    pub fn meeting(&self, id: MeetingId) -> Option<&'a Meeting> {
        self.meetings.iter().find(|(m, _)| *m == id).map(|(_, m)| m)
    }
}

/// How to make a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The public version: no names (roles instead), no e-mails, no private note lines.
    pub public: bool,
    /// When the document is made, in local time with its offset.
    pub now: DateTime<FixedOffset>,
}

/// The formats of `copilnum export --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// The compte-rendu in Markdown.
    Markdown,
    /// The compte-rendu as one self-contained HTML file.
    Html,
    /// The invitation to the next meeting.
    Ics,
    /// The attendance sheet.
    Csv,
    /// The distribution list.
    Emails,
}

impl Format {
    /// Every format, in the order the help lists them.
    pub const ALL: [Format; 5] = [
        Format::Markdown,
        Format::Html,
        Format::Ics,
        Format::Csv,
        Format::Emails,
    ];

    /// The name on the command line: "md", "html", "ics", "csv", "emails".
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Ics => "ics",
            Format::Csv => "csv",
            Format::Emails => "emails",
        }
    }

    /// The file a meeting's document of this format is written to, in the exports folder:
    /// "2026-01-20-compte-rendu.html", "2026-01-20-compte-rendu-public.md".
    pub fn file_name(self, meeting: MeetingId, public: bool) -> String {
        let (what, extension) = match self {
            Format::Markdown => ("compte-rendu", "md"),
            Format::Html => ("compte-rendu", "html"),
            Format::Ics => ("invitation", "ics"),
            Format::Csv => ("emargement", "csv"),
            Format::Emails => ("diffusion", "txt"),
        };
        let public = if public { "-public" } else { "" };
        format!("{meeting}-{what}{public}.{extension}")
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(text: &str) -> Result<Format, String> {
        match text.trim().to_lowercase().as_str() {
            "md" | "markdown" => Ok(Format::Markdown),
            "html" | "htm" => Ok(Format::Html),
            "ics" | "ical" | "icalendar" => Ok(Format::Ics),
            "csv" => Ok(Format::Csv),
            "emails" | "email" | "e-mails" | "mails" => Ok(Format::Emails),
            other => Err(format!(
                "format « {other} » inconnu : md, html, ics, csv ou emails"
            )),
        }
    }
}

pub use crate::model::SchoolYear;

/// The file a year's report is written to: "rapport-annuel-2026-2027.html".
pub fn report_file_name(year: SchoolYear, format: Format, public: bool) -> String {
    let public = if public { "-public" } else { "" };
    let extension = if format == Format::Html { "html" } else { "md" };
    format!("rapport-annuel-{year}{public}.{extension}")
}

/// The first and last days of a school year.
fn days_of(year: SchoolYear) -> (NaiveDate, NaiveDate) {
    (
        year.first_day().unwrap_or(NaiveDate::MIN),
        year.last_day().unwrap_or(NaiveDate::MAX),
    )
}

/// Why a document could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// A template (an override of the committee) is broken.
    #[error("{0}")]
    Template(#[from] TemplateError),
    /// The document cannot be made as asked; the reason in French.
    #[error("{0}")]
    Refused(String),
}

/// A document of one meeting, in a format.
pub fn meeting_document(
    source: &Source,
    templates: &Templates,
    id: MeetingId,
    format: Format,
    options: &Options,
) -> Result<String, ExportError> {
    let meeting = source
        .meeting(id)
        .ok_or_else(|| ExportError::Refused(format!("réunion {id} introuvable")))?;
    match format {
        Format::Markdown | Format::Html => {
            let minutes = document::minutes(source, id, meeting, options);
            let name = if format == Format::Html {
                templates::MINUTES_HTML
            } else {
                templates::MINUTES_MD
            };
            render(
                templates,
                name,
                format,
                Value::from(minijinja::value::Serde(&minutes)),
            )
        }
        Format::Ics => ics::invitation(source, id, meeting, options),
        Format::Csv => csv::attendance_sheet(source, meeting, options),
        Format::Emails => emails::distribution_list(source, meeting, options),
    }
}

/// The report of a school year, in Markdown or HTML.
pub fn year_document(
    source: &Source,
    templates: &Templates,
    year: SchoolYear,
    format: Format,
    options: &Options,
) -> Result<String, ExportError> {
    let name = match format {
        Format::Markdown => templates::YEAR_MD,
        Format::Html => templates::YEAR_HTML,
        other => {
            return Err(ExportError::Refused(format!(
                "le rapport de l'année existe en md ou en html, pas en {other}"
            )));
        }
    };
    if !source.meetings.iter().any(|(id, _)| year.contains(id.date)) {
        return Err(ExportError::Refused(format!(
            "aucune réunion pendant l'année scolaire {year} ({} à {})",
            crate::fr::date_short(days_of(year).0),
            crate::fr::date_short(days_of(year).1)
        )));
    }
    let report = document::year_report(source, year, options);
    render(
        templates,
        name,
        format,
        Value::from(minijinja::value::Serde(&report)),
    )
}

fn render(
    templates: &Templates,
    name: &str,
    format: Format,
    context: Value,
) -> Result<String, ExportError> {
    let text = templates.render(name, context)?;
    Ok(match format {
        Format::Html => typography::french_html(&text),
        _ => typography::french(&text),
    })
}

/// Renders every template on the sample committee, full and public, and returns the problems:
/// what `copilnum check` runs so that a broken override shows before the next export.
pub fn rehearse(templates: &Templates, now: DateTime<FixedOffset>) -> Vec<TemplateError> {
    let sample = crate::sample::sample(now.date_naive());
    let catalog = Catalog::builtin();
    let source = Source {
        committee: &sample.committee,
        catalog: &catalog,
        meetings: &sample.meetings,
    };
    let (held, _) = &sample.meetings[0];
    let mut problems: Vec<TemplateError> = Vec::new();
    for public in [false, true] {
        let options = Options { public, now };
        for format in [Format::Markdown, Format::Html] {
            let results = [
                meeting_document(&source, templates, *held, format, &options),
                year_document(
                    &source,
                    templates,
                    SchoolYear::of(held.date),
                    format,
                    &options,
                ),
            ];
            for result in results {
                if let Err(ExportError::Template(e)) = result
                    && !problems.contains(&e)
                {
                    problems.push(e);
                }
            }
        }
    }
    problems
}

/// The meeting exported when none is named: the latest that took place, else the latest.
pub fn default_meeting(meetings: &[(MeetingId, Meeting)], today: NaiveDate) -> Option<MeetingId> {
    meetings
        .iter()
        .filter(|(_, m)| document::held(m, today))
        .map(|(id, _)| *id)
        .next_back()
        .or_else(|| meetings.last().map(|(id, _)| *id))
}

/// What the interface asks to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRequest {
    /// The committee, as the interface holds it.
    pub committee: Committee,
    /// The catalogue.
    pub catalog: Catalog,
    /// The meeting exported.
    pub meeting: MeetingId,
    /// The open meeting as the interface holds it (newer than its file: the last notes).
    pub open: Option<(MeetingId, Meeting)>,
    /// What to write.
    pub documents: Vec<Wanted>,
    /// The public version.
    pub public: bool,
    /// Where: a folder, relative to the committee folder unless absolute.
    pub folder: PathBuf,
}

/// One document to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// A document of the meeting.
    Meeting(Format),
    /// The report of the meeting's school year, in HTML.
    Year,
}

/// What an export from the interface wrote, and what it could not make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// The files written, relative to the committee folder when inside it.
    pub written: Vec<PathBuf>,
    /// Why a document asked for was not made, in French.
    pub refused: Vec<String>,
}

/// Reads the committee's meetings and templates from its folder, makes the documents asked
/// for and writes them. A document that cannot be made (an invitation without a next meeting)
/// does not stop the others; a broken template or a folder that cannot be written does.
pub fn write_pack(
    dir: &Path,
    request: &ExportRequest,
    now: DateTime<FixedOffset>,
) -> Result<Exported, String> {
    let mut store = Store::open_read_only(dir, "export");
    let mut meetings: Vec<(MeetingId, Meeting)> = store
        .load_meetings()
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter_map(|(id, m)| m.ok().map(|m| (id, m)))
        .filter(|(id, _)| request.open.as_ref().is_none_or(|(open, _)| open != id))
        .collect();
    if let Some(open) = &request.open {
        meetings.push(open.clone());
        meetings.sort_by_key(|(id, _)| *id);
    }
    let templates = Templates::load(dir).map_err(|errors| {
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" ; ")
    })?;
    let source = Source {
        committee: &request.committee,
        catalog: &request.catalog,
        meetings: &meetings,
    };
    let options = Options {
        public: request.public,
        now,
    };
    let folder = if request.folder.is_absolute() {
        request.folder.clone()
    } else {
        dir.join(&request.folder)
    };
    let mut documents = Vec::new();
    let mut refused = Vec::new();
    for wanted in &request.documents {
        let (name, text) = match wanted {
            Wanted::Meeting(format) => (
                format.file_name(request.meeting, request.public),
                meeting_document(&source, &templates, request.meeting, *format, &options),
            ),
            Wanted::Year => {
                let year = SchoolYear::of(request.meeting.date);
                (
                    report_file_name(year, Format::Html, request.public),
                    year_document(&source, &templates, year, Format::Html, &options),
                )
            }
        };
        match text {
            Ok(text) => documents.push((folder.join(name), text)),
            Err(ExportError::Template(e)) => return Err(e.to_string()),
            Err(ExportError::Refused(why)) => refused.push(why),
        }
    }
    let mut written = Vec::new();
    if !documents.is_empty() {
        std::fs::create_dir_all(&folder).map_err(|e| {
            crate::store::StoreError::io(&folder, "dossier d'export impossible à créer", e)
                .to_string()
        })?;
    }
    let layout = Layout::new(dir);
    for (path, text) in documents {
        crate::store::write_atomic(&path, text.as_bytes()).map_err(|e| e.to_string())?;
        written.push(layout.display(&path).to_path_buf());
    }
    Ok(Exported { written, refused })
}
