//! The scripting commands take what the console takes and print what it prints: points in
//! time, organization names, starts of session ids, sizes, and hints on stopped sessions.

mod support;

use support::binary::{bench, stderr};
use vbo_restore::console::format;
use vbo_restore::emulator::tenant;
use vbo_restore::units::human_bytes;

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

/// The `dateTime` the last explore sent.
fn explored_at(bench: &support::binary::Bench) -> serde_json::Value {
    let received = bench.emulator.received();
    let explore = received
        .iter()
        .rev()
        .find(|r| r.method == "POST" && r.path.to_lowercase().ends_with("/explore"))
        .expect("an explore was sent");
    explore.body["dateTime"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn explore_at_takes_the_consoles_points_in_time() {
    let bench = bench().await;
    let org = tenant::organization_id();
    for (typed, sent) in [
        ("2026-12-01", "2026-12-01T23:59:59Z"),
        ("2026-12-01 18:00", "2026-12-01T18:00:00Z"),
        ("2026-12-01T18:00:00+01:00", "2026-12-01T17:00:00Z"),
    ] {
        let output = bench.run(&["explore", &org, "--at", typed], &[]).await;
        assert_eq!(
            output.status.code(),
            Some(0),
            "{typed}: {}",
            stderr(&output)
        );
        assert_eq!(explored_at(&bench), sent, "{typed}");
    }
    let output = bench.run(&["explore", &org, "--at", "latest"], &[]).await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(explored_at(&bench).is_null(), "latest sends no time");

    let before = bench.emulator.received().len();
    let output = bench
        .run(&["explore", &org, "--at", "yesterday"], &[])
        .await;
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains("--at") && message.contains("\"yesterday\""),
        "{message}"
    );
    assert!(message.contains("2026-11-30 18:00"), "{message}");
    let explores = bench.emulator.received()[before..]
        .iter()
        .filter(|r| r.path.to_lowercase().ends_with("/explore"))
        .count();
    assert_eq!(explores, 0, "nothing explored for a bad time");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn explore_takes_an_organization_by_name() {
    let bench = bench().await;
    let org = tenant::organization_id();
    for name in ["contoso", "Contoso.onmicrosoft.com"] {
        let sessions = bench.json(&["explore", name]).await;
        assert!(sessions[0]["id"].is_string(), "{name}: {sessions}");
        let explored = bench.emulator.received();
        let explore = explored.last().expect("a request");
        assert!(
            explore.path.contains(&org),
            "{name} explores {org}: {}",
            explore.path
        );
    }
    let output = bench.run(&["explore", "northwind"], &[]).await;
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("\"northwind\""), "{message}");
    assert!(
        message.contains(&format!("{} ({org})", tenant::ORGANIZATION_NAME)),
        "the organizations are named: {message}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_is_named_by_a_unique_start_of_its_id() {
    let bench = bench().await;
    let session = bench.session().await;
    let first = tenant::first_onedrive_id();
    let start = &session[..8];
    let by_id = bench.json(&["ls", &session, &first]).await;
    let by_start = bench.json(&["ls", start, &first]).await;
    assert_eq!(by_id, by_start);
    for args in [
        vec!["onedrives", start],
        vec!["events", start],
        vec!["versions", start, &first, "Welcome.docx"],
    ] {
        let output = bench.run(&args, &[]).await;
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let out = bench.home.path().join("saved");
    let out_text = out.display().to_string();
    let save = ["save", start, &first, "Welcome.docx", "--out", &out_text];
    let output = bench.run(&save, &[]).await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(out.join("Welcome.docx").exists());

    let output = bench.run(&["ls", &session[..6], &first], &[]).await;
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("at least 8"),
        "{}",
        stderr(&output)
    );

    let unknown = if start.starts_with("ffff") {
        "00000000"
    } else {
        "ffffffff"
    };
    let output = bench.run(&["onedrives", unknown], &[]).await;
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(
        message.contains(&format!("starts with \"{unknown}\"")),
        "{message}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stopped_session_says_to_start_a_new_one() {
    let bench = bench().await;
    let session = bench.session().await;
    let first = tenant::first_onedrive_id();
    let output = bench.run(&["stop", &session], &[]).await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    for args in [vec!["ls", &session, &first], vec!["onedrives", &session]] {
        let output = bench.run(&args, &[]).await;
        assert_eq!(
            output.status.code(),
            Some(1),
            "{args:?}: {}",
            stderr(&output)
        );
        let message = stderr(&output);
        assert!(
            message.contains("is not active"),
            "the server's text: {message}"
        );
        assert!(
            message.contains("start a new one with `vbo-restore explore ORG`"),
            "{message}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_onedrive_is_named_by_its_display_name_or_user_name_as_open_does() {
    let bench = bench().await;
    let session = bench.session().await;
    let by_id = bench
        .json(&["ls", &session, &tenant::first_onedrive_id()])
        .await;
    for name in ["Adele Vance", "adele vance", "adelev"] {
        let by_name = bench.json(&["ls", &session, name]).await;
        assert_eq!(by_id, by_name, "{name:?}");
    }
    let output = bench.run(&["ls", &session, "nobody"], &[]).await;
    assert_ne!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains("\"nobody\""),
        "{}",
        stderr(&output)
    );
}
