//! No secret (API password, restore password, certificate password, access or refresh token)
//! reaches the log file, the audit log, `--json` output, an error message or a process's
//! command line. The binary runs with the most talkative log level and every secret it may
//! hold, and everything it wrote is searched for them.

mod support;

use support::binary::{API_PASSWORD, RESTORE_PASSWORD, bench, stderr};
use vbo_restore::emulator::{EmulatorConfig, tenant};

/// What emulator tokens start with: `emu.<hex>` and `emu-refresh.<hex>`.
const TOKEN_MARKS: [&str; 2] = ["emu.", "emu-refresh."];

fn assert_clean(what: &str, text: &str) {
    for secret in [API_PASSWORD, RESTORE_PASSWORD, tenant::CERTIFICATE_PASSWORD] {
        assert!(
            !text.contains(secret),
            "{what} holds the secret {secret:?}:\n{text}"
        );
    }
    for mark in TOKEN_MARKS {
        let leaked = text.match_indices(mark).any(|(at, _)| {
            let rest = &text[at + mark.len()..];
            rest.len() >= 32 && rest[..32].chars().all(|c| c.is_ascii_hexdigit())
        });
        assert!(!leaked, "{what} holds a token ({mark}...):\n{text}");
    }
}

#[tokio::test]
async fn no_secret_reaches_logs_audit_json_or_errors() {
    let bench = bench().await;
    let session = bench.session().await;
    let drive = tenant::first_onedrive_id();
    let document = "Documents/Budget.xlsx";
    let user = EmulatorConfig::default().restore_user;
    let certificate = tenant::certificate_path();
    let trace = ["--log-level", "trace"];

    let mut outputs = Vec::new();
    let env = [("VBO_RESTORE_RESTORE_PASSWORD", RESTORE_PASSWORD)];
    let args = [
        "restore",
        &session,
        &drive,
        document,
        "--restore-user",
        &user,
        "--json",
    ];
    outputs.push(bench.run(&[&trace[..], &args[..]].concat(), &env).await);

    let env = [(
        "VBO_RESTORE_CERTIFICATE_PASSWORD",
        tenant::CERTIFICATE_PASSWORD,
    )];
    let cert = certificate.to_str().expect("utf-8 path");
    let args = ["copy", &session, &drive, document, "--to-onedrive", &drive];
    let auth = [
        "--app-id",
        tenant::APPLICATION_ID,
        "--certificate",
        cert,
        "--json",
    ];
    outputs.push(
        bench
            .run(&[&trace[..], &args[..], &auth[..]].concat(), &env)
            .await,
    );

    let wrong = [("VBO_RESTORE_RESTORE_PASSWORD", "Wrong-Restore-1234")];
    let args = [
        "restore",
        &session,
        &drive,
        document,
        "--restore-user",
        &user,
    ];
    let refused = bench.run(&[&trace[..], &args[..]].concat(), &wrong).await;
    assert_ne!(
        refused.status.code(),
        Some(0),
        "a wrong restore password is refused"
    );
    assert!(
        !stderr(&refused).contains("Wrong-Restore-1234"),
        "{}",
        stderr(&refused)
    );
    outputs.push(refused);

    let sessions = bench
        .run(&["--log-level", "trace", "sessions", "--json"], &[])
        .await;
    assert_eq!(sessions.status.code(), Some(0), "{}", stderr(&sessions));
    outputs.push(sessions);

    for (n, output) in outputs.iter().enumerate() {
        assert_clean(
            &format!("stdout of run {n}"),
            &String::from_utf8_lossy(&output.stdout),
        );
        assert_clean(&format!("stderr of run {n}"), &stderr(output));
    }
    let log = std::fs::read_to_string(bench.log_file()).expect("a log file was written");
    assert!(
        log.contains("TRACE") || log.contains("DEBUG"),
        "the log is talkative"
    );
    assert_clean("the log file", &log);
    let audit = std::fs::read_to_string(bench.audit_file()).expect("an audit file");
    assert!(
        audit.lines().count() >= 4,
        "every action is audited:\n{audit}"
    );
    assert_clean("the audit log", &audit);
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn a_running_command_shows_no_secret_in_its_command_line() {
    let bench = bench().await;
    let session = bench.session().await;
    let drive = tenant::big_onedrive_id();
    let out = bench.home.path().join("saves");
    let big = format!("{}/{}", "Video", tenant::LARGE_DOCUMENT_NAME);
    let out_arg = out.to_str().expect("utf-8").to_string();
    let args = [
        "save",
        session.as_str(),
        drive.as_str(),
        big.as_str(),
        "--out",
        &out_arg,
    ];
    let child = bench.spawn(&args, &[]);
    let pid = child.id().expect("running");
    // Right after the fork the child has no command line yet: wait for the exec.
    let mut cmdline = String::new();
    for _ in 0..50 {
        let bytes = std::fs::read(format!("/proc/{pid}/cmdline")).expect("cmdline");
        cmdline = String::from_utf8_lossy(&bytes).replace('\0', " ");
        if cmdline.contains("vbo-restore") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(cmdline.contains("save"), "{cmdline}");
    assert_clean("/proc/PID/cmdline", &cmdline);
    drop(child);
}
