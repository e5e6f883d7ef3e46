//! `--bug-report`: what a support ticket needs, as Markdown, with secrets removed.

use std::fmt::Write as _;
use std::path::Path;

use crate::config::Paths;

/// How many of the log file's last lines go into the report.
pub const LOG_TAIL_LINES: usize = 50;

/// The report: versions, platform, terminal, paths and the tail of the log.
pub fn render(paths: &Paths) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## vbo-restore bug report\n");
    let _ = writeln!(out, "- version: {}", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(
        out,
        "- platform: {} {}",
        std::env::consts::OS,
        std::env::consts::ARCH
    );
    let _ = writeln!(out, "- terminal: {}", terminal_description());
    let _ = writeln!(out, "- config file: `{}`", paths.config_file.display());
    let _ = writeln!(out, "- log file: `{}`", paths.log_file().display());
    let _ = writeln!(out, "- data folder: `{}`", paths.data_dir.display());
    let _ = writeln!(out, "\n### Last log lines\n\n```");
    for line in log_tail(&paths.log_file(), LOG_TAIL_LINES) {
        let _ = writeln!(out, "{}", redact(&line));
    }
    let _ = writeln!(out, "```");
    out
}

fn terminal_description() -> String {
    let var = |name: &str| std::env::var(name).unwrap_or_else(|_| "-".to_string());
    let size = crossterm::terminal::size()
        .map(|(w, h)| format!("{w}x{h}"))
        .unwrap_or_else(|_| "not a terminal".to_string());
    format!(
        "TERM={} COLORTERM={} NO_COLOR={} size {size}",
        var("TERM"),
        var("COLORTERM"),
        if std::env::var_os("NO_COLOR").is_some() {
            "set"
        } else {
            "unset"
        }
    )
}

fn log_tail(path: &Path, count: usize) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return vec![format!("(no log file at {})", path.display())];
    };
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(count);
    lines[start..].iter().map(|l| l.to_string()).collect()
}

/// Words after which a value is a secret, compared without regard to case.
const SECRET_WORDS: [&str; 8] = [
    "password",
    "token",
    "secret",
    "assertion",
    "usercode",
    "certificate",
    "authorization",
    "bearer",
];

/// Replaces what follows a secret word (`password=x`, `"token": "x"`, `Bearer x`) and any long
/// run of token-like characters with `***`.
pub fn redact(line: &str) -> String {
    let mut out = Vec::new();
    let mut hide_next = false;
    for word in line.split_inclusive([' ', '&', ',']) {
        let (body, sep) = split_separator(word);
        let lower = body.to_ascii_lowercase();
        let names_secret = SECRET_WORDS.iter().any(|w| lower.contains(w));
        let inline_value = body.find(['=', ':']).filter(|at| at + 1 < body.len());
        // A value that follows a secret's name is hidden whatever it holds, even when it
        // happens to contain a secret word itself; only another bare name (`Bearer` after
        // `Authorization:`) passes the hiding on to the word after it.
        let redacted = if hide_next && !body.is_empty() && !is_secret_word(&lower) {
            hide_next = false;
            "***".to_string()
        } else {
            match (names_secret, inline_value) {
                (true, Some(at)) => format!("{}***", &body[..=at]),
                (true, None) => {
                    hide_next = true;
                    body.to_string()
                }
                _ if looks_like_token(body) => "***".to_string(),
                _ => body.to_string(),
            }
        };
        out.push(redacted + sep);
    }
    out.concat()
}

/// Whether `lower` is a secret's name and nothing more, quotes and a trailing `:` or `=` aside.
fn is_secret_word(lower: &str) -> bool {
    let bare = lower.trim_matches(|c: char| "\"':=".contains(c));
    SECRET_WORDS.contains(&bare)
}

fn split_separator(word: &str) -> (&str, &str) {
    match word.char_indices().last() {
        Some((at, c)) if [' ', '&', ','].contains(&c) => (&word[..at], &word[at..]),
        _ => (word, ""),
    }
}

fn looks_like_token(text: &str) -> bool {
    let trimmed = text.trim_matches(|c: char| "\"'()[]{}".contains(c));
    trimmed.split('/').any(|segment| {
        segment.len() >= 32
            && segment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.+=".contains(c))
            && segment.chars().any(|c| c.is_ascii_digit())
            && segment.chars().any(|c| c.is_ascii_alphabetic())
            && !segment.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_after_their_names_are_hidden() {
        let line = "grant password=hunter2&user=bob token: abc Authorization: Bearer eyJhbGciOi";
        let out = redact(line);
        assert!(!out.contains("hunter2"), "{out}");
        assert!(!out.contains("eyJhbGciOi"), "{out}");
        assert!(out.contains("user=bob"), "{out}");
        assert!(out.contains("password=***"), "{out}");
    }

    #[test]
    fn a_value_after_a_name_is_hidden_even_when_it_holds_a_secret_word() {
        let out =
            redact("Authorization: Bearer eyJleaky.token.value then \"token\": \"my-token-1\"");
        assert!(!out.contains("eyJleaky"), "{out}");
        assert!(!out.contains("my-token-1"), "{out}");
        assert!(out.contains("Authorization: Bearer *** then"), "{out}");
    }

    #[test]
    fn long_tokens_are_hidden_but_ids_stay() {
        let id = "b3184e77-b95b-45f7-96cc-180a20b61cbd8507931c-4561-4ddf-bc90-411aba44bb39";
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc123def456";
        let out = redact(&format!("GET /v8/RestoreSessions/{id} got {jwt}"));
        assert!(out.contains(id), "{out}");
        assert!(!out.contains(jwt), "{out}");
    }

    #[test]
    fn the_report_names_paths_and_survives_a_missing_log() {
        let paths = Paths::resolve(Some(Path::new("/nonexistent/config.toml")));
        let report = render(&paths);
        assert!(report.contains("/nonexistent/config.toml"));
        assert!(report.contains("### Last log lines"));
        assert!(report.contains(env!("CARGO_PKG_VERSION")));
    }
}
