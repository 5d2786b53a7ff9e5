//! How the process asks the C allocator for memory. glibc serves a large block from its heaps
//! once the first one was freed (its threshold for mapping blocks apart rises to that size),
//! and keeps what is freed there: every copy a save or the journal makes of a large meeting
//! then stays in the process after it is dropped (issue 11: under 100 MiB on the 10x fixture).
//! Blocks of at least [`LARGE`] bytes are mapped apart, and given back as soon as they are freed.

/// The size from which a block is mapped apart (glibc's first threshold, kept there).
pub const LARGE: usize = 256 * 1024;

/// Keeps blocks of at least [`LARGE`] bytes mapped apart (glibc on Linux; elsewhere nothing).
/// Called once, first thing in the binary.
pub fn give_back_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        #[allow(unsafe_code)]
        // SAFETY: mallopt only sets a parameter of the allocator; it is called before any
        // thread is started.
        // Without it (it never fails for this value), large blocks are only kept longer.
        let _ = unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, LARGE as libc::c_int) };
    }
}
