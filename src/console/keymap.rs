//! The console's actions, the keys that trigger them and what they do, in one table.
//!
//! Help (`?`) and the hint bar are generated from this table, and the `[keys]` table of the
//! config rebinds an action by its name, changing only the actions it names.

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent};

use super::keys::{BadKey, Chord};

mod actions;

use actions::SPECS;
pub use actions::{Action, Context};

/// A `[keys]` table that could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    #[error("[keys] names \"{0}\", which is not an action; see the help (?) for their names")]
    UnknownAction(String),
    #[error("[keys] {action}: {source}")]
    BadKey { action: String, source: BadKey },
    #[error("[keys] {action} must be a key name or a list of key names")]
    NotAKeyList { action: String },
    #[error("[keys] gives {key} to both {first} and {second}; bind one of them elsewhere")]
    Conflict {
        key: String,
        first: &'static str,
        second: &'static str,
    },
}

/// Which keys trigger which action, after the config's overrides.
#[derive(Debug, Clone)]
pub struct Keymap {
    keys: HashMap<Action, Vec<Chord>>,
}

/// One line of help: the keys and what they do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    pub keys: String,
    pub help: &'static str,
    pub name: &'static str,
}

impl Default for Keymap {
    fn default() -> Keymap {
        let keys = SPECS
            .iter()
            .map(|spec| {
                let chords = spec.keys.iter().filter_map(|k| k.parse().ok()).collect();
                (spec.action, chords)
            })
            .collect();
        Keymap { keys }
    }
}

impl Keymap {
    /// The default keys with the `[keys]` table's rebindings applied.
    pub fn with_overrides(table: &toml::Table) -> Result<Keymap, KeymapError> {
        let mut keymap = Keymap::default();
        for (name, value) in table {
            let spec = SPECS
                .iter()
                .find(|spec| spec.name == name.as_str())
                .ok_or_else(|| KeymapError::UnknownAction(name.clone()))?;
            let chords = parse_key_list(name, value)?;
            keymap.keys.insert(spec.action, chords);
        }
        keymap.check_conflicts()?;
        Ok(keymap)
    }

    /// Fails when one key triggers two actions that can apply in the same place.
    fn check_conflicts(&self) -> Result<(), KeymapError> {
        for (i, first) in SPECS.iter().enumerate() {
            for second in &SPECS[i + 1..] {
                let shared = first.contexts.iter().any(|c| second.contexts.contains(c));
                if !shared {
                    continue;
                }
                let clash = self
                    .chords(first.action)
                    .iter()
                    .find(|chord| self.chords(second.action).contains(chord));
                if let Some(chord) = clash {
                    return Err(KeymapError::Conflict {
                        key: chord.to_string(),
                        first: first.name,
                        second: second.name,
                    });
                }
            }
        }
        Ok(())
    }

    fn chords(&self, action: Action) -> &[Chord] {
        self.keys.get(&action).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The action a key press asks for in this context, if any.
    pub fn action(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let chord = Chord::from_event(event);
        SPECS
            .iter()
            .filter(|spec| spec.contexts.contains(&context))
            .find(|spec| self.chords(spec.action).contains(&chord))
            .map(|spec| spec.action)
    }

    /// Every action of this context with its keys and description, in table order.
    pub fn help(&self, context: Context) -> Vec<HelpLine> {
        SPECS
            .iter()
            .filter(|spec| spec.contexts.contains(&context))
            .map(|spec| HelpLine {
                keys: self.key_names(spec.action),
                help: spec.help,
                name: spec.name,
            })
            .collect()
    }

    /// The hinted actions of this context as (first key, word) pairs.
    pub fn hints(&self, context: Context) -> Vec<(String, &'static str)> {
        SPECS
            .iter()
            .filter(|spec| !spec.hint.is_empty() && spec.contexts.contains(&context))
            .filter_map(|spec| {
                let key = self.chords(spec.action).first()?;
                Some((key.to_string(), spec.hint))
            })
            .collect()
    }

    /// The keys of an action joined for display: `Down, j`.
    pub fn key_names(&self, action: Action) -> String {
        let names: Vec<String> = self.chords(action).iter().map(Chord::to_string).collect();
        names.join(", ")
    }

    /// The first key of an action, for sentences such as "press ? for help".
    pub fn first_key(&self, action: Action) -> String {
        self.chords(action)
            .first()
            .map(Chord::to_string)
            .unwrap_or_else(|| "(unbound)".to_owned())
    }

    /// Whether a key press is the plain Enter key (forms and filters read it directly).
    pub fn is_enter(event: &KeyEvent) -> bool {
        event.code == KeyCode::Enter
    }
}

/// Reads `"j"` or `["j", "Down"]` into chords.
fn parse_key_list(action: &str, value: &toml::Value) -> Result<Vec<Chord>, KeymapError> {
    let texts: Vec<&str> = match value {
        toml::Value::String(one) => vec![one.as_str()],
        toml::Value::Array(many) => many
            .iter()
            .map(|v| v.as_str())
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| KeymapError::NotAKeyList {
                action: action.to_owned(),
            })?,
        _ => {
            return Err(KeymapError::NotAKeyList {
                action: action.to_owned(),
            });
        }
    };
    texts
        .iter()
        .map(|text| {
            text.parse().map_err(|source| KeymapError::BadKey {
                action: action.to_owned(),
                source,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Context::{Items, Sessions};
    use crossterm::event::KeyModifiers;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn the_default_table_has_no_conflicts() {
        Keymap::default()
            .check_conflicts()
            .expect("defaults are consistent");
    }

    #[test]
    fn arrows_and_vim_keys_both_move() {
        let keymap = Keymap::default();
        for code in [KeyCode::Down, KeyCode::Char('j')] {
            assert_eq!(keymap.action(Items, &press(code)), Some(Action::Down));
        }
        assert_eq!(
            keymap.action(Sessions, &press(KeyCode::Char('x'))),
            Some(Action::StopSession)
        );
        assert_eq!(keymap.action(Items, &press(KeyCode::Char('x'))), None);
    }

    #[test]
    fn help_lists_each_key_of_the_pane() {
        let help = Keymap::default().help(Items);
        let mark = help
            .iter()
            .find(|line| line.name == "mark")
            .expect("mark listed");
        assert_eq!(mark.keys, "Space");
        assert!(help.iter().all(|line| line.name != "stop_session"));
    }

    #[test]
    fn an_unknown_name_or_bad_key_is_refused_with_its_name() {
        let table: toml::Table = toml::from_str("jump = \"j\"").expect("toml");
        let error = Keymap::with_overrides(&table).expect_err("unknown");
        assert!(error.to_string().contains("\"jump\""));
        let table: toml::Table = toml::from_str("down = \"Hyper-j\"").expect("toml");
        let error = Keymap::with_overrides(&table).expect_err("bad key");
        assert!(error.to_string().contains("Hyper-j"));
    }

    #[test]
    fn a_key_taken_from_another_action_is_a_conflict() {
        let table: toml::Table = toml::from_str("down = \"k\"").expect("toml");
        let error = Keymap::with_overrides(&table).expect_err("k is up");
        assert!(matches!(
            error,
            KeymapError::Conflict {
                first: "up",
                second: "down",
                ..
            }
        ));
    }
}
