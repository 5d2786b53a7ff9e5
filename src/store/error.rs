//! What can go wrong reading or writing a committee, each case with its French message.

use std::io;
use std::path::PathBuf;

use crate::codec::ParseError;

/// A failure of the store. Whatever the case, the files on disk are left as they were.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file or folder could not be read or written.
    #[error("{}: {} ({})", path.display(), action, french_io(source))]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What was being done, in French ("lecture impossible").
        action: &'static str,
        /// The system's error.
        source: io::Error,
    },
    /// A file does not parse.
    #[error("{0}")]
    Parse(#[from] ParseError),
    /// Catalogue files of the folder that do not parse, each with its place.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Catalog(Vec<ParseError>),
    /// A file written by a newer copilnum.
    #[error(
        "{}:{}:{}: ce fichier est au format {found}, plus récent que celui que cette version de copilnum sait lire ({supported}). Mettez copilnum à jour ; le fichier n'a pas été modifié.",
        path.display(), at.0, at.1
    )]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Line and column of its version.
        at: (usize, usize),
        /// Its version.
        found: u32,
        /// Ours.
        supported: u32,
    },
    /// A file whose version is not one copilnum ever wrote.
    #[error("{}:{}:{}: version de format {found} inconnue (versions connues : 1 à {supported})", path.display(), at.0, at.1)]
    UnknownVersion {
        /// The file.
        path: PathBuf,
        /// Line and column of its version.
        at: (usize, usize),
        /// Its version.
        found: u32,
        /// Ours.
        supported: u32,
    },
    /// The folder holds no committee.
    #[error(
        "{} : aucun comité dans ce dossier (fichier comite.ron absent). Créez-le avec « copilnum init --dir {} --name … » ou ouvrez « copilnum » pour être guidé.",
        dir.display(),
        dir.display()
    )]
    NoCommittee {
        /// The folder.
        dir: PathBuf,
    },
    /// `init` or `sample` on a folder that already holds a committee or other files.
    #[error("{} : {reason} ; rien n'a été modifié.", dir.display())]
    NotEmpty {
        /// The folder.
        dir: PathBuf,
        /// Why it cannot be used, in French.
        reason: &'static str,
    },
    /// Another copilnum is editing this committee.
    #[error(
        "{}. Il est ouvert ici en lecture seule : fermez l'autre copie pour modifier.",
        locked_by(holder)
    )]
    Locked {
        /// What the other process wrote in the lock file.
        holder: Option<String>,
    },
    /// A folder where nothing can be written (no permission, a read-only disk): it can only
    /// be read.
    #[error("{} : {} ; il n'est ouvert qu'en lecture", dir.display(), unwritable_reason(source))]
    ReadOnlyFolder {
        /// The folder.
        dir: PathBuf,
        /// The system's refusal.
        source: io::Error,
    },
    /// A write was attempted through a read-only store.
    #[error("ouvert en lecture seule : rien n'est enregistré ({reason})")]
    ReadOnly {
        /// Why the store is read-only, in French.
        reason: String,
    },
    /// A meeting whose date cannot name a file (years outside 0000–9999).
    #[error(
        "date de réunion {date} hors limites : l'année doit avoir quatre chiffres ; rien n'a été enregistré"
    )]
    DateOutOfRange {
        /// The date, as chrono writes it.
        date: String,
    },
    /// No meeting has that name.
    #[error("réunion « {id} » introuvable ; réunions du comité : {known}")]
    UnknownMeeting {
        /// The name asked for.
        id: String,
        /// The names there are.
        known: String,
    },
}

/// The French for an I/O error, for school staff rather than programmers.
pub fn french_io(error: &io::Error) -> String {
    use io::ErrorKind as K;
    let text = match error.kind() {
        K::NotFound => "fichier ou dossier introuvable",
        K::PermissionDenied => "permission refusée",
        K::AlreadyExists => "existe déjà",
        K::StorageFull => "disque plein",
        K::ReadOnlyFilesystem => "disque en lecture seule",
        K::IsADirectory => "c'est un dossier, pas un fichier",
        K::NotADirectory => "ce n'est pas un dossier",
        K::DirectoryNotEmpty => "dossier non vide",
        K::QuotaExceeded => "quota disque dépassé",
        K::FileTooLarge => "fichier trop gros",
        K::InvalidData => "données illisibles",
        K::Interrupted => "opération interrompue",
        K::WouldBlock | K::ResourceBusy => "ressource occupée",
        K::InvalidInput | K::InvalidFilename => "nom de fichier ou de dossier invalide",
        K::CrossesDevices => "déplacement impossible d'un disque à un autre",
        K::StaleNetworkFileHandle | K::NetworkDown | K::NetworkUnreachable | K::HostUnreachable => {
            "partage réseau indisponible"
        }
        K::TimedOut => "délai dépassé",
        K::Unsupported => "opération non prise en charge par ce disque",
        K::OutOfMemory => "mémoire insuffisante",
        K::ExecutableFileBusy => "fichier en cours d'utilisation",
        K::TooManyLinks => "trop de liens",
        K::UnexpectedEof => "fin de fichier inattendue",
        _ => {
            return match error.raw_os_error() {
                Some(code) => format!("erreur système n° {code}"),
                None => "erreur d'entrée-sortie".to_string(),
            };
        }
    };
    text.to_string()
}

/// Who edits the committee, in French.
fn locked_by(holder: &Option<String>) -> String {
    format!(
        "ce comité est déjà ouvert en modification par un autre copilnum{}",
        holder
            .as_ref()
            .map(|h| format!(" ({h})"))
            .unwrap_or_default()
    )
}

/// Why nothing can be written in a folder, in French.
fn unwritable_reason(error: &io::Error) -> &'static str {
    match error.kind() {
        io::ErrorKind::ReadOnlyFilesystem => "ce dossier est sur un disque en lecture seule",
        _ => "vous n'avez pas le droit d'écrire dans ce dossier",
    }
}

impl StoreError {
    /// Why a folder is to be opened read-only, in French, for the status line: another
    /// copilnum edits it, or nothing can be written in it. `None` for other errors.
    pub fn read_only_reason(&self) -> Option<String> {
        match self {
            StoreError::Locked { holder } => Some(locked_by(holder)),
            StoreError::ReadOnlyFolder { source, .. } => {
                Some(unwritable_reason(source).to_string())
            }
            _ => None,
        }
    }

    /// An I/O error with its file and what was being done.
    pub fn io(path: impl Into<PathBuf>, action: &'static str, source: io::Error) -> StoreError {
        StoreError::Io {
            path: path.into(),
            action,
            source,
        }
    }
}
