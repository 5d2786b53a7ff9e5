//! The command line: its definition (help and errors in French), the choice of the committee
//! folder, and the dispatch to each command.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::commands;

const HELP_TEMPLATE: &str = "\
{about-with-newline}
Utilisation : {usage}

Commandes :
{subcommands}

Options :
{options}{after-help}";

/// Help of a command with a folder argument.
const HELP_WITH_ARGUMENT: &str = "\
{about-with-newline}
Utilisation : {usage}

Arguments :
{positionals}

Options :
{options}
";

/// Help of a command with options only.
const HELP_OPTIONS: &str = "\
{about-with-newline}
Utilisation : {usage}

Options :
{options}
";

const AFTER_HELP: &str = "\
Le dossier du comité est celui de --dir, sinon celui de la variable COPILNUM_DIR, sinon le dossier
de données de l'utilisateur. Aide d'une commande : copilnum COMMANDE --help.";

/// `copilnum` and its options.
#[derive(Debug, Parser)]
#[command(
    name = "copilnum",
    version,
    about = "copilnum — conduire les réunions d'un COPIL-Num (comité de pilotage du numérique éducatif).",
    override_usage = "copilnum [--dir DOSSIER] [COMMANDE]",
    help_template = HELP_TEMPLATE,
    after_help = AFTER_HELP,
    subcommand_value_name = "COMMANDE",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// Dossier du comité
    #[arg(
        long,
        short = 'd',
        global = true,
        env = "COPILNUM_DIR",
        hide_env = true,
        value_name = "DOSSIER",
        help_heading = "Options"
    )]
    pub dir: Option<PathBuf>,
    /// Afficher cette aide
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true, display_order = 1000)]
    help: Option<bool>,
    /// Afficher la version
    #[arg(short = 'V', long = "version", action = ArgAction::Version, display_order = 1001)]
    version: Option<bool>,
    /// La commande; sans commande, l'interface s'ouvre sur le comité.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ouvrir l'interface sur une copie temporaire du comité d'exemple (vos données ne sont pas touchées)
    #[command(override_usage = "copilnum demo")]
    Demo,
    /// Écrire le comité d'exemple (ou, avec --large ou --huge, un gros jeu d'essai) dans un dossier
    #[command(override_usage = "copilnum sample DOSSIER [--large | --huge]")]
    Sample {
        /// Dossier à créer (nouveau ou vide) ; à défaut, celui de --dir
        #[arg(value_name = "DOSSIER")]
        target: Option<PathBuf>,
        /// Écrire le gros jeu d'essai : 200 membres, 100 réunions passées, 5 000 lignes de notes
        #[arg(long, conflicts_with = "huge")]
        large: bool,
        /// Écrire le très gros jeu d'essai, dix fois plus gros : 2 000 membres, 1 000 réunions
        /// passées, 50 000 lignes de notes
        #[arg(long)]
        huge: bool,
    },
    /// Créer un comité sans passer par l'interface
    #[command(
        override_usage = "copilnum init --dir DOSSIER --name NOM --scale ÉCHELLE --territory TERRITOIRE --pilot PILOTE"
    )]
    Init {
        /// Nom du comité, par exemple « COPIL-Num de la circonscription d'Annecy »
        #[arg(long, value_name = "NOM")]
        name: String,
        /// Échelle : commune, communaute-de-communes, circonscription ou plusieurs-circonscriptions
        #[arg(long, value_name = "ÉCHELLE")]
        scale: String,
        /// Territoire couvert (communes, circonscriptions)
        #[arg(long, value_name = "TERRITOIRE")]
        territory: String,
        /// Pilote du comité, en général l'IEN de circonscription
        #[arg(long, value_name = "PILOTE")]
        pilot: String,
    },
    /// Projeter une réunion au mur, en suivant en direct ce qu'enregistre l'animateur (lecture seule)
    #[command(override_usage = "copilnum present [--dir DOSSIER] [RÉUNION]")]
    Present {
        /// Réunion à projeter, par son nom de fichier (AAAA-MM-JJ) ; par défaut celle du jour, sinon la prochaine
        #[arg(value_name = "RÉUNION")]
        meeting: Option<String>,
    },
    /// Lister les réunions : date, type, présents, objectifs
    #[command(override_usage = "copilnum meetings [--dir DOSSIER]")]
    Meetings,
    /// Vérifier tous les fichiers du comité ; chaque problème est donné en fichier:ligne:colonne
    #[command(override_usage = "copilnum check [--dir DOSSIER]")]
    Check,
}

/// Runs the command line of this process.
pub fn main() -> ExitCode {
    run(std::env::args_os())
}

/// Runs a command line: parses it (errors in French, exit code 2) and runs the command.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let command = Cli::command().mut_subcommands(|sub| {
        let template = if sub.get_positionals().next().is_some() {
            HELP_WITH_ARGUMENT
        } else {
            HELP_OPTIONS
        };
        sub.help_template(template)
    });
    let cli = match command
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
    {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    match commands::run(cli) {
        Ok(code) => code,
        Err(message) => {
            // After the TUI the terminal may be gone: printing must not panic.
            let _ = writeln!(std::io::stderr(), "copilnum : {message}");
            ExitCode::FAILURE
        }
    }
}

/// Prints a command-line error in French (help and version go to standard output).
fn usage_error(error: &clap::Error) -> ExitCode {
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        let text = error.render().to_string();
        print!("{text}");
        if !text.ends_with('\n') {
            println!();
        }
        return ExitCode::SUCCESS;
    }
    let context = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(list)) => list.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(list)) => list
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    };
    let arg = context(ContextKind::InvalidArg);
    let suggestion = [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg]
        .into_iter()
        .map(context)
        .find(|s| !s.is_empty())
        .map(|s| format!(" ; vouliez-vous dire « {s} » ?"))
        .unwrap_or_default();
    let message = match error.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "commande inconnue « {} »{suggestion} ; commandes : demo, present, sample, init, meetings, check",
            context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            format!("option inconnue « {arg} »{suggestion}")
        }
        ErrorKind::UnknownArgument => format!("argument en trop « {arg} »"),
        ErrorKind::MissingRequiredArgument => format!("il manque : {arg}"),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation | ErrorKind::InvalidUtf8 => {
            match context(ContextKind::InvalidValue) {
                value if value.trim().is_empty() => format!("valeur vide pour {arg}"),
                value => format!("valeur invalide pour {arg} : « {value} »"),
            }
        }
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::ArgumentConflict => {
            format!("argument en trop ou incompatible : {arg}")
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "il manque la commande".to_string()
        }
        _ => "ligne de commande incomprise".to_string(),
    };
    eprintln!("copilnum : {message}\nAide : copilnum --help");
    ExitCode::from(2)
}
