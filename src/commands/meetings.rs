//! `copilnum meetings`: the list of meetings with date, kind, attendance and objectives.

use std::path::Path;
use std::process::ExitCode;

use crate::fr;
use crate::store::Store;

/// Prints one line per meeting, oldest first; a meeting that does not read is flagged and
/// makes the exit code 1.
pub fn run(dir: &Path) -> super::Exit {
    let mut store = Store::open_read_only(dir, "liste des réunions");
    let committee = store.load_committee().map_err(|e| e.to_string())?;
    let meetings = store.load_meetings().map_err(|e| e.to_string())?;
    let today = chrono::Local::now().date_naive();
    println!(
        "{} — {}",
        committee.name,
        fr::count(meetings.len(), "réunion", "réunions")
    );
    if meetings.is_empty() {
        println!("Aucune réunion pour l'instant.");
        return Ok(ExitCode::SUCCESS);
    }
    println!();
    println!(
        "{:<13} {:<30} {:<18} {:>8} {:>10}",
        "Réunion", "Date", "Type", "Présents", "Objectifs"
    );
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
                println!(
                    "{:<13} {:<30} {:<18} {:>8} {:>10}{upcoming}",
                    id.to_string(),
                    fr::date_long(m.date),
                    m.kind.label(),
                    present,
                    m.objectives.len()
                );
            }
            Err(e) => {
                unreadable += 1;
                println!(
                    "{:<13} illisible — copilnum check pour le détail",
                    id.to_string()
                );
                eprintln!("copilnum : {e}");
            }
        }
    }
    Ok(if unreadable > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
