//! Whom a meeting invites, chosen by the pilot from the roster: one by one, a whole role at
//! once, or everyone; a restricted committee invites a subset. The meeting keeps the list
//! (empty: the whole roster), and its attendance starts from it.

use super::keymap::Command;
use super::{App, Effect, Level, Overlay, Screen, Status};
use crate::model::{Committee, Meeting, Member, MemberId, Role};

/// The invitations' state: which member is selected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Invitations {
    /// The selected line of [`rows`].
    pub selected: usize,
}

/// The members the list shows, in roster order: every active member, and a member who left
/// but is still invited.
pub fn rows<'a>(committee: &'a Committee, meeting: &Meeting) -> Vec<&'a Member> {
    committee
        .members
        .iter()
        .filter(|m| !m.archived || meeting.invited.contains(&m.id))
        .collect()
}

/// Whether a member is invited: on the list, or anyone active when the list is empty.
pub fn is_invited(meeting: &Meeting, member: &Member) -> bool {
    if meeting.invited.is_empty() {
        !member.archived
    } else {
        meeting.invited.contains(&member.id)
    }
}

/// The members invited, in roster order.
pub fn invited<'a>(committee: &'a Committee, meeting: &Meeting) -> Vec<&'a Member> {
    committee
        .members
        .iter()
        .filter(|m| is_invited(meeting, m))
        .collect()
}

/// Writes the list of those invited: empty when it is the whole active roster (so that a
/// member who joins later is invited too), else in roster order. Refused when nobody would
/// be invited.
fn set(committee: &Committee, meeting: &mut Meeting, wanted: &[MemberId]) -> Result<(), String> {
    let listed: Vec<MemberId> = committee
        .members
        .iter()
        .filter(|m| wanted.contains(&m.id))
        .map(|m| m.id)
        .collect();
    if listed.is_empty() {
        return Err("il faut inviter au moins une personne".into());
    }
    let everyone = committee.active_members().all(|m| listed.contains(&m.id))
        && listed
            .iter()
            .all(|id| committee.member(*id).is_some_and(|m| !m.archived));
    meeting.invited = if everyone { Vec::new() } else { listed };
    Ok(())
}

fn ids(members: &[&Member]) -> Vec<MemberId> {
    members.iter().map(|m| m.id).collect()
}

/// Invites a member, or no longer; returns whether they are invited now.
pub fn toggle(committee: &Committee, meeting: &mut Meeting, id: MemberId) -> Result<bool, String> {
    let mut wanted = ids(&invited(committee, meeting));
    let now = match wanted.iter().position(|m| *m == id) {
        Some(at) => {
            wanted.remove(at);
            false
        }
        None => {
            wanted.push(id);
            true
        }
    };
    set(committee, meeting, &wanted)?;
    Ok(now)
}

/// Invites every active member with this role, or, when they all are already, none of them;
/// returns whether they are invited now.
pub fn toggle_role(
    committee: &Committee,
    meeting: &mut Meeting,
    role: &Role,
) -> Result<bool, String> {
    let holders: Vec<MemberId> = committee
        .active_members()
        .filter(|m| m.role == *role)
        .map(|m| m.id)
        .collect();
    let mut wanted = ids(&invited(committee, meeting));
    let all_in = holders.iter().all(|id| wanted.contains(id));
    if all_in {
        wanted.retain(|id| !holders.contains(id));
    } else {
        wanted.extend(
            holders
                .iter()
                .filter(|id| !wanted.contains(id))
                .copied()
                .collect::<Vec<_>>(),
        );
    }
    set(committee, meeting, &wanted)?;
    Ok(!all_in)
}

/// Invites everyone; when everyone already is, only the pilot (the start of a restricted
/// list). Returns whether everyone is invited now.
pub fn toggle_all(committee: &Committee, meeting: &mut Meeting) -> Result<bool, String> {
    if meeting.invited.is_empty() {
        let pilot = committee
            .pilot_member
            .filter(|id| committee.member(*id).is_some_and(|m| !m.archived))
            .ok_or("le pilote n'est pas un membre du comité (F6 pour l'y désigner) : choisissez les invités un par un")?;
        set(committee, meeting, &[pilot])?;
        Ok(false)
    } else {
        meeting.invited.clear();
        Ok(true)
    }
}

/// A key in the invitations.
pub fn key(app: &mut App, command: Option<Command>) -> Vec<Effect> {
    let changes = matches!(
        command,
        Some(Command::Cycle | Command::InviteRole | Command::InviteAll)
    );
    if changes && !app.writable() {
        return Vec::new();
    }
    let Screen::Meeting(screen) = &mut app.screen else {
        app.overlays.pop();
        return Vec::new();
    };
    let committee = &app.session.committee;
    let shown: Vec<(MemberId, Role, String)> = rows(committee, &screen.meeting)
        .iter()
        .map(|m| (m.id, m.role.clone(), m.name.clone()))
        .collect();
    let Some(Overlay::Invitations(state)) = app.overlays.last_mut() else {
        return Vec::new();
    };
    let selected = shown.get(state.selected).cloned();
    if super::cursor::apply(&mut state.selected, shown.len(), command) {
        return Vec::new();
    }
    let result = match command {
        Some(Command::Close) => {
            app.overlays.pop();
            app.status = Status::new(Level::Info, "Invitations enregistrées avec la réunion.");
            return Vec::new();
        }
        Some(Command::Cycle) => selected.map(|(id, _, name)| {
            toggle(committee, &mut screen.meeting, id).map(|on| {
                if on {
                    format!("{name} est invité(e).")
                } else {
                    format!("{name} n'est plus invité(e).")
                }
            })
        }),
        Some(Command::InviteRole) => selected.map(|(_, role, _)| {
            let label = app.session.catalog.role_label(&role).to_string();
            toggle_role(committee, &mut screen.meeting, &role).map(|on| {
                if on {
                    format!("Tous les membres « {label} » sont invités.")
                } else {
                    format!("Les membres « {label} » ne sont plus invités.")
                }
            })
        }),
        Some(Command::InviteAll) => Some(toggle_all(committee, &mut screen.meeting).map(|all| {
            if all {
                "Tout le comité est invité.".to_string()
            } else {
                "Seul le pilote est invité : Espace pour ajouter les personnes une à une."
                    .to_string()
            }
        })),
        _ => None,
    };
    match result {
        Some(Ok(said)) => {
            app.status = Status::new(Level::Success, said);
            app.touch_meeting();
        }
        Some(Err(why)) => app.status = Status::new(Level::Warning, super::capitalised(&why) + "."),
        None => {}
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;
    use chrono::NaiveDate;

    fn upcoming() -> (Committee, Meeting) {
        let s = sample::sample(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        (s.committee, s.meetings[1].1.clone())
    }

    #[test]
    fn everyone_is_invited_until_someone_is_left_out() {
        let (c, mut m) = upcoming();
        assert!(m.invited.is_empty());
        assert_eq!(invited(&c, &m).len(), 20);
        assert_eq!(toggle(&c, &mut m, MemberId(3)), Ok(false));
        assert_eq!(m.invited.len(), 19);
        assert!(!m.invited.contains(&MemberId(3)));
        assert_eq!(toggle(&c, &mut m, MemberId(3)), Ok(true));
        assert!(
            m.invited.is_empty(),
            "the whole roster again: the list is empty"
        );
    }

    #[test]
    fn a_whole_role_is_invited_at_once_and_left_out_at_once() {
        let (c, mut m) = upcoming();
        let role = c.member(MemberId(2)).unwrap().role.clone();
        let holders = c.active_members().filter(|m| m.role == role).count();
        assert_eq!(toggle_role(&c, &mut m, &role), Ok(false));
        assert_eq!(invited(&c, &m).len(), 20 - holders);
        assert_eq!(toggle_role(&c, &mut m, &role), Ok(true));
        assert!(m.invited.is_empty());
    }

    #[test]
    fn a_restricted_list_starts_from_the_pilot_and_never_empties() {
        let (c, mut m) = upcoming();
        let pilot = c.pilot_member.expect("the sample's pilot is on the roster");
        assert_eq!(toggle_all(&c, &mut m), Ok(false));
        assert_eq!(m.invited, [pilot]);
        assert_eq!(toggle(&c, &mut m, MemberId(17)), Ok(true));
        assert_eq!(m.invited, [pilot, MemberId(17)]);
        assert_eq!(toggle(&c, &mut m, pilot), Ok(false));
        assert_eq!(
            toggle(&c, &mut m, MemberId(17)),
            Err("il faut inviter au moins une personne".into())
        );
        assert_eq!(m.invited, [MemberId(17)], "nothing changed");
        assert_eq!(toggle_all(&c, &mut m), Ok(true));
        assert!(m.invited.is_empty());
    }
}
