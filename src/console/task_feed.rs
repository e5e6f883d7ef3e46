//! The worker's side of the task runner: handing submissions over, steering tasks, and
//! passing what the runner publishes back to the app as replies.

use tokio::sync::broadcast::error::RecvError;
use tokio::sync::mpsc::UnboundedSender;

use super::request::{Reply, ReplyBody, Request, Ticket};
use crate::api::Client;
use crate::tasks::{Runner, TaskChange};

/// Carries out a request meant for the runner at once; `None` for every other request.
///
/// Submitting only queues work, so it never waits on the network.
pub fn steer(client: &Client, runner: &Runner, request: &Request) -> Option<ReplyBody> {
    let body = match request {
        Request::Submit(submission) => {
            let ids = submission
                .tasks()
                .into_iter()
                .map(|task| runner.submit_request(client, task))
                .collect();
            ReplyBody::Submitted(ids)
        }
        Request::CancelTask(id) => {
            runner.cancel(*id);
            ReplyBody::Done
        }
        Request::RetryTask(id) => {
            runner.retry(*id);
            ReplyBody::Done
        }
        Request::ClearFinishedTasks => {
            runner.clear_finished();
            ReplyBody::Done
        }
        _ => return None,
    };
    Some(body)
}

/// Sends the runner's board each time it is published, and each task that ends, until the
/// app has gone.
pub async fn forward(runner: Runner, outbox: UnboundedSender<Reply>) {
    let mut board = runner.watch();
    let mut events = runner.events();
    let send = |body: ReplyBody| {
        outbox
            .send(Reply {
                ticket: Ticket::RUNNER,
                body,
            })
            .is_ok()
    };
    loop {
        tokio::select! {
            changed = board.changed() => {
                if changed.is_err() {
                    return;
                }
                let published = board.borrow_and_update().clone();
                if !send(ReplyBody::Board(published)) {
                    return;
                }
            }
            event = events.recv() => match event {
                Ok(event) => {
                    let TaskChange::State(state) = event.change else { continue };
                    if !state.is_finished() {
                        continue;
                    }
                    let Some(task) = runner.wait(event.id).await else { continue };
                    if !send(ReplyBody::TaskEnded(Box::new(task))) {
                        return;
                    }
                }
                Err(RecvError::Lagged(missed)) => {
                    tracing::warn!(target: "console", missed, "task events missed");
                }
                Err(RecvError::Closed) => return,
            },
        }
    }
}
