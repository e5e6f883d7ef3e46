//! Noticing when the place shown changes, so that `--resume` can come back to it.

use super::App;
use crate::console::places::{Named, Place};
use crate::console::request::Effect;

impl App {
    /// The restore session, OneDrive and folder shown, if a session is open.
    pub fn place(&self) -> Option<Place> {
        let session = self.onedrives.session.as_ref()?;
        let onedrive = self.items.onedrive.as_ref().map(|o| Named {
            id: o.id.clone(),
            name: o.name.clone(),
        });
        let folder = match onedrive {
            Some(_) => self
                .items
                .path
                .iter()
                .map(|crumb| Named {
                    id: crumb.id.clone(),
                    name: crumb.name.clone(),
                })
                .collect(),
            None => Vec::new(),
        };
        Some(Place {
            session: session.id.clone(),
            organization: session.organization.clone(),
            started: session.creation_time,
            point_in_time: self.points_in_time.get(&session.id).copied().flatten(),
            onedrive,
            folder,
        })
    }

    /// Asks for the place to be kept when it differs from the last one kept.
    pub(super) fn note_place(&mut self) {
        if self.is_walking() {
            return;
        }
        let place = self.place();
        if place.is_none() || place == self.remembered {
            return;
        }
        self.remembered = place.clone();
        if let Some(place) = place {
            self.effects.push(Effect::Remember(place));
        }
    }
}
