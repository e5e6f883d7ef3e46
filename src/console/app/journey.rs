//! Walking to a place given at start (`--open`, `--resume`): the restore session, then the
//! OneDrive, then folder by folder, each step through the requests a person's keys would send.
//!
//! Each reply moves the walk one step on. When a step finds nothing, the walk stops where it
//! is and the status line says what was missing and what there was; a key press hands the
//! console back to the user.

use std::collections::VecDeque;

use super::{App, Load};
use crate::api::lookup::{Found, examples, find, organization_names};
use crate::api::model::{Organization, RestoreSession};
use crate::console::format;
use crate::console::keymap::Action;
use crate::console::places::{OpenTarget, Place};
use crate::console::request::{Request, Ticket};

/// Where the console is asked to go once it has its restore sessions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    Open(OpenTarget),
    /// The profile's recent place; `None` when none was kept.
    Resume(Option<Place>),
}

/// A OneDrive, folder or document to find: by id when it is known, else by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Wanted {
    pub id: Option<String>,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum SessionWanted {
    /// A session remembered by id, and how to name it once it has ended.
    Remembered { id: String, about: String },
    /// What `--open` gave: an id, the start of one, or an organization.
    Written(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    Sessions,
    Organizations(Ticket),
    Explore(Ticket),
    OneDrives,
    Folder,
}

/// The walk under way.
#[derive(Debug, Clone)]
pub(super) struct Journey {
    session: SessionWanted,
    pub onedrive: Option<Wanted>,
    pub path: VecDeque<Wanted>,
    pub step: Step,
}

impl App {
    /// Starts walking to `destination`; the sessions the app asked for at start lead off.
    pub fn go_to(&mut self, destination: Destination) {
        let journey = match destination {
            Destination::Open(target) => Journey {
                session: SessionWanted::Written(target.session),
                onedrive: target.onedrive.map(|name| Wanted { id: None, name }),
                path: target
                    .path
                    .into_iter()
                    .map(|name| Wanted { id: None, name })
                    .collect(),
                step: Step::Sessions,
            },
            Destination::Resume(Some(place)) => resumed(place),
            Destination::Resume(None) => {
                self.notify("No recent place is kept for this profile yet");
                return;
            }
        };
        self.journey = Some(journey);
        self.walk();
    }

    /// Whether a walk to a place given at start is still under way.
    pub fn is_walking(&self) -> bool {
        self.journey.is_some()
    }

    /// Moves the walk on after a reply, if what it waits for has come.
    pub(super) fn walk(&mut self) {
        let Some(step) = self.journey.as_ref().map(|j| j.step) else {
            return;
        };
        let load_failed = match step {
            Step::Sessions => self.sessions.load == Load::Failed,
            Step::OneDrives => self.onedrives.load == Load::Failed,
            Step::Folder => self.items.load == Load::Failed,
            Step::Organizations(_) | Step::Explore(_) => false,
        };
        if load_failed {
            return self.end_walk();
        }
        match step {
            Step::Sessions if self.sessions.load == Load::Idle => self.pick_session(),
            Step::OneDrives if self.onedrives.load == Load::Idle => self.pick_onedrive(),
            Step::Folder => self.pick_in_folder(),
            _ => {}
        }
    }

    /// Ends the walk when the request it waits for failed (the failure shows as usual).
    pub(super) fn walk_failed(&mut self, ticket: Ticket) {
        let waits = self.journey.as_ref().is_some_and(
            |j| matches!(j.step, Step::Organizations(t) | Step::Explore(t) if t == ticket),
        );
        if waits {
            self.end_walk();
        }
    }

    /// Stops the walk where it is and says why.
    pub(super) fn stop_walk(&mut self, message: String) {
        self.end_walk();
        self.notify(message);
    }

    /// The walk is over: where it got to becomes the recent place. The places passed on the
    /// way are not kept one by one, and a walk that found no session keeps the old place.
    pub(super) fn end_walk(&mut self) {
        self.journey = None;
        self.note_place();
    }

    fn pick_session(&mut self) {
        let Some(journey) = self.journey.as_ref() else {
            return;
        };
        let list = &self.sessions.list;
        let (at, about) = match &journey.session {
            SessionWanted::Remembered { id, about } => {
                (list.iter().position(|s| &s.id == id), about.clone())
            }
            SessionWanted::Written(text) => match session_by_text(list, text) {
                Ok(Some(at)) => (Some(at), about_session(&list[at], None)),
                Ok(None) => return self.ask_organizations(),
                Err(message) => return self.stop_walk(message),
            },
        };
        match at.filter(|&at| list[at].is_working()) {
            Some(at) => self.enter_session(at),
            // What to do comes first: at 80 columns the status line cuts the end off.
            None => self.stop_walk(format!(
                "Press {} to start a new restore session; the one {about} has ended",
                self.keymap.first_key(Action::NewSession)
            )),
        }
    }

    fn enter_session(&mut self, at: usize) {
        let rows = self.list_rows();
        self.sessions.cursor.select_at(at, at, rows);
        let session = self.sessions.list[at].clone();
        self.continue_in(session);
    }

    /// Opens the session found or started and goes on to its OneDrives, if one was asked for.
    fn continue_in(&mut self, session: RestoreSession) {
        let wants_onedrive = self.journey.as_ref().is_some_and(|j| j.onedrive.is_some());
        self.open_session(session);
        if let Some(journey) = self.journey.as_mut() {
            journey.step = Step::OneDrives;
        }
        if !wants_onedrive {
            self.end_walk();
        }
    }

    fn ask_organizations(&mut self) {
        let ticket = self.send(Request::Organizations);
        if let Some(journey) = self.journey.as_mut() {
            journey.step = Step::Organizations(ticket);
        }
    }

    /// The organizations came: the one named gets a new restore session at its latest backup.
    pub(super) fn walk_organizations(&mut self, ticket: Ticket, list: &[Organization]) -> bool {
        let Some(journey) = self.journey.as_ref() else {
            return false;
        };
        let (Step::Organizations(waited), SessionWanted::Written(text)) =
            (journey.step, &journey.session)
        else {
            return false;
        };
        if waited != ticket {
            return false;
        }
        let text = text.clone();
        let found = find(list.iter(), None, &text, true, organization_names);
        let names = || examples(list.iter().map(|org| org.name.as_str()));
        match found {
            Found::One(at) => self.explore_for(&list[at]),
            Found::Nothing => self.stop_walk(format!(
                "No restore session or organization {text:?}; {} sessions, organizations: {}",
                self.sessions.list.len(),
                names()
            )),
            Found::Several(_) => {
                self.stop_walk(format!("{text:?} names several organizations: {}", names()))
            }
        }
        true
    }

    fn explore_for(&mut self, organization: &Organization) {
        self.notify(format!(
            "No working restore session of {}; starting one at its latest backup…",
            organization.name
        ));
        let ticket = self.send(Request::Explore {
            organization: organization.id.clone(),
            at: None,
            show_deleted: false,
            show_all_versions: false,
        });
        if let Some(journey) = self.journey.as_mut() {
            journey.step = Step::Explore(ticket);
        }
    }

    /// The session started for the walk is open: go on into it.
    pub(super) fn walk_explored(&mut self, ticket: Ticket, session: &RestoreSession) {
        let waits = self
            .journey
            .as_ref()
            .is_some_and(|j| j.step == Step::Explore(ticket));
        if waits {
            self.continue_in(session.clone());
        }
    }
}

/// The session `--open` names: its id, the only id it starts, or the only working session of
/// the organization it names; `Ok(None)` when no session matches, so that an organization by
/// that name may get one.
fn session_by_text(list: &[RestoreSession], text: &str) -> Result<Option<usize>, String> {
    if let Some(at) = list.iter().position(|s| s.id.eq_ignore_ascii_case(text)) {
        return Ok(Some(at));
    }
    let lower = text.to_lowercase();
    let started: Vec<usize> = (0..list.len())
        .filter(|&at| list[at].id.to_lowercase().starts_with(&lower))
        .collect();
    match started.as_slice() {
        [one] => return Ok(Some(*one)),
        [] => {}
        several => {
            return Err(format!(
                "{text:?} starts {} restore session ids; type more of the id",
                several.len()
            ));
        }
    }
    let of_org: Vec<usize> = (0..list.len())
        .filter(|&at| list[at].is_working() && organization_matches(&list[at], &lower))
        .collect();
    match of_org.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        several => Err(format!(
            "{} working restore sessions belong to {text:?}; name one by id: {}",
            several.len(),
            examples(several.iter().map(|&at| list[at].id.as_str()))
        )),
    }
}

fn organization_matches(session: &RestoreSession, lower: &str) -> bool {
    let Some(org) = session.organization.as_deref() else {
        return false;
    };
    let org = org.to_lowercase();
    org == lower || org.split('.').next() == Some(lower)
}

/// "of contoso.onmicrosoft.com from 2026-11-24": the backup's day when it is known, else the
/// day the session started; short, since it has to fit the status line.
fn about_session(
    session: &RestoreSession,
    point_in_time: Option<chrono::DateTime<chrono::Utc>>,
) -> String {
    describe(
        session.organization.as_deref().unwrap_or(&session.id),
        session.creation_time,
        point_in_time,
    )
}

fn describe(
    organization: &str,
    started: Option<chrono::DateTime<chrono::Utc>>,
    point_in_time: Option<chrono::DateTime<chrono::Utc>>,
) -> String {
    match point_in_time.or(started) {
        Some(day) => format!("of {organization} from {}", format::day(Some(day))),
        None => format!("of {organization}"),
    }
}

fn resumed(place: Place) -> Journey {
    let organization = place.organization.as_deref().unwrap_or(&place.session);
    let about = describe(organization, place.started, place.point_in_time);
    let known = |named: crate::console::places::Named| Wanted {
        id: Some(named.id),
        name: named.name,
    };
    Journey {
        session: SessionWanted::Remembered {
            id: place.session,
            about,
        },
        onedrive: place.onedrive.map(known),
        path: place.folder.into_iter().map(known).collect(),
        step: Step::Sessions,
    }
}
