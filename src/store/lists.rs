//! The committee's own lists: a built-in catalogue or agenda template written into the
//! committee folder to be adapted there (`copilnum modele`), and an agenda saved as the
//! committee's template (the agenda editor). Either then overrides the built-in file, and
//! `copilnum check` checks it.

use std::fmt;
use std::path::{Path, PathBuf};

use super::files::{self, Replaced};
use super::layout::BACKUPS_DIR;
use super::{Layout, StoreError};
use crate::catalog::{AgendaTemplate, CatalogFile, Template};
use crate::codec;

/// How many earlier versions of a saved template are kept in `sauvegardes/`.
const TEMPLATE_BACKUPS: usize = 5;

/// Why a list could not be written.
#[derive(Debug)]
pub enum ListError {
    /// The committee folder already has its own version of that file: it is left as it is.
    Exists(PathBuf),
    /// An agenda without any point cannot be a template.
    EmptyAgenda,
    /// The folder or the file could not be written.
    Store(StoreError),
}

impl fmt::Display for ListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ListError::Exists(path) => write!(
                f,
                "{} existe déjà : modifiez-le, ou effacez-le pour repartir de la version intégrée",
                path.display()
            ),
            ListError::EmptyAgenda => {
                f.write_str("un ordre du jour sans aucun point ne peut pas servir de modèle")
            }
            ListError::Store(e) => e.fmt(f),
        }
    }
}

impl From<StoreError> for ListError {
    fn from(error: StoreError) -> ListError {
        ListError::Store(error)
    }
}

/// Writes the built-in version of a catalogue file into the committee folder `dir`, under the
/// same path (`catalogues/roles.ron`…), ready to edit; returns its path. A file already there
/// is never replaced, even one created at the same moment by someone else.
pub fn write_builtin(dir: &Path, file: &CatalogFile) -> Result<PathBuf, ListError> {
    let path = Layout::new(dir).catalog(file.path);
    if path.exists() {
        return Err(ListError::Exists(path));
    }
    if let Some(parent) = path.parent() {
        files::ensure_dir(parent)?;
    }
    match files::replace(&path, file.builtin.as_bytes(), None)? {
        Replaced::Done(_) => Ok(path),
        Replaced::Raced { .. } => Err(ListError::Exists(path)),
    }
}

/// The text of an agenda template file, as copilnum writes it.
pub fn template_text(template: &AgendaTemplate) -> String {
    codec::to_text(
        template,
        &[
            "Ordre du jour type du comité, enregistré par copilnum : il remplace celui qui est intégré.",
            "Modifiable à la main ; « copilnum check » vérifie ensuite le dossier.",
        ],
    )
}

/// Saves `template` as the committee's own agenda template (`which`: the first meeting's or
/// the follow-up one) in the committee folder `dir`, the notes, decisions and time spent of
/// its points removed; returns the file's path. The version it replaces is kept in
/// `sauvegardes/` (`modele-NOM.1.ron` the latest), even one written elsewhere meanwhile.
pub fn save_template(
    dir: &Path,
    which: Template,
    template: &AgendaTemplate,
) -> Result<PathBuf, ListError> {
    if template.items.is_empty() {
        return Err(ListError::EmptyAgenda);
    }
    let blank = AgendaTemplate {
        name: template.name.trim().to_string(),
        items: template.items.iter().map(|i| i.blank()).collect(),
    };
    let text = template_text(&blank);
    let file = which.file();
    let path = Layout::new(dir).catalog(file.path);
    if let Some(parent) = path.parent() {
        files::ensure_dir(parent)?;
    }
    let mut expected = files::read_if_exists(&path)?;
    loop {
        match files::replace(&path, text.as_bytes(), expected.as_deref())? {
            Replaced::Done(previous) => {
                if let Some(previous) = previous {
                    let backups = Layout::new(dir).root().join(BACKUPS_DIR);
                    let stem = format!("modele-{}", file.name);
                    files::keep_backup(previous, &backups, &stem, TEMPLATE_BACKUPS)?;
                }
                return Ok(path);
            }
            // Someone wrote the file meanwhile: theirs becomes the version replaced.
            Replaced::Raced { on_disk, .. } => expected = Some(on_disk),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{self, Catalog};
    use crate::model::AgendaItem;

    fn committee_dir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    #[test]
    fn a_builtin_file_is_written_once_and_never_over_the_committee_s_own() {
        let dir = committee_dir();
        let roles = catalog::file_named("roles").unwrap();
        let path = write_builtin(dir.path(), roles).unwrap();
        assert_eq!(path, dir.path().join("catalogues/roles.ron"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), roles.builtin);
        std::fs::write(&path, "// adapté").unwrap();
        let error = write_builtin(dir.path(), roles).unwrap_err();
        assert!(matches!(error, ListError::Exists(_)));
        assert!(error.to_string().ends_with(
            "catalogues/roles.ron existe déjà : modifiez-le, ou effacez-le pour repartir de la version intégrée"
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "// adapté");
    }

    #[test]
    fn a_saved_agenda_becomes_the_template_and_the_previous_one_a_backup() {
        let dir = committee_dir();
        let builtin = Catalog::builtin().follow_up_agenda;
        write_builtin(dir.path(), Template::FollowUp.file()).unwrap();
        let mut mine = builtin.clone();
        mine.name = " Réunion de suivi de Thonon ".into();
        let mut point = AgendaItem::new("Point sur le réseau", 15);
        point.notes = "Notes de séance".into();
        mine.items.push(point);
        let path = save_template(dir.path(), Template::FollowUp, &mine).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let saved: AgendaTemplate = codec::parse(&path, &text).unwrap();
        assert_eq!(saved.name, "Réunion de suivi de Thonon");
        assert_eq!(saved.items.len(), builtin.items.len() + 1);
        assert_eq!(
            saved.items.last().unwrap().notes,
            "",
            "a template holds no notes"
        );
        let backup = dir.path().join("sauvegardes/modele-reunion-de-suivi.1.ron");
        assert_eq!(
            std::fs::read_to_string(backup).unwrap(),
            Template::FollowUp.file().builtin
        );
        // The folder's catalogue now reads it.
        let store = crate::store::Store::open_read_only(dir.path(), "t");
        let catalog = store.load_catalog().unwrap();
        assert_eq!(catalog.follow_up_agenda, saved);
    }

    #[test]
    fn an_empty_agenda_is_refused_and_nothing_is_written() {
        let dir = committee_dir();
        let empty = AgendaTemplate {
            name: "Vide".into(),
            items: vec![],
        };
        let error = save_template(dir.path(), Template::FirstMeeting, &empty).unwrap_err();
        assert_eq!(
            error.to_string(),
            "un ordre du jour sans aucun point ne peut pas servir de modèle"
        );
        assert!(!dir.path().join("modeles").exists());
    }
}
