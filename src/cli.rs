//! The command line: its definition (help and errors in French), the choice of the committee
//! folder, and the dispatch to each command.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::commands;
use crate::export::{Format, SchoolYear};
use crate::output::{self, OutputError};

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
    /// Exporter le compte-rendu, l'invitation, la feuille d'émargement, la liste de diffusion ou le rapport de l'année
    #[command(
        override_usage = "copilnum export [--dir DOSSIER] [RÉUNION] [--format FORMAT] [-o FICHIER] [--public]\n       copilnum export [--dir DOSSIER] --year 2026-2027 [--format md|html] [-o FICHIER] [--public]"
    )]
    Export {
        /// Réunion, par son nom de fichier (AAAA-MM-JJ) ; par défaut la dernière tenue
        #[arg(value_name = "RÉUNION")]
        meeting: Option<String>,
        /// md (par défaut) ou html : le compte-rendu ; ics : l'invitation à la prochaine réunion ; csv : la feuille d'émargement ; emails : la liste de diffusion
        #[arg(
            long,
            short = 'f',
            value_name = "FORMAT",
            default_value = "md",
            hide_default_value = true
        )]
        format: Format,
        /// Fichier où écrire ; par défaut, la sortie standard
        #[arg(long, short = 'o', value_name = "FICHIER")]
        output: Option<PathBuf>,
        /// Version publique, pour les familles : les rôles au lieu des noms, sans e-mails ni notes privées
        #[arg(long)]
        public: bool,
        /// Le rapport d'une année scolaire (par exemple 2026-2027) : réunions, axe, objectifs et leur suivi
        #[arg(long, value_name = "ANNÉE", conflicts_with = "meeting")]
        year: Option<SchoolYear>,
    },
    /// Lister les objectifs avec leur dernière évaluation et leur historique d'une réunion à l'autre
    #[command(
        override_usage = "copilnum objectives [--dir DOSSIER] [--year AAAA-AAAA] [--status STATUT] [--owner RESPONSABLE] [--domain DOMAINE] [--crcn CODE] [--format text|csv]"
    )]
    Objectives(ObjectivesArgs),
    /// Écrire une liste ou un ordre du jour intégré dans le dossier du comité, pour l'adapter
    #[command(
        override_usage = "copilnum template [--dir DOSSIER] [NOM]",
        alias = "modele"
    )]
    Template {
        /// Liste ou ordre du jour à écrire : roles, echelles, sujets, crcn, premiere-reunion ou reunion-de-suivi ; sans NOM, la liste des noms
        #[arg(value_name = "NOM")]
        name: Option<String>,
    },
}

/// The options of `copilnum objectives`, as typed (checked by the command, in French).
#[derive(Debug, Clone, Default, PartialEq, Eq, Args)]
pub struct ObjectivesArgs {
    /// Année scolaire où l'objectif a été fixé, par exemple 2026-2027
    #[arg(long, value_name = "AAAA-AAAA")]
    pub year: Option<String>,
    /// Statut : en-cours, a-evaluer, atteint, partiellement-atteint, non-atteint, reporte ou abandonne
    #[arg(long, value_name = "STATUT")]
    pub status: Option<String>,
    /// Responsable : son nom, une partie de son nom, ou son numéro de membre
    #[arg(long, value_name = "RESPONSABLE")]
    pub owner: Option<String>,
    /// Domaine : pedagogique, technique ou financier
    #[arg(long, value_name = "DOMAINE")]
    pub domain: Option<String>,
    /// Compétence CRCN visée, par exemple 2.1
    #[arg(long, value_name = "CODE")]
    pub crcn: Option<String>,
    /// Format : text (par défaut) ou csv, pour un tableur (UTF-8, « ; », fins de ligne CRLF)
    #[arg(
        long,
        value_name = "FORMAT",
        default_value = "text",
        hide_default_value = true
    )]
    pub format: String,
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
    // Every failure is reported without panicking: the terminal may be gone after the TUI,
    // standard output may be a closed pipe or a full disk.
    commands::run(cli).unwrap_or_else(output::Failure::report)
}

/// Prints a command-line error in French (help and version go to standard output).
fn usage_error(error: &clap::Error) -> ExitCode {
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        return print_help(&error.render().to_string())
            .map_or_else(OutputError::report, |()| ExitCode::SUCCESS);
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
            "commande inconnue « {} »{suggestion} ; commandes : {}",
            context(ContextKind::InvalidSubcommand),
            Cli::command()
                .get_subcommands()
                .map(|c| c.get_name().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            format!("option inconnue « {arg} »{suggestion}")
        }
        ErrorKind::UnknownArgument => format!("argument en trop « {arg} »"),
        ErrorKind::MissingRequiredArgument => format!("il manque : {arg}"),
        ErrorKind::ValueValidation if std::error::Error::source(error).is_some() => {
            let reason = std::error::Error::source(error).map(ToString::to_string);
            format!("{arg} : {}", reason.unwrap_or_default())
        }
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
    output::say(&format!("{message}\nAide : copilnum --help"));
    ExitCode::from(2)
}

/// The help or the version, on standard output, ending with a line end.
fn print_help(text: &str) -> Result<(), OutputError> {
    let mut out = output::stdout();
    out.text(text)?;
    if !text.ends_with('\n') {
        out.line("")?;
    }
    out.flush()
}
