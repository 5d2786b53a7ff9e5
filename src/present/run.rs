//! The projector's terminal loop: draws the projection, reads keys, and re-reads the meeting
//! and committee files when they change. It only ever reads the committee folder.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use crossterm::event::{Event as TermEvent, KeyEventKind};

use super::watch::{FileWatch, Wake};
use super::{Presenter, default_meeting};
use crate::app::keymap::{self, Context};
use crate::inbox::Inbox;
use crate::model::{MeetingId, PriorityAxis};
use crate::store::Store;
use crate::terminal::{self, Input};
use crate::ui::ClockFace;

/// How often the files are compared, in case their changes bring no file event (network
/// folders, some containers). Otherwise the loop sleeps until a key, a file event or the next
/// change of the time on screen.
const POLL: Duration = Duration::from_secs(1);

enum Event {
    Input(Input),
    Wake,
}

impl From<Input> for Event {
    fn from(input: Input) -> Event {
        Event::Input(input)
    }
}

impl From<Wake> for Event {
    fn from(_: Wake) -> Event {
        Event::Wake
    }
}

/// The priority axis set at the latest meeting before this one that set one.
fn axis_before(store: &mut Store, id: MeetingId) -> Option<(chrono::NaiveDate, PriorityAxis)> {
    let ids = store.meeting_ids().ok()?;
    ids.into_iter()
        .rev()
        .filter(|other| *other < id)
        .find_map(|other| {
            let meeting = store.load_meeting(other).ok()?;
            meeting.priority_axis.map(|axis| (other.date, axis))
        })
}

fn wall() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Projects a meeting of the committee in `dir` (the one named, else today's or the next),
/// following what the editor saves. Errors before the terminal is taken come back in French.
pub fn run(dir: &Path, meeting: Option<&str>) -> Result<ExitCode, String> {
    let mut store = Store::open_read_only(dir, "projection");
    let committee = store.load_committee().map_err(|e| e.to_string())?;
    let catalog = store.load_catalog().map_err(|e| e.to_string())?;
    let id = match meeting {
        Some(name) => store.find_meeting(name).map_err(|e| e.to_string())?,
        None => {
            let ids = store.meeting_ids().map_err(|e| e.to_string())?;
            default_meeting(&ids, wall().date()).ok_or(
                "aucune réunion à projeter : préparez-en une avec copilnum (Ctrl+N sur l'accueil)",
            )?
        }
    };
    let first = store.load_meeting(id).map_err(|e| e.to_string())?;
    crate::logging::init();
    tracing::info!(dir = %dir.display(), %id, "projection");
    let mut presenter = Presenter::new(committee, catalog, id, first, wall());
    presenter.earlier_axis = axis_before(&mut store, id);
    let mut inbox = match Inbox::<Event>::new() {
        Ok(inbox) => inbox,
        Err(e) => return Ok(crate::output::terminal_unusable(&e)),
    };
    terminal::spawn_signals(inbox.post());
    let layout = store.layout().clone();
    let mut watch = FileWatch::new(vec![layout.meeting(id), layout.committee()], inbox.post());
    let mut terminal = match terminal::setup() {
        Ok(terminal) => terminal,
        Err(e) => return Ok(crate::output::terminal_unusable(&e)),
    };
    // A frame is drawn when something happened or the time on screen changed, no more.
    let mut changed = true;
    let mut face = None;
    loop {
        presenter.wall = wall();
        let view = presenter.view(presenter.footer());
        let now = ClockFace::of(view.wall, view.running.then_some(view.spent));
        if changed || face != Some(now) {
            let Ok(area) =
                terminal.draw(|frame| crate::ui::projection::render(&view, frame, frame.area()))
            else {
                break;
            };
            let (limit, page) = crate::ui::projection::scroll_limits(&view, area);
            presenter.scroll.fit(limit, page);
            (changed, face) = (false, Some(now));
        }
        let mut stop = false;
        for event in inbox.wait(presenter.next_change().min(POLL)) {
            changed = true;
            match event {
                Event::Input(Input::Event(TermEvent::Key(key)))
                    if key.kind != KeyEventKind::Release =>
                {
                    if let Some(command) = keymap::command(Context::Present, &key) {
                        presenter.command(command);
                    }
                }
                Event::Input(Input::Lost(_) | Input::Signal(_)) => stop = true,
                Event::Input(Input::Event(TermEvent::Resize(..))) => {
                    terminal::redraw_all(&mut terminal);
                }
                Event::Input(Input::Event(_)) | Event::Wake => {}
            }
        }
        for changed_file in watch.changed() {
            changed = true;
            match changed_file {
                0 => presenter.meeting_read(store.load_meeting(id).map_err(|e| e.to_string())),
                _ => presenter.committee_read(store.load_committee().map_err(|e| e.to_string())),
            }
        }
        if stop || presenter.quit {
            break;
        }
    }
    terminal::restore(terminal);
    Ok(ExitCode::SUCCESS)
}
