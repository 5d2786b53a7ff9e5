//! Frames of the notes alone, as the runtime draws them while the secretary types (only the
//! rows whose text or cursor changed are drawn again), leave the screen exactly as a whole
//! frame draws it, whatever is typed, pasted or moved through, at every size; and so do the
//! frames that follow an autosave's report.

mod common;

use common::driver;
use common::keys::{ctrl_key, fkey, key};
use copilnum::app::{App, Drawn, Effect, Msg, SaveReport, SaveRequest};
use copilnum::frames::{self, Change};
use copilnum::merge::Report;
use copilnum::store::{MergedSave, Saved};
use copilnum::ui::{self, Scratch};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

/// What the secretary does.
#[derive(Debug, Clone)]
enum Op {
    Type(char),
    Key(KeyCode),
    CtrlKey(KeyCode),
    Paste(String),
    /// A long run of one letter (a line wider than the pane, a word that wraps).
    Run(char, usize),
    /// The autosave: asked for, then reported.
    Save(Outcome),
}

/// How a save went.
#[derive(Debug, Clone, Copy)]
enum Outcome {
    Written,
    Failed,
    /// Merged with a version written elsewhere (another place): a notice comes.
    Merged,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => prop::sample::select(vec!['a', 'é', ' ', 'Z', '漢', '😀', '\t', 'ç'])
            .prop_map(Op::Type),
        2 => prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
        ])
        .prop_map(Op::Key),
        1 => prop::sample::select(vec![KeyCode::Home, KeyCode::End, KeyCode::Left, KeyCode::Backspace])
            .prop_map(Op::CtrlKey),
        1 => "[a-zé \n]{0,120}".prop_map(Op::Paste),
        1 => (prop::sample::select(vec!['x', 'é', '漢']), 1usize..200)
            .prop_map(|(c, n)| Op::Run(c, n)),
        1 => prop::sample::select(vec![Outcome::Written, Outcome::Failed, Outcome::Merged])
            .prop_map(Op::Save),
    ]
}

/// The upcoming meeting open, the keyboard in the notes of its first step.
fn in_the_notes() -> App {
    let mut app = driver::app(false);
    driver::open(&mut app, 1);
    driver::press(&mut app, fkey(3));
    app
}

/// A whole frame, as the runtime draws it; the notes' placement goes back to the app.
fn whole(app: &mut App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let mut notes = None;
    terminal
        .draw(|frame| notes = ui::draw_whole(app, frame))
        .unwrap();
    app.update(Msg::Drawn(Drawn {
        scroll: None,
        notes: notes.map(|n| (n.size, n.top)),
    }));
    terminal.backend().buffer().clone()
}

/// The messages an operation sends (a save's report is sent by [`check`]).
fn messages(op: &Op) -> Vec<Msg> {
    let k = |event: KeyEvent| Msg::Key(event);
    match op {
        Op::Type(c) => vec![k(KeyEvent::new(KeyCode::Char(*c), KeyModifiers::NONE))],
        Op::Key(code) => vec![k(key(*code))],
        Op::CtrlKey(code) => vec![k(ctrl_key(*code))],
        Op::Paste(text) => vec![Msg::Paste(text.clone())],
        Op::Run(c, n) => (0..*n)
            .map(|_| k(KeyEvent::new(KeyCode::Char(*c), KeyModifiers::NONE)))
            .collect(),
        Op::Save(_) => vec![Msg::SaveDue],
    }
}

/// The report of a save that went so.
fn report(request: &SaveRequest, outcome: Outcome) -> SaveReport {
    match outcome {
        Outcome::Written => driver::report(request, None),
        Outcome::Failed => driver::report(request, Some("disque plein")),
        Outcome::Merged => SaveReport {
            committee: None,
            meetings: request
                .meetings
                .iter()
                .map(|(id, sent)| {
                    let mut value = (**sent).clone();
                    value.place = "Salle polyvalente".into();
                    let merged = MergedSave {
                        value,
                        report: Report {
                            taken: vec!["lieu".into()],
                            conflicts: Vec::new(),
                        },
                        copies: vec![format!("conflits/{id}.conflit.ron").into()],
                    };
                    (*id, Ok(Saved::Merged(Box::new(merged))))
                })
                .collect(),
        },
    }
}

/// Draws what `change` calls for, as the runtime does: the notes alone over what the screen
/// shows when they can be, a whole frame otherwise.
fn paint(
    app: &mut App,
    change: Change,
    shown: &mut Buffer,
    scratch: &mut Scratch,
    (width, height): (u16, u16),
) {
    let fast = matches!(change, Change::Notes | Change::Indicator)
        .then(|| ui::notes_frame(app, shown, scratch))
        .flatten();
    match fast {
        Some((cells, notes)) => {
            ui::apply_cells(shown, &cells);
            app.update(Msg::Drawn(Drawn {
                scroll: None,
                notes: Some((notes.size, notes.top)),
            }));
        }
        None => {
            scratch.forget();
            *shown = whole(app, width, height);
        }
    }
}

/// Plays the operations, drawing after each message as the runtime does: the notes alone
/// when the message only changes them, a whole frame otherwise; then compares the screen so
/// drawn with a whole frame of the same state.
fn check(ops: &[Op], width: u16, height: u16) -> Result<(), TestCaseError> {
    let mut app = in_the_notes();
    let mut shown = whole(&mut app, width, height);
    let mut scratch = Scratch::default();
    for (n, op) in ops.iter().enumerate() {
        for msg in messages(op) {
            if let Op::Save(outcome) = op {
                // Asked for: the status line says it is saving (the runtime draws the notes
                // frame); then the report comes, drawn as the runtime draws it.
                let mut requests: Vec<_> = app.update(msg).into_iter().collect();
                paint(
                    &mut app,
                    Change::Indicator,
                    &mut shown,
                    &mut scratch,
                    (width, height),
                );
                while let Some(effect) = requests.pop() {
                    let Effect::Save(request) = effect else {
                        continue;
                    };
                    let report = Msg::Saved(report(&request, *outcome));
                    let change = frames::change_of(&app, &report);
                    requests.extend(app.update(report));
                    paint(&mut app, change, &mut shown, &mut scratch, (width, height));
                }
                continue;
            }
            let change = frames::change_of(&app, &msg);
            driver::send(&mut app, msg);
            paint(&mut app, change, &mut shown, &mut scratch, (width, height));
        }
        let expected = driver::render(&app, width, height)
            .backend()
            .buffer()
            .clone();
        if let Some(i) =
            (0..expected.content.len()).find(|&i| expected.content[i] != shown.content[i])
        {
            let (x, y) = expected.pos_of(i);
            let row = |b: &Buffer| -> String {
                (0..width).map(|x| b[(x, y)].symbol().to_string()).collect()
            };
            return Err(TestCaseError::fail(format!(
                "after operation {n} ({op:?}), cell {x},{y}: {:?} on screen, {:?} in a whole frame\nscreen: {}\nwhole:  {}",
                shown[(x, y)],
                expected[(x, y)],
                row(&shown),
                row(&expected),
            )));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn typing_draws_what_a_whole_frame_draws(
        ops in prop::collection::vec(op(), 1..40),
        size in prop::sample::select(vec![(80u16, 24u16), (120, 40), (240, 67), (61, 17)]),
    ) {
        check(&ops, size.0, size.1)?;
    }
}

#[test]
fn a_long_session_of_typing_at_the_wall_size_stays_exact() {
    let text = "Point sur l’ENT : déploiement dans 5 écoles.\nÉtat des tablettes ";
    let mut ops: Vec<Op> = text.chars().map(Op::Type).collect();
    ops.extend([
        Op::Key(KeyCode::Up),
        Op::Key(KeyCode::End),
        Op::Run('x', 150),
    ]);
    ops.extend([Op::Key(KeyCode::Enter), Op::Paste("a\nb\nc\n".repeat(30))]);
    ops.extend([
        Op::Key(KeyCode::PageUp),
        Op::Type('é'),
        Op::Save(Outcome::Written),
        Op::Key(KeyCode::Backspace),
        Op::Save(Outcome::Failed),
        Op::Type('x'),
        Op::Save(Outcome::Written),
        Op::Type('y'),
        Op::Save(Outcome::Merged),
        Op::Type('z'),
    ]);
    for (width, height) in [(80, 24), (240, 67)] {
        check(&ops, width, height).unwrap();
    }
}
