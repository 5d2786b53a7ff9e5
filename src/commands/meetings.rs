//! `copilnum meetings`: the list of meetings with date, kind, attendance and objectives.

use std::path::Path;
use std::process::ExitCode;

use crate::fr;
use crate::output::{self, say};
use crate::store::Store;

/// Prints one line per meeting, oldest first; a meeting that does not read is flagged and
/// makes the exit code 1.
pub fn run(dir: &Path) -> super::Exit {
    let mut store = Store::open_read_only(dir, "liste des réunions");
    let committee = store.load_committee().map_err(|e| e.to_string())?;
    let meetings = store.load_meetings().map_err(|e| e.to_string())?;
    let today = chrono::Local::now().date_naive();
    let mut out = output::stdout();
    out.line(format_args!(
        "{} — {}",
        committee.name,
        fr::count(meetings.len(), "réunion", "réunions")
    ))?;
    if meetings.is_empty() {
        out.line("Aucune réunion pour l'instant.")?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    out.line("")?;
    out.line(format_args!(
        "{:<13} {:<30} {:<18} {:>8} {:>10}",
        "Réunion", "Date", "Type", "Présents", "Objectifs"
    ))?;
    let mut unreadable = 0;
    for (id, meeting) in &meetings {
        match meeting {
            Ok(m) => {
                let present = if m.attendance.is_empty() {
                    "—".to_string()
                } else {
                    m.attendance_count().to_string()
                };
                let upcoming = if m.date >= today && m.ended_at.is_none() {
                    "  à venir"
                } else {
                    ""
                };
                out.line(format_args!(
                    "{:<13} {:<30} {:<18} {:>8} {:>10}{upcoming}",
                    id.to_string(),
                    fr::date_long(m.date),
                    m.kind.label(),
                    present,
                    m.objectives.len()
                ))?;
            }
            Err(e) => {
                unreadable += 1;
                out.line(format_args!(
                    "{:<13} illisible — copilnum check pour le détail",
                    id.to_string()
                ))?;
                say(&e.to_string());
            }
        }
    }
    out.flush()?;
    Ok(if unreadable > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
