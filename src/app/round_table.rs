//! The tour de table: who has the floor, in what order (the present in roster order, or the
//! order the facilitator set), passing it on without leaving the notes, and what each person
//! said, taken from the notes under their name into their attendance. Excused and absent
//! members never get the floor.

use chrono::NaiveTime;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::meeting::{MeetingScreen, Refusal};
use crate::model::{Committee, Member, MemberId, Presence, StepKind};

/// The line of notes that opens a person's turn: "Hélène Marchand : ".
pub fn turn_line(member: &Member) -> String {
    format!("{} : ", member.name)
}

/// What each person said: the text after the line that opens their turn, up to the next
/// turn (several lines joined by spaces), for each person who has a turn in the notes.
pub fn statements(notes: &str, people: &[&Member]) -> Vec<(MemberId, String)> {
    let openers: Vec<(MemberId, String)> = people.iter().map(|m| (m.id, turn_line(m))).collect();
    let opener = |line: &str| {
        openers
            .iter()
            .find(|(_, prefix)| line.starts_with(prefix.trim_end()))
            .map(|(id, prefix)| (*id, prefix.trim_end().len()))
    };
    let mut found: Vec<(MemberId, String)> = Vec::new();
    let mut current: Option<usize> = None;
    for line in notes.split('\n') {
        if let Some((id, len)) = opener(line) {
            let text = line[len..].trim().to_string();
            found.retain(|(other, _)| *other != id);
            found.push((id, text));
            current = Some(found.len() - 1);
        } else if let Some(at) = current {
            let line = line.trim();
            if !line.is_empty() {
                let text = &mut found[at].1;
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(line);
            }
        }
    }
    found
}

impl MeetingScreen {
    /// Who may speak, in order (see [`crate::model::Meeting::speaking_order`]).
    pub fn speaking_order(&self, committee: &Committee) -> Vec<MemberId> {
        self.meeting.speaking_order(committee)
    }

    /// Who speaks after the current speaker, if anyone.
    pub fn next_speaker(&self, committee: &Committee) -> Option<MemberId> {
        self.meeting.next_speaker(committee)
    }

    /// Passes the floor to the next person present (or back to the previous one): the wall
    /// shows them, the notes get a line with their name where the secretary goes on typing,
    /// and what the previous one said is kept in their attendance.
    pub fn pass_floor(
        &mut self,
        committee: &Committee,
        forward: bool,
    ) -> Result<MemberId, Refusal> {
        if self.kind() != StepKind::RoundTable {
            return Err("La parole se donne pendant le tour de table.".into());
        }
        let order = self.speaking_order(committee);
        if order.is_empty() {
            return Err(
                "Personne n'est noté présent : marquez les présences (Espace dans la liste), puis donnez la parole."
                    .into(),
            );
        }
        let at = self
            .meeting
            .speaker
            .and_then(|s| order.iter().position(|m| *m == s));
        let target = match (at, forward) {
            (None, true) => 0,
            (None, false) => order.len() - 1,
            (Some(at), true) if at + 1 < order.len() => at + 1,
            (Some(_), true) => {
                return Err(
                    "Tout le monde a eu la parole : F8 pour passer à l'étape suivante.".into(),
                );
            }
            (Some(0), false) => return Err("C'est la première personne du tour de table.".into()),
            (Some(at), false) => at - 1,
        };
        let speaker = order[target];
        self.capture_statements(committee);
        self.meeting.speaker = Some(speaker);
        if let Some(member) = committee.member(speaker) {
            self.open_turn(member);
        }
        // The attendance list follows the speaker.
        if let Some(row) = self
            .attendees(committee)
            .iter()
            .position(|m| m.id == speaker)
        {
            self.cursors.attendee = row;
        }
        Ok(speaker)
    }

    /// Puts a person's turn line at the end of the notes, the cursor after it.
    fn open_turn(&mut self, member: &Member) {
        let line = turn_line(member);
        let Some(editor) = self.editor_mut() else {
            return;
        };
        editor.input(KeyEvent::new(KeyCode::End, KeyModifiers::CONTROL));
        let last = editor.current_line().to_string();
        if last.trim_end() == line.trim_end() {
            return;
        }
        let text = if last.trim().is_empty() {
            line
        } else {
            format!("\n{line}")
        };
        editor.paste(&text);
    }

    /// Keeps in each attendance what the notes of the tour de table hold under that person's
    /// name (a statement typed in its own form is kept when the notes say nothing).
    pub fn capture_statements(&mut self, committee: &Committee) {
        if self.kind() != StepKind::RoundTable {
            return;
        }
        let notes = self.editor().map(|e| e.text()).unwrap_or_default();
        let people = self.attendees(committee);
        for (id, said) in statements(&notes, &people) {
            if !said.is_empty() {
                self.set_statement(id, said);
            }
        }
    }

    /// Moves a person earlier (`by` < 0) or later in the speaking order.
    pub fn move_in_order(&mut self, committee: &Committee, member: MemberId, by: isize) -> bool {
        let mut order = self.speaking_order(committee);
        let Some(at) = order.iter().position(|m| *m == member) else {
            return false;
        };
        let to = (at as isize + by).clamp(0, order.len() as isize - 1) as usize;
        if to == at {
            return false;
        }
        let moved = order.remove(at);
        order.insert(to, moved);
        self.meeting.speaking_order = order;
        true
    }

    /// A latecomer arrives: present from now, after the others in the speaking order.
    pub fn arrives(&mut self, committee: &Committee, member: MemberId, at: NaiveTime) {
        self.set_presence(member, Presence::Present);
        if let Some(entry) = self
            .meeting
            .attendance
            .iter_mut()
            .find(|a| a.member == member)
        {
            entry.arrived_at = Some(at);
        }
        if !self.meeting.speaking_order.is_empty() || self.meeting.speaker.is_some() {
            let mut order = self.speaking_order(committee);
            order.retain(|m| *m != member);
            order.push(member);
            self.meeting.speaking_order = order;
        }
    }

    /// A person who no longer may speak (excused, absent) loses the floor.
    pub fn check_speaker(&mut self, committee: &Committee) {
        if let Some(speaker) = self.meeting.speaker
            && !self.speaking_order(committee).contains(&speaker)
        {
            self.meeting.speaker = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MeetingId;
    use chrono::NaiveDate;
    use std::time::Instant;

    fn round_table() -> (Committee, MeetingScreen) {
        let s = crate::sample::sample(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        let (id, mut meeting): (MeetingId, _) = s.meetings[1].clone();
        meeting.attendance.clear();
        let mut screen = MeetingScreen::new(id, meeting);
        screen.go_to_step(1, Instant::now());
        assert_eq!(screen.kind(), StepKind::RoundTable);
        (s.committee, screen)
    }

    fn name(committee: &Committee, id: MemberId) -> String {
        committee.member(id).unwrap().name.clone()
    }

    #[test]
    fn the_floor_goes_to_the_present_in_roster_order_never_to_the_excused() {
        let (committee, mut screen) = round_table();
        let people: Vec<MemberId> = screen.attendees(&committee).iter().map(|m| m.id).collect();
        assert!(
            screen.pass_floor(&committee, true).is_err(),
            "nobody present yet"
        );
        screen.set_presence(people[0], Presence::Present);
        screen.set_presence(people[1], Presence::Excused);
        screen.set_presence(people[2], Presence::Absent);
        screen.set_presence(people[3], Presence::RepresentedBy("M. Roux".into()));
        screen.set_presence(people[4], Presence::Present);
        assert_eq!(
            screen.speaking_order(&committee),
            [people[0], people[3], people[4]]
        );
        assert_eq!(screen.pass_floor(&committee, true), Ok(people[0]));
        assert_eq!(screen.next_speaker(&committee), Some(people[3]));
        assert_eq!(screen.pass_floor(&committee, true), Ok(people[3]));
        assert_eq!(screen.pass_floor(&committee, true), Ok(people[4]));
        assert!(
            screen
                .pass_floor(&committee, true)
                .unwrap_err()
                .contains("Tout le monde")
        );
        assert_eq!(screen.pass_floor(&committee, false), Ok(people[3]));
        // Excused now: the floor is taken back.
        screen.set_presence(people[3], Presence::Excused);
        screen.check_speaker(&committee);
        assert_eq!(screen.meeting.speaker, None);
    }

    #[test]
    fn what_each_says_is_kept_under_their_name_without_leaving_the_notes() {
        let (committee, mut screen) = round_table();
        let people: Vec<MemberId> = screen.attendees(&committee).iter().map(|m| m.id).collect();
        for &p in &people[..3] {
            screen.set_presence(p, Presence::Present);
        }
        let type_in = |screen: &mut MeetingScreen, text: &str| {
            for c in text.chars() {
                screen
                    .editor_mut()
                    .unwrap()
                    .input(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            }
        };
        screen.pass_floor(&committee, true).unwrap();
        type_in(&mut screen, "Je pilote le comité.");
        screen.pass_floor(&committee, true).unwrap();
        type_in(&mut screen, "J'accompagne les écoles.");
        screen.pass_floor(&committee, true).unwrap();
        let notes = screen.editor().unwrap().text();
        let first = committee.member(people[0]).unwrap();
        assert!(
            notes.starts_with(&format!("{}Je pilote le comité.\n", turn_line(first))),
            "{notes}"
        );
        assert!(notes.contains(&name(&committee, people[2])));
        let said = |id| {
            screen
                .meeting
                .attendance
                .iter()
                .find(|a| a.member == id)
                .unwrap()
                .statement
                .clone()
        };
        assert_eq!(said(people[0]), "Je pilote le comité.");
        assert_eq!(said(people[1]), "J'accompagne les écoles.");
    }

    #[test]
    fn the_facilitator_sets_the_order_and_a_latecomer_speaks_last() {
        let (committee, mut screen) = round_table();
        let people: Vec<MemberId> = screen.attendees(&committee).iter().map(|m| m.id).collect();
        for &p in &people[..3] {
            screen.set_presence(p, Presence::Present);
        }
        assert!(screen.move_in_order(&committee, people[2], -2));
        assert_eq!(
            screen.speaking_order(&committee),
            [people[2], people[0], people[1]]
        );
        screen.pass_floor(&committee, true).unwrap();
        let at = NaiveTime::from_hms_opt(14, 32, 0).unwrap();
        screen.arrives(&committee, people[5], at);
        assert_eq!(screen.speaking_order(&committee).last(), Some(&people[5]));
        let entry = screen
            .meeting
            .attendance
            .iter()
            .find(|a| a.member == people[5])
            .unwrap();
        assert_eq!(
            (entry.presence.clone(), entry.arrived_at),
            (Presence::Present, Some(at))
        );
    }

    #[test]
    fn statements_read_from_notes_keep_continuation_lines() {
        let (committee, _) = round_table();
        let a = &committee.members[0];
        let b = &committee.members[1];
        let notes = format!(
            "Intro\n{}Première ligne\nsuite\n\n{}Autre",
            turn_line(a),
            turn_line(b)
        );
        assert_eq!(
            statements(&notes, &[a, b]),
            [
                (a.id, "Première ligne suite".to_string()),
                (b.id, "Autre".to_string())
            ]
        );
    }
}
