//! The restore auth of `restore` and `copy`: an account, a device code or a certificate.

use std::time::{Duration, Instant};

use crate::api::{Client, RestoreAuth};
use crate::cli::AuthArgs;
use crate::commands::CommandError;
use crate::commands::secret::{self, CERTIFICATE_PASSWORD_ENV, RESTORE_PASSWORD_ENV};
use crate::config::{RestoreDefaults, expand_home};

/// A restore auth, and for a device code the moment it expires.
pub struct Auth {
    pub auth: RestoreAuth,
    /// Until then, an action refused because the code is not signed in yet is tried again.
    pub sign_in_deadline: Option<Instant>,
}

/// Builds the restore auth the flags ask for, else the one the profile's `[restore]` names;
/// passwords come from the environment or a prompt. A device code is requested now and
/// shown on stderr.
pub async fn restore_auth(
    client: &Client,
    session: &str,
    args: &AuthArgs,
    defaults: &RestoreDefaults,
) -> Result<Auth, CommandError> {
    let args = with_defaults(args, defaults);
    if args.device_code {
        return device_code(client, session, args.app_id.as_deref()).await;
    }
    Ok(Auth {
        auth: credentials(&args)?,
        sign_in_deadline: None,
    })
}

/// The flags' way of signing in when they name one, else the profile's, with the profile's
/// application id under either. As in the console's form, a profile that names only an
/// application id signs in with a device code.
fn with_defaults(args: &AuthArgs, defaults: &RestoreDefaults) -> AuthArgs {
    let app_id = args.app_id.clone().or(defaults.application_id.clone());
    let given = args.device_code || args.restore_user.is_some() || args.certificate.is_some();
    if given {
        return AuthArgs {
            app_id,
            ..args.clone()
        };
    }
    let device_code = defaults.user.is_none()
        && defaults.certificate.is_none()
        && defaults.application_id.is_some();
    AuthArgs {
        restore_user: defaults.user.clone(),
        device_code,
        app_id,
        certificate: defaults.certificate.as_deref().map(expand_home),
    }
}

fn credentials(args: &AuthArgs) -> Result<RestoreAuth, CommandError> {
    if let Some(user) = &args.restore_user {
        let prompt = format!("Password of {user}");
        let password = secret::from_env_or_prompt(RESTORE_PASSWORD_ENV, &prompt)?;
        return Ok(RestoreAuth::Password {
            user: user.clone(),
            password,
        });
    }
    if let (Some(application_id), Some(certificate)) = (&args.app_id, &args.certificate) {
        let prompt = format!("Password of the certificate {}", certificate.display());
        let password = secret::from_env_or_prompt(CERTIFICATE_PASSWORD_ENV, &prompt)?;
        return Ok(RestoreAuth::Certificate {
            application_id: application_id.clone(),
            certificate: certificate.clone(),
            password,
        });
    }
    Err(CommandError::Usage(
        "say how to sign in to Microsoft 365: --restore-user USER, --device-code, \
         or --app-id ID --certificate FILE.pfx"
            .to_string(),
    ))
}

async fn device_code(
    client: &Client,
    session: &str,
    application_id: Option<&str>,
) -> Result<Auth, CommandError> {
    let code = client.device_code(session, application_id).await?;
    eprintln!(
        "To sign in, open {} and enter the code {} (it expires in {} s).",
        code.verification_url, code.user_code, code.expires_in
    );
    let deadline = Instant::now() + Duration::from_secs(code.expires_in);
    Ok(Auth {
        auth: RestoreAuth::DeviceCode {
            user_code: code.user_code,
            application_id: application_id.map(str::to_string),
        },
        sign_in_deadline: Some(deadline),
    })
}
