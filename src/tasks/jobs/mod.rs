//! The jobs the console and the commands submit: saves and document actions on a server.

mod action_job;
mod describe;
mod save_job;

use std::path::PathBuf;
use std::sync::Arc;

pub use action_job::ActionJob;
pub use describe::{auth_mode, scope_count, scope_words};
pub use save_job::SaveJob;

use crate::api::{ActionTarget, Client, DocumentAction};
use crate::tasks::{Job, Runner, TaskId};

/// What the console or a command asks the runner to do.
#[derive(Debug, Clone)]
pub enum TaskRequest {
    /// Stream the target's content into `folder` (sets and folders come as one ZIP).
    Save {
        target: ActionTarget,
        as_zip: bool,
        folder: PathBuf,
    },
    /// Restore, copy or send the target.
    Action {
        target: ActionTarget,
        action: DocumentAction,
    },
}

impl TaskRequest {
    /// The job that carries the request out with `client`.
    pub fn into_job(self, client: Client) -> Arc<dyn Job> {
        match self {
            TaskRequest::Save {
                target,
                as_zip,
                folder,
            } => Arc::new(SaveJob {
                client,
                target,
                as_zip,
                folder,
            }),
            TaskRequest::Action { target, action } => Arc::new(ActionJob {
                client,
                target,
                action,
            }),
        }
    }
}

impl Runner {
    /// Queues a save or an action to run with `client`.
    pub fn submit_request(&self, client: &Client, request: TaskRequest) -> TaskId {
        self.submit(request.into_job(client.clone()))
    }
}
