//! A counting allocator for the test binaries that measure memory (tests/memory.rs,
//! tests/memory_held.rs): every call goes to the system allocator, and the bytes live and
//! their peak are counted on the side. Each binary installs it with
//! `#[global_allocator] static COUNTING: counting::Counting = counting::Counting;`.
#![allow(unsafe_code)] // The allocator itself, and only it.
#![allow(dead_code)] // Each binary uses its part.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The bytes allocated and not yet freed.
pub static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

/// The allocator.
pub struct Counting;

fn grew(n: usize) {
    let now = LIVE.fetch_add(n, Ordering::SeqCst) + n;
    PEAK.fetch_max(now, Ordering::SeqCst);
}

// SAFETY: every call goes to the system allocator with the same arguments; only sizes are
// counted on the side.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::SeqCst);
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::SeqCst);
            }
        }
        p
    }
}

/// The bytes live now.
pub fn live() -> usize {
    LIVE.load(Ordering::SeqCst)
}

/// The memory held now beyond `start`.
pub fn held_since(start: usize) -> usize {
    live().saturating_sub(start)
}

/// What `f` returns, and the most memory it held at once beyond what was live before.
pub fn peak_during<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let start = live();
    PEAK.store(start, Ordering::SeqCst);
    let result = f();
    (result, PEAK.load(Ordering::SeqCst) - start)
}

/// A size in MiB, for messages.
pub fn mib(n: usize) -> String {
    format!("{:.2} Mio", n as f64 / (1024.0 * 1024.0))
}
