//! End-to-end under local faults: the built binary in tmux with a save folder it cannot write
//! to, a disk that fills, a name already taken, a signal in the middle of a save, and a panic.
//! Each case ends with a message that names what failed and nothing half-written left behind.

mod support;

use std::time::{Duration, SystemTime};

use support::mounts::{Mount, is_root, read_only};
use support::rig::{
    Rig, STEP, open_documents, open_large_document, open_onedrive, review_save, saves_received,
    still_answers, submit,
};
use support::tmux::Terminal;
use vbo_restore::emulator::EmulatorConfig;

/// Whether the terminal is as a shell expects it: main screen, cursor shown.
fn assert_terminal_restored(term: &Terminal) {
    assert_eq!(
        term.display("#{alternate_on} #{cursor_flag}"),
        "0 1",
        "alternate screen off, cursor visible:\n{}",
        term.transcript()
    );
}

#[test]
fn a_read_only_save_folder_is_refused_by_name_and_nothing_is_created() {
    let rig = Rig::new();
    let _guard = read_only(rig.saves.path());
    let term = rig.start();
    open_documents(&term);
    term.press(&["j", "j", "s"]);
    term.wait_for("Save to a folder", STEP);
    term.press(&["Tab", "Tab", "Tab", "Enter"]);
    let folder = rig.saves.path().display().to_string();
    let why = if is_root() {
        "Read-only file system"
    } else {
        "Permission denied"
    };
    term.wait_for_text(&["cannot write to", &folder, why], STEP);
    assert_eq!(rig.saved_names(), Vec::<String>::new());
    assert_eq!(saves_received(&rig), 0, "nothing was sent");
    term.press(&["Escape"]);
    term.wait_for("Budget.xlsx", STEP);
}

/// Saves Welcome.docx (1.9 MiB) from Adele Vance's OneDrive in `term` and waits for the
/// failure, which must name `why`; then checks that nothing is left and the console answers.
fn save_welcome_fails(rig: &Rig, term: &Terminal, why: &str) {
    open_onedrive(term, 0);
    term.press(&["j", "j", "j", "j"]);
    let review = review_save(term);
    assert!(review.contains("Welcome.docx"), "{review}");
    submit(term);
    term.wait_for_text(&["save failed", "Welcome.docx", why], STEP);
    assert_eq!(
        rig.saved_names(),
        Vec::<String>::new(),
        "the .part is removed"
    );
    term.press(&["Escape"]);
    still_answers(term);
}

#[test]
fn a_save_beyond_the_file_size_limit_fails_as_too_large_and_removes_its_part_file() {
    let rig = Rig::new();
    // 1024 blocks is 512 KiB in sh's units (1 MiB in bash's), below the document's 1.9 MiB.
    let term = rig.start_with("ulimit -f 1024; ", &[]);
    save_welcome_fails(&rig, &term, "File too large");
}

#[test]
fn a_save_onto_a_full_disk_fails_as_no_space_and_removes_its_part_file() {
    if !is_root() {
        eprintln!("skipped: mounting a small tmpfs needs root (CI runs as root)");
        return;
    }
    let rig = Rig::new();
    let _disk = Mount::tmpfs(rig.saves.path(), "size=1m");
    let term = rig.start();
    save_welcome_fails(&rig, &term, "No space left on device");
}

#[test]
fn a_name_already_taken_is_left_alone_and_the_save_says_the_name_it_got() {
    let rig = Rig::new();
    let existing = rig.saves.path().join("Budget.xlsx");
    std::fs::write(&existing, b"the agent's own spreadsheet").expect("existing file");
    let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&existing)
        .and_then(|f| f.set_modified(an_hour_ago))
        .expect("mtime");
    let term = rig.start();
    open_documents(&term);
    term.press(&["j", "j"]);
    review_save(&term);
    submit(&term);
    term.wait_for_text(&["save succeeded", "Budget (1).xlsx"], STEP);
    assert_eq!(rig.saved_names(), ["Budget (1).xlsx", "Budget.xlsx"]);
    assert_eq!(
        std::fs::read(&existing).expect("existing"),
        b"the agent's own spreadsheet"
    );
    let modified = std::fs::metadata(&existing)
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(modified, an_hour_ago, "the existing file is not touched");
    let saved = std::fs::read(rig.saves.path().join("Budget (1).xlsx")).expect("saved");
    assert!(
        saved == rig.served("Documents/Budget.xlsx"),
        "the new one is whole"
    );
    assert_eq!(saves_received(&rig), 1);
}

/// Starts saving the 2.25 GiB document, sends `signal` to the program once its `.part` file
/// grows, and checks the exit status, the terminal and the folder.
fn signal_during_a_save(signal: i32, status: i32) {
    let rig = Rig::new();
    let term = rig.start();
    open_large_document(&term);
    review_save(&term);
    submit(&term);
    rig.wait_for_file("Keynote 2026 raw footage.mov.part", 16 * 1024 * 1024);
    let pid = term.pid() as libc::pid_t;
    // SAFETY: kill only sends a signal to the program this test started.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0, "kill {pid}");
    assert_eq!(term.wait_exit(STEP), status, "{}", term.transcript());
    assert_terminal_restored(&term);
    let transcript = term.transcript();
    assert!(transcript.contains("stopped by signal"), "{transcript}");
    assert_eq!(
        rig.saved_names(),
        Vec::<String>::new(),
        "the .part is removed"
    );
}

#[test]
fn sighup_during_a_save_restores_the_terminal_removes_the_part_file_and_exits_129() {
    signal_during_a_save(libc::SIGHUP, 129);
}

#[test]
fn sigterm_during_a_save_restores_the_terminal_removes_the_part_file_and_exits_143() {
    signal_during_a_save(libc::SIGTERM, 143);
}

#[test]
fn a_panic_gives_the_terminal_back_before_its_message_and_exits_101() {
    let rig = Rig::new();
    let term = rig.start_with("", &[("VBO_RESTORE_INJECT_PANIC", "after-first-frame")]);
    assert_eq!(term.wait_exit(STEP), 101, "{}", term.transcript());
    assert_terminal_restored(&term);
    // Printed on the main screen, so after the alternate screen was left.
    let transcript = term.transcript();
    assert!(
        transcript.contains("injected panic after the first frame"),
        "{transcript}"
    );
}

#[test]
fn a_panic_after_login_prints_no_secret_on_screen_or_in_the_log() {
    const PASSWORD: &str = "Panic-Api-31f9";
    let server = EmulatorConfig {
        api_password: PASSWORD.to_owned(),
        ..EmulatorConfig::default()
    };
    let rig = Rig::with(server, "");
    let term = rig.start_with(
        "",
        &[
            ("VBO_RESTORE_PASSWORD", PASSWORD),
            ("VBO_RESTORE_LOG", "trace"),
            ("VBO_RESTORE_INJECT_PANIC", "after-first-frame"),
        ],
    );
    // The panes are only drawn after a login, so the panic proves the password was used.
    assert_eq!(term.wait_exit(STEP), 101, "{}", term.transcript());
    let transcript = term.transcript();
    assert!(transcript.contains("injected panic"), "{transcript}");
    assert!(!transcript.contains(PASSWORD), "{transcript}");
    let log = rig.home.path().join("state/vbo-restore/vbo-restore.log");
    let log = std::fs::read_to_string(&log).expect("the log file");
    assert!(
        log.contains("the console panicked"),
        "the panic is logged: {log}"
    );
    assert!(!log.contains(PASSWORD), "{log}");
}

#[test]
fn sigterm_on_the_login_screen_restores_the_terminal_and_exits_143() {
    let rig = Rig::new();
    // No pin: the login screen asks about the certificate.
    rig.write_config("", None);
    let term = rig.start();
    term.wait_for_text(&["not trusted"], STEP);
    let pid = term.pid() as libc::pid_t;
    // SAFETY: kill only sends a signal to the program this test started.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0, "kill {pid}");
    assert_eq!(term.wait_exit(STEP), 143, "{}", term.transcript());
    assert_terminal_restored(&term);
    assert!(term.transcript().contains("stopped by signal SIGTERM"));
}
