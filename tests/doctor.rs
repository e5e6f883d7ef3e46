//! `doctor` against the emulator: healthy, untrusted certificate, wrong password, server down.

use std::path::Path;

use vbo_restore::api::{Secret, Trust};
use vbo_restore::config::Config;
use vbo_restore::doctor::{self, Check, DoctorInput, Verdict};
use vbo_restore::emulator::{Emulator, EmulatorConfig};

fn config() -> Config {
    Config::load(Some(Path::new("config.example.toml"))).expect("the example config loads")
}

fn input<'a>(config: &'a Config, server: &Emulator, dir: &Path) -> DoctorInput<'a> {
    DoctorInput {
        config,
        profile: Some("lab".to_string()),
        url: server.url(),
        api: None,
        user: "helpdesk".to_string(),
        password: Some(Secret::new("demo")),
        trust: Trust {
            fingerprint: Some(server.fingerprint()),
            ..Trust::default()
        },
        download_dir: dir.to_path_buf(),
        demo: false,
    }
}

fn find<'a>(checks: &'a [Check], name: &str) -> &'a Check {
    checks
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no {name} check in {checks:#?}"))
}

async fn emulator() -> Emulator {
    Emulator::start(EmulatorConfig::default())
        .await
        .expect("starts")
}

#[tokio::test]
async fn a_healthy_server_passes_every_check() {
    let server = emulator().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let config = config();
    let checks = doctor::run(&input(&config, &server, dir.path())).await;
    let report: Vec<String> = checks.iter().map(ToString::to_string).collect();
    assert!(doctor::healthy(&checks), "{report:#?}");
    assert!(
        find(&checks, "server")
            .detail
            .contains(&server.fingerprint())
    );
    assert!(
        find(&checks, "API versions")
            .detail
            .contains("v4, v5, v6, v7, v8")
    );
    let login = find(&checks, "login");
    assert_eq!(login.verdict, Verdict::Pass, "{login}");
    assert!(login.detail.contains("API v8"), "{login}");
    assert!(login.detail.contains("3600 s"), "{login}");
    assert_eq!(find(&checks, "download folder").verdict, Verdict::Pass);
    assert!(
        !report.join("\n").contains("demo"),
        "no password in the report"
    );
}

#[tokio::test]
async fn an_untrusted_certificate_fails_with_the_pin_line() {
    let server = emulator().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let config = config();
    let mut untrusted = input(&config, &server, dir.path());
    untrusted.trust = Trust::default();
    let checks = doctor::run(&untrusted).await;
    assert!(!doctor::healthy(&checks));
    let cert = find(&checks, "certificate");
    assert_eq!(cert.verdict, Verdict::Fail);
    let fix = cert.fix.as_deref().expect("a fix");
    assert!(
        fix.contains(&format!("fingerprint = \"{}\"", server.fingerprint())),
        "{fix}"
    );
    assert!(fix.contains("[profiles.lab]"), "{fix}");
    assert_eq!(find(&checks, "login").verdict, Verdict::Skipped);
}

#[tokio::test]
async fn a_wrong_password_fails_the_login_and_says_what_to_check() {
    let server = emulator().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let config = config();
    let mut wrong = input(&config, &server, dir.path());
    wrong.password = Some(Secret::new("not-the-password"));
    let checks = doctor::run(&wrong).await;
    let login = find(&checks, "login");
    assert_eq!(login.verdict, Verdict::Fail, "{login}");
    assert!(
        login
            .fix
            .as_deref()
            .unwrap_or_default()
            .contains("VBO_RESTORE_PASSWORD")
    );
    assert!(!login.to_string().contains("not-the-password"), "{login}");
}

#[tokio::test]
async fn a_server_that_is_down_fails_reach_and_skips_the_rest() {
    let server = emulator().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let config = config();
    let down = input(&config, &server, dir.path());
    server.stop_serving();
    let checks = doctor::run(&down).await;
    let reach = find(&checks, "server");
    assert_eq!(reach.verdict, Verdict::Fail, "{reach}");
    assert!(
        reach.fix.as_deref().unwrap_or_default().contains("url"),
        "{reach}"
    );
    assert_eq!(find(&checks, "login").verdict, Verdict::Skipped);
    assert_eq!(find(&checks, "download folder").verdict, Verdict::Pass);
}

#[tokio::test]
async fn an_unwritable_download_folder_fails_with_a_fix() {
    let server = emulator().await;
    let config = config();
    let file = tempfile::NamedTempFile::new().expect("a file");
    let checks = doctor::run(&input(&config, &server, &file.path().join("sub"))).await;
    let download = find(&checks, "download folder");
    assert_eq!(download.verdict, Verdict::Fail, "{download}");
    assert!(
        download
            .fix
            .as_deref()
            .unwrap_or_default()
            .contains("download_dir")
    );
}

#[test]
fn the_doctor_command_reports_and_sets_the_exit_status() {
    let home = tempfile::tempdir().expect("tempdir");
    std::fs::write(home.path().join("config.toml"), "").expect("an empty config");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_vbo-restore"))
            .args(args)
            .env("HOME", home.path())
            .env("VBO_RESTORE_CONFIG", home.path().join("config.toml"))
            .env("VBO_RESTORE_PASSWORD", "demo")
            .current_dir(home.path())
            .output()
            .expect("runs")
    };
    let healthy = run(&["--demo", "doctor"]);
    let text = String::from_utf8_lossy(&healthy.stdout);
    assert_eq!(healthy.status.code(), Some(0), "{text}");
    assert!(
        text.contains("[ok  ] login: logged in as helpdesk"),
        "{text}"
    );

    let down = run(&[
        "--url",
        "https://127.0.0.1:9",
        "--user",
        "helpdesk",
        "doctor",
    ]);
    let text = String::from_utf8_lossy(&down.stdout);
    assert_eq!(down.status.code(), Some(1), "{text}");
    assert!(text.contains("[FAIL] server"), "{text}");
    assert!(text.contains("fix: check `url`"), "{text}");
}

#[test]
fn the_demo_needs_no_config_file() {
    let home = tempfile::tempdir().expect("tempdir");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_vbo-restore"))
            .args(args)
            .env_clear()
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_STATE_HOME", home.path().join("state"))
            .current_dir(home.path())
            .output()
            .expect("runs")
    };
    let demo = run(&["--demo", "doctor"]);
    let text = String::from_utf8_lossy(&demo.stdout);
    assert_eq!(demo.status.code(), Some(0), "{text}");
    let line = text
        .lines()
        .find(|line| line.contains("config file"))
        .unwrap_or_else(|| panic!("no config line in {text}"));
    assert!(line.starts_with("[ok  ]"), "{line}");
    assert!(line.contains("not needed for the demo"), "{line}");

    // Without the demo, a missing config file is still worth a warning.
    let profile = run(&[
        "--url",
        "https://127.0.0.1:9",
        "--user",
        "helpdesk",
        "doctor",
    ]);
    let text = String::from_utf8_lossy(&profile.stdout);
    assert!(
        text.contains("[warn] config file") && text.contains("defaults are used"),
        "{text}"
    );
}
