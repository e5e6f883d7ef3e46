//! Property tests: the key-chord parser, the `[keys]` keymap and the emulator's `--fault`
//! specs never panic, and what they accept reads back the same from its own display.
//!
//! Cases per property (`ProptestConfig::with_cases`):
//! - `any_text_is_a_chord_or_a_bad_key`: 10,000
//! - `a_written_chord_reads_back_from_its_name`: 10,000
//! - `a_pressed_key_reads_back_from_its_name`: 10,000
//! - `a_keys_table_gives_each_named_action_exactly_its_keys_or_says_why_not`: 3,000
//! - `any_text_is_a_fault_or_a_bad_spec`: 10,000
//! - `a_written_fault_reads_back_from_its_display`: 10,000

use std::collections::BTreeMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use proptest::prelude::*;
use vbo_restore::config::KeyBinding;
use vbo_restore::console::keymap::{Context, Keymap, KeymapError};
use vbo_restore::console::keys::Chord;
use vbo_restore::emulator::Fault;

const CHEAP: u32 = 10_000;

const CONTEXTS: &[Context] = &[
    Context::Sessions,
    Context::OneDrives,
    Context::Items,
    Context::Tasks,
    Context::Form,
    Context::Viewer,
];

const NAMES: &[&str] = &[
    "Up",
    "Down",
    "Left",
    "Right",
    "PageUp",
    "PgUp",
    "PageDown",
    "PgDn",
    "Home",
    "End",
    "Enter",
    "Return",
    "Esc",
    "Escape",
    "Tab",
    "BackTab",
    "Backspace",
    "Delete",
    "Del",
    "Insert",
    "Ins",
    "Space",
    "F1",
    "F12",
    "F24",
];

/// Flips the ASCII case of the characters whose bit is set in `seed`.
fn recase(text: &str, seed: u64) -> String {
    text.chars()
        .enumerate()
        .map(|(i, c)| match seed >> (i % 64) & 1 {
            1 => c.to_ascii_uppercase(),
            _ => c.to_ascii_lowercase(),
        })
        .collect()
}

/// A key as someone writes it in `[keys]`: modifiers in any order, case and separator.
fn written_chord() -> impl Strategy<Value = String> {
    let modifier = (
        prop::sample::select(vec!["ctrl", "alt", "shift"]),
        prop::sample::select(vec!["-", "+"]),
        any::<u64>(),
    )
        .prop_map(|(m, sep, seed)| format!("{}{sep}", recase(m, seed)));
    let key = prop_oneof![
        (prop::sample::select(NAMES), any::<u64>()).prop_map(|(n, seed)| recase(n, seed)),
        any::<char>().prop_map(String::from),
        prop::sample::select(vec!['-', '+', 'c', 'a', 's', 'C', 'A', 'S', ' ', 'é'])
            .prop_map(String::from),
    ];
    (prop::collection::vec(modifier, 0..4), key)
        .prop_map(|(modifiers, key)| format!("{}{key}", modifiers.concat()))
}

fn pressed_key() -> impl Strategy<Value = KeyEvent> {
    let code = prop_oneof![
        any::<char>().prop_map(KeyCode::Char),
        prop::sample::select(vec![
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Insert,
        ]),
        (1u8..=24).prop_map(KeyCode::F),
    ];
    (code, 0u8..8).prop_map(|(code, bits)| {
        let modifiers = KeyModifiers::from_bits_truncate(bits);
        KeyEvent::new(code, modifiers)
    })
}

/// Every action name, as help lists them.
fn action_names() -> Vec<&'static str> {
    let keymap = Keymap::default();
    let mut names: Vec<&'static str> = CONTEXTS
        .iter()
        .flat_map(|context| keymap.help(*context))
        .map(|line| line.name)
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

fn keys_table() -> impl Strategy<Value = BTreeMap<String, KeyBinding>> {
    let name = prop_oneof![
        8 => prop::sample::select(action_names()).prop_map(str::to_string),
        1 => "[a-z_]{1,12}",
    ];
    let key = prop_oneof![4 => written_chord(), 1 => "\\PC{0,6}"];
    let binding = prop_oneof![
        key.clone().prop_map(KeyBinding::One),
        prop::collection::vec(key, 0..4).prop_map(KeyBinding::Many),
    ];
    prop::collection::btree_map(name, binding, 0..5)
}

fn written_fault() -> impl Strategy<Value = String> {
    let number = prop_oneof![
        any::<u16>().prop_map(|n| n.to_string()),
        (0u32..100_000, 0u32..1000).prop_map(|(s, ms)| format!("{s}.{ms:03}")),
        prop::sample::select(vec!["1e300", "-1", "inf", "NaN", "0", "-0", "", "x"])
            .prop_map(str::to_string),
    ];
    let pattern = prop_oneof![Just(String::new()), "[a-zA-Z0-9/*#:. ]{0,12}"];
    let kind = prop::sample::select(vec![
        "reset",
        "status",
        "delay",
        "malformed-json",
        "html",
        "refuse-refresh",
        "expire-tokens",
        "RESET",
        "Delay",
        "bogus",
    ]);
    let times = proptest::option::of(prop_oneof![
        any::<u32>().prop_map(|n| n.to_string()),
        Just("x".to_string()),
    ]);
    (kind, number, pattern, times).prop_map(|(kind, number, pattern, times)| {
        let mut spec = kind.to_string();
        if matches!(
            kind.to_ascii_lowercase().as_str(),
            "reset" | "status" | "delay"
        ) {
            spec = format!("{spec}:{number}");
        }
        if !pattern.is_empty() {
            spec = format!("{spec}:{pattern}");
        }
        match times {
            Some(times) => format!("{spec}#{times}"),
            None => spec,
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CHEAP))]

    #[test]
    fn any_text_is_a_chord_or_a_bad_key(text in "\\PC{0,16}|(?i:(ctrl|alt|shift)[-+]){0,3}.{0,3}") {
        if let Err(bad) = text.parse::<Chord>() {
            prop_assert_eq!(bad.0, text);
        }
    }

    #[test]
    fn a_written_chord_reads_back_from_its_name(spec in written_chord()) {
        if let Ok(chord) = spec.parse::<Chord>() {
            let name = chord.to_string();
            prop_assert_eq!(name.parse::<Chord>().ok(), Some(chord), "{} shown as {}", spec, name);
        }
    }

    #[test]
    fn a_pressed_key_reads_back_from_its_name(event in pressed_key()) {
        let chord = Chord::from_event(&event);
        let name = chord.to_string();
        prop_assert_eq!(name.parse::<Chord>().ok(), Some(chord), "{:?} shown as {}", event, name);
    }

    #[test]
    fn any_text_is_a_fault_or_a_bad_spec(text in "\\PC{0,24}|(?i:reset|status|delay|html|malformed-json):.{0,12}") {
        if let Err(bad) = text.parse::<Fault>() {
            prop_assert_eq!(bad.spec, text);
        }
    }

    #[test]
    fn a_written_fault_reads_back_from_its_display(spec in written_fault()) {
        if let Ok(fault) = spec.parse::<Fault>() {
            let shown = fault.to_string();
            prop_assert_eq!(shown.parse::<Fault>().ok(), Some(fault), "{} shown as {}", spec, shown);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    #[test]
    fn a_keys_table_gives_each_named_action_exactly_its_keys_or_says_why_not(
        table in keys_table(),
    ) {
        let known = action_names();
        match Keymap::from_config(&table) {
            Ok(keymap) => {
                for (name, binding) in &table {
                    let chords: Vec<String> = binding
                        .keys()
                        .iter()
                        .map(|key| key.parse::<Chord>().expect("a key the keymap took").to_string())
                        .collect();
                    let line = CONTEXTS
                        .iter()
                        .flat_map(|context| keymap.help(*context))
                        .find(|line| line.name == name)
                        .expect("a named action is in help");
                    prop_assert_eq!(&line.keys, &chords.join(", "));
                }
            }
            Err(KeymapError::UnknownAction(name)) => {
                prop_assert!(table.contains_key(&name) && !known.contains(&name.as_str()));
            }
            Err(KeymapError::BadKey { action, source }) => {
                prop_assert!(table[&action].keys().contains(&source.0.as_str()));
                prop_assert!(source.0.parse::<Chord>().is_err());
            }
            Err(KeymapError::Conflict { first, second, .. }) => {
                prop_assert!(first != second);
                prop_assert!(table.contains_key(first) || table.contains_key(second));
            }
        }
    }
}
