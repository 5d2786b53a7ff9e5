//! Schema versions: a newer file is refused (so it is never saved over and loses nothing), and
//! an older one is brought to the current schema, then saved at the current version.
//!
//! Every field added since version 1 has a default, so an older file reads with the current
//! types; [`upgrade`] then applies, in order, what each version changed beyond that. When the
//! schema changes: bump `model::SCHEMA_VERSION`, add the step to [`upgrade`], and freeze the new
//! version's files under `tests/fixtures/vN/` (`tests/store.rs` loads every frozen version).

use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::{StoreError, halves, quick};
use crate::codec;
use crate::model::{Committee, Meeting, Member, SCHEMA_VERSION};

/// A document type with a schema version, and the type that reads just that version.
trait Versioned: DeserializeOwned {
    /// Reads only the version of a file of this type (other fields are skipped).
    type Probe: DeserializeOwned + Into<u32>;
    /// The version this value was read with.
    fn version(&self) -> u32;
    /// Marks the value as being at that version.
    fn set_version(&mut self, version: u32);
    /// What version `from` + 1 changed beyond fields that read with their default.
    fn step(&mut self, from: u32);
}

/// Just the version of a committee file.
#[derive(Deserialize)]
#[serde(rename = "Committee")]
struct CommitteeVersion {
    version: u32,
}

/// Just the version of a meeting file.
#[derive(Deserialize)]
#[serde(rename = "Meeting")]
struct MeetingVersion {
    version: u32,
}

impl From<CommitteeVersion> for u32 {
    fn from(probe: CommitteeVersion) -> u32 {
        probe.version
    }
}

impl From<MeetingVersion> for u32 {
    fn from(probe: MeetingVersion) -> u32 {
        probe.version
    }
}

impl Versioned for Committee {
    type Probe = CommitteeVersion;
    fn version(&self) -> u32 {
        self.version
    }
    fn set_version(&mut self, version: u32) {
        self.version = version;
    }
    fn step(&mut self, from: u32) {
        match from {
            1 => {}
            // 2 → 3: the pilot, typed as text, becomes the member whose name it begins with
            // when exactly one does ("Hélène Marchand, IEN"); the text stays for display.
            2 => self.pilot_member = self.member_named_by(&self.pilot),
            _ => unreachable!("a step for every version below SCHEMA_VERSION"),
        }
    }
}

impl Versioned for Meeting {
    type Probe = MeetingVersion;
    fn version(&self) -> u32 {
        self.version
    }
    fn set_version(&mut self, version: u32) {
        self.version = version;
    }
    fn step(&mut self, from: u32) {
        match from {
            // 1 → 2: meetings gained `timer_started_at`, `speaker` and `summary`, which read as
            // "no timer running, no speaker, no summary" when absent.
            1 => {}
            // 2 → 3: an extraordinary meeting or a restricted committee no longer reviews the
            // objectives by default; one that did (it has evaluations) keeps doing so, so that
            // `check` can point at an objective it evaluates a second time. Carried objectives'
            // due dates were confirmed (`due_to_confirm` reads as false).
            2 => {
                if !self.kind.reviews_by_default() && !self.evaluations.is_empty() {
                    self.reviews_objectives = Some(true);
                }
            }
            _ => unreachable!("a step for every version below SCHEMA_VERSION"),
        }
    }
}

/// Brings a value read from an older file to the current schema.
fn upgrade<T: Versioned>(value: &mut T, from: u32) {
    for version in from..SCHEMA_VERSION {
        value.step(version);
    }
    value.set_version(SCHEMA_VERSION);
}

/// Reads a committee file of any supported version.
pub fn committee(path: &Path, bytes: &[u8]) -> Result<Committee, StoreError> {
    read_with(path, bytes, |text| match quick::committee(text) {
        Some(committee) => Ok(committee),
        None => committee_in_halves(path, text),
    })
}

/// Parses a committee; a large one with its members read in two halves at once (see
/// [`halves`]), the whole text again when a half does not read (so that errors are placed
/// in the file).
fn committee_in_halves(path: &Path, text: &str) -> Result<Committee, codec::ParseError> {
    let cut = if text.len() >= halves::FROM_BYTES {
        halves::cut(text, "members")
    } else {
        None
    };
    let Some(cut) = cut else {
        return codec::parse(path, text);
    };
    let (head, tail) = (cut.head(text), cut.tail(text));
    std::thread::scope(|scope| {
        let rest = std::thread::Builder::new()
            .spawn_scoped(scope, || codec::parse::<Vec<Member>>(path, &tail));
        let Ok(rest) = rest else {
            return codec::parse(path, text);
        };
        let first = codec::parse::<Committee>(path, &head);
        match (first, rest.join()) {
            (Ok(mut committee), Ok(Ok(rest))) => {
                committee.members.extend(rest);
                Ok(committee)
            }
            _ => codec::parse(path, text),
        }
    })
}

/// Reads a meeting file of any supported version.
pub fn meeting(path: &Path, bytes: &[u8]) -> Result<Meeting, StoreError> {
    read(path, bytes)
}

/// The file is parsed once; only when that fails is the version probed alone, so that a file
/// from a newer copilnum (whose new fields fail the typed read) is reported as such.
fn read<T: Versioned>(path: &Path, bytes: &[u8]) -> Result<T, StoreError> {
    read_with(path, bytes, |text| codec::parse::<T>(path, text))
}

/// [`read`], with the text parsed by `parse`.
fn read_with<T: Versioned>(
    path: &Path,
    bytes: &[u8],
    parse: impl FnOnce(&str) -> Result<T, codec::ParseError>,
) -> Result<T, StoreError> {
    let text = codec::utf8(path, bytes)?;
    let read = parse(text);
    let version = match &read {
        Ok(value) => Some(value.version()),
        Err(_) => codec::parse::<T::Probe>(path, text).ok().map(Into::into),
    };
    let at = || codec::locate(text, "version:", 0).unwrap_or((1, 1));
    match version {
        Some(found) if found > SCHEMA_VERSION => Err(StoreError::TooNew {
            path: path.to_path_buf(),
            at: at(),
            found,
            supported: SCHEMA_VERSION,
        }),
        Some(0) => Err(StoreError::UnknownVersion {
            path: path.to_path_buf(),
            at: at(),
            found: 0,
            supported: SCHEMA_VERSION,
        }),
        // An older version, the current one, or a file too broken to tell (the typed read then
        // says where).
        _ => {
            let mut value = read?;
            let from = value.version();
            if from < SCHEMA_VERSION {
                upgrade(&mut value, from);
            }
            Ok(value)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1_MEETING: &str = include_str!("../../tests/fixtures/v1/reunions/2026-01-20.ron");

    #[test]
    fn a_version_1_meeting_reads_as_the_current_schema() {
        let meeting = meeting(Path::new("v1.ron"), V1_MEETING.as_bytes()).unwrap();
        assert_eq!(meeting.version, SCHEMA_VERSION);
        assert_eq!(
            (meeting.timer_started_at, meeting.speaker, meeting.summary),
            (None, None, false)
        );
        assert_eq!(meeting.evaluations.len(), 5, "the rest is kept");
    }

    #[test]
    fn a_version_2_pilot_finds_their_place_on_the_roster() {
        let text = include_str!("../../tests/fixtures/v2/comite.ron");
        let committee = committee(Path::new("v2.ron"), text.as_bytes()).unwrap();
        assert_eq!(committee.pilot_member, Some(crate::model::MemberId(1)));
        assert_eq!(
            committee.pilot,
            "Hélène Marchand, IEN de la circonscription"
        );
        let unknown = text.replace("pilot: \"Hélène", "pilot: \"Mme Hélène");
        let committee = committee_of(&unknown);
        assert_eq!(committee.pilot_member, None, "no member's name begins it");
        assert_eq!(
            committee.pilot_name(),
            "Mme Hélène Marchand, IEN de la circonscription"
        );
    }

    fn committee_of(text: &str) -> Committee {
        committee(Path::new("v2.ron"), text.as_bytes()).unwrap()
    }

    #[test]
    fn a_version_2_extraordinary_meeting_that_evaluated_keeps_reviewing() {
        let text = include_str!("../../tests/fixtures/v2/reunions/2026-01-20.ron");
        let ordinary = meeting(Path::new("v2.ron"), text.as_bytes()).unwrap();
        assert_eq!(ordinary.reviews_objectives, None);
        assert!(ordinary.reviews_objectives());
        let extraordinary = text.replace("kind: Ordinary,", "kind: Extraordinary,");
        let m = meeting(Path::new("v2.ron"), extraordinary.as_bytes()).unwrap();
        assert_eq!(m.reviews_objectives, Some(true));
        let first = include_str!("../../tests/fixtures/v2/reunions/2025-10-14.ron")
            .replace("kind: Ordinary,", "kind: Extraordinary,");
        let m = meeting(Path::new("v2.ron"), first.as_bytes()).unwrap();
        assert_eq!(
            m.reviews_objectives, None,
            "evaluated nothing: the kind's default"
        );
        assert!(!m.reviews_objectives());
    }

    #[test]
    fn saving_a_migrated_meeting_writes_the_current_version() {
        let meeting = meeting(Path::new("v1.ron"), V1_MEETING.as_bytes()).unwrap();
        let id = crate::model::MeetingId::new(meeting.date);
        let text = crate::store::meeting_text(id, &meeting);
        assert!(
            text.contains(&format!("version: {SCHEMA_VERSION},")),
            "{text}"
        );
    }
}
