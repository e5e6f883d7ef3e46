//! The tasks pane (`t`) and the runner's news: the board, notices when a task ends, and the
//! failures of a form's tasks sent back to the form.

use std::sync::Arc;

use super::{App, Cursor, Overlay, Pane};
use crate::console::keymap::Action;
use crate::console::request::Request;
use crate::tasks::{Board, Task, TaskKind, TaskResult, TaskState, stats_words};
use crate::units::human_bytes;

/// The runner's board as last published, and the cursor over its tasks.
#[derive(Debug, Clone, Default)]
pub struct TasksState {
    pub board: Arc<Board>,
    pub cursor: Cursor,
}

impl TasksState {
    pub fn current(&self) -> Option<&Task> {
        self.board.tasks.get(self.cursor.selected)
    }

    /// Whether the runner has anything to report in the status bar.
    pub fn is_empty(&self) -> bool {
        self.board.tasks.is_empty()
    }
}

impl App {
    pub(super) fn board_arrived(&mut self, board: Arc<Board>) {
        self.running_tasks = board.summary.running + board.summary.queued;
        self.tasks.board = board;
        let rows = self.list_rows();
        self.tasks.cursor.clamp(self.tasks.board.tasks.len(), rows);
    }

    /// A task ended: a notice, and its failure goes to the form that submitted it (or to a
    /// popup once that form is closed).
    pub(super) fn task_ended(&mut self, task: Task) {
        let sentence = ended_sentence(&task);
        let Some(failure) = task.failure.as_ref() else {
            self.notify(sentence);
            return;
        };
        let form = self
            .form
            .as_mut()
            .filter(|pane| pane.tasks.contains(&task.id));
        match form {
            Some(pane) => {
                pane.form.show_refusal(failure.reason.clone());
                pane.tasks.clear();
                self.notify(sentence);
            }
            None => self.fail(format!("Task {} failed", task.id), failure.reason.clone()),
        }
    }

    pub(super) fn tasks_action(&mut self, action: Action) {
        let rows = self.list_rows();
        let len = self.tasks.board.tasks.len();
        if Self::move_cursor(&mut self.tasks.cursor, action, len, rows) {
            return;
        }
        let current = self.tasks.current().map(|task| (task.id, task.state));
        match (action, current) {
            (Action::Back | Action::Close, _) => {
                self.focus = if self.items.onedrive.is_some() {
                    Pane::Items
                } else {
                    Pane::Sessions
                };
            }
            (Action::Open, Some(_)) => self.open_task_details(),
            (Action::CancelTask, Some((id, state))) if !state.is_finished() => {
                self.send(Request::CancelTask(id));
                self.notify(format!("Cancelling task {id}"));
            }
            (Action::RetryTask, Some((id, TaskState::Failed | TaskState::Cancelled))) => {
                self.send(Request::RetryTask(id));
                self.notify(format!("Retrying task {id}"));
            }
            (Action::ClearTasks, _) => {
                self.send(Request::ClearFinishedTasks);
            }
            _ => {}
        }
    }

    /// Enter on a task: its title, state, result and log lines.
    fn open_task_details(&mut self) {
        let Some(task) = self.tasks.current() else {
            return;
        };
        let mut lines = vec![
            ("Task".to_owned(), task.id.to_string()),
            ("What".to_owned(), task.title.clone()),
            ("State".to_owned(), task.state.to_string()),
            ("Attempt".to_owned(), task.attempt.to_string()),
        ];
        if let Some(result) = &task.result {
            lines.push(("Result".to_owned(), result_words(task.kind, result)));
        }
        if let Some(failure) = &task.failure {
            lines.push(("Reason".to_owned(), failure.reason.clone()));
        }
        for line in &task.log {
            lines.push(("Log".to_owned(), line.clone()));
        }
        let title = format!("Task {}", task.id);
        self.overlay = Some(Overlay::Details {
            title,
            lines,
            cursor: Cursor::default(),
        });
    }
}

/// "Task #2 save succeeded: saved Report.docx (12.0 KiB) in /home/agent/Downloads".
fn ended_sentence(task: &Task) -> String {
    let head = format!("Task {} {} {}", task.id, task.kind, task.state);
    match (&task.result, &task.failure) {
        (Some(result), _) => format!("{head}: {}", result_words(task.kind, result)),
        // The status bar has one row: the failure's own sentence goes before its long path.
        (None, Some(failure)) => {
            format!("{head}: {}", crate::form::readable_refusal(&failure.reason))
        }
        (None, None) => head,
    }
}

fn result_words(kind: TaskKind, result: &TaskResult) -> String {
    match result {
        // The file's name first: a long folder is what a narrow status line cuts.
        TaskResult::Saved { path, bytes } => {
            let name = path.file_name().unwrap_or(path.as_os_str());
            let folder = path.parent().unwrap_or(path);
            format!(
                "saved {} ({}) in {}",
                name.to_string_lossy(),
                human_bytes(*bytes),
                folder.display()
            )
        }
        TaskResult::Sent => "the mail was sent".to_owned(),
        TaskResult::Restored { stats } => stats_words(kind, stats),
    }
}
