//! The profile picker's state: shown before login when the config file has several profiles
//! and nothing chose one.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::config::{ApiChoice, Profile};

/// One profile as the picker lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileRow {
    pub name: String,
    pub url: String,
    pub user: String,
    pub api: String,
}

impl ProfileRow {
    pub fn new(name: &str, profile: &Profile) -> ProfileRow {
        ProfileRow {
            name: name.to_owned(),
            url: profile.url.clone().unwrap_or_default(),
            user: profile.user.clone().unwrap_or_default(),
            api: match profile.api {
                ApiChoice::Auto => "auto".to_owned(),
                ApiChoice::Fixed(n) => format!("v{n}"),
            },
        }
    }
}

/// What a key press on the picker asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerOutcome {
    Nothing,
    Picked(String),
    Quit,
}

/// The picker: the rows, the ones passing the filter, and the cursor among those.
#[derive(Debug, Clone)]
pub struct Picker {
    pub rows: Vec<ProfileRow>,
    pub visible: Vec<usize>,
    pub selected: usize,
    pub filter: String,
    /// Whether keys go to the filter (after `/`).
    pub filtering: bool,
}

impl Picker {
    pub fn new(rows: Vec<ProfileRow>) -> Picker {
        let visible = (0..rows.len()).collect();
        Picker {
            rows,
            visible,
            selected: 0,
            filter: String::new(),
            filtering: false,
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> PickerOutcome {
        if key.kind != KeyEventKind::Press {
            return PickerOutcome::Nothing;
        }
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            return PickerOutcome::Quit;
        }
        if self.filtering {
            self.filter_key(key.code);
            return PickerOutcome::Nothing;
        }
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return PickerOutcome::Quit,
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => self.move_down(),
            KeyCode::Home | KeyCode::Char('g') => self.selected = 0,
            KeyCode::End | KeyCode::Char('G') => {
                self.selected = self.visible.len().saturating_sub(1)
            }
            KeyCode::Char('/') => self.filtering = true,
            KeyCode::Enter => {
                if let Some(row) = self.current() {
                    return PickerOutcome::Picked(row.name.clone());
                }
            }
            _ => {}
        }
        PickerOutcome::Nothing
    }

    pub fn current(&self) -> Option<&ProfileRow> {
        self.rows.get(*self.visible.get(self.selected)?)
    }

    fn move_down(&mut self) {
        if self.selected + 1 < self.visible.len() {
            self.selected += 1;
        }
    }

    /// Esc clears the filter, Enter keeps it and goes back to the rows.
    fn filter_key(&mut self, code: KeyCode) {
        match code {
            KeyCode::Esc => {
                self.filtering = false;
                self.filter.clear();
            }
            KeyCode::Enter => self.filtering = false,
            KeyCode::Backspace => {
                self.filter.pop();
            }
            KeyCode::Char(c) => self.filter.push(c),
            _ => return,
        }
        let needle = self.filter.to_lowercase();
        self.visible = (0..self.rows.len())
            .filter(|&at| {
                let row = &self.rows[at];
                [&row.name, &row.url, &row.user]
                    .iter()
                    .any(|text| text.to_lowercase().contains(&needle))
            })
            .collect();
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(picker: &mut Picker, code: KeyCode) -> PickerOutcome {
        picker.handle_key(&KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn picker() -> Picker {
        let row = |name: &str, url: &str| ProfileRow {
            name: name.to_owned(),
            url: url.to_owned(),
            user: "helpdesk".to_owned(),
            api: "auto".to_owned(),
        };
        Picker::new(vec![
            row("lab", "https://lab:4443"),
            row("prod", "https://vbo.contoso:4443"),
            row("staging", "https://stage:4443"),
        ])
    }

    #[test]
    fn arrows_and_vim_keys_move_and_enter_picks() {
        let mut picker = picker();
        press(&mut picker, KeyCode::Down);
        press(&mut picker, KeyCode::Char('j'));
        press(&mut picker, KeyCode::Char('j'));
        press(&mut picker, KeyCode::Char('k'));
        assert_eq!(
            press(&mut picker, KeyCode::Enter),
            PickerOutcome::Picked("prod".to_owned())
        );
        assert_eq!(press(&mut picker, KeyCode::Char('q')), PickerOutcome::Quit);
        assert_eq!(press(&mut picker, KeyCode::Esc), PickerOutcome::Quit);
    }

    #[test]
    fn the_filter_narrows_by_name_or_url_and_esc_clears_it() {
        let mut picker = picker();
        press(&mut picker, KeyCode::Char('/'));
        for c in "contoso".chars() {
            press(&mut picker, KeyCode::Char(c));
        }
        assert_eq!(picker.visible, vec![1]);
        assert_eq!(
            press(&mut picker, KeyCode::Char('q')),
            PickerOutcome::Nothing
        );
        assert_eq!(
            picker.visible,
            Vec::<usize>::new(),
            "q was typed into the filter"
        );
        press(&mut picker, KeyCode::Backspace);
        press(&mut picker, KeyCode::Enter);
        assert_eq!(
            press(&mut picker, KeyCode::Enter),
            PickerOutcome::Picked("prod".to_owned())
        );
        press(&mut picker, KeyCode::Char('/'));
        press(&mut picker, KeyCode::Esc);
        assert_eq!(picker.visible.len(), 3);
    }
}
