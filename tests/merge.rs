//! The three-way merge of files changed elsewhere: properties of the line merge (no line of
//! either side is ever dropped, identical sides give themselves, an unchanged side gives the
//! other exactly) and of the meeting merge, then the cases a committee meets.

mod common;

use std::collections::HashMap;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

use copilnum::merge::meeting::OTHER_VERSION;
use copilnum::merge::text::{CONFLICT_END, CONFLICT_OURS, CONFLICT_THEIRS, merge_text};
use copilnum::merge::{merge_committee, merge_meeting};
use copilnum::model::{
    Attendance, Decision, Domain, Meeting, Member, MemberId, Objective, ObjectiveId, Presence, Role,
};

/// Lines from a small alphabet, so that sides often touch the same lines; some look like
/// conflict markers.
fn line() -> impl Strategy<Value = String> {
    select(vec![
        "",
        "a",
        "b",
        "c",
        "d",
        "Tour de table",
        "École",
        "<<<<<<< ours",
        "=======",
        ">>>>>>> theirs",
        "━━ FIN DU CONFLIT ━━",
        "  ",
        "é\u{301}",
    ])
    .prop_map(str::to_string)
}

fn lines() -> impl Strategy<Value = Vec<String>> {
    vec(line(), 0..12)
}

/// An edit of a list of lines: replace, insert or delete at a position.
#[derive(Debug, Clone)]
enum Edit {
    Replace(usize, String),
    Insert(usize, String),
    Delete(usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    vec(
        prop_oneof![
            (any::<usize>(), line()).prop_map(|(i, l)| Edit::Replace(i, l)),
            (any::<usize>(), line()).prop_map(|(i, l)| Edit::Insert(i, l)),
            any::<usize>().prop_map(Edit::Delete),
        ],
        0..6,
    )
}

fn apply(base: &[String], edits: &[Edit]) -> Vec<String> {
    let mut out = base.to_vec();
    for edit in edits {
        match edit {
            Edit::Replace(i, l) if !out.is_empty() => {
                let at = i % out.len();
                out[at] = l.clone();
            }
            Edit::Insert(i, l) => out.insert(i % (out.len() + 1), l.clone()),
            Edit::Delete(i) if !out.is_empty() => {
                let at = i % out.len();
                out.remove(at);
            }
            _ => {}
        }
    }
    out
}

/// How many times each line occurs.
fn counts(lines: &[&str]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for line in lines {
        *counts.entry((*line).to_string()).or_default() += 1;
    }
    counts
}

/// Every line a side added to the base (counted with repetitions) is in the result.
fn keeps_additions(base: &str, side: &str, result: &str) -> Result<(), TestCaseError> {
    let (b, s, r) = (
        counts(&base.split('\n').collect::<Vec<_>>()),
        counts(&side.split('\n').collect::<Vec<_>>()),
        counts(&result.split('\n').collect::<Vec<_>>()),
    );
    for (line, n) in &s {
        let added = n.saturating_sub(b.get(line).copied().unwrap_or(0));
        let found = r.get(line).copied().unwrap_or(0);
        prop_assert!(
            found >= added,
            "la ligne {line:?} ajoutée {added} fois n'est que {found} fois dans {result:?}"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_line_of_either_side_is_ever_dropped(base in lines(), ours in edits(), theirs in edits()) {
        let (o, t) = (apply(&base, &ours), apply(&base, &theirs));
        let (base, o, t) = (base.join("\n"), o.join("\n"), t.join("\n"));
        let merged = merge_text(&base, &o, &t);
        keeps_additions(&base, &o, &merged.text)?;
        keeps_additions(&base, &t, &merged.text)?;
        // Each conflict is one well-formed block.
        let markers = |m: &str| merged.text.split('\n').filter(|l| *l == m).count();
        prop_assert!(markers(CONFLICT_OURS) >= merged.conflicts);
        prop_assert_eq!(markers(CONFLICT_OURS) - counts_in(&[&base, &o, &t], CONFLICT_OURS), merged.conflicts);
        prop_assert!(markers(CONFLICT_THEIRS) >= merged.conflicts);
        prop_assert!(markers(CONFLICT_END) >= merged.conflicts);
    }

    #[test]
    fn merging_identical_sides_is_the_identity(base in lines(), edits in edits()) {
        let side = apply(&base, &edits).join("\n");
        let merged = merge_text(&base.join("\n"), &side, &side);
        prop_assert_eq!(merged.text, side);
        prop_assert_eq!(merged.conflicts, 0);
    }

    #[test]
    fn an_unchanged_side_takes_the_other_exactly(base in lines(), edits in edits()) {
        let base = base.join("\n");
        let side = apply(&base.split('\n').map(str::to_string).collect::<Vec<_>>(), &edits).join("\n");
        prop_assert_eq!(merge_text(&base, &base, &side).text, side.clone());
        prop_assert_eq!(merge_text(&base, &side, &base).text, side);
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn meetings_keep_every_line_and_decision_of_both_sides(
        notes_here in edits(),
        notes_there in edits(),
        decisions_here in vec(line(), 0..3),
        decisions_there in vec(line(), 0..3),
        step_here in 0usize..8,
        step_there in 0usize..8,
    ) {
        let committee = common::Committee::sample();
        let (_, base) = committee.past();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        let steps = base.steps();
        for (meeting, edits, decisions, step) in [
            (&mut ours, &notes_here, &decisions_here, step_here),
            (&mut theirs, &notes_there, &decisions_there, step_there),
        ] {
            let path = steps[step % steps.len()].path;
            let item = copilnum::model::agenda::item_at_mut(&mut meeting.agenda, path).unwrap();
            let lines: Vec<String> = item.notes.split('\n').map(str::to_string).collect();
            item.notes = apply(&lines, edits).join("\n");
            item.decisions.extend(decisions.iter().map(|text| Decision { text: text.clone() }));
        }
        let merged = merge_meeting(base, &ours, &theirs, &|id| format!("membre {}", id.0)).value;
        for side in [&ours, &theirs] {
            for step in &steps {
                let item = |m: &Meeting| copilnum::model::agenda::item_at(&m.agenda, step.path).unwrap().clone();
                let (b, s, r) = (item(base), item(side), item(&merged));
                keeps_additions(&b.notes, &s.notes, &r.notes)?;
                for decision in &s.decisions {
                    prop_assert!(r.decisions.contains(decision), "décision perdue : {decision:?}");
                }
            }
        }
        prop_assert_eq!(&merge_meeting(base, &ours, &ours, &|_| String::new()).value, &ours);
        prop_assert_eq!(&merge_meeting(base, base, &theirs, &|_| String::new()).value, &theirs);
        prop_assert_eq!(&merge_meeting(base, &ours, base, &|_| String::new()).value, &ours);
    }
}

/// How many lines equal to `marker` the inputs already hold (a side may have typed one).
fn counts_in(texts: &[&str], marker: &str) -> usize {
    texts
        .iter()
        .map(|t| t.split('\n').filter(|l| *l == marker).count())
        .max()
        .unwrap_or(0)
}

fn names(id: MemberId) -> String {
    format!("membre {}", id.0)
}

#[test]
fn a_field_changed_there_and_notes_typed_here_both_arrive() {
    let committee = common::Committee::sample();
    let (_, base) = committee.upcoming();
    let mut ours = base.clone();
    ours.agenda[0].notes.push_str("\nTapé pendant la réunion.");
    let mut theirs = base.clone();
    theirs.place = "Salle polyvalente".into();
    let merged = merge_meeting(base, &ours, &theirs, &names);
    assert_eq!(merged.value.place, "Salle polyvalente");
    assert!(
        merged.value.agenda[0]
            .notes
            .ends_with("Tapé pendant la réunion.")
    );
    assert_eq!(merged.report.taken, ["lieu"]);
    assert!(merged.report.conflicts.is_empty());
}

#[test]
fn a_field_changed_on_both_sides_keeps_ours_and_writes_theirs_in_the_current_step() {
    let committee = common::Committee::sample();
    let (_, base) = committee.upcoming();
    let mut ours = base.clone();
    ours.place = "Salle A".into();
    ours.current_step = 1;
    let mut theirs = base.clone();
    theirs.place = "Salle B".into();
    let merged = merge_meeting(base, &ours, &theirs, &names);
    assert_eq!(merged.value.place, "Salle A");
    let step = &merged.value.steps()[1];
    let notes = &copilnum::model::agenda::item_at(&merged.value.agenda, step.path)
        .unwrap()
        .notes;
    assert!(
        notes.ends_with(&format!(
            "{OTHER_VERSION}\nlieu : « Salle B »\n{CONFLICT_END}"
        )),
        "{notes}"
    );
    let conflict = &merged.report.conflicts[0];
    assert_eq!(conflict.what, "lieu");
    assert!(
        conflict
            .recorded_in
            .as_deref()
            .unwrap()
            .starts_with("notes du point 2 "),
        "{conflict:?}"
    );
    assert!(merged.report.sentence().contains("lieu"));
}

#[test]
fn an_item_field_changed_on_both_sides_is_recorded_in_that_items_notes() {
    let committee = common::Committee::sample();
    let (_, base) = committee.past();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let last = base.agenda.len() - 1;
    ours.agenda[last].planned_minutes = 40;
    theirs.agenda[last].planned_minutes = 50;
    let merged = merge_meeting(base, &ours, &theirs, &names).value;
    assert_eq!(merged.agenda[last].planned_minutes, 40);
    assert!(
        merged.agenda[last]
            .notes
            .contains(&format!("durée prévue du point {} : 50 min", last + 1)),
        "{}",
        merged.agenda[last].notes
    );
}

#[test]
fn attendance_merges_member_by_member() {
    let committee = common::Committee::sample();
    let (_, base) = committee.upcoming();
    let member = |id| Attendance {
        member: MemberId(id),
        presence: Presence::Present,
        statement: String::new(),
        arrived_at: None,
    };
    let mut ours = base.clone();
    ours.attendance.push(member(3));
    let mut theirs = base.clone();
    theirs.attendance.push(Attendance {
        presence: Presence::Excused,
        ..member(4)
    });
    let merged = merge_meeting(base, &ours, &theirs, &names).value;
    assert_eq!(merged.presence_of(MemberId(3)), Some(&Presence::Present));
    assert_eq!(merged.presence_of(MemberId(4)), Some(&Presence::Excused));
    // The same member recorded differently on both sides: ours, and theirs in the notes.
    let mut theirs = base.clone();
    theirs.attendance.push(Attendance {
        presence: Presence::Absent,
        ..member(3)
    });
    let merged = merge_meeting(base, &ours, &theirs, &names);
    assert_eq!(
        merged.value.presence_of(MemberId(3)),
        Some(&Presence::Present)
    );
    assert_eq!(merged.report.conflicts[0].what, "présence de membre 3");
    assert_eq!(merged.report.conflicts[0].theirs, "absent");
}

#[test]
fn two_objectives_given_the_same_number_are_both_kept() {
    let committee = common::Committee::sample();
    let (_, base) = committee.upcoming();
    let objective = |statement: &str| Objective {
        id: ObjectiveId(base.max_objective_id() + 100),
        statement: statement.into(),
        owner: MemberId(1),
        due: base.date,
        indicator: String::new(),
        domain: Domain::Technical,
        subjects: Vec::new(),
        crcn: None,
        carried_from: None,
        due_to_confirm: false,
    };
    let mut ours = base.clone();
    ours.objectives.push(objective("Équiper les écoles"));
    let mut theirs = base.clone();
    theirs.objectives.push(objective("Former les enseignants"));
    let merged = merge_meeting(base, &ours, &theirs, &names).value;
    let statements: Vec<&str> = merged
        .objectives
        .iter()
        .map(|o| o.statement.as_str())
        .collect();
    assert!(statements.contains(&"Équiper les écoles"));
    assert!(statements.contains(&"Former les enseignants"));
    let mut ids: Vec<_> = merged.objectives.iter().map(|o| o.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), merged.objectives.len(), "identifiants en double");
}

#[test]
fn notes_stay_with_their_item_when_the_agenda_changed_there() {
    let committee = common::Committee::sample();
    let (_, base) = committee.upcoming();
    let mut ours = base.clone();
    let last = ours.agenda.len() - 1;
    ours.agenda[last].notes = "Noté ici.".into();
    let title = ours.agenda[last].title.clone();
    let mut theirs = base.clone();
    theirs
        .agenda
        .insert(0, copilnum::model::AgendaItem::new("Accueil", 5));
    let merged = merge_meeting(base, &ours, &theirs, &names).value;
    assert_eq!(merged.agenda.len(), base.agenda.len() + 1);
    assert_eq!(merged.agenda[0].title, "Accueil");
    let item = merged.agenda.iter().find(|i| i.title == title).unwrap();
    assert_eq!(item.notes, "Noté ici.");
}

#[test]
fn notes_changed_on_the_same_line_keep_both_texts() {
    let committee = common::Committee::sample();
    let (_, base) = committee.past();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.agenda[0].notes = "Version d'ici".into();
    theirs.agenda[0].notes = "Version d'ailleurs".into();
    let merged = merge_meeting(base, &ours, &theirs, &names);
    let notes = &merged.value.agenda[0].notes;
    assert!(notes.contains("Version d'ici") && notes.contains("Version d'ailleurs"));
    assert!(notes.contains(CONFLICT_OURS) && notes.contains(CONFLICT_THEIRS));
    assert_eq!(merged.report.conflicts.len(), 1);
}

#[test]
fn the_committee_merges_member_by_member() {
    let committee = common::Committee::sample();
    let base = &committee.sample.committee;
    let mut ours = base.clone();
    ours.members[0].function = "Nouvelle fonction".into();
    let mut theirs = base.clone();
    theirs.members[1].email = Some("autre@ac-grenoble.fr".into());
    let newcomer = |name: &str| Member {
        id: base.next_member_id(),
        name: name.into(),
        role: Role::Free("Invité".into()),
        function: String::new(),
        email: None,
        archived: false,
    };
    ours.members.push(newcomer("Arrivée ici"));
    theirs.members.push(newcomer("Arrivée ailleurs"));
    theirs.territory = "Autre territoire".into();
    let merged = merge_committee(base, &ours, &theirs);
    let c = &merged.value;
    assert_eq!(c.members[0].function, "Nouvelle fonction");
    assert_eq!(c.members[1].email.as_deref(), Some("autre@ac-grenoble.fr"));
    assert_eq!(c.territory, "Autre territoire");
    let names: Vec<&str> = c.members.iter().map(|m| m.name.as_str()).collect();
    assert!(names.contains(&"Arrivée ici") && names.contains(&"Arrivée ailleurs"));
    assert_eq!(c.members.len(), base.members.len() + 2);
    let mut ids: Vec<u32> = c.members.iter().map(|m| m.id.0).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), c.members.len());
}
