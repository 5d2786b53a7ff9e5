//! The layouts of the compte-rendu and of the year's report: minijinja templates embedded from
//! `assets/modeles/export/`, each overridable by a file at the same path in the committee
//! folder. HTML is escaped automatically, Markdown by our own escaping; a template that does
//! not compile or render gives a French message with its file and line.

use std::fmt;
use std::path::{Path, PathBuf};

use minijinja::syntax::SyntaxConfig;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};

/// One export template: its path relative to the committee folder (and to `assets/`), which
/// overrides the text embedded in the binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplateFile {
    /// Path relative to the committee folder.
    pub path: &'static str,
    /// The embedded text.
    pub builtin: &'static str,
}

/// The compte-rendu in Markdown.
pub const MINUTES_MD: &str = "modeles/export/compte-rendu.md.j2";
/// The compte-rendu in HTML.
pub const MINUTES_HTML: &str = "modeles/export/compte-rendu.html.j2";
/// The year's report in Markdown.
pub const YEAR_MD: &str = "modeles/export/rapport-annuel.md.j2";
/// The year's report in HTML.
pub const YEAR_HTML: &str = "modeles/export/rapport-annuel.html.j2";
/// The style sheet both HTML documents include.
pub const STYLE: &str = "modeles/export/style.css.j2";

/// Every export template, in the order they are read.
pub const FILES: [TemplateFile; 5] = [
    TemplateFile {
        path: MINUTES_MD,
        builtin: include_str!("../../assets/modeles/export/compte-rendu.md.j2"),
    },
    TemplateFile {
        path: MINUTES_HTML,
        builtin: include_str!("../../assets/modeles/export/compte-rendu.html.j2"),
    },
    TemplateFile {
        path: YEAR_MD,
        builtin: include_str!("../../assets/modeles/export/rapport-annuel.md.j2"),
    },
    TemplateFile {
        path: YEAR_HTML,
        builtin: include_str!("../../assets/modeles/export/rapport-annuel.html.j2"),
    },
    TemplateFile {
        path: STYLE,
        builtin: include_str!("../../assets/modeles/export/style.css.j2"),
    },
];

/// A template that does not compile or render: the file, the line, and why, in French.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// The file as users see it: the override in the committee folder, or `assets/…`.
    pub file: PathBuf,
    /// Line of the problem (1 when unknown).
    pub line: usize,
    /// Column of the problem (1 when unknown).
    pub column: usize,
    /// What is wrong, in French.
    pub message: String,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: modèle d'export : {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl std::error::Error for TemplateError {}

/// The export templates, compiled: the embedded ones, with each override of the folder.
#[derive(Debug)]
pub struct Templates {
    env: Environment<'static>,
    /// Where each template comes from, by name, as users see it, and its text.
    origins: Vec<(&'static str, PathBuf, String)>,
}

impl Templates {
    /// The templates embedded in the binary.
    pub fn builtin() -> Templates {
        Templates::build(FILES.map(|f| (f, None)))
            .expect("the embedded templates are checked by the tests")
    }

    /// The templates of a committee folder: the embedded ones, each replaced by the file at
    /// the same path in the folder if there is one. Every file is read, so that all the broken
    /// ones are reported at once.
    pub fn load(root: &Path) -> Result<Templates, Vec<TemplateError>> {
        let mut errors = Vec::new();
        let sources = FILES.map(|file| {
            let path = root.join(file.path);
            match std::fs::read(&path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => {
                        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
                        (file, Some((path, text)))
                    }
                    Err(e) => {
                        let line = bytes_line(e.as_bytes(), e.utf8_error().valid_up_to());
                        errors.push(TemplateError {
                            file: path,
                            line,
                            column: 1,
                            message: "le fichier n'est pas en UTF-8 : enregistrez-le en UTF-8"
                                .into(),
                        });
                        (file, None)
                    }
                },
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => (file, None),
                Err(e) => {
                    errors.push(TemplateError {
                        file: path,
                        line: 1,
                        column: 1,
                        message: format!("fichier illisible ({})", crate::store::french_io(&e)),
                    });
                    (file, None)
                }
            }
        });
        let built = Templates::build(sources);
        match built {
            Ok(templates) if errors.is_empty() => Ok(templates),
            Ok(_) => Err(errors),
            Err(more) => {
                errors.extend(more);
                Err(errors)
            }
        }
    }

    /// The overrides present in a committee folder.
    pub fn overrides(root: &Path) -> Vec<PathBuf> {
        FILES
            .iter()
            .map(|f| root.join(f.path))
            .filter(|p| p.exists())
            .collect()
    }

    fn build(
        sources: [(TemplateFile, Option<(PathBuf, String)>); 5],
    ) -> Result<Templates, Vec<TemplateError>> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
        // Block tags on their own lines leave no blank line; a final newline is kept.
        if let Ok(syntax) = SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .keep_trailing_newline(true)
            .build()
        {
            env.set_syntax(syntax);
        }
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html.j2") {
                AutoEscape::Html
            } else if name.ends_with(".md.j2") {
                AutoEscape::Custom("markdown".into())
            } else {
                AutoEscape::None
            }
        });
        env.set_formatter(format_value);
        let mut origins = Vec::new();
        let mut errors = Vec::new();
        for (file, custom) in sources {
            let (origin, text) = match custom {
                Some((path, text)) => (path, text),
                None => (
                    Path::new("assets").join(file.path),
                    file.builtin.to_string(),
                ),
            };
            origins.push((file.path, origin, text.clone()));
            if let Err(e) = env.add_template_owned(file.path, text) {
                errors.push(e);
            }
        }
        let templates = Templates { env, origins };
        if errors.is_empty() {
            Ok(templates)
        } else {
            Err(errors.iter().map(|e| templates.error(e)).collect())
        }
    }

    /// Renders a template with a context.
    pub fn render(&self, name: &str, context: Value) -> Result<String, TemplateError> {
        let template = self.env.get_template(name).map_err(|e| self.error(&e))?;
        template.render(context).map_err(|e| self.error(&e))
    }

    /// The French error of a minijinja error, in the file users know.
    fn error(&self, error: &Error) -> TemplateError {
        // An error inside an included template is reported where it happened.
        let mut inner = error;
        while inner.kind() == ErrorKind::BadInclude {
            match std::error::Error::source(inner).and_then(|s| s.downcast_ref::<Error>()) {
                Some(source) => inner = source,
                None => break,
            }
        }
        let name = inner.name().or(error.name()).unwrap_or("");
        let origin = self.origins.iter().find(|(n, _, _)| *n == name);
        let file = origin.map_or_else(|| PathBuf::from(name), |(_, path, _)| path.clone());
        let column = origin
            .zip(inner.range())
            .and_then(|((_, _, text), range)| {
                let before = text.get(..range.start)?;
                Some(before.chars().rev().take_while(|c| *c != '\n').count() + 1)
            })
            .unwrap_or(1);
        TemplateError {
            file,
            line: inner.line().or(error.line()).unwrap_or(1),
            column,
            message: french_message(inner),
        }
    }
}

/// What a minijinja error means, in French, with its English detail for the curious.
fn french_message(error: &Error) -> String {
    let what = match error.kind() {
        ErrorKind::SyntaxError => "erreur de syntaxe",
        ErrorKind::UndefinedError => "valeur inconnue (nom mal écrit ?)",
        ErrorKind::UnknownFilter => "filtre inconnu",
        ErrorKind::UnknownTest => "test inconnu",
        ErrorKind::UnknownFunction => "fonction inconnue",
        ErrorKind::UnknownMethod => "méthode inconnue",
        ErrorKind::TemplateNotFound => "modèle introuvable",
        ErrorKind::InvalidOperation => "opération impossible",
        ErrorKind::BadEscape => "séquence d'échappement invalide",
        ErrorKind::TooManyArguments => "trop d'arguments",
        ErrorKind::MissingArgument => "argument manquant",
        ErrorKind::CannotUnpack => "décomposition impossible",
        ErrorKind::BadInclude => "inclusion impossible",
        _ => "modèle inutilisable",
    };
    match error.detail() {
        Some(detail) => format!("{what} (détail : {detail})"),
        None => what.to_string(),
    }
}

/// The line of a byte offset.
fn bytes_line(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Writes a value: nothing for `none`, an error for an unknown name, and the escaping of the
/// template's format.
fn format_value(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> Result<(), Error> {
    if value.is_undefined() {
        return Err(Error::new(
            ErrorKind::UndefinedError,
            "undefined value printed",
        ));
    }
    if value.is_none() {
        return Ok(());
    }
    match state.auto_escape() {
        AutoEscape::Custom(name) if name == "markdown" && !value.is_safe() => {
            let text = value.to_string();
            out.write_str(&markdown(&text)).map_err(Error::from)
        }
        AutoEscape::Custom(_) => write!(out, "{value}").map_err(Error::from),
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// User text made inert in Markdown: the signs that would format it or open HTML are escaped
/// with a backslash, line breaks become spaces (a value is one paragraph, or one table cell).
pub fn markdown(text: &str) -> String {
    let text = text.trim();
    let inert = |b: u8| {
        !matches!(
            b,
            b'\\'
                | b'`'
                | b'*'
                | b'_'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'|'
                | b'#'
                | b'~'
                | b'&'
                | b'\n'
                | b'\r'
        )
    };
    let starts_plain = text
        .bytes()
        .next()
        .is_none_or(|b| !matches!(b, b'-' | b'+' | b'=' | b'0'..=b'9'));
    if starts_plain && text.bytes().all(inert) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    // A value starting like a list item, a heading or a quote would become one.
    let starts_block = {
        let mut chars = text.chars();
        match chars.next() {
            Some('-' | '+' | '=') => chars.next().is_none_or(char::is_whitespace),
            Some('>') => true,
            Some(c) if c.is_ascii_digit() => {
                let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
                (rest.starts_with(". ") || rest.starts_with(") ")) && rest.len() > 1
            }
            _ => false,
        }
    };
    let mut chars = text.char_indices().peekable();
    let mut first = true;
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' if looks_like_reference(&text[at + 1..]) => out.push_str("\\&"),
            '\r' => {}
            '\n' => out.push(' '),
            '-' | '+' | '=' if first && starts_block => {
                out.push('\\');
                out.push(c);
            }
            c if first && starts_block && c.is_ascii_digit() => {
                // "3. " → "3\. ": escape the sign after the number.
                out.push(c);
                while let Some((_, d)) = chars.next_if(|(_, d)| d.is_ascii_digit()) {
                    out.push(d);
                }
                if let Some((_, sign)) = chars.next() {
                    out.push('\\');
                    out.push(sign);
                }
            }
            c => out.push(c),
        }
        first = false;
    }
    out
}

/// Whether the text after a `&` would make it a character reference ("amp;", "#39;").
fn looks_like_reference(after: &str) -> bool {
    let name_len = after
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
        .count();
    name_len > 0 && after[name_len..].starts_with(';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_templates_compile() {
        let templates = Templates::builtin();
        assert_eq!(templates.origins.len(), FILES.len());
    }

    #[test]
    fn markdown_values_cannot_format_or_open_html() {
        assert_eq!(
            markdown("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(markdown("a *b* _c_ | d"), "a \\*b\\* \\_c\\_ \\| d");
        assert_eq!(markdown("- pas une liste"), "\\- pas une liste");
        assert_eq!(markdown("12. pas un numéro"), "12\\. pas un numéro");
        assert_eq!(markdown("-10 %"), "-10 %");
        assert_eq!(markdown("ligne 1\nligne 2"), "ligne 1 ligne 2");
        assert_eq!(markdown("R&D &amp;"), "R&D \\&amp;");
        assert_eq!(
            markdown("École « Les Écrans » 👩‍🏫"),
            "École « Les Écrans » 👩‍🏫"
        );
    }

    #[test]
    fn a_broken_override_is_reported_with_its_file_and_line_in_french() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(MINUTES_MD);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "# Titre\n\n{% for x in y %}\n{{ x }}\n").unwrap();
        let errors = Templates::load(dir.path()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].file, path);
        assert!(errors[0].line >= 3, "{:?}", errors[0]);
        let text = errors[0].to_string();
        assert!(
            text.contains("modèle d'export : erreur de syntaxe"),
            "{text}"
        );
    }

    #[test]
    fn an_unknown_name_in_an_override_fails_at_render_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(MINUTES_MD);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "# {{ committee.name }}\n\n{{ comite.nom }}\n").unwrap();
        let templates = Templates::load(dir.path()).unwrap();
        let context = minijinja::context! { committee => minijinja::context! { name => "C" } };
        let error = templates.render(MINUTES_MD, context).unwrap_err();
        assert_eq!((error.file.as_path(), error.line), (path.as_path(), 3));
        assert!(error.message.starts_with("valeur inconnue"), "{error}");
    }
}
