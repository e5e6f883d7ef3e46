//! The one owner of task state: it takes commands from runner handles and reports from
//! workers, starts queued tasks first in first out within the parallel limit, and publishes
//! the board.

mod publish;
mod record;

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Arc;
use std::time::Instant;

use tokio::sync::{broadcast, mpsc, oneshot, watch};
use tokio_util::sync::CancellationToken;

use crate::audit::AuditLog;
use crate::tasks::job::{Envelope, Job, JobContext, Outcome, Report};
use crate::tasks::runner::{Board, TaskChange, TaskEvent};
use crate::tasks::speed::SpeedMeter;
use crate::tasks::task::{Progress, Task, TaskId, TaskKind, TaskResult, TaskState, stats_words};
use crate::tasks::worker;

/// Progress alone is published at most this often (about ten times a second).
pub const SUMMARY_INTERVAL_MS: u64 = 100;

/// While bytes move, the board is refreshed at least this often so speeds fall when they stop.
pub(crate) const SPEED_REFRESH_MS: u64 = 1_000;

/// A task keeps this many log lines; older ones go.
const LOG_LINES_KEPT: usize = 1_000;

/// What a runner handle asks of the owner.
pub(crate) enum Command {
    Submit {
        id: TaskId,
        job: Arc<dyn Job>,
    },
    Cancel(TaskId),
    Retry(TaskId),
    ClearFinished,
    Wait {
        id: TaskId,
        reply: oneshot::Sender<Option<Task>>,
    },
    Shutdown(oneshot::Sender<()>),
}

struct Entry {
    task: Task,
    job: Arc<dyn Job>,
    cancel: Option<CancellationToken>,
    meter: SpeedMeter,
}

pub(crate) struct Owner {
    max_parallel: usize,
    entries: BTreeMap<TaskId, Entry>,
    queue: VecDeque<TaskId>,
    waiters: HashMap<TaskId, Vec<oneshot::Sender<Option<Task>>>>,
    reports_tx: mpsc::UnboundedSender<Envelope>,
    board: watch::Sender<Arc<Board>>,
    events: broadcast::Sender<TaskEvent>,
    audit: Option<Arc<AuditLog>>,
    progress_pending: bool,
    last_publish: Instant,
    closing: Vec<oneshot::Sender<()>>,
    closed: bool,
}

impl Owner {
    pub(crate) fn new(
        max_parallel: usize,
        audit: Option<Arc<AuditLog>>,
        reports_tx: mpsc::UnboundedSender<Envelope>,
        board: watch::Sender<Arc<Board>>,
        events: broadcast::Sender<TaskEvent>,
    ) -> Owner {
        Owner {
            max_parallel: max_parallel.max(1),
            entries: BTreeMap::new(),
            queue: VecDeque::new(),
            waiters: HashMap::new(),
            reports_tx,
            board,
            events,
            audit,
            progress_pending: false,
            last_publish: Instant::now(),
            closing: Vec::new(),
            closed: false,
        }
    }

    /// Serves until shut down, or until every handle is gone and the last task has ended.
    pub(crate) async fn serve(
        mut self,
        mut commands: mpsc::UnboundedReceiver<Command>,
        mut reports: mpsc::UnboundedReceiver<Envelope>,
    ) {
        loop {
            let deadline = self.next_publish();
            tokio::select! {
                command = commands.recv(), if !self.closed => match command {
                    Some(command) => self.command(command),
                    None => self.close(None),
                },
                Some(envelope) = reports.recv() => self.report(envelope),
                () = publish::sleep_until(deadline), if deadline.is_some() => self.publish(),
            }
            if self.closed && self.active_count() == 0 {
                self.publish();
                for reply in self.closing.drain(..) {
                    let _ = reply.send(());
                }
                return;
            }
        }
    }

    fn command(&mut self, command: Command) {
        match command {
            Command::Submit { id, job } => self.submit(id, job),
            Command::Cancel(id) => self.cancel(id),
            Command::Retry(id) => self.retry(id),
            Command::ClearFinished => self.clear_finished(),
            Command::Wait { id, reply } => self.wait(id, reply),
            Command::Shutdown(reply) => self.close(Some(reply)),
        }
    }

    fn submit(&mut self, id: TaskId, job: Arc<dyn Job>) {
        let task = Task {
            id,
            kind: job.kind(),
            title: job.title(),
            state: TaskState::Queued,
            progress: Progress::default(),
            log: Vec::new(),
            result: None,
            failure: None,
            attempt: 1,
        };
        tracing::info!(task = %id, title = %task.title, "task submitted");
        let entry = Entry {
            task,
            job,
            cancel: None,
            meter: SpeedMeter::default(),
        };
        self.entries.insert(id, entry);
        self.emit(id, TaskChange::Added);
        self.enqueue(id);
    }

    fn enqueue(&mut self, id: TaskId) {
        if self.closed {
            self.finish(id, Outcome::Cancelled);
            return;
        }
        self.audit_submitted(id);
        self.queue.push_back(id);
        self.start_ready();
        self.publish();
    }

    fn start_ready(&mut self) {
        while self.active_count() < self.max_parallel {
            let Some(id) = self.queue.pop_front() else {
                return;
            };
            self.start(id);
        }
    }

    fn start(&mut self, id: TaskId) {
        let Some(entry) = self.entries.get_mut(&id) else {
            return;
        };
        let cancel = CancellationToken::new();
        let attempt = entry.task.attempt;
        let context = JobContext::new(id, attempt, self.reports_tx.clone(), cancel.clone());
        let future = entry.job.run(context.clone());
        entry.cancel = Some(cancel.clone());
        entry.task.state = TaskState::WaitingForServer;
        tracing::info!(task = %id, attempt, "task started");
        tokio::spawn(worker::work(future, context, cancel));
        self.emit(id, TaskChange::State(TaskState::WaitingForServer));
    }

    fn cancel(&mut self, id: TaskId) {
        let Some(entry) = self.entries.get_mut(&id) else {
            return;
        };
        match entry.task.state {
            TaskState::Queued => {
                self.queue.retain(|queued| *queued != id);
                self.finish(id, Outcome::Cancelled);
                self.publish();
            }
            TaskState::WaitingForServer | TaskState::Running => {
                if let Some(cancel) = &entry.cancel {
                    cancel.cancel();
                }
                push_log(&mut entry.task, "cancelling".to_string());
            }
            _ => {}
        }
    }

    fn retry(&mut self, id: TaskId) {
        let Some(entry) = self.entries.get_mut(&id) else {
            return;
        };
        if !matches!(entry.task.state, TaskState::Failed | TaskState::Cancelled) {
            return;
        }
        let task = &mut entry.task;
        task.attempt += 1;
        task.state = TaskState::Queued;
        task.progress = Progress::default();
        task.result = None;
        task.failure = None;
        entry.meter.reset();
        push_log(task, format!("retry, attempt {}", task.attempt));
        self.emit(id, TaskChange::State(TaskState::Queued));
        self.enqueue(id);
    }

    fn clear_finished(&mut self) {
        let finished: Vec<TaskId> = self
            .entries
            .iter()
            .filter(|(_, entry)| entry.task.state.is_finished())
            .map(|(id, _)| *id)
            .collect();
        for id in finished {
            self.entries.remove(&id);
            self.emit(id, TaskChange::Removed);
        }
        self.publish();
    }

    fn wait(&mut self, id: TaskId, reply: oneshot::Sender<Option<Task>>) {
        let state = self.entries.get(&id).map(|entry| entry.task.state);
        match state {
            None => {
                let _ = reply.send(None);
            }
            Some(state) if state.is_finished() => {
                let _ = reply.send(self.view(id, Instant::now()));
            }
            Some(_) => self.waiters.entry(id).or_default().push(reply),
        }
    }

    /// Stops taking work: queued tasks are cancelled, running ones are told to stop.
    fn close(&mut self, reply: Option<oneshot::Sender<()>>) {
        self.closed = true;
        self.closing.extend(reply);
        while let Some(id) = self.queue.pop_front() {
            self.finish(id, Outcome::Cancelled);
        }
        for entry in self.entries.values() {
            if let Some(cancel) = entry
                .cancel
                .as_ref()
                .filter(|_| entry.task.state.is_active())
            {
                cancel.cancel();
            }
        }
        self.publish();
    }

    fn report(&mut self, envelope: Envelope) {
        let Envelope {
            id,
            attempt,
            report,
        } = envelope;
        let Some(entry) = self.entries.get_mut(&id) else {
            return;
        };
        if entry.task.attempt != attempt || !entry.task.state.is_active() {
            return;
        }
        let task = &mut entry.task;
        match report {
            Report::WaitingForServer => self.set_state(id, TaskState::WaitingForServer),
            Report::Running => self.set_state(id, TaskState::Running),
            Report::BytesTotal(total) => {
                task.progress.bytes_total = Some(total);
                self.progress_pending = true;
            }
            Report::Advanced(bytes) => {
                task.progress.bytes_done += bytes;
                entry.meter.record(Instant::now(), task.progress.bytes_done);
                self.progress_pending = true;
                self.set_state(id, TaskState::Running);
            }
            Report::Items { done, total } => {
                task.progress.items_done = done;
                task.progress.items_total = total.or(task.progress.items_total);
                self.progress_pending = true;
                self.set_state(id, TaskState::Running);
            }
            Report::Log(line) => {
                push_log(task, line.clone());
                self.emit(id, TaskChange::Log(line));
                self.progress_pending = true;
            }
            Report::Finished(outcome) => {
                self.finish(id, outcome);
                self.start_ready();
                self.publish();
            }
        }
    }

    fn set_state(&mut self, id: TaskId, state: TaskState) {
        let Some(entry) = self.entries.get_mut(&id) else {
            return;
        };
        if entry.task.state == state {
            return;
        }
        entry.task.state = state;
        self.emit(id, TaskChange::State(state));
        self.publish();
    }

    fn finish(&mut self, id: TaskId, outcome: Outcome) {
        let Some(entry) = self.entries.get_mut(&id) else {
            return;
        };
        entry.cancel = None;
        let task = &mut entry.task;
        let (state, line) = match outcome {
            Outcome::Succeeded(result) => {
                let line = describe_result(task.kind, &result);
                task.result = Some(result);
                (TaskState::Succeeded, line)
            }
            Outcome::Failed(failure) => {
                let line = format!("failed: {}", failure.reason);
                task.failure = Some(failure);
                (TaskState::Failed, line)
            }
            Outcome::Cancelled => (TaskState::Cancelled, "cancelled".to_string()),
        };
        task.state = state;
        task.progress.bytes_per_sec = 0.0;
        task.progress.time_left = None;
        push_log(task, line);
        tracing::info!(task = %id, state = %state, "task finished");

        self.audit_finished(id);
        self.emit(id, TaskChange::State(state));
        let finished = self.view(id, Instant::now());
        for reply in self.waiters.remove(&id).unwrap_or_default() {
            let _ = reply.send(finished.clone());
        }
    }

    fn active_count(&self) -> usize {
        self.entries
            .values()
            .filter(|entry| entry.task.state.is_active())
            .count()
    }
}

pub(crate) fn push_log(task: &mut Task, line: String) {
    if task.log.len() >= LOG_LINES_KEPT {
        task.log.remove(0);
    }
    task.log.push(line);
}

fn describe_result(kind: TaskKind, result: &TaskResult) -> String {
    match result {
        TaskResult::Restored { stats } => format!("done: {}", stats_words(kind, stats)),
        TaskResult::Sent => "sent".to_string(),
        TaskResult::Saved { path, bytes } => format!("saved {} ({bytes} bytes)", path.display()),
    }
}
