//! What the binary prints besides listings: completion scripts, the man page and the bug
//! report, and how every command behaves when its reader goes away early (`| head`).

use std::process::Stdio;

mod support;

use support::binary::{API_PASSWORD, Bench, bench, stderr};

/// Runs `args` with standard output a pipe whose reading end is closed before the program
/// writes anything, and answers its exit status and standard error.
async fn run_into_closed_pipe(bench: &Bench, args: &[&str]) -> (Option<i32>, String) {
    let mut command = bench.command(args, &[]);
    command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let mut child = command.spawn().expect("the binary starts");
    drop(child.stdout.take());
    let output = child.wait_with_output().await.expect("the binary ends");
    (output.status.code(), stderr(&output))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_that_closes_early_is_not_an_error() {
    let bench = bench().await;
    for args in [
        &["orgs"][..],
        &["orgs", "--json"],
        &["completions", "bash"],
        &["man"],
    ] {
        let (status, err) = run_into_closed_pipe(&bench, args).await;
        assert_eq!(status, Some(0), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_shell_gets_a_completion_script_and_the_man_page_is_roff() {
    let bench = bench().await;
    let markers = [
        ("bash", "complete -F"),
        ("zsh", "#compdef vbo-restore"),
        ("fish", "complete -c vbo-restore"),
        ("powershell", "Register-ArgumentCompleter"),
    ];
    for (shell, marker) in markers {
        let output = bench.run(&["completions", shell], &[]).await;
        assert_eq!(
            output.status.code(),
            Some(0),
            "{shell}: {}",
            stderr(&output)
        );
        let script = String::from_utf8(output.stdout).expect("utf-8");
        assert!(script.contains(marker), "{shell} script lacks {marker:?}");
        for word in ["doctor", "restore", "profile", "fingerprint"] {
            assert!(script.contains(word), "{shell} script lacks {word}");
        }
    }
    let refused = bench.run(&["completions", "tcsh"], &[]).await;
    assert_eq!(refused.status.code(), Some(2));
    assert!(stderr(&refused).contains("powershell"), "names the shells");

    let man = bench.run(&["man"], &[]).await;
    assert_eq!(man.status.code(), Some(0), "{}", stderr(&man));
    let page = String::from_utf8(man.stdout).expect("utf-8");
    assert!(page.contains(".TH vbo-restore 1"), "a section 1 page");
    assert!(page.contains("\\-\\-fingerprint"), "lists the options");
    assert!(page.contains(".SH SUBCOMMANDS"), "lists the commands");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bug_report_is_markdown_with_the_log_tail_and_no_secret() {
    let bench = bench().await;
    let listed = bench.run(&["sessions", "--log-level", "debug"], &[]).await;
    assert_eq!(listed.status.code(), Some(0), "{}", stderr(&listed));
    let log = bench.log_file();
    let mut text = std::fs::read_to_string(&log).expect("the log was written");
    assert!(!text.contains(API_PASSWORD), "the log holds no password");
    // A line as careless code might write it, to see the report hide what it names.
    text.push_str("probe line password=Leaky-7f3a Authorization: Bearer eyJleaky.token.value\n");
    std::fs::write(&log, text).expect("append to the log");

    let output = bench.run(&["--bug-report"], &[("TERM", "xterm")]).await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = String::from_utf8(output.stdout).expect("utf-8");
    assert!(report.starts_with("## vbo-restore bug report"), "{report}");
    assert!(report.contains(&format!("- version: {}", env!("CARGO_PKG_VERSION"))));
    assert!(report.contains("TERM=xterm"), "{report}");
    assert!(
        report.contains(&log.display().to_string()),
        "names the log file"
    );
    assert!(report.contains("probe line password=***"), "{report}");
    for secret in [API_PASSWORD, "Leaky-7f3a", "eyJleaky.token.value"] {
        assert!(!report.contains(secret), "{secret} leaked: {report}");
    }
    let fenced = report
        .split("```")
        .nth(1)
        .expect("the log lines are fenced");
    assert!(fenced.lines().count() > 2, "several log lines: {fenced}");
}
