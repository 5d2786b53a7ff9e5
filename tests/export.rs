//! Exports on the sample committee: golden files of every format (tests/golden/; rewrite them
//! with `UPDATE_GOLDEN=1 cargo test --test export` and read the diff), the invitation parsed
//! back by an iCalendar crate, the attendance sheet read back by the csv crate, the HTML
//! checked for escaping and well-formedness, the public version checked for personal data,
//! the lineage of objectives, template overrides, and the command line.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use copilnum::catalog::Catalog;
use copilnum::export::typography::{NBSP, french};
use copilnum::export::{self, Format, Options, SchoolYear, Source, Templates};
use copilnum::model::{
    Attendance, Decision, Domain, MeetingId, MemberId, Objective, ObjectiveId, Outcome, Presence,
};
use copilnum::sample::{self, Sample};
use icalendar::{CalendarComponent, Component, DatePerhapsTime, EventLike};

/// The day the sample is written: both its meetings then fall in the school year 2026-2027
/// (the held one on 6 October 2026, the follow-up on 12 January 2027).
fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 10).unwrap()
}

/// The private line added to the held meeting's notes.
const PRIVATE: &str = "Le budget informatique de la mairie sera réduit de moitié.";

/// When the documents are made.
fn now() -> DateTime<FixedOffset> {
    FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2027, 1, 10, 18, 30, 0)
        .unwrap()
}

/// The sample, with a private line in the held meeting and the follow-up meeting held too:
/// attendance, the previous objectives evaluated, one carried over, a closing.
fn fixture() -> Sample {
    let mut sample = sample::sample(today());
    let past = &mut sample.meetings[0].1;
    past.agenda[2].items[2]
        .notes
        .push_str(&format!("\n[privé] {PRIVATE}"));
    let next = &mut sample.meetings[1].1;
    let start = next
        .date
        .and_time(NaiveTime::from_hms_opt(14, 2, 0).unwrap());
    next.started_at = Some(start);
    next.ended_at = Some(start + Duration::minutes(118));
    for (id, presence) in [
        (1, Presence::Present),
        (2, Presence::Present),
        (5, Presence::Present),
        (7, Presence::Excused),
        (
            8,
            Presence::RepresentedBy("Sophie Rey, chargée de mission éducation".into()),
        ),
        (17, Presence::Present),
        (19, Presence::Absent),
    ] {
        next.attendance.push(Attendance {
            member: MemberId(id),
            presence,
            statement: String::new(),
            arrived_at: None,
        });
    }
    let verdicts = [
        (
            Outcome::Postponed,
            "Deux écoles attendent la fibre : reporté.",
        ),
        (Outcome::Achieved, "Liste transmise le 4 décembre."),
        (Outcome::Achieved, ""),
        (
            Outcome::PartiallyAchieved,
            "Devis reçu, vote au prochain conseil !",
        ),
        (Outcome::NotAchieved, "Réunion annulée (neige)."),
    ];
    for (evaluation, (outcome, comment)) in next.evaluations.iter_mut().zip(verdicts) {
        evaluation.outcome = Some(outcome);
        evaluation.comment = comment.into();
    }
    next.agenda[0].notes = "M. Lefèvre fait le point : 12 écoles sur 14 ont l’ENT.\n[privé] Tension entre deux directeurs sur le calendrier.".into();
    next.agenda[0].decisions.push(Decision {
        text: "L’objectif d’ouverture de l’ENT est reconduit.".into(),
    });
    next.objectives.push(Objective {
        id: ObjectiveId(6),
        statement: "Ouvrir l’ENT dans les deux dernières écoles".into(),
        owner: MemberId(2),
        due: next.date + Duration::weeks(10),
        indicator: "14 écoles sur 14".into(),
        domain: Domain::Pedagogical,
        subjects: vec![],
        crcn: Some("2.1".into()),
        carried_from: Some(ObjectiveId(1)),
        due_to_confirm: false,
    });
    next.next_meeting = Some(copilnum::model::NextMeeting {
        date: next.date + Duration::weeks(12),
        time: NaiveTime::from_hms_opt(9, 30, 0),
        place: "École Jules-Ferry, salle polyvalente".into(),
    });
    sample
}

struct Made {
    sample: Sample,
    catalog: Catalog,
    templates: Templates,
}

impl Made {
    fn new(sample: Sample) -> Made {
        Made {
            sample,
            catalog: Catalog::builtin(),
            templates: Templates::builtin(),
        }
    }

    fn source(&self) -> Source<'_> {
        Source {
            committee: &self.sample.committee,
            catalog: &self.catalog,
            meetings: &self.sample.meetings,
        }
    }

    fn id(&self, index: usize) -> MeetingId {
        self.sample.meetings[index].0
    }

    fn try_meeting(&self, index: usize, format: Format, public: bool) -> Result<String, String> {
        let options = Options { public, now: now() };
        export::meeting_document(
            &self.source(),
            &self.templates,
            self.id(index),
            format,
            &options,
        )
        .map_err(|e| e.to_string())
    }

    fn meeting(&self, index: usize, format: Format, public: bool) -> String {
        self.try_meeting(index, format, public).unwrap()
    }

    fn year(&self, format: Format, public: bool) -> String {
        let options = Options { public, now: now() };
        let year = SchoolYear::of(self.id(1).date);
        export::year_document(&self.source(), &self.templates, year, format, &options).unwrap()
    }
}

/// Compares with the golden file, or rewrites it when UPDATE_GOLDEN is set.
fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: UPDATE_GOLDEN=1 cargo test --test export",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .map_or(expected.lines().count().min(actual.lines().count()), |i| i);
        panic!(
            "{} differs from line {}:\nexpected: {:?}\nactual:   {:?}\n(UPDATE_GOLDEN=1 cargo test --test export rewrites it)",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

#[test]
fn golden_compte_rendu_in_markdown_and_html() {
    let made = Made::new(fixture());
    golden(
        "compte-rendu-premiere.md",
        &made.meeting(0, Format::Markdown, false),
    );
    golden(
        "compte-rendu-premiere-public.md",
        &made.meeting(0, Format::Markdown, true),
    );
    golden(
        "compte-rendu-suivi.md",
        &made.meeting(1, Format::Markdown, false),
    );
    golden(
        "compte-rendu-premiere.html",
        &made.meeting(0, Format::Html, false),
    );
    golden(
        "compte-rendu-suivi-public.html",
        &made.meeting(1, Format::Html, true),
    );
}

#[test]
fn golden_invitation_attendance_sheet_distribution_list_and_year_report() {
    let made = Made::new(fixture());
    golden("invitation.ics", &made.meeting(0, Format::Ics, false));
    golden("emargement.csv", &made.meeting(0, Format::Csv, false));
    golden("diffusion.txt", &made.meeting(0, Format::Emails, false));
    golden("rapport-annuel.md", &made.year(Format::Markdown, false));
    golden("rapport-annuel-public.html", &made.year(Format::Html, true));
}

#[test]
fn the_compte_rendu_holds_what_the_issue_lists() {
    let made = Made::new(fixture());
    let md = made.meeting(1, Format::Markdown, false);
    for expected in [
        "# COPIL-Num de la circonscription de Thonon-les-Bains",
        "Circonscription de Thonon-les-Bains",
        &format!("**Date{NBSP}:** mardi 12{NBSP}janvier 2027 à 14{NBSP}h"),
        "Salle du conseil municipal",
        &format!("**Type de réunion{NBSP}:** ordinaire"),
        &format!("**Pilote{NBSP}:** Hélène Marchand"),
        &format!("**Secrétaire de séance{NBSP}:** Nadia Benali"),
        "### Présents (5)",
        "### Excusés (1)",
        "### Absents (1)",
        "représenté par Sophie Rey",
        "## Ordre du jour",
        "M. Lefèvre fait le point",
        "L’objectif d’ouverture de l’ENT est reconduit.",
        "| n°\u{a0}4 | Chiffrer le renouvellement des tablettes de l’école de la Grangette | Claire Dubois-Ferrand | partiellement atteint | Devis reçu, vote au prochain conseil\u{202f}! |",
        "| n°\u{a0}6 | Ouvrir l’ENT dans les deux dernières écoles | Jean-Baptiste Lefèvre |",
        "| Pédagogique | 2.1 Interagir | n°\u{a0}1 du 06/10/2026 |",
        "Généraliser l’usage de l’ENT dans toutes les écoles, avec les familles (fixé le 06/10/2026)",
        "Coordination et suivi\u{a0}: Jean-Baptiste Lefèvre (ERUN).",
        "mardi 6\u{a0}avril 2027 à 9\u{a0}h\u{a0}30, École Jules-Ferry, salle polyvalente.",
        "*(privé)* Tension entre deux directeurs",
    ] {
        assert!(md.contains(expected), "missing {expected:?} in\n{md}");
    }
    let first = made.meeting(0, Format::Markdown, false);
    assert!(first.contains(&format!(
        "**Hélène Marchand (IEN de circonscription){NBSP}:** IEN de la circonscription, pilote du COPIL-Num."
    )), "the tour de table");
    assert!(
        first.contains("- **Élève\u{a0}:** Inès Bouvier"),
        "absents by role"
    );
}

#[test]
fn french_typography_is_applied_everywhere() {
    let made = Made::new(fixture());
    for (format, text) in [
        (Format::Markdown, made.meeting(0, Format::Markdown, false)),
        (Format::Html, made.meeting(0, Format::Html, false)),
    ] {
        for bad in [" :", " ;", " !", " ?", "« ", " »"] {
            assert!(
                !text.contains(bad),
                "{format}: {bad:?} with an ordinary space"
            );
        }
        assert!(text.contains("par an\u{202f}; un compte-rendu"), "{format}");
        assert!(
            text.contains("«\u{a0}Les Écrans en Famille\u{a0}»"),
            "{format}"
        );
        assert!(text.contains("14\u{a0}h\u{a0}04"), "{format}");
    }
}

#[test]
fn the_invitation_parses_back_as_an_event_in_paris_time_with_attendees() {
    let made = Made::new(fixture());
    let ics = made.meeting(0, Format::Ics, false);
    assert!(ics.lines().count() > 10);
    assert!(
        ics.split("\r\n")
            .all(|l| !l.contains('\n') && l.len() <= 75),
        "CRLF lines of 75 octets at most"
    );
    let calendar: icalendar::Calendar = ics.parse().expect("a valid calendar");
    let events: Vec<&icalendar::Event> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 1);
    let event = events[0];
    let upcoming = made.sample.meetings[1].1.date;
    match event.get_start() {
        Some(DatePerhapsTime::DateTime(icalendar::CalendarDateTime::WithTimezone {
            date_time,
            tzid,
        })) => {
            assert_eq!(tzid, "Europe/Paris");
            assert_eq!(date_time, upcoming.and_hms_opt(14, 0, 0).unwrap());
        }
        other => panic!("start {other:?}"),
    }
    assert_eq!(
        event.get_summary(),
        Some("COPIL-Num de la circonscription de Thonon-les-Bains — réunion ordinaire")
    );
    assert_eq!(
        event.get_location(),
        Some("Salle du conseil municipal, mairie de Thonon-les-Bains")
    );
    let description = event.get_description().unwrap();
    assert!(
        description.contains("1. Bilan des objectifs de la réunion précédente (25\u{a0}min)\n"),
        "{description}"
    );
    assert!(
        description.contains("   4.2 Points techniques"),
        "{description}"
    );
    let attendees = event.multi_properties().get("ATTENDEE").unwrap();
    let with_email = made
        .sample
        .committee
        .active_members()
        .filter(|m| m.email.is_some())
        .count();
    assert_eq!(attendees.len(), with_email);
    assert!(attendees.iter().any(|a| {
        a.value() == "mailto:chloe.dalmeida@exemple.fr"
            && a.params().get("CN").map(|p| p.value()) == Some("Chloé d'Almeida")
    }));
    assert!(ics.contains("ORGANIZER;CN=\"Hélène Marchand\":mailto:helene.marchand@ac-grenoble.fr"));
    assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"));
}

#[test]
fn a_new_export_of_the_invitation_updates_the_same_event() {
    let made = Made::new(fixture());
    let uid = |ics: &str| {
        let calendar: icalendar::Calendar = ics.parse().unwrap();
        calendar
            .components
            .iter()
            .find_map(|c| match c {
                CalendarComponent::Event(e) => e.get_uid().map(str::to_string),
                _ => None,
            })
            .unwrap()
    };
    let sequence = |ics: &str| -> u64 {
        ics.lines()
            .find_map(|l| l.strip_prefix("SEQUENCE:"))
            .unwrap()
            .trim()
            .parse()
            .unwrap()
    };
    let first = made.meeting(0, Format::Ics, false);
    // Later, with the next meeting moved by a day and exported from the meeting itself.
    let mut moved = fixture();
    moved.meetings[0].1.next_meeting.as_mut().unwrap().date += Duration::days(1);
    let moved = Made::new(moved);
    let options = Options {
        public: false,
        now: now() + Duration::hours(2),
    };
    let again = export::meeting_document(
        &moved.source(),
        &moved.templates,
        moved.id(0),
        Format::Ics,
        &options,
    )
    .unwrap();
    assert_eq!(uid(&first), uid(&again));
    assert!(sequence(&again) > sequence(&first));
    assert!(again.contains(&format!(
        "DTSTART;TZID=Europe/Paris:{}T140000",
        (made.sample.meetings[1].1.date + Duration::days(1)).format("%Y%m%d")
    )));
    // An upcoming meeting's own invitation is the same event as the one its previous
    // meeting announced.
    let upcoming = Made::new(sample::sample(today()));
    assert_eq!(uid(&upcoming.meeting(1, Format::Ics, false)), uid(&first));
}

#[test]
fn an_invitation_needs_a_next_meeting() {
    let mut sample = fixture();
    sample.meetings[0].1.next_meeting = None;
    let made = Made::new(sample);
    let error = made.try_meeting(0, Format::Ics, false).unwrap_err();
    assert!(
        error.contains("n'a pas fixé la date de la suivante"),
        "{error}"
    );
}

#[test]
fn the_attendance_sheet_reads_back_with_the_csv_crate() {
    let made = Made::new(fixture());
    let text = made.meeting(0, Format::Csv, false);
    let body = text.strip_prefix('\u{feff}').expect("a BOM first");
    assert!(body.contains("\r\n") && !body.replace("\r\n", "").contains('\n'));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows[0][0].starts_with("Feuille d'émargement — COPIL-Num"));
    assert!(
        body.contains("\r\n\r\nNom;"),
        "an empty line before the table"
    );
    assert_eq!(
        rows[1].iter().collect::<Vec<_>>(),
        [
            "Nom",
            "Rôle",
            "Fonction, organisation",
            "Statut",
            "Signature"
        ]
    );
    let members = &rows[2..];
    assert_eq!(members.len(), 20, "every member of the roster was invited");
    assert!(members.iter().all(|r| r.len() == 5 && r[4].is_empty()));
    let row = |name: &str| members.iter().find(|r| &r[0] == name).unwrap();
    assert_eq!(&row("Inès Bouvier")[3], "absent");
    assert_eq!(&row("Pascal Chevallier")[3], "excusé");
    assert_eq!(
        &row("Gérard Mouthon")[3],
        "représenté par Sophie Rey, chargée de mission éducation"
    );
    assert_eq!(&row("Lucie N'Diaye")[1], "Enseignant");
    assert_eq!(
        &row("Claire Dubois-Ferrand")[2],
        "Maire adjointe aux affaires scolaires, Thonon-les-Bains"
    );
    let surnames: Vec<&str> = members.iter().map(|r| &r[0]).take(3).collect();
    assert_eq!(
        surnames,
        ["Nadia Benali", "Yannick Berthet", "Inès Bouvier"]
    );
}

#[test]
fn the_distribution_list_is_ready_to_paste_and_has_no_public_version() {
    let made = Made::new(fixture());
    let list = made.meeting(0, Format::Emails, false);
    let lines: Vec<&str> = list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    assert_eq!(
        lines.len(),
        2,
        "one line for the meeting, one for the roster"
    );
    for line in &lines {
        assert_eq!(line.split(", ").count(), 16);
        assert!(line.contains("Hélène Marchand <helene.marchand@ac-grenoble.fr>"));
    }
    assert!(
        list.contains("Martine Ducret (Maître formateur)"),
        "who has no address"
    );
    let error = made.try_meeting(0, Format::Emails, true).unwrap_err();
    assert!(error.contains("pas de version publique"), "{error}");
}

/// Every way a member of the sample can be named, and their addresses.
fn personal_data(sample: &Sample) -> Vec<String> {
    let mut data = Vec::new();
    for member in &sample.committee.members {
        data.push(member.name.clone());
        data.extend(
            member
                .name
                .split(' ')
                .filter(|w| w.chars().count() >= 3)
                .map(str::to_string),
        );
        data.extend(member.email.clone());
    }
    data.extend(["Sophie Rey".to_string(), "Mme Rey".to_string()]);
    data
}

#[test]
fn the_public_version_has_no_name_no_email_and_no_private_line() {
    let made = Made::new(fixture());
    let data = personal_data(&made.sample);
    let mut documents = Vec::new();
    for index in [0, 1] {
        for format in [Format::Markdown, Format::Html, Format::Ics, Format::Csv] {
            documents.push((
                format!("{format} de la réunion {index}"),
                made.meeting(index, format, true),
            ));
        }
    }
    documents.push(("rapport md".into(), made.year(Format::Markdown, true)));
    documents.push(("rapport html".into(), made.year(Format::Html, true)));
    for (what, text) in &documents {
        // Apostrophes may be escaped in HTML; the event's identifier is no address.
        let text = text.replace("&#x27;", "'");
        let text: String = text
            .lines()
            .filter(|l| !l.starts_with("UID:"))
            .collect::<Vec<_>>()
            .join("\n");
        for datum in &data {
            assert!(!text.contains(datum.as_str()), "{what} names {datum:?}");
        }
        assert!(
            !text.contains("budget informatique"),
            "{what}: a private line"
        );
        assert!(
            !text.contains("Tension entre deux directeurs"),
            "{what}: a private line"
        );
        let address = text.match_indices('@').any(|(at, _)| {
            text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        });
        assert!(!address, "{what}: an address");
    }
    // The full version has them all, the private lines marked.
    let full = made.meeting(0, Format::Markdown, false);
    assert!(full.contains(&format!("*(privé)* {PRIVATE}")));
    assert!(full.contains("Hélène Marchand"));
    let public = made.meeting(0, Format::Markdown, true);
    assert!(public.contains("IEN de circonscription rappelle la vocation du COPIL-Num"));
    assert!(public.contains("représenté par (nom retiré)"));
    assert!(public.contains("Version publique"));
}

/// An XML parser that accepts `<!DOCTYPE html>`.
fn xml<'a>() -> roxmltree::ParsingOptions<'a> {
    roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    }
}

/// The held meeting with hostile text everywhere a user types.
fn hostile() -> Sample {
    let mut sample = fixture();
    sample.committee.name = "COPIL-Num <Thonon> & « Chablais »".into();
    sample.committee.members[0].name = "Hélène <b>Marchand</b>".into();
    let past = &mut sample.meetings[0].1;
    past.agenda[0].notes = [
        "<script>alert('x')</script>",
        "Il a dit \"non\" & elle 'oui'",
        "R&D &amp; co </li></ul><h1>",
        "Bravo 👩‍🏫🇫🇷 é\u{301} 中文",
    ]
    .join("\n");
    past.agenda[0].decisions[0].text = "<img src=x onerror=alert(1)>".into();
    past.objectives[0].statement = "Objectif | avec <tags> & \"guillemets\"".into();
    sample
}

#[test]
fn html_escapes_every_user_text_and_stays_well_formed() {
    let made = Made::new(hostile());
    for public in [false, true] {
        let html = made.meeting(0, Format::Html, public);
        let document = roxmltree::Document::parse_with_options(&html, xml())
            .unwrap_or_else(|e| panic!("not well-formed: {e}"));
        let names: Vec<&str> = document
            .descendants()
            .filter(|n| n.is_element())
            .map(|n| n.tag_name().name())
            .collect();
        for tag in ["script", "img", "b"] {
            assert!(!names.contains(&tag), "a <{tag}> element came through");
        }
        assert_eq!(names.iter().filter(|n| **n == "h1").count(), 1);
        let text: String = document
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect();
        for typed in [
            "<script>alert('x')</script>",
            "Il a dit \"non\" & elle 'oui'",
            "R&D &amp; co </li></ul><h1>",
            "Bravo 👩‍🏫🇫🇷 é\u{301} 中文",
            "<img src=x onerror=alert(1)>",
            "Objectif | avec <tags> & \"guillemets\"",
        ] {
            assert!(
                text.contains(&french(typed)),
                "{typed:?} not shown as typed"
            );
        }
        assert!(text.contains("COPIL-Num <Thonon> & «\u{a0}Chablais\u{a0}»"));
    }
    let year = made.year(Format::Html, false);
    roxmltree::Document::parse_with_options(&year, xml())
        .expect("the year's report is well-formed");
}

#[test]
fn markdown_escapes_user_text() {
    let made = Made::new(hostile());
    let md = made.meeting(0, Format::Markdown, false);
    assert!(md.contains("- \\<script\\>alert('x')\\</script\\>"));
    assert!(md.contains("| n°\u{a0}1 | Objectif \\| avec \\<tags\\> & \"guillemets\" |"));
    assert!(md.contains(&french("R&D \\&amp; co \\</li\\>\\</ul\\>\\<h1\\>")));
    assert!(md.contains("# COPIL-Num \\<Thonon\\> & «\u{a0}Chablais\u{a0}»\n"));
    assert!(!md.contains("<script>"));
}

#[test]
fn the_year_report_follows_each_objective_through_its_lineage() {
    let mut sample = fixture();
    // A third meeting evaluates objective 6 and carries it over again.
    let (_, second) = sample.meetings[1].clone();
    let mut third = second.clone();
    third.date = second.date + Duration::weeks(12);
    third.evaluations = vec![copilnum::model::Evaluation {
        objective: ObjectiveId(6),
        statement: second.objectives[0].statement.clone(),
        owner: Some(MemberId(2)),
        outcome: Some(Outcome::Achieved),
        comment: "Les 14 écoles ont l’ENT.".into(),
    }];
    third.objectives = vec![Objective {
        id: ObjectiveId(7),
        statement: "Former les familles à l’ENT".into(),
        carried_from: Some(ObjectiveId(6)),
        ..second.objectives[0].clone()
    }];
    let day = |m: &copilnum::model::Meeting| copilnum::fr::date_short(m.date);
    let (first, second_day, third_day) = (day(&sample.meetings[0].1), day(&second), day(&third));
    sample.meetings.push((MeetingId::new(third.date), third));
    let made = Made::new(sample);
    let md = made.year(Format::Markdown, false);
    assert!(md.contains("## Réunions de l’année (3)"), "{md}");
    let row = |number: u32| {
        md.lines()
            .find(|l| l.starts_with(&format!("| n°\u{a0}{number} |")))
            .unwrap_or_else(|| panic!("objective {number} missing"))
            .to_string()
    };
    assert!(
        row(1).contains(&format!("| repris par n°\u{a0}6 du {second_day}, n°\u{a0}7 du {third_day} | reporté ({second_day}) | Deux écoles attendent la fibre")),
        "{}",
        row(1)
    );
    assert!(
        row(6).contains(&format!("| reprend n°\u{a0}1 du {first}\u{202f}; repris par n°\u{a0}7 du {third_day} | atteint ({third_day}) | Les 14 écoles ont l’ENT. |")),
        "{}",
        row(6)
    );
    assert!(
        row(7).contains(&format!(
            "| reprend n°\u{a0}6 du {second_day} ← n°\u{a0}1 du {first} | non évalué |"
        )),
        "{}",
        row(7)
    );
    assert!(
        md.contains("Bilan\u{a0}: 3 atteints, 1 partiellement atteint, 1 non atteint, 1 reporté, 1 non évalué."),
        "{md}"
    );
}

#[test]
fn a_year_without_meetings_is_refused_in_french() {
    let made = Made::new(fixture());
    let options = Options {
        public: false,
        now: now(),
    };
    let error = export::year_document(
        &made.source(),
        &made.templates,
        "2019-2020".parse().unwrap(),
        Format::Html,
        &options,
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "aucune réunion pendant l'année scolaire 2019-2020 (01/09/2019 à 31/08/2020)"
    );
    assert!("2026-2028".parse::<SchoolYear>().is_err());
    assert!("2026".parse::<SchoolYear>().is_err());
    assert_eq!(
        SchoolYear::of(NaiveDate::from_ymd_opt(2027, 8, 31).unwrap()).to_string(),
        "2026-2027"
    );
}

#[test]
fn an_override_in_the_committee_folder_replaces_the_builtin_template() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("modeles/export/compte-rendu.md.j2");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(
        &path,
        "\u{feff}Réunion du {{ meeting.date }} : {{ attended }} présents.\n{% for o in objectives %}* {{ o.statement }}\n{% endfor %}",
    )
    .unwrap();
    let mut made = Made::new(fixture());
    made.templates = Templates::load(dir.path()).unwrap();
    let md = made.meeting(0, Format::Markdown, false);
    assert!(
        md.starts_with("Réunion du mardi 6\u{a0}octobre 2026\u{a0}: 17 présents.\n* Ouvrir"),
        "{md}"
    );
    assert_eq!(Templates::overrides(dir.path()), [path]);
    // The other templates stay the built-in ones.
    assert!(
        made.meeting(0, Format::Html, false)
            .starts_with("<!DOCTYPE html>")
    );
}

// The command line.

fn copilnum(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_copilnum"))
        .args(args)
        .env_remove("COPILNUM_DIR")
        .output()
        .unwrap()
}

/// A sample committee written by the binary, so that its dates follow the real clock as the
/// binary's do: the held meeting is past, the next one is ahead.
struct Folder {
    tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Folder {
    fn meetings(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.join("reunions"))
            .unwrap()
            .map(|e| {
                e.unwrap()
                    .file_name()
                    .to_string_lossy()
                    .trim_end_matches(".ron")
                    .to_string()
            })
            .collect();
        names.sort();
        names
    }

    fn year(&self) -> String {
        let last: MeetingId = self.meetings().last().unwrap().parse().unwrap();
        SchoolYear::of(last.date).to_string()
    }
}

fn committee() -> (Folder, String) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("comite");
    let out = copilnum(&["sample", dir.to_str().unwrap()]);
    assert!(out.status.success());
    let path = dir.to_str().unwrap().to_string();
    (Folder { tmp, dir }, path)
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn export_prints_the_latest_held_meeting_in_markdown_by_default() {
    let (c, dir) = committee();
    let out = copilnum(&["export", "--dir", &dir]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = stdout(&out);
    let past: MeetingId = c.meetings()[0].parse().unwrap();
    assert!(md.starts_with("# COPIL-Num de la circonscription de Thonon-les-Bains\n"));
    let title = format!(
        "## Compte-rendu de la réunion du {}\n",
        export::typography::date(past.date)
    );
    assert!(md.contains(&title), "{md}");
    assert!(md.contains("Mme Marchand rappelle la vocation"));
    assert_eq!(stderr(&out), "");
}

#[test]
fn export_writes_each_format_to_a_file_and_names_it() {
    let (c, dir) = committee();
    let upcoming = c.meetings()[1].clone();
    let target = c.tmp.path().join("sortie/cr.html");
    let out = copilnum(&[
        "export",
        "--dir",
        &dir,
        &upcoming,
        "--format",
        "html",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert!(stderr(&out).contains(&format!("Compte-rendu de la réunion {upcoming} écrit dans")));
    let html = std::fs::read_to_string(&target).unwrap();
    assert!(html.contains("Bilan des objectifs de la réunion précédente"));
    for (format, start) in [
        ("ics", "BEGIN:VCALENDAR\r\n"),
        ("csv", "\u{feff}Feuille d'émargement"),
        ("emails", "# Liste de diffusion"),
    ] {
        let out = copilnum(&["export", "--dir", &dir, "-f", format]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        assert!(stdout(&out).starts_with(start), "{format}");
    }
    let year = c.year();
    let out = copilnum(&[
        "export", "--dir", &dir, "--year", &year, "-f", "html", "--public",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(&format!("Rapport de l’année scolaire {year}")));
}

#[test]
fn export_refuses_what_it_cannot_do_in_french_and_writes_nothing() {
    let (c, dir) = committee();
    let year = c.year();
    let before = common::snapshot(&c.dir);
    for (args, code, message) in [
        (
            vec!["--format", "pdf"],
            2,
            "format « pdf » inconnu : md, html, ics, csv ou emails",
        ),
        (
            vec!["--year", "2026"],
            2,
            "« 2026 » ne désigne pas une année scolaire : attendu AAAA-AAAA",
        ),
        (
            vec!["2026-01-20", "--year", "2026-2027"],
            2,
            "argument en trop ou incompatible",
        ),
        (vec!["1999-01-01"], 1, "1999-01-01"),
        (
            vec!["--format", "emails", "--public"],
            1,
            "pas de version publique",
        ),
        (
            vec!["--year", "2019-2020"],
            1,
            "aucune réunion pendant l'année scolaire 2019-2020",
        ),
        (
            vec!["--year", &year, "-f", "csv"],
            1,
            "le rapport de l'année existe en md ou en html",
        ),
    ] {
        let mut full = vec!["export", "--dir", &dir];
        full.extend(args.iter().copied());
        let out = copilnum(&full);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{args:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), "");
    }
    assert_eq!(common::snapshot(&c.dir), before, "nothing written");
}

#[test]
fn a_broken_override_is_reported_with_its_line_by_export_and_by_check() {
    let (c, dir) = committee();
    let path: PathBuf = c.dir.join("modeles/export/compte-rendu.html.j2");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "<h1>{{ committee.name }}</h1>\n<p>{% if public %}\n").unwrap();
    let out = copilnum(&["export", "--dir", &dir, "-f", "html"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("compte-rendu.html.j2:"), "{err}");
    assert!(err.contains("modèle d'export : erreur de syntaxe"), "{err}");
    let out = copilnum(&["check", "--dir", &dir]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(report.contains(&format!("{}:", path.display())), "{report}");
    assert!(report.contains("erreur de syntaxe"), "{report}");
    // An override that compiles but names what does not exist is caught by check too.
    std::fs::write(
        &path,
        "<h1>{{ committee.name }}</h1>\n<p>{{ meeting.salle }}</p>\n",
    )
    .unwrap();
    let out = copilnum(&["check", "--dir", &dir]);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(
        report.contains(&format!("{}:2:", path.display())),
        "{report}"
    );
    assert!(report.contains("valeur inconnue"), "{report}");
    // A good one is counted.
    std::fs::write(&path, "<h1>{{ committee.name }}</h1>\n").unwrap();
    let out = copilnum(&["check", "--dir", &dir]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("et 1 modèle d'export."),
        "{}",
        stdout(&out)
    );
    let out = copilnum(&["export", "--dir", &dir, "-f", "html"]);
    assert_eq!(
        stdout(&out),
        "<h1>COPIL-Num de la circonscription de Thonon-les-Bains</h1>\n"
    );
}
