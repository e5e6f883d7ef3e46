//! Running a command's requests through one task runner and reporting how they ended.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::api::Client;
use crate::audit::AuditLog;
use crate::cli::OutputArgs;
use crate::commands::output::{Table, print_json};
use crate::commands::{CommandError, EXIT_DONE, EXIT_FAILED, EXIT_PARTLY, progress};
use crate::config::Config;
use crate::tasks::{
    Runner, RunnerSettings, Task, TaskId, TaskRequest, TaskResult, TaskState, stats_words,
};

/// How long to wait before trying an action again whose device code is not signed in yet.
const SIGN_IN_POLL_SECS: u64 = 3;

/// Runs the requests, several at once within the limit; Ctrl-C, SIGHUP and SIGTERM cancel
/// them and remove partial files. Until `sign_in_deadline`, actions the server refused
/// because the device code is not signed in yet are tried again.
pub async fn run_all(
    client: &Client,
    config: &Config,
    requests: Vec<TaskRequest>,
    sign_in_deadline: Option<Instant>,
    out: &OutputArgs,
) -> Result<u8, CommandError> {
    let runner = Runner::start(RunnerSettings {
        max_parallel_tasks: config.file.max_parallel_tasks,
        audit: Some(Arc::new(AuditLog::new(config.paths.audit_file()))),
    });
    let ids: Vec<_> = requests
        .into_iter()
        .map(|request| runner.submit_request(client, request))
        .collect();

    let tasks = tokio::select! {
        tasks = follow_until_signed_in(&runner, &ids, sign_in_deadline) => tasks,
        signal = quit_signal() => {
            eprintln!("\nvbo-restore: {signal}; cancelling and removing partial files");
            runner.shutdown().await;
            let board = runner.board();
            ids.iter().filter_map(|id| board.task(*id).cloned()).collect()
        }
    };
    runner.shutdown().await;
    report(&tasks, out)
}

async fn follow_until_signed_in(
    runner: &Runner,
    ids: &[TaskId],
    deadline: Option<Instant>,
) -> Vec<Task> {
    loop {
        let tasks = progress::follow(runner, ids).await;
        let waiting: Vec<TaskId> = tasks
            .iter()
            .filter(|task| awaits_sign_in(task))
            .map(|task| task.id)
            .collect();
        let poll = Duration::from_secs(SIGN_IN_POLL_SECS);
        let in_time = deadline.is_some_and(|deadline| Instant::now() + poll < deadline);
        if waiting.is_empty() || !in_time {
            return tasks;
        }
        eprintln!("vbo-restore: waiting for the device code to be signed in");
        tokio::time::sleep(poll).await;
        for id in waiting {
            runner.retry(id);
        }
    }
}

/// Whether the server refused the action because its device code is not signed in yet.
// LIMITATION: told from the server's message, which names the device code and says it is not
// authorized yet; VB365 has no separate error code for it.
fn awaits_sign_in(task: &Task) -> bool {
    let Some(failure) = &task.failure else {
        return false;
    };
    let reason = failure.reason.to_lowercase();
    reason.contains("device code") && reason.contains("not been authorized")
}

fn report(tasks: &[Task], out: &OutputArgs) -> Result<u8, CommandError> {
    for task in tasks {
        if let Some(failure) = &task.failure {
            eprintln!("vbo-restore: {} failed: {}", task.title, failure.reason);
        }
    }
    if out.json {
        print_json(tasks)?;
    } else {
        print_table(tasks)?;
    }
    Ok(exit_status(tasks))
}

/// Waits for Ctrl-C, SIGHUP or SIGTERM and names it.
async fn quit_signal() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let (Ok(mut hangup), Ok(mut terminate)) = (
            signal(SignalKind::hangup()),
            signal(SignalKind::terminate()),
        ) {
            return tokio::select! {
                _ = tokio::signal::ctrl_c() => "interrupted",
                _ = hangup.recv() => "hung up",
                _ = terminate.recv() => "terminated",
            };
        }
    }
    let _ = tokio::signal::ctrl_c().await;
    "interrupted"
}

fn print_table(tasks: &[Task]) -> std::io::Result<()> {
    let mut table = Table::new(&["TASK", "STATE", "RESULT", "WHAT"]);
    for task in tasks {
        table.row(vec![
            task.id.to_string(),
            task.state.to_string(),
            result_cell(task),
            task.title.clone(),
        ]);
    }
    table.print()
}

fn result_cell(task: &Task) -> String {
    match (&task.result, &task.failure) {
        (Some(TaskResult::Saved { path, bytes }), _) => {
            format!("{} ({bytes} bytes)", path.display())
        }
        (Some(TaskResult::Restored { stats }), _) => stats_words(task.kind, stats),
        (Some(TaskResult::Sent), _) => "sent".to_string(),
        (None, Some(failure)) => failure.reason.clone(),
        (None, None) => String::new(),
    }
}

/// 0 when all succeeded, 4 when some did, else the first failure's own status.
pub fn exit_status(tasks: &[Task]) -> u8 {
    let shares: Vec<Share> = tasks.iter().map(share).collect();
    if !shares.is_empty() && shares.iter().all(|s| *s == Share::All) {
        return EXIT_DONE;
    }
    if shares.iter().any(|s| *s != Share::None) {
        return EXIT_PARTLY;
    }
    tasks
        .iter()
        .find_map(|task| task.failure.as_ref().map(|failure| failure.exit_code))
        .unwrap_or(EXIT_FAILED)
}

/// How much of what one task was asked to do got done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Share {
    All,
    Some,
    None,
}

fn share(task: &Task) -> Share {
    if task.state != TaskState::Succeeded {
        return Share::None;
    }
    match &task.result {
        Some(TaskResult::Restored { stats }) if stats.failed_items_count > 0 => {
            if stats.restored_items_count > 0 {
                Share::Some
            } else {
                Share::None
            }
        }
        _ => Share::All,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::model::RestoreStats;
    use crate::tasks::{Failure, Progress, TaskId, TaskKind};

    fn task(state: TaskState, result: Option<TaskResult>, exit_code: u8) -> Task {
        Task {
            id: TaskId(1),
            kind: TaskKind::Restore,
            title: "t".into(),
            state,
            progress: Progress::default(),
            log: Vec::new(),
            failure: (state == TaskState::Failed).then(|| Failure {
                reason: "r".into(),
                exit_code,
            }),
            result,
            attempt: 1,
        }
    }

    fn restored(restored: u64, failed: u64) -> Option<TaskResult> {
        Some(TaskResult::Restored {
            stats: RestoreStats {
                restored_items_count: restored,
                failed_items_count: failed,
                ..RestoreStats::default()
            },
        })
    }

    #[test]
    fn the_exit_status_says_whether_all_some_or_none_succeeded() {
        let ok = || task(TaskState::Succeeded, Some(TaskResult::Sent), 0);
        let failed = |code| task(TaskState::Failed, None, code);
        assert_eq!(exit_status(&[ok(), ok()]), EXIT_DONE);
        assert_eq!(exit_status(&[ok(), failed(1)]), EXIT_PARTLY);
        assert_eq!(exit_status(&[failed(3), failed(1)]), 3);
        let partial = task(TaskState::Succeeded, restored(2, 1), 0);
        assert_eq!(exit_status(&[partial]), EXIT_PARTLY);
        let nothing = task(TaskState::Succeeded, restored(0, 4), 0);
        assert_eq!(exit_status(&[nothing]), EXIT_FAILED);
        let cancelled = task(TaskState::Cancelled, None, 0);
        assert_eq!(exit_status(&[cancelled]), EXIT_FAILED);
    }
}
