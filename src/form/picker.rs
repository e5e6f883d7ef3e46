//! The copy target picker: the session's OneDrives, narrowed by what the agent types.

use crossterm::event::{KeyCode, KeyEvent};

use super::text::TextField;
use crate::api::model::OneDrive;

/// How many matching OneDrives the picker lists under its filter.
pub const PICKER_ROWS: usize = 4;

/// A filter text over a list of OneDrives, with one of the matches chosen.
#[derive(Debug, Clone)]
pub struct OneDrivePicker {
    all: Vec<OneDrive>,
    filter: TextField,
    /// Index into `all` of the chosen OneDrive.
    chosen: Option<usize>,
}

impl OneDrivePicker {
    pub fn new(all: Vec<OneDrive>) -> OneDrivePicker {
        OneDrivePicker {
            all,
            filter: TextField::plain(""),
            chosen: None,
        }
    }

    pub fn filter(&self) -> &TextField {
        &self.filter
    }

    pub fn chosen(&self) -> Option<&OneDrive> {
        self.chosen.and_then(|at| self.all.get(at))
    }

    /// The indexes into the full list of the OneDrives whose name, or the last part of whose
    /// URL (the user's part), contains the filter.
    pub fn matches(&self) -> Vec<usize> {
        let wanted = self.filter.trimmed().to_lowercase();
        self.all
            .iter()
            .enumerate()
            .filter(|(_, drive)| {
                wanted.is_empty()
                    || drive.name.to_lowercase().contains(&wanted)
                    || drive
                        .url
                        .as_deref()
                        .and_then(|url| url.trim_end_matches('/').rsplit('/').next())
                        .is_some_and(|user| user.to_lowercase().contains(&wanted))
            })
            .map(|(at, _)| at)
            .collect()
    }

    pub fn get(&self, at: usize) -> Option<&OneDrive> {
        self.all.get(at)
    }

    pub fn chosen_index(&self) -> Option<usize> {
        self.chosen
    }

    /// Moves the choice to the next or previous match.
    pub fn step(&mut self, forward: bool) -> bool {
        let matches = self.matches();
        if matches.is_empty() {
            return false;
        }
        let position = self
            .chosen
            .and_then(|chosen| matches.iter().position(|at| *at == chosen));
        let next = match (position, forward) {
            (None, _) => 0,
            (Some(p), true) => (p + 1) % matches.len(),
            (Some(p), false) => (p + matches.len() - 1) % matches.len(),
        };
        self.chosen = Some(matches[next]);
        true
    }

    /// Handles a key: Up/Down (and Left/Right) move the choice, anything else edits the filter,
    /// and a filter that leaves one match chooses it.
    ///
    /// A space before any letter is not typed: the filter is trimmed, so it would match
    /// nothing more and only sit there unseen.
    pub fn handle(&mut self, key: KeyEvent) -> bool {
        match key.code {
            KeyCode::Down | KeyCode::Right => return self.step(true),
            KeyCode::Up | KeyCode::Left => return self.step(false),
            KeyCode::Char(' ') if self.filter.value().trim().is_empty() => return false,
            _ => {}
        }
        if !self.filter.edit(key) {
            return false;
        }
        let matches = self.matches();
        let still_matches = self.chosen.is_some_and(|chosen| matches.contains(&chosen));
        if !still_matches {
            self.chosen = matches.first().copied();
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::KeyModifiers;

    use super::*;

    fn drive(name: &str) -> OneDrive {
        OneDrive {
            id: format!("id-{name}"),
            name: name.to_string(),
            url: Some(format!("https://contoso-my.sharepoint.com/personal/{name}")),
            links: Default::default(),
        }
    }

    #[test]
    fn typing_narrows_and_chooses_the_first_match() {
        let mut picker = OneDrivePicker::new(vec![drive("adele"), drive("megan"), drive("alex")]);
        assert!(picker.chosen().is_none());
        picker.handle(KeyEvent::new(KeyCode::Char('m'), KeyModifiers::NONE));
        assert_eq!(picker.matches(), vec![1]);
        assert_eq!(picker.chosen().map(|d| d.name.as_str()), Some("megan"));
        picker.handle(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        picker.handle(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        assert_eq!(picker.chosen().map(|d| d.name.as_str()), Some("alex"));
    }

    #[test]
    fn a_leading_space_is_not_typed_but_a_space_inside_a_name_is() {
        let press = |picker: &mut OneDrivePicker, c: char| {
            picker.handle(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
        };
        let mut picker = OneDrivePicker::new(vec![drive("Adele Vance"), drive("Alex Wilber")]);
        assert!(!press(&mut picker, ' '), "nothing to redraw");
        assert_eq!(picker.filter().value(), "");
        for c in "e v".chars() {
            press(&mut picker, c);
        }
        assert_eq!(picker.filter().value(), "e v");
        assert_eq!(picker.matches(), vec![0]);
        assert_eq!(
            picker.chosen().map(|d| d.name.as_str()),
            Some("Adele Vance")
        );
    }
}
