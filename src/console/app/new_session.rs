//! The new-session form (`n`): pick the organization and the point in time, then explore.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use crossterm::event::{Event, KeyCode, KeyEvent};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::overlay::Overlay;
use super::{App, Cursor, Load};
use crate::api::model::Organization;
use crate::console::request::{Request, Ticket};

/// The fields of the form, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewSessionField {
    Organization,
    PointInTime,
    ShowDeleted,
    ShowAllVersions,
}

const FIELDS: [NewSessionField; 4] = [
    NewSessionField::Organization,
    NewSessionField::PointInTime,
    NewSessionField::ShowDeleted,
    NewSessionField::ShowAllVersions,
];

/// What has been chosen so far.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub organizations: Vec<Organization>,
    pub cursor: Cursor,
    pub load: Load,
    pub field: NewSessionField,
    /// Empty or "latest" for the latest backup, else a date and time in UTC.
    pub point_in_time: Input,
    pub show_deleted: bool,
    pub show_all_versions: bool,
    /// Why the point in time was refused, shown next to it.
    pub time_error: Option<String>,
    pub submitting: bool,
    pub(super) ticket: Ticket,
}

/// A point in time that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a point in time: write latest, 2026-11-30 or 2026-11-30 18:00 (UTC)")]
pub struct BadPointInTime(pub String);

/// Reads the point in time: blank or "latest", a date, or a date and time, in UTC.
pub fn parse_point_in_time(text: &str) -> Result<Option<DateTime<Utc>>, BadPointInTime> {
    let text = text.trim();
    if text.is_empty() || text.eq_ignore_ascii_case("latest") {
        return Ok(None);
    }
    if let Ok(date) = DateTime::parse_from_rfc3339(text) {
        return Ok(Some(date.with_timezone(&Utc)));
    }
    for pattern in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, pattern) {
            return Ok(Some(naive.and_utc()));
        }
    }
    if let Some(midnight) = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(23, 59, 59))
    {
        return Ok(Some(midnight.and_utc()));
    }
    Err(BadPointInTime(text.to_owned()))
}

impl App {
    pub(super) fn open_new_session(&mut self) {
        let ticket = self.send(Request::Organizations);
        self.overlay = Some(Overlay::NewSession(NewSession {
            organizations: Vec::new(),
            cursor: Cursor::default(),
            load: Load::Loading,
            field: NewSessionField::Organization,
            point_in_time: Input::new(String::new()),
            show_deleted: false,
            show_all_versions: false,
            time_error: None,
            submitting: false,
            ticket,
        }));
    }

    pub(super) fn new_session_key(&mut self, key: &KeyEvent) {
        let rows = self.viewer_rows().saturating_sub(6).max(1);
        let Some(Overlay::NewSession(form)) = self.overlay.as_mut() else {
            return;
        };
        if form.submitting {
            return;
        }
        let at = FIELDS.iter().position(|f| *f == form.field).unwrap_or(0);
        match key.code {
            KeyCode::Esc => self.overlay = None,
            KeyCode::Enter => self.submit_new_session(),
            KeyCode::Tab => form.field = FIELDS[(at + 1) % FIELDS.len()],
            KeyCode::BackTab => form.field = FIELDS[(at + FIELDS.len() - 1) % FIELDS.len()],
            KeyCode::Up | KeyCode::Down if form.field == NewSessionField::Organization => {
                let delta = if key.code == KeyCode::Up { -1 } else { 1 };
                form.cursor.move_by(delta, form.organizations.len(), rows);
            }
            KeyCode::Char(' ') if form.field == NewSessionField::ShowDeleted => {
                form.show_deleted = !form.show_deleted;
            }
            KeyCode::Char(' ') if form.field == NewSessionField::ShowAllVersions => {
                form.show_all_versions = !form.show_all_versions;
            }
            _ if form.field == NewSessionField::PointInTime => {
                form.point_in_time.handle_event(&Event::Key(*key));
                form.time_error = None;
            }
            _ => {}
        }
    }

    fn submit_new_session(&mut self) {
        let Some(Overlay::NewSession(form)) = self.overlay.as_mut() else {
            return;
        };
        let Some(organization) = form.organizations.get(form.cursor.selected) else {
            return;
        };
        let at = match parse_point_in_time(form.point_in_time.value()) {
            Ok(at) => at,
            Err(error) => {
                form.time_error = Some(error.to_string());
                form.field = NewSessionField::PointInTime;
                return;
            }
        };
        let request = Request::Explore {
            organization: organization.id.clone(),
            at,
            show_deleted: form.show_deleted,
            show_all_versions: form.show_all_versions,
        };
        form.submitting = true;
        let ticket = self.send(request);
        if let Some(Overlay::NewSession(form)) = self.overlay.as_mut() {
            form.ticket = ticket;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_in_time_read_in_several_forms() {
        assert_eq!(parse_point_in_time(" latest "), Ok(None));
        assert_eq!(parse_point_in_time(""), Ok(None));
        let minute = parse_point_in_time("2026-11-30 18:00")
            .expect("minute")
            .expect("some");
        assert_eq!(minute.to_rfc3339(), "2026-11-30T18:00:00+00:00");
        let day = parse_point_in_time("2026-11-30")
            .expect("day")
            .expect("some");
        assert_eq!(day.to_rfc3339(), "2026-11-30T23:59:59+00:00");
        let error = parse_point_in_time("last tuesday").expect_err("refused");
        assert!(error.to_string().contains("\"last tuesday\""));
    }
}
