//! `vbo-restore doctor`: runs the checks of [`crate::doctor`] for the chosen connection and
//! prints one line each, with a fix under every failure.

use crate::api::{Secret, Trust};
use crate::cli::ConnectionArgs;
use crate::commands::{CommandError, EXIT_DONE, EXIT_FAILED};
use crate::config::{Config, default_download_dir};
use crate::doctor::{self, DoctorInput};
use crate::emulator::{Emulator, EmulatorConfig};

use super::connect::Settings;

/// Checks the connection and prints the report; exit 0 when nothing failed, else 1.
pub async fn doctor(args: &ConnectionArgs, config: &Config) -> Result<u8, CommandError> {
    let (input, _demo) = if args.demo {
        demo_input(config).await?
    } else {
        (profile_input(args, config)?, None)
    };
    println!("Checking {} as {}", input.url, input.user);
    let checks = doctor::run(&input).await;
    for check in &checks {
        println!("{check}");
    }
    Ok(if doctor::healthy(&checks) {
        EXIT_DONE
    } else {
        EXIT_FAILED
    })
}

fn profile_input<'a>(
    args: &ConnectionArgs,
    config: &'a Config,
) -> Result<DoctorInput<'a>, CommandError> {
    let settings = Settings::resolve(args, config)?;
    // A doctor that cannot find a password still checks everything else.
    let password = settings.password().ok();
    Ok(DoctorInput {
        config,
        profile: Some(settings.profile_name.clone()).filter(|name| !name.is_empty()),
        url: settings.url.clone(),
        api: settings.api,
        user: settings.user.clone(),
        password,
        trust: settings.trust.clone(),
        download_dir: settings.download_dir().unwrap_or_else(default_download_dir),
        demo: false,
    })
}

async fn demo_input(config: &Config) -> Result<(DoctorInput<'_>, Option<Emulator>), CommandError> {
    let emulator_config = EmulatorConfig::default();
    let user = emulator_config.api_user.clone();
    let password = Secret::new(emulator_config.api_password.clone());
    let emulator = Emulator::start(emulator_config)
        .await
        .map_err(|error| CommandError::Demo(error.to_string()))?;
    let input = DoctorInput {
        config,
        profile: None,
        url: emulator.url(),
        api: None,
        user,
        password: Some(password),
        trust: Trust {
            fingerprint: Some(emulator.fingerprint()),
            ..Trust::default()
        },
        download_dir: default_download_dir(),
        demo: true,
    };
    Ok((input, Some(emulator)))
}
