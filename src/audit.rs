//! The audit log: one JSON line for every submitted action and one for its outcome.
//!
//! Records name the server, the API user, the restore session, the OneDrive, the items, the
//! action with its options and the restore auth mode, then the result and its counts. They
//! never hold a secret: no password, token or certificate password is ever put into an
//! [`AuditAction`], which is built from names and choices only.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use crate::api::model::RestoreStats;

/// Failure to append to the audit log.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    #[error("could not write the audit log {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("could not encode an audit record: {0}")]
    Encode(#[from] serde_json::Error),
}

/// A OneDrive or an item as the audit log names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditName {
    pub id: String,
    pub name: String,
}

/// What was asked for, without its outcome: the part of a record that a job describes.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditAction {
    pub server: String,
    pub api_user: String,
    pub restore_session: String,
    pub onedrive: Option<AuditName>,
    pub items: Vec<AuditName>,
    /// save, restore, copy or send.
    pub action: String,
    /// The action's choices (version, conflict policy, target, ZIP, destination folder...).
    pub options: serde_json::Value,
    /// password, device code, certificate, or none for saves and sends.
    pub auth_mode: Option<String>,
}

/// How one run of an action ended, as the audit log records it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditOutcome {
    /// succeeded, failed or cancelled.
    pub result: String,
    pub counts: Option<RestoreStats>,
    pub saved_path: Option<PathBuf>,
    pub saved_bytes: Option<u64>,
    pub reason: Option<String>,
}

/// One line of the audit log.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct AuditRecord<'a> {
    time: String,
    task: u64,
    attempt: u32,
    /// submitted or finished.
    event: &'static str,
    #[serde(flatten)]
    action: &'a AuditAction,
    #[serde(flatten)]
    outcome: Option<&'a AuditOutcome>,
}

/// An append-only JSON-lines file; one writer at a time.
#[derive(Debug)]
pub struct AuditLog {
    path: PathBuf,
    lock: Mutex<()>,
}

impl AuditLog {
    /// An audit log at `path` (normally `<data dir>/audit.jsonl`); the file and its folder are
    /// created on the first record.
    pub fn new(path: impl Into<PathBuf>) -> AuditLog {
        AuditLog {
            path: path.into(),
            lock: Mutex::new(()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Records that an action was submitted.
    pub fn submitted(
        &self,
        task: u64,
        attempt: u32,
        action: &AuditAction,
    ) -> Result<(), AuditError> {
        self.append(&AuditRecord {
            time: now_text(Utc::now()),
            task,
            attempt,
            event: "submitted",
            action,
            outcome: None,
        })
    }

    /// Records how a submitted action ended.
    pub fn finished(
        &self,
        task: u64,
        attempt: u32,
        action: &AuditAction,
        outcome: &AuditOutcome,
    ) -> Result<(), AuditError> {
        self.append(&AuditRecord {
            time: now_text(Utc::now()),
            task,
            attempt,
            event: "finished",
            action,
            outcome: Some(outcome),
        })
    }

    fn append(&self, record: &AuditRecord<'_>) -> Result<(), AuditError> {
        let mut line = serde_json::to_vec(record)?;
        line.push(b'\n');
        let write_error = |source| AuditError::Write {
            path: self.path.clone(),
            source,
        };

        // A poisoned lock only means another writer panicked; the file is still fine.
        let _guard = self
            .lock
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(folder) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(write_error)?;
        }
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(write_error)?;
        // One write call per line, so that concurrent processes do not interleave records.
        file.write_all(&line).map_err(write_error)?;
        Ok(())
    }
}

fn now_text(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action() -> AuditAction {
        AuditAction {
            server: "https://vbo.example.com:4443".into(),
            api_user: "helpdesk".into(),
            restore_session: "s-1".into(),
            onedrive: Some(AuditName {
                id: "o-1".into(),
                name: "Adele Vance".into(),
            }),
            items: vec![AuditName {
                id: "d-1".into(),
                name: "report.docx".into(),
            }],
            action: "restore".into(),
            options: serde_json::json!({"version": "last"}),
            auth_mode: Some("password".into()),
        }
    }

    #[test]
    fn each_record_is_one_json_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        let log = AuditLog::new(dir.path().join("deeper").join("audit.jsonl"));
        log.submitted(7, 1, &action()).expect("submitted");
        let outcome = AuditOutcome {
            result: "succeeded".into(),
            counts: Some(RestoreStats {
                restored_items_count: 1,
                ..RestoreStats::default()
            }),
            ..AuditOutcome::default()
        };
        log.finished(7, 1, &action(), &outcome).expect("finished");

        let text = std::fs::read_to_string(log.path()).expect("read");
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|line| serde_json::from_str(line).expect("json line"))
            .collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["event"], "submitted");
        assert_eq!(lines[0]["apiUser"], "helpdesk");
        assert!(lines[0].get("result").is_none());
        assert_eq!(lines[1]["result"], "succeeded");
        assert_eq!(lines[1]["counts"]["restoredItemsCount"], 1);
        assert_eq!(lines[1]["items"][0]["name"], "report.docx");
    }
}
