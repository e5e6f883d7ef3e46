//! The handle that the console and the commands use to submit, watch and steer tasks.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::{broadcast, mpsc, oneshot, watch};

use crate::audit::AuditLog;
use crate::tasks::job::Job;
use crate::tasks::owner::{Command, Owner};
use crate::tasks::summary::Summary;
use crate::tasks::task::{Task, TaskId, TaskState};

/// How many task events a slow listener may fall behind before it misses some.
const EVENTS_BUFFERED: usize = 1_024;

/// How the runner is set up.
#[derive(Debug, Clone)]
pub struct RunnerSettings {
    /// Tasks running at once; the rest wait their turn, first in first out.
    pub max_parallel_tasks: usize,
    /// Where audit records go; `None` keeps no audit log (tests of the core only).
    pub audit: Option<Arc<AuditLog>>,
}

impl Default for RunnerSettings {
    fn default() -> RunnerSettings {
        RunnerSettings {
            max_parallel_tasks: 3,
            audit: None,
        }
    }
}

/// Every task as of the last publication, in submission order, and their summary.
#[derive(Debug, Clone, Default)]
pub struct Board {
    pub tasks: Vec<Task>,
    pub summary: Summary,
}

impl Board {
    pub fn task(&self, id: TaskId) -> Option<&Task> {
        self.tasks.iter().find(|task| task.id == id)
    }

    pub fn count(&self, state: TaskState) -> usize {
        self.tasks.iter().filter(|task| task.state == state).count()
    }
}

/// Something that happened to one task; for notices and logs. The board has the full state.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskEvent {
    pub id: TaskId,
    pub change: TaskChange,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TaskChange {
    Added,
    State(TaskState),
    Log(String),
    Removed,
}

/// A cheap, cloneable handle on the runner. When the last handle goes, running tasks are
/// cancelled and their partial files removed.
#[derive(Clone)]
pub struct Runner {
    commands: mpsc::UnboundedSender<Command>,
    board: watch::Receiver<Arc<Board>>,
    events: broadcast::Sender<TaskEvent>,
    next_id: Arc<AtomicU64>,
}

impl Runner {
    /// Starts the owner of task state on the current Tokio runtime.
    pub fn start(settings: RunnerSettings) -> Runner {
        let (commands, commands_rx) = mpsc::unbounded_channel();
        let (reports, reports_rx) = mpsc::unbounded_channel();
        let (board_tx, board) = watch::channel(Arc::new(Board::default()));
        let (events, _) = broadcast::channel(EVENTS_BUFFERED);
        let owner = Owner::new(
            settings.max_parallel_tasks,
            settings.audit,
            reports,
            board_tx,
            events.clone(),
        );
        tokio::spawn(owner.serve(commands_rx, reports_rx));
        Runner {
            commands,
            board,
            events,
            next_id: Arc::new(AtomicU64::new(1)),
        }
    }

    /// Queues a job and answers its task id at once.
    pub fn submit(&self, job: Arc<dyn Job>) -> TaskId {
        let id = TaskId(self.next_id.fetch_add(1, Ordering::Relaxed));
        self.send(Command::Submit { id, job });
        id
    }

    /// Cancels a queued or running task: its request is dropped, its partial file removed.
    pub fn cancel(&self, id: TaskId) {
        self.send(Command::Cancel(id));
    }

    /// Runs a failed or cancelled task again with the same inputs.
    pub fn retry(&self, id: TaskId) {
        self.send(Command::Retry(id));
    }

    /// Forgets tasks that have succeeded, failed or been cancelled.
    pub fn clear_finished(&self) {
        self.send(Command::ClearFinished);
    }

    /// The board as last published.
    pub fn board(&self) -> Arc<Board> {
        self.board.borrow().clone()
    }

    /// A receiver that wakes when the board changes (at most about ten times a second for
    /// progress alone).
    pub fn watch(&self) -> watch::Receiver<Arc<Board>> {
        self.board.clone()
    }

    pub fn events(&self) -> broadcast::Receiver<TaskEvent> {
        self.events.subscribe()
    }

    /// Waits until the task has ended and answers it; `None` for an unknown task.
    pub async fn wait(&self, id: TaskId) -> Option<Task> {
        let (reply, answer) = oneshot::channel();
        self.send(Command::Wait { id, reply });
        answer.await.ok().flatten()
    }

    /// Cancels every task, waits until their partial files are removed, and stops.
    pub async fn shutdown(&self) {
        let (reply, done) = oneshot::channel();
        self.send(Command::Shutdown(reply));
        let _ = done.await;
    }

    fn send(&self, command: Command) {
        if self.commands.send(command).is_err() {
            tracing::warn!("the task runner has already stopped");
        }
    }
}
