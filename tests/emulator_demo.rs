//! The demo tenant's awkward names, plain HTTP, startup time, and the `demo` subcommand as
//! a user runs it.

mod emulator_support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use emulator_support::{Bed, drive_path};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use vbo_restore::emulator::tenant::names;
use vbo_restore::emulator::{Emulator, EmulatorConfig, tenant};

#[tokio::test]
async fn hostile_and_odd_names_come_through_unchanged() {
    let bed = Bed::default().await;
    let token = bed.login("v8").await;
    let session = bed.explore("v8", &token, false).await;
    let base = drive_path(&session, &tenant::hostile_onedrive_id());
    let folder = tenant::hostile_folder_id();
    let listing = format!("{base}/Documents?parentId={folder}&includeFolders=true&limit=100");
    let (_, raw) = bed.raw(Method::GET, "v8", &listing, &token, None).await;
    let text = String::from_utf8(raw).expect("UTF-8");
    let cut = names::CUT_EMOJI.replace(names::LONE_SURROGATE_MARKER, names::LONE_SURROGATE_ESCAPE);
    assert!(
        text.contains(&cut),
        "{cut} goes out with its lone surrogate escape"
    );
    assert!(!text.contains(names::LONE_SURROGATE_MARKER));
    // serde_json refuses the lone surrogate, so the rest is read with it replaced.
    let page: Value = serde_json::from_str(&text.replace(names::LONE_SURROGATE_ESCAPE, "\\uFFFD"))
        .expect("the page is JSON");
    let names: Vec<String> = page["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|i| i["name"].as_str().map(str::to_string))
        .collect();
    for wanted in [
        "report:*?\"<>|.docx",
        "trailing dots...",
        "CON",
        "../",
        "..",
        "\u{1b}[31mred alert\u{1b}[0m.txt",
        "\u{1b}]0;owned title\u{7}.txt",
        "bell\u{7}tab\tnewline\n.txt",
        "Quarterly report 🚀 final.docx",
    ] {
        assert!(names.iter().any(|n| n == wanted), "{wanted:?} missing");
    }
    assert!(
        names.iter().any(|n| n.chars().count() > 200),
        "a name of 200+ characters"
    );
    let doc = tenant::hostile_document_id();
    let (status, one) = bed
        .get("v8", &format!("{base}/Documents/{doc}"), &token)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(one["name"].as_str().expect("name").contains('\u{1b}'));
}

#[tokio::test]
async fn plain_http_serves_the_same_api() {
    let config = EmulatorConfig {
        plain_http: true,
        ..EmulatorConfig::default()
    };
    let bed = Bed::start(config).await;
    assert!(bed.emu.url().starts_with("http://"));
    assert!(bed.emu.fingerprint().is_empty());
    let token = bed.login("v7").await;
    let (_, orgs) = bed.get("v7", "Organizations", &token).await;
    let link = orgs[0]["_links"]["self"]["href"].as_str().expect("link");
    assert!(
        link.starts_with(&format!("{}/v7/", bed.emu.url())),
        "{link}"
    );
}

#[tokio::test]
async fn the_whole_tenant_starts_in_under_a_second() {
    let started = Instant::now();
    let emu = Emulator::start(EmulatorConfig::default())
        .await
        .expect("starts");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    let fingerprint = emu.fingerprint();
    assert!(
        fingerprint.starts_with("SHA256:") && fingerprint.len() == 7 + 64,
        "{fingerprint}"
    );
    assert!(
        emu.certificate_pem()
            .starts_with("-----BEGIN CERTIFICATE-----")
    );
    emu.shutdown().await;
}

/// A running `vbo-restore demo`, stopped when dropped (also when a test fails).
struct Demo(std::process::Child);

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs `vbo-restore demo` and answers the child and its banner lines, up to the last.
fn run_demo(extra: &[&str], password: Option<&str>) -> (Demo, Vec<String>) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vbo-restore"));
    command
        .args(["demo", "--listen", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::piped());
    if let Some(password) = password {
        command.env("VBO_RESTORE_DEMO_PASSWORD", password);
    }
    let mut child = Demo(command.spawn().expect("the binary runs"));
    let stdout = child.0.stdout.take().expect("stdout");
    let mut lines = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("a line");
        let last = line.starts_with("serving ");
        lines.push(line);
        if last {
            break;
        }
    }
    (child, lines)
}

#[tokio::test]
async fn the_demo_subcommand_says_where_it_listens_and_how_to_log_in() {
    let (_demo, lines) = run_demo(&["--plain-http", "--versions", "v7,v8"], Some("s3cret"));
    let url = lines[0]
        .strip_prefix("listening on http://127.0.0.1:")
        .map(|port| format!("http://127.0.0.1:{port}"));
    let text = lines.join("\n");
    assert!(url.is_some(), "{text}");
    assert!(
        text.contains("helpdesk")
            && text.contains("VBO_RESTORE_DEMO_PASSWORD")
            && !text.contains("s3cret"),
        "{text}"
    );
    assert!(
        text.contains("admin@contoso.onmicrosoft.com") && text.contains(tenant::APPLICATION_ID),
        "{text}"
    );
    let http = emulator_support::client_trusting(&[]);
    let login = |password: &'static str| {
        http.post(format!("{}/v8/token", url.clone().unwrap_or_default()))
            .form(&[
                ("grant_type", "password"),
                ("username", "helpdesk"),
                ("password", password),
            ])
            .send()
    };
    assert_eq!(
        login("s3cret").await.expect("answer").status(),
        StatusCode::OK
    );
    assert_eq!(
        login("demo").await.expect("answer").status(),
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn the_demo_over_https_prints_its_fingerprint() {
    let (demo, lines) = run_demo(&[], None);
    drop(demo);
    assert!(
        lines[0].starts_with("listening on https://127.0.0.1:"),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.contains("password demo")),
        "{lines:?}"
    );
    let fingerprint = lines
        .iter()
        .find_map(|l| l.strip_prefix("certificate fingerprint: "))
        .expect("a fingerprint line");
    assert!(
        fingerprint.starts_with("SHA256:") && fingerprint.len() == 71,
        "{fingerprint}"
    );
}
