//! Every document of the demo tenant's "Odd names" folder — traversal, absolute paths, device
//! names, reserved characters, trailing dots, NUL and other control characters, escape
//! sequences, 1,000 characters — saved through the client into one folder: each lands
//! directly inside it, under a name Linux and Windows both accept, none overwriting another,
//! with its own bytes.

mod client_support;
use client_support as support;

use std::collections::BTreeSet;

use vbo_restore::api::ApiVersion;
use vbo_restore::emulator::{document_bytes, tenant};

/// Why `name` would be refused by Windows or Linux as one path component, if it would.
fn portability_problem(name: &str) -> Option<String> {
    if name.is_empty() || name == "." || name == ".." {
        return Some("empty or a dot name".into());
    }
    if name.len() > 255 {
        return Some(format!("{} bytes", name.len()));
    }
    if let Some(c) = name
        .chars()
        .find(|c| c.is_control() || "<>:\"/\\|?*".contains(*c))
    {
        return Some(format!("holds {c:?}"));
    }
    if name.ends_with('.') || name.ends_with(' ') {
        return Some("ends in a dot or a space".into());
    }
    let stem = name.split('.').next().unwrap_or_default().trim_end();
    let upper = stem.to_uppercase();
    let reserved = ["CON", "PRN", "AUX", "NUL"].contains(&upper.as_str())
        || ((upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.chars().count() == 4
            && upper.chars().last().is_some_and(|c| c.is_numeric()));
    reserved.then(|| format!("the device name {stem}"))
}

#[test]
fn the_portability_check_catches_what_it_should() {
    for bad in [
        "CON", "nul.txt", "com1", "a:b", "a/b", "dots...", "x\u{0}y", "LPT²",
    ] {
        assert!(portability_problem(bad).is_some(), "{bad:?}");
    }
    let long = "x".repeat(256);
    assert!(portability_problem(&long).is_some());
    for good in ["_CON", "CONSOLE.txt", "report (1).docx", "日本語.pdf"] {
        assert_eq!(portability_problem(good), None, "{good:?}");
    }
}

async fn save_every_odd_document(version: ApiVersion) {
    let emulator = support::start(support::config()).await;
    let client = support::connect(&emulator, Some(version)).await;
    let session = support::explore(&client).await;
    let drive = support::onedrive(&client, &session.id, &tenant::hostile_onedrive_id()).await;
    let items = client
        .items(&session.id, &drive.id, Some(&tenant::hostile_folder_id()))
        .collect_all()
        .await
        .expect("the odd names list");
    let documents: Vec<_> = items.iter().filter(|item| !item.is_folder()).collect();
    let listed: BTreeSet<&str> = documents.iter().map(|item| item.name.as_str()).collect();
    let thousand = tenant::names::thousand_character_name();
    for wanted in tenant::names::HOSTILE_LATE.iter().copied().chain([
        thousand.as_str(),
        "../../../etc/passwd",
        "CON",
    ]) {
        assert!(listed.contains(wanted), "{wanted:?} is listed");
    }

    let dir = tempfile::tempdir().expect("a folder");
    let mut saved_names = BTreeSet::new();
    for item in &documents {
        let path = support::save_document(&client, &session.id, &drive, item, dir.path())
            .await
            .unwrap_or_else(|error| panic!("{:?} saves: {error}", item.name));
        assert_eq!(
            path.parent(),
            Some(dir.path()),
            "{:?} landed at {:?}",
            item.name,
            path
        );
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .expect("a UTF-8 file name")
            .to_owned();
        if let Some(problem) = portability_problem(&name) {
            panic!("{:?} was saved as {name:?}: {problem}", item.name);
        }
        let size = item.size_bytes.expect("a size");
        let version = item.version_id.unwrap_or(1) as i32;
        let bytes = std::fs::read(&path).expect("the saved file");
        assert!(
            bytes == document_bytes(&item.id, version, size, 0, size as usize),
            "{name:?} holds {:?}'s bytes",
            item.name
        );
        assert!(saved_names.insert(name.clone()), "{name:?} saved twice");
    }
    let on_disk: BTreeSet<String> = support::files_in(dir.path()).into_iter().collect();
    assert_eq!(on_disk, saved_names, "one file per document, no .part left");
    assert_eq!(on_disk.len(), documents.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_hostile_name_saves_inside_the_folder_portably_on_v8() {
    save_every_odd_document(ApiVersion::V8).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_hostile_name_saves_inside_the_folder_portably_on_v4() {
    save_every_odd_document(ApiVersion::V4).await;
}
