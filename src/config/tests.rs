use std::io::Write;

use super::*;

fn parse_str(text: &str) -> Result<ConfigFile, ConfigError> {
    parse(text, Path::new("/etc/test.toml"))
}

fn error_text(text: &str) -> String {
    match parse_str(text) {
        Ok(_) => panic!("expected {text:?} to be refused"),
        Err(err) => err.to_string(),
    }
}

#[test]
fn the_example_file_parses_with_every_key_it_documents() {
    let file = parse_str(include_str!("../../config.example.toml")).expect("example parses");
    let prod = &file.profiles["prod"];
    assert_eq!(prod.api, ApiChoice::Auto);
    assert!(prod.fingerprint.is_some());
    assert_eq!(prod.restore.on_conflict, Some(Choice(ConflictWord::Keep)));
    assert!(file.profiles.contains_key("lab"));
    assert_eq!(file.max_parallel_tasks, 3);
    assert_eq!(file.read_timeout, 60);
    assert_eq!(file.save_read_timeout, 10_800);
}

#[test]
fn no_file_gives_defaults() {
    let file = ConfigFile::default_values();
    assert_eq!(file.page_size, 1000);
    assert_eq!(file.max_parallel_tasks, 3);
    assert!(!file.mouse);
}

#[test]
fn an_unknown_key_names_the_file_line_and_key() {
    let text = error_text("[profiles.a]\nurl = \"https://x\"\nurll = \"https://y\"\n");
    assert!(text.contains("/etc/test.toml"), "{text}");
    assert!(text.contains("line 3"), "{text}");
    assert!(text.contains("urll"), "{text}");
    assert!(
        text.contains("password_command"),
        "lists allowed keys: {text}"
    );
}

#[test]
fn a_bad_api_version_says_what_is_allowed() {
    let text = error_text("[profiles.a]\napi = \"v9\"\n");
    assert!(text.contains("\"v9\""), "{text}");
    assert!(text.contains("auto, v4, v5, v6, v7, v8"), "{text}");
}

#[test]
fn bad_enum_words_and_page_sizes_are_refused() {
    let text = error_text("[profiles.a.restore]\non_conflict = \"replace\"\n");
    assert!(text.contains("allowed: keep, overwrite"), "{text}");
    let text = error_text("page_size = 20000\n");
    assert!(text.contains("1 to 10000"), "{text}");
    let text = error_text("theme = \"neon\"\n");
    assert!(text.contains("neon"), "{text}");
}

#[test]
fn timeouts_of_zero_or_beyond_their_limit_are_refused_by_name() {
    for (text, key, range) in [
        ("read_timeout = 0\n", "read_timeout", "1 to 3600"),
        ("read_timeout = -5\n", "read_timeout", "1 to 3600"),
        ("read_timeout = 3601\n", "read_timeout", "1 to 3600"),
        (
            "save_read_timeout = 0\n",
            "save_read_timeout",
            "1 to 172800",
        ),
        (
            "save_read_timeout = 999999999\n",
            "save_read_timeout",
            "1 to 172800",
        ),
    ] {
        let message = error_text(text);
        assert!(message.contains(key), "{text}: {message}");
        assert!(message.contains(range), "{text}: {message}");
    }
    let file = parse_str("read_timeout = 5\nsave_read_timeout = 2\n").expect("in range");
    let (read, save) = file.timeouts();
    assert_eq!((read.as_secs(), save.as_secs()), (5, 2));
    let defaults = ConfigFile::default_values().timeouts();
    assert_eq!((defaults.0.as_secs(), defaults.1.as_secs()), (60, 10_800));
}

#[test]
fn fingerprints_read_as_hex_with_or_without_colons_and_as_base64() {
    let hex = "SHA256:".to_string() + &"ab".repeat(32);
    let colons = "SHA256:".to_string() + &vec!["AB"; 32].join(":");
    let base64 = "SHA256:q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s=";
    let a: Fingerprint = hex.parse().expect("hex");
    let b: Fingerprint = colons.parse().expect("colons");
    let c: Fingerprint = base64.parse().expect("base64");
    assert_eq!(a, b);
    assert_eq!(a, c);
    assert_eq!(a.to_string(), hex);
    assert!("SHA256:abcd".parse::<Fingerprint>().is_err());
    assert!("MD5:ab".parse::<Fingerprint>().is_err());
}

#[test]
fn profiles_are_chosen_by_name_default_or_when_alone() {
    let file = parse_str("[profiles.one]\nurl = \"https://a\"\n").expect("parses");
    let config = Config {
        paths: Paths::resolve(Some(Path::new("/etc/test.toml"))),
        file,
        found: true,
        warnings: Vec::new(),
    };
    let (name, _) = config.profile(None).expect("ok").expect("the only one");
    assert_eq!(name, "one");
    let err = config.profile(Some("two")).expect_err("unknown");
    assert!(err.to_string().contains("profiles there: one"), "{err}");
}

#[test]
fn a_named_file_that_is_missing_is_an_error() {
    let err = Config::load(Some(Path::new("/nonexistent/vbo.toml"))).expect_err("missing");
    assert!(err.to_string().contains("/nonexistent/vbo.toml"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_readable_file_with_a_password_gets_a_chmod_warning() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("config.toml");
    let mut f = std::fs::File::create(&path).expect("create");
    writeln!(f, "[profiles.a]\npassword = \"hunter2\"").expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let config = Config::load(Some(&path)).expect("loads");
    assert_eq!(config.warnings.len(), 1);
    assert!(
        config.warnings[0].contains("chmod 600"),
        "{:?}",
        config.warnings
    );
    assert!(!config.warnings[0].contains("hunter2"));

    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    assert!(
        Config::load(Some(&path))
            .expect("loads")
            .warnings
            .is_empty()
    );
}

#[cfg(unix)]
#[test]
fn password_command_gives_its_first_line_and_reports_failure() {
    let line = run_password_command("p", "printf 's3cret\\nsecond'").expect("runs");
    assert_eq!(line, "s3cret");
    let err = run_password_command("p", "exit 3").expect_err("fails");
    assert!(err.to_string().contains("profile \"p\""), "{err}");
    let err = run_password_command("p", "true").expect_err("empty");
    assert!(err.to_string().contains("printed nothing"), "{err}");
}
