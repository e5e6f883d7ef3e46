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

/// Starts a restore session in the demo, opens Adele Vance's Documents and marks Budget.xlsx
/// and Roadmap.pptx; returns the terminal showing them.
fn browse_and_mark_two(dir: &Path, env: &[(&str, &str)], size: (u16, u16)) -> Terminal {
    let term = Terminal::start_in(dir, binary(), &["--demo"], env, size);
    term.wait_for("Point in time", step());
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

/// The bytes the demo serves for documents of Adele Vance's OneDrive, read through the real
/// client from an emulator of the same (seeded) tenant.
fn expected_documents(paths: &[&str]) -> Vec<(String, Vec<u8>)> {
    use vbo_restore::emulator::{Emulator, EmulatorConfig};
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server = runtime
        .block_on(Emulator::start(EmulatorConfig::default()))
        .expect("emulator");
    support::rig::served_documents(&runtime, &server, paths)
}

/// The entries of the one ZIP file in `dir`, by name.
fn zip_entries(dir: &Path) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let zips: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "zip"))
        .collect();
    assert_eq!(zips.len(), 1, "one ZIP in {}: {zips:?}", dir.display());
    let file = std::fs::File::open(&zips[0]).expect("open");
    let mut archive = zip::ZipArchive::new(file).expect("a ZIP");
    let mut entries = Vec::new();
    for n in 0..archive.len() {
        let mut entry = archive.by_index(n).expect("entry");
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read");
        let name = entry
            .name()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        entries.push((name, bytes));
    }
    entries.sort();
    entries
}

/// Presses Enter on Continue and waits for the form's summary.
fn review(term: &Terminal) -> String {
    term.press(&["Enter"]);
    term.wait_for("Please check", step())
}

/// The whole helpdesk flow in a real terminal: browse, mark two, save them as a ZIP, check it
/// byte for byte, restore one with user and password, quit.
fn save_two_and_restore_one(env: &[(&str, &str)], size: (u16, u16)) {
    assert!(
        tmux_available(),
        "tmux is needed for the terminal tests (.ci/run installs it)"
    );
    let home = tempfile::tempdir().expect("temp home");
    let saves = tempfile::tempdir().expect("save folder");
    let home_path = home.path().to_str().expect("utf-8").to_string();
    let mut full_env = vec![("HOME", home_path.as_str())];
    full_env.extend_from_slice(env);
    let term = browse_and_mark_two(saves.path(), &full_env, size);
    assert!(
        !term.screen().contains('\u{1b}'),
        "no raw escape reaches the screen text"
    );

    term.press(&["s"]);
    term.wait_for("ZIP", step());
    // Action, ZIP (forced for a set), folder, then Continue.
    term.press(&["Tab", "Tab", "Tab"]);
    review(&term);
    term.press(&["Enter"]);
    term.wait_for("succeeded", step());
    let mut expected = expected_documents(&["Documents/Budget.xlsx", "Documents/Roadmap.pptx"]);
    expected.sort();
    assert_eq!(
        zip_entries(saves.path()),
        expected,
        "the ZIP holds both documents as served"
    );

    term.press(&["Escape", "k", "Space"]);
    term.wait_for("1 marked", step());
    term.press(&["a"]);
    term.wait_for("Restore to the original location", step());
    term.press(&["Tab", "Tab", "Tab", "Tab"]);
    term.type_text("admin@contoso.onmicrosoft.com");
    term.press(&["Tab"]);
    term.type_text("restore");
    term.press(&["Tab"]);
    let review = review(&term);
    assert!(review.contains("admin@contoso.onmicrosoft.com"), "{review}");
    assert!(!review.contains("restore\n"), "the password is not shown");
    term.press(&["Enter"]);
    term.wait_for("restore succeeded", step());
    term.press(&["Escape", "q"]);
    assert_eq!(term.wait_exit(step()), 0, "{}", term.screen());
}

#[test]
fn save_and_restore_in_a_real_terminal_at_80x24() {
    save_two_and_restore_one(&[("TERM", "xterm-256color")], (80, 24));
}

#[test]
fn save_and_restore_in_a_real_terminal_at_160x48() {
    save_two_and_restore_one(&[("TERM", "xterm-256color")], (160, 48));
}

#[test]
fn save_and_restore_without_colour_and_on_a_plain_xterm() {
    save_two_and_restore_one(&[("NO_COLOR", "1"), ("TERM", "xterm-256color")], (80, 24));
    save_two_and_restore_one(&[("TERM", "xterm")], (80, 24));
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
    term.wait_for("Point in time", step());
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
