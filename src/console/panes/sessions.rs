//! The restore sessions pane: name or organization, type, state, created, initiated by.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{Column, cell, draw_empty, draw_table, share_width};
use crate::console::app::{App, session_title};
use crate::console::format;

const TYPE_WIDTH: u16 = 6;
const STATE_WIDTH: u16 = 9;
const CREATED_WIDTH: u16 = 16;
const INITIATED_WIDTH: u16 = 22;
const MIN_NAME_WIDTH: u16 = 20;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let fixed = [CREATED_WIDTH, STATE_WIDTH, INITIATED_WIDTH, TYPE_WIDTH];
    let (shown, name_width) = share_width(area.width, &fixed, MIN_NAME_WIDTH);
    let mut columns = vec![Column {
        title: "Restore session",
        width: name_width,
    }];
    let titles = ["Created", "State", "Initiated by", "Type"];
    for ((title, width), show) in titles.iter().zip(fixed).zip(&shown) {
        if *show {
            columns.push(Column { title, width });
        }
    }
    let state = &app.sessions;
    let rows = state
        .list
        .iter()
        .skip(state.cursor.offset)
        .take(usize::from(area.height.saturating_sub(1)))
        .map(|session| {
            let values = [
                format::minute(session.creation_time),
                session.state.to_string(),
                session.initiated_by.clone().unwrap_or_default(),
                session.kind.to_string(),
            ];
            let mut cells = vec![cell(&session_title(session), name_width)];
            for ((value, width), show) in values.iter().zip(fixed).zip(&shown) {
                if *show {
                    cells.push(cell(value, width));
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
        let below = Rect {
            y: area.y + 1,
            height: area.height.saturating_sub(1),
            ..area
        };
        draw_empty(
            frame,
            below,
            &app.theme,
            state.load,
            "No restore sessions; press n to start one",
        );
    }
}
