//! The one-line summary of all tasks that the status bar shows.

use std::fmt;

use serde::Serialize;

use crate::tasks::task::{Task, TaskState};
use crate::units::human_bytes;

/// Counts of tasks by state and their summed speed: "2 running, 1 queued, 48 MiB/s".
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Running or waiting for the server.
    pub running: usize,
    pub queued: usize,
    pub succeeded: usize,
    pub failed: usize,
    pub cancelled: usize,
    pub bytes_per_sec: f64,
}

impl Summary {
    pub fn of(tasks: &[Task]) -> Summary {
        let mut summary = Summary::default();
        for task in tasks {
            match task.state {
                TaskState::Queued => summary.queued += 1,
                TaskState::WaitingForServer | TaskState::Running => {
                    summary.running += 1;
                    summary.bytes_per_sec += task.progress.bytes_per_sec;
                }
                TaskState::Succeeded => summary.succeeded += 1,
                TaskState::Failed => summary.failed += 1,
                TaskState::Cancelled => summary.cancelled += 1,
            }
        }
        summary
    }

    /// Whether some task is still to finish.
    pub fn is_busy(&self) -> bool {
        self.running + self.queued > 0
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if self.running > 0 {
            parts.push(format!("{} running", self.running));
        }
        if self.queued > 0 {
            parts.push(format!("{} queued", self.queued));
        }
        if self.failed > 0 {
            parts.push(format!("{} failed", self.failed));
        }
        if self.running > 0 && self.bytes_per_sec >= 1.0 {
            parts.push(format!("{}/s", human_bytes(self.bytes_per_sec as u64)));
        }
        if parts.is_empty() {
            return f.write_str("no tasks running");
        }
        f.write_str(&parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_reads_like_the_status_bar() {
        let summary = Summary {
            running: 2,
            queued: 1,
            bytes_per_sec: 48.0 * 1024.0 * 1024.0,
            ..Summary::default()
        };
        assert_eq!(summary.to_string(), "2 running, 1 queued, 48 MiB/s");
        assert_eq!(Summary::default().to_string(), "no tasks running");
    }
}
