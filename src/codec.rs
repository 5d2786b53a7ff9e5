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
        // At the end of a cut file ron says "comma expected" and the like: say it is cut,
        // and in the middle of what.
        // (ron places an unclosed string or comment where it opens.)
        let (last_line, after_last) = position_after(text.trim_end());
        let at_end = (error.line, error.col + 1) >= (last_line, after_last);
        let unclosed = matches!(
            e.code,
            RonCode::ExpectedStringEnd | RonCode::UnclosedBlockComment
        );
        // Something still open, and ron stopped on the last line: the text stops too early.
        let on_last_line = error.line >= last_line;
        match open_at_end(text) {
            Some(open) if on_last_line || unclosed => error.message = open.message(),
            None if at_end && ends_early(&e.code) => {
                error.message =
                    "le fichier s'arrête avant la fin des données : il a sans doute été tronqué"
                        .into();
            }
            _ => {}
        }
        error
    })
}

/// Whether an editor turned every line end of the file into CRLF (every LF follows a CR). Our
/// files end lines with LF, so undoing that conversion gives back exactly what was written,
/// line breaks inside notes included.
pub(crate) fn crlf_converted(text: &str) -> bool {
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

/// What is still open where a text stops, innermost first: where it opened, and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Open {
    kind: OpenKind,
    /// The field it is the value of (`agenda: [`), else the structure's name (`Member(`).
    name: Option<String>,
    line: usize,
    col: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OpenKind {
    /// `"…"` (or a raw string).
    Text,
    /// `( … )` after a structure's name.
    Structure,
    /// `Some( … )`.
    Value,
    /// `[ … ]`.
    List,
    /// `{ … }`.
    Table,
    /// `/* … */`.
    Comment,
}

impl Open {
    /// « le fichier s'arrête au milieu de … » with where it opened.
    fn message(&self) -> String {
        let named = |article: &str, noun: &str, fallback: &str| match &self.name {
            Some(name) => format!("{article}{noun} « {name} »"),
            None => fallback.to_string(),
        };
        let what = match self.kind {
            OpenKind::Text => "d'un texte entre guillemets".to_string(),
            OpenKind::Structure => named("de la ", "structure", "d'une structure ( … )"),
            OpenKind::Value => named("de la ", "valeur", "d'une valeur Some( … )"),
            OpenKind::List => named("de la ", "liste", "d'une liste [ … ]"),
            OpenKind::Table => named("de la ", "table", "d'une table { … }"),
            OpenKind::Comment => "d'un commentaire /* … */".to_string(),
        };
        let (opened, missing) = match self.kind {
            OpenKind::Text => ("ouvert", "un guillemet manque"),
            OpenKind::Comment => ("ouvert", "« */ » manque"),
            OpenKind::List => ("ouverte", "« ] » manque"),
            OpenKind::Table => ("ouverte", "« } » manque"),
            OpenKind::Structure | OpenKind::Value => ("ouverte", "« ) » manque"),
        };
        format!(
            "le fichier s'arrête au milieu {what} {opened} ligne {}, colonne {} : il a sans doute été tronqué (ou {missing})",
            self.line, self.col
        )
    }
}

/// What is open where the text stops, if anything: a RON scanner that only follows strings,
/// characters, comments and brackets.
fn open_at_end(text: &str) -> Option<Open> {
    let mut stack: Vec<Open> = Vec::new();
    let mut at = 0;
    while let Some(c) = text[at..].chars().next() {
        let rest = &text[at..];
        let skipped = match c {
            '"' => string_len(rest),
            'r' if rest[1..].starts_with(['"', '#']) && !after_ident(text, at) => {
                raw_string_len(rest)
            }
            '\'' => Some(char_len(rest)),
            '/' if rest.starts_with("//") => Some(rest.find('\n').unwrap_or(rest.len())),
            '/' if rest.starts_with("/*") => block_comment_len(rest),
            '(' | '[' | '{' => {
                stack.push(opener(text, at, c));
                Some(1)
            }
            ')' | ']' | '}' => {
                stack.pop();
                Some(1)
            }
            c => Some(c.len_utf8()),
        };
        match skipped {
            Some(len) => at += len,
            None => {
                let kind = if c == '/' {
                    OpenKind::Comment
                } else {
                    OpenKind::Text
                };
                stack.push(Open::at(text, at, kind, None));
                break;
            }
        }
    }
    stack.pop()
}

impl Open {
    fn at(text: &str, offset: usize, kind: OpenKind, name: Option<String>) -> Open {
        let (line, col) = line_col(text, offset);
        Open {
            kind,
            name,
            line,
            col,
        }
    }
}

/// The bracket at `at`, with its name: `agenda: [` is the list « agenda », `Member(` the
/// structure « Member », `secretary: Some(` the value « secretary ».
fn opener(text: &str, at: usize, bracket: char) -> Open {
    let before = text[..at].trim_end();
    let ident = trailing_ident(before);
    let field = before[..before.len() - ident.len()]
        .trim_end()
        .strip_suffix(':')
        .map(|b| trailing_ident(b.trim_end()))
        .filter(|f| !f.is_empty())
        .map(str::to_string);
    let (kind, name) = match bracket {
        '(' if ident == "Some" => (OpenKind::Value, field),
        '(' if !ident.is_empty() => (OpenKind::Structure, Some(ident.to_string())),
        '(' => (OpenKind::Structure, field),
        '[' => (OpenKind::List, field),
        _ => (OpenKind::Table, field),
    };
    Open::at(text, at, kind, name)
}

/// The identifier the text ends with ("" if none).
fn trailing_ident(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &text[start..]
}

/// Whether the byte at `at` continues an identifier (the `r` of `owner` is not a raw string).
fn after_ident(text: &str, at: usize) -> bool {
    text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_')
}

/// Length of the string the text starts with (`"…"`, escapes included), `None` if unclosed.
fn string_len(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Length of the raw string the text starts with (`r"…"`, `r#"…"#`), `None` if unclosed; a
/// raw identifier (`r#type`) is one character long.
fn raw_string_len(text: &str) -> Option<usize> {
    let hashes = text[1..].chars().take_while(|&c| c == '#').count();
    let body = 1 + hashes;
    if !text[body..].starts_with('"') {
        return Some(1);
    }
    let end = format!("\"{}", "#".repeat(hashes));
    text[body + 1..]
        .find(&end)
        .map(|len| body + 1 + len + end.len())
}

/// Length of the character the text starts with (`'x'`, `'\''`).
fn char_len(text: &str) -> usize {
    let mut chars = text.char_indices().skip(1);
    if let Some((_, '\\')) = chars.next() {
        chars.next();
    }
    chars
        .find(|(_, c)| *c == '\'')
        .map_or(text.len(), |(i, _)| i + 1)
}

/// Length of the block comment the text starts with (they nest), `None` if unclosed.
fn block_comment_len(text: &str) -> Option<usize> {
    let mut depth = 0;
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        if rest.starts_with("/*") {
            depth += 1;
            at += 2;
        } else if rest.starts_with("*/") {
            depth -= 1;
            at += 2;
            if depth == 0 {
                return Some(at);
            }
        } else {
            at += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    None
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
    to_text_sized(value, header, 0)
}

/// [`to_text`] into a text made room for `size` bytes first (the length of its last text):
/// a large one is then written without growing by steps that leave freed blocks behind.
pub fn to_text_sized<T: Serialize>(value: &T, header: &[&str], size: usize) -> String {
    let mut text = String::with_capacity(room(size));
    write_text(value, header, &mut text);
    if text.capacity() > room(text.len()) {
        text.shrink_to(room(text.len()));
    }
    text
}

/// Step of the sizes given to large texts.
pub const ROOM_STEP: usize = 1 << 20;

/// The room given to a text of about `len` bytes that is made again and again a little
/// longer (a meeting's file at each save, its copies while typing): a little more than `len`,
/// so that the next one fits without the text doubling its memory to grow, and for a large
/// one rounded up to the next mebibyte, so that the block freed by the last copy is the size
/// of the next one and is used again, instead of a hole left behind each time.
pub fn room(len: usize) -> usize {
    let len = len + len / 64;
    if len < ROOM_STEP {
        len
    } else {
        len.div_ceil(ROOM_STEP) * ROOM_STEP
    }
}

/// [`to_text`] into `text`, in place of what it held (its memory is reused: a writer of the
/// same file again and again allocates nothing).
pub fn write_text<T: Serialize>(value: &T, header: &[&str], text: &mut String) {
    let config = PrettyConfig::new()
        .struct_names(true)
        .escape_strings(false)
        .indentor("    ")
        .new_line("\n");
    text.clear();
    for line in header {
        text.push_str("// ");
        text.push_str(line);
        text.push('\n');
    }
    // Written in place after the header (not copied after it), then given its size: the text
    // of a large meeting is kept as the base of the next save.
    ron::ser::to_writer_pretty(&mut *text, value, config)
        .expect("the model only holds types RON can write");
    text.push('\n');
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

    #[test]
    fn an_identifier_after_a_wide_character_is_cut_at_a_character_boundary() {
        assert_eq!(trailing_ident("x 🡄Meeting"), "Meeting");
        assert_eq!(trailing_ident("🡄"), "");
        assert_eq!(trailing_ident("évaluations"), "évaluations");
    }
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
    fn a_cut_file_says_in_the_middle_of_what_it_stops() {
        assert_eq!(
            err("Sample(\n  name: \"Réunion du").message,
            "le fichier s'arrête au milieu d'un texte entre guillemets ouvert ligne 2, colonne 9 : il a sans doute été tronqué (ou un guillemet manque)"
        );
        assert_eq!(
            err("// en-tête\nSample(\n  name: \"a\",\n  count: 1,\n").message,
            "le fichier s'arrête au milieu de la structure « Sample » ouverte ligne 2, colonne 7 : il a sans doute été tronqué (ou « ) » manque)"
        );
        assert_eq!(
            err("Sample(name: \"a\", count: 1, day: Some(").message,
            "le fichier s'arrête au milieu de la valeur « day » ouverte ligne 1, colonne 38 : il a sans doute été tronqué (ou « ) » manque)"
        );
        for cut in ["Sample(", "Sample(name: \"a\", count: 1 /* note"] {
            let message = err(cut).message;
            assert!(
                message.starts_with("le fichier s'arrête au milieu "),
                "{cut}: {message}"
            );
            assert_eq!(message.matches("tronqué").count(), 1, "{message}");
        }
    }

    #[test]
    fn a_meeting_cut_anywhere_is_called_cut_once_and_placed() {
        let sample = crate::sample::sample(chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        let (id, meeting) = &sample.meetings[0];
        let text = crate::store::meeting_text(*id, meeting);
        let body = text.find("Meeting(").unwrap() + "Meeting(".len();
        for cut in (body..text.len() - 1).step_by(11) {
            let cut = (cut..).find(|&i| text.is_char_boundary(i)).unwrap();
            let error = parse::<crate::model::Meeting>(Path::new("r.ron"), &text[..cut])
                .expect_err("a cut meeting does not read");
            let message = &error.message;
            assert!(
                message.starts_with("le fichier s'arrête ")
                    && message.matches("tronqué").count() == 1,
                "cut at {cut}: {message}\n…{}",
                &text[cut.saturating_sub(60)..cut]
            );
        }
    }

    #[test]
    fn what_is_open_at_the_end_is_found_past_strings_characters_and_comments() {
        let open = |text| open_at_end(text).map(|o| (o.kind, o.name, o.line, o.col));
        let meeting =
            "Meeting(\n    agenda: [\n        AgendaItem(\n            title: \"( [ { \\\" ]\",\n";
        assert_eq!(
            open(meeting),
            Some((OpenKind::Structure, Some("AgendaItem".into()), 3, 19))
        );
        assert_eq!(
            open("Meeting(\n    agenda: [\n"),
            Some((OpenKind::List, Some("agenda".into()), 2, 13))
        );
        assert_eq!(
            open("M(\n  // ( [ « commentaire »\n  m: { 'a': r#\"(\"#, ')': 1, /* ( /* [ */ */"),
            Some((OpenKind::Table, Some("m".into()), 3, 6))
        );
        assert_eq!(open("M(a: /* /* */"), Some((OpenKind::Comment, None, 1, 6)));
        assert_eq!(open("M(a: r##\"x\"#"), Some((OpenKind::Text, None, 1, 6)));
        assert_eq!(open("M(r#type: 1, owner: \"r\")"), None);
        assert_eq!(open("M(a: [1, 2], b: (3, 4))\n"), None);
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
