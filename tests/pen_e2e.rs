//! End-to-end: keys typed in the notes write only the cells they change, without resetting the
//! terminal's style after each key — and the screen stays the one a whole frame draws: same
//! characters, same colours, same reverse video, cell by cell.

mod common;
#[path = "e2e/pty.rs"]
mod pty;
#[path = "e2e/sample.rs"]
mod sample;

use std::time::Duration;

use pty::Tui;
use pty::keys;
use sample::{Sample, open_upcoming_notes};

/// Every cell of the screen: its text and its style, row by row (a blank cell is a space).
fn cells(tui: &Tui) -> Vec<String> {
    let screen = tui.screen();
    let (rows, cols) = screen.size();
    (0..rows.get())
        .map(|r| {
            (0..cols.get())
                .map(|c| match screen.cell(r, c) {
                    Some(cell) => format!(
                        "{}|{:?}|{:?}|{}{}{}{}{}{} ",
                        // A cleared cell and a cell written with a space look the same.
                        match cell.contents() {
                            "" => " ",
                            text => text,
                        },
                        cell.fgcolor(),
                        cell.bgcolor(),
                        u8::from(cell.bold()),
                        u8::from(cell.dim()),
                        u8::from(cell.italic()),
                        u8::from(cell.underline()),
                        u8::from(cell.inverse()),
                        u8::from(cell.is_wide()),
                    ),
                    None => "∅ ".to_string(),
                })
                .collect()
        })
        .collect()
}

/// Types one character and waits until `shown` is on screen and its burst is over; returns
/// the bytes it caused.
fn type_one(tui: &mut Tui, key: &str, shown: &str) -> Vec<u8> {
    tui.refresh();
    let before = tui.raw_output().len();
    tui.send(key);
    tui.wait_for(shown);
    std::thread::sleep(Duration::from_millis(60));
    tui.refresh();
    tui.raw_output()[before..].to_vec()
}

#[test]
fn a_key_in_the_notes_writes_a_few_bytes_and_the_screen_stays_as_a_whole_frame_draws_it() {
    let sample = Sample::new();
    let mut tui = sample.open_sized(80, 24);
    open_upcoming_notes(&mut tui);
    tui.send(keys::ENTER);
    std::thread::sleep(Duration::from_millis(100));
    let word = "Pixélisé";
    let mut typed = String::new();
    let mut sizes = Vec::new();
    for c in word.chars() {
        typed.push(c);
        let bytes = type_one(&mut tui, &c.to_string(), &typed);
        sizes.push((c, bytes.len(), String::from_utf8_lossy(&bytes).into_owned()));
    }
    // After the first key (which may hide the cursor once), a key is its move, its
    // character, the reverse-video cell of the cursor and at most a reset: not the full
    // reset of every colour and attribute, nor the cursor hidden again. (A key that comes as
    // the clock's minute changes is drawn in a whole frame with the clock, on the first row,
    // and the key after it hides the cursor once again: those two are left out.)
    let whole = |i: usize| sizes[i].2.contains("\x1b[1;");
    let after_whole: Vec<usize> = (1..sizes.len())
        .filter(|&i| !whole(i) && !whole(i - 1))
        .collect();
    assert!(after_whole.len() >= sizes.len() - 3, "{sizes:?}");
    for (c, len, bytes) in after_whole.iter().map(|&i| &sizes[i]) {
        assert!(
            *len <= 22,
            "« {c} » wrote {len} bytes: {bytes:?} (all: {sizes:?})"
        );
        assert!(!bytes.contains("\x1b[?25l"), "{bytes:?}");
        assert!(!bytes.contains("\x1b[39m"), "{bytes:?}");
    }
    // The autosave's status is written while typing stopped: it is let in first.
    tui.wait_for("✓ enregistré");
    std::thread::sleep(Duration::from_millis(100));
    tui.refresh();
    let typed_screen = cells(&tui);
    // A resize draws everything again through whole frames; back at the same size, every
    // cell must be as the keys left it (no cell in reverse video or in a colour it lost).
    tui.resize(81, 24);
    tui.wait_until(Duration::from_millis(500), |_| false);
    tui.resize(80, 24);
    tui.wait_until(Duration::from_millis(500), |_| false);
    let whole_screen = cells(&tui);
    assert!(tui.contents().contains(word), "{}", tui.dump());
    same_screens(&typed_screen, &whole_screen, &tui);
    // And a key typed after that whole frame (which also turns the status to « enregistrement
    // » at once) draws on the right style again.
    let bytes = type_one(&mut tui, "s", &format!("{word}s"));
    assert!(
        !String::from_utf8_lossy(&bytes).contains("\x1b[39m"),
        "{:?}",
        String::from_utf8_lossy(&bytes)
    );
    tui.wait_for("✓ enregistré");
    std::thread::sleep(Duration::from_millis(100));
    tui.refresh();
    let after = cells(&tui);
    tui.resize(81, 24);
    tui.wait_until(Duration::from_millis(500), |_| false);
    tui.resize(80, 24);
    tui.wait_until(Duration::from_millis(500), |_| false);
    same_screens(&after, &cells(&tui), &tui);
}

/// The two screens are the same, cell by cell, but for the clock of the first row if the
/// minute turned in between.
#[track_caller]
fn same_screens(typed: &[String], whole: &[String], tui: &Tui) {
    assert_eq!(typed.len(), whole.len());
    for (row, (typed, whole)) in typed.iter().zip(whole).enumerate() {
        // Cells read "7|Default|…": the clock is found in the row's text.
        let clock = tui
            .screen()
            .rows(0, u16::MAX)
            .next()
            .is_some_and(|t| t.contains(" h "));
        if row == 0 && clock {
            continue;
        }
        assert_eq!(typed, whole, "row {row} differs\n{}", tui.dump());
    }
}
