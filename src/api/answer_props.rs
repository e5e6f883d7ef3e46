//! Property tests: whatever a server answers, the client's readers of answers (the models,
//! pages, tokens, statistics, error bodies) never panic; they read it or return their error.
//!
//! Cases per property (`ProptestConfig::with_cases`):
//! - `arbitrary_json_is_read_or_refused_by_every_reader`: 2,000 (each case read as all 14 kinds)
//! - `mutated_emulator_answers_are_read_or_refused`: 2,000
//! - `tolerated_changes_keep_an_answer_readable_with_its_ids`: 2,000
//!
//! The mutated answers are the emulator's own, for v8, v6 and v4, gathered once over HTTP.

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Map, Value};

use super::answer_samples::{KINDS, Sample, read, samples};
use super::transport::decode;

/// Every field name the readers know, plus a few the server sends that they ignore.
const FIELDS: &[&str] = &[
    "id",
    "name",
    "officeName",
    "type",
    "firstBackuptime",
    "lastBackuptime",
    "_links",
    "href",
    "self",
    "offset",
    "limit",
    "totalCount",
    "results",
    "organization",
    "creationTime",
    "endTime",
    "state",
    "result",
    "initiatedBy",
    "details",
    "reason",
    "status",
    "itemName",
    "itemSizeBytes",
    "source",
    "target",
    "startTime",
    "duration",
    "title",
    "message",
    "order",
    "url",
    "sizeBytes",
    "version",
    "versionId",
    "createdBy",
    "modifiedBy",
    "modificationTime",
    "isFolder",
    "oneDriveId",
    "totalItemsCount",
    "restoredItemsCount",
    "failedItemsCount",
    "skippedItemsByErrorCount",
    "skippedItemsByNoChangesCount",
    "skippedItemsCount",
    "items",
    "userCode",
    "verificationUrl",
    "expiresIn",
    "enableNotification",
    "server",
    "smtpServer",
    "port",
    "from",
    "useAuthentication",
    "useSSL",
    "username",
    "access_token",
    "refresh_token",
    "expires_in",
    "sessionId",
    "error",
    "errorCode",
    "Message",
    "ErrorCode",
    "error_description",
];

/// Keys a reader cannot do without, and `results`, without which a page has other rows.
const REQUIRED: &[&str] = &["id", "userCode", "access_token", "sessionId", "results"];
const ENUMS: &[&str] = &["type", "state", "result", "status"];

/// Flips the case of the characters whose bit is set in `seed`.
fn recase(key: &str, seed: u64) -> String {
    key.chars()
        .enumerate()
        .map(|(i, c)| {
            if seed >> (i % 64) & 1 == 1 {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

fn text() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        "",
        "2024-05-01T10:00:00Z",
        "2017-06-29T08:30:05.0983973",
        "9999-99-99T99:99:99",
        "+275760-09-13T00:00:00Z",
        "WORKING",
        "veod",
        "Skipped",
        "\u{1b}[31m",
        "../..",
        "\u{0}",
        "-1",
        "18446744073709551616",
        "\u{FFFD}",
    ]);
    prop_oneof![special.prop_map(str::to_string), "\\PC{0,12}", ".{0,4}"]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (prop::sample::select(FIELDS), any::<u64>()).prop_map(|(k, seed)| recase(k, seed)),
        1 => prop::sample::select(FIELDS).prop_map(str::to_string),
        1 => text(),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        text().prop_map(Value::String),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..8)
                .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

/// Arbitrary JSON, an object of known fields, or a page of such objects.
fn answer() -> impl Strategy<Value = Value> {
    let object = || {
        prop::collection::vec((key(), json()), 0..10)
            .prop_map(|fields| Value::Object(fields.into_iter().collect::<Map<_, _>>()))
    };
    prop_oneof![
        json(),
        object(),
        (prop::collection::vec(object(), 0..5), leaf()).prop_map(|(rows, limit)| {
            serde_json::json!({ "results": rows, "limit": limit, "offset": 0 })
        }),
    ]
}

/// A change at one node of an answer.
#[derive(Debug, Clone)]
enum Op {
    Replace(Value),
    Remove,
    Recase(u64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        json().prop_map(Op::Replace),
        Just(Op::Remove),
        any::<u64>().prop_map(Op::Recase),
    ]
}

fn size(value: &Value) -> usize {
    match value {
        Value::Object(map) => 1 + map.values().map(size).sum::<usize>(),
        Value::Array(items) => 1 + items.iter().map(size).sum::<usize>(),
        _ => 1,
    }
}

/// Applies `op` to node `n` of `value` in preorder; removing or renaming needs a parent.
fn apply(value: &mut Value, n: usize, op: &Op) {
    if n == 0 {
        if let Op::Replace(new) = op {
            *value = new.clone();
        }
        return;
    }
    let mut n = n - 1;
    match value {
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            for key in keys {
                let child = size(&map[&key]);
                if n == 0 && !matches!(op, Op::Replace(_)) {
                    let old = map.remove(&key).expect("the key");
                    if let Op::Recase(seed) = op {
                        map.insert(recase(&key, *seed), old);
                    }
                    return;
                }
                if n < child {
                    return apply(map.get_mut(&key).expect("the key"), n, op);
                }
                n -= child;
            }
        }
        Value::Array(items) => {
            for i in 0..items.len() {
                let child = size(&items[i]);
                if n == 0 && matches!(op, Op::Remove) {
                    items.remove(i);
                    return;
                }
                if n < child {
                    return apply(&mut items[i], n, op);
                }
                n -= child;
            }
        }
        _ => {}
    }
}

/// A change the model's documentation promises to tolerate, at one field of a resource.
#[derive(Debug, Clone)]
enum Tolerated {
    Unknown(String, Value),
    Null(Index),
    Drop(Index),
    EnumCase(Index, u64),
    BadDate(Index, String),
}

fn tolerated() -> impl Strategy<Value = Tolerated> {
    prop_oneof![
        ("[a-zA-Z]{1,8}", json()).prop_map(|(k, v)| Tolerated::Unknown(format!("unknown{k}"), v)),
        any::<Index>().prop_map(Tolerated::Null),
        any::<Index>().prop_map(Tolerated::Drop),
        (any::<Index>(), any::<u64>()).prop_map(|(i, seed)| Tolerated::EnumCase(i, seed)),
        (any::<Index>(), text()).prop_map(|(i, t)| Tolerated::BadDate(i, t)),
    ]
}

fn tolerate(resource: &mut Map<String, Value>, change: &Tolerated) {
    let keys: Vec<String> = resource.keys().cloned().collect();
    let pick = |index: &Index, fits: &dyn Fn(&str) -> bool| -> Option<String> {
        let fitting: Vec<&String> = keys.iter().filter(|k| fits(k)).collect();
        (!fitting.is_empty()).then(|| index.get(&fitting).to_string())
    };
    let optional = |k: &str| !REQUIRED.contains(&k);
    match change {
        Tolerated::Unknown(key, value) => {
            resource.insert(key.clone(), value.clone());
        }
        Tolerated::Null(index) => {
            if let Some(key) = pick(index, &optional) {
                resource.insert(key, Value::Null);
            }
        }
        Tolerated::Drop(index) => {
            if let Some(key) = pick(index, &optional) {
                resource.remove(&key);
            }
        }
        Tolerated::EnumCase(index, seed) => {
            let is_enum = |k: &str| ENUMS.contains(&k);
            if let Some(key) = pick(index, &is_enum)
                && let Some(Value::String(text)) = resource.get_mut(&key)
            {
                *text = recase(text, *seed);
            }
        }
        Tolerated::BadDate(index, garbage) => {
            let is_date = |k: &str| k.ends_with("time") || k.ends_with("Time");
            if let Some(key) = pick(index, &is_date) {
                resource.insert(key, Value::String(garbage.clone()));
            }
        }
    }
}

/// The answer as the client reads it, as JSON.
fn parsed(sample: &Sample) -> Value {
    decode(&mut sample.body.clone(), "/props").expect("the emulator's answer is JSON")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn arbitrary_json_is_read_or_refused_by_every_reader(value in answer()) {
        let body = value.to_string().into_bytes();
        for kind in KINDS {
            let _ = read(*kind, &body);
        }
    }

    #[test]
    fn mutated_emulator_answers_are_read_or_refused(
        which in any::<Index>(),
        ops in prop::collection::vec((any::<Index>(), op()), 1..6),
        cut in proptest::option::weighted(0.2, any::<Index>()),
    ) {
        let sample = which.get(samples());
        let mut value = parsed(sample);
        for (at, op) in &ops {
            let n = at.index(size(&value));
            apply(&mut value, n, op);
        }
        let mut body = value.to_string().into_bytes();
        if let Some(cut) = cut {
            body.truncate(cut.index(body.len() + 1));
        }
        let _ = read(sample.kind, &body);
    }

    #[test]
    fn tolerated_changes_keep_an_answer_readable_with_its_ids(
        which in any::<Index>(),
        changes in prop::collection::vec((any::<bool>(), any::<Index>(), tolerated()), 1..8),
    ) {
        let sample = which.get(samples());
        let before = read(sample.kind, &sample.body).expect("the emulator's answer reads");
        let mut value = parsed(sample);
        for (in_row, at, change) in &changes {
            let resource = match value.get_mut("results").and_then(Value::as_array_mut) {
                Some(rows) if *in_row && !rows.is_empty() => at.get_mut(rows),
                _ => &mut value,
            };
            if let Some(resource) = resource.as_object_mut() {
                tolerate(resource, change);
            }
        }
        let after = read(sample.kind, value.to_string().as_bytes());
        prop_assert_eq!(after.as_ref().ok(), Some(&before), "{:?}: {}", after, value);
    }
}
