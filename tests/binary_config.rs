//! The built binary, run on broken configuration files, says what is wrong and exits 2.

use std::path::Path;
use std::process::{Command, Output};

fn run_with_config(path: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vbo-restore"))
        .args(args)
        .env("VBO_RESTORE_CONFIG", path)
        .env("HOME", path.parent().unwrap_or(Path::new("/tmp")))
        .output()
        .expect("the binary runs")
}

fn write(dir: &tempfile::TempDir, text: &str) -> std::path::PathBuf {
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).expect("write config");
    path
}

#[test]
fn an_unknown_key_stops_with_file_line_and_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(
        &dir,
        "[profiles.a]\nurl = \"https://x\"\nfingerprnt = \"SHA256:00\"\n",
    );
    let out = run_with_config(&path, &["--version"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&path.display().to_string()), "{stderr}");
    assert!(stderr.contains("line 3"), "{stderr}");
    assert!(stderr.contains("fingerprnt"), "{stderr}");
}

#[test]
fn a_bad_value_names_what_is_allowed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(&dir, "[profiles.a]\napi = \"v3\"\n");
    let out = run_with_config(&path, &["--version"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("allowed: auto, v4, v5, v6, v7, v8"),
        "{stderr}"
    );
}

#[test]
fn a_timeout_of_zero_is_refused_by_its_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(&dir, "save_read_timeout = 0\n");
    let out = run_with_config(&path, &["--version"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("save_read_timeout 0 is out of range"),
        "{stderr}"
    );
    assert!(stderr.contains("1 to 172800"), "{stderr}");
}

#[test]
fn version_prints_the_config_log_and_data_paths() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(&dir, "max_parallel_tasks = 2\n");
    let out = run_with_config(&path, &["--version"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.starts_with("vbo-restore "), "{stdout}");
    assert!(
        stdout.contains(&format!("config file: {}", path.display())),
        "{stdout}"
    );
    assert!(stdout.contains("log file:"), "{stdout}");
    assert!(stdout.contains("data folder:"), "{stdout}");
}

#[test]
fn a_bad_log_level_is_refused_before_anything_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(&dir, "");
    let args = ["--log-level", "chatty", "demo", "--listen", "127.0.0.1:0"];
    let out = run_with_config(&path, &args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("\"chatty\""), "{stderr}");
    assert!(
        stderr.contains("allowed: error, warn, info, debug, trace"),
        "{stderr}"
    );
}
