//! `copilnum template [NOM]`: lists the built-in catalogues and agenda templates, or writes one
//! into the committee folder, where the committee adapts it and `copilnum check` checks it.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::catalog::{self, CatalogFile};
use crate::output::{self, Out, OutputError};
use crate::store::Store;
use crate::store::lists::{self, ListError};

/// Without a name, lists what can be written; with one, writes it (never over the committee's
/// own version).
pub fn run(dir: &Path, name: Option<&str>) -> super::Exit {
    let Some(name) = name else {
        let mut out = output::stdout();
        list(&mut out, dir)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    };
    let file = catalog::file_named(name).ok_or_else(|| {
        let names: Vec<&str> = catalog::FILES.iter().map(|f| f.name).collect();
        format!(
            "« {} » n'est ni une liste ni un modèle intégré ; noms possibles : {}",
            name.trim(),
            names.join(", ")
        )
    })?;
    // Only into a committee's folder.
    Store::open_read_only(dir, "modèle")
        .load_committee()
        .map_err(|e| e.to_string())?;
    let path = lists::write_builtin(dir, file).map_err(|e| match e {
        e @ ListError::Exists(_) => e.to_string(),
        other => format!("écriture de {} impossible : {other}", file.path),
    })?;
    let mut out = output::stdout();
    out.line(format_args!("Écrit : {} ({}).", path.display(), file.about))?;
    out.line(
        "Modifiez-le : il remplace la version intégrée pour ce comité. Vérifiez-le ensuite avec :",
    )?;
    out.line(format_args!("  copilnum check --dir {}", dir.display()))?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The names, what each holds, and whether the committee already has its own.
fn list<W: Write>(out: &mut Out<W>, dir: &Path) -> Result<(), OutputError> {
    out.line(
        "Listes et ordres du jour intégrés, à écrire dans le dossier du comité pour les adapter :",
    )?;
    out.line("")?;
    for file in &catalog::FILES {
        out.line(format_args!(
            "  {:<18} {}{}",
            file.name,
            file.about,
            own(dir, file)
        ))?;
    }
    out.line("")?;
    out.line("Écrire l'un d'eux : copilnum template [--dir DOSSIER] NOM")
}

/// " (déjà adapté : catalogues/roles.ron)" when the folder has its own version.
fn own(dir: &Path, file: &CatalogFile) -> String {
    if dir.join(file.path).exists() {
        format!(" (déjà adapté : {})", file.path)
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_names_every_file_and_those_already_adapted() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("modeles")).unwrap();
        std::fs::write(dir.path().join("modeles/reunion-de-suivi.ron"), "").unwrap();
        let mut out = Out::new(Vec::new());
        list(&mut out, dir.path()).unwrap();
        let text = String::from_utf8(out.into_inner()).unwrap();
        for file in &catalog::FILES {
            assert!(
                text.contains(&format!("  {:<18} {}", file.name, file.about)),
                "{text}"
            );
        }
        assert!(text.contains(
            "reunion-de-suivi   l'ordre du jour des réunions suivantes (déjà adapté : modeles/reunion-de-suivi.ron)"
        ));
        assert_eq!(text.matches("déjà adapté").count(), 1);
    }
}
