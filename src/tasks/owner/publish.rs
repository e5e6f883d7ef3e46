//! Publishing the board: at once for state changes, at most every
//! [`SUMMARY_INTERVAL_MS`](super::SUMMARY_INTERVAL_MS) for progress alone.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::tasks::owner::{Owner, SPEED_REFRESH_MS, SUMMARY_INTERVAL_MS};
use crate::tasks::runner::{Board, TaskChange, TaskEvent};
use crate::tasks::speed;
use crate::tasks::summary::Summary;
use crate::tasks::task::{Task, TaskId, TaskState};

impl Owner {
    /// When the board is next due: soon after pending progress, or a speed refresh.
    pub(super) fn next_publish(&self) -> Option<Instant> {
        if self.progress_pending {
            return Some(self.last_publish + Duration::from_millis(SUMMARY_INTERVAL_MS));
        }
        let moving = self.entries.values().any(|entry| {
            entry.task.state == TaskState::Running && entry.task.progress.bytes_done > 0
        });
        moving.then(|| self.last_publish + Duration::from_millis(SPEED_REFRESH_MS))
    }

    pub(super) fn publish(&mut self) {
        let now = Instant::now();
        let ids: Vec<TaskId> = self.entries.keys().copied().collect();
        let tasks: Vec<Task> = ids
            .into_iter()
            .filter_map(|id| self.view(id, now))
            .collect();
        let summary = Summary::of(&tasks);
        self.board.send_replace(Arc::new(Board { tasks, summary }));
        self.progress_pending = false;
        self.last_publish = now;
    }

    /// A copy of the task with its speed and time left as of `now`.
    pub(super) fn view(&mut self, id: TaskId, now: Instant) -> Option<Task> {
        let entry = self.entries.get_mut(&id)?;
        let mut task = entry.task.clone();
        if task.state.is_active() {
            let progress = &mut task.progress;
            progress.bytes_per_sec = entry.meter.bytes_per_sec(now);
            progress.time_left = speed::time_left(
                progress.bytes_done,
                progress.bytes_total,
                progress.bytes_per_sec,
            );
        }
        Some(task)
    }

    pub(super) fn emit(&self, id: TaskId, change: TaskChange) {
        // Nobody listening is fine: the board holds the same news.
        let _ = self.events.send(TaskEvent { id, change });
    }
}

pub(super) async fn sleep_until(deadline: Option<Instant>) {
    if let Some(deadline) = deadline {
        tokio::time::sleep_until(deadline.into()).await;
    }
}
