//! Keys as data: one table from (context, key) to [`Command`], read by the key handling, the
//! footer and the help overlay alike, so what they show never drifts from what keys do.
//! Commands are function keys, Ctrl combinations and a few keys that only act outside text
//! fields: nothing a secretary types is ever taken as a command.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A verb the user can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    /// Show every binding (F1).
    Help,
    /// Close the overlay or the form; go back.
    Close,
    /// Save now.
    Save,
    /// Save and quit.
    Quit,
    /// Go to the next pane of the meeting.
    NextPane,
    /// Go to the previous pane.
    PrevPane,
    /// Go to the attendance pane.
    Attendance,
    /// Go to the notes pane.
    Notes,
    /// Go to the objectives pane.
    Objectives,
    /// During the tour de table, give the floor to the next person present.
    NextSpeaker,
    /// Give it back to the previous one.
    PrevSpeaker,
    /// Move the selected person earlier in the speaking order.
    SpeakEarlier,
    /// Move them later.
    SpeakLater,
    /// Go to the decisions pane.
    Decisions,
    /// Go to the review of the previous objectives.
    Review,
    /// Go to the priority axis.
    Axis,
    /// Go to the date of the next meeting.
    NextMeeting,
    /// Previous agenda step.
    PrevStep,
    /// Next agenda step.
    NextStep,
    /// Start or pause the step's timer.
    ToggleTimer,
    /// Show or leave the projection (F5).
    Projection,
    /// Record the current notes line as a decision.
    RecordDecision,
    /// Open the new objective form.
    NewObjective,
    /// Create: a meeting on the home screen, a member on the roster.
    New,
    /// Go to the roster.
    Roster,
    /// Go back to the home screen.
    Home,
    /// Undo the last edit of the notes.
    Undo,
    /// Redo it.
    Redo,
    /// A key of the notes editor's own (a move, a deletion): the editor handles it; it is in
    /// the table so that the help lists it.
    Edit,
    /// A line feed (LF, which arrives as Ctrl+J): text typed or pasted without bracketed
    /// paste. A new line in the notes; a space in a one-line form field.
    LineBreak,
    /// Move up in a list.
    Up,
    /// Move down in a list.
    Down,
    /// Move a page up in a list.
    PageUp,
    /// Move a page down in a list.
    PageDown,
    /// Open or edit the selected line (Entrée).
    Activate,
    /// Cycle the selected line's status (Espace).
    Cycle,
    /// Delete the selected line, after confirming (Suppr).
    Delete,
    /// At the review, carry the selected objective (partiellement or non atteint) into this
    /// meeting's objectives; again: take the untouched copy back.
    Carry,
    /// Next field of a form.
    NextField,
    /// Previous field of a form.
    PrevField,
    /// Confirm (in a confirmation).
    Yes,
    /// Empty the field with the cursor (Ctrl+U).
    ClearField,
    /// Acknowledge the banner about a file changed elsewhere.
    Acknowledge,
    /// Show a copy kept in `conflits/` beside the current file.
    Compare,
    /// The previous copy, in the comparison.
    PrevCopy,
    /// The next copy, in the comparison.
    NextCopy,
    /// Open the export dialog: compte-rendu, invitation, attendance sheet, distribution list.
    Export,
    /// Mark the current notes line private (kept out of the public version), or public again.
    TogglePrivate,
    /// Go to the years screen: every school year, its meetings and objectives, the search.
    Years,
    /// Choose the filters of the years screen.
    Filters,
    /// Edit the agenda of the selected meeting.
    Prepare,
    /// Choose whom the selected meeting invites.
    Invite,
    /// Move the selected agenda point up among its neighbours.
    MoveUp,
    /// Move it down.
    MoveDown,
    /// Make the selected agenda point a sub-point of the one above.
    Indent,
    /// Make the selected sub-point a point of its own.
    Outdent,
    /// Pick the subjects of the selected agenda point from the catalogue.
    Subjects,
    /// Save the agenda as the committee's template.
    SaveTemplate,
    /// Invite, or no longer invite, every member with the selected member's role.
    InviteRole,
    /// Invite everyone, or only the pilot.
    InviteAll,
    /// Edit the committee: its name, its territory, its pilot chosen from the roster.
    Committee,
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// On every screen, text field or not.
    Everywhere,
    /// On the home screen.
    Home,
    /// On the roster.
    Roster,
    /// In a meeting, text field or not.
    Meeting,
    /// In the notes editor.
    Editor,
    /// In a list (not in a text field).
    List,
    /// In a form.
    Form,
    /// In a confirmation.
    Confirm,
    /// While the meeting screen shows the projection.
    Projection,
    /// In `copilnum present`.
    Present,
    /// In the comparison of a copy with the current file.
    Compare,
    /// On the years screen.
    Years,
    /// In the agenda editor.
    Agenda,
    /// In the invitations.
    Invitations,
    /// In the list of subjects of an agenda point.
    Subjects,
}

/// Where the keyboard is: which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The home screen's meeting list.
    Home,
    /// The roster's list.
    Roster,
    /// A meeting, in the notes editor.
    MeetingEditor,
    /// A meeting, in a list pane.
    MeetingList,
    /// A form (onboarding or overlay).
    Form,
    /// A confirmation.
    Confirm,
    /// The help overlay.
    Help,
    /// The projection (F5).
    Projection,
    /// `copilnum present`.
    Present,
    /// The comparison of a copy kept in `conflits/` with the current file.
    Compare,
    /// The years screen (typing goes to its search).
    Years,
    /// The agenda editor.
    Agenda,
    /// The invitations.
    Invitations,
    /// The subjects of an agenda point.
    Subjects,
}

impl Context {
    /// The scopes whose bindings apply here, most specific first.
    pub fn scopes(self) -> &'static [Scope] {
        use Scope as S;
        match self {
            Context::Home => &[S::Home, S::List, S::Everywhere],
            Context::Roster => &[S::Roster, S::List, S::Everywhere],
            Context::MeetingEditor => &[S::Editor, S::Meeting, S::Everywhere],
            Context::MeetingList => &[S::List, S::Meeting, S::Everywhere],
            Context::Form => &[S::Form, S::Everywhere],
            Context::Confirm => &[S::Confirm, S::Everywhere],
            Context::Help => &[S::List, S::Everywhere],
            Context::Projection => &[S::Projection, S::Everywhere],
            Context::Present => &[S::Present],
            Context::Compare => &[S::Compare, S::Everywhere],
            Context::Years => &[S::Years, S::Everywhere],
            Context::Agenda => &[S::Agenda, S::Everywhere],
            Context::Invitations => &[S::Invitations, S::Everywhere],
            Context::Subjects => &[S::Subjects, S::Everywhere],
        }
    }
}

/// One key of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    /// The key.
    pub code: KeyCode,
    /// Its modifiers (exactly).
    pub modifiers: KeyModifiers,
    /// Where it applies.
    pub scope: Scope,
    /// What it does.
    pub command: Command,
    /// What it does, in French, for the help.
    pub label: &'static str,
    /// A short label when the footer shows it (the help shows all).
    pub hint: Option<&'static str>,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

const fn bind(
    code: KeyCode,
    modifiers: KeyModifiers,
    scope: Scope,
    command: Command,
    label: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        code,
        modifiers,
        scope,
        command,
        label,
        hint,
    }
}

impl Binding {
    /// The key as shown to users ("F8", "Ctrl+D"), from its code: it cannot drift.
    pub fn key(&self) -> String {
        key_label(self.code, self.modifiers)
    }
}

/// How a key is written for users, in French: "F8", "Ctrl+D", "Entrée", "Maj+Tab", "↑".
pub fn key_label(code: KeyCode, modifiers: KeyModifiers) -> String {
    let name = match code {
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(' ') => "Espace".into(),
        KeyCode::Char(c) => c.to_uppercase().collect(),
        KeyCode::Enter => "Entrée".into(),
        KeyCode::Esc => "Échap".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Tab".into(),
        KeyCode::Backspace => "Retour arrière".into(),
        KeyCode::Delete => "Suppr".into(),
        KeyCode::Insert => "Inser".into(),
        KeyCode::Home => "Début".into(),
        KeyCode::End => "Fin".into(),
        KeyCode::PageUp => "Page ↑".into(),
        KeyCode::PageDown => "Page ↓".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        other => format!("{other:?}"),
    };
    let mut label = String::new();
    if modifiers.contains(CTRL) {
        label.push_str("Ctrl+");
    }
    if modifiers.contains(KeyModifiers::ALT) {
        label.push_str("Alt+");
    }
    if modifiers.contains(SHIFT) || code == KeyCode::BackTab {
        label.push_str("Maj+");
    }
    label.push_str(&name);
    label
}

/// Every binding, in the order the help lists them (and the footer shows them).
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    // Everywhere
    bind(KeyCode::F(1), NONE, Scope::Everywhere, Command::Help, "Aide", Some("Aide")),
    bind(KeyCode::Esc, NONE, Scope::Everywhere, Command::Close, "Fermer, revenir", None),
    bind(KeyCode::Char('s'), CTRL, Scope::Everywhere, Command::Save, "Enregistrer maintenant", None),
    bind(KeyCode::F(10), NONE, Scope::Everywhere, Command::Quit, "Quitter (tout est enregistré)", Some("Quitter")),
    bind(KeyCode::Char('q'), CTRL, Scope::Everywhere, Command::Quit, "Quitter (tout est enregistré)", None),
    bind(KeyCode::Char('k'), CTRL, Scope::Everywhere, Command::Acknowledge, "Message sur un fichier modifié ailleurs : lu", None),
    bind(KeyCode::Char('r'), CTRL, Scope::Everywhere, Command::Compare, "Comparer une copie de conflits/ avec le fichier actuel", None),
    // Home
    bind(KeyCode::Enter, NONE, Scope::Home, Command::Activate, "Ouvrir la réunion", Some("Ouvrir")),
    bind(KeyCode::Char('n'), CTRL, Scope::Home, Command::New, "Nouvelle réunion", Some("Nouvelle réunion")),
    bind(KeyCode::F(4), NONE, Scope::Home, Command::Years, "Les années : réunions, objectifs et leur historique, recherche", Some("Années")),
    bind(KeyCode::F(2), NONE, Scope::Home, Command::Prepare, "Préparer l'ordre du jour de la réunion choisie", Some("Ordre du jour")),
    bind(KeyCode::F(3), NONE, Scope::Home, Command::Invite, "Choisir les invités de la réunion choisie", Some("Invitations")),
    bind(KeyCode::F(6), NONE, Scope::Home, Command::Roster, "Membres du comité", Some("Membres")),
    bind(KeyCode::Char('e'), CTRL, Scope::Home, Command::Export, "Exporter : compte-rendu, invitation, émargement, diffusion", Some("Exporter")),
    // Years
    bind(KeyCode::Up, NONE, Scope::Years, Command::Up, "Objectif (ou résultat) précédent", None),
    bind(KeyCode::Down, NONE, Scope::Years, Command::Down, "Objectif (ou résultat) suivant", None),
    bind(KeyCode::PageUp, NONE, Scope::Years, Command::PageUp, "Page précédente", None),
    bind(KeyCode::PageDown, NONE, Scope::Years, Command::PageDown, "Page suivante", None),
    bind(KeyCode::Enter, NONE, Scope::Years, Command::Activate, "Ouvrir la réunion, à l'étape trouvée ou à ses objectifs", Some("Ouvrir")),
    bind(KeyCode::F(2), NONE, Scope::Years, Command::Filters, "Filtres : année, statut, responsable, domaine, compétence CRCN", Some("Filtres")),
    bind(KeyCode::Esc, NONE, Scope::Years, Command::Close, "Effacer la recherche ; sinon revenir à l'accueil", None),
    bind(KeyCode::F(9), NONE, Scope::Years, Command::Home, "Accueil", Some("Accueil")),
    // Agenda editor
    bind(KeyCode::Up, NONE, Scope::Agenda, Command::Up, "Point précédent", None),
    bind(KeyCode::Down, NONE, Scope::Agenda, Command::Down, "Point suivant", None),
    bind(KeyCode::Enter, NONE, Scope::Agenda, Command::Activate, "Modifier le point : titre, durée, qui présente, type", Some("Modifier")),
    bind(KeyCode::Char('n'), CTRL, Scope::Agenda, Command::New, "Nouveau point après celui-ci", Some("Nouveau")),
    bind(KeyCode::Delete, NONE, Scope::Agenda, Command::Delete, "Supprimer le point (après confirmation)", Some("Supprimer")),
    bind(KeyCode::Up, CTRL, Scope::Agenda, Command::MoveUp, "Monter le point", Some("Monter")),
    bind(KeyCode::Down, CTRL, Scope::Agenda, Command::MoveDown, "Descendre le point", Some("Descendre")),
    bind(KeyCode::Tab, NONE, Scope::Agenda, Command::Indent, "En faire un sous-point du point au-dessus", Some("Sous-point")),
    bind(KeyCode::BackTab, SHIFT, Scope::Agenda, Command::Outdent, "En faire un point à part entière", None),
    bind(KeyCode::F(3), NONE, Scope::Agenda, Command::Subjects, "Sujets du point : pédagogiques, techniques, financiers", Some("Sujets")),
    bind(KeyCode::F(5), NONE, Scope::Agenda, Command::SaveTemplate, "Enregistrer cet ordre du jour comme modèle du comité", Some("Modèle")),
    bind(KeyCode::Esc, NONE, Scope::Agenda, Command::Close, "Fermer l'éditeur (tout est déjà enregistré)", Some("Fermer")),
    // Subjects of an agenda point
    bind(KeyCode::Up, NONE, Scope::Subjects, Command::Up, "Sujet précédent", None),
    bind(KeyCode::Down, NONE, Scope::Subjects, Command::Down, "Sujet suivant", None),
    bind(KeyCode::PageUp, NONE, Scope::Subjects, Command::PageUp, "Page précédente", None),
    bind(KeyCode::PageDown, NONE, Scope::Subjects, Command::PageDown, "Page suivante", None),
    bind(KeyCode::Char(' '), NONE, Scope::Subjects, Command::Cycle, "Mettre ou retirer le sujet", Some("Choisir")),
    bind(KeyCode::Enter, NONE, Scope::Subjects, Command::Close, "Terminer", Some("Terminer")),
    bind(KeyCode::Esc, NONE, Scope::Subjects, Command::Close, "Terminer", None),
    // Invitations
    bind(KeyCode::Up, NONE, Scope::Invitations, Command::Up, "Membre précédent", None),
    bind(KeyCode::Down, NONE, Scope::Invitations, Command::Down, "Membre suivant", None),
    bind(KeyCode::PageUp, NONE, Scope::Invitations, Command::PageUp, "Page précédente", None),
    bind(KeyCode::PageDown, NONE, Scope::Invitations, Command::PageDown, "Page suivante", None),
    bind(KeyCode::Char(' '), NONE, Scope::Invitations, Command::Cycle, "Inviter ou non ce membre", Some("Inviter")),
    bind(KeyCode::F(2), NONE, Scope::Invitations, Command::InviteRole, "Inviter ou non tous les membres de ce rôle", Some("Tout le rôle")),
    bind(KeyCode::F(3), NONE, Scope::Invitations, Command::InviteAll, "Inviter tout le monde ; de nouveau : seulement le pilote", Some("Tous")),
    bind(KeyCode::Esc, NONE, Scope::Invitations, Command::Close, "Fermer (tout est déjà enregistré)", Some("Fermer")),
    // Roster
    bind(KeyCode::Char('n'), CTRL, Scope::Roster, Command::New, "Ajouter un membre", Some("Ajouter")),
    bind(KeyCode::Enter, NONE, Scope::Roster, Command::Activate, "Modifier le membre", Some("Modifier")),
    bind(KeyCode::Delete, NONE, Scope::Roster, Command::Delete, "Retirer le membre", Some("Retirer")),
    bind(KeyCode::F(2), NONE, Scope::Roster, Command::Committee, "Le comité : nom, territoire, pilote choisi parmi les membres", Some("Comité et pilote")),
    bind(KeyCode::F(9), NONE, Scope::Roster, Command::Home, "Accueil", Some("Accueil")),
    // Meeting
    bind(KeyCode::F(7), NONE, Scope::Meeting, Command::PrevStep, "Étape précédente", Some("◀ Étape")),
    bind(KeyCode::F(8), NONE, Scope::Meeting, Command::NextStep, "Étape suivante", Some("Étape ▶")),
    bind(KeyCode::Char('d'), CTRL, Scope::Meeting, Command::RecordDecision, "Ligne de notes → décision", Some("Décision")),
    bind(KeyCode::Char('o'), CTRL, Scope::Meeting, Command::NewObjective, "Nouvel objectif", Some("Objectif")),
    bind(KeyCode::Char('t'), CTRL, Scope::Meeting, Command::ToggleTimer, "Chrono : démarrer / pause", Some("Chrono")),
    bind(KeyCode::F(5), NONE, Scope::Meeting, Command::Projection, "Projeter l'étape au mur", Some("Projeter")),
    bind(KeyCode::Tab, NONE, Scope::Meeting, Command::NextPane, "Volet suivant", None),
    bind(KeyCode::BackTab, SHIFT, Scope::Meeting, Command::PrevPane, "Volet précédent", None),
    bind(KeyCode::F(2), NONE, Scope::Meeting, Command::Attendance, "Présences", Some("Présences")),
    bind(KeyCode::F(3), NONE, Scope::Meeting, Command::Notes, "Notes", Some("Notes")),
    bind(KeyCode::F(4), NONE, Scope::Meeting, Command::Objectives, "Objectifs", Some("Objectifs")),
    bind(KeyCode::Down, CTRL, Scope::Meeting, Command::NextSpeaker, "Tour de table : la parole à la personne suivante", Some("Parole ▶")),
    bind(KeyCode::Up, CTRL, Scope::Meeting, Command::PrevSpeaker, "Tour de table : la parole à la personne précédente", Some("◀ Parole")),
    bind(KeyCode::Char('l'), CTRL, Scope::Meeting, Command::Decisions, "Décisions de l'étape (la liste)", None),
    bind(KeyCode::Char('b'), CTRL, Scope::Meeting, Command::Review, "Bilan des objectifs de la réunion précédente", None),
    bind(KeyCode::Char('a'), CTRL, Scope::Meeting, Command::Axis, "Axe prioritaire et coordination", None),
    bind(KeyCode::Char('g'), CTRL, Scope::Meeting, Command::NextMeeting, "Date de la prochaine réunion", None),
    bind(KeyCode::Char('p'), CTRL, Scope::Meeting, Command::TogglePrivate, "Ligne de notes privée (hors version publique), ou publique", Some("Privé")),
    bind(KeyCode::Char('e'), CTRL, Scope::Meeting, Command::Export, "Exporter : compte-rendu, invitation, émargement, diffusion", Some("Exporter")),
    bind(KeyCode::Char('n'), CTRL, Scope::Meeting, Command::New, "Ajouter un membre (un retardataire) sans quitter la réunion", None),
    bind(KeyCode::F(6), NONE, Scope::Meeting, Command::Roster, "Membres du comité (quitte la réunion)", None),
    bind(KeyCode::F(9), NONE, Scope::Meeting, Command::Home, "Accueil", None),
    // Projection
    bind(KeyCode::F(5), NONE, Scope::Projection, Command::Projection, "Revenir à la saisie", Some("Saisie")),
    bind(KeyCode::F(7), NONE, Scope::Projection, Command::PrevStep, "Étape précédente", Some("◀ Étape")),
    bind(KeyCode::F(8), NONE, Scope::Projection, Command::NextStep, "Étape suivante ; après la dernière, la synthèse", Some("Étape ▶")),
    bind(KeyCode::Down, CTRL, Scope::Projection, Command::NextSpeaker, "Tour de table : la parole à la personne suivante", Some("Parole ▶")),
    bind(KeyCode::Up, CTRL, Scope::Projection, Command::PrevSpeaker, "Tour de table : la parole à la personne précédente", None),
    bind(KeyCode::Char('t'), CTRL, Scope::Projection, Command::ToggleTimer, "Chrono : démarrer / pause", Some("Chrono")),
    bind(KeyCode::Esc, NONE, Scope::Projection, Command::Close, "Revenir à la saisie", None),
    bind(KeyCode::Down, NONE, Scope::Projection, Command::Down, "Faire défiler le texte d'une ligne", None),
    bind(KeyCode::Up, NONE, Scope::Projection, Command::Up, "Remonter d'une ligne", None),
    bind(KeyCode::PageDown, NONE, Scope::Projection, Command::PageDown, "Faire défiler d'une page", None),
    bind(KeyCode::PageUp, NONE, Scope::Projection, Command::PageUp, "Remonter d'une page", None),
    // copilnum present
    bind(KeyCode::Left, NONE, Scope::Present, Command::PrevStep, "Voir l'étape précédente (l'animateur n'est pas suivi)", Some("◀ Étape")),
    bind(KeyCode::Right, NONE, Scope::Present, Command::NextStep, "Voir l'étape suivante (l'animateur n'est pas suivi)", Some("Étape ▶")),
    bind(KeyCode::F(7), NONE, Scope::Present, Command::PrevStep, "Voir l'étape précédente", None),
    bind(KeyCode::F(8), NONE, Scope::Present, Command::NextStep, "Voir l'étape suivante", None),
    bind(KeyCode::Esc, NONE, Scope::Present, Command::Close, "Suivre de nouveau l'animateur", Some("Suivre l'animateur")),
    bind(KeyCode::Down, NONE, Scope::Present, Command::Down, "Faire défiler le texte d'une ligne", None),
    bind(KeyCode::Up, NONE, Scope::Present, Command::Up, "Remonter d'une ligne", None),
    bind(KeyCode::PageDown, NONE, Scope::Present, Command::PageDown, "Faire défiler d'une page", None),
    bind(KeyCode::PageUp, NONE, Scope::Present, Command::PageUp, "Remonter d'une page", None),
    bind(KeyCode::F(10), NONE, Scope::Present, Command::Quit, "Quitter", Some("Quitter")),
    bind(KeyCode::Char('q'), CTRL, Scope::Present, Command::Quit, "Quitter", None),
    // Notes editor
    bind(KeyCode::Char('z'), CTRL, Scope::Editor, Command::Undo, "Annuler la frappe", None),
    bind(KeyCode::Char('y'), CTRL, Scope::Editor, Command::Redo, "Rétablir", None),
    bind(KeyCode::Char('j'), CTRL, Scope::Editor, Command::LineBreak, "Saut de ligne, comme Entrée", None),
    bind(KeyCode::Left, CTRL, Scope::Editor, Command::Edit, "Mot précédent", None),
    bind(KeyCode::Right, CTRL, Scope::Editor, Command::Edit, "Mot suivant", None),
    bind(KeyCode::Home, NONE, Scope::Editor, Command::Edit, "Début de la ligne", None),
    bind(KeyCode::End, NONE, Scope::Editor, Command::Edit, "Fin de la ligne", None),
    bind(KeyCode::Home, CTRL, Scope::Editor, Command::Edit, "Début des notes", None),
    bind(KeyCode::End, CTRL, Scope::Editor, Command::Edit, "Fin des notes", None),
    bind(KeyCode::PageUp, NONE, Scope::Editor, Command::Edit, "Page précédente", None),
    bind(KeyCode::PageDown, NONE, Scope::Editor, Command::Edit, "Page suivante", None),
    bind(KeyCode::Backspace, CTRL, Scope::Editor, Command::Edit, "Effacer le mot avant le curseur", None),
    bind(KeyCode::Delete, CTRL, Scope::Editor, Command::Edit, "Effacer le mot après le curseur", None),
    // Lists
    bind(KeyCode::Up, NONE, Scope::List, Command::Up, "Ligne précédente", None),
    bind(KeyCode::Down, NONE, Scope::List, Command::Down, "Ligne suivante", None),
    bind(KeyCode::PageUp, NONE, Scope::List, Command::PageUp, "Page précédente", None),
    bind(KeyCode::PageDown, NONE, Scope::List, Command::PageDown, "Page suivante", None),
    bind(KeyCode::Enter, NONE, Scope::List, Command::Activate, "Modifier la ligne", Some("Modifier")),
    bind(KeyCode::Char(' '), NONE, Scope::List, Command::Cycle, "Changer le statut (présence, bilan)", Some("Statut")),
    bind(KeyCode::Up, SHIFT, Scope::List, Command::SpeakEarlier, "Tour de table : parler plus tôt (dans les présences)", None),
    bind(KeyCode::Down, SHIFT, Scope::List, Command::SpeakLater, "Tour de table : parler plus tard (dans les présences)", None),
    bind(KeyCode::Delete, NONE, Scope::List, Command::Delete, "Supprimer (après confirmation)", Some("Supprimer")),
    bind(KeyCode::Char('f'), CTRL, Scope::List, Command::Carry, "Bilan : reporter dans cette réunion l'objectif partiellement ou non atteint ; de nouveau : annuler le report", Some("Reporter")),
    // Forms
    bind(KeyCode::Tab, NONE, Scope::Form, Command::NextField, "Champ suivant", Some("Champ suivant")),
    bind(KeyCode::BackTab, SHIFT, Scope::Form, Command::PrevField, "Champ précédent", None),
    bind(KeyCode::Down, NONE, Scope::Form, Command::NextField, "Champ suivant", None),
    bind(KeyCode::Up, NONE, Scope::Form, Command::PrevField, "Champ précédent", None),
    bind(KeyCode::Enter, NONE, Scope::Form, Command::Activate, "Champ suivant ; valider au dernier", Some("Suivant / valider")),
    bind(KeyCode::Esc, NONE, Scope::Form, Command::Close, "Abandonner", Some("Abandonner")),
    bind(KeyCode::Char('u'), CTRL, Scope::Form, Command::ClearField, "Vider le champ", None),
    // Comparison of a copy with the current file
    bind(KeyCode::Up, NONE, Scope::Compare, Command::Up, "Ligne précédente", None),
    bind(KeyCode::Down, NONE, Scope::Compare, Command::Down, "Ligne suivante", None),
    bind(KeyCode::PageUp, NONE, Scope::Compare, Command::PageUp, "Page précédente", None),
    bind(KeyCode::PageDown, NONE, Scope::Compare, Command::PageDown, "Page suivante", None),
    bind(KeyCode::Left, NONE, Scope::Compare, Command::PrevCopy, "Copie précédente (plus récente)", Some("◀ Copie")),
    bind(KeyCode::Right, NONE, Scope::Compare, Command::NextCopy, "Copie suivante (plus ancienne)", Some("Copie ▶")),
    bind(KeyCode::Esc, NONE, Scope::Compare, Command::Close, "Fermer la comparaison", Some("Fermer")),
    bind(KeyCode::Char('j'), CTRL, Scope::Form, Command::LineBreak, "Saut de ligne : une espace, sans valider", None),
    // Confirmations
    bind(KeyCode::Enter, NONE, Scope::Confirm, Command::Yes, "Confirmer", Some("Confirmer")),
    bind(KeyCode::Esc, NONE, Scope::Confirm, Command::Close, "Annuler", Some("Annuler")),
    bind(KeyCode::Char('g'), CTRL, Scope::Confirm, Command::NextMeeting, "Avant de clore la réunion : fixer la date de la prochaine", Some("Prochaine réunion")),
];

/// The command a key gives in a context, if any. Shift is ignored on character keys, so
/// that Ctrl+Maj+S is Ctrl+S.
pub fn command(context: Context, key: &KeyEvent) -> Option<Command> {
    let modifiers = match key.code {
        KeyCode::Char(_) => key.modifiers - KeyModifiers::SHIFT,
        _ => key.modifiers,
    };
    let code = match key.code {
        KeyCode::Char(c) if modifiers.contains(CTRL) => KeyCode::Char(c.to_ascii_lowercase()),
        code => code,
    };
    context.scopes().iter().find_map(|scope| {
        BINDINGS
            .iter()
            .find(|b| b.scope == *scope && b.code == code && b.modifiers == modifiers)
            .map(|b| b.command)
    })
}

/// The key shown to users for a command in a scope ("Ctrl+K"), for messages that name it.
pub fn key_for(scope: Scope, command: Command) -> String {
    BINDINGS
        .iter()
        .find(|b| b.scope == scope && b.command == command)
        .map_or_else(|| "?".to_string(), Binding::key)
}

/// Folds the line ends of text that arrives as keys (typed, or pasted by a terminal without
/// bracketed paste): CR arrives as Entrée and LF as Ctrl+J, so a CR LF pair would make two
/// line breaks. The LF right after a CR is dropped: CR LF, CR and LF each make one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineEnds {
    after_cr: bool,
}

impl LineEnds {
    /// Whether this key is the LF of a CR LF pair, to be dropped; remembers a CR.
    pub fn is_lf_after_cr(&mut self, key: &KeyEvent) -> bool {
        let lf_after_cr = self.after_cr && is_line_feed(key);
        self.after_cr = key.code == KeyCode::Enter && key.modifiers.is_empty();
        lf_after_cr
    }

    /// Forgets a CR (something else came between, such as a bracketed paste).
    pub fn reset(&mut self) {
        self.after_cr = false;
    }
}

/// Whether a key is a line feed: LF arrives as Ctrl+J in raw mode.
fn is_line_feed(key: &KeyEvent) -> bool {
    key.code == KeyCode::Char('j') && key.modifiers == CTRL
}

/// How soon the footer shows a command when it cannot show them all: moving through the
/// agenda first (the facilitator walks it), then what acts on the selection.
fn footer_rank(command: Command) -> u8 {
    match command {
        Command::PrevStep | Command::NextStep => 0,
        Command::NextSpeaker | Command::PrevSpeaker => 0,
        // Shown only at the review, where it acts: it must not be the one cut.
        Command::Carry => 0,
        _ => 1,
    }
}

/// The bindings the footer shows in a context: (key, short label), most specific first,
/// without repeating a command; moving through the agenda comes first.
pub fn footer(context: Context) -> Vec<Hint> {
    let mut seen = Vec::new();
    let mut hints = Vec::new();
    for scope in context.scopes() {
        for b in BINDINGS.iter().filter(|b| b.scope == *scope) {
            if let Some(hint) = b.hint
                && !seen.contains(&b.command)
            {
                seen.push(b.command);
                hints.push(Hint {
                    key: b.key(),
                    command: b.command,
                    label: hint,
                    essential: essential(context, b.command),
                });
            }
        }
    }
    hints.sort_by_key(|h| footer_rank(h.command));
    hints
}

/// Footer hints as one line of text, for the wall: "F5 : Saisie · F8 : Étape ▶".
pub fn footer_text(hints: &[Hint]) -> String {
    hints
        .iter()
        .map(|h| format!("{} : {}", h.key, h.label.to_lowercase()))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A key shown in the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// The key ("F8").
    pub key: String,
    /// What it does.
    pub command: Command,
    /// What it does, short.
    pub label: &'static str,
    /// Shown even when the footer is narrow (help and quit).
    pub essential: bool,
}

/// Whether the footer must show a command even when narrow: help, the way out of where one is,
/// and quitting (but not in a form or a confirmation, which quitting would not leave).
fn essential(context: Context, command: Command) -> bool {
    let in_dialog = matches!(context, Context::Form | Context::Confirm);
    match command {
        Command::Help | Command::Home => true,
        Command::Quit => !in_dialog,
        Command::Close => in_dialog || context == Context::Present,
        _ => false,
    }
}

/// Lines of the help overlay (titles, bindings, blank lines, the closing note).
pub fn help_lines() -> u16 {
    let scopes: std::collections::HashSet<_> = BINDINGS.iter().map(|b| b.scope).collect();
    (BINDINGS.len() + 2 * scopes.len() + 1) as u16
}

/// French title of each scope, for the help overlay.
pub fn scope_title(scope: Scope) -> &'static str {
    match scope {
        Scope::Everywhere => "Partout",
        Scope::Home => "Accueil",
        Scope::Roster => "Membres du comité",
        Scope::Meeting => "Pendant la réunion",
        Scope::Editor => "Dans les notes",
        Scope::List => "Dans les listes",
        Scope::Form => "Dans les formulaires",
        Scope::Confirm => "Dans une confirmation",
        Scope::Projection => "Pendant la projection (F5)",
        Scope::Present => "Dans copilnum present",
        Scope::Compare => "Dans la comparaison d'une copie de conflits/",
        Scope::Years => "Les années (tapez pour chercher)",
        Scope::Agenda => "Dans l'éditeur de l'ordre du jour",
        Scope::Subjects => "Dans les sujets d'un point",
        Scope::Invitations => "Dans les invitations",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn the_contract_keys_give_their_commands_in_a_meeting() {
        let c = Context::MeetingEditor;
        for (code, modifiers, expected) in [
            (KeyCode::F(1), NONE, Command::Help),
            (KeyCode::Tab, NONE, Command::NextPane),
            (KeyCode::BackTab, SHIFT, Command::PrevPane),
            (KeyCode::F(2), NONE, Command::Attendance),
            (KeyCode::F(3), NONE, Command::Notes),
            (KeyCode::F(4), NONE, Command::Objectives),
            (KeyCode::F(7), NONE, Command::PrevStep),
            (KeyCode::F(8), NONE, Command::NextStep),
            (KeyCode::Char('t'), CTRL, Command::ToggleTimer),
            (KeyCode::Char('d'), CTRL, Command::RecordDecision),
            (KeyCode::Char('o'), CTRL, Command::NewObjective),
            (KeyCode::Char('p'), CTRL, Command::TogglePrivate),
            (KeyCode::Char('e'), CTRL, Command::Export),
            (KeyCode::Char('s'), CTRL, Command::Save),
            (KeyCode::Esc, NONE, Command::Close),
            (KeyCode::F(10), NONE, Command::Quit),
            (KeyCode::Char('q'), CTRL, Command::Quit),
        ] {
            assert_eq!(
                command(c, &key(code, modifiers)),
                Some(expected),
                "{code:?} {modifiers:?}"
            );
        }
    }

    #[test]
    fn typing_is_never_a_command_in_the_editor() {
        for c in "azertyuiopqsdfghjklmwxcvbn AZERTY éàèùçœ€@#1234567890 ,;:!?./§%".chars()
        {
            assert_eq!(
                command(Context::MeetingEditor, &key(KeyCode::Char(c), NONE)),
                None,
                "{c}"
            );
            assert_eq!(
                command(Context::MeetingEditor, &key(KeyCode::Char(c), SHIFT)),
                None,
                "{c}"
            );
        }
        for code in [
            KeyCode::Enter,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Delete,
            KeyCode::Backspace,
        ] {
            assert_eq!(
                command(Context::MeetingEditor, &key(code, NONE)),
                None,
                "{code:?}"
            );
        }
    }

    #[test]
    fn a_line_feed_is_a_line_break_in_text_and_nothing_elsewhere() {
        let lf = key(KeyCode::Char('j'), CTRL);
        assert!(is_line_feed(&lf));
        assert_eq!(
            command(Context::MeetingEditor, &lf),
            Some(Command::LineBreak)
        );
        assert_eq!(command(Context::Form, &lf), Some(Command::LineBreak));
        for context in [Context::Home, Context::MeetingList, Context::Confirm] {
            assert_eq!(command(context, &lf), None, "{context:?}");
        }
    }

    #[test]
    fn the_lf_of_a_cr_lf_pair_is_dropped_and_no_other() {
        let cr = key(KeyCode::Enter, NONE);
        let lf = key(KeyCode::Char('j'), CTRL);
        let a = key(KeyCode::Char('a'), NONE);
        let mut ends = LineEnds::default();
        let dropped: Vec<bool> = [&a, &cr, &lf, &a, &lf, &lf, &cr, &cr, &lf, &lf]
            .into_iter()
            .map(|k| ends.is_lf_after_cr(k))
            .collect();
        assert_eq!(
            dropped,
            [
                false, false, true, false, false, false, false, false, true, false
            ],
            "a CR LF makes one break; LF alone, CR alone, and LF LF make theirs"
        );
        ends.is_lf_after_cr(&cr);
        ends.reset();
        assert!(!ends.is_lf_after_cr(&lf), "a paste came between");
    }

    #[test]
    fn list_keys_act_only_outside_text() {
        assert_eq!(
            command(Context::MeetingList, &key(KeyCode::Char(' '), NONE)),
            Some(Command::Cycle)
        );
        assert_eq!(
            command(Context::MeetingList, &key(KeyCode::Delete, NONE)),
            Some(Command::Delete)
        );
        assert_eq!(
            command(Context::Home, &key(KeyCode::Enter, NONE)),
            Some(Command::Activate)
        );
        assert_eq!(command(Context::Form, &key(KeyCode::Char(' '), NONE)), None);
    }

    #[test]
    fn ctrl_with_shift_or_caps_lock_still_works() {
        assert_eq!(
            command(
                Context::MeetingEditor,
                &key(KeyCode::Char('S'), CTRL | SHIFT)
            ),
            Some(Command::Save)
        );
        assert_eq!(
            command(Context::MeetingEditor, &key(KeyCode::Char('D'), CTRL)),
            Some(Command::RecordDecision)
        );
    }

    #[test]
    fn the_help_lists_every_scope() {
        // The help overlay walks the scopes in its own order: a new scope must be added there.
        let listed = include_str!("../ui/overlay.rs");
        for b in BINDINGS {
            assert!(
                listed.contains(&format!("Scope::{:?}", b.scope)),
                "{:?} missing from the help",
                b.scope
            );
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                assert!(
                    !(a.scope == b.scope && a.code == b.code && a.modifiers == b.modifiers),
                    "{} twice in {:?}",
                    a.key(),
                    a.scope
                );
            }
        }
    }

    #[test]
    fn the_footer_shows_the_main_keys_in_french() {
        let footer = footer(Context::MeetingEditor);
        let keys: Vec<&str> = footer.iter().map(|h| h.key.as_str()).collect();
        for k in [
            "F1", "F10", "F7", "F8", "F2", "F3", "F4", "Ctrl+D", "Ctrl+O", "Ctrl+T",
        ] {
            assert!(keys.contains(&k), "{k} missing from {keys:?}");
        }
        assert!(footer.iter().any(|h| h.label == "Étape ▶"));
        let essentials: Vec<&str> = footer
            .iter()
            .filter(|h| h.essential)
            .map(|h| h.key.as_str())
            .collect();
        assert!(
            essentials.contains(&"F1") && essentials.contains(&"F10"),
            "{essentials:?}"
        );
        let form: Vec<String> = super::footer(Context::Form)
            .into_iter()
            .filter(|h| h.essential)
            .map(|h| h.key)
            .collect();
        assert!(
            form.contains(&"Échap".to_string()) && !form.contains(&"F10".to_string()),
            "in a form, the way out is Échap: {form:?}"
        );
        let roster: Vec<String> = super::footer(Context::Roster)
            .into_iter()
            .filter(|h| h.essential)
            .map(|h| h.key)
            .collect();
        assert!(
            roster.contains(&"F9".to_string()),
            "the way back home: {roster:?}"
        );
    }

    #[test]
    fn key_labels_come_from_the_key_codes() {
        let label = |code, modifiers| key_label(code, modifiers);
        assert_eq!(label(KeyCode::F(8), NONE), "F8");
        assert_eq!(label(KeyCode::Char('d'), CTRL), "Ctrl+D");
        assert_eq!(label(KeyCode::Enter, NONE), "Entrée");
        assert_eq!(label(KeyCode::Esc, NONE), "Échap");
        assert_eq!(label(KeyCode::Char(' '), NONE), "Espace");
        assert_eq!(label(KeyCode::Delete, NONE), "Suppr");
        assert_eq!(label(KeyCode::BackTab, SHIFT), "Maj+Tab");
        assert_eq!(label(KeyCode::PageDown, NONE), "Page ↓");
        assert_eq!(key_for(Scope::Meeting, Command::RecordDecision), "Ctrl+D");
    }
}
