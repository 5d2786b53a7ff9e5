//! The attendance sheet (feuille d'émargement) as CSV that a double-click opens right in
//! LibreOffice Calc or Excel on a French desktop: UTF-8 with a BOM, `;` between fields, CRLF.

use super::privacy::Naming;
use super::typography::{self, french};
use super::{ExportError, Options, Source};
use crate::app::form::fold;
use crate::model::{Meeting, MemberId};

/// The columns of the sheet.
pub const HEADER: [&str; 5] = [
    "Nom",
    "Rôle",
    "Fonction, organisation",
    "Statut",
    "Signature",
];

/// The sheet of a meeting: a title line, an empty line, the header, then one row per invited
/// or recorded member, in alphabetical order of surnames, with an empty signature column.
pub fn attendance_sheet(
    source: &Source,
    meeting: &Meeting,
    options: &Options,
) -> Result<String, ExportError> {
    let naming = source.naming(options.public);
    let mut members: Vec<MemberId> = super::document::invited(meeting, source);
    for entry in &meeting.attendance {
        if !members.contains(&entry.member) {
            members.push(entry.member);
        }
    }
    let mut rows: Vec<[String; 5]> = members
        .into_iter()
        .map(|id| row(id, meeting, &naming))
        .collect();
    rows.sort_by_cached_key(|r| (sort_key(&r[0]), fold(&r[0])));
    let title = french(&format!(
        "Feuille d'émargement — {} — {}{}",
        source.committee.name,
        typography::date_time(meeting.date, meeting.time),
        match naming.text(&meeting.place) {
            place if place.is_empty() => String::new(),
            place => format!(" — {place}"),
        }
    ));
    // The title, an empty line, then the table.
    let mut text = String::from("\u{feff}");
    text.push_str(&records(&[[title]])?);
    text.push_str("\r\n");
    text.push_str(&records(&[HEADER.map(String::from)])?);
    text.push_str(&records(&rows)?);
    Ok(text)
}

/// Records written with `;` and CRLF, quoted where needed.
fn records<const N: usize>(rows: &[[String; N]]) -> Result<String, ExportError> {
    let failed = |e: &dyn std::fmt::Display| {
        ExportError::Refused(format!("feuille d'émargement impossible ({e})"))
    };
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in rows {
        writer.write_record(row).map_err(|e| failed(&e))?;
    }
    let bytes = writer.into_inner().map_err(|e| failed(&e))?;
    String::from_utf8(bytes).map_err(|e| failed(&e))
}

fn row(id: MemberId, meeting: &Meeting, naming: &Naming) -> [String; 5] {
    [
        naming.person(id),
        naming.role(id),
        naming.function(id).map(|f| french(&f)).unwrap_or_default(),
        meeting
            .presence_of(id)
            .map(|p| naming.presence(p))
            .unwrap_or_default(),
        String::new(),
    ]
    .map(|text| inert(&text))
}

/// A cell a spreadsheet will not run: text starting like a formula (`=`, `+`, `-`, `@`) gets
/// an apostrophe in front, as spreadsheets themselves do for text typed so.
fn inert(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// The surname first ("Lefèvre Jean-Baptiste"), folded, to sort as people look themselves up.
fn sort_key(name: &str) -> String {
    match name.split_once(' ') {
        Some((first, last)) => fold(&format!("{last} {first}")),
        None => fold(name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_look_like_formulas_are_kept_as_text() {
        assert_eq!(inert("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("Hélène"), "Hélène");
        assert_eq!(inert(""), "");
    }
}
