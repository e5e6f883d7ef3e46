//! The owner's audit records: one when a task is queued, one when it ends.

use crate::audit::AuditOutcome;
use crate::tasks::owner::{Owner, push_log};
use crate::tasks::task::{Task, TaskId, TaskResult};

impl Owner {
    pub(super) fn audit_submitted(&mut self, id: TaskId) {
        let (Some(audit), Some(entry)) = (&self.audit, self.entries.get_mut(&id)) else {
            return;
        };
        let Some(action) = entry.job.audit() else {
            return;
        };
        if let Err(error) = audit.submitted(id.0, entry.task.attempt, &action) {
            tracing::error!(task = %id, %error, "audit record not written");
            push_log(&mut entry.task, error.to_string());
        }
    }

    pub(super) fn audit_finished(&mut self, id: TaskId) {
        let (Some(audit), Some(entry)) = (&self.audit, self.entries.get_mut(&id)) else {
            return;
        };
        let Some(action) = entry.job.audit() else {
            return;
        };
        let outcome = audit_outcome(&entry.task);
        if let Err(error) = audit.finished(id.0, entry.task.attempt, &action, &outcome) {
            tracing::error!(task = %id, %error, "audit record not written");
            push_log(&mut entry.task, error.to_string());
        }
    }
}

fn audit_outcome(task: &Task) -> AuditOutcome {
    let mut outcome = AuditOutcome {
        result: task.state.to_string(),
        reason: task.failure.as_ref().map(|failure| failure.reason.clone()),
        ..AuditOutcome::default()
    };
    match &task.result {
        Some(TaskResult::Restored { stats }) => outcome.counts = Some(stats.clone()),
        Some(TaskResult::Saved { path, bytes }) => {
            outcome.saved_path = Some(path.clone());
            outcome.saved_bytes = Some(*bytes);
        }
        Some(TaskResult::Sent) | None => {}
    }
    outcome
}
