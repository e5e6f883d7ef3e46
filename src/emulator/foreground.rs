//! `vbo-restore demo`: the emulator in the foreground until Ctrl-C, saying first where it
//! listens and how to log in.

use std::io::Write;
use std::time::Duration;

use super::config::EmulatorConfig;
use super::error::EmulatorError;
use super::faults::Fault;
use super::server::Emulator;
use super::tenant;
use crate::cli::DemoArgs;

/// Environment variable with the API password the demo accepts (default `demo`).
pub const PASSWORD_ENV: &str = "VBO_RESTORE_DEMO_PASSWORD";
/// Environment variable with the organization account's password (default `restore`).
pub const RESTORE_PASSWORD_ENV: &str = "VBO_RESTORE_DEMO_RESTORE_PASSWORD";

/// The configuration `demo` flags and environment describe.
pub fn config_from(args: &DemoArgs) -> Result<EmulatorConfig, EmulatorError> {
    let faults = args
        .faults
        .iter()
        .map(|spec| spec.parse::<Fault>())
        .collect::<Result<Vec<_>, _>>()?;
    let defaults = EmulatorConfig::default();
    Ok(EmulatorConfig {
        listen: args.listen,
        versions: args.versions.clone(),
        plain_http: args.plain_http,
        token_ttl: Duration::from_secs(args.token_ttl),
        latency: Duration::from_millis(args.latency),
        faults,
        api_user: args.api_user.clone(),
        api_password: std::env::var(PASSWORD_ENV).unwrap_or(defaults.api_password),
        restore_user: args.restore_user.clone(),
        restore_password: std::env::var(RESTORE_PASSWORD_ENV).unwrap_or(defaults.restore_password),
        save_delay: Duration::from_millis(args.save_delay),
        device_code_approval: Duration::from_secs(args.device_code_approval),
        session_idle_timeout: Duration::from_secs(args.session_idle_timeout),
        ..defaults
    })
}

/// Runs the emulator until Ctrl-C (or SIGTERM), writing its banner to `out`.
pub fn serve_foreground(args: &DemoArgs, out: &mut dyn Write) -> Result<(), EmulatorError> {
    let config = config_from(args)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(EmulatorError::Runtime)?;
    runtime.block_on(async {
        let emulator = Emulator::start(config.clone()).await?;
        banner(&emulator, &config, out).map_err(EmulatorError::Runtime)?;
        wait_for_signal().await;
        emulator.shutdown().await;
        Ok(())
    })
}

fn banner(
    emulator: &Emulator,
    config: &EmulatorConfig,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let shown = |value: &str, env: &str, default: &str| {
        if value == default {
            format!("password {value}")
        } else {
            format!("password from {env}")
        }
    };
    writeln!(out, "listening on {}", emulator.url())?;
    out.flush()?;
    writeln!(
        out,
        "API login: {}, {}",
        config.api_user,
        shown(&config.api_password, PASSWORD_ENV, "demo")
    )?;
    writeln!(
        out,
        "restore account: {}, {}",
        config.restore_user,
        shown(&config.restore_password, RESTORE_PASSWORD_ENV, "restore")
    )?;
    writeln!(
        out,
        "demo application id: {} (certificate {}, password {})",
        tenant::APPLICATION_ID,
        tenant::certificate_path().display(),
        tenant::CERTIFICATE_PASSWORD
    )?;
    if !config.plain_http {
        writeln!(out, "certificate fingerprint: {}", emulator.fingerprint())?;
    }
    writeln!(
        out,
        "device codes are signed in {} s after they are issued",
        config.device_code_approval.as_secs()
    )?;
    writeln!(out, "serving {} until Ctrl-C", config.versions.join(", "))?;
    out.flush()
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
