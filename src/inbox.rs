//! The event loop's one wait: keys are read from the terminal on the loop's own thread, and the
//! other threads (saves, exports, file events, signals) post messages that ring a bell, so
//! that a single `ppoll` wakes for whichever comes first.
//!
//! Why not a thread that reads keys and sends them: each key then woke two threads, one after
//! the other, which cost about a fifth of a millisecond a key through a pty. Why not crossterm's
//! own timed wait: it measures in whole milliseconds and spins through the fraction left over,
//! 1 % of a core while idle. Here the wait is the kernel's, to the nanosecond; crossterm is only
//! asked for what the terminal already sent.

use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::os::fd::{AsFd, BorrowedFd};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, SendError, Sender};
use std::time::{Duration, Instant};

use crossterm::event;
use rustix::event::{PollFd, PollFlags, Timespec};

use crate::terminal::Input;

/// How long crossterm may look for an event it has already parsed (several keys read at
/// once), or for bytes the terminal has just sent. It polls without waiting during this
/// time, so it is short, and it is spent after the frame is out whenever it can be. Not
/// shorter: crossterm looks only if time is left when it reaches its own loop, and 5 µs
/// was not always enough in a debug build under load (a resize's event stayed in its pipe
/// until the next key; `tests/pen_e2e.rs` caught it).
const LOOK: Duration = Duration::from_micros(20);

/// At most this many of the terminal's events are taken at once: a paste that comes as keys
/// (a terminal without bracketed paste) is handled in batches, with a frame and whatever
/// the other threads posted (a signal, a save's report) in between.
const BATCH: usize = 512;

/// How long crossterm may look for the event of a resize, once the signal has come: it answers
/// as soon as it has read its own pipe, and [`LOOK`] may run out before it even looks (in a
/// debug build under load, the screen stayed as it was until the next key). All of it is spent
/// only when an earlier look took the resize already.
const RESIZE_LOOK: Duration = Duration::from_millis(10);

/// How soon the loop looks again after keys, in case crossterm was interrupted while it
/// looked and kept a key it had parsed (the terminal is quiet then: nothing else would wake
/// the loop).
const AFTER_KEYS: Duration = Duration::from_millis(2);

/// A way for another thread to reach the loop: what it sends is queued, then the bell rings.
pub struct Post<E> {
    queue: Sender<E>,
    bell: Option<Arc<UnixStream>>,
}

impl<E> Clone for Post<E> {
    fn clone(&self) -> Self {
        Post {
            queue: self.queue.clone(),
            bell: self.bell.clone(),
        }
    }
}

impl<E> From<Sender<E>> for Post<E> {
    /// A post without a bell, for a receiver that waits on the channel itself.
    fn from(queue: Sender<E>) -> Self {
        Post { queue, bell: None }
    }
}

impl<E> Post<E> {
    /// Queues the message and wakes the loop. Fails only when the loop is gone.
    pub fn send(&self, message: E) -> Result<(), SendError<E>> {
        self.queue.send(message)?;
        if let Some(bell) = &self.bell {
            // A full socket has rung already: the loop will empty it when it wakes.
            let _ = (&**bell).write(&[1]);
        }
        Ok(())
    }
}

/// The terminal the keys come from: standard input, or `/dev/tty` when standard input is
/// redirected (as crossterm does).
enum Tty {
    Stdin(io::Stdin),
    Device(File),
}

impl Tty {
    fn open() -> io::Result<Tty> {
        let stdin = io::stdin();
        if stdin.is_terminal() {
            Ok(Tty::Stdin(stdin))
        } else {
            File::options()
                .read(true)
                .write(true)
                .open("/dev/tty")
                .map(Tty::Device)
        }
    }

    fn fd(&self) -> BorrowedFd<'_> {
        match self {
            Tty::Stdin(stdin) => stdin.as_fd(),
            Tty::Device(file) => file.as_fd(),
        }
    }
}

/// Where the loop waits.
pub struct Inbox<E> {
    queue: Receiver<E>,
    post: Post<E>,
    bell: UnixStream,
    /// Rung by the resize signal alone, after crossterm's own pipe.
    resized: UnixStream,
    tty: Tty,
    /// When keys were last read, crossterm may still hold some: look again soon.
    keys_read: bool,
    /// The terminal is gone: said once.
    lost: bool,
}

impl<E: From<Input>> Inbox<E> {
    /// Opens the terminal's input, the bell, and the bell of resizes.
    pub fn new() -> io::Result<Inbox<E>> {
        let tty = Tty::open()?;
        // crossterm's reader first: the signal's handlers run in the order they were
        // registered, so its resize pipe is written before the bell of resizes rings.
        event::poll(Duration::ZERO)?;
        let (bell, ringer) = UnixStream::pair()?;
        bell.set_nonblocking(true)?;
        ringer.set_nonblocking(true)?;
        let (resized, resize_ringer) = UnixStream::pair()?;
        resized.set_nonblocking(true)?;
        resize_ringer.set_nonblocking(true)?;
        signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, resize_ringer)?;
        let (sender, queue) = mpsc::channel();
        Ok(Inbox {
            queue,
            post: Post {
                queue: sender,
                bell: Some(Arc::new(ringer)),
            },
            bell,
            resized,
            tty,
            keys_read: false,
            lost: false,
        })
    }

    /// What other threads send through.
    pub fn post(&self) -> Post<E> {
        self.post.clone()
    }

    /// What other threads have posted, without waiting nor reading the terminal.
    pub fn posted(&self) -> mpsc::TryIter<'_, E> {
        self.queue.try_iter()
    }

    /// Waits at most `timeout` for something to happen, and returns all that has: the
    /// terminal's events in order, then the messages posted. Empty when the time ran out.
    pub fn wait(&mut self, timeout: Duration) -> Vec<E> {
        let deadline = Instant::now() + timeout;
        let mut arrived = Vec::new();
        // Keys were just handled and drawn: crossterm may hold more it read with them.
        let mut after_keys = std::mem::take(&mut self.keys_read);
        let mut look = after_keys.then_some(Look::Thorough);
        loop {
            if let Some(look) = look {
                self.read_terminal(look, &mut arrived);
            }
            arrived.extend(self.queue.try_iter());
            if !arrived.is_empty() {
                return arrived;
            }
            let mut left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return arrived;
            }
            if std::mem::take(&mut after_keys) {
                left = left.min(AFTER_KEYS);
            }
            look = match self.sleep(left) {
                Ok(Woken::Terminal) => Some(Look::Quick),
                Ok(Woken::Resize) => {
                    silence(&self.resized);
                    Some(Look::Resize)
                }
                Ok(Woken::Bell) => {
                    silence(&self.bell);
                    None
                }
                Ok(Woken::Time) => Some(Look::Thorough),
                Ok(Woken::Hangup) => {
                    // What was typed before the hangup first.
                    self.read_terminal(Look::Thorough, &mut arrived);
                    self.lose("terminal fermé".into(), &mut arrived);
                    None
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => None,
                Err(e) => {
                    self.lose(e.to_string(), &mut arrived);
                    None
                }
            };
        }
    }

    /// Takes from crossterm the events the terminal has sent: all of them, or (`Quick`) the
    /// first one, leaving the rest until after the frame that shows it (crossterm keeps what
    /// it read with it: the loop's next wait takes that first, in batches).
    fn read_terminal(&mut self, look: Look, arrived: &mut Vec<E>) {
        if self.lost {
            return;
        }
        let one_key = look == Look::Quick;
        let mut resize_due = look == Look::Resize;
        loop {
            let time = if resize_due { RESIZE_LOOK } else { LOOK };
            match event::poll(time).and_then(|ready| ready.then(event::read).transpose()) {
                Ok(Some(e)) => {
                    resize_due &= !matches!(e, event::Event::Resize(..));
                    self.keys_read = true;
                    arrived.push(Input::Event(e).into());
                    if one_key || arrived.len() >= BATCH {
                        return;
                    }
                }
                Ok(None) => return,
                Err(e) => {
                    self.lose(e.to_string(), arrived);
                    return;
                }
            }
        }
    }

    /// Says once that the terminal is gone.
    fn lose(&mut self, why: String, arrived: &mut Vec<E>) {
        if !self.lost {
            self.lost = true;
            arrived.push(Input::Lost(why).into());
        }
    }

    /// Sleeps until the terminal has something, a bell rings, or `left` has passed. A
    /// terminal that is gone is no longer watched: it would wake the loop without end.
    fn sleep(&self, left: Duration) -> io::Result<Woken> {
        let timeout = Timespec::try_from(left).unwrap_or(Timespec {
            tv_sec: i64::MAX,
            tv_nsec: 0,
        });
        let mut fds = [
            PollFd::new(&self.bell, PollFlags::IN),
            PollFd::new(&self.resized, PollFlags::IN),
            PollFd::from_borrowed_fd(self.tty.fd(), PollFlags::IN),
        ];
        let watched = if self.lost { 2 } else { 3 };
        rustix::event::poll(&mut fds[..watched], Some(&timeout))?;
        let (bell, resized, tty) = (fds[0].revents(), fds[1].revents(), fds[2].revents());
        Ok(
            if tty.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
                Woken::Hangup
            } else if resized.contains(PollFlags::IN) && !self.lost {
                // Before the keys: the look for the resize takes them too, in order.
                Woken::Resize
            } else if tty.contains(PollFlags::IN) {
                Woken::Terminal
            } else if bell.contains(PollFlags::IN) {
                Woken::Bell
            } else if resized.contains(PollFlags::IN) {
                silence(&self.resized);
                Woken::Time
            } else {
                Woken::Time
            },
        )
    }
}

/// Empties a bell's socket.
fn silence(bell: &UnixStream) {
    let mut buffer = [0u8; 256];
    let mut bell = bell;
    while matches!(bell.read(&mut buffer), Ok(n) if n > 0) {}
}

/// How much of what the terminal sent to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Look {
    /// The first event of what the terminal just sent (a key typed is drawn at once; the
    /// rest of a burst follows right after that frame).
    Quick,
    /// Everything crossterm holds or the terminal has sent.
    Thorough,
    /// Everything, after the resize signal: crossterm is given the time to read its pipe.
    Resize,
}

/// Why [`Inbox::sleep`] returned.
enum Woken {
    Terminal,
    Hangup,
    Resize,
    Bell,
    Time,
}
