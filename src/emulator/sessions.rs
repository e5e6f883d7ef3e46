//! Restore sessions: explored points in time, their events, and how they end (stopped by
//! the client, or by themselves when left idle).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDateTime, Utc};

use super::body::Obj;
use super::failure::Failure;
use super::tenant::{Tenant, View};

/// Counts a restore or copy answers with.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stats {
    pub total: u64,
    pub restored: u64,
    pub failed: u64,
    pub skipped_by_error: u64,
    pub skipped_by_no_changes: u64,
}

/// One restore session.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: String,
    pub kind: &'static str,
    pub name: String,
    pub organization: String,
    pub view: View,
    pub created: DateTime<Utc>,
    pub ended: Option<DateTime<Utc>>,
    pub stopped: bool,
    pub result: &'static str,
    pub reason: Option<String>,
    pub initiated_by: String,
    pub last_used: Instant,
    pub events: Vec<Event>,
    pub etag: i64,
    /// For a v8 asynchronous restore: its counts and when it finishes.
    pub restore: Option<(Stats, Instant)>,
}

/// One event of a session; events of an asynchronous restore show up over time.
#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub kind: &'static str,
    pub status: &'static str,
    pub item_name: Option<String>,
    pub item_type: Option<&'static str>,
    pub item_size: Option<u64>,
    pub source: Option<String>,
    pub target: Option<String>,
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
    pub title: String,
    pub message: String,
    pub visible_at: Instant,
}

impl Event {
    pub fn now(kind: &'static str, status: &'static str, message: impl Into<String>) -> Event {
        Event {
            id: uuid::Uuid::new_v4().to_string(),
            kind,
            status,
            item_name: None,
            item_type: None,
            item_size: None,
            source: None,
            target: None,
            start: Utc::now(),
            end: Some(Utc::now()),
            title: String::new(),
            message: message.into(),
            visible_at: Instant::now(),
        }
    }
}

impl Session {
    /// Brings the session's state up to date: idle expiry, an asynchronous restore's end.
    pub fn settle(&mut self, idle: Duration) {
        if let Some((_, done)) = self.restore {
            if !self.stopped && Instant::now() >= done {
                self.stop("The restore has finished.");
            }
            return;
        }
        if !self.stopped && self.last_used.elapsed() > idle {
            self.stop("The restore session has been stopped after a period of inactivity.");
        }
    }

    pub fn stop(&mut self, reason: &str) {
        self.stopped = true;
        self.ended = Some(Utc::now());
        self.reason = Some(reason.to_string());
        self.etag += 1;
    }

    pub fn visible_events(&self) -> Vec<&Event> {
        let now = Instant::now();
        self.events.iter().filter(|e| e.visible_at <= now).collect()
    }

    pub fn push_event(&mut self, event: Event) {
        self.events.push(event);
        self.etag += 1;
    }
}

/// All sessions, oldest first.
#[derive(Debug, Default)]
pub struct SessionStore {
    order: Vec<String>,
    map: HashMap<String, Session>,
}

impl SessionStore {
    /// A store holding a few finished sessions from earlier days.
    pub fn with_history(tenant: &Tenant) -> SessionStore {
        let mut store = SessionStore::default();
        let people = [
            "CONTOSO\\helpdesk",
            "CONTOSO\\jdoe",
            "CONTOSO\\helpdesk",
            "CONTOSO\\asmith",
        ];
        for (i, person) in people.iter().enumerate() {
            let point = tenant.points[i + 1];
            let id = super::tenant::ids::named(&format!("history/{i}")).to_string();
            let mut session = new_session(tenant, &id, person, view_at(Some(i + 1)), point);
            session.created = point + chrono::Duration::days(1);
            session.push_event(Event::now("Save", "Success", "Saved Budget.xlsx"));
            session.stop("Stopped by the user.");
            session.ended = Some(session.created + chrono::Duration::minutes(17 + i as i64));
            store.insert(session);
        }
        store
    }

    pub fn insert(&mut self, session: Session) {
        self.order.push(session.id.clone());
        self.map.insert(session.id.clone(), session);
    }

    pub fn all(&mut self, idle: Duration) -> Vec<Session> {
        for session in self.map.values_mut() {
            session.settle(idle);
        }
        self.order
            .iter()
            .filter_map(|id| self.map.get(id).cloned())
            .collect()
    }

    pub fn get(&mut self, id: &str, idle: Duration) -> Result<&mut Session, Failure> {
        let session = self.map.get_mut(id).ok_or_else(|| {
            Failure::not_found(format!("Restore session with ID {id} was not found."))
        })?;
        session.settle(idle);
        Ok(session)
    }

    /// A session that may be browsed or acted on; stopped ones answer 500 as real servers do.
    pub fn working(&mut self, id: &str, idle: Duration) -> Result<&mut Session, Failure> {
        let session = self.get(id, idle)?;
        if session.stopped {
            return Err(Failure::internal(format!(
                "Restore session {id} is not active: it has been stopped or has expired."
            )));
        }
        session.last_used = Instant::now();
        Ok(session)
    }
}

fn view_at(point: Option<usize>) -> View {
    View {
        point,
        show_deleted: false,
        show_all_versions: false,
    }
}

/// A new working session over `view`.
pub fn new_session(
    tenant: &Tenant,
    id: &str,
    caller: &str,
    view: View,
    at: DateTime<Utc>,
) -> Session {
    let org = &tenant.organization.name;
    Session {
        id: id.to_string(),
        kind: "Veod",
        name: format!(
            "OneDrive restore of {org} at {}",
            at.format("%Y-%m-%d %H:%M")
        ),
        organization: org.clone(),
        view,
        created: Utc::now(),
        ended: None,
        stopped: false,
        result: "Success",
        reason: None,
        initiated_by: caller.to_string(),
        last_used: Instant::now(),
        events: vec![Event::now(
            "None",
            "Success",
            "Restore session has been started.",
        )],
        etag: 1,
        restore: None,
    }
}

// LIMITATION: showAllVersions is kept but listings show each document's current version
// only; earlier versions are reachable through the v6+ `Versions` paths. The reference does
// not say how a v4/v5 listing shows them.

/// Explore options read from a (lower-cased) v4 `explore` object or a v6+ body.
pub fn explore(tenant: &Tenant, options: Obj<'_>, caller: &str) -> Result<Session, Failure> {
    let kinds = ["Vex", "Veod", "Vesp", "Vet"];
    let kind = options.choice("type", &kinds)?.unwrap_or("Veod");
    let at = match options.str("dateTime") {
        Some(text) if !text.trim().is_empty() => Some(parse_date(&text)?),
        _ => None,
    };
    let point = tenant.point_at(at);
    let view = View {
        point,
        show_deleted: options.bool("showDeleted")?.unwrap_or(false),
        show_all_versions: options.bool("showAllVersions")?.unwrap_or(false),
    };
    let shown = point.map_or(at.unwrap_or_else(Utc::now), |p| tenant.points[p]);
    let id = uuid::Uuid::new_v4().to_string();
    let mut session = new_session(tenant, &id, caller, view, shown);
    session.kind = kind;
    Ok(session)
}

/// Reads a point in time the way the server does: ISO 8601 with or without an offset,
/// `yyyy-MM-dd HH:mm:ss(.fff)` or `yyyy.MM.dd HH:mm(:ss)`.
pub fn parse_date(text: &str) -> Result<DateTime<Utc>, Failure> {
    let text = text.trim();
    if let Ok(date) = DateTime::parse_from_rfc3339(text) {
        return Ok(date.with_timezone(&Utc));
    }
    let formats = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%Y.%m.%d %H:%M:%S",
        "%Y.%m.%d %H:%M",
    ];
    formats
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(23, 59, 59))
        })
        .map(|d| d.and_utc())
        .ok_or_else(|| {
            Failure::bad_request(format!("The value '{text}' is not a valid date and time."))
        })
}
