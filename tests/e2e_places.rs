//! End-to-end: the profile picker, `--open` and the scripting commands' refusal to guess a
//! profile, with the built binary in a real terminal (tmux).

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use support::tmux::{Terminal, tmux_available};
use vbo_restore::emulator::{Emulator, EmulatorConfig};

const STEP_SECS: u64 = 20;

fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_vbo-restore"))
}

fn step() -> Duration {
    Duration::from_secs(STEP_SECS)
}

/// A private home with a config file of two profiles on `server`; `beta` fixes API v6. Each
/// profile's password command leaves a marker file, which tells whether a login was tried.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn with_two_profiles(server: &Emulator) -> Home {
        let dir = tempfile::tempdir().expect("temp home");
        let mut text = String::new();
        for (name, api) in [("alpha", "auto"), ("beta", "v6")] {
            let marker = dir.path().join(format!("{name}.used"));
            text.push_str(&format!(
                "[profiles.{name}]\nurl = \"{}\"\nuser = \"helpdesk\"\napi = \"{api}\"\n\
                 fingerprint = \"{}\"\npassword_command = \"touch '{}'; echo demo\"\n\n",
                server.url(),
                server.fingerprint(),
                marker.display()
            ));
        }
        std::fs::write(dir.path().join("config.toml"), text).expect("config");
        Home { dir }
    }

    fn marker(&self, profile: &str) -> PathBuf {
        self.dir.path().join(format!("{profile}.used"))
    }

    fn env(&self) -> Vec<(String, String)> {
        let home = self.dir.path();
        let path = |sub: &str| home.join(sub).display().to_string();
        vec![
            ("HOME".into(), path("")),
            ("XDG_DATA_HOME".into(), path("data")),
            ("XDG_STATE_HOME".into(), path("state")),
            ("VBO_RESTORE_CONFIG".into(), path("config.toml")),
        ]
    }

    fn start(&self, args: &[&str]) -> Terminal {
        let env = self.env();
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        Terminal::start(binary(), args, &env, (100, 30))
    }
}

fn emulator(runtime: &tokio::runtime::Runtime) -> Emulator {
    runtime
        .block_on(Emulator::start(EmulatorConfig::default()))
        .expect("emulator")
}

#[test]
fn several_profiles_show_the_picker_and_enter_logs_in_with_the_one_picked() {
    assert!(tmux_available(), "tmux is needed for the terminal tests");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server = emulator(&runtime);
    let home = Home::with_two_profiles(&server);

    let term = home.start(&[]);
    let screen = term.wait_for("choose a profile", step());
    assert!(
        screen.contains("alpha") && screen.contains("beta"),
        "{screen}"
    );
    assert!(screen.contains(&server.url()), "{screen}");
    assert!(
        !home.marker("alpha").exists(),
        "no login before a profile is picked"
    );
    term.press(&["j", "Enter"]);
    let screen = term.wait_for("Point in time", step());
    assert!(screen.contains("API v6"), "beta was picked: {screen}");
    assert!(home.marker("beta").exists() && !home.marker("alpha").exists());
    term.press(&["q"]);
    assert_eq!(term.wait_exit(step()), 0);
}

#[test]
fn leaving_the_picker_exits_cleanly_without_logging_in() {
    assert!(tmux_available(), "tmux is needed for the terminal tests");
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server = emulator(&runtime);
    let home = Home::with_two_profiles(&server);

    let term = home.start(&[]);
    term.wait_for("choose a profile", step());
    term.press(&["Escape"]);
    assert_eq!(term.wait_exit(step()), 0);
    assert!(!home.marker("alpha").exists() && !home.marker("beta").exists());
}

#[test]
fn a_command_with_several_profiles_and_none_chosen_names_them() {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let server = emulator(&runtime);
    let home = Home::with_two_profiles(&server);
    let output = std::process::Command::new(binary())
        .arg("sessions")
        .env_clear()
        .envs(home.env())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("--profile NAME (one of alpha, beta)"),
        "{stderr}"
    );
    assert!(!home.marker("alpha").exists());
}

#[test]
fn open_on_the_demo_lands_in_the_folder_with_the_cursor_on_the_document() {
    assert!(tmux_available(), "tmux is needed for the terminal tests");
    let home = tempfile::tempdir().expect("temp home");
    let data = home.path().join("data");
    let env = [
        ("HOME", home.path().to_str().expect("utf-8")),
        ("XDG_DATA_HOME", data.to_str().expect("utf-8")),
    ];
    let args = [
        "--demo",
        "--open",
        "contoso/Adele Vance/Documents/Roadmap.pptx",
    ];
    let term = Terminal::start(binary(), &args, &env, (100, 30));
    let screen = term.wait_for("Roadmap.pptx", step());
    assert!(screen.contains("› Adele Vance › Documents"), "{screen}");
    term.settle(step());
    term.press(&["i"]);
    let details = term.wait_for("Document Roadmap.pptx", step());
    assert!(details.contains("/Documents"), "{details}");
    term.press(&["Escape", "q"]);
    assert_eq!(term.wait_exit(step()), 0);
    let recent = std::fs::read_to_string(data.join("vbo-restore/recent.json")).expect("kept");
    assert!(
        recent.contains("\"demo\"") && recent.contains("Documents"),
        "{recent}"
    );

    // Each demo run has its own emulator, so the last run's session is gone: resume says so.
    // At 80 columns the status line still shows what to do.
    let term = Terminal::start(binary(), &["--demo", "--resume"], &env, (80, 24));
    let screen = term.wait_for("Press n to start a new restore session", step());
    assert!(
        screen.contains("Organization            Point in time"),
        "the sessions list: {screen}"
    );
    term.press(&["q"]);
    assert_eq!(term.wait_exit(step()), 0);
}
