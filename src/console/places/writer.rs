//! Writes the recent place off the event loop: places go down a channel to a thread that
//! keeps only the newest one waiting and writes it.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use super::recent::{Place, RecentFile};

/// The console's end of the writer thread for one profile.
#[derive(Debug)]
pub struct RecentWriter {
    places: Option<Sender<Place>>,
    thread: Option<JoinHandle<()>>,
}

impl RecentWriter {
    /// Starts the thread that writes `profile`'s places into `file`.
    pub fn start(file: RecentFile, profile: String) -> RecentWriter {
        let (places, inbox) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("recent-places".to_owned())
            .spawn(move || write_each(&file, &profile, &inbox))
            .map_err(|error| tracing::warn!(%error, "recent places will not be kept"))
            .ok();
        RecentWriter {
            places: thread.as_ref().map(|_| places),
            thread,
        }
    }

    pub fn remember(&self, place: Place) {
        if let Some(places) = &self.places {
            // The thread only ends once this sender is dropped.
            let _ = places.send(place);
        }
    }

    /// Writes what is still waiting and ends the thread.
    pub fn finish(mut self) {
        self.places = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn write_each(file: &RecentFile, profile: &str, inbox: &Receiver<Place>) {
    while let Ok(mut place) = inbox.recv() {
        while let Ok(newer) = inbox.try_recv() {
            place = newer;
        }
        match file.save(profile, &place) {
            Ok(()) => tracing::debug!(profile, session = %place.session, "recent place kept"),
            Err(error) => tracing::warn!(
                file = %file.path().display(), %error, "could not write the recent place"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_place_is_written_before_finish_returns() {
        let dir = tempfile::tempdir().expect("dir");
        let file = RecentFile::in_dir(dir.path());
        let writer = RecentWriter::start(file.clone(), "demo".to_owned());
        for n in 0..50 {
            writer.remember(Place {
                session: format!("s{n}"),
                organization: None,
                started: None,
                point_in_time: None,
                onedrive: None,
                folder: Vec::new(),
            });
        }
        writer.finish();
        assert_eq!(file.load("demo").map(|p| p.session).as_deref(), Some("s49"));
    }
}
