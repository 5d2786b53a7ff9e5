//! Three-way merge of the committee file: its own fields, and the roster by member. A committee
//! has no notes: what both sides changed differently keeps ours and is named in the report
//! (the other version stays in the conflict copy).

use super::{Keyed, Merged, Merger, Slot, keyed};
use crate::model::{Committee, Member, MemberId};

/// Merges `ours` (in memory) and `theirs` (on disk), both changed from `base`.
pub fn merge_committee(
    base: &Committee,
    ours: &Committee,
    theirs: &Committee,
) -> Merged<Committee> {
    let mut m = Merger::new();
    let mut field = |what: &str, b: &String, o: &String, t: &String| {
        let (value, conflict) = m.value(what, b, o, t);
        if let Some(t) = conflict {
            m.conflict(what.to_string(), format!("« {t} »"), None);
        }
        value
    };
    let name = field("nom du comité", &base.name, &ours.name, &theirs.name);
    let scale = field("échelle", &base.scale, &ours.scale, &theirs.scale);
    let territory = field(
        "territoire",
        &base.territory,
        &ours.territory,
        &theirs.territory,
    );
    let pilot = field("pilote", &base.pilot, &ours.pilot, &theirs.pilot);
    let (pilot_member, conflict) = m.value(
        "pilote (membre)",
        &base.pilot_member,
        &ours.pilot_member,
        &theirs.pilot_member,
    );
    if let Some(t) = conflict {
        let who = t
            .and_then(|id| theirs.member(id))
            .map_or("aucun membre".to_string(), |p| format!("« {} »", p.name));
        m.conflict("pilote (membre)".into(), who, None);
    }
    let members = members(&mut m, base, ours, theirs);
    Merged {
        value: Committee {
            version: ours.version,
            name,
            scale,
            territory,
            pilot,
            pilot_member,
            members,
        },
        report: m.report,
    }
}

fn members(m: &mut Merger, base: &Committee, ours: &Committee, theirs: &Committee) -> Vec<Member> {
    let slots = keyed(m, "membres", &base.members, &ours.members, &theirs.members);
    let mut next = [base, ours, theirs]
        .iter()
        .flat_map(|c| c.members.iter().map(|x| x.id.0))
        .max()
        .unwrap_or(0);
    let mut out = Vec::new();
    for slot in slots {
        match slot {
            Slot::Keep(member) => out.push(member),
            Slot::Clash(o, t) => {
                // Two different people were given the same number: both are kept.
                out.push(o.clone());
                next = next.saturating_add(1);
                out.push(Member {
                    id: MemberId(next),
                    ..t.clone()
                });
            }
            Slot::Both(b, o, t) => {
                let Some(b) = b else {
                    out.push(o.clone());
                    continue;
                };
                let who = o.name.clone();
                let mut field = |what: &str, b: &String, o: &String, t: &String| {
                    let (value, conflict) = m.value(what, b, o, t);
                    if let Some(theirs) = conflict {
                        m.conflict(format!("{what} de {who}"), format!("« {theirs} »"), None);
                    }
                    value
                };
                let name = field("nom", &b.name, &o.name, &t.name);
                let function = field("fonction", &b.function, &o.function, &t.function);
                let (role, role_conflict) = m.value("rôle", &b.role, &o.role, &t.role);
                let (email, email_conflict) = m.value("courriel", &b.email, &o.email, &t.email);
                let (archived, _) = m.value("membres", &b.archived, &o.archived, &t.archived);
                if role_conflict.is_some() {
                    m.conflict(format!("rôle de {who}"), String::new(), None);
                }
                if let Some(email) = email_conflict {
                    m.conflict(
                        format!("courriel de {who}"),
                        email.unwrap_or_else(|| "aucun".into()),
                        None,
                    );
                }
                out.push(Member {
                    id: o.id,
                    name,
                    role,
                    function,
                    email,
                    archived,
                });
            }
        }
    }
    out
}

impl Keyed for Member {
    type Key = MemberId;
    fn key(&self) -> MemberId {
        self.id
    }
}
