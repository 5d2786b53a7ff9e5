//! Schema versions: a file's version is read before its content, a newer one is refused (so it
//! is never saved over and loses nothing), and an older one is brought to the current schema.
//!
//! Version 1 is the first schema: there is nothing to migrate yet. When the schema changes,
//! bump `model::SCHEMA_VERSION`, add here the step from the previous version (on `ron::Value`,
//! before the typed read), and freeze a file of the old version under `tests/fixtures/vN/`:
//! `tests/store.rs` loads every frozen fixture with the current build.

use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::StoreError;
use crate::codec;
use crate::model::{Committee, Meeting, SCHEMA_VERSION};

/// A document type with a schema version, and the type that reads just that version.
trait Versioned: DeserializeOwned {
    /// Reads only the version of a file of this type (other fields are skipped).
    type Probe: DeserializeOwned + Into<u32>;
    /// The version this value was read with.
    fn version(&self) -> u32;
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
}

impl Versioned for Meeting {
    type Probe = MeetingVersion;
    fn version(&self) -> u32 {
        self.version
    }
}

/// Reads a committee file of any supported version.
pub fn committee(path: &Path, bytes: &[u8]) -> Result<Committee, StoreError> {
    read(path, bytes)
}

/// Reads a meeting file of any supported version.
pub fn meeting(path: &Path, bytes: &[u8]) -> Result<Meeting, StoreError> {
    read(path, bytes)
}

/// The file is parsed once; only when that fails is the version probed alone, so that a file
/// from a newer copilnum (whose new fields fail the typed read) is reported as such.
fn read<T: Versioned>(path: &Path, bytes: &[u8]) -> Result<T, StoreError> {
    let text = codec::utf8(path, bytes)?;
    let read = codec::parse::<T>(path, text);
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
        // The current version, or a file too broken to tell: the typed read says where.
        _ => Ok(read?),
    }
}
