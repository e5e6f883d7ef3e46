//! Following a command's tasks to their end, with a progress line on stderr when it is a
//! terminal.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use crate::tasks::{Board, Runner, Task, TaskId};
use crate::units::human_bytes;

/// The progress line is redrawn at most this often.
const PROGRESS_INTERVAL_MS: u64 = 200;

/// Waits until every task in `ids` has ended and answers them in the same order.
pub async fn follow(runner: &Runner, ids: &[TaskId]) -> Vec<Task> {
    let show = std::io::stderr().is_terminal();
    let drawing = show.then(|| tokio::spawn(draw(runner.clone(), ids.to_vec())));
    let mut finished = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(task) = runner.wait(*id).await {
            finished.push(task);
        }
    }
    if let Some(drawing) = drawing {
        drawing.abort();
        let _ = drawing.await;
        eprint!("\r\x1b[2K");
    }
    finished
}

async fn draw(runner: Runner, ids: Vec<TaskId>) {
    let mut watch = runner.watch();
    let mut last = Instant::now() - Duration::from_secs(1);
    while watch.changed().await.is_ok() {
        let since = last.elapsed();
        let interval = Duration::from_millis(PROGRESS_INTERVAL_MS);
        if since < interval {
            tokio::time::sleep(interval - since).await;
        }
        let line = progress_line(&watch.borrow_and_update(), &ids);
        eprint!("\r\x1b[2K{line}");
        let _ = std::io::stderr().flush();
        last = Instant::now();
    }
}

/// "2 running, 1 queued, 48 MiB/s: 1.2 GiB of 4.5 GiB".
pub fn progress_line(board: &Board, ids: &[TaskId]) -> String {
    let ours: Vec<&Task> = ids.iter().filter_map(|id| board.task(*id)).collect();
    let done: u64 = ours.iter().map(|task| task.progress.bytes_done).sum();
    let total: Option<u64> = ours.iter().map(|task| task.progress.bytes_total).sum();
    let items: u64 = ours.iter().map(|task| task.progress.items_done).sum();
    let mut line = board.summary.to_string();
    match total {
        Some(total) if total > 0 => {
            line.push_str(&format!(
                ": {} of {}",
                human_bytes(done),
                human_bytes(total)
            ));
        }
        _ if done > 0 => line.push_str(&format!(": {}", human_bytes(done))),
        _ if items > 0 => line.push_str(&format!(": {items} items")),
        _ => {}
    }
    line
}
