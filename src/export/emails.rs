//! The distribution list: the e-mail addresses of a meeting's invited and present members,
//! then of the whole roster, each list on one line ready to paste into a mail client's « À »
//! field, and who has no address.

use std::fmt::Write as _;

use super::document::invited;
use super::{ExportError, Options, Source};
use crate::fr;
use crate::model::{Meeting, Member, MemberId};

/// The list for a meeting; refused for the public version, which holds no address.
pub fn distribution_list(
    source: &Source,
    meeting: &Meeting,
    options: &Options,
) -> Result<String, ExportError> {
    if options.public {
        return Err(ExportError::Refused(
            "la liste de diffusion est faite d'adresses personnelles : elle n'a pas de version publique (sans --public)".into(),
        ));
    }
    let committee = source.committee;
    let mut concerned: Vec<MemberId> = invited(meeting, source);
    for entry in &meeting.attendance {
        if !concerned.contains(&entry.member) {
            concerned.push(entry.member);
        }
    }
    let concerned: Vec<&Member> = concerned
        .iter()
        .filter_map(|id| committee.member(*id))
        .collect();
    let roster: Vec<&Member> = committee.active_members().collect();
    let mut out = format!("# Liste de diffusion — {}\n", committee.name);
    section(
        &mut out,
        &format!(
            "Invités et présents de la réunion du {}",
            fr::date_long(meeting.date)
        ),
        &concerned,
    );
    section(&mut out, "Tout le comité", &roster);
    let without: Vec<String> = roster
        .iter()
        .filter(|m| address(m).is_none())
        .map(|m| format!("{} ({})", m.name, source.catalog.role_label(&m.role)))
        .collect();
    if !without.is_empty() {
        let _ = writeln!(
            out,
            "\n# Sans adresse e-mail, à prévenir autrement ({}) :\n# {}",
            without.len(),
            without.join(", ")
        );
    }
    Ok(out)
}

fn section(out: &mut String, title: &str, members: &[&Member]) {
    let addresses: Vec<String> = members.iter().filter_map(|m| mailbox(m)).collect();
    let _ = writeln!(
        out,
        "\n# {title} ({}) :",
        fr::count(addresses.len(), "adresse", "adresses")
    );
    let _ = writeln!(out, "{}", addresses.join(", "));
}

fn address(member: &Member) -> Option<&str> {
    member
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
}

/// "Hélène Marchand <helene.marchand@ac-grenoble.fr>"; the name is quoted when it holds a
/// sign that mail clients would read otherwise (RFC 5322).
fn mailbox(member: &Member) -> Option<String> {
    let address = address(member)?;
    let name = member.name.trim().replace(['"', '\\', '\n', '\r'], "");
    if name.is_empty() {
        return Some(address.to_string());
    }
    let special = name.chars().any(|c| {
        matches!(
            c,
            ',' | ';' | ':' | '<' | '>' | '@' | '(' | ')' | '[' | ']' | '.'
        )
    });
    Some(if special {
        format!("\"{name}\" <{address}>")
    } else {
        format!("{name} <{address}>")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    fn member(name: &str, email: Option<&str>) -> Member {
        Member {
            id: MemberId(1),
            name: name.into(),
            role: Role::Free("x".into()),
            function: String::new(),
            email: email.map(Into::into),
            archived: false,
        }
    }

    #[test]
    fn names_with_signs_are_quoted() {
        assert_eq!(
            mailbox(&member("Chloé d'Almeida", Some(" c@x.fr "))).unwrap(),
            "Chloé d'Almeida <c@x.fr>"
        );
        assert_eq!(
            mailbox(&member("Dupont, Jean \"JJ\"", Some("j@x.fr"))).unwrap(),
            "\"Dupont, Jean JJ\" <j@x.fr>"
        );
        assert_eq!(mailbox(&member("Sans", None)), None);
        assert_eq!(mailbox(&member("Vide", Some("  "))), None);
    }
}
