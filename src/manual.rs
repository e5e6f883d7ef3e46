//! Shell completions and the man page, generated from the clap definitions.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// The completion script for `shell`.
pub fn completions(shell: Shell) -> Vec<u8> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "vbo-restore", &mut out);
    out
}

/// The roff man page of `vbo-restore`.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    Ok(out)
}

/// Writes generated text to standard output. A reader that stops early, as `| head` does,
/// has all it wanted, so a closed pipe counts as done rather than as a failure.
pub fn print(text: &[u8]) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text).and_then(|()| out.flush()) {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        written => written,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn script(shell: Shell) -> String {
        String::from_utf8(completions(shell)).expect("utf-8")
    }

    #[test]
    fn every_shell_gets_a_script_that_knows_the_commands() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell] {
            let script = script(shell);
            assert!(script.contains("vbo-restore"), "{shell}");
            assert!(script.contains("demo"), "{shell} lacks the demo command");
            assert!(
                script.contains("fingerprint"),
                "{shell} lacks --fingerprint"
            );
        }
    }

    #[test]
    fn the_man_page_is_roff_with_the_options() {
        let page = String::from_utf8(man_page().expect("renders")).expect("utf-8");
        assert!(
            page.starts_with(".ie") || page.contains(".TH"),
            "{}",
            &page[..80]
        );
        assert!(page.contains("vbo\\-restore"));
        assert!(page.contains("\\-\\-profile"));
    }
}
