//! The agenda editor, before a meeting: points and sub-points added, removed, moved, made
//! sub-points or points again, their planned minutes, who presents them and their subjects
//! picked from the seed's lists; the agenda saved as the committee's template. Every change
//! goes into the open meeting at once, and is saved with it.

use std::path::PathBuf;

use super::dialogs::{Confirmation, Purpose};
use super::keymap::Command;
use super::{App, Effect, Level, Overlay, Screen, Status};
use crate::catalog::{AgendaTemplate, Catalog, Template};
use crate::model::agenda::{item_at, item_at_mut};
use crate::model::{AgendaItem, MeetingKind};

/// Where a point is: its index, then its sub-point's.
pub type Path = (usize, Option<usize>);

/// The agenda editor's state: which line is selected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AgendaEditor {
    /// The selected line (points and sub-points in order).
    pub selected: usize,
}

/// The subjects list of one agenda point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubjectPicker {
    /// The point.
    pub path: Path,
    /// The selected subject (in the catalogue's order, all dimensions together).
    pub selected: usize,
}

/// Every point and sub-point, in order: what the editor lists.
pub fn rows(agenda: &[AgendaItem]) -> Vec<Path> {
    let mut rows = Vec::new();
    for (i, item) in agenda.iter().enumerate() {
        rows.push((i, None));
        rows.extend((0..item.items.len()).map(|j| (i, Some(j))));
    }
    rows
}

/// Whether a point (or one of its sub-points) holds what was typed during a meeting.
fn holds_text(item: &AgendaItem) -> bool {
    !item.notes.trim().is_empty()
        || !item.decisions.is_empty()
        || item.spent_seconds > 0
        || item.items.iter().any(holds_text)
}

/// Inserts a point after `after` (at its level; at the end when none); returns its place.
pub fn insert_after(agenda: &mut Vec<AgendaItem>, after: Option<Path>, item: AgendaItem) -> Path {
    match after {
        Some((i, Some(j))) if i < agenda.len() && j < agenda[i].items.len() => {
            agenda[i].items.insert(j + 1, item);
            (i, Some(j + 1))
        }
        Some((i, _)) if i < agenda.len() => {
            agenda.insert(i + 1, item);
            (i + 1, None)
        }
        _ => {
            agenda.push(item);
            (agenda.len() - 1, None)
        }
    }
}

/// Removes a point (with its sub-points); refused when it holds notes, decisions or time.
pub fn remove(agenda: &mut Vec<AgendaItem>, path: Path) -> Result<AgendaItem, String> {
    let item = item_at(agenda, path).ok_or("aucun point à cet endroit")?;
    if holds_text(item) {
        return Err(format!(
            "« {} » contient des notes, des décisions ou du temps passé : il n'est pas supprimé",
            item.title
        ));
    }
    Ok(match path {
        (i, None) => agenda.remove(i),
        (i, Some(j)) => agenda[i].items.remove(j),
    })
}

/// Moves a point up or down among its neighbours (a sub-point among the sub-points of its
/// point); returns where it is now, or why it did not move.
pub fn move_by(agenda: &mut [AgendaItem], path: Path, up: bool) -> Result<Path, String> {
    let siblings = match path.1 {
        None => agenda.len(),
        Some(_) => agenda.get(path.0).map_or(0, |i| i.items.len()),
    };
    let at = path.1.unwrap_or(path.0);
    let to = if up { at.checked_sub(1) } else { Some(at + 1) };
    let Some(to) = to.filter(|to| *to < siblings) else {
        return Err(if up {
            "déjà le premier à ce niveau".into()
        } else {
            "déjà le dernier à ce niveau".into()
        });
    };
    match path.1 {
        None => {
            agenda.swap(at, to);
            Ok((to, None))
        }
        Some(_) => {
            agenda[path.0].items.swap(at, to);
            Ok((path.0, Some(to)))
        }
    }
}

/// Makes a point the last sub-point of the point above (one level only).
pub fn indent(agenda: &mut Vec<AgendaItem>, path: Path) -> Result<Path, String> {
    let (i, None) = path else {
        return Err("c'est déjà un sous-point (un seul niveau de sous-points)".into());
    };
    if i == 0 || i >= agenda.len() {
        return Err("le premier point ne peut pas devenir un sous-point".into());
    }
    if !agenda[i].items.is_empty() {
        return Err("ce point a des sous-points : il ne peut pas en devenir un".into());
    }
    let item = agenda.remove(i);
    let parent = &mut agenda[i - 1];
    parent.items.push(item);
    Ok((i - 1, Some(parent.items.len() - 1)))
}

/// Makes a sub-point a point of its own, right after its point.
pub fn outdent(agenda: &mut Vec<AgendaItem>, path: Path) -> Result<Path, String> {
    let (i, Some(j)) = path else {
        return Err("c'est déjà un point à part entière".into());
    };
    if i >= agenda.len() || j >= agenda[i].items.len() {
        return Err("aucun sous-point à cet endroit".into());
    }
    let item = agenda[i].items.remove(j);
    agenda.insert(i + 1, item);
    Ok((i + 1, None))
}

/// Puts a subject on a point, or takes it off; returns whether it is on now.
pub fn toggle_subject(agenda: &mut [AgendaItem], path: Path, subject: &str) -> Option<bool> {
    let item = item_at_mut(agenda, path)?;
    match item.subjects.iter().position(|s| s == subject) {
        Some(at) => {
            item.subjects.remove(at);
            Some(false)
        }
        None => {
            item.subjects.push(subject.to_string());
            Some(true)
        }
    }
}

/// The catalogue's subjects in order, every dimension together: what the picker lists.
pub fn subjects(catalog: &Catalog) -> Vec<(crate::model::Domain, &crate::catalog::SubjectEntry)> {
    catalog
        .subjects
        .iter()
        .flat_map(|g| g.subjects.iter().map(move |s| (g.domain, s)))
        .collect()
}

/// Which template an agenda is saved as: a committee's first meeting has its own, an
/// ordinary meeting the follow-up one, an extraordinary or restricted one its own.
pub fn template_for(first: bool, kind: &MeetingKind) -> Template {
    match kind {
        _ if first => Template::FirstMeeting,
        MeetingKind::Ordinary => Template::FollowUp,
        _ => Template::Extraordinary,
    }
}

/// The status line once the template is saved (the catalogue then holds it, for the next
/// meetings), or why it was not.
pub fn template_saved(
    catalog: &mut Catalog,
    result: Result<(Template, AgendaTemplate, PathBuf), String>,
) -> Status {
    match result {
        Ok((which, template, path)) => {
            *catalog.template_mut(which) = template;
            Status::new(
                Level::Success,
                format!(
                    "Modèle du comité enregistré dans {} : {} en partiront.",
                    path.display(),
                    match which {
                        Template::FirstMeeting => "les premières réunions",
                        Template::FollowUp => "les prochaines réunions ordinaires",
                        Template::Extraordinary =>
                            "les prochaines séances extraordinaires et comités restreints",
                    }
                ),
            )
        }
        Err(e) => Status::new(
            Level::Error,
            format!("Le modèle n'a pas pu être enregistré : {e}."),
        ),
    }
}

/// The selected point of the open meeting's agenda.
pub fn selected_path(app: &App) -> Option<Path> {
    let (Screen::Meeting(screen), Some(Overlay::Agenda(editor))) =
        (&app.screen, app.overlays.last())
    else {
        return None;
    };
    rows(&screen.meeting.agenda).get(editor.selected).copied()
}

/// Changes the open meeting's agenda; on success the selection follows the point, on
/// refusal the status line says why and nothing changed.
fn change(
    app: &mut App,
    what: impl FnOnce(&mut Vec<AgendaItem>) -> Result<Path, String>,
) -> Vec<Effect> {
    if !app.writable() {
        return Vec::new();
    }
    let now = app.clock.now;
    let Screen::Meeting(screen) = &mut app.screen else {
        return Vec::new();
    };
    match screen.edit_agenda(now, |agenda| {
        let before = agenda.clone();
        let result = what(agenda);
        if result.is_err() {
            *agenda = before;
        }
        result
    }) {
        Ok(path) => {
            let at = rows(&screen.meeting.agenda)
                .iter()
                .position(|p| *p == path)
                .unwrap_or(0);
            if let Some(Overlay::Agenda(editor)) = app.overlays.last_mut() {
                editor.selected = at;
            }
            app.touch_meeting();
            Vec::new()
        }
        Err(why) => {
            app.status = Status::new(Level::Warning, super::capitalised(&why) + ".");
            Vec::new()
        }
    }
}

/// A key in the agenda editor.
pub fn key(app: &mut App, command: Option<Command>) -> Vec<Effect> {
    let Screen::Meeting(screen) = &app.screen else {
        app.overlays.pop();
        return Vec::new();
    };
    let count = rows(&screen.meeting.agenda).len();
    let path = selected_path(app);
    let Some(Overlay::Agenda(editor)) = app.overlays.last_mut() else {
        return Vec::new();
    };
    if super::cursor::apply(&mut editor.selected, count, command) {
        return Vec::new();
    }
    match command {
        Some(Command::Close) => {
            app.overlays.pop();
            app.status = Status::new(Level::Info, "Ordre du jour enregistré avec la réunion.");
        }
        Some(Command::Activate) => {
            if let Some(path) = path {
                app.open_form(Purpose::AgendaPoint(path));
            }
        }
        Some(Command::New) => app.open_form(Purpose::NewAgendaPoint(path)),
        Some(Command::Delete) => {
            if let Some(path) = path
                && app.writable()
            {
                app.overlays
                    .push(Overlay::Confirm(Confirmation::DeleteAgendaPoint(path)));
            }
        }
        Some(Command::MoveUp | Command::MoveDown) => {
            let up = command == Some(Command::MoveUp);
            if let Some(path) = path {
                return change(app, |agenda| move_by(agenda, path, up));
            }
        }
        Some(Command::Indent) => {
            if let Some(path) = path {
                return change(app, |agenda| indent(agenda, path));
            }
        }
        Some(Command::Outdent) => {
            if let Some(path) = path {
                return change(app, |agenda| outdent(agenda, path));
            }
        }
        Some(Command::Subjects) => {
            if let Some(path) = path
                && app.writable()
            {
                app.overlays
                    .push(Overlay::Subjects(SubjectPicker { path, selected: 0 }));
            }
        }
        Some(Command::SaveTemplate) => return save_template(app),
        _ => {}
    }
    Vec::new()
}

/// Deletes a point after confirmation.
pub fn delete(app: &mut App, path: Path) -> Vec<Effect> {
    let effects = change(app, |agenda| {
        remove(agenda, path)?;
        Ok(match path {
            (i, Some(j)) => (i, j.checked_sub(1)),
            (i, None) => (i.saturating_sub(1), None),
        })
    });
    if let Screen::Meeting(screen) = &app.screen {
        let count = rows(&screen.meeting.agenda).len();
        if let Some(Overlay::Agenda(editor)) = app.overlays.last_mut() {
            super::cursor::clamp(&mut editor.selected, count);
        }
    }
    effects
}

/// A key in the subjects of a point: Espace puts the subject on the point or takes it off.
pub fn subjects_key(app: &mut App, command: Option<Command>) -> Vec<Effect> {
    let count = subjects(&app.session.catalog).len();
    let Some(Overlay::Subjects(picker)) = app.overlays.last_mut() else {
        return Vec::new();
    };
    if super::cursor::apply(&mut picker.selected, count, command) {
        return Vec::new();
    }
    match command {
        Some(Command::Close) => {
            app.overlays.pop();
        }
        Some(Command::Cycle) => {
            let (path, selected) = (picker.path, picker.selected);
            let Some(id) = subjects(&app.session.catalog)
                .get(selected)
                .map(|(_, s)| s.id.clone())
            else {
                return Vec::new();
            };
            if !app.writable() {
                return Vec::new();
            }
            let now = app.clock.now;
            if let Screen::Meeting(screen) = &mut app.screen
                && screen
                    .edit_agenda(now, |agenda| toggle_subject(agenda, path, &id))
                    .is_some()
            {
                app.touch_meeting();
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Asks for the open meeting's agenda to be saved as the committee's template.
fn save_template(app: &mut App) -> Vec<Effect> {
    if !app.writable() {
        return Vec::new();
    }
    let Screen::Meeting(screen) = &app.screen else {
        return Vec::new();
    };
    let first = app.session.meetings.iter().all(|m| m.id >= screen.id);
    let which = template_for(first, &screen.meeting.kind);
    let name = app.session.catalog.template(which).name.clone();
    let template = AgendaTemplate {
        name,
        items: screen.snapshot().agenda,
    };
    app.status = Status::new(Level::Info, "Enregistrement du modèle…");
    vec![Effect::SaveTemplate(which, Box::new(template))]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agenda() -> Vec<AgendaItem> {
        let mut state = AgendaItem::new("État des lieux", 0);
        state.items = vec![
            AgendaItem::new("Usages", 20),
            AgendaItem::new("Services", 15),
        ];
        vec![
            AgendaItem::new("Introduction", 10),
            state,
            AgendaItem::new("Axe", 25),
        ]
    }

    fn titles(agenda: &[AgendaItem]) -> Vec<String> {
        rows(agenda)
            .into_iter()
            .map(|p| {
                let item = item_at(agenda, p).unwrap();
                match p.1 {
                    None => item.title.clone(),
                    Some(_) => format!("  {}", item.title),
                }
            })
            .collect()
    }

    #[test]
    fn points_are_inserted_after_the_selection_at_its_level() {
        let mut a = agenda();
        assert_eq!(
            insert_after(&mut a, Some((1, Some(0))), AgendaItem::new("Robots", 5)),
            (1, Some(1))
        );
        assert_eq!(
            insert_after(&mut a, Some((0, None)), AgendaItem::new("Accueil", 5)),
            (1, None)
        );
        assert_eq!(
            insert_after(&mut a, None, AgendaItem::new("Fin", 5)),
            (4, None)
        );
        assert_eq!(
            titles(&a),
            [
                "Introduction",
                "Accueil",
                "État des lieux",
                "  Usages",
                "  Robots",
                "  Services",
                "Axe",
                "Fin"
            ]
        );
    }

    #[test]
    fn points_move_among_their_neighbours_and_say_when_they_cannot() {
        let mut a = agenda();
        assert_eq!(move_by(&mut a, (2, None), true), Ok((1, None)));
        assert_eq!(move_by(&mut a, (2, Some(0)), false), Ok((2, Some(1))));
        assert_eq!(
            titles(&a),
            [
                "Introduction",
                "Axe",
                "État des lieux",
                "  Services",
                "  Usages"
            ]
        );
        assert_eq!(
            move_by(&mut a, (0, None), true),
            Err("déjà le premier à ce niveau".into())
        );
        assert_eq!(
            move_by(&mut a, (2, Some(1)), false),
            Err("déjà le dernier à ce niveau".into())
        );
    }

    #[test]
    fn a_point_becomes_a_sub_point_and_back() {
        let mut a = agenda();
        assert_eq!(indent(&mut a, (2, None)), Ok((1, Some(2))));
        assert_eq!(
            titles(&a),
            [
                "Introduction",
                "État des lieux",
                "  Usages",
                "  Services",
                "  Axe"
            ]
        );
        assert_eq!(outdent(&mut a, (1, Some(0))), Ok((2, None)));
        assert_eq!(
            titles(&a),
            [
                "Introduction",
                "État des lieux",
                "  Services",
                "  Axe",
                "Usages"
            ]
        );
        assert!(indent(&mut a, (0, None)).is_err(), "nothing above");
        assert!(indent(&mut a, (1, Some(0))).is_err(), "one level only");
        assert!(
            indent(&mut agenda(), (1, None)).is_err(),
            "a point with sub-points stays a point"
        );
        assert!(outdent(&mut a, (0, None)).is_err());
    }

    #[test]
    fn a_point_with_notes_is_not_removed() {
        let mut a = agenda();
        a[1].items[1].notes = "Trois écoles sans ENT".into();
        let error = remove(&mut a, (1, None)).unwrap_err();
        assert!(
            error.contains("« État des lieux » contient des notes"),
            "{error}"
        );
        assert_eq!(rows(&a).len(), 5, "nothing removed");
        assert_eq!(remove(&mut a, (1, Some(0))).unwrap().title, "Usages");
        assert_eq!(remove(&mut a, (0, None)).unwrap().title, "Introduction");
        assert_eq!(titles(&a), ["État des lieux", "  Services", "Axe"]);
    }

    #[test]
    fn subjects_go_on_and_off_a_point() {
        let mut a = agenda();
        assert_eq!(toggle_subject(&mut a, (1, Some(1)), "rgpd"), Some(true));
        assert_eq!(a[1].items[1].subjects, ["rgpd"]);
        assert_eq!(toggle_subject(&mut a, (1, Some(1)), "rgpd"), Some(false));
        assert!(a[1].items[1].subjects.is_empty());
        assert_eq!(toggle_subject(&mut a, (9, None), "rgpd"), None);
    }

    #[test]
    fn each_kind_of_meeting_saves_its_own_template() {
        assert_eq!(
            template_for(true, &MeetingKind::Ordinary),
            Template::FirstMeeting
        );
        assert_eq!(
            template_for(false, &MeetingKind::Ordinary),
            Template::FollowUp
        );
        assert_eq!(
            template_for(false, &MeetingKind::Extraordinary),
            Template::Extraordinary
        );
        let restricted = MeetingKind::Restricted {
            dossier: "ENT".into(),
        };
        assert_eq!(template_for(false, &restricted), Template::Extraordinary);
    }
}
