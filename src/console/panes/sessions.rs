//! The restore sessions pane: organization, point in time, state, start time, and who
//! started it; the kind only when the list holds other kinds than OneDrive.
//!
//! The organization and the point in time come first: a helpdesk agent looks for "the
//! contoso session as of last Tuesday". The session's name (which repeats both on the
//! emulator and holds whatever the server chose) is in its details (`i`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{Column, cell, draw_empty, draw_table, share_width};
use crate::api::model::RestoreSession;
use crate::console::app::{App, is_other_kind, kind_word, session_title};
use crate::console::{format, text};

/// "2026-11-29 22:00", or "latest".
const POINT_WIDTH: u16 = 16;
const STATE_WIDTH: u16 = 7;
const STARTED_WIDTH: u16 = 16;
/// "SharePoint".
const KIND_WIDTH: u16 = 10;
const INITIATED_WIDTH: u16 = 22;
/// Room for "contoso.onmicrosoft.com"; the columns after it give way first.
const MIN_ORGANIZATION_WIDTH: u16 = 23;
const ORGANIZATION_TITLE: &str = "Organization";

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let state = &app.sessions;
    let with_kind = state.list.iter().any(is_other_kind);
    let mut fixed = vec![
        ("Point in time", POINT_WIDTH),
        ("State", STATE_WIDTH),
        ("Started", STARTED_WIDTH),
    ];
    if with_kind {
        fixed.push(("Type", KIND_WIDTH));
    }
    fixed.push(("Initiated by", INITIATED_WIDTH));
    let widths: Vec<u16> = fixed.iter().map(|(_, width)| *width).collect();
    let (shown, room) = share_width(area.width, &widths, MIN_ORGANIZATION_WIDTH);
    // Wide terminals leave the spare room at the end, not between a name and its time.
    let longest = state
        .list
        .iter()
        .map(|s| text::width(&organization(s)))
        .max();
    let wanted = longest.unwrap_or(0).max(ORGANIZATION_TITLE.len());
    let organization_width = room.min(u16::try_from(wanted).unwrap_or(u16::MAX));

    let mut columns = vec![Column {
        title: ORGANIZATION_TITLE,
        width: organization_width,
    }];
    for ((title, width), show) in fixed.iter().zip(&shown) {
        if *show {
            columns.push(Column {
                title,
                width: *width,
            });
        }
    }
    let rows = state
        .list
        .iter()
        .skip(state.cursor.offset)
        .take(usize::from(area.height.saturating_sub(1)))
        .map(|session| {
            let mut values = vec![
                app.point_in_time_of(session),
                session.state.to_string(),
                format::minute(session.creation_time),
            ];
            if with_kind {
                values.push(kind_word(&session.kind));
            }
            values.push(session.initiated_by.clone().unwrap_or_default());
            let mut cells = vec![cell(&organization(session), organization_width)];
            for ((value, (_, width)), show) in values.iter().zip(&fixed).zip(&shown) {
                if *show {
                    cells.push(cell(value, *width));
                }
            }
            let style = if session.is_working() {
                Style::new()
            } else {
                app.theme.dim
            };
            (cells, style)
        });
    draw_table(frame, area, &app.theme, &columns, rows, &state.cursor);
    if state.list.is_empty() {
        draw_empty(
            frame,
            area,
            &app.theme,
            state.load,
            "No restore sessions; press n to start one",
        );
    }
}

/// The organization a session restores from, else its name or id.
fn organization(session: &RestoreSession) -> String {
    session
        .organization
        .clone()
        .filter(|o| !o.trim().is_empty())
        .unwrap_or_else(|| session_title(session))
}
