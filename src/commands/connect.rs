//! Logging in for a command: from `--url` and friends, a profile, or the in-process demo.

use std::path::PathBuf;

use crate::api::{ApiVersion, Client, ConnectOptions, Secret, Trust};
use crate::cli::ConnectionArgs;
use crate::commands::{CommandError, secret};
use crate::config::{ApiChoice, Config, PASSWORD_ENV, Profile, expand_home, run_password_command};
use crate::emulator::{Emulator, EmulatorConfig};

/// A logged-in client, and the demo server it talks to when `--demo` was given.
pub struct Connected {
    pub client: Client,
    /// The profile's folder for saves, when it names one.
    pub download_dir: Option<PathBuf>,
    /// The profile used (its name empty when none was), for `read_only` and restore defaults.
    pub profile_name: String,
    pub profile: Profile,
    /// Kept alive for as long as the command runs.
    pub demo: Option<Emulator>,
}

/// Where and as whom to log in, settled from the flags and the chosen profile.
pub struct Settings {
    /// The profile's name, or empty when none was used.
    pub profile_name: String,
    pub profile: Profile,
    pub url: String,
    pub user: String,
    pub api: Option<ApiVersion>,
    pub trust: Trust,
}

impl Settings {
    /// Reads the connection flags over the chosen profile; the password is not looked up yet.
    pub fn resolve(args: &ConnectionArgs, config: &Config) -> Result<Settings, CommandError> {
        let (profile_name, profile) = config
            .profile(args.profile.as_deref())?
            .unwrap_or_else(|| (String::new(), Profile::default()));
        let url = args
            .url
            .clone()
            .or(profile.url.clone())
            .ok_or_else(|| no_server(config))?;
        let user = args.user.clone().or(profile.user.clone()).ok_or_else(|| {
            CommandError::Usage(format!("no API user given for {url}: use --user USER"))
        })?;
        let api = match &args.api {
            Some(text) => parse_api(text)?,
            None => fixed_version(profile.api)?,
        };
        let trust = Trust {
            ca_file: args.ca_file.clone().or(profile.ca_file.clone()),
            fingerprint: args
                .fingerprint
                .clone()
                .or(profile.fingerprint.as_ref().map(ToString::to_string)),
            insecure: args.insecure || profile.insecure,
        };
        Ok(Settings {
            profile_name,
            profile,
            url,
            user,
            api,
            trust,
        })
    }

    /// The API password: `VBO_RESTORE_PASSWORD`, the profile's `password_command`, the
    /// profile's `password`, or a prompt.
    pub fn password(&self) -> Result<Secret, CommandError> {
        api_password(&self.profile_name, &self.profile, &self.user, &self.url)
    }

    /// The profile's folder for saves, when it names one.
    pub fn download_dir(&self) -> Option<PathBuf> {
        self.profile.download_dir.as_deref().map(expand_home)
    }
}

/// Why no server is known: with several profiles, which ones there are to choose from.
fn no_server(config: &Config) -> CommandError {
    let names: Vec<&str> = config.file.profiles.keys().map(String::as_str).collect();
    if names.len() < 2 {
        return CommandError::Usage(
            "no server given: use --url URL, --profile NAME or --demo".into(),
        );
    }
    CommandError::Usage(format!(
        "{} has several profiles and none is chosen: use --profile NAME (one of {}), \
         set default_profile, or give --url",
        config.paths.config_file.display(),
        names.join(", ")
    ))
}

/// Logs in as the connection flags and the chosen profile say.
pub async fn connect(args: &ConnectionArgs, config: &Config) -> Result<Connected, CommandError> {
    if args.demo {
        return connect_demo(config).await;
    }
    let settings = Settings::resolve(args, config)?;
    if settings.trust.insecure {
        eprintln!(
            "vbo-restore: warning: certificate checks are off for {} (insecure)",
            settings.url
        );
    }
    let password = settings.password()?;
    let mut options = ConnectOptions::new(&settings.url, &settings.user, password);
    options.api = settings.api;
    options.trust = settings.trust.clone();
    options.page_size = config.file.page_size;
    (options.read_timeout, options.save_read_timeout) = config.file.timeouts();
    let client = Client::connect(options).await?;
    tracing::info!(server = %client.server(), version = %client.version(), "logged in");
    Ok(Connected {
        client,
        download_dir: settings.download_dir(),
        profile_name: settings.profile_name,
        profile: settings.profile,
        demo: None,
    })
}

/// Starts the built-in emulator on a free port and logs in to it with its certificate pinned.
async fn connect_demo(config: &Config) -> Result<Connected, CommandError> {
    let emulator_config = EmulatorConfig::default();
    let (user, password) = (
        emulator_config.api_user.clone(),
        emulator_config.api_password.clone(),
    );
    let emulator = Emulator::start(emulator_config)
        .await
        .map_err(|error| CommandError::Demo(error.to_string()))?;
    let mut options = ConnectOptions::new(&emulator.url(), &user, Secret::new(password));
    options.trust.fingerprint = Some(emulator.fingerprint());
    options.page_size = config.file.page_size;
    let client = Client::connect(options).await?;
    Ok(Connected {
        client,
        download_dir: None,
        profile_name: String::new(),
        profile: Profile::default(),
        demo: Some(emulator),
    })
}

/// The API password: `VBO_RESTORE_PASSWORD`, the profile's `password_command`, the profile's
/// `password`, or a prompt.
fn api_password(
    profile_name: &str,
    profile: &Profile,
    user: &str,
    url: &str,
) -> Result<Secret, CommandError> {
    if let Some(value) = std::env::var_os(PASSWORD_ENV) {
        return Ok(Secret::new(value.to_string_lossy().into_owned()));
    }
    if let Some(command) = &profile.password_command {
        return Ok(Secret::new(run_password_command(profile_name, command)?));
    }
    if let Some(password) = &profile.password {
        return Ok(Secret::new(password.clone()));
    }
    secret::from_env_or_prompt(PASSWORD_ENV, &format!("Password of {user} at {url}"))
}

fn parse_api(text: &str) -> Result<Option<ApiVersion>, CommandError> {
    if text.trim().eq_ignore_ascii_case("auto") {
        return Ok(None);
    }
    text.parse()
        .map(Some)
        .map_err(|error: crate::api::version::UnknownVersion| {
            CommandError::Usage(error.to_string())
        })
}

fn fixed_version(choice: ApiChoice) -> Result<Option<ApiVersion>, CommandError> {
    match choice {
        ApiChoice::Auto => Ok(None),
        ApiChoice::Fixed(n) => parse_api(&format!("v{n}")),
    }
}
