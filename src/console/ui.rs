//! One frame: title bar, breadcrumb, the pane with the focus, status line, hint bar, and any
//! overlay or popup on top.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Load, Pane};
use super::format;
use super::keymap::{Action, hint_width};
use super::panes;
use super::text;
use crate::form::ActionForm;

/// Draws the whole console.
pub fn draw(frame: &mut Frame, app: &App) {
    let [title, crumbs, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());

    draw_title(frame, app, title);
    draw_breadcrumb(frame, app, crumbs);
    match app.focus {
        Pane::Sessions => panes::sessions::draw(frame, app, body),
        Pane::OneDrives => panes::onedrives::draw(frame, app, body),
        Pane::Items => panes::items::draw(frame, app, body),
        Pane::Tasks => panes::tasks::draw(frame, app, body),
    }
    draw_status(frame, app, status);
    draw_hints(frame, app, hints);
    if let Some(pane) = &app.form {
        let area = Rect {
            y: crumbs.y,
            height: crumbs.height + body.height,
            ..body
        };
        pane.form.render(frame, area);
    }
    if let Some(overlay) = &app.overlay {
        panes::overlay::draw(frame, app, overlay);
    }
    if let Some(popup) = &app.popup {
        panes::popup::draw(frame, app, popup);
    }
}

fn draw_title(frame: &mut Frame, app: &App, area: Rect) {
    let c = &app.connection;
    let line = format!(
        " vbo-restore │ {} │ {} │ API {} ",
        text::inert(&c.server),
        text::inert(&c.user),
        c.api
    );
    let line = text::truncate(&line, usize::from(area.width)).into_owned();
    frame.render_widget(Paragraph::new(line).style(app.theme.title), area);
}

fn draw_breadcrumb(frame: &mut Frame, app: &App, area: Rect) {
    let mut parts: Vec<(String, bool)> = vec![("Sessions".to_owned(), app.focus == Pane::Sessions)];
    if let Some(session) = &app.onedrives.session {
        let title = super::app::session_title(session);
        parts.push((title, app.focus == Pane::OneDrives));
    }
    if let Some(onedrive) = &app.items.onedrive {
        parts.push((
            onedrive.name.clone(),
            app.focus == Pane::Items && app.items.path.is_empty(),
        ));
        for (i, crumb) in app.items.path.iter().enumerate() {
            let last = i + 1 == app.items.path.len();
            parts.push((crumb.name.clone(), app.focus == Pane::Items && last));
        }
        if let Some(query) = &app.items.search {
            parts.push((format!("search \"{query}\""), app.focus == Pane::Items));
        }
    }
    if app.focus == Pane::Tasks {
        parts = vec![("Tasks".to_owned(), true)];
    }
    let joined: Vec<String> = parts
        .iter()
        .map(|(p, _)| text::inert(p).into_owned())
        .collect();
    let full = format!(" {}", joined.join(" › "));
    let shown = text::truncate_left(&full, usize::from(area.width)).into_owned();
    frame.render_widget(Paragraph::new(shown).style(app.theme.breadcrumb), area);
}

fn draw_status(frame: &mut Frame, app: &App, area: Rect) {
    let mut right = status_right(app);
    // A fresh notice (until the next key) wins the row: the summary comes back after it.
    if let Some(notice) = app.notice.as_ref().filter(|_| app.editing.is_none())
        && text::width(notice) + text::width(&right) + 1 > usize::from(area.width)
    {
        right.clear();
    }
    let right_width = text::width(&right) as u16;
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(right_width + 1)]).areas(area);
    frame.render_widget(Paragraph::new(right).right_aligned(), right_area);

    let width = usize::from(left_area.width);
    if let Some(input) = &app.editing {
        let value = text::inert(input.value());
        let prompt = format!("/{value}");
        let scroll = text::width(&prompt).saturating_sub(width.saturating_sub(1));
        let shown: String = prompt.chars().skip(scroll).collect();
        frame.render_widget(Paragraph::new(shown), left_area);
        let cursor_x = (text::width(&prompt) - scroll).min(width.saturating_sub(1)) as u16;
        frame.set_cursor_position((left_area.x + cursor_x, left_area.y));
        return;
    }
    let (line, style) = match (&app.notice, app.focus) {
        (Some(notice), _) => (notice.clone(), app.theme.notice),
        (None, Pane::Items) if !app.items.listing.filter().is_empty() => (
            filter_line(
                app.items.listing.filter(),
                app.items.listing.visible_len(),
                app.items.listing.loaded(),
            ),
            Style::new(),
        ),
        // A kept filter hides OneDrives; without this line one match looks like the list.
        (None, Pane::OneDrives) if !app.onedrives.filter.is_empty() => (
            filter_line(
                &app.onedrives.filter,
                app.onedrives.visible.len(),
                app.onedrives.all.len(),
            ),
            Style::new(),
        ),
        _ => (String::new(), Style::new()),
    };
    let line = text::fit(&line, width);
    frame.render_widget(Paragraph::new(line).style(style), left_area);
}

/// "filter \"adele\": 1 of 28".
fn filter_line(filter: &str, shown: usize, of: usize) -> String {
    format!(
        "filter \"{}\": {} of {}",
        text::inert(filter),
        format::count(shown),
        format::count(of)
    )
}

/// The right side of the status line: the tasks, marks and how far the listing has loaded.
fn status_right(app: &App) -> String {
    let mut parts = Vec::new();
    // LIMITATION: before the first task the summary ("no tasks running") is left out, so
    // that the browsing screens keep their room; from the first task on it always shows.
    if !app.tasks.is_empty() {
        parts.push(app.tasks.board.summary.to_string());
    }
    let marks = &app.items.marks;
    if !marks.is_empty() {
        parts.push(format!(
            "{} marked, {}",
            format::count(marks.len()),
            format::size(marks.total_bytes())
        ));
    }
    match app.focus {
        Pane::Items => parts.push(app.items_progress()),
        Pane::Sessions if app.sessions.load == Load::Loading => parts.push("loading…".to_owned()),
        Pane::OneDrives if app.onedrives.load == Load::Loading => parts.push("loading…".to_owned()),
        _ => {}
    }
    parts.join(" │ ")
}

/// The keys of the filter line while it is being typed.
fn filter_hints(app: &App) -> Vec<(String, &'static str)> {
    let enter = if app.focus == Pane::Items && app.connection.has_search_and_versions {
        "search the server"
    } else {
        "keep the filter"
    };
    vec![("Enter".to_owned(), enter), ("Esc".to_owned(), "clear")]
}

/// The form's keys, worded for its step and field: past the fields Esc goes back, it does
/// not cancel, and Space is offered only where it changes a choice (elsewhere it types).
fn form_hints(app: &App, form: &ActionForm, width: usize) -> Vec<(String, &'static str)> {
    app.keymap
        .hints_worded(app.context(), width, |action, word| match action {
            Action::FormCancel => Some(form.esc_word()),
            Action::FormChoose => form.space_changes().then_some(word),
            _ => Some(word),
        })
}

fn draw_hints(frame: &mut Frame, app: &App, area: Rect) {
    let mut spans = Vec::new();
    let mut used = 0;
    let width = usize::from(area.width);
    let hints = match (&app.editing, &app.form) {
        (Some(_), _) => filter_hints(app),
        (None, Some(pane)) => form_hints(app, &pane.form, width),
        (None, None) => app.keymap.hints(app.context(), width),
    };
    for (key, word) in hints {
        let cost = hint_width(&key, word);
        if used + cost > width {
            break;
        }
        used += cost;
        spans.push(Span::styled(format!(" {key}"), app.theme.hint_key));
        spans.push(Span::raw(format!(" {word} ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(app.theme.dim), area);
}
