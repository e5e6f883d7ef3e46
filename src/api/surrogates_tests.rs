//! Lone surrogate mending: examples, and two properties checked against `char::decode_utf16`.
//!
//! Cases per property (`ProptestConfig::with_cases`):
//! - `json_without_lone_surrogates_is_left_alone`: 4,000
//! - `mended_json_parses_to_what_utf16_decoding_gives`: 4,000

use proptest::prelude::*;
use serde_json::{Map, Value};

use super::*;

fn mended(text: &str) -> (String, usize) {
    let mut bytes = text.as_bytes().to_vec();
    let count = mend_lone_surrogates(&mut bytes);
    (String::from_utf8(bytes).expect("still UTF-8"), count)
}

#[test]
fn a_lone_high_or_low_surrogate_becomes_the_replacement_character() {
    assert_eq!(
        mended(r#"{"name":"Party \uD83D.docx"}"#),
        (r#"{"name":"Party \uFFFD.docx"}"#.to_string(), 1)
    );
    assert_eq!(mended(r#""\udc00x""#), (r#""\uFFFDx""#.to_string(), 1));
    assert_eq!(
        mended(r#""\uDE00\uD83D""#).1,
        2,
        "a low before a high is no pair"
    );
}

#[test]
fn pairs_escaped_backslashes_and_other_escapes_stay() {
    for text in [
        r#""\uD83D\uDE00""#,
        r#""\ud83d\ude00""#,
        r#""\\uD800""#,
        r#""\\\\uD800""#,
        r#""\n\t\"\/\u0041\uFFFD""#,
        r#""\uD8""#,
        r#""\"#,
        "",
    ] {
        assert_eq!(mended(text), (text.to_string(), 0), "{text}");
    }
}

#[test]
fn only_the_first_of_two_high_surrogates_is_lone() {
    let (text, count) = mended(r#""\uD83D\uD83D\uDE00""#);
    assert_eq!(count, 1);
    let value: String = serde_json::from_str(&text).expect("parses");
    assert_eq!(value, "\u{FFFD}😀");
}

/// One piece of a generated string: a character, or a bare UTF-16 code unit in the
/// surrogate range, which JSON can carry only as an escape.
#[derive(Debug, Clone)]
enum Piece {
    Char { c: char, escaped: bool },
    Unit { unit: u16, upper: bool },
}

#[derive(Debug, Clone)]
enum Tree {
    Null,
    Bool(bool),
    Number(i64),
    Text(Vec<Piece>),
    List(Vec<Tree>),
    Object(Vec<(Vec<Piece>, Tree)>),
}

fn character() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select(vec![
            '"', '\\', '/', 'u', 'D', '8', 'd', 'c', '0', '\u{FFFD}'
        ]),
        prop::sample::select(vec![
            '\n', '\u{0}', '\u{1b}', '\u{7f}', '\u{202e}', '😀', '𝄞'
        ]),
        any::<char>(),
    ]
}

fn piece(units: bool) -> BoxedStrategy<Piece> {
    let c = (character(), any::<bool>()).prop_map(|(c, escaped)| Piece::Char { c, escaped });
    if !units {
        return c.boxed();
    }
    let unit =
        (0xD800u16..=0xDFFF, any::<bool>()).prop_map(|(unit, upper)| Piece::Unit { unit, upper });
    prop_oneof![3 => c, 1 => unit].boxed()
}

fn tree(units: bool) -> impl Strategy<Value = Tree> {
    let text = move || prop::collection::vec(piece(units), 0..8);
    let leaf = prop_oneof![
        Just(Tree::Null),
        any::<bool>().prop_map(Tree::Bool),
        any::<i64>().prop_map(Tree::Number),
        text().prop_map(Tree::Text),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Tree::List),
            prop::collection::vec((text(), inner), 0..6).prop_map(Tree::Object),
        ]
    })
}

fn write_text(pieces: &[Piece], out: &mut String) {
    out.push('"');
    for piece in pieces {
        match piece {
            Piece::Char { c: '"', .. } => out.push_str("\\\""),
            Piece::Char { c: '\\', .. } => out.push_str("\\\\"),
            Piece::Char { c, escaped } if *escaped || c.is_control() => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            Piece::Char { c, .. } => out.push(*c),
            Piece::Unit { unit, upper: true } => out.push_str(&format!("\\u{unit:04X}")),
            Piece::Unit { unit, upper: false } => out.push_str(&format!("\\u{unit:04x}")),
        }
    }
    out.push('"');
}

fn write(tree: &Tree, out: &mut String) {
    match tree {
        Tree::Null => out.push_str("null"),
        Tree::Bool(b) => out.push_str(&b.to_string()),
        Tree::Number(n) => out.push_str(&n.to_string()),
        Tree::Text(pieces) => write_text(pieces, out),
        Tree::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        Tree::Object(fields) => {
            out.push('{');
            for (i, (key, value)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_text(key, out);
                out.push(':');
                write(value, out);
            }
            out.push('}');
        }
    }
}

/// The string a UTF-16 decoder makes of the pieces, each lone unit becoming U+FFFD.
fn decoded(pieces: &[Piece]) -> String {
    let mut units = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Char { c, .. } => units.extend(c.encode_utf16(&mut [0; 2]).iter()),
            Piece::Unit { unit, .. } => units.push(*unit),
        }
    }
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

fn expected(tree: &Tree) -> Value {
    match tree {
        Tree::Null => Value::Null,
        Tree::Bool(b) => Value::Bool(*b),
        Tree::Number(n) => Value::from(*n),
        Tree::Text(pieces) => Value::String(decoded(pieces)),
        Tree::List(items) => Value::Array(items.iter().map(expected).collect()),
        Tree::Object(fields) => {
            let mut map = Map::new();
            for (key, value) in fields {
                map.insert(decoded(key), expected(value));
            }
            Value::Object(map)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4_000))]

    #[test]
    fn json_without_lone_surrogates_is_left_alone(tree in tree(false)) {
        let mut text = String::new();
        write(&tree, &mut text);
        for original in [text, expected(&tree).to_string()] {
            let mut bytes = original.clone().into_bytes();
            prop_assert_eq!(mend_lone_surrogates(&mut bytes), 0);
            prop_assert_eq!(bytes, original.into_bytes());
        }
    }

    #[test]
    fn mended_json_parses_to_what_utf16_decoding_gives(tree in tree(true)) {
        let mut text = String::new();
        write(&tree, &mut text);
        let mut bytes = text.into_bytes();
        mend_lone_surrogates(&mut bytes);
        let value: Value = serde_json::from_slice(&bytes)
            .map_err(|error| TestCaseError::fail(format!("{error}: {}", String::from_utf8_lossy(&bytes))))?;
        prop_assert_eq!(value, expected(&tree));
    }
}
