//! A name with a lone UTF-16 surrogate, as a .NET server sends it: the listing that holds
//! it still reads, the name reads with U+FFFD in the surrogate's place, and a save of it
//! lands under that name inside the chosen folder.

mod client_support;
use client_support as support;

use vbo_restore::api::ApiVersion;
use vbo_restore::emulator::{document_bytes, tenant};

/// The name as the client must read it.
fn cut_emoji_as_read() -> String {
    tenant::names::CUT_EMOJI.replace(tenant::names::LONE_SURROGATE_MARKER, "\u{FFFD}")
}

async fn list_and_save(version: ApiVersion) {
    let emulator = support::start(support::config()).await;
    let client = support::connect(&emulator, Some(version)).await;
    let session = support::explore(&client).await;
    let drive = support::onedrive(&client, &session.id, &tenant::hostile_onedrive_id()).await;
    let folder = tenant::hostile_folder_id();

    let items = client
        .items(&session.id, &drive.id, Some(&folder))
        .collect_all()
        .await
        .expect("the folder with the cut name lists");
    let names: Vec<&str> = items.iter().map(|item| item.name.as_str()).collect();
    let wanted = cut_emoji_as_read();
    let cut = items
        .iter()
        .find(|item| item.name == wanted)
        .unwrap_or_else(|| panic!("{wanted:?} among {names:?}"));
    assert_eq!(cut.id, tenant::cut_emoji_document_id());
    for other in tenant::names::HOSTILE {
        assert!(names.contains(other), "{other:?} is listed too: {names:?}");
    }

    let dir = tempfile::tempdir().expect("a folder");
    let saved = support::save_document(&client, &session.id, &drive, cut, dir.path())
        .await
        .expect("the document saves");
    assert_eq!(saved, dir.path().join("Party \u{FFFD}.docx"));
    assert_eq!(support::files_in(dir.path()), vec!["Party \u{FFFD}.docx"]);
    let size = cut.size_bytes.expect("a size");
    let version = cut.version_id.unwrap_or(1) as i32;
    let bytes = std::fs::read(&saved).expect("the file");
    assert!(bytes == document_bytes(&cut.id, version, size, 0, size as usize));
}

#[tokio::test]
async fn a_lone_surrogate_name_lists_and_saves_on_v8() {
    list_and_save(ApiVersion::V8).await;
}

#[tokio::test]
async fn a_lone_surrogate_name_lists_and_saves_on_v4() {
    list_and_save(ApiVersion::V4).await;
}
