//! Lines of a step with the focused one remembered, so drawing can scroll to it.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Columns of the label in front of each value.
pub const LABEL_COLUMNS: usize = 18;

/// The lines of one step.
#[derive(Default)]
pub struct Rows {
    pub lines: Vec<Line<'static>>,
    /// The first and last line of the focused field (its error included).
    pub focus_start: usize,
    pub focus_end: usize,
    /// Where the terminal cursor goes: line and column, for a focused text field.
    pub cursor: Option<(usize, u16)>,
}

impl Rows {
    pub fn push(&mut self, line: Line<'static>) {
        self.lines.push(line);
    }

    pub fn next_index(&self) -> usize {
        self.lines.len()
    }

    /// Marks lines from `start` to the last pushed as the focused field.
    pub fn mark_focus(&mut self, start: usize) {
        self.focus_start = start;
        self.focus_end = self.lines.len().saturating_sub(1).max(start);
    }
}

/// The label column: reversed when focused.
pub fn label(text: &str, focused: bool) -> Span<'static> {
    let padded = format!("{text:<width$}", width = LABEL_COLUMNS - 1);
    let style = if focused {
        Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    } else {
        Style::default()
    };
    Span::styled(padded, style)
}

/// The error line under a field, lined up with the values.
pub fn error_line(message: &str) -> Line<'static> {
    Line::from(vec![
        Span::raw(" ".repeat(LABEL_COLUMNS)),
        Span::styled(
            format!("! {}", super::super::text::inert(message)),
            Style::default().fg(Color::Red),
        ),
    ])
}

pub fn dim(text: impl Into<String>) -> Span<'static> {
    Span::styled(text.into(), Style::default().fg(Color::DarkGray))
}

/// The tail of `text` that fits in `width` columns with the cursor at `cursor` visible, and
/// the cursor's column within it.
pub fn fit(text: &str, cursor: usize, width: usize) -> (String, usize) {
    if width == 0 {
        return (String::new(), 0);
    }
    let mut skipped = 0;
    let mut chars = text.chars();
    let mut shown = text;
    while cursor.saturating_sub(skipped) >= width {
        match chars.next() {
            Some(c) => {
                skipped += unicode_width::UnicodeWidthChar::width(c)
                    .unwrap_or(0)
                    .max(1)
            }
            None => break,
        }
        shown = chars.as_str();
    }
    let mut out = String::new();
    for c in shown.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > width {
            break;
        }
        out.push(c);
    }
    (out, cursor.saturating_sub(skipped))
}
