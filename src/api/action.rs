//! What a restore operator asks for: a document action, on a scope, with restore credentials.
//!
//! These types say nothing about versions; `dialect` turns them into the request a given
//! version needs, or refuses an option that version lacks.

use std::path::PathBuf;

use base64::Engine;
use serde_json::{Map, Value};

use super::error::ApiError;
use super::model::{OneDrive, RestoreStats};
use super::secret::Secret;

/// A folder or document picked by id, with its name for messages and file names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemRef {
    pub id: String,
    pub name: String,
}

/// What an action applies to inside one OneDrive.
#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    /// The whole OneDrive.
    OneDrive,
    /// One document; `version_id` picks an earlier version (v6 and later).
    Document {
        item: ItemRef,
        version_id: Option<i64>,
    },
    /// Several documents of the same OneDrive.
    Documents(Vec<ItemRef>),
    /// One folder with everything in it.
    Folder(ItemRef),
    /// Several folders of the same OneDrive.
    Folders(Vec<ItemRef>),
}

/// The restore session, the OneDrive and the scope an action works on.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionTarget {
    pub session: String,
    pub onedrive: OneDrive,
    pub scope: Scope,
}

/// Which versions of each document a restore or copy brings back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionChoice {
    All,
    Last,
}

/// What a restore to the original place does when the document is still there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictPolicy {
    Overwrite,
    Keep,
}

/// What a copy does with the last version at the destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LastVersionAction {
    Overwrite,
    Merge,
}

/// The Microsoft 365 credentials a restore or copy runs with.
#[derive(Debug, Clone, PartialEq)]
pub enum RestoreAuth {
    /// An organization account and its password (basic authentication).
    Password { user: String, password: Secret },
    /// A device code the operator has approved at Microsoft's sign-in page.
    DeviceCode {
        user_code: String,
        application_id: Option<String>,
    },
    /// An Entra application and its certificate (a PKCS#12 file and its password).
    Certificate {
        application_id: String,
        certificate: PathBuf,
        password: Secret,
    },
}

/// A restore, copy or send of backed-up OneDrive data.
#[derive(Debug, Clone, PartialEq)]
pub enum DocumentAction {
    RestoreToOriginal {
        version: VersionChoice,
        on_conflict: ConflictPolicy,
        auth: RestoreAuth,
    },
    CopyTo {
        onedrive: OneDrive,
        folder: String,
        version: VersionChoice,
        last_version: LastVersionAction,
        changed_items: bool,
        deleted_items: bool,
        auth: RestoreAuth,
    },
    Send {
        from: String,
        to: Vec<String>,
        subject: String,
        text: String,
    },
}

/// What an action came to.
#[derive(Debug, Clone, PartialEq)]
pub enum ActionOutcome {
    /// A restore or copy finished with these counts.
    Stats(RestoreStats),
    /// The server sent the mail.
    Sent,
}

/// How enum values are spelt on the wire: v4/v5 documents show lower case, v6+ PascalCase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelling {
    Lower,
    Pascal,
}

impl Spelling {
    fn pick(self, pascal: &'static str) -> String {
        match self {
            Self::Pascal => pascal.to_string(),
            Self::Lower => pascal.to_ascii_lowercase(),
        }
    }
}

impl VersionChoice {
    pub fn wire(self, spelling: Spelling) -> String {
        spelling.pick(match self {
            Self::All => "All",
            Self::Last => "Last",
        })
    }
}

impl ConflictPolicy {
    pub fn wire(self, spelling: Spelling) -> String {
        spelling.pick(match self {
            Self::Overwrite => "Overwrite",
            Self::Keep => "Keep",
        })
    }
}

impl LastVersionAction {
    pub fn wire(self, spelling: Spelling) -> String {
        spelling.pick(match self {
            Self::Overwrite => "Overwrite",
            Self::Merge => "Merge",
        })
    }
}

impl RestoreAuth {
    /// The credential fields every restore and copy body carries, the same in all versions.
    ///
    /// A certificate is read from its file here and sent base64-encoded.
    pub fn fields(&self) -> Result<Map<String, Value>, ApiError> {
        let mut fields = Map::new();
        match self {
            Self::Password { user, password } => {
                fields.insert("userName".into(), user.clone().into());
                fields.insert("userPassword".into(), password.expose().into());
            }
            Self::DeviceCode {
                user_code,
                application_id,
            } => {
                fields.insert("userCode".into(), user_code.clone().into());
                if let Some(id) = application_id {
                    fields.insert("applicationId".into(), id.clone().into());
                }
            }
            Self::Certificate {
                application_id,
                certificate,
                password,
            } => {
                let encoded = read_certificate(certificate)?;
                fields.insert("applicationId".into(), application_id.clone().into());
                fields.insert("applicationCertificate".into(), encoded.into());
                fields.insert(
                    "applicationCertificatePassword".into(),
                    password.expose().into(),
                );
            }
        }
        Ok(fields)
    }
}

/// Reads a PKCS#12 file and returns it base64-encoded; the error names the path.
pub fn read_certificate(path: &PathBuf) -> Result<String, ApiError> {
    let io_error = |source| ApiError::Io {
        what: "the application certificate".into(),
        path: path.clone(),
        source,
    };
    let bytes = std::fs::read(path).map_err(io_error)?;
    // A PKCS#12 file is one DER SEQUENCE; anything else (a PEM file, an empty file) is refused
    // here rather than by the server after a long wait.
    if bytes.first() != Some(&0x30) {
        return Err(io_error(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "it is not a PKCS#12 (.pfx/.p12) file",
        )));
    }
    Ok(base64::engine::general_purpose::STANDARD.encode(bytes))
}

impl Scope {
    /// The ids of a set, as the `{"id": ...}` objects bodies list.
    pub fn id_objects(items: &[ItemRef]) -> Value {
        Value::Array(
            items
                .iter()
                .map(|item| serde_json::json!({ "id": item.id }))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_values_follow_the_version_spelling() {
        assert_eq!(VersionChoice::Last.wire(Spelling::Lower), "last");
        assert_eq!(ConflictPolicy::Keep.wire(Spelling::Pascal), "Keep");
        assert_eq!(LastVersionAction::Merge.wire(Spelling::Lower), "merge");
    }

    #[test]
    fn a_missing_certificate_names_its_path() {
        let auth = RestoreAuth::Certificate {
            application_id: "app".into(),
            certificate: PathBuf::from("/nonexistent/restore.pfx"),
            password: Secret::from("pw"),
        };
        let error = auth.fields().expect_err("no such file");
        assert!(
            error.to_string().contains("/nonexistent/restore.pfx"),
            "{error}"
        );
        assert_eq!(error.exit_code(), 2);
    }

    #[test]
    fn a_certificate_is_sent_base64_and_a_pem_file_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let pfx = dir.path().join("app.pfx");
        std::fs::write(&pfx, [0x30, 0x82, 0x01, 0x02]).expect("write");
        assert_eq!(read_certificate(&pfx).expect("reads"), "MIIBAg==");
        let pem = dir.path().join("app.pem");
        std::fs::write(&pem, "-----BEGIN CERTIFICATE-----").expect("write");
        let error = read_certificate(&pem).expect_err("not PKCS#12");
        assert!(error.to_string().contains("app.pem"), "{error}");
    }

    #[test]
    fn password_auth_fields_carry_user_and_password() {
        let auth = RestoreAuth::Password {
            user: "admin@contoso.onmicrosoft.com".into(),
            password: Secret::from("restore"),
        };
        let fields = auth.fields().expect("fields");
        assert_eq!(fields["userName"], "admin@contoso.onmicrosoft.com");
        assert_eq!(fields["userPassword"], "restore");
        assert!(!format!("{auth:?}").contains("restore\""));
    }
}
