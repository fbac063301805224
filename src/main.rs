//! The `secretariat` binary: parse the command line, run a subcommand or the TUI.

fn main() {
    std::process::exit(secretariat::cli::main());
}
