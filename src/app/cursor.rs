//! The one list cursor: where the selection stands in a list of `len` lines, moved by a line,
//! a page, to the first or last line, and kept inside the list when lines are removed. Every
//! list of the application (home, roster, invitations, years, agenda, subjects, the meeting's
//! panes) moves its selection through it.

use super::keymap::Command;

/// The lines a page key moves by.
pub const PAGE: usize = 10;

/// A position in a list of `len` lines, always on a line (on 0 when the list is empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    at: usize,
    len: usize,
}

impl Cursor {
    /// The cursor at `at` in a list of `len` lines, brought back onto its last line if past it
    /// (as after a removal).
    pub fn new(at: usize, len: usize) -> Cursor {
        Cursor {
            at: at.min(len.saturating_sub(1)),
            len,
        }
    }

    /// The selected line.
    pub fn at(self) -> usize {
        self.at
    }

    /// Moved by `rows` lines (negative: up), stopping at either end.
    pub fn by(self, rows: isize) -> Cursor {
        Cursor::new(self.at.saturating_add_signed(rows), self.len)
    }

    /// On the first line.
    pub fn first(self) -> Cursor {
        Cursor::new(0, self.len)
    }

    /// On the last line.
    pub fn last(self) -> Cursor {
        Cursor::new(usize::MAX, self.len)
    }

    /// Moved as a list command says (↑ ↓ Page ↑ Page ↓), or `None` if it is not a move.
    pub fn moved(self, command: Command) -> Option<Cursor> {
        rows(command).map(|rows| self.by(rows))
    }
}

/// The lines a list command moves by, if it is a move.
pub fn rows(command: Command) -> Option<isize> {
    const PAGE_ROWS: isize = PAGE as isize;
    match command {
        Command::Up => Some(-1),
        Command::Down => Some(1),
        Command::PageUp => Some(-PAGE_ROWS),
        Command::PageDown => Some(PAGE_ROWS),
        _ => None,
    }
}

/// Moves `at`, in a list of `len` lines, as `command` says; returns whether it was a move
/// (other commands leave `at` as it is).
pub fn apply(at: &mut usize, len: usize, command: Option<Command>) -> bool {
    match command.and_then(|c| Cursor::new(*at, len).moved(c)) {
        Some(moved) => {
            *at = moved.at();
            true
        }
        None => false,
    }
}

/// Brings `at` back inside a list that now has `len` lines.
pub fn clamp(at: &mut usize, len: usize) {
    *at = Cursor::new(*at, len).at();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_stop_at_either_end() {
        let c = Cursor::new(0, 5);
        assert_eq!(c.by(-1).at(), 0);
        assert_eq!(c.by(1).at(), 1);
        assert_eq!(c.by(4).at(), 4);
        assert_eq!(c.by(40).at(), 4);
        assert_eq!(c.last().by(-2).at(), 2);
        assert_eq!(c.last().first().at(), 0);
        assert_eq!(Cursor::new(3, 5).by(isize::MIN).at(), 0);
        assert_eq!(Cursor::new(3, 5).by(isize::MAX).at(), 4);
    }

    #[test]
    fn an_empty_list_keeps_the_cursor_on_zero() {
        let c = Cursor::new(7, 0);
        assert_eq!(c.at(), 0);
        assert_eq!(c.by(1).at(), 0);
        assert_eq!(c.by(-1).at(), 0);
        assert_eq!(c.last().at(), 0);
        assert_eq!(c.moved(Command::PageDown).map(Cursor::at), Some(0));
    }

    #[test]
    fn list_commands_move_by_a_line_or_a_page_and_others_do_not_move() {
        let c = Cursor::new(12, 30);
        assert_eq!(c.moved(Command::Up).map(Cursor::at), Some(11));
        assert_eq!(c.moved(Command::Down).map(Cursor::at), Some(13));
        assert_eq!(c.moved(Command::PageUp).map(Cursor::at), Some(2));
        assert_eq!(c.moved(Command::PageDown).map(Cursor::at), Some(22));
        assert_eq!(
            c.moved(Command::PageDown)
                .and_then(|c| c.moved(Command::PageDown))
                .map(Cursor::at),
            Some(29)
        );
        assert_eq!(c.moved(Command::Activate), None);
        assert_eq!(c.moved(Command::Cycle), None);
    }

    #[test]
    fn apply_moves_in_place_and_says_whether_it_did() {
        let mut at = 2;
        assert!(apply(&mut at, 3, Some(Command::Down)));
        assert_eq!(at, 2, "already on the last of three");
        assert!(apply(&mut at, 3, Some(Command::Up)));
        assert_eq!(at, 1);
        assert!(!apply(&mut at, 3, Some(Command::Delete)));
        assert!(!apply(&mut at, 3, None));
        assert_eq!(at, 1);
    }

    #[test]
    fn after_a_removal_the_cursor_stays_on_a_line() {
        let mut at = 4;
        clamp(&mut at, 5);
        assert_eq!(at, 4, "still inside");
        clamp(&mut at, 4);
        assert_eq!(at, 3, "the last line was removed: on the new last");
        clamp(&mut at, 0);
        assert_eq!(at, 0, "nothing left");
        assert_eq!(Cursor::new(9, 3), Cursor::new(2, 3));
    }
}
