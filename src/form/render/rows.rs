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

/// The error under a field, lined up with the values and wrapped to `width` columns.
pub fn error_lines(message: &str, width: usize) -> Vec<Line<'static>> {
    let style = Style::default().fg(Color::Red);
    wrap(
        &super::super::text::inert(message),
        width.saturating_sub(2).max(10),
    )
    .into_iter()
    .enumerate()
    .map(|(at, part)| {
        let mark = if at == 0 { "! " } else { "  " };
        Line::from(vec![
            Span::raw(" ".repeat(LABEL_COLUMNS)),
            Span::styled(format!("{mark}{part}"), style),
        ])
    })
    .collect()
}

/// Splits `text` into lines of at most `width` columns, at spaces where it can.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        let wanted = current.width() + usize::from(!current.is_empty()) + word.width();
        if !current.is_empty() && wanted > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
        while current.width() > width {
            let (head, tail) = split_at_width(&current, width);
            lines.push(head);
            current = tail;
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

fn split_at_width(text: &str, width: usize) -> (String, String) {
    let mut head = String::new();
    let mut chars = text.chars();
    for c in chars.by_ref() {
        if head.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > width {
            let mut tail = String::from(c);
            tail.extend(chars);
            return (head, tail);
        }
        head.push(c);
    }
    (head, String::new())
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
