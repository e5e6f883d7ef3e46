//! Restore credentials: the organization account, device codes that are "signed in" a
//! few seconds after they are issued, and the demo application with its certificate.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{Value, json};

use super::body::Obj;
use super::failure::Failure;
use super::state::{Shared, lock};
use super::tenant::{APPLICATION_ID, CERTIFICATE_BYTES, CERTIFICATE_PASSWORD};

/// How long a device code stays valid, in seconds.
pub const DEVICE_CODE_LIFETIME_SECS: u64 = 900;

/// Issued device codes.
#[derive(Debug, Default)]
pub struct DeviceCodes {
    codes: HashMap<String, Instant>,
}

/// Issues a device code and answers it as `RESTDeviceCodeResponse`.
pub fn issue(shared: &Shared) -> Value {
    let raw = uuid::Uuid::new_v4().simple().to_string().to_uppercase();
    let code: String = raw
        .chars()
        .filter(|c| !matches!(c, '0' | '1'))
        .take(9)
        .collect();
    lock(&shared.devices)
        .codes
        .insert(code.clone(), Instant::now());
    tracing::info!(
        "device code {code} issued; it counts as signed in after {:?}",
        shared.config.device_code_approval
    );
    let url = "https://microsoft.com/devicelogin";
    json!({
        "userCode": code,
        "verificationUrl": url,
        "expiresIn": DEVICE_CODE_LIFETIME_SECS,
        "message": format!("To sign in, use a web browser to open the page {url} and enter the code {code} to authenticate."),
    })
}

/// Whether a device code has been signed in (`DeviceCode/check`).
pub fn is_approved(shared: &Shared, code: &str) -> bool {
    check_code(shared, code).is_ok()
}

/// Checks the credentials of a restore or copy body (lower-cased keys).
pub fn check(shared: &Shared, body: Obj<'_>) -> Result<(), Failure> {
    if let Some(code) = body.str("userCode") {
        return check_code(shared, &code);
    }
    if let Some(app) = body.str("applicationId") {
        return check_certificate(&app, body);
    }
    match (body.str("userName"), body.str("userPassword")) {
        (Some(user), Some(password)) => {
            let config = &shared.config;
            if user.eq_ignore_ascii_case(&config.restore_user)
                && password == config.restore_password
            {
                Ok(())
            } else {
                Err(Failure::bad_request(format!(
                    "Cannot connect to the organization as {user}: the user name or password is incorrect."
                )))
            }
        }
        _ => Err(Failure::bad_request(
            "Specify the organization credentials: userName and userPassword, a userCode, or an applicationId with its certificate.",
        )),
    }
}

fn check_code(shared: &Shared, code: &str) -> Result<(), Failure> {
    let issued = lock(&shared.devices).codes.get(code.trim()).copied();
    let Some(issued) = issued else {
        return Err(Failure::bad_request(format!(
            "The device code {code} is not valid."
        )));
    };
    let age = issued.elapsed();
    if age > Duration::from_secs(DEVICE_CODE_LIFETIME_SECS) {
        return Err(Failure::bad_request(format!(
            "The device code {code} has expired."
        )));
    }
    if age < shared.config.device_code_approval {
        return Err(Failure::bad_request(format!(
            "The device code {code} has not been authorized yet: sign in at https://microsoft.com/devicelogin first."
        )));
    }
    Ok(())
}

fn check_certificate(app: &str, body: Obj<'_>) -> Result<(), Failure> {
    if !app.trim().eq_ignore_ascii_case(APPLICATION_ID) {
        return Err(Failure::bad_request(format!(
            "The application {app} is not registered for this organization."
        )));
    }
    let text = body.str("applicationCertificate").unwrap_or_default();
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(compact)
        .map_err(|_| Failure::bad_request("applicationCertificate is not base64."))?;
    if bytes != CERTIFICATE_BYTES {
        return Err(Failure::bad_request(
            "The certificate is not the one configured for the application.",
        ));
    }
    if body.str("applicationCertificatePassword").as_deref() != Some(CERTIFICATE_PASSWORD) {
        return Err(Failure::bad_request(
            "The certificate password is incorrect.",
        ));
    }
    Ok(())
}
