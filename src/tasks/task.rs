//! What one background task is, as the console and the commands see it.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

use crate::api::model::RestoreStats;

/// Identifies a task for the life of the runner; retries keep the id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct TaskId(pub u64);

impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// What a task does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TaskKind {
    Save,
    Restore,
    Copy,
    Send,
}

impl TaskKind {
    /// The word the audit log and the tasks pane use for this kind.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskKind::Save => "save",
            TaskKind::Restore => "restore",
            TaskKind::Copy => "copy",
            TaskKind::Send => "send",
        }
    }

    /// What a finished task of this kind did to its items, as in "30 copied".
    pub fn past_tense(self) -> &'static str {
        match self {
            TaskKind::Save => "saved",
            TaskKind::Restore => "restored",
            TaskKind::Copy => "copied",
            TaskKind::Send => "sent",
        }
    }
}

impl fmt::Display for TaskKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a task is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum TaskState {
    Queued,
    /// Started, but the server has not answered yet (it builds ZIPs before the first byte).
    WaitingForServer,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

impl TaskState {
    /// Whether the task has ended and will not change again unless retried.
    pub fn is_finished(self) -> bool {
        matches!(
            self,
            TaskState::Succeeded | TaskState::Failed | TaskState::Cancelled
        )
    }

    /// Whether the task holds one of the runner's parallel slots.
    pub fn is_active(self) -> bool {
        matches!(self, TaskState::WaitingForServer | TaskState::Running)
    }
}

impl fmt::Display for TaskState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TaskState::Queued => "queued",
            TaskState::WaitingForServer => "waiting for the server",
            TaskState::Running => "running",
            TaskState::Succeeded => "succeeded",
            TaskState::Failed => "failed",
            TaskState::Cancelled => "cancelled",
        })
    }
}

/// How far a task has got: bytes for saves, items for restores and copies.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub bytes_done: u64,
    pub bytes_total: Option<u64>,
    pub items_done: u64,
    pub items_total: Option<u64>,
    /// Bytes a second over the last few seconds; zero when nothing moves.
    pub bytes_per_sec: f64,
    #[serde(skip)]
    pub time_left: Option<Duration>,
}

impl Progress {
    /// The finished share between 0 and 1, when a total is known.
    pub fn ratio(&self) -> Option<f64> {
        if let Some(total) = self.bytes_total.filter(|t| *t > 0) {
            return Some((self.bytes_done as f64 / total as f64).min(1.0));
        }
        let total = self.items_total.filter(|t| *t > 0)?;
        Some((self.items_done as f64 / total as f64).min(1.0))
    }
}

/// What a task produced when it succeeded.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", tag = "type")]
pub enum TaskResult {
    /// A restore or a copy: the server's statistics.
    Restored { stats: RestoreStats },
    /// A send: the server accepted the mail.
    Sent,
    /// A save: where the file landed and how big it is.
    Saved { path: PathBuf, bytes: u64 },
}

/// "30 copied, 0 failed, 2 skipped": the server's statistics in the verb of the action.
pub fn stats_words(kind: TaskKind, stats: &RestoreStats) -> String {
    format!(
        "{} {}, {} failed, {} skipped",
        stats.restored_items_count,
        kind.past_tense(),
        stats.failed_items_count,
        stats.skipped_items_by_error_count + stats.skipped_items_by_no_changes_count
    )
}

/// Why a task failed, as a sentence for people and an exit status for scripts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Failure {
    pub reason: String,
    /// 1 the server refused or failed, 2 bad usage or config, 3 login or trust.
    pub exit_code: u8,
}

/// One task as the runner reports it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Task {
    pub id: TaskId,
    pub kind: TaskKind,
    /// What, from where, to where.
    pub title: String,
    pub state: TaskState,
    pub progress: Progress,
    /// Its own log, oldest first; the oldest lines go once there are too many.
    pub log: Vec<String>,
    pub result: Option<TaskResult>,
    pub failure: Option<Failure>,
    /// 1 for the first run, one more for each retry.
    pub attempt: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statistics_use_the_verb_of_the_action() {
        let stats = RestoreStats {
            restored_items_count: 30,
            failed_items_count: 1,
            skipped_items_by_error_count: 1,
            skipped_items_by_no_changes_count: 2,
            ..RestoreStats::default()
        };
        assert_eq!(
            stats_words(TaskKind::Copy, &stats),
            "30 copied, 1 failed, 3 skipped"
        );
        assert_eq!(
            stats_words(TaskKind::Restore, &stats),
            "30 restored, 1 failed, 3 skipped"
        );
    }
}
