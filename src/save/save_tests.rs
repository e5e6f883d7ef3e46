use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use bytes::Bytes;
use futures::StreamExt;

use super::*;

fn chunks(parts: Vec<&'static [u8]>) -> impl futures::Stream<Item = Result<Bytes, io::Error>> {
    futures::stream::iter(parts.into_iter().map(|part| Ok(Bytes::from_static(part))))
}

fn body(parts: Vec<&'static [u8]>, length: Option<u64>) -> SaveBody {
    SaveBody::from_chunks(chunks(parts), length, false, "POST /v8/test/save")
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn a_complete_body_becomes_the_file_and_progress_counts_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut seen = Vec::new();
    let saved = save_body(
        body(vec![b"hello ", b"world"], Some(11)),
        dir.path(),
        "report.docx",
        &mut |bytes| seen.push(bytes),
        &CancellationToken::new(),
    )
    .await
    .expect("saved");
    assert_eq!(saved.bytes, 11);
    assert_eq!(saved.path, dir.path().join("report.docx"));
    assert_eq!(std::fs::read(&saved.path).expect("read"), b"hello world");
    assert_eq!(seen.last(), Some(&11));
    assert_eq!(names_in(dir.path()), vec!["report.docx"]);
}

#[tokio::test]
async fn an_existing_file_is_never_replaced() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), b"old").expect("write");
    std::fs::write(dir.path().join("a (1).txt"), b"older").expect("write");
    let saved = save_body(
        body(vec![b"new"], None),
        dir.path(),
        "a.txt",
        &mut |_| {},
        &CancellationToken::new(),
    )
    .await
    .expect("saved");
    assert_eq!(saved.path, dir.path().join("a (2).txt"));
    assert_eq!(
        std::fs::read(dir.path().join("a.txt")).expect("read"),
        b"old"
    );
    assert_eq!(std::fs::read(&saved.path).expect("read"), b"new");
}

#[tokio::test]
async fn a_short_body_leaves_nothing_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let error = save_body(
        body(vec![b"only part"], Some(100)),
        dir.path(),
        "big.bin",
        &mut |_| {},
        &CancellationToken::new(),
    )
    .await
    .expect_err("incomplete");
    assert!(
        matches!(
            error,
            SaveError::Incomplete {
                expected: 100,
                received: 9,
                ..
            }
        ),
        "{error}"
    );
    assert!(
        names_in(dir.path()).is_empty(),
        "{:?}",
        names_in(dir.path())
    );
}

#[tokio::test]
async fn a_broken_transfer_leaves_nothing_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let parts = futures::stream::iter(vec![
        Ok(Bytes::from_static(b"start")),
        Err(io::Error::new(
            io::ErrorKind::ConnectionReset,
            "reset by peer",
        )),
    ]);
    let broken = SaveBody::from_chunks(parts, None, true, "POST /v6/x/save");
    let error = save_body(
        broken,
        dir.path(),
        "x.zip",
        &mut |_| {},
        &CancellationToken::new(),
    )
    .await
    .expect_err("broken");
    assert!(error.to_string().contains("POST /v6/x/save"), "{error}");
    assert!(names_in(dir.path()).is_empty());
}

#[tokio::test]
async fn a_cancel_mid_transfer_removes_the_part_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cancel = CancellationToken::new();
    let trigger = cancel.clone();
    let started = Arc::new(AtomicBool::new(false));
    let flag = started.clone();
    // A first chunk, then a body that never ends.
    let endless =
        futures::stream::once(async { Ok(Bytes::from(vec![7u8; 2 * stream::BATCH_BYTES])) })
            .chain(futures::stream::pending());
    let slow = SaveBody::from_chunks(endless, None, false, "POST /v8/slow");
    let dir_path = dir.path().to_path_buf();
    let task = tokio::spawn(async move {
        save_body(
            slow,
            &dir_path,
            "slow.bin",
            &mut |_| flag.store(true, Ordering::SeqCst),
            &cancel,
        )
        .await
    });
    while !started.load(Ordering::SeqCst) {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    assert_eq!(names_in(dir.path()), vec!["slow.bin.part"]);
    trigger.cancel();
    let error = task.await.expect("joined").expect_err("cancelled");
    assert!(matches!(error, SaveError::Cancelled { .. }), "{error}");
    assert!(names_in(dir.path()).is_empty());
}

#[tokio::test]
async fn a_hostile_name_is_saved_under_a_safe_one_inside_the_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let saved = save_body(
        body(vec![b"x"], Some(1)),
        dir.path(),
        "../../etc/CON.txt. ",
        &mut |_| {},
        &CancellationToken::new(),
    )
    .await
    .expect("saved");
    assert_eq!(saved.path.parent(), Some(dir.path()));
    assert_eq!(names_in(dir.path()), vec![".._.._etc_CON.txt"]);
}

#[test]
fn a_missing_destination_is_created_and_a_file_is_no_destination() {
    let dir = tempfile::tempdir().expect("tempdir");
    let nested = dir.path().join("a/b");
    check_destination(&nested).expect("created");
    assert!(nested.is_dir());
    let file = dir.path().join("file");
    std::fs::write(&file, b"").expect("write");
    let error = check_destination(&file).expect_err("not a folder");
    assert!(error.to_string().contains("file"), "{error}");
    assert_eq!(error.exit_code(), 2);
}

#[cfg(unix)]
#[test]
fn an_unwritable_destination_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).expect("mkdir");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o500)).expect("chmod");
    let result = check_destination(&locked);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    // Root may write anywhere; the check is only meaningful for other users.
    if running_as_root() {
        return;
    }
    assert!(matches!(result, Err(SaveError::Destination { .. })));
}

fn running_as_root() -> bool {
    std::env::var("USER")
        .map(|user| user == "root")
        .unwrap_or(false)
        || std::fs::metadata("/root")
            .map(|_| std::fs::read_dir("/root").is_ok())
            .unwrap_or(false)
}
