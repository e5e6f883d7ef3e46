//! The console's actions, the keys that trigger them and what they do, in one table.
//!
//! Help (`?`) and the hint bar are generated from this table, and the `[keys]` table of the
//! config rebinds an action by its name, changing only the actions it names.

use std::collections::{BTreeMap, HashMap};

use crossterm::event::{KeyCode, KeyEvent};

use super::keys::{BadKey, Chord};
use crate::config::KeyBinding;

mod actions;
mod hints;
mod markdown;

use actions::SPECS;
pub use actions::{Action, Context};
pub use hints::hint_width;

/// A `[keys]` table that could not be applied.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeymapError {
    #[error("[keys] names \"{0}\", which is not an action; see the help (?) for their names")]
    UnknownAction(String),
    #[error("[keys] {action}: {source}")]
    BadKey { action: String, source: BadKey },
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
    /// The default keys with the `[keys]` table's rebindings applied: each named action gets
    /// exactly the keys given, and every other action keeps its own.
    pub fn with_overrides<'a, I, K>(bindings: I) -> Result<Keymap, KeymapError>
    where
        I: IntoIterator<Item = (&'a str, K)>,
        K: IntoIterator<Item = &'a str>,
    {
        let mut keymap = Keymap::default();
        for (name, keys) in bindings {
            let spec = SPECS
                .iter()
                .find(|spec| spec.name == name)
                .ok_or_else(|| KeymapError::UnknownAction(name.to_owned()))?;
            let chords = keys
                .into_iter()
                .map(|key| {
                    key.parse().map_err(|source| KeymapError::BadKey {
                        action: name.to_owned(),
                        source,
                    })
                })
                .collect::<Result<Vec<Chord>, KeymapError>>()?;
            keymap.keys.insert(spec.action, chords);
        }
        keymap.check_conflicts()?;
        Ok(keymap)
    }

    /// The keymap for the config file's `[keys]` table.
    pub fn from_config(keys: &BTreeMap<String, KeyBinding>) -> Result<Keymap, KeymapError> {
        Keymap::with_overrides(
            keys.iter()
                .map(|(name, binding)| (name.as_str(), binding.keys())),
        )
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

    /// The hinted actions of this context that fit a bar of `width` columns, as (first key,
    /// word) pairs in table order.
    pub fn hints(&self, context: Context, width: usize) -> Vec<(String, &'static str)> {
        self.hints_worded(context, width, |_, word| Some(word))
    }

    /// As [`Keymap::hints`], with each hint's word passed through `word`, which may change
    /// it to what the key does in the state shown, or drop it (`None`).
    pub fn hints_worded(
        &self,
        context: Context,
        width: usize,
        word: impl Fn(Action, &'static str) -> Option<&'static str>,
    ) -> Vec<(String, &'static str)> {
        let all = SPECS
            .iter()
            .filter(|spec| !spec.hint.is_empty() && spec.contexts.contains(&context))
            .filter_map(|spec| {
                let key = self.chords(spec.action).first()?;
                let hint = word(spec.action, spec.hint).filter(|w| !w.is_empty())?;
                Some((spec.action, key.to_string(), hint))
            })
            .collect();
        hints::fit(all, width)
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
        let error = Keymap::with_overrides([("jump", ["j"])]).expect_err("unknown");
        assert!(error.to_string().contains("\"jump\""));
        let error = Keymap::with_overrides([("down", ["Hyper-j"])]).expect_err("bad key");
        assert!(error.to_string().contains("Hyper-j"));
    }

    #[test]
    fn a_key_taken_from_another_action_is_a_conflict() {
        let error = Keymap::with_overrides([("down", ["k"])]).expect_err("k is up");
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
