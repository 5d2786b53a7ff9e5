//! Frames of the notes alone, as the runtime draws them while the secretary types (only the
//! rows whose text or cursor changed are drawn again), leave the screen exactly as a whole
//! frame draws it, whatever is typed, pasted or moved through, at every size.

mod common;

use common::driver;
use common::keys::{ctrl_key, fkey, key};
use copilnum::app::keymap::{self, Context};
use copilnum::app::{App, Drawn, Msg};
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

/// The messages an operation sends.
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
            let typing = app.context() == Context::MeetingEditor
                && match &msg {
                    Msg::Key(event) => keymap::command(Context::MeetingEditor, event).is_none(),
                    Msg::Paste(_) => true,
                    _ => false,
                };
            driver::send(&mut app, msg);
            let fast = typing
                .then(|| ui::notes_frame(&app, &shown, &mut scratch))
                .flatten();
            match fast {
                Some((cells, notes)) => {
                    ui::apply_cells(&mut shown, &cells);
                    app.update(Msg::Drawn(Drawn {
                        scroll: None,
                        notes: Some((notes.size, notes.top)),
                    }));
                }
                None => {
                    scratch.forget();
                    shown = whole(&mut app, width, height);
                }
            }
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
        Op::Key(KeyCode::Backspace),
    ]);
    for (width, height) in [(80, 24), (240, 67)] {
        check(&ops, width, height).unwrap();
    }
}
