//! The `copilnum` binary: sets how large blocks of memory are given back, installs the error
//! hooks and hands over to the command line.

fn main() -> std::process::ExitCode {
    copilnum::heap::give_back_large_blocks();
    let _ = color_eyre::install();
    copilnum::cli::main()
}
