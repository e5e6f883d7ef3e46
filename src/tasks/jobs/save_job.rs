//! A save: the server's body streamed into a local folder through `save.rs`.

use std::path::PathBuf;

use chrono::Utc;
use futures::FutureExt;
use futures::future::BoxFuture;

use crate::api::{ActionTarget, ApiError, Client};
use crate::audit::AuditAction;
use crate::save::{self, SaveError};
use crate::tasks::jobs::describe;
use crate::tasks::{Failure, Job, JobContext, TaskKind, TaskResult};

/// Saves a document, a set (as a ZIP) or a folder into `folder`.
pub struct SaveJob {
    pub client: Client,
    pub target: ActionTarget,
    pub as_zip: bool,
    pub folder: PathBuf,
}

impl Job for SaveJob {
    fn kind(&self) -> TaskKind {
        TaskKind::Save
    }

    fn title(&self) -> String {
        describe::save_title(&self.target, &self.folder)
    }

    fn audit(&self) -> Option<AuditAction> {
        let client = &self.client;
        Some(describe::save_audit(
            client.server(),
            client.user(),
            &self.target,
            self.as_zip,
            &self.folder,
        ))
    }

    fn run(&self, context: JobContext) -> BoxFuture<'static, Result<TaskResult, Failure>> {
        let client = self.client.clone();
        let target = self.target.clone();
        let (as_zip, folder) = (self.as_zip, self.folder.clone());
        async move {
            save::check_destination(&folder).map_err(save_failure)?;
            context.waiting_for_server();
            let body = client.save(&target, as_zip).await.map_err(api_failure)?;
            if let Some(length) = body.content_length {
                context.bytes_total(length);
            }

            // save.rs writes `<name>.part` (numbered when another save uses that name) and
            // removes it itself on an error or when the cancel flag fires.
            let name = save::default_save_name(&target, body.is_zip, Utc::now());
            context.log(format!("saving into {}", folder.display()));
            let mut counter = context.byte_counter();
            let mut reported = 0u64;
            // save.rs passes the bytes received so far; the counter wants the increments.
            let mut progress = |so_far: u64| {
                counter.add(so_far.saturating_sub(reported));
                reported = reported.max(so_far);
            };
            let saved =
                save::save_body(body, &folder, &name, &mut progress, context.cancel_token())
                    .await
                    .map_err(save_failure)?;
            counter.flush();

            Ok(TaskResult::Saved {
                path: saved.path,
                bytes: saved.bytes,
            })
        }
        .boxed()
    }
}

pub fn api_failure(error: ApiError) -> Failure {
    Failure {
        exit_code: error.exit_code(),
        reason: error.to_string(),
    }
}

fn save_failure(error: SaveError) -> Failure {
    Failure {
        exit_code: error.exit_code(),
        reason: error.to_string(),
    }
}
