//! The runner core with a stand-in job: queue order, limits, cancel, retry, clear, shutdown,
//! and how often the board is published.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use futures::FutureExt;
use futures::future::BoxFuture;

use vbo_restore::audit::AuditAction;
use vbo_restore::tasks::{
    Failure, Job, JobContext, Runner, RunnerSettings, TaskId, TaskKind, TaskResult, TaskState,
};

/// Writes `<dir>/<name>.part` in steps, then renames it; fails its first `failures` runs.
struct StepJob {
    dir: PathBuf,
    name: String,
    steps: u32,
    step: Duration,
    failures: AtomicU32,
    runs: Arc<AtomicU32>,
}

impl StepJob {
    fn new(dir: &std::path::Path, name: &str, steps: u32, step_ms: u64) -> StepJob {
        StepJob {
            dir: dir.to_path_buf(),
            name: name.to_string(),
            steps,
            step: Duration::from_millis(step_ms),
            failures: AtomicU32::new(0),
            runs: Arc::new(AtomicU32::new(0)),
        }
    }
}

impl Job for StepJob {
    fn kind(&self) -> TaskKind {
        TaskKind::Save
    }

    fn title(&self) -> String {
        format!("save {}", self.name)
    }

    fn audit(&self) -> Option<AuditAction> {
        None
    }

    fn run(&self, context: JobContext) -> BoxFuture<'static, Result<TaskResult, Failure>> {
        self.runs.fetch_add(1, Ordering::SeqCst);
        let fail = self
            .failures
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .is_ok();
        let part = self.dir.join(format!("{}.part", self.name));
        let done = self.dir.join(&self.name);
        let (steps, step) = (self.steps, self.step);
        async move {
            context.partial_file(part.clone());
            std::fs::write(&part, b"").expect("part file");
            context.bytes_total(u64::from(steps) * 1_000);
            let mut counter = context.byte_counter();
            for n in 0..steps {
                // Stops at the flag, leaving its `.part` for the runner to remove.
                tokio::select! {
                    () = tokio::time::sleep(step) => {}
                    () = context.cancel_token().cancelled() => {
                        return Err(Failure { reason: "cancelled".into(), exit_code: 1 });
                    }
                }
                counter.add(1_000);
                if fail && n == steps / 2 {
                    return Err(Failure {
                        reason: "the connection was reset".into(),
                        exit_code: 1,
                    });
                }
            }
            counter.flush();
            std::fs::rename(&part, &done).expect("rename");
            Ok(TaskResult::Saved {
                path: done,
                bytes: u64::from(steps) * 1_000,
            })
        }
        .boxed()
    }
}

fn runner(max: usize) -> Runner {
    Runner::start(RunnerSettings {
        max_parallel_tasks: max,
        audit: None,
    })
}

async fn until(runner: &Runner, what: impl Fn(&vbo_restore::tasks::Board) -> bool) {
    let mut watch = runner.watch();
    let waited = tokio::time::timeout(Duration::from_secs(10), async {
        while !what(&watch.borrow_and_update()) {
            watch.changed().await.expect("runner alive");
        }
    });
    waited
        .await
        .expect("the board reached the expected state in time");
}

#[tokio::test]
async fn tasks_start_first_in_first_out_within_the_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let runner = runner(2);
    let ids: Vec<TaskId> = (0..4)
        .map(|n| runner.submit(Arc::new(StepJob::new(dir.path(), &format!("f{n}"), 10, 20))))
        .collect();

    until(&runner, |board| board.tasks.len() == 4).await;
    let board = runner.board();
    assert_eq!(board.summary.running, 2);
    assert_eq!(board.summary.queued, 2);
    assert!(board.task(ids[0]).expect("first").state.is_active());
    assert!(board.task(ids[1]).expect("second").state.is_active());
    assert_eq!(board.task(ids[3]).expect("fourth").state, TaskState::Queued);

    let first = runner.wait(ids[0]).await.expect("known");
    assert_eq!(first.state, TaskState::Succeeded);
    for id in &ids {
        let task = runner.wait(*id).await.expect("known");
        assert_eq!(task.state, TaskState::Succeeded, "{:?}", task.log);
        assert_eq!(task.progress.bytes_done, 10_000);
    }
    assert!(dir.path().join("f3").exists());
}

#[tokio::test]
async fn cancel_drops_the_job_and_removes_its_partial_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let runner = runner(3);
    let id = runner.submit(Arc::new(StepJob::new(dir.path(), "big.bin", 1_000, 10)));
    until(&runner, |board| {
        board
            .task(id)
            .is_some_and(|task| task.progress.bytes_done > 0)
    })
    .await;
    assert!(dir.path().join("big.bin.part").exists());

    runner.cancel(id);
    let task = runner.wait(id).await.expect("known");
    assert_eq!(task.state, TaskState::Cancelled);
    assert!(!dir.path().join("big.bin.part").exists());
    assert!(!dir.path().join("big.bin").exists());
}

#[tokio::test]
async fn a_failed_task_retries_with_the_same_inputs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let runner = runner(3);
    let job = StepJob::new(dir.path(), "doc.docx", 6, 5);
    job.failures.store(1, Ordering::SeqCst);
    let runs = job.runs.clone();
    let id = runner.submit(Arc::new(job));

    let failed = runner.wait(id).await.expect("known");
    assert_eq!(failed.state, TaskState::Failed);
    let failure = failed.failure.expect("a failure");
    assert!(failure.reason.contains("reset"), "{}", failure.reason);
    assert!(!dir.path().join("doc.docx.part").exists());

    runner.retry(id);
    let retried = runner.wait(id).await.expect("known");
    assert_eq!(retried.state, TaskState::Succeeded, "{:?}", retried.log);
    assert_eq!(retried.attempt, 2);
    assert_eq!(runs.load(Ordering::SeqCst), 2);
    assert!(dir.path().join("doc.docx").exists());
}

#[tokio::test]
async fn clear_finished_keeps_the_running_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let runner = runner(3);
    let quick = runner.submit(Arc::new(StepJob::new(dir.path(), "quick", 1, 1)));
    let slow = runner.submit(Arc::new(StepJob::new(dir.path(), "slow", 1_000, 10)));
    runner.wait(quick).await.expect("known");

    runner.clear_finished();
    until(&runner, |board| board.tasks.len() == 1).await;
    assert_eq!(runner.board().tasks[0].id, slow);
    assert!(runner.wait(quick).await.is_none());
}

#[tokio::test]
async fn shutdown_cancels_running_and_queued_tasks_and_removes_partial_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let runner = runner(1);
    let running = runner.submit(Arc::new(StepJob::new(dir.path(), "a", 1_000, 10)));
    let queued = runner.submit(Arc::new(StepJob::new(dir.path(), "b", 1_000, 10)));
    until(&runner, |board| {
        board
            .task(running)
            .is_some_and(|task| task.progress.bytes_done > 0)
    })
    .await;

    runner.shutdown().await;
    let board = runner.board();
    assert_eq!(board.task(running).expect("a").state, TaskState::Cancelled);
    assert_eq!(board.task(queued).expect("b").state, TaskState::Cancelled);
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
    assert!(left.is_empty(), "files left behind: {left:?}");
}

#[tokio::test]
async fn progress_alone_is_published_about_ten_times_a_second() {
    let dir = tempfile::tempdir().expect("temp dir");
    let runner = runner(3);
    // 2,000 advances a millisecond apart: far more than ten a second.
    let id = runner.submit(Arc::new(StepJob::new(dir.path(), "many", 400, 1)));
    let mut watch = runner.watch();
    let started = Instant::now();
    let mut publications = 0u32;
    loop {
        watch.changed().await.expect("runner alive");
        publications += 1;
        if watch
            .borrow()
            .task(id)
            .is_some_and(|t| t.state.is_finished())
        {
            break;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    // A few state changes come on top of the progress ticks.
    let allowed = (seconds * 10.0).ceil() as u32 + 6;
    assert!(
        publications <= allowed,
        "{publications} publications in {seconds:.2} s (allowed {allowed})"
    );
    assert!(publications >= 2, "only {publications} publications");
}
