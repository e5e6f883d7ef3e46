//! The new-session form: organization list, point in time, and the two switches.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::overlay::open_box;
use super::{Column, cell, draw_empty, draw_table};
use crate::console::app::{App, NewSession, NewSessionField};
use crate::console::{format, text};

pub fn draw(frame: &mut Frame, app: &App, area: Rect, form: &NewSession) {
    let inner = open_box(frame, app, area, "Start a restore session");
    // The refusal names the forms a time may take, so it wraps rather than being cut.
    let error = form.time_error.as_deref().map(text::inert);
    let error_rows = error.as_deref().map_or(0, |error| {
        text::width(error).div_ceil(usize::from(inner.width.max(1)))
    });
    let [label, list, fields, help] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(2),
        Constraint::Length(4 + error_rows.saturating_sub(1) as u16),
        Constraint::Length(1),
    ])
    .areas(inner);

    let focus = |field: NewSessionField| {
        if form.field == field {
            app.theme.header.add_modifier(Modifier::UNDERLINED)
        } else {
            Style::new()
        }
    };
    let heading = Line::styled("Organization", focus(NewSessionField::Organization));
    frame.render_widget(Paragraph::new(heading), label);
    draw_organizations(frame, app, list, form);

    let time = text::inert(form.point_in_time.value()).into_owned();
    let time = if time.is_empty() {
        "latest".to_owned()
    } else {
        time
    };
    let check = |on: bool| if on { "[x]" } else { "[ ]" };
    let mut lines = vec![
        Line::from(vec![
            Span::styled("Point in time (UTC) ", focus(NewSessionField::PointInTime)),
            Span::raw(time),
        ]),
        Line::styled(
            format!("{} Show deleted items", check(form.show_deleted)),
            focus(NewSessionField::ShowDeleted),
        ),
        Line::styled(
            format!("{} Show all versions", check(form.show_all_versions)),
            focus(NewSessionField::ShowAllVersions),
        ),
    ];
    if let Some(error) = error {
        lines.insert(1, Line::styled(error.into_owned(), app.theme.error));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), fields);
    if form.field == NewSessionField::PointInTime {
        let x = 20 + form.point_in_time.visual_cursor() as u16;
        frame.set_cursor_position((fields.x + x.min(fields.width.saturating_sub(1)), fields.y));
    }

    let hint = if form.submitting {
        "Starting the session…"
    } else {
        "Tab next field · ↑/↓ choose · Space toggles · Enter starts · Esc cancels"
    };
    frame.render_widget(
        Paragraph::new(text::fit(hint, usize::from(help.width))).style(app.theme.dim),
        help,
    );
}

fn draw_organizations(frame: &mut Frame, app: &App, area: Rect, form: &NewSession) {
    let name_width = area.width.saturating_sub(22).max(10);
    let columns = [
        Column {
            title: "Name",
            width: name_width,
        },
        Column {
            title: "Last backup",
            width: 16,
        },
    ];
    let rows = form
        .organizations
        .iter()
        .skip(form.cursor.offset)
        .take(usize::from(area.height.saturating_sub(1)))
        .map(|org| {
            let cells = vec![
                cell(&org.name, name_width),
                cell(&format::minute(org.last_backuptime), 16),
            ];
            (cells, Style::new())
        });
    draw_table(frame, area, &app.theme, &columns, rows, &form.cursor);
    if form.organizations.is_empty() {
        draw_empty(
            frame,
            area,
            &app.theme,
            form.load,
            "The server has no organizations",
        );
    }
}
