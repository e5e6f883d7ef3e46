//! Saving from the emulator: plain document bytes generated from the id, and real ZIP
//! archives for sets, folders and asZip.

mod emulator_support;

use std::io::Read;

use emulator_support::{Bed, drive_path};
use reqwest::{Method, StatusCode};
use serde_json::json;
use vbo_restore::emulator::{EmulatorConfig, document_bytes, tenant};

#[tokio::test]
async fn a_plain_save_is_the_generated_content_of_that_version() {
    let bed = Bed::default().await;
    let token = bed.login("v8").await;
    let session = bed.explore("v8", &token, false).await;
    let base = drive_path(&session, &tenant::first_onedrive_id());
    let doc = tenant::versioned_document_id();
    let (_, meta) = bed
        .get("v8", &format!("{base}/Documents/{doc}"), &token)
        .await;
    let size = meta["sizeBytes"].as_u64().expect("sizeBytes");
    let version = meta["versionId"].as_i64().expect("versionId") as i32;
    let answer = bed
        .http
        .post(bed.url("v8", &format!("{base}/Documents/{doc}/save")))
        .bearer_auth(&token)
        .json(&json!({ "asZip": false }))
        .send()
        .await
        .expect("answer");
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(answer.headers()["content-type"], "application/octet-stream");
    assert_eq!(answer.content_length(), Some(size));
    let bytes = answer.bytes().await.expect("body");
    assert_eq!(bytes.len() as u64, size);
    assert!(bytes[..] == document_bytes(&doc, version, size, 0, size as usize)[..]);

    let (_, older) = bed
        .get("v8", &format!("{base}/Documents/{doc}/Versions"), &token)
        .await;
    let old = &older["results"][0];
    let vid = old["versionId"].as_i64().expect("versionId");
    let path = format!("{base}/Documents/{doc}/Versions/{vid}/save");
    let (status, bytes) = bed
        .raw(Method::POST, "v8", &path, &token, Some(json!({})))
        .await;
    assert_eq!(status, StatusCode::OK);
    let old_size = old["sizeBytes"].as_u64().expect("size");
    assert_eq!(
        bytes,
        document_bytes(&doc, vid as i32, old_size, 0, old_size as usize)
    );
    assert_ne!(
        bytes.get(..64),
        document_bytes(&doc, version, size, 0, 64).get(..64)
    );
}

#[tokio::test]
async fn saving_a_set_or_a_folder_answers_a_real_zip() {
    let bed = Bed::default().await;
    let token = bed.login("v7").await;
    let session = bed.explore("v7", &token, false).await;
    let base = drive_path(&session, &tenant::first_onedrive_id());
    let (_, page) = bed
        .get("v7", &format!("{base}/Documents?parentId=root"), &token)
        .await;
    let docs: Vec<serde_json::Value> = page["results"].as_array().expect("results").clone();
    let ids: Vec<_> = docs.iter().map(|d| json!({ "id": d["id"] })).collect();
    let (status, bytes) = bed
        .raw(
            Method::POST,
            "v7",
            &format!("{base}/Documents/save"),
            &token,
            Some(json!({ "documents": ids })),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    assert_eq!(archive.len(), docs.len());
    for doc in &docs {
        let name = doc["name"].as_str().expect("name");
        let mut entry = archive.by_name(name).expect("entry per document");
        let mut content = Vec::new();
        entry.read_to_end(&mut content).expect("read");
        let size = doc["sizeBytes"].as_u64().expect("size");
        let id = doc["id"].as_str().expect("id");
        let version = doc["versionId"].as_i64().expect("vid") as i32;
        assert!(
            content == document_bytes(id, version, size, 0, size as usize),
            "{name}"
        );
    }

    let folder = tenant::documents_folder_id();
    let path = format!("{base}/Folders/{folder}/save");
    let (status, bytes) = bed.raw(Method::POST, "v7", &path, &token, None).await;
    assert_eq!(status, StatusCode::OK);
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    let names: Vec<&str> = archive.file_names().collect();
    assert!(
        names.iter().all(|n| n.starts_with("Documents/")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.matches('/').count() >= 6),
        "deep paths: {names:?}"
    );
}

#[tokio::test]
async fn as_zip_wraps_a_single_document() {
    let bed = Bed::default().await;
    let token = bed.login("v6").await;
    let session = bed.explore("v6", &token, false).await;
    let base = drive_path(&session, &tenant::first_onedrive_id());
    let doc = tenant::versioned_document_id();
    let path = format!("{base}/Documents/{doc}/save");
    let (_, bytes) = bed
        .raw(
            Method::POST,
            "v6",
            &path,
            &token,
            Some(json!({ "AsZip": "TRUE" })),
        )
        .await;
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    assert_eq!(
        archive.file_names().collect::<Vec<_>>(),
        vec!["Welcome.docx"]
    );
}

#[tokio::test]
async fn the_save_delay_holds_back_the_first_byte() {
    let config = EmulatorConfig {
        save_delay: std::time::Duration::from_millis(400),
        ..EmulatorConfig::default()
    };
    let bed = Bed::start(config).await;
    let token = bed.login("v8").await;
    let session = bed.explore("v8", &token, false).await;
    let base = drive_path(&session, &tenant::first_onedrive_id());
    let doc = tenant::versioned_document_id();
    let started = std::time::Instant::now();
    let (status, _) = bed
        .raw(
            Method::POST,
            "v8",
            &format!("{base}/Documents/{doc}/save"),
            &token,
            Some(json!({})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(started.elapsed() >= std::time::Duration::from_millis(400));
}

#[tokio::test]
async fn the_large_document_streams_with_its_full_length() {
    let bed = Bed::default().await;
    let token = bed.login("v8").await;
    let session = bed.explore("v8", &token, false).await;
    let base = drive_path(&session, &tenant::big_onedrive_id());
    let doc = tenant::large_document_id();
    let (_, meta) = bed
        .get("v8", &format!("{base}/Documents/{doc}"), &token)
        .await;
    assert_eq!(meta["sizeBytes"], tenant::LARGE_DOCUMENT_SIZE);
    let mut answer = bed
        .http
        .post(bed.url("v8", &format!("{base}/Documents/{doc}/save")))
        .bearer_auth(&token)
        .json(&json!({ "asZip": false }))
        .send()
        .await
        .expect("answer");
    assert_eq!(answer.content_length(), Some(tenant::LARGE_DOCUMENT_SIZE));
    let first = answer.chunk().await.expect("chunk").expect("bytes");
    let vid = meta["versionId"].as_i64().expect("vid") as i32;
    let expected = document_bytes(&doc, vid, tenant::LARGE_DOCUMENT_SIZE, 0, first.len());
    assert!(first[..] == expected[..]);
}
