//! `copilnum export`: a document of a meeting (compte-rendu, invitation, attendance sheet,
//! distribution list) or the report of a school year, to standard output or to a file.

use std::path::Path;
use std::process::ExitCode;

use crate::export::{self, ExportError, Format, Options, SchoolYear, Source, Templates};
use crate::model::{Meeting, MeetingId};
use crate::store::{Store, StoreError};

/// What the command line asks for.
#[derive(Debug, Clone, Copy)]
pub struct Asked<'a> {
    /// The meeting named, if any.
    pub meeting: Option<&'a str>,
    /// The format.
    pub format: Format,
    /// Where to write (standard output if none).
    pub output: Option<&'a Path>,
    /// The public version.
    pub public: bool,
    /// The school year, for the year's report.
    pub year: Option<SchoolYear>,
}

/// Makes the document and writes it.
pub fn run(dir: &Path, asked: &Asked) -> super::Exit {
    let mut store = Store::open_read_only(dir, "export");
    let committee = store.load_committee().map_err(|e| e.to_string())?;
    let catalog = store.load_catalog().map_err(|e| e.to_string())?;
    let templates = Templates::load(dir).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        lines.join("\ncopilnum : ")
    })?;
    let named = asked
        .meeting
        .map(|name| store.find_meeting(name))
        .transpose()
        .map_err(|e| e.to_string())?;
    let meetings = readable_meetings(&mut store, named)?;
    let now = chrono::Local::now().fixed_offset();
    let source = Source {
        committee: &committee,
        catalog: &catalog,
        meetings: &meetings,
    };
    let options = Options {
        public: asked.public,
        now,
    };
    let (text, what) = match asked.year {
        Some(year) => (
            export::year_document(&source, &templates, year, asked.format, &options),
            format!("rapport de l'année {year}"),
        ),
        None => {
            let id = match named {
                Some(id) => id,
                None => export::default_meeting(&meetings, now.date_naive()).ok_or(format!(
                    "aucune réunion à exporter : préparez-en une avec copilnum ({} sur l'accueil)",
                    crate::app::keymap::key_for(
                        crate::app::keymap::Scope::Home,
                        crate::app::keymap::Command::New
                    )
                ))?,
            };
            (
                export::meeting_document(&source, &templates, id, asked.format, &options),
                describe(asked.format, id),
            )
        }
    };
    let text = text.map_err(|e: ExportError| e.to_string())?;
    match asked.output {
        Some(path) => {
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|e| {
                    StoreError::io(parent, "dossier impossible à créer", e).to_string()
                })?;
            }
            crate::store::write_atomic(path, text.as_bytes()).map_err(|e| e.to_string())?;
            crate::output::say(&format!("{what} écrit dans {}", path.display()));
        }
        None => {
            // A closed pipe ends quietly, a full disk says so: see `output`.
            let mut out = crate::output::stdout();
            out.text(&text)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Every meeting that reads; one that does not is skipped with a warning, unless it is the one
/// asked for.
fn readable_meetings(
    store: &mut Store,
    named: Option<MeetingId>,
) -> Result<Vec<(MeetingId, Meeting)>, String> {
    let mut meetings = Vec::new();
    for (id, meeting) in store.load_meetings().map_err(|e| e.to_string())? {
        match meeting {
            Ok(m) => meetings.push((id, m)),
            Err(e) if Some(id) == named => return Err(e.to_string()),
            Err(e) => crate::output::say(&format!(
                "{e} ; cette réunion est laissée de côté (copilnum check pour le détail)"
            )),
        }
    }
    Ok(meetings)
}

/// "compte-rendu de la réunion 2026-01-20", for the message naming the file written.
fn describe(format: Format, id: MeetingId) -> String {
    let what = match format {
        Format::Markdown | Format::Html => "compte-rendu",
        Format::Ics => "invitation",
        Format::Csv => "feuille d'émargement",
        Format::Emails => "liste de diffusion",
    };
    let capital: String = what
        .chars()
        .take(1)
        .flat_map(char::to_uppercase)
        .chain(what.chars().skip(1))
        .collect();
    format!("{capital} de la réunion {id}")
}
