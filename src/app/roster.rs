//! The roster screen: the committee's active members, in roster order.

use crate::model::{Committee, Member};

/// The roster screen's state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Roster {
    /// Selected line.
    pub selected: usize,
}

/// The members the roster shows (those not archived).
pub fn shown(committee: &Committee) -> Vec<&Member> {
    committee.active_members().collect()
}
