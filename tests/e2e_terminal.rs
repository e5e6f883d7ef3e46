//! End-to-end: the built binary in a real terminal (tmux), typed at and read as a person does.

mod support;

use std::path::Path;
use std::time::Duration;

use support::tmux::{Terminal, tmux_available};

fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_vbo-restore"))
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
