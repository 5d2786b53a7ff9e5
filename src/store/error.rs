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
        "{} : aucun comité dans ce dossier (fichier comite.ron absent). Créez-le avec « copilnum init --dir DOSSIER --name … », ou lancez « copilnum --dir DOSSIER » pour être guidé.",
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

/// The French for an I/O error, for school staff rather than programmers; never the system's
/// English nor a bare « os error N ».
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
        K::CrossesDevices => "les deux emplacements sont sur des disques différents",
        K::StaleNetworkFileHandle | K::NetworkDown | K::NetworkUnreachable | K::HostUnreachable => {
            "partage réseau indisponible"
        }
        K::TimedOut => "délai dépassé",
        K::Unsupported => "opération non prise en charge par ce disque",
        K::OutOfMemory => "mémoire insuffisante",
        K::ExecutableFileBusy => "fichier en cours d'utilisation",
        K::TooManyLinks => "trop de liens",
        K::UnexpectedEof => "fin de fichier inattendue",
        K::BrokenPipe => "le programme qui lisait la sortie s'est arrêté",
        K::WriteZero => "écriture incomplète",
        K::NotSeekable => "fichier non navigable (un tube ?)",
        K::ArgumentListTooLong => "liste d'arguments trop longue",
        _ => {
            return match error.raw_os_error() {
                Some(code) => errno_french(code).map_or_else(
                    || format!("erreur inattendue du système (code {code})"),
                    str::to_string,
                ),
                None => "erreur de lecture ou d'écriture".to_string(),
            };
        }
    };
    text.to_string()
}

/// The French for system errors std does not name yet.
#[cfg(unix)]
fn errno_french(code: i32) -> Option<&'static str> {
    Some(match code {
        libc::ELOOP => "boucle de liens symboliques",
        libc::ENAMETOOLONG => "nom de fichier trop long",
        libc::EMFILE | libc::ENFILE => "trop de fichiers ouverts",
        libc::EIO => "erreur du disque ou du périphérique",
        libc::ENXIO | libc::ENODEV => "périphérique absent",
        libc::EOVERFLOW => "fichier trop gros pour ce système",
        libc::EBADF => "fichier fermé",
        libc::ENOLCK => "verrous épuisés sur ce disque",
        libc::EUCLEAN => "système de fichiers abîmé : faites vérifier le disque",
        libc::ENOTTY => "ce n'est pas un terminal",
        libc::EILSEQ => "nom de fichier mal encodé",
        libc::EHOSTDOWN => "partage réseau indisponible",
        libc::ENOBUFS => "mémoire insuffisante",
        _ => return None,
    })
}

#[cfg(not(unix))]
fn errno_french(_: i32) -> Option<&'static str> {
    None
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
    /// The error for a message that already says what failed (« Enregistrement impossible :
    /// … »): for a file or a folder, the system's reason and the path; else the whole message.
    pub fn reason(&self) -> String {
        match self {
            StoreError::Io { path, source, .. } => {
                format!("{} ({})", french_io(source), path.display())
            }
            other => other.to_string(),
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loop_of_symbolic_links_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::os::unix::fs::symlink(&a, &b).unwrap();
        std::os::unix::fs::symlink(&b, &a).unwrap();
        let error = std::fs::read(&a).unwrap_err();
        assert_eq!(french_io(&error), "boucle de liens symboliques");
        let message = StoreError::io(&a, "lecture impossible", error).to_string();
        assert_eq!(
            message,
            format!(
                "{}: lecture impossible (boucle de liens symboliques)",
                a.display()
            )
        );
    }

    #[test]
    fn no_system_error_is_left_in_english_or_as_a_bare_number() {
        let kinds = (1..=133).map(io::Error::from_raw_os_error);
        for error in kinds.chain([
            io::ErrorKind::BrokenPipe.into(),
            io::ErrorKind::Other.into(),
        ]) {
            let text = french_io(&error);
            assert!(
                !text.contains("os error") && !text.contains(&error.to_string()),
                "{error}: {text}"
            );
            assert!(
                !text.contains("impossible"),
                "« X impossible (… impossible) » would repeat itself: {text}"
            );
        }
    }

    #[test]
    fn the_reason_alone_leaves_the_saying_of_what_failed_to_its_caller() {
        let error = StoreError::io(
            "/c/reunions/2026-12-08.ron",
            "enregistrement impossible",
            io::ErrorKind::StorageFull.into(),
        );
        let status = format!("Enregistrement impossible : {}.", error.reason());
        assert_eq!(
            status,
            "Enregistrement impossible : disque plein (/c/reunions/2026-12-08.ron)."
        );
        let refused = StoreError::ReadOnly {
            reason: "ouvert ailleurs".into(),
        };
        assert_eq!(refused.reason(), refused.to_string());
    }

    #[test]
    fn the_folder_is_named_once() {
        let dir = PathBuf::from("/srv/copil-thonon");
        for error in [
            StoreError::NoCommittee { dir: dir.clone() },
            StoreError::ReadOnlyFolder {
                dir: dir.clone(),
                source: io::ErrorKind::ReadOnlyFilesystem.into(),
            },
            StoreError::NotEmpty {
                dir: dir.clone(),
                reason: "ce dossier contient déjà un comité",
            },
        ] {
            let message = error.to_string();
            assert_eq!(message.matches("/srv/copil-thonon").count(), 1, "{message}");
        }
    }
}
