//! What one running emulator knows and remembers, shared by every connection.

use std::sync::{Arc, Mutex, MutexGuard};

use super::auth::TokenStore;
use super::config::EmulatorConfig;
use super::faults::FaultSet;
use super::mail::EmailStore;
use super::record::Record;
use super::restore_auth::DeviceCodes;
use super::sessions::SessionStore;
use super::tenant::Tenant;
use super::version::Version;

/// The emulator's whole state.
#[derive(Debug)]
pub struct Shared {
    pub config: EmulatorConfig,
    pub tenant: Tenant,
    pub sessions: Mutex<SessionStore>,
    pub tokens: Mutex<TokenStore>,
    pub devices: Mutex<DeviceCodes>,
    pub email: Mutex<EmailStore>,
    pub record: Mutex<Record>,
    pub faults: FaultSet,
}

impl Shared {
    pub fn new(config: EmulatorConfig, tenant: Tenant) -> Shared {
        let sessions = SessionStore::with_history(&tenant);
        let faults = FaultSet::default();
        faults.replace(config.faults.clone());
        Shared {
            config,
            tenant,
            sessions: Mutex::new(sessions),
            tokens: Mutex::new(TokenStore::default()),
            devices: Mutex::new(DeviceCodes::default()),
            email: Mutex::new(EmailStore::demo()),
            record: Mutex::new(Record::default()),
            faults,
        }
    }
}

/// Locks a mutex, carrying on with the data if a panicking thread poisoned it.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// What a version's handlers get: the shared state and the version they speak.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub shared: Arc<Shared>,
    pub version: Version,
}

/// The API login a request was made with, put there by the token check.
#[derive(Debug, Clone)]
pub struct Caller(pub String);
