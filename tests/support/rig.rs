//! The built binary in tmux against an emulator this test owns: a private home, a config
//! file with one profile that pins the emulator's certificate, and a save folder. The test
//! keeps the emulator's handle, so it can inject faults, stop and resume it, and read what it
//! received while the console runs.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use vbo_restore::emulator::{Emulator, EmulatorConfig};

use super::tmux::{Terminal, tmux_available};

/// How long one step of a flow may take to show on screen on a loaded machine.
pub const STEP: Duration = Duration::from_secs(30);
/// The window size of every console run here.
pub const SIZE: (u16, u16) = (110, 30);

pub fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_vbo-restore"))
}

pub struct Rig {
    pub server: Emulator,
    pub home: tempfile::TempDir,
    pub saves: tempfile::TempDir,
    pub config: PathBuf,
    /// Keeps the emulator's tasks running; declared last so it is dropped after the server.
    pub runtime: tokio::runtime::Runtime,
}

impl Rig {
    /// An emulator as `--demo` has it and a profile without extra settings.
    pub fn new() -> Rig {
        Rig::with(EmulatorConfig::default(), "")
    }

    /// An emulator set up as `config`; `settings` are top-level lines of the config file.
    pub fn with(config: EmulatorConfig, settings: &str) -> Rig {
        assert!(
            tmux_available(),
            "tmux is needed for the terminal tests (.ci/run installs it)"
        );
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        let server = runtime.block_on(Emulator::start(config)).expect("emulator");
        let home = tempfile::tempdir().expect("temp home");
        let saves = tempfile::tempdir().expect("save folder");
        let config = home.path().join("config.toml");
        let rig = Rig {
            server,
            home,
            saves,
            config,
            runtime,
        };
        rig.write_config(settings, Some(&rig.server.fingerprint()));
        rig
    }

    /// Writes the config file: `settings`, then the profile, pinned to `fingerprint` if any.
    pub fn write_config(&self, settings: &str, fingerprint: Option<&str>) {
        let pin = fingerprint
            .map(|f| format!("fingerprint = \"{f}\"\n"))
            .unwrap_or_default();
        let text = format!(
            "{settings}\n[profiles.lab]\nurl = \"{}\"\nuser = \"helpdesk\"\n{pin}\
             download_dir = \"{}\"\n",
            self.server.url(),
            self.saves.path().display()
        );
        std::fs::write(&self.config, text).expect("config");
    }

    /// The environment of a run: the private home and config, the API password.
    pub fn env(&self) -> Vec<(String, String)> {
        let home = self.home.path();
        vec![
            ("HOME".into(), home.display().to_string()),
            (
                "XDG_DATA_HOME".into(),
                home.join("data").display().to_string(),
            ),
            (
                "XDG_STATE_HOME".into(),
                home.join("state").display().to_string(),
            ),
            (
                "XDG_CONFIG_HOME".into(),
                home.join("xdg").display().to_string(),
            ),
            (
                "VBO_RESTORE_CONFIG".into(),
                self.config.display().to_string(),
            ),
            ("VBO_RESTORE_PASSWORD".into(), "demo".into()),
            ("TERM".into(), "xterm-256color".into()),
        ]
    }

    /// Starts the console with the profile.
    pub fn start(&self) -> Terminal {
        self.start_with("", &[])
    }

    /// Starts the console after the shell commands in `prefix`, with `extra` in the
    /// environment.
    pub fn start_with(&self, prefix: &str, extra: &[(&str, &str)]) -> Terminal {
        let env = self.env();
        let mut pairs: Vec<(&str, &str)> =
            env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        pairs.extend_from_slice(extra);
        Terminal::start_after(self.saves.path(), prefix, binary(), &[], &pairs, SIZE)
    }

    /// The names in the save folder, sorted.
    pub fn saved_names(&self) -> Vec<String> {
        names_in(self.saves.path())
    }

    /// Waits until the file `name` in the save folder has grown past `bytes`.
    pub fn wait_for_file(&self, name: &str, bytes: u64) {
        let path = self.saves.path().join(name);
        let deadline = std::time::Instant::now() + STEP;
        while !std::fs::metadata(&path).is_ok_and(|m| m.len() > bytes) {
            assert!(
                std::time::Instant::now() < deadline,
                "{} did not grow past {bytes} bytes; the folder holds {:?}",
                path.display(),
                self.saved_names()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// The names in `dir`, sorted.
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read the folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Waits for the sessions pane, starts a restore session, opens `user`'s OneDrive (its row in
/// the users list, from 0) and returns the drive's root listing.
pub fn open_onedrive(term: &Terminal, user_row: usize) -> String {
    term.wait_for("Point in time", STEP);
    term.settle(STEP);
    term.press(&["n"]);
    term.wait_for("Start a restore session", STEP);
    term.press(&["Enter", "Enter"]);
    term.wait_for("Adele Vance", STEP);
    for _ in 0..user_row {
        term.press(&["j"]);
    }
    term.press(&["Enter"]);
    term.wait_for("Welcome.docx", STEP)
}

/// Opens Adele Vance's Documents folder; returns the listing.
pub fn open_documents(term: &Terminal) -> String {
    open_onedrive(term, 0);
    term.press(&["j", "Enter"]);
    term.wait_for("Budget.xlsx", STEP)
}

/// Opens Nestor Wilke's Video folder, whose only document is 2.25 GiB.
pub fn open_large_document(term: &Terminal) -> String {
    open_onedrive(term, 5);
    term.press(&["/"]);
    term.type_text("Video");
    term.press(&["Enter"]);
    term.wait_for("Video/", STEP);
    term.press(&["Enter"]);
    term.wait_for("raw footage.mov", STEP)
}

/// Opens the save form on the row under the cursor and walks it (Action, Format, folder,
/// Continue) to the review; returns the review screen.
pub fn review_save(term: &Terminal) -> String {
    term.press(&["s"]);
    term.wait_for("Save to a folder", STEP);
    term.press(&["Tab", "Tab", "Tab", "Enter"]);
    term.wait_for("Please check", STEP)
}

/// Sends the reviewed save; the runner's answer (or the task's end) replaces the review.
pub fn submit(term: &Terminal) {
    term.keys(&["Enter"]);
    let deadline = std::time::Instant::now() + STEP;
    while term.screen().contains("Please check") {
        assert!(
            std::time::Instant::now() < deadline,
            "the review stayed:\n{}",
            term.screen()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// How long a stopped emulator's port may take to be free again: stopping aborts the accept
/// task, and its listener closes when the runtime gets to it.
const PORT_FREE: Duration = Duration::from_secs(10);

impl Rig {
    /// Listens again after `stop_serving`, once the old listener has let go of the port.
    pub fn resume(&self) {
        let deadline = std::time::Instant::now() + PORT_FREE;
        while let Err(error) = self.runtime.block_on(self.server.resume()) {
            assert!(std::time::Instant::now() < deadline, "resume: {error}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Stops the emulator and starts another on the same address, with a new certificate.
    pub fn replace_server(&mut self) {
        self.server.stop_serving();
        let listen = EmulatorConfig {
            listen: self.server.local_addr(),
            ..EmulatorConfig::default()
        };
        let deadline = std::time::Instant::now() + PORT_FREE;
        let next = loop {
            match self.runtime.block_on(Emulator::start(listen.clone())) {
                Ok(next) => break next,
                Err(error) => assert!(std::time::Instant::now() < deadline, "{error}"),
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        self.server = next;
    }

    /// The bytes the emulator serves for the document at `path` of Adele Vance's OneDrive.
    pub fn served(&self, path: &str) -> Vec<u8> {
        let mut documents = served_documents(&self.runtime, &self.server, &[path]);
        documents.remove(0).1
    }
}

/// The names and bytes `server` serves for documents of Adele Vance's OneDrive, read through
/// the real client.
pub fn served_documents(
    runtime: &tokio::runtime::Runtime,
    server: &Emulator,
    paths: &[&str],
) -> Vec<(String, Vec<u8>)> {
    use vbo_restore::api::{Client, ConnectOptions, ExploreOptions, Secret};
    use vbo_restore::emulator::{document_bytes, tenant};
    runtime.block_on(async {
        let mut options = ConnectOptions::new(&server.url(), "helpdesk", Secret::new("demo"));
        options.trust.fingerprint = Some(server.fingerprint());
        let client = Client::connect(options).await.expect("login");
        let session = client
            .explore(&tenant::organization_id(), &ExploreOptions::default())
            .await
            .expect("session");
        let drive = tenant::first_onedrive_id();
        let mut out = Vec::new();
        for path in paths {
            let item = client
                .resolve_item(&session.id, &drive, path)
                .await
                .expect("item");
            let size = item.size_bytes.expect("a size");
            let version = item.version_id.expect("a version id") as i32;
            let bytes = document_bytes(&item.id, version, size, 0, size as usize);
            out.push((item.name.clone(), bytes));
        }
        out
    })
}

/// The save requests the emulator received so far.
pub fn saves_received(rig: &Rig) -> usize {
    rig.server
        .received()
        .iter()
        .filter(|r| r.path.ends_with("/save"))
        .count()
}

/// Opens the tasks pane.
pub fn tasks_pane(term: &Terminal) -> String {
    term.press(&["Escape", "t"]);
    term.wait_for("Progress", STEP)
}

/// Proves the console still answers keys: the help opens and closes again.
pub fn still_answers(term: &Terminal) {
    term.press(&["?"]);
    term.wait_for("Show the keys", STEP);
    term.press(&["Escape"]);
    let screen = term.settle(STEP);
    assert!(!screen.contains("Show the keys"), "{screen}");
}
