//! The `kiln` binary: the interface when run alone, the command line otherwise.

fn main() -> std::process::ExitCode {
    kiln::cli::main()
}
