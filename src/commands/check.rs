//! `copilnum check`: validates every file of a committee folder and prints each problem as
//! `file:line:col: message`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::catalog::{self, Catalog};
use crate::fr;
use crate::model::validate::{self, Problem};
use crate::model::{Meeting, MeetingId};
use crate::store::{Store, StoreError};

/// Reads and validates the catalogue overrides, the committee and every meeting.
pub fn run(dir: &Path) -> super::Outcome {
    let mut store = Store::open_read_only(dir, "vérification");
    if !store.has_committee() {
        return Err(StoreError::NoCommittee {
            dir: dir.to_path_buf(),
        }
        .to_string());
    }
    let mut report = Report::default();
    let catalog = match store.load_catalog() {
        Ok(catalog) => {
            let path = store.layout().root().join("catalogues");
            for problem in catalog.problems() {
                report.line(format!("{}:1:1: {problem}", path.display()));
            }
            catalog
        }
        Err(e) => {
            report.line(e.to_string());
            Catalog::builtin()
        }
    };
    let committee = match store.load_committee() {
        Ok(c) => {
            report.problems(
                &store.layout().committee(),
                validate::committee(&c, &catalog),
            );
            Some(c)
        }
        Err(e) => {
            report.line(e.to_string());
            None
        }
    };
    let mut readable: Vec<(MeetingId, Meeting)> = Vec::new();
    for (id, meeting) in store.load_meetings().map_err(|e| e.to_string())? {
        match meeting {
            Ok(m) => {
                if let Some(c) = &committee {
                    report.problems(
                        &store.layout().meeting(id),
                        validate::meeting(&m, c, &catalog),
                    );
                }
                readable.push((id, m));
            }
            Err(e) => report.line(e.to_string()),
        }
    }
    let refs: Vec<(MeetingId, &Meeting)> = readable.iter().map(|(id, m)| (*id, m)).collect();
    for (id, problem) in validate::across_meetings(&refs) {
        report.problems(&store.layout().meeting(id), vec![problem]);
    }
    if report.count > 0 {
        eprintln!(
            "{}.",
            fr::count(report.count, "problème trouvé", "problèmes trouvés")
        );
        return Ok(ExitCode::FAILURE);
    }
    let overrides = catalog::FILES
        .iter()
        .filter(|f| store.layout().catalog(f.path).exists())
        .count();
    println!(
        "Tout est en ordre : le comité, {}{}.",
        fr::count(readable.len(), "réunion", "réunions"),
        match overrides {
            0 => String::new(),
            n => format!(" et {} du catalogue", fr::count(n, "fichier", "fichiers")),
        }
    );
    Ok(ExitCode::SUCCESS)
}

#[derive(Default)]
struct Report {
    count: usize,
}

impl Report {
    fn line(&mut self, line: String) {
        self.count += 1;
        println!("{line}");
    }

    fn problems(&mut self, path: &Path, problems: Vec<Problem>) {
        if problems.is_empty() {
            return;
        }
        let text = std::fs::read_to_string(path).unwrap_or_default();
        for problem in problems {
            let (line, col) = problem
                .anchor
                .as_deref()
                .and_then(|a| locate(&text, a))
                .unwrap_or((1, 1));
            self.line(format!(
                "{}:{line}:{col}: {}",
                PathBuf::from(path).display(),
                problem.message
            ));
        }
    }
}

/// Line and column (from 1) of the first occurrence of `anchor` in `text`.
fn locate(text: &str, anchor: &str) -> Option<(usize, usize)> {
    let at = text.find(anchor)?;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Some((line, col))
}

#[cfg(test)]
mod tests {
    #[test]
    fn locate_counts_lines_and_characters_from_one() {
        assert_eq!(super::locate("a\nbé c", "c"), Some((2, 4)));
        assert_eq!(super::locate("abc", "z"), None);
    }
}
