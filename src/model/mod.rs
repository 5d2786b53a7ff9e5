//! The pure domain model of a COPIL-Num: committee, roster, meetings, agenda, attendance,
//! objectives and their evaluation. No I/O here; the store reads and writes these types.

pub mod agenda;
pub mod committee;
pub mod lineage;
pub mod meeting;
pub mod objective;
pub mod prepare;
pub mod year;

pub use agenda::{AgendaItem, Decision, Step, StepKind};
pub use committee::{Committee, Member, MemberId, Role};
pub use meeting::{
    Attendance, Meeting, MeetingId, MeetingKind, NextMeeting, Presence, PriorityAxis,
};
pub use objective::{Domain, Evaluation, Fate, Objective, ObjectiveId, Outcome};
pub use year::SchoolYear;

/// The schema version this build reads and writes. Bumping it means adding a migration in
/// `store::migrate` and a frozen fixture of the new version under `tests/fixtures/`.
///
/// - 1: the first schema.
/// - 2: meetings record the running timer, the tour-de-table speaker and the summary being
///   projected (`timer_started_at`, `speaker`, `summary`), for `copilnum present`.
/// - 3: the committee names its pilot on the roster (`pilot_member`); a meeting says whether it
///   reviews the objectives (`reviews_objectives`, by default as its kind does); a carried
///   objective's due date may wait for confirmation (`due_to_confirm`).
pub const SCHEMA_VERSION: u32 = 3;
