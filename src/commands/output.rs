//! What the commands print: aligned tables for people, one JSON document for scripts.

use std::io::Write;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

/// Columns separated by two spaces, each as wide as its widest cell.
#[derive(Debug, Clone, Default)]
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(headers: &[&str]) -> Table {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; its cells are made safe for the terminal.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows
            .push(cells.iter().map(|c| terminal_safe(c)).collect());
    }

    pub fn render(&self) -> String {
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (column, cell) in row.iter().enumerate() {
                if let Some(width) = widths.get_mut(column) {
                    *width = (*width).max(cell.width());
                }
            }
        }
        let mut text = String::new();
        for row in std::iter::once(&self.headers).chain(&self.rows) {
            let mut line = String::new();
            for (column, cell) in row.iter().enumerate() {
                line.push_str(cell);
                if column + 1 < row.len() {
                    let pad = widths[column].saturating_sub(cell.width()) + 2;
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            text.push_str(line.trim_end());
            text.push('\n');
        }
        text
    }

    /// Prints the table on stdout.
    pub fn print(&self) -> std::io::Result<()> {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(self.render().as_bytes())?;
        stdout.flush()
    }
}

/// A name as it may be shown on a terminal: control characters (escape sequences, newlines,
/// bidirectional overrides) become `?`.
pub fn terminal_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            let bidi = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            if c.is_control() || bidi { '?' } else { c }
        })
        .collect()
}

/// Prints `value` as one JSON document on stdout.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut stdout, value)?;
    writeln!(stdout)?;
    stdout.flush()
}

/// An optional text for a table cell.
pub fn text_cell(text: Option<&str>) -> String {
    text.unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_line_up_by_display_width() {
        let mut table = Table::new(&["NAME", "SIZE"]);
        table.row(vec!["日本語.docx".into(), "1".into()]);
        table.row(vec!["a".into(), "22".into()]);
        let text = table.render();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "NAME         SIZE");
        assert_eq!(lines[1], "日本語.docx  1");
        assert_eq!(lines[2], "a            22");
    }

    #[test]
    fn escape_sequences_never_reach_the_terminal() {
        assert_eq!(
            terminal_safe("evil\u{1b}[2Jname\n.txt"),
            "evil?[2Jname?.txt"
        );
        assert_eq!(terminal_safe("abc\u{202E}txt.exe"), "abc?txt.exe");
    }
}
