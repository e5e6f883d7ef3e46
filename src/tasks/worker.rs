//! One run of one job: race it against its cancel flag, clean up, report how it ended.

use std::panic::AssertUnwindSafe;
use std::time::Duration;

use futures::FutureExt;
use futures::future::BoxFuture;
use tokio_util::sync::CancellationToken;

use crate::tasks::job::{JobContext, Outcome, Report};
use crate::tasks::task::{Failure, TaskResult};

/// How long a cancelled job may take to clean up after itself before its future is dropped.
const CANCEL_GRACE_MS: u64 = 2_000;

/// Runs `future` until it ends or `cancel` fires. A cancelled job first sees its flag and gets
/// a short grace to remove what it wrote (a save removes its `.part`), then its future is
/// dropped. When the task did not succeed, the partial files the job registered are removed
/// before the end is reported, so whoever waits for the task never sees them.
pub(crate) async fn work(
    future: BoxFuture<'static, Result<TaskResult, Failure>>,
    context: JobContext,
    cancel: CancellationToken,
) {
    let mut guarded = AssertUnwindSafe(future).catch_unwind();
    let outcome = tokio::select! {
        biased;
        () = cancel.cancelled() => {
            let grace = Duration::from_millis(CANCEL_GRACE_MS);
            if tokio::time::timeout(grace, &mut guarded).await.is_err() {
                tracing::warn!(task = %context.id(), "job ignored its cancel flag; dropped");
            }
            drop(guarded);
            Outcome::Cancelled
        }
        ended = &mut guarded => match ended {
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
