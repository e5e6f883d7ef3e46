//! The background runner that the console and the scripting commands share.
//!
//! Every task has an id, a title, a kind, a state and typed progress. Jobs run on their own
//! Tokio tasks and never touch task state: they send small reports to the one owner of that
//! state, which starts tasks first in first out within `max_parallel_tasks` and publishes a
//! [`Board`] (every task plus a [`Summary`]) at most about ten times a second for progress
//! alone. Cancelling flips the task's flag and drops its future; partial files are removed.
//!
//! How the console and the commands use it:
//!
//! - [`Runner::start`] once, with `max_parallel_tasks` and the audit log
//!   (`<data dir>/audit.jsonl`); it runs on the current Tokio runtime.
//! - [`Runner::submit_request`] with a [`TaskRequest`] (a save into a folder, or a restore,
//!   copy or send) answers a [`TaskId`] at once; the request waits its turn.
//! - [`Runner::watch`] wakes when the [`Board`] changes; [`Board::summary`] prints as
//!   "2 running, 1 queued, 48 MiB/s". [`Runner::events`] tells when a task ends (for
//!   notices) and carries its log lines.
//! - [`Runner::cancel`], [`Runner::retry`] (same inputs, same id, next attempt) and
//!   [`Runner::clear_finished`]; [`Runner::wait`] for one task's end.
//! - [`Runner::shutdown`] on quit or SIGHUP: cancels everything and returns once partial
//!   files are gone.

mod job;
pub mod jobs;
mod owner;
mod runner;
mod speed;
mod summary;
mod task;
mod worker;

pub use job::{ByteCounter, Job, JobContext};
pub use jobs::TaskRequest;
pub use owner::SUMMARY_INTERVAL_MS;
pub use runner::{Board, Runner, RunnerSettings, TaskChange, TaskEvent};
pub use summary::Summary;
pub use task::{Failure, Progress, Task, TaskId, TaskKind, TaskResult, TaskState, stats_words};
