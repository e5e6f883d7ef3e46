//! The scripting commands, run as the built binary against an emulator started here: JSON
//! output with the server's field names, saves through the runner, restores with the exact
//! body the emulator received, exit statuses, and safe names in tables.

use std::path::Path;

mod support;

use support::binary::{API_PASSWORD, RESTORE_PASSWORD, bench, stderr};
use vbo_restore::emulator::{EmulatorConfig, Fault, FaultKind, tenant};

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listings_print_json_with_the_servers_field_names() {
    let bench = bench().await;
    let orgs = bench.json(&["orgs"]).await;
    assert_eq!(orgs[0]["id"], tenant::organization_id());

    let session = bench.session().await;
    let onedrives = bench.json(&["onedrives", &session]).await;
    let first = tenant::first_onedrive_id();
    let adele = onedrives
        .as_array()
        .expect("array")
        .iter()
        .find(|o| o["id"] == first.as_str())
        .expect("the first OneDrive");
    let name = adele["name"].as_str().expect("name").to_string();

    // A OneDrive by its user's name, a document by its path from the root.
    let root = bench.json(&["ls", &session, &name]).await;
    let welcome = root
        .as_array()
        .expect("array")
        .iter()
        .find(|item| item["name"] == "Welcome.docx")
        .expect("Welcome.docx at the root");
    assert!(welcome["sizeBytes"].as_u64().is_some());
    let versions = bench
        .json(&["versions", &session, &name, "Welcome.docx"])
        .await;
    // The listing holds the current version; `versions` lists the earlier ones.
    let versions = versions.as_array().expect("array");
    assert_eq!(versions.len(), tenant::VERSIONED_DOCUMENT_VERSIONS - 1);
    assert!(
        versions
            .iter()
            .all(|v| v["name"] == "Welcome.docx" && v["id"].is_string())
    );

    let sessions = bench.json(&["sessions"]).await;
    assert!(
        sessions
            .as_array()
            .expect("array")
            .iter()
            .any(|s| s["id"] == session.as_str())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn save_writes_one_file_per_item_or_one_zip() {
    let bench = bench().await;
    let session = bench.session().await;
    let first = tenant::first_onedrive_id();
    let out = bench.home.path().join("saves");
    let out_text = out.display().to_string();
    let welcome = tenant::versioned_document_id();

    let output = bench
        .run(
            &[
                "save",
                &session,
                &first,
                &welcome,
                "Welcome.docx",
                "--out",
                &out_text,
            ],
            &[],
        )
        .await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(files_in(&out), ["Welcome (1).docx", "Welcome.docx"]);

    let zipped = bench.home.path().join("zipped");
    let zipped_text = zipped.display().to_string();
    let output = bench
        .run(
            &[
                "save",
                &session,
                &first,
                &welcome,
                "--zip",
                "--out",
                &zipped_text,
                "--json",
            ],
            &[],
        )
        .await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let tasks: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(tasks[0]["state"], "succeeded");
    let saved = files_in(&zipped);
    assert_eq!(saved.len(), 1);
    assert!(saved[0].ends_with(".zip"), "{saved:?}");

    let audit = std::fs::read_to_string(bench.audit_file()).expect("audit log");
    assert_eq!(audit.lines().count(), 6, "{audit}");
    assert!(!audit.contains(API_PASSWORD));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_sends_the_account_and_records_it_without_the_password() {
    let bench = bench().await;
    let session = bench.session().await;
    let first = tenant::first_onedrive_id();
    let user = EmulatorConfig::default().restore_user;
    let env = [("VBO_RESTORE_RESTORE_PASSWORD", RESTORE_PASSWORD)];

    let output = bench
        .run(
            &[
                "restore",
                &session,
                &first,
                "Welcome.docx",
                "--restore-user",
                &user,
                "--json",
            ],
            &env,
        )
        .await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let tasks: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(tasks[0]["result"]["type"], "restored");

    let received = bench.emulator.received();
    let restore = received
        .iter()
        .rev()
        .find(|r| r.path.to_lowercase().ends_with("/restore"))
        .expect("a restore request");
    let body = restore.body.to_string();
    assert!(body.contains(&user), "{body}");
    assert!(
        body.contains(RESTORE_PASSWORD),
        "the password went to the server: {body}"
    );

    let audit = std::fs::read_to_string(bench.audit_file()).expect("audit log");
    assert!(audit.contains("\"authMode\":\"password\""), "{audit}");
    assert!(!audit.contains(RESTORE_PASSWORD));
    assert!(!audit.contains(API_PASSWORD));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_statuses_tell_scripts_what_happened() {
    let bench = bench().await;
    let session = bench.session().await;
    let first = tenant::first_onedrive_id();
    let user = EmulatorConfig::default().restore_user;

    // 3: the API login is refused.
    let output = bench
        .run(&["orgs"], &[("VBO_RESTORE_PASSWORD", "wrong")])
        .await;
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    assert_eq!(
        stderr(&output).trim().lines().count(),
        1,
        "{}",
        stderr(&output)
    );

    // 2: no restore auth given; nothing is sent.
    let before = bench.emulator.received().len();
    let output = bench
        .run(&["restore", &session, &first, "Welcome.docx"], &[])
        .await;
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("--restore-user"));
    assert_eq!(bench.emulator.received().len(), before);

    // 2: an item that is not there.
    let output = bench
        .run(&["save", &session, &first, "No/such.docx"], &[])
        .await;
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));

    // 1: the server refuses the restore account's password.
    let env = [("VBO_RESTORE_RESTORE_PASSWORD", "not-it")];
    let args = [
        "restore",
        &session,
        &first,
        "Welcome.docx",
        "--restore-user",
        &user,
    ];
    let output = bench.run(&args, &env).await;
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));

    // 4: one of two saves fails.
    let welcome = tenant::versioned_document_id().to_lowercase();
    bench.emulator.set_faults(vec![
        Fault::new(FaultKind::Status(500)).on(&format!("*/documents/{welcome}/save")),
    ]);
    let out = bench.home.path().join("partly");
    let out_text = out.display().to_string();
    let output = bench
        .run(
            &[
                "save",
                &session,
                &first,
                "Welcome.docx",
                "Documents",
                "--out",
                &out_text,
            ],
            &[],
        )
        .await;
    assert_eq!(output.status.code(), Some(4), "{}", stderr(&output));
    assert_eq!(files_in(&out).len(), 1, "{:?}", files_in(&out));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tables_never_pass_escape_sequences_to_the_terminal() {
    let bench = bench().await;
    let session = bench.session().await;
    let hostile = tenant::hostile_onedrive_id();
    let folder = tenant::hostile_folder_id();
    let output = bench.run(&["ls", &session, &hostile, &folder], &[]).await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.len() > 40);
    assert!(
        !output.stdout.contains(&0x1b),
        "an escape byte reached stdout"
    );
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.lines()
            .next()
            .is_some_and(|header| header.starts_with("TYPE"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_device_code_restore_prints_the_code_and_waits_for_the_sign_in() {
    let bench = bench().await;
    let session = bench.session().await;
    let first = tenant::first_onedrive_id();
    let args = [
        "restore",
        &session,
        &first,
        "Welcome.docx",
        "--device-code",
        "--json",
    ];
    let output = bench.run(&args, &[]).await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(
        text.contains("devicelogin") && text.contains("enter the code"),
        "{text}"
    );
    let tasks: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(tasks[0]["state"], "succeeded");
    assert!(
        tasks[0]["attempt"].as_u64().is_some_and(|n| n >= 2),
        "{tasks}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_profile_allows_saves_only_and_lends_its_restore_account() {
    let bench = bench().await;
    let session = bench.session().await;
    let first = tenant::first_onedrive_id();
    let user = EmulatorConfig::default().restore_user;
    let config = bench.home.path().join("config.toml");
    let text = format!(
        "[profiles.ro]\nread_only = true\n\n[profiles.rw]\n\n[profiles.rw.restore]\nuser = \"{user}\"\n"
    );
    std::fs::write(&config, text).expect("config file");
    let config_text = config.display().to_string();

    let before = bench.emulator.received().len();
    let args = [
        "--config",
        &config_text,
        "--profile",
        "ro",
        "restore",
        &session,
        &first,
    ];
    let mut restore = args.to_vec();
    restore.extend(["Welcome.docx", "--restore-user", &user]);
    let output = bench.run(&restore, &[]).await;
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("read-only"), "{}", stderr(&output));
    assert_eq!(bench.emulator.received().len(), before, "nothing was sent");

    // The rw profile's [restore] user is used when no AUTH flag is given.
    let env = [("VBO_RESTORE_RESTORE_PASSWORD", RESTORE_PASSWORD)];
    let args = [
        "--config",
        &config_text,
        "--profile",
        "rw",
        "restore",
        &session,
        &first,
    ];
    let mut restore = args.to_vec();
    restore.push("Welcome.docx");
    let output = bench.run(&restore, &env).await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    // As `vbo-restore orgs --json | head -1` does: the pipe's reader is gone before the
    // command writes.
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let home = tempfile::tempdir().expect("temp home");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_vbo-restore"))
        .args(["--demo", "orgs", "--json"])
        .env_clear()
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .stdin(std::process::Stdio::null())
        .stdout(writer)
        .output()
        .expect("the binary runs");
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert!(said.is_empty(), "nothing on stderr: {said}");
}
