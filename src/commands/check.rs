//! `copilnum check`: validates every file of a committee folder and prints each problem as
//! `file:line:col: message`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::catalog::{self, Catalog};
use crate::codec;
use crate::export::{self, Templates};
use crate::fr;
use crate::model::{Committee, Meeting, MeetingId};
use crate::output::{self, Out, OutputError, say};
use crate::store::{Store, StoreError};
use crate::validate::{self, Problem};

/// Reads and validates the catalogue overrides, the committee and every meeting.
pub fn run(dir: &Path) -> super::Exit {
    let mut store = Store::open_read_only(dir, "vérification");
    let mut report = Report::new(output::stdout());
    let committee = match store.load_committee() {
        Ok(c) => Some(c),
        Err(e @ (StoreError::NoCommittee { .. } | StoreError::Io { .. })) => {
            return Err(e.to_string().into());
        }
        Err(e) => {
            report.line(e.to_string())?;
            None
        }
    };
    let catalog = check_catalog(&store, &mut report)?;
    let templates = check_templates(dir, &mut report)?;
    let content = committee.as_ref().zip(catalog.as_ref());
    if let Some((c, catalog)) = content {
        report.problems(&store.layout().committee(), validate::committee(c, catalog))?;
    }
    let meetings = check_meetings(&mut store, content, &mut report)?;
    for stray in store.stray_files().map_err(|e| e.to_string())? {
        report.line(format!("{}:1:1: fichier ignoré : son nom n'est pas celui d'une réunion (AAAA-MM-JJ.ron ou AAAA-MM-JJ-2.ron)", stray.display()))?;
    }
    check_leftovers(&store, &mut report)?;
    report.out.flush()?;
    if report.count > 0 {
        // The count goes to standard error, without the « copilnum : » of an error.
        let _ = writeln!(
            std::io::stderr(),
            "{}.",
            fr::count(report.count, "problème trouvé", "problèmes trouvés")
        );
        return Ok(ExitCode::FAILURE);
    }
    let overrides = catalog::FILES
        .iter()
        .filter(|f| store.layout().catalog(f.path).exists())
        .count();
    let mut checked = vec![
        "le comité".to_string(),
        fr::count(meetings, "réunion", "réunions"),
    ];
    if overrides > 0 {
        checked.push(format!(
            "{} du catalogue",
            fr::count(overrides, "fichier", "fichiers")
        ));
    }
    if templates > 0 {
        checked.push(format!(
            "{} d'export",
            fr::count(templates, "modèle", "modèles")
        ));
    }
    let last = checked.pop().unwrap_or_default();
    report.out.line(format_args!(
        "Tout est en ordre : {} et {last}.",
        checked.join(", ")
    ))?;
    report.out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// What a file changed elsewhere or an interrupted session left: copies in `conflits/` to
/// compare and remove, a journal not yet replayed, temporary files.
fn check_leftovers(store: &Store, report: &mut Report) -> Result<(), OutputError> {
    let layout = store.layout();
    for (copy, original) in store.conflict_copies() {
        let of = match original {
            Some(original) => format!(" de {}", layout.display(&original).display()),
            None => String::new(),
        };
        report.line(format!(
            "{}:1:1: copie{of} gardée quand le fichier a été modifié ailleurs : comparez-la au fichier actuel ({} dans copilnum), puis supprimez-la",
            copy.display(),
            crate::app::keymap::key_for(crate::app::keymap::Scope::Everywhere, crate::app::keymap::Command::Compare)
        ))?;
    }
    let journal = layout.root().join(crate::store::journal::JOURNAL_FILE);
    if journal.exists() {
        report.line(format!(
            "{}:1:1: modifications d'une session interrompue, pas encore remises dans les fichiers : ouvrez le comité avec copilnum pour les reprendre",
            journal.display()
        ))?;
    }
    for temporary in store.temporaries() {
        report.line(format!(
            "{}:1:1: fichier temporaire laissé par un arrêt brutal : copilnum le supprimera à la prochaine ouverture",
            temporary.display()
        ))?;
    }
    Ok(())
}

/// Checks the export templates the folder overrides: each must compile, then render on the
/// sample committee (full and public versions). Returns how many overrides there are.
fn check_templates(dir: &Path, report: &mut Report) -> Result<usize, OutputError> {
    let overrides = Templates::overrides(dir);
    if overrides.is_empty() {
        return Ok(0);
    }
    let problems = match Templates::load(dir) {
        Ok(templates) => export::rehearse(&templates, chrono::Local::now().fixed_offset()),
        Err(errors) => errors,
    };
    for problem in problems {
        report.line(problem.to_string())?;
    }
    Ok(overrides.len())
}

/// The catalogue, after reporting its problems; `None` if a file of it does not read (the
/// content checks that need it are then skipped, rather than reported against the wrong list).
fn check_catalog(store: &Store, report: &mut Report) -> Result<Option<Catalog>, OutputError> {
    Ok(match store.load_catalog() {
        Ok(catalog) => {
            for (file, problem) in catalog.problems() {
                report.line(format!(
                    "{}:1:1: {problem}",
                    store.layout().catalog(file).display()
                ))?;
            }
            Some(catalog)
        }
        Err(StoreError::Catalog(errors)) => {
            for error in errors {
                report.line(error.to_string())?;
            }
            say(
                "catalogue illisible : le contenu des réunions n'est vérifié qu'une fois le catalogue corrigé.",
            );
            None
        }
        Err(e) => {
            report.line(e.to_string())?;
            None
        }
    })
}

/// Reads every meeting and validates it; returns how many read. The checks across meetings
/// run only when every meeting read, so that a broken file does not make healthy ones look
/// wrong.
fn check_meetings(
    store: &mut Store,
    content: Option<(&Committee, &Catalog)>,
    report: &mut Report,
) -> Result<usize, super::Failure> {
    let mut readable: Vec<(MeetingId, Meeting)> = Vec::new();
    let mut unreadable = 0;
    for (id, meeting) in store.load_meetings().map_err(|e| e.to_string())? {
        match meeting {
            Ok(m) => {
                if let Some((c, catalog)) = content {
                    report.problems(
                        &store.layout().meeting(id),
                        validate::meeting(&m, c, catalog),
                    )?;
                }
                readable.push((id, m));
            }
            Err(e) => {
                unreadable += 1;
                report.line(e.to_string())?;
            }
        }
    }
    if unreadable == 0 {
        let refs: Vec<(MeetingId, &Meeting)> = readable.iter().map(|(id, m)| (*id, m)).collect();
        for (id, problem) in validate::across_meetings(&refs) {
            report.problems(&store.layout().meeting(id), vec![problem])?;
        }
    } else {
        say(
            "une réunion est illisible : les renvois entre réunions (objectifs évalués, reportés) seront vérifiés une fois corrigée.",
        );
    }
    Ok(readable.len())
}

/// The problems found, printed as they are found, and counted.
struct Report {
    out: Out,
    count: usize,
}

impl Report {
    fn new(out: Out) -> Report {
        Report { out, count: 0 }
    }

    fn line(&mut self, line: String) -> Result<(), OutputError> {
        self.count += 1;
        self.out.line(line)
    }

    fn problems(&mut self, path: &Path, problems: Vec<Problem>) -> Result<(), OutputError> {
        if problems.is_empty() {
            return Ok(());
        }
        let text = std::fs::read_to_string(path).unwrap_or_default();
        for problem in problems {
            let place = problem
                .anchor
                .as_deref()
                .and_then(|a| codec::locate(&text, a, problem.nth));
            let (line, col) = place.unwrap_or((1, 1));
            self.line(format!(
                "{}:{line}:{col}: {}",
                path.display(),
                problem.message
            ))?;
        }
        Ok(())
    }
}
