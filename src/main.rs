//! The `kiln` binary: the interface when run alone, the command line
//! otherwise. The command line hands control to the face chosen here, so
//! neither face imports the other.

fn main() -> std::process::ExitCode {
    kiln::cli::main(kiln::tui::run)
}
