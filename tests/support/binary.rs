//! The built binary against an emulator started in the test, with a private home folder so
//! that its config, log and audit files stay inside a temporary directory.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Output;

use vbo_restore::emulator::{Emulator, EmulatorConfig, tenant};

pub const API_PASSWORD: &str = "Cmd-Api-5e21";
pub const RESTORE_PASSWORD: &str = "Cmd-Restore-9a07";

pub struct Bench {
    pub emulator: Emulator,
    pub home: tempfile::TempDir,
}

pub async fn bench() -> Bench {
    let config = EmulatorConfig {
        api_password: API_PASSWORD.to_string(),
        restore_password: RESTORE_PASSWORD.to_string(),
        device_code_approval: std::time::Duration::from_secs(1),
        ..EmulatorConfig::default()
    };
    Bench {
        emulator: Emulator::start(config).await.expect("emulator starts"),
        home: tempfile::tempdir().expect("temp home"),
    }
}

impl Bench {
    /// Runs `vbo-restore --url .. --user helpdesk --fingerprint .. ARGS` with a private home.
    pub async fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        self.command(args, env)
            .output()
            .await
            .expect("the binary runs")
    }

    /// Starts the binary as `run` does and hands back the running child; it is killed when
    /// dropped.
    pub fn spawn(&self, args: &[&str], env: &[(&str, &str)]) -> tokio::process::Child {
        let mut command = self.command(args, env);
        command
            .kill_on_drop(true)
            .stdout(std::process::Stdio::null());
        command.stderr(std::process::Stdio::null());
        command.spawn().expect("the binary starts")
    }

    /// The command `run` and `spawn` start, for a test that wires its input and output itself.
    pub fn command(&self, args: &[&str], env: &[(&str, &str)]) -> tokio::process::Command {
        let home = self.home.path();
        let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_vbo-restore"));
        command
            .args(["--url", &self.emulator.url(), "--user", "helpdesk"])
            .args(["--fingerprint", &self.emulator.fingerprint()])
            .args(args)
            .env_clear()
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("VBO_RESTORE_PASSWORD", API_PASSWORD)
            .envs(env.iter().copied())
            .stdin(std::process::Stdio::null());
        command
    }

    pub async fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut with_json = args.to_vec();
        with_json.push("--json");
        let output = self.run(&with_json, &[]).await;
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        serde_json::from_slice(&output.stdout).expect("one JSON document")
    }

    pub async fn session(&self) -> String {
        let org = tenant::organization_id();
        let sessions = self.json(&["explore", &org]).await;
        sessions[0]["id"].as_str().expect("session id").to_string()
    }

    pub fn audit_file(&self) -> PathBuf {
        self.home.path().join("data/vbo-restore/audit.jsonl")
    }
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

impl Bench {
    /// The log file the binary writes under the private home.
    pub fn log_file(&self) -> PathBuf {
        self.home.path().join("state/vbo-restore/vbo-restore.log")
    }
}
