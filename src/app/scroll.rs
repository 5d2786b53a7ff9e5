//! A view that scrolls when its text is longer than the screen (the projection's body). Only
//! the renderer knows how long the text is once wrapped: the runtime reports the extent after
//! each frame with [`Scroll::fit`], and the update logic moves within it, so a key pressed past
//! the end never has to be undone by pressing the other way.

use super::keymap::Command;

/// Where a scrolled view stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    /// The first line shown.
    pub offset: u16,
    /// The largest useful offset: 0 when everything fits.
    pub limit: u16,
    /// The lines shown at once.
    pub page: u16,
}

impl Scroll {
    /// Takes the extent of the last frame, bringing the offset back within it.
    pub fn fit(&mut self, limit: u16, page: u16) {
        self.limit = limit;
        self.page = page;
        self.offset = self.offset.min(limit);
    }

    /// Back to the top (another step, another text).
    pub fn reset(&mut self) {
        self.offset = 0;
    }

    /// Applies ↑ ↓ Page↑ Page↓; returns false for any other command.
    pub fn command(&mut self, command: Command) -> bool {
        let page = i32::from(self.page.saturating_sub(1).max(1));
        let lines = match command {
            Command::Up => -1,
            Command::Down => 1,
            Command::PageUp => -page,
            Command::PageDown => page,
            _ => return false,
        };
        let offset = (i32::from(self.offset) + lines).clamp(0, i32::from(self.limit));
        self.offset = u16::try_from(offset).unwrap_or(0);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_stay_within_the_extent() {
        let mut scroll = Scroll::default();
        scroll.fit(12, 10);
        assert!(scroll.command(Command::Down));
        assert_eq!(scroll.offset, 1);
        scroll.command(Command::PageDown);
        assert_eq!(scroll.offset, 10);
        scroll.command(Command::PageDown);
        assert_eq!(scroll.offset, 12, "never past the end");
        scroll.command(Command::Up);
        assert_eq!(scroll.offset, 11, "one key back is one line back");
        scroll.command(Command::PageUp);
        scroll.command(Command::PageUp);
        assert_eq!(scroll.offset, 0);
        assert!(!scroll.command(Command::NextStep));
    }

    #[test]
    fn a_larger_screen_brings_the_offset_back() {
        let mut scroll = Scroll::default();
        scroll.fit(30, 5);
        scroll.command(Command::PageDown);
        scroll.command(Command::PageDown);
        assert_eq!(scroll.offset, 8);
        scroll.fit(3, 40);
        assert_eq!(scroll.offset, 3);
        scroll.fit(0, 60);
        assert_eq!(scroll.offset, 0);
        scroll.command(Command::Down);
        assert_eq!(scroll.offset, 0, "nothing to scroll when everything fits");
    }
}
