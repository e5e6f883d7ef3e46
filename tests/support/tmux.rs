//! A real terminal for end-to-end tests: the built binary runs inside a private tmux server,
//! keys are typed with `send-keys` and the screen is read with `capture-pane`.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// How often the screen is read while waiting for something to appear.
const POLL_INTERVAL_MS: u64 = 100;
/// How many unchanged polls in a row count as a settled screen.
const SETTLED_POLLS: u32 = 4;

/// One tmux server with one window running the program under test; killed on drop.
pub struct Terminal {
    socket: String,
    /// Where the shell writes the program's exit status when it ends.
    status_file: std::path::PathBuf,
}

impl Terminal {
    /// Starts `program args` in a `width`x`height` window with the given environment.
    pub fn start(program: &Path, args: &[&str], env: &[(&str, &str)], size: (u16, u16)) -> Self {
        Self::start_in(Path::new("."), program, args, env, size)
    }

    /// Like [`Terminal::start`], with the program's working directory set to `dir`.
    pub fn start_in(
        dir: &Path,
        program: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        size: (u16, u16),
    ) -> Self {
        Self::start_after(dir, "", program, args, env, size)
    }

    /// Like [`Terminal::start_in`], with `prefix` (shell commands such as `ulimit -f 64;`)
    /// run by the shell just before the program.
    pub fn start_after(
        dir: &Path,
        prefix: &str,
        program: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        size: (u16, u16),
    ) -> Self {
        let socket = format!("vbo-test-{}-{}", std::process::id(), unique());
        // Through a shell, as a login on a jump host runs it; the shell writes the program's
        // exit status to a file, which is more dependable than asking tmux for it.
        let status_file = std::env::temp_dir().join(format!("{socket}.status"));
        let _ = std::fs::remove_file(&status_file);
        let mut command = shell_quote(&program.display().to_string());
        for arg in args {
            command.push(' ');
            command.push_str(&shell_quote(arg));
        }
        let status = shell_quote(&status_file.display().to_string());
        // The shell stays after the program, so that the terminal's state as the program
        // left it (alternate screen, cursor) can still be asked for.
        let script = format!(
            "{prefix}{command}; echo $? > {status}.tmp && mv {status}.tmp {status}; exec sleep 3600"
        );
        let command = format!("sh -c {}", shell_quote(&script));
        let conf = std::env::temp_dir().join(format!("{socket}.conf"));
        std::fs::write(&conf, "set -g remain-on-exit on\nset -g status off\n").expect("tmux conf");
        let mut tmux = Command::new("tmux");
        tmux.arg("-L")
            .arg(&socket)
            .arg("-f")
            .arg(&conf)
            .args(["new-session", "-d", "-c"])
            .arg(dir)
            .args(["-x", &size.0.to_string(), "-y", &size.1.to_string()]);
        for (name, value) in env {
            tmux.args(["-e", &format!("{name}={value}")]);
        }
        tmux.arg(command);
        let out = tmux.output().expect("tmux runs");
        assert!(
            out.status.success(),
            "tmux new-session: {}",
            text(&out.stderr)
        );
        Terminal {
            socket,
            status_file,
        }
    }

    fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// Types keys as tmux names them (`Enter`, `Down`, `C-c`, `Space`) or literal text.
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            let out = self.tmux(&["send-keys", "-t", "0", key]);
            assert!(
                out.status.success(),
                "send-keys {key}: {}",
                text(&out.stderr)
            );
        }
    }

    /// Types text literally, character by character.
    pub fn type_text(&self, literal: &str) {
        let out = self.tmux(&["send-keys", "-t", "0", "-l", literal]);
        assert!(out.status.success(), "send-keys -l: {}", text(&out.stderr));
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        text(&self.tmux(&["capture-pane", "-p", "-t", "0"]).stdout)
    }

    /// Everything the window showed, scrolled-off lines included.
    pub fn transcript(&self) -> String {
        text(
            &self
                .tmux(&["capture-pane", "-p", "-S", "-", "-t", "0"])
                .stdout,
        )
    }

    /// Waits until the screen contains `needle`, and panics with the screen if it does not.
    pub fn wait_for(&self, needle: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let screen = self.screen();
            if screen.contains(needle) {
                return screen;
            }
            if Instant::now() > deadline {
                panic!("waited {timeout:?} for {needle:?}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(POLL_INTERVAL_MS));
        }
    }

    /// Waits until the screen shows every one of `needles`, reading it as running text (box
    /// borders dropped, rows joined) so that a message wrapped in a popup still matches.
    pub fn wait_for_text(&self, needles: &[&str], timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            let text = running_text(&self.screen());
            if needles.iter().all(|n| text.contains(n)) {
                return text;
            }
            if Instant::now() > deadline {
                panic!("waited {timeout:?} for {needles:?}; the screen reads:\n{text}");
            }
            std::thread::sleep(Duration::from_millis(POLL_INTERVAL_MS));
        }
    }

    /// Waits until the screen stops changing (nothing new for a few polls), so that the next
    /// key reaches a program that has finished reacting to the last one.
    pub fn settle(&self, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        let mut last = self.screen();
        let mut quiet = 0;
        while quiet < SETTLED_POLLS && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(POLL_INTERVAL_MS));
            let now = self.screen();
            quiet = if now == last { quiet + 1 } else { 0 };
            last = now;
        }
        last
    }

    /// Types each key and lets the screen settle after it.
    pub fn press(&self, keys: &[&str]) {
        for key in keys {
            self.keys(&[key]);
            self.settle(Duration::from_secs(10));
        }
    }

    /// The program's exit status once it has ended, or `None` while it runs.
    pub fn exit_status(&self) -> Option<i32> {
        let text = std::fs::read_to_string(&self.status_file).ok()?;
        text.trim().parse().ok()
    }

    /// Waits for the program to end and returns its exit status.
    pub fn wait_exit(&self, timeout: Duration) -> i32 {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(code) = self.exit_status() {
                return code;
            }
            if Instant::now() > deadline {
                panic!(
                    "the program did not end in {timeout:?}; screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(POLL_INTERVAL_MS));
        }
    }

    /// The process id of the program under test: the one child of the window's shell.
    pub fn pid(&self) -> u32 {
        let shell: u32 = self.display("#{pane_pid}").parse().expect("a pid");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let children = format!("/proc/{shell}/task/{shell}/children");
            let listed = std::fs::read_to_string(&children).unwrap_or_default();
            if let Some(child) = listed.split_whitespace().next() {
                return child.parse().expect("a pid");
            }
            assert!(
                Instant::now() < deadline,
                "the shell {shell} started no program"
            );
            std::thread::sleep(Duration::from_millis(POLL_INTERVAL_MS));
        }
    }

    /// What tmux says about the window for a `display-message` format, such as
    /// `#{alternate_on} #{cursor_flag}`.
    pub fn display(&self, format: &str) -> String {
        let out = self.tmux(&["display-message", "-p", "-t", "0", format]);
        text(&out.stdout).trim().to_string()
    }
}

impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
        let _ = std::fs::remove_file(&self.status_file);
        let _ = std::fs::remove_file(std::env::temp_dir().join(format!("{}.conf", self.socket)));
    }
}

/// Whether tmux is installed; tests that need it say so and fail when it is not.
pub fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// The screen as one line of words: box borders removed, each row trimmed and joined to the
/// next with a space.
pub fn running_text(screen: &str) -> String {
    let rows: Vec<&str> = screen
        .lines()
        .map(|row| row.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .filter(|row| !row.is_empty())
        .collect();
    rows.join(" ")
}

fn shell_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', "'\\''"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
