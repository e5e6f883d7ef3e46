//! End-to-end: the built binary in a real terminal (tmux), typed at and read as a person does.

mod support;

use std::path::Path;
use std::time::Duration;

use support::tmux::{Terminal, tmux_available};

/// How long one step of a flow may take to show on screen.
const STEP_SECS: u64 = 20;

fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_vbo-restore"))
}

fn step() -> Duration {
    Duration::from_secs(STEP_SECS)
}

#[test]
fn the_terminal_harness_reads_what_the_binary_prints_and_its_exit_status() {
    assert!(
        tmux_available(),
        "tmux is needed for the terminal tests (.ci/run installs it)"
    );
    let term = Terminal::start(binary(), &["--version"], &[("HOME", "/tmp")], (80, 24));
    term.wait_for("data folder:", Duration::from_secs(10));
    assert_eq!(term.wait_exit(Duration::from_secs(10)), 0);
    let transcript = term.transcript();
    assert!(transcript.contains("config file: /tmp/"), "{transcript}");
    assert!(transcript.contains("log file:"), "{transcript}");
}

/// Starts a restore session in the demo, opens Adele Vance's Documents and marks two
/// documents; returns the terminal showing them.
fn browse_and_mark_two(env: &[(&str, &str)], size: (u16, u16)) -> Terminal {
    let term = Terminal::start(binary(), &["--demo"], env, size);
    term.wait_for("Initiated by", step());
    term.settle(step());
    term.press(&["n"]);
    term.wait_for("Start a restore session", step());
    term.press(&["Enter", "Enter"]);
    term.wait_for("Adele Vance", step());
    term.press(&["Enter"]);
    term.wait_for("Welcome.docx", step());
    term.press(&["j", "Enter"]);
    term.wait_for("Budget.xlsx", step());
    term.press(&["j", "j", "Space", "j", "Space"]);
    let screen = term.wait_for("2 marked", step());
    assert!(screen.contains("Roadmap.pptx"), "{screen}");
    term
}

fn browse_mark_and_quit(env: &[(&str, &str)], size: (u16, u16)) {
    assert!(
        tmux_available(),
        "tmux is needed for the terminal tests (.ci/run installs it)"
    );
    let home = tempfile::tempdir().expect("temp home");
    let home_path = home.path().to_str().expect("utf-8").to_string();
    let mut full_env = vec![("HOME", home_path.as_str())];
    full_env.extend_from_slice(env);
    let term = browse_and_mark_two(&full_env, size);
    let screen = term.screen();
    assert!(
        !screen.contains('\u{1b}'),
        "no raw escape reaches the screen text"
    );
    term.keys(&["q"]);
    assert_eq!(term.wait_exit(step()), 0, "{}", term.screen());
}

#[test]
fn browsing_and_marking_work_at_80x24() {
    browse_mark_and_quit(&[("TERM", "xterm-256color")], (80, 24));
}

#[test]
fn browsing_and_marking_work_at_160x48() {
    browse_mark_and_quit(&[("TERM", "xterm-256color")], (160, 48));
}

#[test]
fn browsing_works_without_colour_and_on_a_plain_xterm() {
    browse_mark_and_quit(&[("NO_COLOR", "1"), ("TERM", "xterm-256color")], (80, 24));
    browse_mark_and_quit(&[("TERM", "xterm")], (80, 24));
}

#[test]
fn an_untrusted_certificate_is_pinned_in_the_profile_on_first_use() {
    assert!(
        tmux_available(),
        "tmux is needed for the terminal tests (.ci/run installs it)"
    );
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let config = vbo_restore::emulator::EmulatorConfig::default();
    let server = runtime
        .block_on(vbo_restore::emulator::Emulator::start(config))
        .expect("emulator");
    let home = tempfile::tempdir().expect("temp home");
    let file = home.path().join("config.toml");
    let profile = format!(
        "[profiles.lab]\nurl = \"{}\"\nuser = \"helpdesk\"\n",
        server.url()
    );
    std::fs::write(&file, &profile).expect("config");
    let env = [
        ("HOME", home.path().to_str().expect("utf-8")),
        ("VBO_RESTORE_CONFIG", file.to_str().expect("utf-8")),
        ("VBO_RESTORE_PASSWORD", "demo"),
    ];
    let term = Terminal::start(binary(), &[], &env, (100, 30));
    let screen = term.wait_for("Press p to trust it every time", step());
    assert!(screen.contains(&server.fingerprint()[..20]), "{screen}");
    term.press(&["p"]);
    term.wait_for("Initiated by", step());
    let written = std::fs::read_to_string(&file).expect("config");
    assert!(
        written.contains(&format!("fingerprint = \"{}\"", server.fingerprint())),
        "{written}"
    );
    assert!(
        written.starts_with(&profile),
        "the rest of the file is kept:\n{written}"
    );
    term.press(&["q"]);
    assert_eq!(term.wait_exit(step()), 0);
}
