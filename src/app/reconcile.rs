//! What the application does when a save met a file changed elsewhere: it takes the merged
//! version (rebased on what was typed while the save ran), and says so in a banner that stays
//! until it is acknowledged; the comparison of a kept copy with the current file.

use std::path::PathBuf;

use super::{App, Level, Screen, Status};
use crate::merge::{merge_committee, merge_meeting};
use crate::model::{Committee, Meeting, MeetingId, MemberId};
use crate::store::MergedSave;

/// A file changed elsewhere, merged or diverted: shown until acknowledged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The file, as the user finds it in the folder ("reunions/2026-01-20.ron").
    pub file: String,
    /// What happened, in French.
    pub text: String,
    /// The copies kept in `conflits/`, relative to the committee folder.
    pub copies: Vec<PathBuf>,
    /// The file could not be merged (it does not read): the saves go to the copy, and the
    /// file itself is not saved.
    pub diverted: bool,
}

/// A kept copy beside the file it is a copy of, for the comparison view: the lines that
/// differ, with a few lines around them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// The current file, relative to the committee folder.
    pub file: String,
    /// The copy, relative to the committee folder.
    pub copy: String,
    /// The rows to show, side by side.
    pub rows: Vec<Row>,
    /// How many places differ.
    pub differences: usize,
}

/// One row of a comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// The same line on both sides.
    Same(String),
    /// Lines that differ: the current file's, the copy's (`None`: no line there).
    Differ(Option<String>, Option<String>),
    /// Identical lines left out.
    Gap,
}

/// The comparison of a copy with the current file (lines that differ, three around each).
pub fn compare(file: String, current: &str, copy: String, copied: &str) -> Comparison {
    use similar::{DiffOp, TextDiff};
    let diff = TextDiff::from_lines(current, copied);
    let lines = |text: &str| -> Vec<String> {
        text.split_inclusive('\n')
            .map(|l| l.trim_end_matches(['\n', '\r']).to_string())
            .collect()
    };
    let (old, new) = (lines(current), lines(copied));
    let groups = diff.grouped_ops(3);
    let mut rows = Vec::new();
    let mut differences = 0;
    for (g, group) in groups.iter().enumerate() {
        if g > 0 || group.first().is_some_and(|op| op.old_range().start > 0) {
            rows.push(Row::Gap);
        }
        for op in group {
            match *op {
                DiffOp::Equal { old_index, len, .. } => {
                    rows.extend(
                        old[old_index..old_index + len]
                            .iter()
                            .cloned()
                            .map(Row::Same),
                    );
                }
                _ => {
                    differences += 1;
                    let (o, n) = (op.old_range(), op.new_range());
                    for i in 0..o.len().max(n.len()) {
                        rows.push(Row::Differ(
                            old.get(o.start + i).filter(|_| i < o.len()).cloned(),
                            new.get(n.start + i).filter(|_| i < n.len()).cloned(),
                        ));
                    }
                }
            }
        }
    }
    if groups
        .last()
        .and_then(|g| g.last())
        .is_some_and(|op| op.old_range().end < old.len())
    {
        rows.push(Row::Gap);
    }
    Comparison {
        file,
        copy,
        rows,
        differences,
    }
}

/// The committee was merged on saving: take the merge, with what changed here since.
pub fn committee_merged(app: &mut App, sent: Option<Committee>, saved: MergedSave<Committee>) {
    let current = &app.session.committee;
    let rebased = match sent {
        Some(sent) if sent != *current => merge_committee(&sent, current, &saved.value).value,
        _ => saved.value.clone(),
    };
    if rebased != saved.value {
        app.touch_committee();
    }
    app.session.committee = rebased;
    notice(
        app,
        "comite.ron".into(),
        &saved.report.sentence(),
        saved.copies,
    );
}

/// A meeting was merged on saving: the open screen takes the merge, with what was typed
/// since; the returned meeting is the one to show in lists.
pub fn meeting_merged(
    app: &mut App,
    id: MeetingId,
    sent: &Meeting,
    saved: MergedSave<Meeting>,
) -> Meeting {
    let now = app.clock.now;
    let rebased = if let Screen::Meeting(screen) = &mut app.screen
        && screen.id == id
    {
        screen.flush(now);
        let current = screen.meeting.clone();
        let rebased = if current == *sent {
            saved.value.clone()
        } else {
            rebased(app, sent, &current, &saved.value)
        };
        let Screen::Meeting(screen) = &mut app.screen else {
            unreachable!("checked above");
        };
        screen.adopt(rebased.clone());
        Some(rebased)
    } else {
        None
    };
    if rebased.as_ref().is_some_and(|r| *r != saved.value) {
        app.touch_meeting();
    }
    notice(
        app,
        format!("reunions/{id}.ron"),
        &saved.report.sentence(),
        saved.copies,
    );
    rebased.unwrap_or(saved.value)
}

/// What changed in `since` after `sent` was sent to be saved, on `merged`, what that save
/// made of it with the file changed elsewhere.
pub fn rebased(app: &App, sent: &Meeting, since: &Meeting, merged: &Meeting) -> Meeting {
    let name = |m: MemberId| {
        app.session
            .committee
            .member(m)
            .map_or_else(|| format!("membre n° {}", m.0), |x| x.name.clone())
    };
    merge_meeting(sent, since, merged, &name).value
}

/// A file changed elsewhere does not read: the save went to a copy.
pub fn diverted(app: &mut App, file: String, copy: PathBuf, reason: &str) {
    let text = format!(
        "Le fichier est laissé tel quel et vos changements y seront enregistrés dès qu'il sera réparé ; en attendant, ils sont dans la copie. Erreur : {reason}"
    );
    if let Some(existing) = app
        .notices
        .iter_mut()
        .find(|n| n.diverted && n.file == file)
    {
        existing.text = text;
        existing.copies = vec![copy];
        return;
    }
    app.notices.push(Notice {
        file,
        text,
        copies: vec![copy],
        diverted: true,
    });
}

fn notice(app: &mut App, file: String, what: &str, copies: Vec<PathBuf>) {
    // A file that merges again while its banner shows: one banner, all its copies.
    app.notices.retain(|n| !(n.diverted && n.file == file));
    let what = super::capitalised(what);
    if let Some(existing) = app.notices.iter_mut().find(|n| n.file == file) {
        existing.text = format!("{} Puis : {what}.", existing.text);
        existing.copies.extend(copies);
        return;
    }
    app.notices.push(Notice {
        file,
        text: format!("{what}."),
        copies,
        diverted: false,
    });
}

/// Acknowledges the oldest notice; says so.
pub fn acknowledge(app: &mut App) {
    if app.notices.is_empty() {
        app.status = Status::new(Level::Info, "Aucun message de fusion à lire.");
        return;
    }
    let notice = app.notices.remove(0);
    let rest = app.notices.len();
    app.status = Status::new(
        Level::Info,
        if rest == 0 {
            format!("Message sur {} lu.", notice.file)
        } else {
            format!("Message sur {} lu ; {rest} autre(s) à lire.", notice.file)
        },
    );
}
