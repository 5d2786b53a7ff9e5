//! `copilnum init`: creates a committee folder without the TUI.

use std::path::Path;
use std::process::ExitCode;

use crate::catalog::Catalog;
use crate::model::Committee;
use crate::output;
use crate::store;
use crate::validate;

/// Validates the four fields, then creates the folder with the committee file.
pub fn run(dir: &Path, name: &str, scale: &str, territory: &str, pilot: &str) -> super::Exit {
    let catalog = Catalog::builtin();
    let name = validate::required("le nom du comité", name)?;
    let territory = validate::required("le territoire", territory)?;
    let pilot = validate::required("le pilote", pilot)?;
    let scale = validate::scale(&catalog, scale)?;
    let committee = Committee::new(&name, &scale.id, &territory, &pilot);
    store::create(dir, &committee, &[]).map_err(|e| e.to_string())?;
    let mut out = output::stdout();
    out.line(format_args!(
        "Comité « {name} » créé dans {}.",
        dir.display()
    ))?;
    out.line(format_args!(
        "Ouvrez-le avec : copilnum --dir {}",
        dir.display()
    ))?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
