//! Three-way merge of a meeting, field by field: agenda items (notes line by line, decisions
//! element by element), attendance by member, evaluations by objective, objectives by
//! identifier. A field both sides changed keeps ours; theirs goes into the notes of its step.

use std::collections::BTreeMap;

use super::text::{CONFLICT_END, merge_list, merge_text};
use super::{Keyed, Merged, Merger, Slot, keyed};
use crate::fr;
use crate::model::agenda::{self, AgendaItem};
use crate::model::{
    Attendance, Evaluation, Meeting, MeetingKind, MemberId, NextMeeting, Objective, ObjectiveId,
    PriorityAxis,
};

/// First line of the block that records, in a step's notes, the other version of fields both
/// sides changed.
pub const OTHER_VERSION: &str =
    "━━ AUTRE VERSION, modifiée ailleurs (celle de cet ordinateur est gardée) ━━";

/// A value of the other version that lost to ours, waiting to be written in the notes.
struct Pending {
    /// The agenda item whose notes receive it (item, then sub-item): `None` for the current
    /// step.
    item: Option<Vec<usize>>,
    what: String,
    theirs: String,
}

/// Merges `ours` (in memory) and `theirs` (on disk), both changed from `base`. `name` gives a
/// member's name for the notes and the report.
pub fn merge_meeting(
    base: &Meeting,
    ours: &Meeting,
    theirs: &Meeting,
    name: &dyn Fn(MemberId) -> String,
) -> Merged<Meeting> {
    if ours == theirs || base == theirs {
        return unchanged(ours);
    }
    if base == ours {
        let mut merger = Merger::new();
        merger.taken("toute la réunion");
        return Merged {
            value: theirs.clone(),
            report: merger.report,
        };
    }
    let mut m = MeetingMerge {
        merger: Merger::new(),
        pending: Vec::new(),
        name,
    };
    let person = |id: &Option<MemberId>| id.map_or("personne".to_string(), name);
    let agenda = m.agenda(&base.agenda, &ours.agenda, &theirs.agenda, &[]);
    let mut merged = Meeting {
        version: ours.version,
        date: m.field(
            "date",
            base,
            ours,
            theirs,
            |x| &x.date,
            |d| fr::date_long(*d),
        ),
        time: m.field(
            "heure",
            base,
            ours,
            theirs,
            |x| &x.time,
            |t| t.map_or("aucune".into(), fr::time),
        ),
        place: m.field("lieu", base, ours, theirs, |x| &x.place, |p| quoted(p)),
        kind: m.field("type de réunion", base, ours, theirs, |x| &x.kind, kind),
        secretary: m.field(
            "secrétaire de séance",
            base,
            ours,
            theirs,
            |x| &x.secretary,
            person,
        ),
        invited: {
            let (list, conflicts) = merge_list(&base.invited, &ours.invited, &theirs.invited);
            if list != ours.invited {
                m.merger.taken("invitations");
            }
            if conflicts > 0 {
                m.merger.conflict("invitations".into(), String::new(), None);
            }
            list
        },
        started_at: m.field(
            "début de la réunion",
            base,
            ours,
            theirs,
            |x| &x.started_at,
            |t| {
                t.map_or("non commencée".into(), |t| {
                    t.format("%d/%m/%Y %H:%M").to_string()
                })
            },
        ),
        ended_at: m.field(
            "fin de la réunion",
            base,
            ours,
            theirs,
            |x| &x.ended_at,
            |t| {
                t.map_or("non close".into(), |t| {
                    t.format("%d/%m/%Y %H:%M").to_string()
                })
            },
        ),
        current_step: m.field(
            "étape en cours",
            base,
            ours,
            theirs,
            |x| &x.current_step,
            |s| format!("étape n° {}", s + 1),
        ),
        timer_started_at: m.quiet(
            &base.timer_started_at,
            &ours.timer_started_at,
            &theirs.timer_started_at,
        ),
        speaker: m.quiet(&base.speaker, &ours.speaker, &theirs.speaker),
        speaking_order: merge_list(
            &base.speaking_order,
            &ours.speaking_order,
            &theirs.speaking_order,
        )
        .0,
        summary: m.quiet(&base.summary, &ours.summary, &theirs.summary),
        agenda,
        attendance: m.attendance(base, ours, theirs),
        reviews_objectives: m.field(
            "bilan des objectifs à cette réunion",
            base,
            ours,
            theirs,
            |x| &x.reviews_objectives,
            |r| match r {
                None => "selon le type de réunion".into(),
                Some(true) => "oui".into(),
                Some(false) => "non".into(),
            },
        ),
        evaluations: m.evaluations(base, ours, theirs),
        objectives: m.objectives(base, ours, theirs),
        priority_axis: m.field(
            "axe prioritaire",
            base,
            ours,
            theirs,
            |x| &x.priority_axis,
            |a| axis(a, name),
        ),
        next_meeting: m.field(
            "prochaine réunion",
            base,
            ours,
            theirs,
            |x| &x.next_meeting,
            next,
        ),
    };
    m.record(&mut merged);
    Merged {
        value: merged,
        report: m.merger.report,
    }
}

fn unchanged<T: Clone>(ours: &T) -> Merged<T> {
    Merged {
        value: ours.clone(),
        report: super::Report::default(),
    }
}

struct MeetingMerge<'a> {
    merger: Merger,
    pending: Vec<Pending>,
    name: &'a dyn Fn(MemberId) -> String,
}

impl MeetingMerge<'_> {
    /// A meeting-level field; a conflict goes to the notes of the current step.
    fn field<T: Clone + PartialEq>(
        &mut self,
        what: &str,
        base: &Meeting,
        ours: &Meeting,
        theirs: &Meeting,
        get: impl Fn(&Meeting) -> &T,
        show: impl Fn(&T) -> String,
    ) -> T {
        let (value, conflict) = self.merger.value(what, get(base), get(ours), get(theirs));
        if let Some(theirs) = conflict {
            self.pending.push(Pending {
                item: None,
                what: what.to_string(),
                theirs: show(&theirs),
            });
        }
        value
    }

    /// A field that only says what the facilitator is doing right now (the running timer, the
    /// speaker): ours wins without a word when both changed it.
    fn quiet<T: Clone + PartialEq>(&mut self, base: &T, ours: &T, theirs: &T) -> T {
        self.merger.value("", base, ours, theirs).0
    }

    /// Agenda items: by position when both sides kept the shape of the agenda, else by title.
    fn agenda(
        &mut self,
        base: &[AgendaItem],
        ours: &[AgendaItem],
        theirs: &[AgendaItem],
        parent: &[usize],
    ) -> Vec<AgendaItem> {
        let same_shape = |a: &[AgendaItem], b: &[AgendaItem]| {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.items.len() == y.items.len())
        };
        if same_shape(base, ours) && same_shape(base, theirs) {
            return (0..ours.len())
                .map(|i| {
                    let path = [parent, &[i]].concat();
                    self.item(Some(&base[i]), &ours[i], &theirs[i], &path)
                })
                .collect();
        }
        if parent.is_empty() {
            self.merger.taken("ordre du jour");
        }
        let titled = |items: &[AgendaItem]| -> Vec<Titled> {
            let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
            items
                .iter()
                .map(|item| {
                    let n = seen.entry(item.title.as_str()).or_default();
                    *n += 1;
                    Titled {
                        key: (item.title.clone(), *n),
                        item: item.clone(),
                    }
                })
                .collect()
        };
        let (b, o, t) = (titled(base), titled(ours), titled(theirs));
        let slots = keyed(&mut self.merger, "ordre du jour", &b, &o, &t);
        slots
            .into_iter()
            .enumerate()
            .map(|(i, slot)| {
                let path = [parent, &[i]].concat();
                match slot {
                    Slot::Both(b, o, t) => self.item(b.map(|b| &b.item), &o.item, &t.item, &path),
                    Slot::Keep(x) => x.item,
                    Slot::Clash(o, t) => self.item(None, &o.item, &t.item, &path),
                }
            })
            .collect()
    }

    /// One agenda item; `path` is its position (item, then sub-item).
    fn item(
        &mut self,
        base: Option<&AgendaItem>,
        ours: &AgendaItem,
        theirs: &AgendaItem,
        path: &[usize],
    ) -> AgendaItem {
        let empty = AgendaItem::new("", 0);
        let base = base.unwrap_or(&empty);
        let at = Some(path.to_vec());
        let label = |what: &str| format!("{what} du point {}", number(path));
        macro_rules! field {
            ($f:ident, $what:expr, $show:expr) => {{
                let (value, conflict) =
                    self.merger
                        .value(&label($what), &base.$f, &ours.$f, &theirs.$f);
                if let Some(theirs) = conflict {
                    self.pending.push(Pending {
                        item: at.clone(),
                        what: label($what),
                        theirs: $show(&theirs),
                    });
                }
                value
            }};
        }
        let title = field!(title, "titre", |t: &String| quoted(t));
        let presenter = field!(presenter, "intervenant", |p: &Option<String>| {
            p.as_deref().map_or("aucun".into(), quoted)
        });
        let kind = field!(kind, "type d'étape", |k| format!("{k:?}"));
        let planned_minutes = field!(planned_minutes, "durée prévue", |m: &u32| format!(
            "{m} min"
        ));
        let spent_seconds = field!(spent_seconds, "temps passé", |s: &u32| {
            format!("{} min {} s", s / 60, s % 60)
        });
        let (details, _) = merge_list(&base.details, &ours.details, &theirs.details);
        let (subjects, _) = merge_list(&base.subjects, &ours.subjects, &theirs.subjects);
        let notes = merge_text(&base.notes, &ours.notes, &theirs.notes);
        if notes.text != ours.notes {
            self.merger
                .taken(&format!("notes du point {}", number(path)));
        }
        if notes.conflicts > 0 {
            self.merger.conflict(
                format!("notes du point {}", number(path)),
                String::new(),
                Some(format!("notes du point {}", number(path))),
            );
        }
        let (decisions, clashes) = merge_list(&base.decisions, &ours.decisions, &theirs.decisions);
        if decisions != ours.decisions {
            self.merger
                .taken(&format!("décisions du point {}", number(path)));
        }
        if clashes > 0 {
            self.merger.conflict(
                format!("décisions du point {}", number(path)),
                String::new(),
                None,
            );
        }
        let items = self.agenda(&base.items, &ours.items, &theirs.items, path);
        AgendaItem {
            title,
            presenter,
            details,
            kind,
            planned_minutes,
            spent_seconds,
            subjects,
            notes: notes.text,
            decisions,
            items,
        }
    }

    fn attendance(&mut self, base: &Meeting, ours: &Meeting, theirs: &Meeting) -> Vec<Attendance> {
        let slots = keyed(
            &mut self.merger,
            "présences",
            &base.attendance,
            &ours.attendance,
            &theirs.attendance,
        );
        slots
            .into_iter()
            .map(|slot| match slot {
                Slot::Keep(x) => x,
                Slot::Both(b, o, t) => self.attendee(b, o, t),
                Slot::Clash(o, t) => self.attendee(None, o, t),
            })
            .collect()
    }

    fn attendee(
        &mut self,
        base: Option<&Attendance>,
        ours: &Attendance,
        theirs: &Attendance,
    ) -> Attendance {
        let who = (self.name)(ours.member);
        let presence = self.scalar(
            &format!("présence de {who}"),
            base.map(|b| &b.presence),
            &ours.presence,
            &theirs.presence,
            |p| p.label(),
        );
        let statement = self.scalar(
            &format!("tour de table de {who}"),
            base.map(|b| &b.statement),
            &ours.statement,
            &theirs.statement,
            |s| quoted(s),
        );
        let arrived_at = self.scalar(
            &format!("heure d'arrivée de {who}"),
            base.map(|b| &b.arrived_at),
            &ours.arrived_at,
            &theirs.arrived_at,
            |t| t.map_or("à l'heure".into(), fr::time),
        );
        Attendance {
            member: ours.member,
            presence,
            statement,
            arrived_at,
        }
    }

    /// A field of a list element (no base when both sides added the element).
    fn scalar<T: Clone + PartialEq>(
        &mut self,
        what: &str,
        base: Option<&T>,
        ours: &T,
        theirs: &T,
        show: impl Fn(&T) -> String,
    ) -> T {
        let (value, conflict) = match base {
            Some(base) => self.merger.value(what, base, ours, theirs),
            None if ours == theirs => (ours.clone(), None),
            None => (ours.clone(), Some(theirs.clone())),
        };
        if let Some(theirs) = conflict {
            self.pending.push(Pending {
                item: None,
                what: what.to_string(),
                theirs: show(&theirs),
            });
        }
        value
    }

    fn evaluations(&mut self, base: &Meeting, ours: &Meeting, theirs: &Meeting) -> Vec<Evaluation> {
        let slots = keyed(
            &mut self.merger,
            "bilan des objectifs",
            &base.evaluations,
            &ours.evaluations,
            &theirs.evaluations,
        );
        slots
            .into_iter()
            .map(|slot| {
                let (b, o, t) = match slot {
                    Slot::Keep(x) => return x,
                    Slot::Both(b, o, t) => (b, o, t),
                    Slot::Clash(o, t) => (None, o, t),
                };
                let what = |field: &str| format!("{field} de l'objectif « {} »", o.statement);
                let name = self.name;
                Evaluation {
                    objective: o.objective,
                    statement: self.scalar(
                        &what("énoncé"),
                        b.map(|b| &b.statement),
                        &o.statement,
                        &t.statement,
                        |s| quoted(s),
                    ),
                    owner: self.scalar(
                        &what("responsable"),
                        b.map(|b| &b.owner),
                        &o.owner,
                        &t.owner,
                        |p| p.map_or("personne".into(), name),
                    ),
                    outcome: self.scalar(
                        &what("résultat"),
                        b.map(|b| &b.outcome),
                        &o.outcome,
                        &t.outcome,
                        |r| r.map_or("non évalué".into(), |r| r.label().to_string()),
                    ),
                    comment: self.scalar(
                        &what("commentaire"),
                        b.map(|b| &b.comment),
                        &o.comment,
                        &t.comment,
                        |s| quoted(s),
                    ),
                }
            })
            .collect()
    }

    fn objectives(&mut self, base: &Meeting, ours: &Meeting, theirs: &Meeting) -> Vec<Objective> {
        let slots = keyed(
            &mut self.merger,
            "objectifs",
            &base.objectives,
            &ours.objectives,
            &theirs.objectives,
        );
        let mut next = [base, ours, theirs]
            .iter()
            .map(|m| m.max_objective_id())
            .max()
            .unwrap_or(0);
        let mut out = Vec::new();
        for slot in slots {
            match slot {
                Slot::Keep(x) => out.push(x),
                Slot::Clash(o, t) => {
                    // Two different objectives were given the same number: both are kept.
                    out.push(o.clone());
                    next += 1;
                    out.push(Objective {
                        id: ObjectiveId(next),
                        ..t.clone()
                    });
                }
                Slot::Both(b, o, t) => {
                    let what = |field: &str| format!("{field} de l'objectif « {} »", o.statement);
                    let name = self.name;
                    out.push(Objective {
                        id: o.id,
                        statement: self.scalar(
                            &what("énoncé"),
                            b.map(|b| &b.statement),
                            &o.statement,
                            &t.statement,
                            |s| quoted(s),
                        ),
                        owner: self.scalar(
                            &what("responsable"),
                            b.map(|b| &b.owner),
                            &o.owner,
                            &t.owner,
                            |p| name(*p),
                        ),
                        due: self.scalar(
                            &what("échéance"),
                            b.map(|b| &b.due),
                            &o.due,
                            &t.due,
                            |d| fr::date_long(*d),
                        ),
                        indicator: self.scalar(
                            &what("indicateur"),
                            b.map(|b| &b.indicator),
                            &o.indicator,
                            &t.indicator,
                            |s| quoted(s),
                        ),
                        domain: self.scalar(
                            &what("domaine"),
                            b.map(|b| &b.domain),
                            &o.domain,
                            &t.domain,
                            |d| d.label().to_string(),
                        ),
                        subjects: self.scalar(
                            &what("sujets"),
                            b.map(|b| &b.subjects),
                            &o.subjects,
                            &t.subjects,
                            |s| s.join(", "),
                        ),
                        crcn: self.scalar(
                            &what("compétence CRCN"),
                            b.map(|b| &b.crcn),
                            &o.crcn,
                            &t.crcn,
                            |c| c.clone().unwrap_or_else(|| "aucune".into()),
                        ),
                        carried_from: self.scalar(
                            &what("objectif d'origine"),
                            b.map(|b| &b.carried_from),
                            &o.carried_from,
                            &t.carried_from,
                            |c| c.map_or("aucun".into(), |c| format!("n° {}", c.0)),
                        ),
                        due_to_confirm: self.scalar(
                            &what("échéance à confirmer"),
                            b.map(|b| &b.due_to_confirm),
                            &o.due_to_confirm,
                            &t.due_to_confirm,
                            |c| if *c { "oui" } else { "non" }.into(),
                        ),
                    });
                }
            }
        }
        out
    }

    /// Writes the other version of every field both sides changed in the notes of its step
    /// (the current step for the meeting's own fields), one block per step.
    fn record(&mut self, meeting: &mut Meeting) {
        if self.pending.is_empty() {
            return;
        }
        let steps = meeting.steps();
        if steps.is_empty() {
            for p in std::mem::take(&mut self.pending) {
                self.merger.conflict(p.what, p.theirs, None);
            }
            return;
        }
        let current = meeting.current_step.min(steps.len() - 1);
        let mut blocks: BTreeMap<usize, Vec<Pending>> = BTreeMap::new();
        for p in std::mem::take(&mut self.pending) {
            // An item with sub-items records in its first sub-item.
            let step = p
                .item
                .as_ref()
                .and_then(|path| {
                    steps.iter().position(|s| {
                        s.path.0 == path[0] && (path.len() == 1 || s.path.1 == path.get(1).copied())
                    })
                })
                .unwrap_or(current);
            blocks.entry(step).or_default().push(p);
        }
        for (step, pendings) in blocks {
            let s = &steps[step];
            let title = agenda::item_at(&meeting.agenda, s.path)
                .map(|i| i.title.clone())
                .unwrap_or_default();
            let place = format!("notes du point {} « {} »", s.number, title);
            let mut block = vec![OTHER_VERSION.to_string()];
            for p in &pendings {
                block.push(format!("{} : {}", p.what, p.theirs));
            }
            block.push(CONFLICT_END.to_string());
            if let Some(item) = agenda::item_at_mut(&mut meeting.agenda, s.path) {
                if !item.notes.is_empty() {
                    item.notes.push('\n');
                }
                item.notes.push_str(&block.join("\n"));
            }
            for p in pendings {
                self.merger.conflict(p.what, p.theirs, Some(place.clone()));
            }
        }
    }
}

/// An agenda item known by its title and the rank of that title among its siblings.
#[derive(Debug, Clone, PartialEq)]
struct Titled {
    key: (String, usize),
    item: AgendaItem,
}

impl Keyed for Titled {
    type Key = (String, usize);
    fn key(&self) -> Self::Key {
        self.key.clone()
    }
}

impl Keyed for Attendance {
    type Key = MemberId;
    fn key(&self) -> MemberId {
        self.member
    }
}

impl Keyed for Evaluation {
    type Key = ObjectiveId;
    fn key(&self) -> ObjectiveId {
        self.objective
    }
}

impl Keyed for Objective {
    type Key = ObjectiveId;
    fn key(&self) -> ObjectiveId {
        self.id
    }
}

/// "2.1" for the first sub-item of the second item.
fn number(path: &[usize]) -> String {
    path.iter()
        .map(|i| (i + 1).to_string())
        .collect::<Vec<_>>()
        .join(".")
}

fn quoted(text: &str) -> String {
    format!("« {text} »")
}

fn kind(kind: &MeetingKind) -> String {
    match kind {
        MeetingKind::Restricted { dossier } => format!("comité restreint (« {dossier} »)"),
        other => other.label().to_string(),
    }
}

fn axis(axis: &Option<PriorityAxis>, name: &dyn Fn(MemberId) -> String) -> String {
    match axis {
        None => "aucun".into(),
        Some(a) => match a.coordinator {
            Some(c) => format!("« {} », coordination : {}", a.statement, name(c)),
            None => format!("« {} »", a.statement),
        },
    }
}

fn next(next: &Option<NextMeeting>) -> String {
    match next {
        None => "à fixer".into(),
        Some(n) => {
            let mut text = fr::date_long(n.date);
            if let Some(t) = n.time {
                text.push_str(&format!(" à {}", fr::time(t)));
            }
            if !n.place.is_empty() {
                text.push_str(&format!(", {}", n.place));
            }
            text
        }
    }
}
