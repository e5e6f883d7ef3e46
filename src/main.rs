use clap::Parser;

use vbo_restore::cli::{Cli, Command};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    if cli.version {
        println!("vbo-restore {}", env!("CARGO_PKG_VERSION"));
        return std::process::ExitCode::SUCCESS;
    }
    match cli.command {
        Some(Command::Demo(args)) => {
            match vbo_restore::emulator::serve_foreground(&args, &mut std::io::stdout()) {
                Ok(()) => std::process::ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("vbo-restore demo: {error}");
                    std::process::ExitCode::from(1)
                }
            }
        }
        None => std::process::ExitCode::SUCCESS,
    }
}
