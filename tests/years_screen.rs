//! The years screen (F4): objectives across meetings, filters and the search.

mod common;

use common::harness::*;

#[test]
fn f4_opens_the_years_and_a_search_opens_the_meeting_at_the_line_found() {
    let mut h = Harness::new();
    h.press(fkey(4));
    assert_eq!(h.screen_name(), "years");
    h.type_text("PAS de protocole");
    let Screen::Years(years) = &h.app.screen else {
        panic!("years");
    };
    let results = years.search.as_ref().expect("searched while typing");
    assert_eq!(results.total, 1);
    h.press(enter());
    assert_eq!(h.last.first(), Some(&Done::Open(past_id())));
    let screen = h.meeting();
    let step = screen.step().unwrap();
    assert_eq!(step.number, "3.4");
    assert_eq!(screen.focus, Pane::Notes);
    let editor = screen.editor().unwrap();
    assert_eq!(editor.cursor().0, 1, "on the line found");
    assert!(editor.current_line().contains("pas de protocole"));
}

#[test]
fn escape_clears_the_search_then_goes_home() {
    let mut h = Harness::new();
    h.press(fkey(4));
    h.type_text("écoles");
    h.press(key(KeyCode::Backspace));
    let Screen::Years(years) = &h.app.screen else {
        panic!("years");
    };
    assert_eq!(years.query, "école");
    assert!(years.search.as_ref().unwrap().total > 5);
    h.press(esc());
    let Screen::Years(years) = &h.app.screen else {
        panic!("years");
    };
    assert!(years.query.is_empty() && years.search.is_none());
    h.press(esc());
    assert_eq!(h.screen_name(), "home");
}

#[test]
fn the_years_filters_keep_the_objectives_asked_for() {
    let mut h = Harness::new();
    h.press(fkey(4));
    h.press(fkey(2));
    h.choose("domain", "Technique");
    h.choose("owner", "17");
    h.submit();
    let Screen::Years(years) = &h.app.screen else {
        panic!("years");
    };
    assert_eq!(years.filter.owner, Some(MemberId(17)));
    assert_eq!(years.filter.domain, Some(Domain::Technical));
    assert_eq!(h.status(), "1 objectif avec ces filtres.");
    // Entrée opens the meeting that set it.
    h.press(enter());
    assert_eq!(h.last.first(), Some(&Done::Open(past_id())));
}
