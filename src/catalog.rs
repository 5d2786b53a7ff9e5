//! The catalogues the committee works with — roles, scales, subjects, the CRCN and the agenda
//! templates — embedded from `assets/` and overridable, file by file, from the committee folder.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::codec::{self, ParseError};
use crate::model::{AgendaItem, Domain, MeetingKind, Role};

/// An entry of the roles catalogue (the seed's actors and partners).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleEntry {
    /// Stable identifier stored in members' files.
    pub id: String,
    /// Short label shown on screens and in the minutes.
    pub label: String,
    /// The seed's wording.
    pub seed: String,
}

/// An entry of the scales catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleEntry {
    /// Stable identifier stored in the committee file.
    pub id: String,
    /// Short label.
    pub label: String,
    /// The seed's wording.
    pub seed: String,
}

/// The subjects of one dimension (pédagogique, technique, financier).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectGroup {
    /// The dimension.
    pub domain: Domain,
    /// Its subjects, in the seed's order.
    pub subjects: Vec<SubjectEntry>,
}

/// One subject that can be put on the agenda or tagged on an objective.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubjectEntry {
    /// Stable identifier.
    pub id: String,
    /// The seed's wording.
    pub label: String,
}

/// A domain of the CRCN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrcnDomain {
    /// 1 to 5.
    pub number: u8,
    /// Name of the domain.
    pub name: String,
    /// Its competences.
    pub competences: Vec<Competence>,
}

/// A competence of the CRCN.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Competence {
    /// Code, "1.1" … "5.2".
    pub code: String,
    /// Name of the competence.
    pub name: String,
}

/// An agenda a new meeting starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaTemplate {
    /// Name of the template.
    pub name: String,
    /// The agenda points, blank.
    pub items: Vec<AgendaItem>,
}

/// One file of the catalogue: its path relative to the committee folder, which overrides the
/// text embedded from `assets/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogFile {
    /// The name users give it (`copilnum modele NOM`): the file's name without `.ron`.
    pub name: &'static str,
    /// What it holds, in French ("les rôles des membres…").
    pub about: &'static str,
    /// Path relative to the committee folder (and to `assets/`).
    pub path: &'static str,
    /// The embedded text.
    pub builtin: &'static str,
}

/// The catalogue files, in the order they are read.
pub const FILES: [CatalogFile; 7] = [
    CatalogFile {
        name: "roles",
        about: "les rôles des membres : acteurs et partenaires du COPIL-Num",
        path: "catalogues/roles.ron",
        builtin: include_str!("../assets/catalogues/roles.ron"),
    },
    CatalogFile {
        name: "echelles",
        about: "les échelles d'un comité : commune, circonscription…",
        path: "catalogues/echelles.ron",
        builtin: include_str!("../assets/catalogues/echelles.ron"),
    },
    CatalogFile {
        name: "sujets",
        about: "les sujets pédagogiques, techniques et financiers",
        path: "catalogues/sujets.ron",
        builtin: include_str!("../assets/catalogues/sujets.ron"),
    },
    CatalogFile {
        name: "crcn",
        about: "le cadre de référence des compétences numériques (CRCN)",
        path: "catalogues/crcn.ron",
        builtin: include_str!("../assets/catalogues/crcn.ron"),
    },
    CatalogFile {
        name: "premiere-reunion",
        about: "l'ordre du jour d'une première réunion",
        path: "modeles/premiere-reunion.ron",
        builtin: include_str!("../assets/modeles/premiere-reunion.ron"),
    },
    CatalogFile {
        name: "reunion-de-suivi",
        about: "l'ordre du jour des réunions suivantes",
        path: "modeles/reunion-de-suivi.ron",
        builtin: include_str!("../assets/modeles/reunion-de-suivi.ron"),
    },
    CatalogFile {
        name: "reunion-extraordinaire",
        about: "l'ordre du jour d'une séance extraordinaire ou d'un comité restreint, autour de son dossier",
        path: "modeles/reunion-extraordinaire.ron",
        builtin: include_str!("../assets/modeles/reunion-extraordinaire.ron"),
    },
];

/// The catalogue file a user names (`roles`, `reunion-de-suivi`…), if any.
pub fn file_named(name: &str) -> Option<&'static CatalogFile> {
    let name = name.trim();
    let name = name.strip_suffix(".ron").unwrap_or(name);
    FILES.iter().find(|f| f.name == name)
}

/// The agenda templates a committee can have its own of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Template {
    /// The agenda of a committee's first meeting.
    FirstMeeting,
    /// The agenda of the meetings after it.
    FollowUp,
    /// The agenda of an extraordinary meeting or a restricted committee, around its dossier.
    Extraordinary,
}

impl Template {
    /// Its catalogue file.
    pub fn file(self) -> &'static CatalogFile {
        match self {
            Template::FirstMeeting => &FILES[4],
            Template::FollowUp => &FILES[5],
            Template::Extraordinary => &FILES[6],
        }
    }
}

/// Everything the committee picks from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    /// Actors and partners.
    pub roles: Vec<RoleEntry>,
    /// Scales of a committee.
    pub scales: Vec<ScaleEntry>,
    /// Subjects, by dimension.
    pub subjects: Vec<SubjectGroup>,
    /// The CRCN.
    pub crcn: Vec<CrcnDomain>,
    /// Agenda of a first meeting.
    pub first_agenda: AgendaTemplate,
    /// Agenda of the meetings that follow.
    pub follow_up_agenda: AgendaTemplate,
    /// Agenda of an extraordinary meeting or a restricted committee.
    pub extraordinary_agenda: AgendaTemplate,
}

/// The text of each catalogue file, in the order of [`FILES`], with the path to cite in errors.
pub type Sources = [(PathBuf, String); 7];

impl Catalog {
    /// The catalogue embedded in the binary.
    pub fn builtin() -> Catalog {
        let sources = FILES.map(|f| (Path::new("assets").join(f.path), f.builtin.to_string()));
        Catalog::parse(&sources).expect("the embedded catalogue is checked by the tests")
    }

    /// Parses a catalogue from the text of each file.
    /// Every file is read, so that all the broken ones are reported at once.
    pub fn parse(sources: &Sources) -> Result<Catalog, Vec<ParseError>> {
        fn read<T: DeserializeOwned>(
            source: &(PathBuf, String),
            errors: &mut Vec<ParseError>,
        ) -> Option<T> {
            codec::parse(&source.0, &source.1)
                .map_err(|e| errors.push(e))
                .ok()
        }
        let mut e = Vec::new();
        let roles = read(&sources[0], &mut e);
        let scales = read(&sources[1], &mut e);
        let subjects = read(&sources[2], &mut e);
        let crcn = read(&sources[3], &mut e);
        let first_agenda = read(&sources[4], &mut e);
        let follow_up_agenda = read(&sources[5], &mut e);
        let extraordinary_agenda = read(&sources[6], &mut e);
        match (
            roles,
            scales,
            subjects,
            crcn,
            (first_agenda, follow_up_agenda, extraordinary_agenda),
        ) {
            (
                Some(roles),
                Some(scales),
                Some(subjects),
                Some(crcn),
                (Some(first_agenda), Some(follow_up_agenda), Some(extraordinary_agenda)),
            ) => Ok(Catalog {
                roles,
                scales,
                subjects,
                crcn,
                first_agenda,
                follow_up_agenda,
                extraordinary_agenda,
            }),
            _ => Err(e),
        }
    }

    /// The agenda a new meeting starts from: the first-meeting one, or the follow-up one.
    pub fn agenda_for(&self, first_meeting: bool) -> &[AgendaItem] {
        if first_meeting {
            &self.first_agenda.items
        } else {
            &self.follow_up_agenda.items
        }
    }

    /// The agenda a new meeting of that kind starts from: the committee's first meeting gets
    /// the first-meeting one whatever its kind, an extraordinary meeting or a restricted
    /// committee its own (around its dossier), an ordinary meeting the follow-up one.
    pub fn agenda_for_kind(&self, first_meeting: bool, kind: &MeetingKind) -> &[AgendaItem] {
        match kind {
            MeetingKind::Extraordinary | MeetingKind::Restricted { .. } if !first_meeting => {
                &self.extraordinary_agenda.items
            }
            _ => self.agenda_for(first_meeting),
        }
    }

    /// An agenda template.
    pub fn template(&self, which: Template) -> &AgendaTemplate {
        match which {
            Template::FirstMeeting => &self.first_agenda,
            Template::FollowUp => &self.follow_up_agenda,
            Template::Extraordinary => &self.extraordinary_agenda,
        }
    }

    /// An agenda template, to replace.
    pub fn template_mut(&mut self, which: Template) -> &mut AgendaTemplate {
        match which {
            Template::FirstMeeting => &mut self.first_agenda,
            Template::FollowUp => &mut self.follow_up_agenda,
            Template::Extraordinary => &mut self.extraordinary_agenda,
        }
    }

    /// The role with that identifier.
    pub fn role(&self, id: &str) -> Option<&RoleEntry> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// How a member's role reads: the catalogue's label, or the free text.
    pub fn role_label<'a>(&'a self, role: &'a Role) -> &'a str {
        match role {
            Role::Catalog(id) => self.role(id).map_or(id.as_str(), |r| r.label.as_str()),
            Role::Free(text) => text,
        }
    }

    /// The scale with that identifier.
    pub fn scale(&self, id: &str) -> Option<&ScaleEntry> {
        self.scales.iter().find(|s| s.id == id)
    }

    /// The scale named by an identifier or a label, whatever the case ("Circonscription").
    pub fn find_scale(&self, text: &str) -> Option<&ScaleEntry> {
        let wanted = text.trim().to_lowercase();
        self.scales
            .iter()
            .find(|s| s.id == wanted || s.label.to_lowercase() == wanted)
    }

    /// The subject with that identifier and its dimension.
    pub fn subject(&self, id: &str) -> Option<(Domain, &SubjectEntry)> {
        self.subjects.iter().find_map(|g| {
            g.subjects
                .iter()
                .find(|s| s.id == id)
                .map(|s| (g.domain, s))
        })
    }

    /// The CRCN competence with that code.
    pub fn competence(&self, code: &str) -> Option<&Competence> {
        self.crcn
            .iter()
            .flat_map(|d| &d.competences)
            .find(|c| c.code == code)
    }

    /// Problems that make this catalogue unusable: duplicate identifiers, empty labels.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        let mut ids = |kind: &str, list: Vec<(&str, &str)>| {
            let file = match kind {
                "rôles" => FILES[0].path,
                "échelles" => FILES[1].path,
                "sujets" => FILES[2].path,
                _ => FILES[3].path,
            };
            let mut seen = std::collections::HashSet::new();
            for (id, label) in list {
                if id.trim().is_empty() || label.trim().is_empty() {
                    problems.push((file, format!("{kind} : identifiant ou intitulé vide")));
                } else if !seen.insert(id) {
                    problems.push((file, format!("{kind} : identifiant « {id} » en double")));
                }
            }
        };
        ids(
            "rôles",
            self.roles
                .iter()
                .map(|r| (r.id.as_str(), r.label.as_str()))
                .collect(),
        );
        ids(
            "échelles",
            self.scales
                .iter()
                .map(|s| (s.id.as_str(), s.label.as_str()))
                .collect(),
        );
        ids(
            "sujets",
            self.subjects
                .iter()
                .flat_map(|g| &g.subjects)
                .map(|s| (s.id.as_str(), s.label.as_str()))
                .collect(),
        );
        ids(
            "CRCN",
            self.crcn
                .iter()
                .flat_map(|d| &d.competences)
                .map(|c| (c.code.as_str(), c.name.as_str()))
                .collect(),
        );
        for (template, file) in [
            (&self.first_agenda, FILES[4].path),
            (&self.follow_up_agenda, FILES[5].path),
            (&self.extraordinary_agenda, FILES[6].path),
        ] {
            if template.items.is_empty() {
                problems.push((
                    file,
                    format!("modèle « {} » : ordre du jour vide", template.name),
                ));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StepKind;

    #[test]
    fn the_embedded_catalogue_parses_and_is_consistent() {
        let catalog = Catalog::builtin();
        assert_eq!(catalog.problems(), Vec::<(&str, String)>::new());
        assert_eq!(catalog.roles.len(), 20);
        assert_eq!(catalog.scales.len(), 4);
        assert_eq!(
            catalog
                .subjects
                .iter()
                .map(|g| g.subjects.len())
                .collect::<Vec<_>>(),
            [11, 6, 7]
        );
    }

    #[test]
    fn crcn_has_five_domains_and_sixteen_competences_coded_1_1_to_5_2() {
        let catalog = Catalog::builtin();
        assert_eq!(catalog.crcn.len(), 5);
        let codes: Vec<&str> = catalog
            .crcn
            .iter()
            .flat_map(|d| &d.competences)
            .map(|c| c.code.as_str())
            .collect();
        assert_eq!(
            codes,
            [
                "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4", "4.1",
                "4.2", "4.3", "5.1", "5.2"
            ]
        );
        for domain in &catalog.crcn {
            for c in &domain.competences {
                assert!(
                    c.code.starts_with(&format!("{}.", domain.number)),
                    "{}",
                    c.code
                );
            }
        }
        assert_eq!(
            catalog.competence("4.2").unwrap().name,
            "Protéger les données personnelles et la vie privée"
        );
    }

    #[test]
    fn follow_up_agenda_opens_with_the_review_of_previous_objectives() {
        let catalog = Catalog::builtin();
        let first = &catalog.follow_up_agenda.items[0];
        assert_eq!(first.title, "Bilan des objectifs de la réunion précédente");
        assert_eq!(first.kind, StepKind::Review);
    }

    #[test]
    fn an_extraordinary_meeting_starts_from_its_own_agenda_without_review() {
        let catalog = Catalog::builtin();
        let restricted = MeetingKind::Restricted {
            dossier: "ENT".into(),
        };
        for kind in [MeetingKind::Extraordinary, restricted] {
            let agenda = catalog.agenda_for_kind(false, &kind);
            assert_eq!(agenda, catalog.extraordinary_agenda.items.as_slice());
            assert!(agenda.iter().all(|i| i.kind != StepKind::Review));
            assert_eq!(
                catalog.agenda_for_kind(true, &kind),
                catalog.first_agenda.items.as_slice(),
                "a committee's first meeting gets the seed's agenda"
            );
        }
        assert_eq!(
            catalog.agenda_for_kind(false, &MeetingKind::Ordinary),
            catalog.follow_up_agenda.items.as_slice()
        );
    }

    #[test]
    fn find_scale_accepts_identifier_or_label_in_any_case() {
        let catalog = Catalog::builtin();
        assert_eq!(
            catalog.find_scale("Circonscription").unwrap().id,
            "circonscription"
        );
        assert_eq!(
            catalog.find_scale("COMMUNAUTÉ DE COMMUNES").unwrap().id,
            "communaute-de-communes"
        );
        assert_eq!(
            catalog.find_scale("plusieurs-circonscriptions").unwrap().id,
            "plusieurs-circonscriptions"
        );
        assert!(catalog.find_scale("département").is_none());
    }

    #[test]
    fn subjects_know_their_dimension() {
        let catalog = Catalog::builtin();
        assert_eq!(catalog.subject("rgpd").unwrap().0, Domain::Technical);
        assert_eq!(catalog.subject("subventions").unwrap().0, Domain::Financial);
        assert!(catalog.subject("inconnu").is_none());
    }

    #[test]
    fn catalogue_files_are_named_after_their_file() {
        for file in &FILES {
            assert!(
                file.path.ends_with(&format!("/{}.ron", file.name)),
                "{}",
                file.path
            );
            assert_eq!(file_named(file.name), Some(file));
            assert!(!file.about.is_empty());
        }
        assert_eq!(
            file_named(" sujets.ron ").unwrap().path,
            "catalogues/sujets.ron"
        );
        assert_eq!(file_named("inconnu"), None);
        assert_eq!(
            Template::FollowUp.file().path,
            "modeles/reunion-de-suivi.ron"
        );
        assert_eq!(
            Template::FirstMeeting.file().path,
            "modeles/premiere-reunion.ron"
        );
        assert_eq!(
            Template::Extraordinary.file().path,
            "modeles/reunion-extraordinaire.ron"
        );
    }

    #[test]
    fn duplicate_identifiers_are_reported() {
        let mut catalog = Catalog::builtin();
        catalog.roles.push(catalog.roles[0].clone());
        assert_eq!(
            catalog.problems(),
            [(
                "catalogues/roles.ron",
                "rôles : identifiant « ien-num » en double".to_string()
            )]
        );
    }
}
