//! The committee itself and its roster of members.

use serde::{Deserialize, Serialize};

use super::SCHEMA_VERSION;

/// A COPIL-Num: who pilots it, on which territory, and who sits on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Committee {
    /// Schema version of the file this was read from (see [`SCHEMA_VERSION`]).
    pub version: u32,
    /// Name shown on every screen and on the minutes, e.g. "COPIL-Num de la circonscription de Thonon".
    pub name: String,
    /// Identifier of an entry of the scales catalogue (`circonscription`, `commune`…).
    pub scale: String,
    /// The territory covered: communes, circonscription(s).
    pub territory: String,
    /// The pilot, normally the IEN of the circonscription, as typed (kept for display when the
    /// pilot is not on the roster, and for files older than version 3).
    pub pilot: String,
    /// The member who pilots the committee (since version 3); their name is then what screens
    /// and minutes show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pilot_member: Option<MemberId>,
    /// Everyone who sits or has sat on the committee.
    #[serde(default)]
    pub members: Vec<Member>,
}

/// Stable identifier of a member inside one committee; never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MemberId(pub u32);

/// A person on the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Identifier used by meetings (attendance, owners, coordinator).
    pub id: MemberId,
    /// Full name as it appears on the minutes.
    pub name: String,
    /// Role in the committee: from the catalogue, or free text.
    pub role: Role,
    /// Function and organisation, e.g. "Directrice de l'école Jules-Ferry".
    #[serde(default)]
    pub function: String,
    /// Optional e-mail address for invitations and the minutes.
    #[serde(default)]
    pub email: Option<String>,
    /// A member who left: kept so past minutes still name them, hidden from new meetings.
    #[serde(default, skip_serializing_if = "is_false")]
    pub archived: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A member's role: an entry of the roles catalogue or a role the catalogue lacks.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Role {
    /// Identifier of an entry of the roles catalogue (`erun`, `ien`, `directeur`…).
    Catalog(String),
    /// A role typed by hand.
    Free(String),
}

impl Committee {
    /// A new committee with an empty roster, at the current schema version.
    pub fn new(name: &str, scale: &str, territory: &str, pilot: &str) -> Committee {
        Committee {
            version: SCHEMA_VERSION,
            name: name.trim().to_string(),
            scale: scale.to_string(),
            territory: territory.trim().to_string(),
            pilot: pilot.trim().to_string(),
            pilot_member: None,
            members: Vec::new(),
        }
    }

    /// The pilot as screens and minutes name them: the member's name, with the text typed when
    /// it says more ("Hélène Marchand, IEN"), else the text alone.
    pub fn pilot_name(&self) -> String {
        let member = self.pilot_member.and_then(|id| self.member(id));
        match member {
            Some(m) if self.pilot.trim().is_empty() => m.name.clone(),
            Some(m) if self.pilot.starts_with(m.name.as_str()) => self.pilot.clone(),
            Some(m) => m.name.clone(),
            None => self.pilot.clone(),
        }
    }

    /// The member whose name the pilot's text begins with ("Hélène Marchand, IEN" names
    /// Hélène Marchand), when exactly one does: how a pilot typed as text finds their place on
    /// the roster.
    pub fn member_named_by(&self, text: &str) -> Option<MemberId> {
        let text = text.trim();
        let mut found = self.active_members().filter(|m| {
            let name = m.name.trim();
            !name.is_empty()
                && text.starts_with(name)
                && text[name.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric() && c != '-' && c != '\'')
        });
        let first = found.next()?;
        found.next().is_none().then_some(first.id)
    }

    /// The member with this identifier, archived or not.
    pub fn member(&self, id: MemberId) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    /// Members still on the committee, in roster order.
    pub fn active_members(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|m| !m.archived)
    }

    /// The identifier the next added member gets: one more than any ever used (or, in a
    /// hand-edited file that used the largest, the first one free).
    pub fn next_member_id(&self) -> MemberId {
        let max = self.members.iter().map(|m| m.id.0).max().unwrap_or(0);
        let free = |id: &u32| !self.members.iter().any(|m| m.id.0 == *id);
        MemberId(
            max.checked_add(1)
                .unwrap_or_else(|| (1..).find(free).unwrap_or(0)),
        )
    }

    /// Adds a member with a fresh identifier and returns that identifier.
    pub fn add_member(&mut self, mut member: Member) -> MemberId {
        member.id = self.next_member_id();
        let id = member.id;
        self.members.push(member);
        id
    }
}
