//! The event loop's one wait, through a pseudo-terminal: keys sent all at once arrive all and in
//! order (crossterm parses several from one read, and the loop must take them all before it
//! sleeps again), a copilnum nobody types into sleeps — it does not spin through its waits —
//! and draws a resize at once, and the threads that save give way to the loop that answers
//! keys.

mod common;
#[path = "e2e/pty.rs"]
mod pty;
#[path = "e2e/sample.rs"]
mod sample;

use std::time::{Duration, Instant};

use pty::{Tui, keys};
use sample::{Sample, first_notes, open_upcoming_notes};

/// The process's CPU time so far (user + system), from /proc.
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command's name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // Clock ticks are 100 a second on Linux.
    Some(Duration::from_millis(ticks * 10))
}

/// Types `text` in the notes in one write, as a terminal passes on a burst of keys or a paste
/// without bracketed paste.
fn type_at_once(tui: &mut Tui, text: &str) {
    tui.send(text.as_bytes());
}

#[test]
fn keys_sent_in_one_burst_all_arrive_in_order_and_are_saved() {
    let sample = Sample::new();
    let mut tui = sample.open();
    open_upcoming_notes(&mut tui);
    // Sixty keys, accented ones among them, in one write: crossterm reads them in one go.
    let burst = "àbcdéfghij".repeat(6);
    type_at_once(&mut tui, &burst);
    tui.wait_for(&burst[..20]);
    // A longer one than the loop takes at once (512 events): taken in turns, none lost.
    let long: String = (0..1500)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    type_at_once(&mut tui, &long);
    tui.wait_for("Notes (F3) · ligne 1/1");
    tui.wait_for(&long[1480..]);
    // A second burst right after the first, then one key on its own.
    type_at_once(&mut tui, "klmnô");
    tui.wait_for("klmnô");
    tui.type_text("z");
    tui.wait_for("ôz");
    tui.send(keys::F10);
    tui.wait_exit();
    let notes = first_notes(&sample.upcoming());
    assert!(
        notes.ends_with(&format!("{burst}{long}klmnôz")),
        "{notes:?}"
    );
}

#[test]
fn a_copilnum_nobody_types_into_sleeps() {
    let sample = Sample::new();
    let mut tui = sample.open();
    open_upcoming_notes(&mut tui);
    tui.type_text("Bonjour");
    // The autosave's status, then nothing more to do: no timer runs at this step.
    tui.wait_for("✓ enregistré");
    tui.wait_until(Duration::from_millis(500), |_| false);
    let (Some(before), start) = (cpu_time(tui.pid), Instant::now()) else {
        // No /proc here: nothing to measure.
        return;
    };
    tui.wait_until(Duration::from_secs(2), |_| false);
    let spent = cpu_time(tui.pid).expect("/proc") - before;
    let watched = start.elapsed();
    // A loop that spins through its waits spends a whole core; a sleeping one, a tick's
    // handling four times a second (well under 1 %). 10 % leaves room for a busy machine.
    assert!(
        spent < watched / 10,
        "{spent:?} of CPU in {watched:?} while nobody typed"
    );
    assert!(tui.alive());
}

#[test]
fn a_resize_while_nobody_types_is_drawn_at_once() {
    // The projector is plugged in, or the window is made larger, with nobody at the keyboard:
    // the screen is drawn again for its new size without waiting for a key.
    let sample = Sample::new();
    let mut tui = sample.open();
    open_upcoming_notes(&mut tui);
    tui.wait_until(Duration::from_millis(300), |_| false);
    for i in 0..12 {
        let (cols, rows) = if i % 2 == 0 { (120, 40) } else { (80, 24) };
        let before = tui.raw_output().len();
        tui.resize(cols, rows);
        // A resize clears the screen and draws it whole.
        let drawn = tui.wait_until(Duration::from_secs(3), |t| {
            t.raw_output()[before..].windows(4).any(|w| w == b"\x1b[2J")
        });
        assert!(
            drawn,
            "resize {i} to {cols}x{rows} not drawn\n{}",
            tui.dump()
        );
        tui.wait_until(Duration::from_millis(30), |_| false);
    }
    assert!(tui.contents().contains("Notes (F3)"), "{}", tui.dump());
    tui.send(keys::F10);
    assert!(tui.wait_exit().success());
}

/// Each thread's nice value, the loop's (the process's own id) first.
fn nice_values(pid: u32) -> Vec<(u32, i64)> {
    let mut threads: Vec<(u32, i64)> = std::fs::read_dir(format!("/proc/{pid}/task"))
        .map(|dir| {
            dir.filter_map(|entry| {
                let tid: u32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
                let stat = std::fs::read_to_string(format!("/proc/{pid}/task/{tid}/stat")).ok()?;
                // Field 19 (nice) is the 17th after the command's name.
                let nice = stat
                    .rsplit_once(')')?
                    .1
                    .split_whitespace()
                    .nth(16)?
                    .parse()
                    .ok()?;
                Some((tid, nice))
            })
            .collect()
        })
        .unwrap_or_default();
    threads.sort_by_key(|&(tid, _)| tid != pid);
    threads
}

#[test]
fn the_threads_that_save_give_way_to_the_loop() {
    if !std::path::Path::new("/proc/self/task").exists() {
        return;
    }
    let sample = Sample::new();
    let mut tui = sample.open();
    open_upcoming_notes(&mut tui);
    tui.type_text("Bonjour");
    // A save has run: the saver and the journal's threads are up.
    tui.wait_for("✓ enregistré");
    let threads = nice_values(tui.pid);
    assert_eq!(threads.first().map(|t| t.0), Some(tui.pid), "{threads:?}");
    assert_eq!(
        threads[0].1, 0,
        "the loop keeps the normal priority: {threads:?}"
    );
    let background = threads.iter().filter(|&&(_, nice)| nice == 5).count();
    // The journal's thread, the saver's, the summaries' reader.
    assert!(background >= 2, "{threads:?}");
}
