//! Shell completions and the man page, generated from the clap definitions.

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// Writes the completion script for `shell` to `out`.
pub fn write_completions(shell: Shell, out: &mut dyn Write) {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "vbo-restore", out);
}

/// Writes the roff man page of `vbo-restore` to `out`.
pub fn write_man_page(out: &mut dyn Write) -> std::io::Result<()> {
    clap_mangen::Man::new(Cli::command()).render(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn completions(shell: Shell) -> String {
        let mut out = Vec::new();
        write_completions(shell, &mut out);
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn every_shell_gets_a_script_that_knows_the_commands() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell] {
            let script = completions(shell);
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
        let mut out = Vec::new();
        write_man_page(&mut out).expect("renders");
        let page = String::from_utf8(out).expect("utf-8");
        assert!(
            page.starts_with(".ie") || page.contains(".TH"),
            "{}",
            &page[..80]
        );
        assert!(page.contains("vbo\\-restore"));
        assert!(page.contains("\\-\\-profile"));
    }
}
