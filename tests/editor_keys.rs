//! The notes editor's own keys (word moves, line and notes ends, pages, word deletions) are in
//! the key table, so the help lists them; each one does something in the notes.

mod common;

use common::driver;
use copilnum::app::keymap::{BINDINGS, Command, Scope};
use copilnum::app::{App, Msg, Screen};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    driver::send(app, Msg::Key(KeyEvent::new(code, modifiers)));
}

/// The notes' text and cursor.
fn notes(app: &App) -> (String, (usize, usize)) {
    let Screen::Meeting(screen) = &app.screen else {
        panic!("not in a meeting");
    };
    let editor = screen.editor().expect("the notes");
    (editor.text(), editor.cursor())
}

/// The next meeting open, its notes holding many lines, the cursor inside a word in the
/// middle of them.
fn typing() -> App {
    let mut app = driver::app(false);
    driver::open(&mut app, 1);
    press(&mut app, KeyCode::F(3), KeyModifiers::NONE);
    for n in 0..60 {
        for c in format!("ligne {n} avec des mots").chars() {
            press(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
        }
        press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    }
    for _ in 0..30 {
        press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    }
    for _ in 0..8 {
        press(&mut app, KeyCode::Right, KeyModifiers::NONE);
    }
    app
}

#[test]
fn every_editor_key_of_the_table_acts_in_the_notes_and_is_in_the_help() {
    let keys: Vec<_> = BINDINGS
        .iter()
        .filter(|b| b.scope == Scope::Editor && b.command == Command::Edit)
        .collect();
    assert!(keys.len() >= 10, "word moves, ends, pages, word deletions");
    let mut help = driver::app(false);
    press(&mut help, KeyCode::F(1), KeyModifiers::NONE);
    let shown = driver::screen_text(&help, 120, 200);
    for binding in keys {
        let mut app = typing();
        let before = notes(&app);
        press(&mut app, binding.code, binding.modifiers);
        assert_ne!(
            notes(&app),
            before,
            "{} ({}) does nothing in the notes",
            binding.key(),
            binding.label
        );
        assert!(
            shown.contains(binding.label),
            "{} is not in the help",
            binding.label
        );
    }
}
