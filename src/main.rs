use std::process::ExitCode;

use clap::Parser;

use vbo_restore::api::ApiError;
use vbo_restore::cli::{Cli, Command};
use vbo_restore::config::{Config, Paths};
use vbo_restore::{bug_report, commands, console, logging, manual};

/// Exit status for bad usage or configuration.
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    ignore_file_size_signal();
    let cli = Cli::parse();
    let config = match Config::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(err) => return fail(EXIT_USAGE, &err),
    };
    if cli.version {
        print_version(&config.paths);
        return ExitCode::SUCCESS;
    }
    if cli.bug_report {
        print!("{}", bug_report::render(&config.paths));
        return ExitCode::SUCCESS;
    }
    for warning in &config.warnings {
        eprintln!("vbo-restore: warning: {warning}");
    }
    let _log = match logging::init(&config.paths.log_dir, cli.log_level.as_deref()) {
        Ok(guard) => guard,
        Err(err) => return fail(EXIT_USAGE, &err),
    };
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "vbo-restore started");
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(err) => return fail(1, &err),
    };
    runtime.block_on(run(cli, config))
}

async fn run(cli: Cli, config: Config) -> ExitCode {
    if cli.command.is_some() && cli.place.is_given() {
        let message = "--open and --resume are for the console; leave them out with a command";
        return fail(EXIT_USAGE, &message);
    }
    match cli.command {
        Some(Command::Demo(args)) => {
            // The emulator runs its own runtime, so it gets a thread outside this one.
            let served = tokio::task::spawn_blocking(move || {
                vbo_restore::emulator::serve_foreground(&args, &mut std::io::stdout())
            })
            .await;
            match served {
                Ok(Ok(())) => ExitCode::SUCCESS,
                Ok(Err(error)) => fail(1, &error),
                Err(error) => fail(1, &error),
            }
        }
        Some(Command::Completions { shell }) => match manual::print(&manual::completions(shell)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => fail(1, &err),
        },
        Some(Command::Man) => match manual::man_page().and_then(|page| manual::print(&page)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => fail(1, &err),
        },
        None => match open_console(&cli, &config).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => fail(exit_code_of(&err), &format!("{err:#}")),
        },
        Some(command) => ExitCode::from(commands::run(command, &cli.connection, &config).await),
    }
}

/// The console: `--demo` against the in-process emulator, else the configured profile.
async fn open_console(cli: &Cli, config: &Config) -> anyhow::Result<()> {
    let options = console::launch::console_options(config)?;
    if cli.connection.demo {
        console::launch::demo(options, &cli.place).await
    } else {
        console::launch::profile(&cli.connection, &cli.place, config, options).await
    }
}

/// The exit status for an error that stopped the console: 128 + the signal's number after
/// SIGTERM or SIGHUP, the client's own when it came from the server or the login, else 2 for
/// configuration and usage.
fn exit_code_of(err: &anyhow::Error) -> u8 {
    let interrupted = err
        .chain()
        .find_map(|cause| cause.downcast_ref::<console::terminal::Interrupted>());
    if let Some(interrupted) = interrupted {
        return interrupted.exit_code();
    }
    err.chain()
        .find_map(|cause| cause.downcast_ref::<ApiError>())
        .map_or(EXIT_USAGE, ApiError::exit_code)
}

/// A save that runs into the file size limit (`ulimit -f`) would otherwise be killed by
/// SIGXFSZ, leaving its `.part` file behind and the terminal in raw mode. Ignored, the write
/// fails with "File too large" and the save reports it and removes its partial file.
#[cfg(unix)]
fn ignore_file_size_signal() {
    // SAFETY: setting a signal's disposition to SIG_IGN at start, before any thread exists,
    // touches no memory of the program.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

#[cfg(not(unix))]
fn ignore_file_size_signal() {}

fn print_version(paths: &Paths) {
    println!("vbo-restore {}", env!("CARGO_PKG_VERSION"));
    println!("config file: {}", paths.config_file.display());
    println!("log file:    {}", paths.log_file().display());
    println!("data folder: {}", paths.data_dir.display());
}

fn fail(code: u8, err: &dyn std::fmt::Display) -> ExitCode {
    use std::io::Write as _;
    // After SIGHUP the terminal may be gone: a failed write must not turn the exit into a
    // panic, so this is not eprintln!.
    let _ = writeln!(std::io::stderr(), "vbo-restore: {err}");
    ExitCode::from(code)
}
