//! The commands of the command line, each in its module; here, the choice of the committee
//! folder and the dispatch. A command returns its exit code, or a French message for stderr.

mod check;
mod demo;
mod init;
mod meetings;
mod sample;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{Cli, Command};

/// What a command gives back: its exit code, or the French message of its failure.
pub type Exit = Result<ExitCode, String>;

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Exit {
    match cli.command {
        Some(Command::Sample {
            target,
            large,
            huge,
        }) => {
            let target = target
                .or(cli.dir)
                .ok_or("il manque le dossier où écrire l'exemple : copilnum sample DOSSIER")?;
            let size = match (large, huge) {
                (_, true) => sample::Size::Huge,
                (true, _) => sample::Size::Large,
                _ => sample::Size::Sample,
            };
            sample::run(&target, size)
        }
        Some(Command::Init {
            name,
            scale,
            territory,
            pilot,
        }) => init::run(&committee_dir(cli.dir)?, &name, &scale, &territory, &pilot),
        Some(Command::Meetings) => meetings::run(&committee_dir(cli.dir)?),
        Some(Command::Check) => check::run(&committee_dir(cli.dir)?),
        Some(Command::Demo) => demo::run(),
        Some(Command::Present { meeting }) => {
            crate::present::run::run(&committee_dir(cli.dir)?, meeting.as_deref())
        }
        None => crate::tui::run(&committee_dir(cli.dir)?),
    }
}

/// The committee folder: `--dir`, else `COPILNUM_DIR` (both through clap), else the user's
/// data folder.
pub fn committee_dir(dir: Option<PathBuf>) -> Result<PathBuf, String> {
    if let Some(dir) = dir {
        return Ok(dir);
    }
    directories::ProjectDirs::from("fr", "", "copilnum")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or_else(|| "dossier de données de l'utilisateur introuvable : précisez le dossier du comité avec --dir".to_string())
}
