//! The read-only viewers: details of a row, versions of a document, events of a session.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthChar;

use super::overlay::open_box;
use super::{Column, cell, draw_empty, draw_table, right_cell};
use crate::api::model::{Item, RestoreSessionEvent};
use crate::console::app::{App, Cursor, Load};
use crate::console::format;
use crate::console::text;

const LABEL_WIDTH: u16 = 14;

/// Details (`i`): every field in full, long values wrapped rather than cut.
pub fn details(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    title: &str,
    lines: &[(String, String)],
    cursor: &Cursor,
) {
    let inner = open_box(frame, app, area, title);
    let value_width = usize::from(inner.width.saturating_sub(LABEL_WIDTH + 1)).max(1);
    let mut shown = Vec::new();
    for (label, value) in lines.iter().skip(cursor.offset) {
        let chunks = wrap(&text::inert(value), value_width);
        for (i, chunk) in chunks.into_iter().enumerate() {
            let label = if i == 0 { label.as_str() } else { "" };
            let label = format!("{:<width$} ", label, width = usize::from(LABEL_WIDTH));
            shown.push(Line::from(vec![
                Span::styled(label, app.theme.header),
                Span::raw(chunk),
            ]));
        }
        if shown.len() >= usize::from(inner.height) {
            break;
        }
    }
    frame.render_widget(Paragraph::new(shown), inner);
}

/// Cuts text into pieces of at most `width` columns, breaking before a `/` or a space when
/// the next part would not fit, so that paths and links break between their segments.
fn wrap(value: &str, width: usize) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut used = 0;
    for part in value.split_inclusive(['/', ' ']) {
        let part_width = text::width(part);
        if used > 0 && used + part_width > width {
            pieces.push(String::new());
            used = 0;
        }
        for c in part.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > width {
                pieces.push(String::new());
                used = 0;
            }
            used += w;
            if let Some(last) = pieces.last_mut() {
                last.push(c);
            }
        }
    }
    pieces
}

/// Versions (`v`): one row per version of the document.
pub fn versions(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    title: &str,
    list: &[Item],
    cursor: &Cursor,
    load: Load,
) {
    let inner = open_box(frame, app, area, title);
    let by_width = inner.width.saturating_sub(8 + 10 + 16 + 3).max(1);
    let columns = [
        Column {
            title: "Version",
            width: 8,
        },
        Column {
            title: "      Size",
            width: 10,
        },
        Column {
            title: "Modified",
            width: 16,
        },
        Column {
            title: "Modified by",
            width: by_width,
        },
    ];
    let rows = list
        .iter()
        .skip(cursor.offset)
        .take(usize::from(inner.height.saturating_sub(1)))
        .map(|item| {
            let size = item.size_bytes.map(format::size).unwrap_or_default();
            let cells = vec![
                cell(item.version.as_deref().unwrap_or(""), 8),
                right_cell(&size, 10),
                cell(&format::minute(item.modification_time), 16),
                cell(item.modified_by.as_deref().unwrap_or(""), by_width),
            ];
            (cells, Style::new())
        });
    draw_table(frame, inner, &app.theme, &columns, rows, cursor);
    if list.is_empty() {
        draw_empty(
            frame,
            inner,
            &app.theme,
            load,
            "No earlier versions: the current one is the only one",
        );
    }
}

/// Events (`e`): what the restore session did, in order.
pub fn events(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    title: &str,
    list: &[RestoreSessionEvent],
    cursor: &Cursor,
    load: Load,
) {
    let inner = open_box(frame, app, area, title);
    let message_width = inner.width.saturating_sub(16 + 10 + 2).max(1);
    let columns = [
        Column {
            title: "Started",
            width: 16,
        },
        Column {
            title: "Status",
            width: 10,
        },
        Column {
            title: "What",
            width: message_width,
        },
    ];
    let rows = list
        .iter()
        .skip(cursor.offset)
        .take(usize::from(inner.height.saturating_sub(1)))
        .map(|event| {
            let what = event
                .title
                .clone()
                .or_else(|| event.message.clone())
                .or_else(|| event.item_name.clone())
                .unwrap_or_default();
            let cells = vec![
                cell(&format::minute(event.start_time), 16),
                cell(&event.status.to_string(), 10),
                cell(&what, message_width),
            ];
            (cells, Style::new())
        });
    draw_table(frame, inner, &app.theme, &columns, rows, cursor);
    if list.is_empty() {
        draw_empty(
            frame,
            inner,
            &app.theme,
            load,
            "The session has no events yet",
        );
    }
}
