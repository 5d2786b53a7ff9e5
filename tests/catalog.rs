//! The catalogues say, word for word, what the seed document (`copil-num.txt`) says: every
//! actor and partner, the three subject lists, the scales and the first-meeting agenda.
//! The seed's lines are copied here (line breaks of the PDF joined, trailing periods dropped).

use copilnum::catalog::Catalog;
use copilnum::model::{Domain, StepKind};

const SEED_ROLES: [&str; 20] = [
    "l’IEN-Num (inspecteur de l’Éducation nationale) Numérique du département",
    "l’IEN (inspecteur de l’Éducation nationale) de la circonscription",
    "le CPD (Conseiller Pédagogique Départemental) Numérique",
    "l’ERUN (Enseignant Référent pour les Usages du Numérique) de la circonscription",
    "les CPC (Conseiller Pédagogique de Circonscription)",
    "les maîtres formateurs de la circonscription",
    "le ou les maires, maires adjoints et/ou leurs représentants",
    "le président et/ou les vice-présidents de la communauté de communes",
    "les enseignants",
    "les enseignants membres de la commission numérique de circonscription ou correspondants numériques de leur école",
    "les directeurs d’école",
    "les élèves",
    "les parents d’élèves élus au conseil d’école",
    "les DDEN (Délégué Départemental de l’Éducation Nationale)",
    "les membres du périscolaire",
    "les DSI (Direction des services Informatique) des communes ou des communautés de communes",
    "les techniciens",
    "les représentants du SYANE (Syndicat des énergies et de l’Aménagement Numérique de la Haute-Savoie)",
    "les membres des associations de parents d’élèves et les associations œuvrant pour l’école",
    "toute autre personne impliquée et/ou concernée par le numérique éducatif",
];

const SEED_PEDAGOGICAL: [&str; 11] = [
    "Ressources logicielles : applications pédagogiques, outils (suite bureautique, navigateur, moteur de recherche pour enfant, pour adulte…)",
    "Formation des enseignants",
    "Services numériques et notamment les ENT (Environnement Numérique de Travail)",
    "Usages pédagogiques dans les classe (exposés, présentations par les usagers…)",
    "Besoins pédagogiques des écoles",
    "Modalités de prêts des matériels aux élèves et aux enseignants",
    "Plans d’équipement numériques nationaux",
    "Définition d’équipements types par classe et/ou par école",
    "Outils numériques : TNI (Tableau Numérique Interactif), robots, visualiseurs, ordinateurs, tablettes…",
    "Mise à disposition et la localisation des matériels pour les enseignants et les élèves",
    "Partage des ressources : école/municipalité/association",
];

const SEED_TECHNICAL: [&str; 6] = [
    "Réseau internet : raccordement à internet des écoles et distribution du réseau au sein des établissements",
    "Maintenance des équipements, protocole d’intervention et d’information",
    "Définition de configurations types : configurations matérielles et logicielles",
    "Ressources logicielles et procédures d’installation",
    "RGPD (Règlement Général sur la Protection des Données)",
    "Sécurisation des matériels et des accès",
];

const SEED_FINANCIAL: [&str; 7] = [
    "Plans d’équipement numérique nationaux",
    "Subventions",
    "Groupements d’achats",
    "Définition de plans pluri-annuels d’équipement des classes et des écoles",
    "Prise en charge de la maintenance du matériel informatique",
    "Mutualisation des moyens et des ressources",
    "Financement des matériels et des ressources numériques",
];

#[test]
fn every_actor_and_partner_of_the_seed_is_a_role_word_for_word() {
    let catalog = Catalog::builtin();
    let seeds: Vec<&str> = catalog.roles.iter().map(|r| r.seed.as_str()).collect();
    assert_eq!(seeds, SEED_ROLES);
}

#[test]
fn the_three_subject_lists_are_the_seed_s() {
    let catalog = Catalog::builtin();
    let lists: Vec<(Domain, Vec<&str>)> = catalog
        .subjects
        .iter()
        .map(|g| {
            (
                g.domain,
                g.subjects.iter().map(|s| s.label.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        lists,
        [
            (Domain::Pedagogical, SEED_PEDAGOGICAL.to_vec()),
            (Domain::Technical, SEED_TECHNICAL.to_vec()),
            (Domain::Financial, SEED_FINANCIAL.to_vec()),
        ]
    );
}

#[test]
fn the_four_scales_are_the_seed_s() {
    let catalog = Catalog::builtin();
    let seeds: Vec<&str> = catalog.scales.iter().map(|s| s.seed.as_str()).collect();
    assert_eq!(
        seeds,
        [
            "une seule commune si celle ci comporte de nombreuses écoles",
            "une communauté de communes",
            "une circonscription",
            "plusieurs circonscriptions si elles sont sur une même commune",
        ]
    );
}

#[test]
fn the_first_meeting_agenda_is_the_seed_s() {
    let agenda = Catalog::builtin().first_agenda.items;
    let outline: Vec<(String, Vec<String>, Vec<&str>)> = agenda
        .iter()
        .map(|i| {
            (
                i.title.clone(),
                i.items.iter().map(|s| s.title.clone()).collect(),
                i.details.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    let none = Vec::<String>::new;
    assert_eq!(
        outline,
        [
            ("Introduction sur les enjeux de cette instance par l’IEN".to_string(), none(), vec![]),
            ("Tour de table des participants : rôles et fonctions".to_string(), none(), vec![]),
            (
                "État des lieux".to_string(),
                vec![
                    "Les usages pédagogiques dans les écoles".to_string(),
                    "Présentation d’un exemple d’usage à l’échelle d’une classe".to_string(),
                    "Les services numériques à destination des enseignants, des élèves et de toute la communauté éducative".to_string(),
                    "Les infrastructures et les équipements matériels".to_string(),
                ],
                vec![],
            ),
            (
                "Définition de l’axe de travail prioritaire de l’année et désignation d’une personne chargée de la coordination et du suivi".to_string(),
                none(),
                vec![],
            ),
        ]
    );
    assert_eq!(
        agenda[2].items[0].details,
        [
            "Rappel des programmes et du CRCN",
            "Présentation d’un exemple de réflexion sur les usages du numérique à l’échelle d’une école",
        ]
    );
    assert_eq!(agenda[1].kind, StepKind::RoundTable);
    assert_eq!(agenda[3].kind, StepKind::PriorityAxis);
    let minutes: u32 = agenda.iter().map(|i| i.total_planned_minutes()).sum();
    assert_eq!(minutes, 120, "a two-hour meeting");
}
