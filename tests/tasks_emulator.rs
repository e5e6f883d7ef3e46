//! The runner against the emulator with the real client over HTTPS: the parallel limit,
//! cancelling a 2 GiB save, a reset connection and its retry, a v8 restore followed to its
//! end, and the audit log.

mod tasks_support;

use std::time::Duration;

use base64::Engine;

use tasks_support::{RESTORE_PASSWORD, emulator_config, files_in, runner, until, world};
use vbo_restore::api::{
    ApiVersion, ConflictPolicy, DocumentAction, RestoreAuth, Secret, VersionChoice,
};
use vbo_restore::emulator::{Fault, FaultKind, tenant};
use vbo_restore::tasks::{TaskChange, TaskRequest, TaskResult, TaskState};

const MIB: u64 = 1024 * 1024;

fn restore_with_password() -> DocumentAction {
    DocumentAction::RestoreToOriginal {
        version: VersionChoice::Last,
        on_conflict: ConflictPolicy::Keep,
        auth: RestoreAuth::Password {
            user: emulator_config().restore_user,
            password: Secret::new(RESTORE_PASSWORD),
        },
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_saves_run_at_once_and_the_fourth_waits() {
    let world = world(emulator_config(), None).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let runner = runner(3, None);
    let ids: Vec<_> = (0..4)
        .map(|_| {
            runner.submit_request(
                &world.client,
                world.save(world.large_document(), dir.path()),
            )
        })
        .collect();

    until(&runner, |board| {
        ids[..3].iter().all(|id| {
            board
                .task(*id)
                .is_some_and(|task| task.progress.bytes_done > 0)
        })
    })
    .await;
    let board = runner.board();
    assert_eq!(board.summary.running, 3, "{}", board.summary);
    assert_eq!(board.summary.queued, 1, "{}", board.summary);
    assert_eq!(board.task(ids[3]).expect("fourth").state, TaskState::Queued);
    assert!(board.summary.to_string().starts_with("3 running, 1 queued"));

    runner.shutdown().await;
    let board = runner.board();
    assert!(
        board
            .tasks
            .iter()
            .all(|task| task.state == TaskState::Cancelled)
    );
    assert_eq!(files_in(dir.path()), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_a_2_gib_save_midway_leaves_no_file_and_no_part() {
    let world = world(emulator_config(), None).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let runner = runner(3, None);
    let id = runner.submit_request(
        &world.client,
        world.save(world.large_document(), dir.path()),
    );

    until(&runner, |board| {
        board
            .task(id)
            .is_some_and(|task| task.progress.bytes_done >= 32 * MIB)
    })
    .await;
    let task = runner.board().task(id).cloned().expect("known");
    assert_eq!(task.state, TaskState::Running);
    assert_eq!(task.progress.bytes_total, Some(tenant::LARGE_DOCUMENT_SIZE));
    assert!(task.progress.bytes_done < tenant::LARGE_DOCUMENT_SIZE);
    assert!(
        files_in(dir.path())
            .iter()
            .any(|name| name.ends_with(".part"))
    );

    runner.cancel(id);
    let task = runner.wait(id).await.expect("known");
    assert_eq!(task.state, TaskState::Cancelled);
    assert_eq!(files_in(dir.path()), Vec::<String>::new());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_connection_fails_the_save_with_a_reason_and_a_retry_succeeds() {
    let world = world(emulator_config(), None).await;
    world
        .emulator
        .set_faults(vec![Fault::new(FaultKind::ResetAfter(64)).times(1)]);
    let dir = tempfile::tempdir().expect("temp dir");
    let runner = runner(3, None);
    let id = runner.submit_request(&world.client, world.save(world.welcome(), dir.path()));

    let failed = runner.wait(id).await.expect("known");
    assert_eq!(failed.state, TaskState::Failed, "{:?}", failed.log);
    let failure = failed.failure.expect("a failure");
    let reason = failure.reason.to_lowercase();
    assert!(
        reason.contains("broke off") || reason.contains("reset") || reason.contains("closed"),
        "unclear reason: {}",
        failure.reason
    );
    assert!(
        reason.contains("save"),
        "the reason names the request: {reason}"
    );
    assert_eq!(failure.exit_code, 1);
    assert_eq!(files_in(dir.path()), Vec::<String>::new());

    runner.retry(id);
    let task = runner.wait(id).await.expect("known");
    assert_eq!(task.state, TaskState::Succeeded, "{:?}", task.log);
    let Some(TaskResult::Saved { path, bytes }) = task.result else {
        panic!("not saved: {:?}", task.result);
    };
    assert_eq!(std::fs::metadata(&path).expect("saved file").len(), bytes);
    assert_eq!(files_in(dir.path()), ["Welcome.docx"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_v8_restore_is_followed_to_its_end_with_items_as_they_complete() {
    let mut config = emulator_config();
    config.async_restore_duration = Duration::from_millis(1_500);
    let world = world(config, Some(ApiVersion::V8)).await;
    let runner = runner(3, None);
    let mut events = runner.events();
    let request = TaskRequest::Action {
        target: world.documents_folder(),
        action: restore_with_password(),
    };
    let id = runner.submit_request(&world.client, request);

    let mut lines_before_end = 0;
    let mut ended = None;
    while ended.is_none() {
        let event = tokio::time::timeout(Duration::from_secs(30), events.recv())
            .await
            .expect("events in time")
            .expect("events open");
        match event.change {
            TaskChange::Log(_) if event.id == id => lines_before_end += 1,
            TaskChange::State(state) if event.id == id && state.is_finished() => {
                ended = Some(state)
            }
            _ => {}
        }
    }
    assert_eq!(ended, Some(TaskState::Succeeded));
    let task = runner.wait(id).await.expect("known");
    let Some(TaskResult::Restored { stats }) = &task.result else {
        panic!("no statistics: {:?}", task.log);
    };
    assert!(stats.restored_items_count > 0, "{stats:?}");
    assert!(
        lines_before_end >= 2,
        "only {lines_before_end} log lines before the end"
    );
    assert!(task.progress.items_done > 0);
    assert!(
        task.log
            .iter()
            .any(|line| line.contains(".docx") || line.contains(".xlsx")),
        "no item in the log: {:?}",
        task.log
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_log_records_each_action_and_never_a_secret() {
    let world = world(emulator_config(), None).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let audit_path = dir.path().join("data").join("audit.jsonl");
    let saves = dir.path().join("saves");
    let runner = runner(3, Some(&audit_path));

    let certificate = DocumentAction::RestoreToOriginal {
        version: VersionChoice::Last,
        on_conflict: ConflictPolicy::Overwrite,
        auth: RestoreAuth::Certificate {
            application_id: tenant::APPLICATION_ID.to_string(),
            certificate: tenant::certificate_path(),
            password: Secret::new(tenant::CERTIFICATE_PASSWORD),
        },
    };
    let requests = [
        TaskRequest::Action {
            target: world.welcome(),
            action: restore_with_password(),
        },
        TaskRequest::Action {
            target: world.documents_folder(),
            action: certificate,
        },
        world.save(world.welcome(), &saves),
    ];
    let ids: Vec<_> = requests
        .into_iter()
        .map(|request| runner.submit_request(&world.client, request))
        .collect();
    for id in &ids {
        let task = runner.wait(*id).await.expect("known");
        assert_eq!(task.state, TaskState::Succeeded, "{:?}", task.log);
    }

    let text = std::fs::read_to_string(&audit_path).expect("audit file");
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object a line"))
        .collect();
    assert_eq!(records.len(), 6, "{text}");
    for id in &ids {
        let of_task: Vec<&serde_json::Value> =
            records.iter().filter(|r| r["task"] == id.0).collect();
        assert_eq!(of_task.len(), 2);
        assert_eq!(of_task[0]["event"], "submitted");
        assert_eq!(of_task[1]["event"], "finished");
        assert_eq!(of_task[1]["result"], "succeeded");
        assert_eq!(of_task[1]["server"], world.client.server());
        assert_eq!(of_task[1]["apiUser"], "helpdesk");
        assert_eq!(of_task[1]["restoreSession"], world.session.as_str());
        assert_eq!(of_task[1]["onedrive"]["id"], world.first.id.as_str());
    }
    let finished = |id: usize| {
        records
            .iter()
            .find(|r| r["task"] == ids[id].0 && r["event"] == "finished")
            .expect("finished record")
    };
    assert_eq!(finished(0)["action"], "restore");
    assert_eq!(finished(0)["authMode"], "password");
    assert_eq!(finished(0)["items"][0]["name"], "Welcome.docx");
    assert_eq!(
        finished(0)["options"]["restoreUser"],
        emulator_config().restore_user
    );
    assert!(finished(0)["counts"]["restoredItemsCount"].is_u64());
    assert_eq!(finished(1)["authMode"], "certificate");
    assert_eq!(finished(1)["options"]["onConflict"], "overwrite");
    assert_eq!(finished(2)["action"], "save");
    assert!(
        finished(2)["savedBytes"]
            .as_u64()
            .is_some_and(|bytes| bytes > 0)
    );

    let certificate_base64 =
        base64::engine::general_purpose::STANDARD.encode(tenant::CERTIFICATE_BYTES);
    for secret in [
        tasks_support::API_PASSWORD,
        RESTORE_PASSWORD,
        tenant::CERTIFICATE_PASSWORD,
        &certificate_base64[..32],
        "access_token",
        "refresh_token",
        "Bearer",
    ] {
        assert!(!text.contains(secret), "the audit log holds {secret:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_save_waits_for_the_server_then_shows_bytes_and_ends_with_its_path() {
    let mut config = emulator_config();
    config.save_delay = Duration::from_millis(800);
    let world = world(config, None).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let runner = runner(3, None);
    let id = runner.submit_request(&world.client, world.save(world.welcome(), dir.path()));

    until(&runner, |board| {
        board
            .task(id)
            .is_some_and(|task| task.state == TaskState::WaitingForServer)
    })
    .await;
    assert_eq!(runner.board().summary.running, 1);
    let task = runner.wait(id).await.expect("known");
    assert_eq!(task.state, TaskState::Succeeded, "{:?}", task.log);
    let Some(TaskResult::Saved { path, bytes }) = &task.result else {
        panic!("not saved: {:?}", task.result);
    };
    assert_eq!(path, &dir.path().join("Welcome.docx"));
    assert_eq!(task.progress.bytes_done, *bytes);
    assert!(task.log.iter().any(|line| line.contains("Welcome.docx")));
}
