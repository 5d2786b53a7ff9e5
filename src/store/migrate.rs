//! Schema versions: a file's version is read before its content, a newer one is refused (so it
//! is never saved over and loses nothing), and an older one is brought to the current schema.
//!
//! Version 1 is the first schema: there is nothing to migrate yet. When the schema changes,
//! bump `model::SCHEMA_VERSION`, add here the step from the previous version (on `ron::Value`,
//! before the typed read), and freeze a file of the old version under `tests/fixtures/vN/`:
//! `tests/store.rs` loads every frozen fixture with the current build.

use std::path::Path;

use serde::Deserialize;

use super::StoreError;
use crate::codec;
use crate::model::{Committee, Meeting, SCHEMA_VERSION};

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

/// Reads a committee file of any supported version.
pub fn committee(path: &Path, bytes: &[u8]) -> Result<Committee, StoreError> {
    let text = codec::utf8(path, bytes)?;
    let read = codec::parse::<Committee>(path, text);
    let version = match &read {
        Ok(committee) => Some(committee.version),
        Err(_) => codec::parse::<CommitteeVersion>(path, text)
            .ok()
            .map(|p| p.version),
    };
    checked(path, read, version)
}

/// Reads a meeting file of any supported version.
pub fn meeting(path: &Path, bytes: &[u8]) -> Result<Meeting, StoreError> {
    let text = codec::utf8(path, bytes)?;
    let read = codec::parse::<Meeting>(path, text);
    let version = match &read {
        Ok(meeting) => Some(meeting.version),
        Err(_) => codec::parse::<MeetingVersion>(path, text)
            .ok()
            .map(|p| p.version),
    };
    checked(path, read, version)
}

/// The typed read, unless the version says the file is not ours to read. The file is parsed
/// once; only when that fails is the version probed alone, so that a file from a newer
/// copilnum (whose new fields fail the typed read) is reported as such.
fn checked<T>(
    path: &Path,
    read: Result<T, codec::ParseError>,
    version: Option<u32>,
) -> Result<T, StoreError> {
    match version {
        Some(found) if found > SCHEMA_VERSION => Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        }),
        Some(0) => Err(StoreError::UnknownVersion {
            path: path.to_path_buf(),
            found: 0,
            supported: SCHEMA_VERSION,
        }),
        // The current version, or a file too broken to tell: the typed read says where.
        _ => Ok(read?),
    }
}
