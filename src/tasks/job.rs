//! The work a task does, behind a small trait so that the runner core can be tested alone.
//!
//! A job never touches task state: it reports through its [`JobContext`], which sends small
//! messages to the runner's owner of task state.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures::future::BoxFuture;
use tokio::sync::mpsc::UnboundedSender;
use tokio_util::sync::CancellationToken;

use crate::audit::AuditAction;
use crate::tasks::task::{Failure, TaskId, TaskKind, TaskResult};

/// How often a job's byte counter passes its sum on to the owner at most.
const BYTES_REPORT_INTERVAL_MS: u64 = 20;

/// Something a task can run, again and again with the same inputs (that is what retry does).
pub trait Job: Send + Sync + 'static {
    fn kind(&self) -> TaskKind;

    /// What, from where, to where.
    fn title(&self) -> String;

    /// What the audit log records about this job; `None` for jobs that change nothing.
    fn audit(&self) -> Option<AuditAction>;

    /// Runs the job once. Dropping the future cancels it; partial files it registered with
    /// [`JobContext::partial_file`] are then removed by the runner.
    fn run(&self, context: JobContext) -> BoxFuture<'static, Result<TaskResult, Failure>>;
}

/// A message from a running job to the owner of task state.
#[derive(Debug, Clone)]
pub(crate) enum Report {
    WaitingForServer,
    Running,
    BytesTotal(u64),
    Advanced(u64),
    Items { done: u64, total: Option<u64> },
    Log(String),
    Finished(Outcome),
}

/// How one run of a job ended.
#[derive(Debug, Clone)]
pub(crate) enum Outcome {
    Succeeded(TaskResult),
    Failed(Failure),
    Cancelled,
}

/// A report tagged with the task and the attempt it belongs to, so late words from a
/// cancelled attempt never land on its retry.
#[derive(Debug)]
pub(crate) struct Envelope {
    pub id: TaskId,
    pub attempt: u32,
    pub report: Report,
}

/// A running job's way to say how it is doing.
#[derive(Clone)]
pub struct JobContext {
    id: TaskId,
    attempt: u32,
    reports: UnboundedSender<Envelope>,
    cancel: CancellationToken,
    partial_files: Arc<Mutex<Vec<PathBuf>>>,
}

impl JobContext {
    pub(crate) fn new(
        id: TaskId,
        attempt: u32,
        reports: UnboundedSender<Envelope>,
        cancel: CancellationToken,
    ) -> JobContext {
        let partial_files = Arc::new(Mutex::new(Vec::new()));
        JobContext {
            id,
            attempt,
            reports,
            cancel,
            partial_files,
        }
    }

    pub fn id(&self) -> TaskId {
        self.id
    }

    /// Fires when the task is cancelled; the runner drops the job's future right after.
    pub fn cancel_token(&self) -> &CancellationToken {
        &self.cancel
    }

    pub fn waiting_for_server(&self) {
        self.send(Report::WaitingForServer);
    }

    pub fn running(&self) {
        self.send(Report::Running);
    }

    pub fn bytes_total(&self, total: u64) {
        self.send(Report::BytesTotal(total));
    }

    pub fn items(&self, done: u64, total: Option<u64>) {
        self.send(Report::Items { done, total });
    }

    pub fn log(&self, line: impl Into<String>) {
        self.send(Report::Log(line.into()));
    }

    /// A counter that gathers byte advances and passes them on every few milliseconds.
    pub fn byte_counter(&self) -> ByteCounter {
        ByteCounter {
            context: self.clone(),
            pending: 0,
            last_sent: Instant::now(),
        }
    }

    /// Names a file the job is writing that must go if the task does not succeed.
    pub fn partial_file(&self, path: PathBuf) {
        if let Ok(mut files) = self.partial_files.lock() {
            files.push(path);
        }
    }

    pub(crate) fn partial_files(&self) -> Vec<PathBuf> {
        self.partial_files
            .lock()
            .map(|files| files.clone())
            .unwrap_or_default()
    }

    pub(crate) fn send(&self, report: Report) {
        let envelope = Envelope {
            id: self.id,
            attempt: self.attempt,
            report,
        };
        // The owner only goes away when the runner shuts down; nobody is left to tell.
        let _ = self.reports.send(envelope);
    }
}

/// Sums byte advances and reports them at most every [`BYTES_REPORT_INTERVAL_MS`].
pub struct ByteCounter {
    context: JobContext,
    pending: u64,
    last_sent: Instant,
}

impl ByteCounter {
    pub fn add(&mut self, bytes: u64) {
        self.pending += bytes;
        if self.last_sent.elapsed() >= Duration::from_millis(BYTES_REPORT_INTERVAL_MS) {
            self.flush();
        }
    }

    pub fn flush(&mut self) {
        if self.pending > 0 {
            self.context.send(Report::Advanced(self.pending));
            self.pending = 0;
        }
        self.last_sent = Instant::now();
    }
}

impl Drop for ByteCounter {
    fn drop(&mut self) {
        self.flush();
    }
}
