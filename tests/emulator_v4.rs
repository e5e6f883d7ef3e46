//! The v4/v5 dialect: `Action` endpoints with wrapper keys, the founding document's request
//! examples with their odd key casing, and what v4 and v5 differ in.

mod emulator_support;

use base64::Engine;
use emulator_support::{Bed, drive_path};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use vbo_restore::emulator::EmulatorConfig;
use vbo_restore::emulator::tenant;

/// A session on `version` and the path of the first OneDrive's documents in it.
async fn documents_base(bed: &Bed, version: &str, token: &str) -> (String, String) {
    let session = bed.explore(version, token, false).await;
    let base = format!(
        "{}/Documents",
        drive_path(&session, &tenant::first_onedrive_id())
    );
    (session, base)
}

fn quick_device_codes() -> EmulatorConfig {
    EmulatorConfig {
        device_code_approval: std::time::Duration::from_millis(200),
        ..EmulatorConfig::default()
    }
}

#[tokio::test]
async fn explore_and_stop_go_through_action_wrappers() {
    let bed = Bed::default().await;
    for version in ["v4", "v5"] {
        let token = bed.login(version).await;
        let org = tenant::organization_id();
        let body = json!({ "explore": { "datetime": "2026.11.20 14:30", "type": "veod", "ShowAllVersions": "true", "ShowDeleted": "true" } });
        let (status, session) = bed
            .post(
                version,
                &format!("Organizations/{org}/Action"),
                &token,
                body,
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{version}: {session}");
        let id = session["id"].as_str().expect("id");
        let (status, _) = bed
            .post(
                version,
                &format!("RestoreSessions/{id}/action"),
                &token,
                json!({ "stop": null }),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let (_, after) = bed
            .get(version, &format!("restoresessions/{id}"), &token)
            .await;
        assert_eq!(after["state"], "Stopped");
        let (status, _) = bed
            .post(
                version,
                &format!("Organizations/{org}/explore"),
                &token,
                json!({}),
            )
            .await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "{version} has no explore path"
        );
    }
}

#[tokio::test]
async fn example_1_restores_with_lower_cased_keys() {
    let bed = Bed::default().await;
    let token = bed.login("v4").await;
    let (_, base) = documents_base(&bed, "v4", &token).await;
    let doc = tenant::versioned_document_id();
    let body = json!({ "restoretooriginallocation": {
        "username": "admin@contoso.onmicrosoft.com", "userpassword": "restore",
        "DocumentVersion": "last", "DocumentAction": "keep" } });
    let (status, stats) = bed
        .post("v4", &format!("{base}/{doc}/Action"), &token, body.clone())
        .await;
    assert_eq!(status, StatusCode::OK, "{stats}");
    assert_eq!(stats["restoredItemsCount"], 1);
    let writes = bed.emu.production_writes();
    assert_eq!(
        writes.last().map(|w| w.path.as_str()),
        Some("RESTORED-Welcome.docx")
    );
    let received = bed.emu.received();
    let last = received.last().expect("recorded");
    assert_eq!(last.body, body);
    assert_eq!(last.version, "v4");
    assert!(
        last.path.ends_with("/Action"),
        "the path as sent: {}",
        last.path
    );
}

#[tokio::test]
async fn example_2_copies_with_a_onedrive_object_and_a_folder() {
    let bed = Bed::default().await;
    let token = bed.login("v4").await;
    let (_, base) = documents_base(&bed, "v4", &token).await;
    let doc = tenant::versioned_document_id();
    let target = tenant::onedrive_id("omerc");
    let body = json!({ "copyto": {
        "username": "admin@contoso.onmicrosoft.com", "userpassword": "restore",
        "DocumentVersion": "last", "DocumentLastVersionAction": "merge", "folder": "pictures",
        "OneDrive": { "id": target, "name": "Ömer Çelik", "url": "http://server/personal/orgUser",
            "_links": { "self": { "href": "https://support.north.local:4443/v4/organizations/x" } } } } });
    let (status, stats) = bed
        .post("v4", &format!("{base}/{doc}/Action"), &token, body)
        .await;
    assert_eq!(status, StatusCode::OK, "{stats}");
    let writes = bed.emu.production_writes();
    let paths: Vec<&str> = writes
        .iter()
        .filter(|w| w.onedrive_id == target)
        .map(|w| w.path.as_str())
        .collect();
    assert_eq!(paths, vec!["pictures", "pictures/Welcome.docx"]);
}

#[tokio::test]
async fn example_3_saves_with_as_zip_as_a_string() {
    let bed = Bed::default().await;
    let token = bed.login("v4").await;
    let (session, base) = documents_base(&bed, "v4", &token).await;
    let doc = tenant::versioned_document_id();
    let body = json!({ "save": { "asZip": "false" } });
    let (status, bytes) = bed
        .raw(
            Method::POST,
            "v4",
            &format!("{base}/{doc}/Action"),
            &token,
            Some(body),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, meta) = bed.get("v4", &format!("{base}/{doc}"), &token).await;
    assert_eq!(
        bytes.len() as u64,
        meta["sizeBytes"].as_u64().expect("size")
    );
    assert_ne!(bytes.get(..2), Some(&b"PK"[..]));
    let body = json!({ "Save": { "AsZip": "True" } });
    let (_, zipped) = bed
        .raw(
            Method::POST,
            "v4",
            &format!("{base}/{doc}/action"),
            &token,
            Some(body),
        )
        .await;
    assert_eq!(zipped.get(..2), Some(&b"PK"[..]));
    let (_, events) = bed
        .get("v4", &format!("RestoreSessions/{session}/Events"), &token)
        .await;
    assert!(
        events["results"]
            .as_array()
            .expect("events")
            .iter()
            .any(|e| e["type"] == "Save")
    );
}

#[tokio::test]
async fn example_4_sends_without_a_wrapper_key() {
    let bed = Bed::default().await;
    for version in ["v4", "v5"] {
        let token = bed.login(version).await;
        let (_, base) = documents_base(&bed, version, &token).await;
        let doc = tenant::versioned_document_id();
        let body = json!({ "from": "fromUser@example.com", "to": "toUser@example.com",
            "subject": "Send document", "text": "Hello. It’s your document!" });
        let (status, _) = bed
            .post(version, &format!("{base}/{doc}/Action"), &token, body)
            .await;
        assert_eq!(status, StatusCode::OK);
        let mail = bed.emu.mails().pop().expect("a mail");
        assert_eq!(
            (mail.version.as_str(), mail.to.as_slice()),
            (version, &["toUser@example.com".to_string()][..])
        );
        assert_eq!(mail.attachments, vec!["Welcome.docx".to_string()]);
        assert_eq!(mail.text, "Hello. It’s your document!");
    }
}

#[tokio::test]
async fn request_example_1_restores_the_listed_documents_by_id() {
    let bed = Bed::default().await;
    let token = bed.login("v5").await;
    let (_, base) = documents_base(&bed, "v5", &token).await;
    let (_, page) = bed
        .get("v5", &format!("{base}?parentId=null"), &token)
        .await;
    let ids: Vec<&str> = page["results"]
        .as_array()
        .expect("docs")
        .iter()
        .filter_map(|d| d["id"].as_str())
        .take(2)
        .collect();
    let body = json!({ "restoretoOriginallocation": {
        "userName": "admin@contoso.onmicrosoft.com", "userPassword": "restore",
        "documents": [ { "Id": ids[0] }, { "Id": ids[1] } ] } });
    let (status, stats) = bed
        .post("v5", &format!("{base}/{}/Action", ids[0]), &token, body)
        .await;
    assert_eq!(status, StatusCode::OK, "{stats}");
    assert_eq!(stats["restoredItemsCount"], 2);
    let body = json!({ "restoretoOriginallocation": { "userName": "admin@contoso.onmicrosoft.com", "userPassword": "wrong" } });
    let (status, refusal) = bed
        .post("v5", &format!("{base}/{}/Action", ids[0]), &token, body)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        refusal["message"]
            .as_str()
            .is_some_and(|m| !m.contains("wrong")),
        "no password echoed"
    );
}

#[tokio::test]
async fn request_example_2_restores_with_a_device_code_once_signed_in() {
    let bed = Bed::start(quick_device_codes()).await;
    let token = bed.login("v4").await;
    let (_, base) = documents_base(&bed, "v4", &token).await;
    let org = tenant::organization_id();
    let (status, code) = bed
        .post(
            "v4",
            &format!("Organizations/{org}/DeviceCode"),
            &token,
            Value::Null,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(code["expiresIn"], 900);
    let user_code = code["userCode"].as_str().expect("userCode");
    let doc = tenant::versioned_document_id();
    let body = json!({ "restoretoOriginallocation": { "userCode": user_code, "documents": [ { "Id": doc } ] } });
    let (status, early) = bed
        .post("v4", &format!("{base}/{doc}/Action"), &token, body.clone())
        .await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "not signed in yet: {early}"
    );
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let (status, stats) = bed
        .post("v4", &format!("{base}/{doc}/Action"), &token, body)
        .await;
    assert_eq!(status, StatusCode::OK, "{stats}");
    let body = json!({ "restoretoOriginallocation": { "userCode": "NOSUCHCODE" } });
    let (status, _) = bed
        .post("v4", &format!("{base}/{doc}/Action"), &token, body)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn request_example_3_restores_with_the_demo_certificate() {
    let bed = Bed::default().await;
    let token = bed.login("v4").await;
    let (_, base) = documents_base(&bed, "v4", &token).await;
    let doc = tenant::versioned_document_id();
    let pfx = std::fs::read(tenant::certificate_path()).expect("the demo certificate");
    let encoded = base64::engine::general_purpose::STANDARD.encode(pfx);
    let body = |password: &str, certificate: &str| {
        json!({ "restoretoOriginallocation": {
        "ApplicationId": tenant::APPLICATION_ID, "ApplicationCertificate": certificate,
        "ApplicationCertificatePassword": password, "documents": [ { "Id": doc } ] } })
    };
    let path = format!("{base}/{doc}/Action");
    let (status, stats) = bed
        .post(
            "v4",
            &path,
            &token,
            body(tenant::CERTIFICATE_PASSWORD, &encoded),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{stats}");
    let (status, _) = bed.post("v4", &path, &token, body("xxx", &encoded)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let other = base64::engine::general_purpose::STANDARD.encode(b"not the certificate");
    let (status, _) = bed
        .post(
            "v4",
            &path,
            &token,
            body(tenant::CERTIFICATE_PASSWORD, &other),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn v4_mails_through_sharepoint_settings_and_v5_has_onedrive_settings() {
    let bed = Bed::default().await;
    let v4 = bed.login("v4").await;
    let (status, _) = bed.get("v4", "VEODEmailSettings", &v4).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = bed
        .call(
            Method::PUT,
            "v4",
            "VESPEmailSettings",
            &v4,
            Some(json!({ "smtpServer": "" })),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, base) = documents_base(&bed, "v4", &v4).await;
    let doc = tenant::versioned_document_id();
    let body = json!({ "sendTo": { "from": "a@contoso.example", "to": "b@contoso.example" } });
    let (status, _) = bed
        .post("v4", &format!("{base}/{doc}/Action"), &v4, body.clone())
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "no SMTP server configured");
    let v5 = bed.login("v5").await;
    let (status, settings) = bed.get("v5", "VeodEmailSettings", &v5).await;
    assert_eq!(status, StatusCode::OK);
    assert!(settings["server"].is_string());
    let (_, base) = documents_base(&bed, "v5", &v5).await;
    let (status, _) = bed
        .post("v5", &format!("{base}/{doc}/Action"), &v5, body)
        .await;
    assert_eq!(status, StatusCode::OK, "v5 sends through VEOD settings");
}

#[tokio::test]
async fn sets_and_folders_act_through_their_action_endpoints() {
    let bed = Bed::default().await;
    let token = bed.login("v5").await;
    let (session, base) = documents_base(&bed, "v5", &token).await;
    let doc = tenant::versioned_document_id();
    let body = json!({ "save": { "asZip": true, "documents": [ { "id": doc } ] } });
    let (status, bytes) = bed
        .raw(
            Method::POST,
            "v5",
            &format!("{base}/Action"),
            &token,
            Some(body),
        )
        .await;
    assert_eq!((status, bytes.get(..2)), (StatusCode::OK, Some(&b"PK"[..])));
    let folders = format!(
        "{}/Folders/Action",
        drive_path(&session, &tenant::first_onedrive_id())
    );
    let body = json!({ "restoretoOriginallocation": { "userName": "admin@contoso.onmicrosoft.com",
        "userPassword": "restore", "DocumentAction": "overwrite", "folders": [ { "id": tenant::documents_folder_id() } ] } });
    let (status, stats) = bed.post("v5", &folders, &token, body).await;
    assert_eq!(status, StatusCode::OK, "{stats}");
    assert!(stats["restoredItemsCount"].as_u64().expect("count") > 10);
    let (status, _) = bed
        .post(
            "v5",
            &format!("{base}/Action"),
            &token,
            json!({ "dance": {} }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
