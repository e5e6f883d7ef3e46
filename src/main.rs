use clap::Parser;

use vbo_restore::cli::{Cli, Command};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    if cli.version {
        println!("vbo-restore {}", env!("CARGO_PKG_VERSION"));
        return std::process::ExitCode::SUCCESS;
    }
    match cli.command {
        Some(Command::Demo(_args)) => {
            eprintln!("vbo-restore: the emulator is being built");
            std::process::ExitCode::from(2)
        }
        None => std::process::ExitCode::SUCCESS,
    }
}
