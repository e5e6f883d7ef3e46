//! How an emulator is set up: address, versions, transport, timings, logins and faults.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use super::faults::Fault;

/// Every setting of one emulator; `Default` is what the tests and `--demo` use.
#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    /// Address to listen on; port 0 picks a free port.
    pub listen: SocketAddr,
    /// API versions served, "v4" to "v8".
    pub versions: Vec<String>,
    /// Serve plain HTTP instead of HTTPS.
    pub plain_http: bool,
    /// Lifetime of an access token.
    pub token_ttl: Duration,
    /// Added before every API answer.
    pub latency: Duration,
    /// Faults active from the start.
    pub faults: Vec<Fault>,
    /// API login accepted by `/vN/token`.
    pub api_user: String,
    /// Password of the API login.
    pub api_password: String,
    /// Organization account that restore and copy bodies must carry.
    pub restore_user: String,
    /// Password of the organization account.
    pub restore_password: String,
    /// Wait before the first byte of a save (the real server builds the file first).
    pub save_delay: Duration,
    /// A device code counts as signed in this long after it was issued.
    pub device_code_approval: Duration,
    /// A restore session left alone this long stops by itself.
    pub session_idle_timeout: Duration,
    /// How long a v8 asynchronous restore takes to finish.
    pub async_restore_duration: Duration,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            listen: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            versions: ["v4", "v5", "v6", "v7", "v8"].map(String::from).to_vec(),
            plain_http: false,
            token_ttl: Duration::from_secs(3600),
            latency: Duration::ZERO,
            faults: Vec::new(),
            api_user: "helpdesk".to_string(),
            api_password: "demo".to_string(),
            restore_user: "admin@contoso.onmicrosoft.com".to_string(),
            restore_password: "restore".to_string(),
            save_delay: Duration::ZERO,
            device_code_approval: Duration::from_secs(3),
            session_idle_timeout: Duration::from_secs(30 * 60),
            async_restore_duration: Duration::from_millis(600),
        }
    }
}
