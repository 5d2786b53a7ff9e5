//! The invitation to the next meeting as an iCalendar file (RFC 5545): Europe/Paris time zone,
//! escaped and folded lines, the agenda in the description, the invited members with an
//! e-mail as attendees, and a UID that stays the same from one export to the next, so that
//! importing it again updates the event instead of adding one.

use std::fmt::Write as _;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use super::document::{held, invited};
use super::privacy::Naming;
use super::typography::{self, french};
use super::{ExportError, Options, Source};
use crate::fr;
use crate::model::prepare::previous_of;
use crate::model::{AgendaItem, Meeting, MeetingId, MeetingKind, MemberId};

/// The meeting an invitation is for.
struct Target<'a> {
    date: NaiveDate,
    time: Option<NaiveTime>,
    place: String,
    kind: Option<&'a MeetingKind>,
    agenda: Option<&'a [AgendaItem]>,
    invited: Vec<MemberId>,
    /// What names the event for good: the meeting that fixed it.
    anchor: String,
    /// The meeting whose secretary organises it.
    organiser_meeting: &'a Meeting,
}

/// The invitation of a meeting of the source: to the meeting itself if it has not taken place
/// yet, else to the next meeting it fixed (with the agenda of that meeting if it is prepared).
pub fn invitation(
    source: &Source,
    id: MeetingId,
    meeting: &Meeting,
    options: &Options,
) -> Result<String, ExportError> {
    let target = target(source, id, meeting, options)?;
    let naming = source.naming(options.public);
    Ok(calendar(source, &target, &naming, options))
}

fn target<'a>(
    source: &'a Source,
    id: MeetingId,
    meeting: &'a Meeting,
    options: &Options,
) -> Result<Target<'a>, ExportError> {
    let ids: Vec<MeetingId> = source.meetings.iter().map(|(id, _)| *id).collect();
    if !held(meeting, options.now.date_naive()) {
        return Ok(Target {
            date: meeting.date,
            time: meeting.time,
            place: meeting.place.clone(),
            kind: Some(&meeting.kind),
            agenda: Some(&meeting.agenda),
            invited: invited(meeting, source),
            anchor: match previous_of(id, &ids) {
                Some(previous) => format!("apres-{previous}"),
                None => id.to_string(),
            },
            organiser_meeting: meeting,
        });
    }
    let Some(next) = &meeting.next_meeting else {
        return Err(ExportError::Refused(format!(
            "la réunion du {} n'a pas fixé la date de la suivante : fixez-la à l'étape « Date de la prochaine réunion », ou exportez l'invitation de la réunion suivante si elle est déjà préparée",
            fr::date_short(meeting.date)
        )));
    };
    let prepared = source
        .meetings
        .iter()
        .find(|(other, m)| *other > id && m.date == next.date)
        .map(|(_, m)| m);
    Ok(Target {
        date: next.date,
        time: next.time.or(prepared.and_then(|m| m.time)),
        place: if next.place.trim().is_empty() {
            prepared.map_or(String::new(), |m| m.place.clone())
        } else {
            next.place.clone()
        },
        kind: prepared.map(|m| &m.kind),
        agenda: prepared.map(|m| m.agenda.as_slice()),
        invited: match prepared {
            Some(m) => invited(m, source),
            None => source.committee.active_members().map(|m| m.id).collect(),
        },
        anchor: format!("apres-{id}"),
        organiser_meeting: meeting,
    })
}

const TIME_ZONE: &str = "BEGIN:VTIMEZONE\r
TZID:Europe/Paris\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
TZNAME:CEST\r
DTSTART:19700329T020000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
TZNAME:CET\r
DTSTART:19701025T030000\r
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
END:STANDARD\r
END:VTIMEZONE\r
";

fn calendar(source: &Source, target: &Target, naming: &Naming, options: &Options) -> String {
    let organiser = if naming.public() {
        None
    } else {
        organiser(source, target)
    };
    let mut out = String::new();
    let mut line = |text: &str| fold(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//copilnum//COPIL-Num//FR");
    line("CALSCALE:GREGORIAN");
    line(if organiser.is_some() {
        "METHOD:REQUEST"
    } else {
        "METHOD:PUBLISH"
    });
    out.push_str(TIME_ZONE);
    let mut line = |text: &str| fold(&mut out, text);
    line("BEGIN:VEVENT");
    line(&format!(
        "UID:{}.{:016x}@copilnum",
        target.anchor,
        fnv1a(&source.committee.name)
    ));
    let stamp = options.now.naive_utc();
    line(&format!("DTSTAMP:{}Z", stamp.format("%Y%m%dT%H%M%S")));
    // Each export is a newer version of the event: the sequence grows with time.
    let epoch = NaiveDate::from_ymd_opt(2024, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default();
    line(&format!(
        "SEQUENCE:{}",
        (stamp - epoch).num_minutes().max(0)
    ));
    match target.time {
        Some(time) => {
            let start = NaiveDateTime::new(target.date, time);
            let minutes = target.agenda.map_or(0, |a| {
                a.iter().map(AgendaItem::total_planned_minutes).sum::<u32>()
            });
            let length = if minutes > 0 { minutes } else { 120 };
            let end = start + Duration::minutes(i64::from(length));
            line(&format!(
                "DTSTART;TZID=Europe/Paris:{}",
                start.format("%Y%m%dT%H%M%S")
            ));
            line(&format!(
                "DTEND;TZID=Europe/Paris:{}",
                end.format("%Y%m%dT%H%M%S")
            ));
        }
        None => {
            line(&format!(
                "DTSTART;VALUE=DATE:{}",
                target.date.format("%Y%m%d")
            ));
            let next = target.date.succ_opt().unwrap_or(target.date);
            line(&format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
        }
    }
    let kind = target.kind.map_or(String::new(), |k| match k {
        MeetingKind::Restricted { dossier } => {
            format!(" — comité restreint : {}", naming.text(dossier))
        }
        other => format!(" — réunion {}", other.label()),
    });
    line(&format!(
        "SUMMARY:{}",
        text(&format!("{}{kind}", source.committee.name))
    ));
    let place = naming.text(&target.place);
    if !place.is_empty() {
        line(&format!("LOCATION:{}", text(&place)));
    }
    line(&format!(
        "DESCRIPTION:{}",
        text(&description(source, target, naming))
    ));
    if let Some((name, email)) = &organiser {
        line(&format!("ORGANIZER;CN={}:mailto:{email}", parameter(name)));
    }
    if !naming.public() {
        for id in &target.invited {
            let Some(member) = source.committee.member(*id) else {
                continue;
            };
            if let Some(email) = member
                .email
                .as_deref()
                .map(str::trim)
                .filter(|e| !e.is_empty())
            {
                line(&format!(
                    "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{email}",
                    parameter(&member.name)
                ));
            }
        }
    }
    line("STATUS:CONFIRMED");
    line("TRANSP:OPAQUE");
    line("END:VEVENT");
    line("END:VCALENDAR");
    out
}

/// Who sends the invitation: the pilot (the member chosen, or the member their text names),
/// else the secrétaire de séance, if they have an e-mail.
fn organiser(source: &Source, target: &Target) -> Option<(String, String)> {
    let committee = source.committee;
    let pilot = committee
        .pilot_member
        .and_then(|id| committee.member(id))
        .or_else(|| {
            committee
                .members
                .iter()
                .find(|m| !m.name.trim().is_empty() && committee.pilot.contains(m.name.trim()))
        });
    let secretary = target
        .organiser_meeting
        .secretary
        .and_then(|id| committee.member(id));
    [pilot, secretary].into_iter().flatten().find_map(|m| {
        m.email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(|e| (m.name.clone(), e.to_string()))
    })
}

fn description(source: &Source, target: &Target, naming: &Naming) -> String {
    let mut text = format!(
        "{}\nRéunion du {}",
        source.committee.name,
        typography::date_time(target.date, target.time)
    );
    let place = naming.text(&target.place);
    if !place.is_empty() {
        let _ = write!(text, "\nLieu : {place}");
    }
    match target.agenda {
        Some(agenda) if !agenda.is_empty() => {
            text.push_str("\n\nOrdre du jour :");
            for (i, item) in agenda.iter().enumerate() {
                let _ = write!(text, "\n{}. {}", i + 1, naming.text(&item.title));
                if item.items.is_empty() && item.planned_minutes > 0 {
                    let _ = write!(
                        text,
                        " ({})",
                        typography::duration(item.planned_minutes.saturating_mul(60))
                    );
                }
                for (j, sub) in item.items.iter().enumerate() {
                    let _ = write!(text, "\n   {}.{} {}", i + 1, j + 1, naming.text(&sub.title));
                }
            }
        }
        _ => text.push_str("\n\nL'ordre du jour suivra."),
    }
    text.push_str("\n\nInvitation préparée avec copilnum.");
    french(&text)
}

/// A TEXT value escaped as RFC 5545 asks: backslash, semicolon, comma and line breaks.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    for c in french(value).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A parameter value: quoted, without the characters a quoted value cannot hold.
fn parameter(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect();
    format!("\"{clean}\"")
}

/// Writes a content line folded at 75 octets (continuation lines start with a space), never
/// inside a character, with CRLF.
fn fold(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// FNV-1a, a hash that never changes between versions of Rust, for stable identifiers.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(parameter("Chloé \"d'Almeida\""), "\"Chloé d'Almeida\"");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        let line = format!("DESCRIPTION:{}", "é".repeat(80));
        fold(&mut out, &line);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn the_hash_is_fixed() {
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
