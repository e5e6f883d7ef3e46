//! Starting the console from the command line: `--demo`, or the configured profile with the
//! connection flags laid over it.
//!
//! LIMITATION: the scripting commands will need the same profile-to-connection step; it lives
//! here until a shared home for it exists.

use std::sync::Arc;

use anyhow::Context as _;

use super::app::Destination;
use super::keymap::Keymap;
use super::picker::ProfileRow;
use super::places::{DEMO_PROFILE, RecentFile};
use super::run::{ConsoleOptions, pick_profile, run, run_with_login};
use super::theme::Theme;
use crate::api::{ApiVersion, Client, ConnectOptions, Secret, Trust};
use crate::audit::AuditLog;
use crate::cli::{ConnectionArgs, PlaceArgs};
use crate::config::{self, ApiChoice, Config, PASSWORD_ENV};
use crate::emulator::{Emulator, EmulatorConfig};
use crate::form::FormPresets;
use crate::tasks::RunnerSettings;

/// The console's look and keys from the config file.
pub fn console_options(config: &Config) -> anyhow::Result<ConsoleOptions> {
    let keymap = Keymap::from_config(&config.file.keys).with_context(|| {
        format!(
            "the [keys] table of {} cannot be used",
            config.paths.config_file.display()
        )
    })?;
    Ok(ConsoleOptions {
        keymap,
        theme: Theme::from_env(config.file.theme),
        mouse: config.file.mouse,
        pin_target: None,
        presets: FormPresets::default(),
        runner: RunnerSettings {
            max_parallel_tasks: config.file.max_parallel_tasks,
            audit: Some(Arc::new(AuditLog::new(config.paths.audit_file()))),
        },
        destination: None,
        recent: Some((RecentFile::in_dir(&config.paths.data_dir), String::new())),
    })
}

/// Keeps the recent places under `profile`, and says where to open from `--open`/`--resume`.
fn set_place(options: &mut ConsoleOptions, profile: &str, place: &PlaceArgs) {
    let Some((file, key)) = options.recent.as_mut() else {
        return;
    };
    *key = profile.to_owned();
    options.destination = match (&place.open, place.resume) {
        (Some(target), _) => Some(Destination::Open(target.clone())),
        (None, true) => Some(Destination::Resume(file.load(profile))),
        (None, false) => None,
    };
}

/// `vbo-restore --demo`: an in-process emulator, logged in with its certificate pinned.
pub async fn demo(mut options: ConsoleOptions, place: &PlaceArgs) -> anyhow::Result<()> {
    set_place(&mut options, DEMO_PROFILE, place);
    let emulator = Emulator::start(EmulatorConfig::default())
        .await
        .context("the demo server did not start")?;
    let connect = ConnectOptions {
        url: emulator.url(),
        user: "helpdesk".to_owned(),
        password: Secret::new("demo"),
        trust: Trust {
            ca_file: None,
            fingerprint: Some(emulator.fingerprint()),
            insecure: false,
        },
        ..ConnectOptions::default()
    };
    let client = Client::connect(connect)
        .await
        .context("could not log in to the demo server")?;
    let result = run(client, options).await;
    emulator.shutdown().await;
    result
}

/// `vbo-restore`: the profile (or the flags alone), with a login form for what is missing.
pub async fn profile(
    args: &ConnectionArgs,
    place: &PlaceArgs,
    config: &Config,
    mut options: ConsoleOptions,
) -> anyhow::Result<()> {
    let mut chosen = config.profile(args.profile.as_deref())?;
    if chosen.is_none() && args.url.is_none() && config.file.profiles.len() > 1 {
        let rows = config
            .file
            .profiles
            .iter()
            .map(|(name, profile)| ProfileRow::new(name, profile))
            .collect();
        let Some(picked) = pick_profile(rows, &options).await? else {
            return Ok(());
        };
        chosen = config.profile(Some(&picked))?;
    }
    let (name, profile) = chosen.unwrap_or_default();
    if !name.is_empty() {
        options.pin_target = Some(config::PinTarget {
            file: config.paths.config_file.clone(),
            profile: name.clone(),
        });
    }
    options.presets = FormPresets::from_profile(&profile);
    let api = match args.api.as_deref() {
        Some(text) => text.parse::<ApiChoice>().map_err(anyhow::Error::msg)?,
        None => profile.api,
    };
    let api = match api {
        ApiChoice::Auto => None,
        ApiChoice::Fixed(n) => Some(format!("v{n}").parse::<ApiVersion>()?),
    };
    let fingerprint = args
        .fingerprint
        .clone()
        .or_else(|| profile.fingerprint.as_ref().map(ToString::to_string));
    let (read_timeout, save_read_timeout) = config.file.timeouts();
    let connect = ConnectOptions {
        url: args.url.clone().or(profile.url.clone()).unwrap_or_default(),
        api,
        user: args
            .user
            .clone()
            .or(profile.user.clone())
            .unwrap_or_default(),
        password: Secret::default(),
        trust: Trust {
            ca_file: args.ca_file.clone().or(profile.ca_file.clone()),
            fingerprint,
            insecure: args.insecure || profile.insecure,
        },
        page_size: config.file.page_size,
        read_timeout,
        save_read_timeout,
    };
    let recent_key = if name.is_empty() { &connect.url } else { &name };
    set_place(&mut options, recent_key, place);
    let password = match std::env::var(PASSWORD_ENV) {
        Ok(password) if !password.is_empty() => Some(password),
        _ => match &profile.password_command {
            Some(command) => Some(config::run_password_command(&name, command)?),
            None => profile.password.clone(),
        },
    };
    run_with_login(connect, password.map(Secret::new), options).await
}
