//! The commands of the command line, each in its module; here, the choice of the committee
//! folder and the dispatch. A command returns its exit code, or a French message for stderr.

mod check;
mod demo;
mod export;
mod init;
mod meetings;
mod objectives;
mod sample;
mod template;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::output::Failure;

/// What a command gives back: its exit code, or why it stopped (a French message, or its
/// output that failed — see [`crate::output`]).
pub type Exit = Result<ExitCode, Failure>;

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
        Some(Command::Objectives(args)) => objectives::run(&committee_dir(cli.dir)?, &args),
        Some(Command::Template { name }) => {
            template::run(&committee_dir(cli.dir)?, name.as_deref())
        }
        Some(Command::Demo) => demo::run(),
        Some(Command::Export {
            meeting,
            format,
            output,
            public,
            year,
        }) => export::run(
            &committee_dir(cli.dir)?,
            &export::Asked {
                meeting: meeting.as_deref(),
                format,
                output: output.as_deref(),
                public,
                year,
            },
        ),
        Some(Command::Present { meeting }) => Ok(crate::present::run::run(
            &committee_dir(cli.dir)?,
            meeting.as_deref(),
        )?),
        None => Ok(crate::tui::run(&committee_dir(cli.dir)?)?),
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
