//! The key map as a Markdown table, for the README, from the same table help (`?`) shows.

use std::fmt::Write;

use super::Keymap;
use super::actions::{Context, SPECS};

const PANES: [Context; 4] = [
    Context::Sessions,
    Context::OneDrives,
    Context::Items,
    Context::Tasks,
];

impl Keymap {
    /// Every action as a row of a Markdown table: its keys, what it does, where it applies and
    /// its name in the config's `[keys]` table.
    pub fn markdown_table(&self) -> String {
        let mut table =
            String::from("| Keys | What it does | Where | `[keys]` name |\n|---|---|---|---|\n");
        for spec in SPECS {
            let keys: Vec<String> = self
                .chords(spec.action)
                .iter()
                .map(|chord| code(&chord.to_string()))
                .collect();
            let keys = if keys.is_empty() {
                "(unbound)".to_owned()
            } else {
                keys.join(", ")
            };
            let _ = writeln!(
                table,
                "| {keys} | {} | {} | {} |",
                text(spec.help),
                text(&places(spec.contexts)),
                code(spec.name)
            );
        }
        table
    }
}

/// Where an action applies, in words.
fn places(contexts: &[Context]) -> String {
    let has = |context: &Context| contexts.contains(context);
    let panes = PANES.iter().all(has);
    match (panes, has(&Context::Viewer), has(&Context::Form)) {
        (true, true, true) => "everywhere, the action form too".to_owned(),
        (true, true, false) => "everywhere but the action form".to_owned(),
        (true, false, false) => "every pane".to_owned(),
        _ => {
            let names: Vec<&str> = contexts.iter().map(|context| context.name()).collect();
            names.join(", ")
        }
    }
}

/// A code span that survives a table cell: its fence is longer than any run of backticks
/// inside, and `|` is escaped, which GitHub's tables require even inside code.
fn code(inside: &str) -> String {
    let longest = inside.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if inside.starts_with('`') || inside.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", inside.replace('|', "\\|"))
}

/// Plain text with the characters that Markdown or a table cell would read escaped.
fn text(plain: &str) -> String {
    let mut out = String::with_capacity(plain.len());
    for c in plain.chars() {
        if matches!(c, '\\' | '|' | '`' | '*' | '_' | '<' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row<'a>(table: &'a str, name: &str) -> &'a str {
        let cell = format!("| `{name}` |");
        table
            .lines()
            .find(|line| line.ends_with(&cell))
            .unwrap_or_else(|| panic!("no row for {name}: {table}"))
    }

    #[test]
    fn the_table_has_a_row_for_every_action_with_its_keys_and_place() {
        let table = Keymap::default().markdown_table();
        assert_eq!(table.lines().count(), SPECS.len() + 2);
        assert_eq!(
            row(&table, "mark"),
            "| `Space` | Mark or unmark the row | folders and documents | `mark` |"
        );
        assert!(row(&table, "up").starts_with("| `Up`, `k` | Move the cursor up |"));
        assert!(row(&table, "page_down").contains("`PgDn`, `Ctrl-F`"));
    }

    #[test]
    fn places_read_as_words() {
        let table = Keymap::default().markdown_table();
        assert!(row(&table, "down").contains("| everywhere but the action form |"));
        assert!(row(&table, "suspend").contains("| everywhere, the action form too |"));
        assert!(row(&table, "quit").contains("| every pane |"));
        assert!(row(&table, "details").contains("| restore sessions, OneDrives, folders and"));
        assert!(row(&table, "form_cancel").contains("| action form |"));
    }

    #[test]
    fn rebound_keys_show_and_pipes_and_backticks_are_escaped() {
        let keymap = Keymap::with_overrides([("mark", ["|", "`"])]).expect("free keys");
        let table = keymap.markdown_table();
        assert!(
            row(&table, "mark").starts_with("| `\\|`, `` ` `` | Mark"),
            "{table}"
        );
        assert_eq!(code("a``b"), "```a``b```");
        assert_eq!(text("a|b`c*d_e\\"), "a\\|b\\`c\\*d\\_e\\\\");
    }
}
