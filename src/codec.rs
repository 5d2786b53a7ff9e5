//! How copilnum's files are written and read as RON: one pretty, stable, diff-friendly style,
//! tolerant reading (UTF-8 BOM, CRLF, comments) and parse errors in French with line and column.

use std::fmt;
use std::path::{Path, PathBuf};

use ron::error::{Error as RonCode, SpannedError};
use ron::ser::PrettyConfig;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// A file that does not parse: where, and why, in French.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The file.
    pub path: PathBuf,
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub col: usize,
    /// What is wrong, in French.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.col,
            self.message
        )
    }
}

impl std::error::Error for ParseError {}

/// Reads a value from RON text; `path` only names the file in errors.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let unix;
    let text = if crlf_converted(text) {
        unix = text.replace("\r\n", "\n");
        unix.as_str()
    } else {
        text
    };
    ron::Options::default().from_str(text).map_err(|e| {
        let mut error = from_ron(path, &e);
        if text.trim().is_empty() {
            error.message = "fichier vide : il a sans doute été tronqué".into();
            return error;
        }
        // At the end of a cut file ron says "comma expected" and the like: say it is cut.
        let (last_line, after_last) = position_after(text.trim_end());
        if (error.line, error.col + 1) >= (last_line, after_last) && ends_early(&e.code) {
            error.message = format!(
                "fin de fichier inattendue, le fichier semble tronqué ({})",
                error.message
            );
        }
        error
    })
}

/// Whether an editor turned every line end of the file into CRLF (every LF follows a CR). Our
/// files end lines with LF, so undoing that conversion gives back exactly what was written,
/// line breaks inside notes included.
fn crlf_converted(text: &str) -> bool {
    text.contains("\r\n")
        && text
            .match_indices('\n')
            .all(|(i, _)| i > 0 && text.as_bytes()[i - 1] == b'\r')
}

/// The errors ron gives when the text stops before the data does.
fn ends_early(code: &RonCode) -> bool {
    matches!(
        code,
        RonCode::Eof
            | RonCode::ExpectedComma
            | RonCode::ExpectedStructLikeEnd
            | RonCode::ExpectedOptionEnd
            | RonCode::ExpectedArrayEnd
            | RonCode::ExpectedMapEnd
            | RonCode::ExpectedStringEnd
            | RonCode::UnclosedBlockComment
    )
}

/// Reads RON from raw bytes, refusing text that is not UTF-8 with the place of the first bad byte.
pub fn parse_bytes<T: DeserializeOwned>(path: &Path, bytes: &[u8]) -> Result<T, ParseError> {
    let text = utf8(path, bytes)?;
    parse(path, text)
}

/// The bytes as UTF-8 text, or an error at the first byte that is not.
pub fn utf8<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, ParseError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let (line, col) = position_after(std::str::from_utf8(valid).unwrap_or_default());
        ParseError {
            path: path.to_path_buf(),
            line,
            col,
            message: "le fichier n'est pas du texte UTF-8 (enregistrez-le en UTF-8)".into(),
        }
    })
}

/// Line and column just after this text.
fn position_after(text: &str) -> (usize, usize) {
    line_col(text, text.len())
}

/// Line and column (from 1, in characters) of a byte offset of the text.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// Line and column of the `nth` (from 0) place where `anchor` stands in the text, where a
/// space of the anchor matches any run of white space, or none ("owner: 9," finds
/// "owner:9," and "owner:   9,").
pub fn locate(text: &str, anchor: &str, nth: usize) -> Option<(usize, usize)> {
    let tokens: Vec<&str> = anchor.split_whitespace().collect();
    let first = *tokens.first()?;
    let found = text.match_indices(first).map(|(at, _)| at).filter(|&at| {
        let mut rest = &text[at + first.len()..];
        tokens[1..].iter().all(|token| {
            rest = rest.trim_start();
            match rest.strip_prefix(token) {
                Some(after) => {
                    rest = after;
                    true
                }
                None => false,
            }
        })
    });
    found.into_iter().nth(nth).map(|at| line_col(text, at))
}

/// Writes a value in our file style, after a header of `//` comment lines.
pub fn to_text<T: Serialize>(value: &T, header: &[&str]) -> String {
    let config = PrettyConfig::new()
        .struct_names(true)
        .escape_strings(false)
        .indentor("    ")
        .new_line("\n");
    let body = ron::ser::to_string_pretty(value, config)
        .expect("the model only holds types RON can write");
    let mut text = String::with_capacity(body.len() + 200);
    for line in header {
        text.push_str("// ");
        text.push_str(line);
        text.push('\n');
    }
    text.push_str(&body);
    text.push('\n');
    text
}

/// A ron error turned into our French one.
pub fn from_ron(path: &Path, error: &SpannedError) -> ParseError {
    ParseError {
        path: path.to_path_buf(),
        line: error.span.start.line.max(1),
        col: error.span.start.col.max(1),
        message: french(&error.code),
    }
}

fn list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("« {i} »"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn within(outer: &Option<String>) -> String {
    outer
        .as_ref()
        .map(|o| format!(" dans {o}"))
        .unwrap_or_default()
}

/// The French for one of ron's error codes.
fn french(code: &RonCode) -> String {
    use RonCode as E;
    match code {
        E::Eof => "fin de fichier inattendue : le fichier semble tronqué".into(),
        E::ExpectedArray => "« [ » attendu (début de liste)".into(),
        E::ExpectedArrayEnd => "« ] » attendu (fin de liste) ; une virgule manque peut-être".into(),
        E::ExpectedComma => "virgule attendue".into(),
        E::ExpectedMapColon => "« : » attendu après le nom du champ".into(),
        E::ExpectedOptionEnd | E::ExpectedStructLikeEnd => {
            "« ) » attendu ; une virgule manque peut-être".into()
        }
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => "« ( » attendu".into(),
        E::ExpectedDifferentStructName { expected, found } => {
            format!("« {expected} » attendu, « {found} » trouvé")
        }
        E::ExpectedString => "texte entre guillemets attendu (\"…\")".into(),
        E::ExpectedStringEnd => {
            "texte entre guillemets jamais fermé : un guillemet manque, ou le fichier est tronqué"
                .into()
        }
        E::ExpectedInteger | E::IntegerOutOfBounds | E::InvalidIntegerDigit { .. } => {
            "nombre entier positif attendu".into()
        }
        E::ExpectedBoolean => "true ou false attendu".into(),
        E::ExpectedOption => "Some(…) ou None attendu".into(),
        E::ExpectedIdentifier => "nom de champ ou de valeur attendu".into(),
        E::ExpectedUnit => "valeur sans contenu attendue".into(),
        E::UnexpectedChar(c) => format!("caractère inattendu « {c} »"),
        E::TrailingCharacters => "texte en trop après la fin des données".into(),
        E::UnclosedBlockComment | E::UnclosedLineComment => "commentaire non fermé".into(),
        E::InvalidEscape(_) => "séquence d'échappement invalide dans un texte".into(),
        E::Utf8Error(_) => "le fichier n'est pas du texte UTF-8".into(),
        E::ExceededRecursionLimit => "imbrication trop profonde".into(),
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "champ inconnu « {found} »{} ; champs possibles : {}",
            within(outer),
            list(expected)
        ),
        E::MissingStructField { field, outer } => {
            format!("champ obligatoire « {field} » manquant{}", within(outer))
        }
        E::DuplicateStructField { field, outer } => {
            format!("champ « {field} » présent deux fois{}", within(outer))
        }
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "valeur « {found} » inconnue{} ; valeurs possibles : {}",
            within(outer),
            list(expected)
        ),
        E::InvalidValueForType { expected, found } => {
            format!(
                "valeur inattendue : {} au lieu de {}",
                kind(found),
                kind(expected)
            )
        }
        E::ExpectedDifferentLength { expected, found } => {
            format!("{found} éléments trouvés, {} attendus", kind(expected))
        }
        E::Message(message) => custom(message),
        other => format!("fichier illisible ({other})"),
    }
}

/// French for the value kinds serde names in its messages.
fn kind(english: &str) -> String {
    let words = [
        ("a string", "un texte entre guillemets"),
        ("string", "un texte entre guillemets"),
        ("u32", "un nombre entier positif"),
        ("u8", "un nombre entier positif"),
        ("usize", "un nombre entier positif"),
        ("an integer", "un nombre entier"),
        ("a sequence", "une liste [ … ]"),
        ("a boolean", "true ou false"),
        ("a unit value", "une valeur vide"),
        ("a float", "un nombre décimal"),
        ("an option", "Some(…) ou None"),
        ("a map", "une table { … }"),
    ];
    for (en, fr) in words {
        if english.starts_with(en) || english.contains(&format!("integer `{en}`")) {
            return fr.to_string();
        }
    }
    if english.starts_with("the unsigned integer") || english.starts_with("integer") {
        return "un nombre entier".into();
    }
    if english.contains("NaiveDate") || english.contains("date") {
        return "une date \"AAAA-MM-JJ\"".into();
    }
    if english.contains("NaiveTime") || english.contains("time") {
        return "une heure \"HH:MM:SS\"".into();
    }
    format!("« {english} »")
}

/// French for messages that come from serde or chrono rather than from ron itself.
fn custom(message: &str) -> String {
    let chrono = [
        "input contains invalid characters",
        "premature end of input",
        "input is out of range",
        "input is not enough for unique date and time",
        "no possible date and time matching input",
        "trailing input",
        "bad or unsupported format string",
    ];
    if chrono.iter().any(|c| message.contains(c)) {
        return "date ou heure invalide : attendu \"AAAA-MM-JJ\" pour une date (par exemple \"2026-01-20\") ou \"HH:MM:SS\" pour une heure".into();
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return format!(
            "valeur inattendue : {} au lieu de {}",
            kind(found),
            kind(expected)
        );
    }
    format!("valeur refusée ({message})")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Sample {
        name: String,
        count: u32,
        #[serde(default)]
        day: Option<chrono::NaiveDate>,
    }

    fn err(text: &str) -> ParseError {
        parse::<Sample>(Path::new("f.ron"), text).unwrap_err()
    }

    #[test]
    fn reads_with_bom_crlf_and_comments() {
        let text = "\u{feff}// commentaire\r\nSample(\r\n  name: \"é\", /* bloc */\r\n  count: 2,\r\n)\r\n";
        let value: Sample = parse(Path::new("f.ron"), text).unwrap();
        assert_eq!(
            value,
            Sample {
                name: "é".into(),
                count: 2,
                day: None
            }
        );
    }

    #[test]
    fn writes_a_header_and_multi_line_text_as_it_reads() {
        let value = Sample {
            name: "ligne 1\nligne « 2 » \"citée\"".into(),
            count: 1,
            day: None,
        };
        let text = to_text(&value, &["En-tête"]);
        assert!(text.starts_with("// En-tête\nSample(\n"), "{text}");
        assert!(
            text.contains("ligne 1\nligne « 2 »"),
            "newlines stay real newlines: {text}"
        );
        assert_eq!(parse::<Sample>(Path::new("f.ron"), &text).unwrap(), value);
    }

    #[test]
    fn errors_carry_line_column_and_french_message() {
        let e = err("Sample(\n  name: \"a\",\n  count: \"deux\",\n)");
        assert_eq!((e.line, e.col), (3, 9), "{e}");
        assert!(e.message.contains("nombre entier"), "{e}");
        assert!(e.to_string().starts_with("f.ron:3:9: "), "{e}");
    }

    #[test]
    fn unknown_missing_and_truncated_are_explained() {
        assert!(
            err("Sample(name: \"a\", count: 1, colour: 3)")
                .message
                .contains("champ inconnu « colour »")
        );
        assert!(
            err("Sample(name: \"a\")")
                .message
                .contains("champ obligatoire « count » manquant")
        );
        for cut in [
            "Sample(name: \"a\", count: 1",
            "Sample(name: \"a\", count: 1,\n",
            "Sample(name: \"a",
            "Sample(",
        ] {
            assert!(err(cut).message.contains("tronqué"), "{cut}: {}", err(cut));
        }
        assert!(
            !err("Sample(name: \"a\", count: 1 x)")
                .message
                .contains("tronqué")
        );
        assert!(
            err("Sample(name: \"a\", count: 1, day: Some(\"2026-02-30\"))")
                .message
                .contains("date ou heure invalide")
        );
    }

    #[test]
    fn locate_tolerates_hand_typed_spacing_and_finds_later_occurrences() {
        let text = "a\n  owner:9,\n  owner:   9,\n";
        assert_eq!(locate(text, "owner: 9,", 0), Some((2, 3)));
        assert_eq!(locate(text, "owner: 9,", 1), Some((3, 3)));
        assert_eq!(locate(text, "owner: 9,", 2), None);
        assert_eq!(locate("a\nbé c", "c", 0), Some((2, 4)));
    }

    #[test]
    fn a_missing_field_is_not_called_a_cut_file() {
        let e = err("Sample(\n  name: \"a\",\n)\n");
        assert!(e.message.contains("« count » manquant"), "{e}");
        assert!(!e.message.contains("tronqué"), "{e}");
    }

    #[test]
    fn a_file_turned_to_crlf_by_an_editor_reads_back_exactly() {
        let value = Sample {
            name: "ligne 1\nligne 2\r\nligne 3".into(),
            count: 1,
            day: None,
        };
        let text = to_text(&value, &["En-tête"]);
        let notepad = text.replace('\n', "\r\n");
        assert_eq!(
            parse::<Sample>(Path::new("f.ron"), &notepad).unwrap(),
            value
        );
        assert_eq!(
            parse::<Sample>(Path::new("f.ron"), &text).unwrap(),
            value,
            "an LF file is read as is"
        );
    }

    #[test]
    fn non_utf8_is_located() {
        let e =
            parse_bytes::<Sample>(Path::new("f.ron"), b"Sample(\n  name: \"\xff\"").unwrap_err();
        assert_eq!((e.line, e.col), (2, 10));
        assert!(e.message.contains("UTF-8"));
    }
}
