//! What a validated form hands to the console: the items, the action and its options.

use std::path::PathBuf;

use super::choice::{ConflictPick, LastVersionPick, VersionPick};
use super::context::FormItem;
use super::to_api::Secret;
use crate::api::model::{EmailSettings, OneDrive};

/// A checked request, ready for the task runner.
///
/// Passwords live here only in memory, as [`Secret`]s, and the form forgets its own copy of
/// them once it has built this.
#[derive(Debug, Clone, PartialEq)]
pub struct FormSubmission {
    pub session: String,
    pub onedrive: OneDrive,
    /// The documents and folders acted on; empty means the whole OneDrive.
    pub items: Vec<FormItem>,
    pub request: FormRequest,
}

/// The action and its options, in the form's own terms.
#[derive(Debug, Clone, PartialEq)]
pub enum FormRequest {
    Restore {
        version: VersionPick,
        on_conflict: ConflictPick,
        auth: FormAuth,
    },
    Copy {
        target: OneDrive,
        folder: String,
        version: VersionPick,
        last_version: LastVersionPick,
        changed_items: bool,
        deleted_items: bool,
        auth: FormAuth,
    },
    Send {
        from: String,
        to: Vec<String>,
        subject: String,
        text: String,
    },
    Save {
        folder: PathBuf,
        as_zip: bool,
        /// The names the files will get inside `folder` (before any "(1)" added to avoid a
        /// clash): one, or two for a set of folders and documents (folders first).
        file_names: Vec<String>,
    },
}

/// The Microsoft 365 credentials a restore or copy runs with.
#[derive(Debug, Clone, PartialEq)]
pub enum FormAuth {
    Password {
        user: String,
        password: Secret,
    },
    /// A device code the agent has signed in with.
    DeviceCode {
        user_code: String,
        application_id: Option<String>,
    },
    /// The .pfx file was read and found to be PKCS#12 when the form was checked; the client
    /// reads it again, base64-encoded, when it builds the request.
    Certificate {
        application_id: String,
        certificate: PathBuf,
        password: Secret,
    },
}

/// OneDrive email settings to be saved with PUT, and the SMTP password when one was typed.
#[derive(Debug, Clone, PartialEq)]
pub struct EmailSettingsSubmission {
    pub settings: EmailSettings,
    pub password: Option<Secret>,
}
