//! One run of one job: race it against its cancel flag, clean up, report how it ended.

use std::panic::AssertUnwindSafe;

use futures::FutureExt;
use futures::future::BoxFuture;
use tokio_util::sync::CancellationToken;

use crate::tasks::job::{JobContext, Outcome, Report};
use crate::tasks::task::{Failure, TaskResult};

/// Runs `future` until it ends or `cancel` fires, whichever is first. When the task did not
/// succeed, the partial files the job registered are removed before the end is reported, so
/// that whoever waits for the task never sees them.
pub(crate) async fn work(
    future: BoxFuture<'static, Result<TaskResult, Failure>>,
    context: JobContext,
    cancel: CancellationToken,
) {
    let guarded = AssertUnwindSafe(future).catch_unwind();
    let outcome = tokio::select! {
        biased;
        () = cancel.cancelled() => Outcome::Cancelled,
        ended = guarded => match ended {
            Ok(Ok(result)) => Outcome::Succeeded(result),
            Ok(Err(failure)) => Outcome::Failed(failure),
            Err(_) => Outcome::Failed(Failure {
                reason: "the task stopped unexpectedly (see the log file)".to_string(),
                exit_code: 1,
            }),
        },
    };

    if !matches!(outcome, Outcome::Succeeded(_)) {
        remove_partial_files(&context).await;
    }
    context.send(Report::Finished(outcome));
}

async fn remove_partial_files(context: &JobContext) {
    for path in context.partial_files() {
        match tokio::fs::remove_file(&path).await {
            Ok(()) => {
                tracing::debug!(task = %context.id(), path = %path.display(), "removed partial file")
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => tracing::warn!(
                task = %context.id(), path = %path.display(), %error,
                "could not remove a partial file"
            ),
        }
    }
}
