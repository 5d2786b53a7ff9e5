//! The `copilnum` binary: installs the error hooks and hands over to the command line.

fn main() -> std::process::ExitCode {
    let _ = color_eyre::install();
    copilnum::cli::main()
}
