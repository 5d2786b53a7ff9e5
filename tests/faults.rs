//! End-to-end tests of what the fault runs found, on the real binary in a pseudo-terminal:
//! text whose line ends arrive as keys, onboarding abandoned, a folder that cannot be written.

#[path = "e2e/pty.rs"]
mod pty;
#[path = "e2e/sample.rs"]
mod sample;

use pty::keys;
use sample::{Sample, first_notes, open_upcoming_notes};

#[test]
fn lines_sent_with_lf_or_cr_lf_are_all_there_after_reopening() {
    let sample = Sample::new();
    let path = sample.upcoming();
    let mut tui = sample.open();
    open_upcoming_notes(&mut tui);
    // As a terminal without bracketed paste sends a pasted text: each byte a key, LF as
    // Ctrl+J; a Unix text (LF), then a Windows one (CR LF).
    let unix: Vec<String> = (1..=400).map(|i| format!("ligne LF {i} é")).collect();
    let windows: Vec<String> = (1..=100).map(|i| format!("ligne CRLF {i} à")).collect();
    tui.send(unix.join("\n"));
    tui.send("\r\n");
    tui.send(windows.join("\r\n"));
    tui.wait_for("ligne CRLF 100 à");
    tui.send(keys::F10);
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");

    let expected = format!("{}\n{}", unix.join("\n"), windows.join("\n"));
    let saved = first_notes(&path);
    assert_eq!(saved.lines().count(), 500, "one line each, no blank line");
    assert!(saved == expected, "every line, in order");

    // Reopened: the notes are there, line by line, the last ones on screen.
    let mut tui = sample.open();
    open_upcoming_notes(&mut tui);
    tui.wait_for("ligne CRLF 99 à");
    let screen = tui.contents();
    let row = |text: &str| screen.lines().position(|l| l.contains(text));
    assert_eq!(
        row("ligne CRLF 99 à").map(|r| r + 1),
        row("ligne CRLF 100 à"),
        "on consecutive rows:\n{screen}"
    );
    tui.send(keys::F10);
    tui.wait_exit();
    assert!(first_notes(&path) == expected, "reopening changed nothing");
}
