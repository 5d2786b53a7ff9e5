//! Operational objectives set at a meeting, and their evaluation at the next one.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::MemberId;

/// Identifier of an objective, unique across all the meetings of a committee, so that an
/// evaluation or a carried-over objective can point back to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ObjectiveId(pub u32);

/// An operational objective, to be evaluated at the next meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// Identifier, unique in the committee.
    pub id: ObjectiveId,
    /// What is to be achieved.
    pub statement: String,
    /// Who is responsible for it.
    pub owner: MemberId,
    /// By when.
    pub due: NaiveDate,
    /// How success will be recognised.
    #[serde(default)]
    pub indicator: String,
    /// Pédagogique, technique or financier.
    pub domain: Domain,
    /// Identifiers from the subjects catalogue.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    /// CRCN competence code ("1.1" … "5.2"), when the objective aims at one.
    #[serde(default)]
    pub crcn: Option<String>,
    /// The earlier objective this one carries over, when it was postponed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<ObjectiveId>,
    /// Whether the due date was proposed by a carry-over and waits for the committee to
    /// confirm it (since version 3); editing the objective confirms it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub due_to_confirm: bool,
}

/// The three dimensions of the seed's subjects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Domain {
    /// Pédagogique.
    Pedagogical,
    /// Technique.
    Technical,
    /// Financier.
    Financial,
}

/// Evaluation, at a meeting, of an objective set at the previous one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// The objective evaluated.
    pub objective: ObjectiveId,
    /// Its statement, copied when the meeting was prepared so the minutes stand on their own.
    pub statement: String,
    /// Who was responsible for it.
    #[serde(default)]
    pub owner: Option<MemberId>,
    /// The verdict; none until evaluated.
    #[serde(default)]
    pub outcome: Option<Outcome>,
    /// What was said about it.
    #[serde(default)]
    pub comment: String,
}

/// The verdicts of an evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    /// Atteint.
    Achieved,
    /// Partiellement atteint.
    PartiallyAchieved,
    /// Non atteint.
    NotAchieved,
    /// Reporté (carried over to the next meeting).
    Postponed,
    /// Abandonné.
    Abandoned,
}

impl Domain {
    /// All domains in the seed's order.
    pub const ALL: [Domain; 3] = [Domain::Pedagogical, Domain::Technical, Domain::Financial];

    /// French label: "Pédagogique", "Technique", "Financier".
    pub fn label(self) -> &'static str {
        match self {
            Domain::Pedagogical => "Pédagogique",
            Domain::Technical => "Technique",
            Domain::Financial => "Financier",
        }
    }
}

impl std::str::FromStr for Domain {
    type Err = String;

    /// "pédagogique", "Technique", "financier": accents and case do not matter.
    fn from_str(text: &str) -> Result<Domain, String> {
        let wanted = crate::search::fold(text.trim());
        Domain::ALL
            .into_iter()
            .find(|d| crate::search::fold(d.label()) == wanted)
            .ok_or_else(|| {
                format!(
                    "domaine « {} » inconnu ; domaines possibles : pedagogique, technique, financier",
                    text.trim()
                )
            })
    }
}

impl Outcome {
    /// All outcomes in the order a user cycles through them.
    pub const ALL: [Outcome; 5] = [
        Outcome::Achieved,
        Outcome::PartiallyAchieved,
        Outcome::NotAchieved,
        Outcome::Postponed,
        Outcome::Abandoned,
    ];

    /// French label, as in the minutes.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Achieved => "atteint",
            Outcome::PartiallyAchieved => "partiellement atteint",
            Outcome::NotAchieved => "non atteint",
            Outcome::Postponed => "reporté",
            Outcome::Abandoned => "abandonné",
        }
    }

    /// What the outcome does to the objective: carried into the meeting that evaluates it
    /// (reporté), carried only if the committee asks (partiellement or non atteint), or closed
    /// (atteint, abandonné).
    pub fn fate(self) -> Fate {
        match self {
            Outcome::Postponed => Fate::Carried,
            Outcome::PartiallyAchieved | Outcome::NotAchieved => Fate::MayCarry,
            Outcome::Achieved | Outcome::Abandoned => Fate::Closed,
        }
    }
}

/// What an evaluation's outcome does to the objective (see [`Outcome::fate`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fate {
    /// Reporté: the objective goes on, as an objective of the meeting that evaluated it.
    Carried,
    /// Partiellement or non atteint: it goes on only if the committee asks for it.
    MayCarry,
    /// Atteint or abandonné: it stops there.
    Closed,
}

impl Evaluation {
    /// An evaluation still to be made of that objective.
    pub fn pending(objective: &Objective) -> Evaluation {
        Evaluation {
            objective: objective.id,
            statement: objective.statement.clone(),
            owner: Some(objective.owner),
            outcome: None,
            comment: String::new(),
        }
    }
}
