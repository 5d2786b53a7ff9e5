//! The `copilnum` binary: installs the error hooks and hands over to the command line.

fn main() -> std::process::ExitCode {
    give_large_blocks_back();
    let _ = color_eyre::install();
    copilnum::cli::main()
}

/// Makes glibc's allocator give every block of 128 KiB or more (a meeting's text, its copies
/// while it is saved and journaled) back to the system when it is freed. By default the
/// threshold rises to the size of the largest block freed, after which such blocks are taken
/// from heaps that keep their memory: on a committee of 1,000 meetings the resident memory
/// then grows by tens of MiB past what the program holds.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn give_large_blocks_back() {
    // SAFETY: `mallopt` sets a tunable of the allocator and touches no memory of ours; this
    // runs first in `main`, before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn give_large_blocks_back() {}
