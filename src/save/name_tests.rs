use proptest::prelude::*;

use super::*;
use crate::api::ItemRef;
use crate::api::model::OneDrive;

#[test]
fn separators_and_traversal_become_harmless() {
    assert_eq!(safe_file_name("../../etc/passwd"), ".._.._etc_passwd");
    assert_eq!(safe_file_name(".."), "unnamed");
    assert_eq!(safe_file_name("."), "unnamed");
    assert_eq!(safe_file_name("a\\b"), "a_b");
    assert_eq!(safe_file_name(""), "unnamed");
}

#[test]
fn control_bidi_and_windows_characters_are_replaced() {
    assert_eq!(safe_file_name("a\u{7}b\nc\u{9b}d"), "a_b_c_d");
    assert_eq!(safe_file_name("invoice\u{202e}fdp.exe"), "invoice_fdp.exe");
    assert_eq!(
        safe_file_name("what? <now>: \"x\" | *"),
        "what_ _now__ _x_ _ _"
    );
}

#[test]
fn trailing_dots_and_spaces_go() {
    assert_eq!(safe_file_name("report.docx. . "), "report.docx");
    assert_eq!(safe_file_name(" notes "), " notes");
}

#[test]
fn windows_device_names_get_a_prefix() {
    assert_eq!(safe_file_name("CON"), "_CON");
    assert_eq!(safe_file_name("nul.txt"), "_nul.txt");
    assert_eq!(safe_file_name("Com1.tar.gz"), "_Com1.tar.gz");
    assert_eq!(safe_file_name("lpt²"), "_lpt²");
    assert_eq!(safe_file_name("CONSOLE.txt"), "CONSOLE.txt");
}

#[test]
fn long_names_keep_their_extension_and_whole_characters() {
    let long = format!("{}.docx", "é".repeat(300));
    let safe = safe_file_name(&long);
    assert!(safe.len() <= MAX_NAME_BYTES, "{}", safe.len());
    assert!(safe.ends_with("é.docx"), "{safe}");
    assert!(format!("{safe}.part").len() <= 255);
}

#[test]
fn numbered_alternatives_stay_short_and_keep_the_extension() {
    assert_eq!(numbered("report.docx", 1), "report (1).docx");
    assert_eq!(numbered(".bashrc", 2), ".bashrc (2)");
    let long = format!("{}.xlsx", "x".repeat(MAX_NAME_BYTES - 5));
    let alternative = numbered(&long, 12);
    assert!(alternative.len() <= MAX_NAME_BYTES);
    assert!(alternative.ends_with(" (12).xlsx"), "{alternative}");
}

#[test]
fn default_names_follow_the_scope() {
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-03T14:05:09Z")
        .expect("date")
        .with_timezone(&chrono::Utc);
    let item = ItemRef {
        id: "1".into(),
        name: "Q3/report.docx".into(),
    };
    let onedrive = OneDrive {
        id: "od".into(),
        name: "Adele Vance".into(),
        url: None,
        links: Default::default(),
    };
    let target = |scope| ActionTarget {
        session: "s".into(),
        onedrive: onedrive.clone(),
        scope,
    };
    let document = target(Scope::Document {
        item: item.clone(),
        version_id: None,
    });
    assert_eq!(default_save_name(&document, false, now), "Q3_report.docx");
    assert_eq!(
        default_save_name(&document, true, now),
        "Q3_report.docx.zip"
    );
    assert_eq!(
        default_save_name(&target(Scope::OneDrive), true, now),
        "Adele Vance.zip"
    );
    assert_eq!(
        default_save_name(&target(Scope::Documents(vec![item.clone()])), true, now),
        "documents-20261203-140509.zip"
    );
    assert_eq!(
        default_save_name(&target(Scope::Folder(item)), true, now),
        "Q3_report.docx.zip"
    );
}

proptest! {
    #[test]
    fn any_name_comes_out_safe(name in any::<String>()) {
        let safe = safe_file_name(&name);
        prop_assert!(!safe.is_empty());
        prop_assert!(safe.len() <= MAX_NAME_BYTES);
        prop_assert!(!safe.contains('/') && !safe.contains('\\'));
        prop_assert!(safe != "." && safe != "..");
        prop_assert!(!safe.chars().any(char::is_control));
        prop_assert!(!safe.ends_with('.') && !safe.ends_with(' '));
        prop_assert!(!safe.chars().any(|c| WINDOWS_RESERVED_CHARS.contains(&c)));
        prop_assert!(!is_reserved(&safe));
        prop_assert_eq!(safe_file_name(&safe), safe.clone());
    }
}
