//! The scripting commands take what the console takes and print what it prints: points in
//! time, organization names, starts of session ids, sizes, and hints on stopped sessions.

mod support;

use support::binary::{bench, stderr};
use vbo_restore::console::format;
use vbo_restore::emulator::tenant;
use vbo_restore::tasks::human_bytes;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sizes_in_tables_read_as_in_the_console() {
    let bench = bench().await;
    let session = bench.session().await;
    let first = tenant::first_onedrive_id();
    let listed = bench.json(&["ls", &session, &first, "--recursive"]).await;
    let output = bench
        .run(&["ls", &session, &first, "--recursive"], &[])
        .await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let table = String::from_utf8_lossy(&output.stdout);

    let mut differs = 0;
    for item in listed.as_array().expect("array") {
        let (Some(id), Some(bytes)) = (item["id"].as_str(), item["sizeBytes"].as_u64()) else {
            continue;
        };
        let row = table
            .lines()
            .find(|line| line.ends_with(id))
            .unwrap_or_else(|| panic!("no row for {id} in\n{table}"));
        let shown = format::size(bytes);
        assert!(row.contains(&format!("  {shown}  ")), "{shown} in {row}");
        if human_bytes(bytes) != shown {
            differs += 1;
        }
    }
    assert!(
        differs > 0,
        "no document tells the two ways of writing sizes apart"
    );
}
