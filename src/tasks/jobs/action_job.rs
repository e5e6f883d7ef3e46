//! A restore, copy or send through `Client::run_action`; on v8 the items show as they finish.

use futures::FutureExt;
use futures::future::BoxFuture;

use crate::api::model::RestoreSessionEvent;
use crate::api::{ActionOutcome, ActionTarget, Client, DocumentAction};
use crate::audit::AuditAction;
use crate::tasks::jobs::describe;
use crate::tasks::jobs::save_job::api_failure;
use crate::tasks::{Failure, Job, JobContext, TaskKind, TaskResult};

/// Runs one document action and reports the session's events as log lines and items.
pub struct ActionJob {
    pub client: Client,
    pub target: ActionTarget,
    pub action: DocumentAction,
}

impl Job for ActionJob {
    fn kind(&self) -> TaskKind {
        match self.action {
            DocumentAction::RestoreToOriginal { .. } => TaskKind::Restore,
            DocumentAction::CopyTo { .. } => TaskKind::Copy,
            DocumentAction::Send { .. } => TaskKind::Send,
        }
    }

    fn title(&self) -> String {
        describe::action_title(&self.target, &self.action)
    }

    fn audit(&self) -> Option<AuditAction> {
        let client = &self.client;
        Some(describe::action_audit(
            client.server(),
            client.user(),
            &self.target,
            &self.action,
        ))
    }

    fn run(&self, context: JobContext) -> BoxFuture<'static, Result<TaskResult, Failure>> {
        let client = self.client.clone();
        let target = self.target.clone();
        let action = self.action.clone();
        async move {
            context.waiting_for_server();
            let total = describe::scope_count(&target.scope);
            let reporter = context.clone();
            let mut done = 0u64;
            let mut on_event = move |event: &RestoreSessionEvent| {
                if let Some(line) = event_line(event) {
                    done += u64::from(event.item_name.is_some());
                    reporter.log(line);
                    reporter.items(done, total);
                }
            };
            let outcome = client
                .run_action(&target, &action, &mut on_event)
                .await
                .map_err(api_failure)?;
            Ok(match outcome {
                ActionOutcome::Stats(stats) => {
                    let total = stats.total_items_count.max(stats.restored_items_count);
                    context.items(stats.restored_items_count, Some(total));
                    TaskResult::Restored { stats }
                }
                ActionOutcome::Sent => TaskResult::Sent,
            })
        }
        .boxed()
    }
}

/// A log line for an event: "Success: report.docx", or the event's title or message.
fn event_line(event: &RestoreSessionEvent) -> Option<String> {
    let status = &event.status.0;
    if let Some(name) = &event.item_name {
        let status = if status.is_empty() { "done" } else { status };
        return Some(format!("{status}: {name}"));
    }
    event
        .title
        .clone()
        .or_else(|| event.message.clone())
        .filter(|text| !text.is_empty())
}
