//! `copilnum objectives`: every objective with its latest evaluation and its lineage across
//! meetings, filtered by school year, status, owner, domain or CRCN competence; as text, or as
//! CSV for a spreadsheet (UTF-8 with a BOM, `;`, CRLF: what French Excel and LibreOffice open
//! right).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::ObjectivesArgs;
use crate::fr;
use crate::model::lineage::{Event, Ledger, Record};
use crate::model::year::{ObjectiveFilter, SchoolYear};
use crate::model::{Committee, Meeting, MeetingId, MemberId};
use crate::output::{self, Out, OutputError, say};
use crate::search::fold;
use crate::store::Store;

/// How the objectives are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Csv,
}

/// Lists the objectives; a meeting that does not read is named on standard error (its
/// objectives are missing from the list) and makes the exit code 1.
pub fn run(dir: &Path, options: &ObjectivesArgs) -> super::Exit {
    let format = match options.format.trim() {
        "text" | "texte" => Format::Text,
        "csv" => Format::Csv,
        other => return Err(format!("format « {other} » inconnu ; formats : text, csv").into()),
    };
    let mut store = Store::open_read_only(dir, "liste des objectifs");
    let committee = store.load_committee().map_err(|e| e.to_string())?;
    let filter = filter(&store, &committee, options)?;
    let mut meetings: Vec<(MeetingId, Meeting)> = Vec::new();
    let mut unreadable = Vec::new();
    for (id, meeting) in store.load_meetings().map_err(|e| e.to_string())? {
        match meeting {
            Ok(m) => meetings.push((id, m)),
            Err(e) => unreadable.push(format!(
                "réunion {id} illisible, ses objectifs manquent à la liste — copilnum check pour le détail ({e})"
            )),
        }
    }
    let refs: Vec<(MeetingId, &Meeting)> = meetings.iter().map(|(id, m)| (*id, m)).collect();
    let ledger = Ledger::new(&refs);
    let rows: Vec<Row> = filter
        .apply(&ledger)
        .into_iter()
        .map(|record| Row::new(record, &ledger, &committee))
        .collect();
    let mut out = output::stdout();
    match format {
        Format::Text => text(
            &mut out,
            &committee,
            &rows,
            filter != ObjectiveFilter::default(),
        )?,
        Format::Csv => csv(&mut out, &rows)?,
    }
    out.flush()?;
    // Said once the list is out: nothing to say to a reader gone.
    for message in &unreadable {
        say(message);
    }
    Ok(if unreadable.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// The filter the options ask for, or a French message saying which option is wrong.
fn filter(
    store: &Store,
    committee: &Committee,
    options: &ObjectivesArgs,
) -> Result<ObjectiveFilter, String> {
    let crcn = match options.crcn.as_deref().map(str::trim) {
        None => None,
        Some(code) => {
            let catalog = store.load_catalog().map_err(|e| e.to_string())?;
            if catalog.competence(code).is_none() {
                return Err(format!(
                    "compétence CRCN « {code} » inconnue (codes 1.1 à 5.2)"
                ));
            }
            Some(code.to_string())
        }
    };
    Ok(ObjectiveFilter {
        year: options
            .year
            .as_deref()
            .map(str::parse::<SchoolYear>)
            .transpose()?,
        status: options.status.as_deref().map(str::parse).transpose()?,
        owner: options
            .owner
            .as_deref()
            .map(|o| owner(committee, o))
            .transpose()?,
        domain: options.domain.as_deref().map(str::parse).transpose()?,
        crcn,
    })
}

/// The member a user names by number, by full name or by part of it, whatever the accents and
/// case; a French message when nobody or several people match.
pub fn owner(committee: &Committee, text: &str) -> Result<MemberId, String> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let id = text
            .parse::<u32>()
            .ok()
            .map(MemberId)
            .filter(|id| committee.member(*id).is_some());
        return id.ok_or_else(|| format!("aucun membre n° {text} dans le comité"));
    }
    let wanted = fold(text);
    if wanted.trim().is_empty() {
        return Err("le responsable ne peut pas être vide".into());
    }
    let exact: Vec<_> = committee
        .members
        .iter()
        .filter(|m| fold(&m.name) == wanted)
        .collect();
    if let [one] = exact[..] {
        return Ok(one.id);
    }
    let partial: Vec<_> = committee
        .members
        .iter()
        .filter(|m| fold(&m.name).contains(&wanted))
        .collect();
    match partial[..] {
        [one] => Ok(one.id),
        [] => Err(format!("aucun membre du comité ne s'appelle « {text} »")),
        _ => {
            let names: Vec<String> = partial
                .iter()
                .map(|m| format!("{} (n° {})", m.name, m.id.0))
                .collect();
            Err(format!(
                "« {text} » désigne plusieurs membres : {} ; précisez le nom ou donnez le numéro",
                names.join(", ")
            ))
        }
    }
}

/// One objective, ready to print.
struct Row {
    year: SchoolYear,
    id: u32,
    statement: String,
    owner: String,
    domain: &'static str,
    crcn: String,
    indicator: String,
    due: String,
    due_to_confirm: bool,
    set_on: String,
    set_at: MeetingId,
    status: &'static str,
    evaluated_on: String,
    comment: String,
    carried_from: String,
    carried_to: String,
    lineage: Vec<String>,
}

impl Row {
    fn new(record: &Record, ledger: &Ledger, committee: &Committee) -> Row {
        let o = record.objective;
        let latest = record.latest();
        let numbers = |ids: &mut dyn Iterator<Item = u32>| {
            ids.map(|n| n.to_string()).collect::<Vec<_>>().join(", ")
        };
        Row {
            year: SchoolYear::of(record.set_at.date),
            id: o.id.0,
            statement: o.statement.clone(),
            owner: committee
                .member(o.owner)
                .map_or_else(|| format!("membre n° {}", o.owner.0), |m| m.name.clone()),
            domain: o.domain.label(),
            crcn: o.crcn.clone().unwrap_or_default(),
            indicator: o.indicator.clone(),
            due: fr::date_short(o.due),
            due_to_confirm: o.due_to_confirm,
            set_on: fr::date_short(record.set_at.date),
            set_at: record.set_at,
            status: record.status().label(),
            evaluated_on: latest
                .filter(|e| e.evaluation.outcome.is_some())
                .map(|e| fr::date_short(e.at.date))
                .unwrap_or_default(),
            comment: latest
                .map(|e| e.evaluation.comment.clone())
                .unwrap_or_default(),
            carried_from: numbers(&mut o.carried_from.iter().map(|c| c.0)),
            carried_to: numbers(&mut record.carried_to.iter().map(|(_, c)| c.0)),
            lineage: ledger.lineage(o.id).iter().map(Event::describe).collect(),
        }
    }
}

/// The objectives by school year, each with its details and its lineage, one event a line.
fn text<W: Write>(
    out: &mut Out<W>,
    committee: &Committee,
    rows: &[Row],
    filtered: bool,
) -> Result<(), OutputError> {
    out.line(format_args!(
        "{} — {}",
        committee.name,
        fr::count(rows.len(), "objectif", "objectifs")
    ))?;
    if rows.is_empty() {
        return out.line(if filtered {
            "Aucun objectif ne répond à ces critères."
        } else {
            "Aucun objectif pour l'instant."
        });
    }
    let mut year = None;
    for row in rows {
        if year != Some(row.year) {
            year = Some(row.year);
            out.line("")?;
            out.line(format_args!("Année scolaire {}", row.year))?;
        }
        out.line("")?;
        out.line(format_args!("n° {} — {}", row.id, row.statement))?;
        let mut details = vec![row.status.to_string(), row.owner.clone(), row.domain.into()];
        if !row.crcn.is_empty() {
            details.push(format!("CRCN {}", row.crcn));
        }
        details.push(if row.due_to_confirm {
            format!("échéance à confirmer ({})", row.due)
        } else {
            format!("échéance {}", row.due)
        });
        out.line(format_args!("    {}", details.join(" · ")))?;
        if !row.indicator.trim().is_empty() {
            out.line(format_args!("    indicateur : {}", row.indicator))?;
        }
        for event in &row.lineage {
            out.line(format_args!("    – {event}"))?;
        }
    }
    Ok(())
}

/// The columns of the CSV file.
const COLUMNS: [&str; 17] = [
    "Année scolaire",
    "N°",
    "Objectif",
    "Responsable",
    "Domaine",
    "Compétence CRCN",
    "Indicateur",
    "Échéance",
    "Échéance à confirmer",
    "Fixé le",
    "Réunion",
    "Statut",
    "Évalué le",
    "Commentaire",
    "Reconduit de",
    "Reconduit en",
    "Historique",
];

/// One row per objective, for a spreadsheet: UTF-8 with a BOM, `;` between fields, CRLF
/// line ends, fields quoted where they need it.
fn csv<W: Write>(out: &mut Out<W>, rows: &[Row]) -> Result<(), OutputError> {
    let mut writer = ::csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let failed = |e: ::csv::Error| OutputError(std::io::Error::other(e.to_string()));
    writer.write_record(COLUMNS).map_err(failed)?;
    for row in rows {
        let id = row.id.to_string();
        let lineage = row.lineage.join(" ; ");
        writer
            .write_record([
                row.year.to_string().as_str(),
                &id,
                &row.statement,
                &row.owner,
                row.domain,
                &row.crcn,
                &row.indicator,
                &row.due,
                if row.due_to_confirm { "oui" } else { "non" },
                &row.set_on,
                &row.set_at.to_string(),
                row.status,
                &row.evaluated_on,
                &row.comment,
                &row.carried_from,
                &row.carried_to,
                &lineage,
            ])
            .map_err(failed)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| OutputError(std::io::Error::other(e.to_string())))?;
    out.text("\u{feff}")?;
    out.text(&String::from_utf8_lossy(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;
    use chrono::NaiveDate;

    fn thonon() -> Committee {
        sample::sample(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()).committee
    }

    #[test]
    fn an_owner_is_found_by_number_name_or_part_of_it_without_accents() {
        let c = thonon();
        assert_eq!(owner(&c, "2"), Ok(MemberId(2)));
        assert_eq!(owner(&c, "jean-baptiste lefevre"), Ok(MemberId(2)));
        assert_eq!(owner(&c, "LEFÈVRE"), Ok(MemberId(2)));
        assert_eq!(
            owner(&c, "42"),
            Err("aucun membre n° 42 dans le comité".into())
        );
        assert_eq!(
            owner(&c, "Zorro"),
            Err("aucun membre du comité ne s'appelle « Zorro »".into())
        );
        let several = owner(&c, "an").unwrap_err();
        assert!(
            several.starts_with("« an » désigne plusieurs membres : ") && several.contains("(n° "),
            "{several}"
        );
        assert!(owner(&c, "  ").is_err());
    }

    fn rows() -> Vec<Row> {
        let s = sample::sample(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        let refs: Vec<(MeetingId, &Meeting)> = s.meetings.iter().map(|(i, m)| (*i, m)).collect();
        let ledger = Ledger::new(&refs);
        ledger
            .records()
            .iter()
            .map(|r| Row::new(r, &ledger, &s.committee))
            .collect()
    }

    #[test]
    fn the_text_lists_each_objective_with_its_details_and_lineage_by_year() {
        let mut out = Out::new(Vec::new());
        text(&mut out, &thonon(), &rows(), false).unwrap();
        let text = String::from_utf8(out.into_inner()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "COPIL-Num de la circonscription de Thonon-les-Bains — 5 objectifs"
        );
        assert!(lines[2].starts_with("Année scolaire 20"), "{text}");
        assert_eq!(
            lines[4],
            "n° 1 — Ouvrir l’ENT dans les 5 écoles qui ne l’utilisent pas encore"
        );
        assert!(
            lines[5].starts_with(
                "    à évaluer · Jean-Baptiste Lefèvre · Pédagogique · CRCN 2.1 · échéance "
            ),
            "{}",
            lines[5]
        );
        assert!(
            lines[6].starts_with("    indicateur : 14 écoles"),
            "{}",
            lines[6]
        );
        assert!(lines[7].starts_with("    – fixé le "), "{}", lines[7]);
        assert!(lines[8].starts_with("    – à évaluer le "), "{}", lines[8]);
    }

    #[test]
    fn nothing_to_list_is_said() {
        let mut out = Out::new(Vec::new());
        text(&mut out, &thonon(), &[], true).unwrap();
        let text = String::from_utf8(out.into_inner()).unwrap();
        assert!(text.ends_with("— 0 objectif\nAucun objectif ne répond à ces critères.\n"));
    }

    #[test]
    fn the_csv_is_what_a_french_spreadsheet_opens() {
        let mut out = Out::new(Vec::new());
        csv(&mut out, &rows()).unwrap();
        let bytes = out.into_inner();
        assert!(bytes.starts_with("\u{feff}Année scolaire;N°;Objectif;".as_bytes()));
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.ends_with("\r\n"));
        assert_eq!(
            text.matches("\r\n").count(),
            6,
            "a header and five objectives"
        );
        assert_eq!(text.matches('\n').count(), 6, "no bare LF");
        let mut reader = ::csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let records: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(records.len(), 5);
        assert_eq!(&records[0][1], "1");
        assert_eq!(&records[0][3], "Jean-Baptiste Lefèvre");
        assert_eq!(&records[0][11], "à évaluer");
        assert!(
            records[0][16].starts_with("fixé le "),
            "{:?}",
            &records[0][16]
        );
    }
}
