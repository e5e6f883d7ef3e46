//! Property tests: the configuration parser never panics, whatever text it is given.

use std::path::Path;

use proptest::prelude::*;
use vbo_restore::config::{self, Fingerprint};

/// Cases per property; proptest's default of 256 is raised so that odd corners get reached.
const CASES: u32 = 2_000;

fn toml_like() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "url",
        "api",
        "user",
        "fingerprint",
        "insecure",
        "page_size",
        "theme",
        "mouse",
        "keys",
        "profiles.a",
        "profiles.a.restore",
        "on_conflict",
        "version",
        "download_dir",
        "bogus",
    ]);
    let value = prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        ".{0,40}".prop_map(|s| format!("{s:?}")),
        Just("[1, \"a\"]".to_string()),
        Just("{ x = 1 }".to_string()),
    ];
    let line = prop_oneof![
        (key.clone(), value).prop_map(|(k, v)| format!("{k} = {v}")),
        key.prop_map(|k| format!("[{k}]")),
        ".{0,30}",
    ];
    prop::collection::vec(line, 0..12).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn the_config_parser_never_panics(text in toml_like()) {
        match config::parse(&text, Path::new("fuzz.toml")) {
            Ok(file) => prop_assert!(file.page_size >= 1 && file.page_size <= config::MAX_PAGE_SIZE),
            Err(err) => prop_assert!(err.to_string().contains("fuzz.toml")),
        }
    }

    #[test]
    fn arbitrary_text_never_panics_the_config_parser(text in "\\PC{0,200}") {
        let _ = config::parse(&text, Path::new("fuzz.toml"));
    }

    #[test]
    fn fingerprints_round_trip(bytes in prop::array::uniform32(any::<u8>())) {
        let text = Fingerprint(bytes).to_string();
        let parsed: Fingerprint = text.parse().map_err(TestCaseError::fail)?;
        prop_assert_eq!(parsed.0, bytes);
    }

    #[test]
    fn fingerprint_parser_never_panics(text in "\\PC{0,120}") {
        let _ = text.parse::<Fingerprint>();
    }
}
