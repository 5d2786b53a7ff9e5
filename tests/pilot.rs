//! The pilot is a member of the roster (issue 9): chosen from the roster with the same pick
//! list as an objective's owner (F2 on the members' screen), stored as a member; a pilot typed
//! as text before keeps working and is offered as it is; `check` reports a pilot who is not on
//! the roster.

mod common;

use common::driver;
use common::keys::key;
use copilnum::app::dialogs::Purpose;
use copilnum::app::form::{FieldKind, Form};
use copilnum::app::keymap::Command;
use copilnum::app::{App, Effect, Msg, Overlay};
use copilnum::model::MemberId;
use copilnum::sample;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The members' screen, then F2.
fn committee_form(app: &mut App) {
    app.update(Msg::Key(key(KeyCode::F(6))));
    assert!(app.acts(Command::Committee));
    app.update(Msg::Key(key(KeyCode::F(2))));
}

fn form(app: &App) -> &Form {
    match app.overlays.last() {
        Some(Overlay::Form(form, Purpose::Committee)) => form,
        _ => panic!("the committee form is not open"),
    }
}

/// Chooses the option with that value in the pilot's pick list.
fn choose_pilot(app: &mut App, value: &str) {
    let Some(Overlay::Form(form, _)) = app.overlays.last_mut() else {
        panic!("no form");
    };
    let field = form.fields.iter_mut().find(|f| f.name == "pilot").unwrap();
    let FieldKind::Choice(choice) = &mut field.kind else {
        panic!("the pilot is a pick list");
    };
    choice.selected = choice
        .options
        .iter()
        .position(|(_, v)| v == value)
        .unwrap_or_else(|| panic!("no option {value}: {:?}", choice.options));
}

fn submit(app: &mut App) -> Vec<Effect> {
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
    )))
}

fn errors(app: &App) -> Vec<(&'static str, String)> {
    form(app)
        .fields
        .iter()
        .filter_map(|f| f.error.clone().map(|e| (f.name, e)))
        .collect()
}

fn pilot_options(app: &App) -> Vec<String> {
    let field = form(app).fields.iter().find(|f| f.name == "pilot").unwrap();
    match &field.kind {
        FieldKind::Choice(choice) => choice.options.iter().map(|(l, _)| l.clone()).collect(),
        FieldKind::Text(_) => panic!("the pilot is a pick list"),
    }
}

#[test]
fn the_pilot_is_chosen_from_the_roster_and_stored_as_a_member() {
    let mut app = driver::app(false);
    committee_form(&mut app);
    assert_eq!(
        form(&app).value("pilot"),
        "1",
        "the sample's pilot, Hélène Marchand"
    );
    assert!(
        pilot_options(&app)[0].starts_with("Hélène Marchand (IEN"),
        "the roster, as for an objective's owner: {:?}",
        &pilot_options(&app)[..2]
    );
    choose_pilot(&mut app, "2");
    let effects = submit(&mut app);
    assert!(app.overlays.is_empty(), "{:?}", errors(&app));
    let committee = &app.session.committee;
    assert_eq!(committee.pilot_member, Some(MemberId(2)));
    assert_eq!(committee.pilot, "Jean-Baptiste Lefèvre");
    assert_eq!(committee.pilot_name(), "Jean-Baptiste Lefèvre");
    let saved = effects.iter().any(|e| match e {
        Effect::Save(request) => request.committee.is_some(),
        _ => false,
    });
    assert!(saved, "the committee is saved: {effects:?}");
    assert!(app.status.text.contains("pilote : Jean-Baptiste Lefèvre"));
}

#[test]
fn a_pilot_typed_as_text_keeps_working_until_a_member_is_chosen() {
    // The text names a member: that member is offered first-hand.
    let mut app = driver::app(false);
    app.session.committee.pilot_member = None;
    committee_form(&mut app);
    assert_eq!(form(&app).value("pilot"), "1");
    assert_eq!(
        pilot_options(&app)[0],
        "« Hélène Marchand, IEN de la circonscription » (hors de la liste des membres)"
    );

    // The text names nobody: it stays as it is, and is shown.
    let mut app = driver::app(false);
    app.session.committee.pilot_member = None;
    app.session.committee.pilot = "M. Durand, IEN par intérim".into();
    committee_form(&mut app);
    assert_eq!(form(&app).value("pilot"), "", "the text, kept");
    submit(&mut app);
    assert!(app.overlays.is_empty());
    let committee = &app.session.committee;
    assert_eq!(committee.pilot_member, None);
    assert_eq!(committee.pilot_name(), "M. Durand, IEN par intérim");

    // A text that begins with the member's name stays, with the member.
    let mut app = driver::app(false);
    committee_form(&mut app);
    submit(&mut app);
    let committee = &app.session.committee;
    assert_eq!(committee.pilot_member, Some(MemberId(1)));
    assert_eq!(
        committee.pilot,
        "Hélène Marchand, IEN de la circonscription"
    );
}

#[test]
fn the_committee_needs_a_name_and_read_only_opens_nothing() {
    let mut app = driver::app(false);
    committee_form(&mut app);
    app.update(Msg::Key(KeyEvent::new(
        KeyCode::Char('u'),
        KeyModifiers::CONTROL,
    )));
    let before = app.session.committee.clone();
    submit(&mut app);
    assert_eq!(
        errors(&app),
        [(
            "name",
            "Le nom du comité ne peut pas être vide.".to_string()
        )]
    );
    assert_eq!(app.session.committee, before, "nothing changed");

    let mut app = driver::app(true);
    app.update(Msg::Key(key(KeyCode::F(6))));
    assert!(!app.acts(Command::Committee));
    app.update(Msg::Key(key(KeyCode::F(2))));
    assert!(app.overlays.is_empty());
}

#[test]
fn check_reports_a_pilot_who_is_not_on_the_roster() {
    let mut s = sample::sample(common::today());
    s.committee.pilot_member = None;
    s.committee.pilot = "M. Durand, IEN par intérim".into();
    let c = common::Committee::with(s);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_copilnum"))
        .args(["check", "--dir"])
        .arg(&c.dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}");
    let line = stdout
        .lines()
        .find(|l| l.contains("pilote"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        line.contains("comite.ron:") && line.ends_with("pilote : « M. Durand, IEN par intérim » n'est pas un membre du comité ; choisissez-le parmi les membres (dans copilnum, F6 puis F2)"),
        "{line}"
    );
}
