//! Keys, as a terminal (crossterm) reports them.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key without modifiers.
pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Ctrl and a letter.
pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Ctrl and any key (Ctrl+↓…).
pub fn ctrl_key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::CONTROL)
}

/// A function key.
pub fn fkey(n: u8) -> KeyEvent {
    key(KeyCode::F(n))
}

/// Tab.
pub fn tab() -> KeyEvent {
    key(KeyCode::Tab)
}

/// Shift+Tab: crossterm reports it as BackTab with SHIFT.
pub fn back_tab() -> KeyEvent {
    KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)
}

/// Entrée.
pub fn enter() -> KeyEvent {
    key(KeyCode::Enter)
}

/// Échap.
pub fn esc() -> KeyEvent {
    key(KeyCode::Esc)
}

/// Espace.
pub fn space() -> KeyEvent {
    key(KeyCode::Char(' '))
}

/// ↑.
pub fn up() -> KeyEvent {
    key(KeyCode::Up)
}

/// ↓.
pub fn down() -> KeyEvent {
    key(KeyCode::Down)
}

/// Suppr.
pub fn suppr() -> KeyEvent {
    key(KeyCode::Delete)
}

/// A typed character: upper case comes with SHIFT, a line break is Entrée.
pub fn typed(c: char) -> KeyEvent {
    if c == '\n' {
        enter()
    } else if c.is_uppercase() {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT)
    } else {
        key(KeyCode::Char(c))
    }
}
