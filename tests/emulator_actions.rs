//! Document actions in the v6-v8 dialect: restore and copy change the production
//! OneDrives, v8 restores run asynchronously, send records mail, and every action body is
//! recorded as sent.

mod emulator_support;

use emulator_support::{Bed, drive_path};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use vbo_restore::emulator::EmulatorConfig;
use vbo_restore::emulator::tenant;

fn creds() -> Value {
    json!({ "userName": "admin@contoso.onmicrosoft.com", "userPassword": "restore" })
}

fn with_creds(mut body: Value) -> Value {
    for (k, v) in creds().as_object().expect("object") {
        body[k] = v.clone();
    }
    body
}

#[tokio::test]
async fn keep_writes_restored_copies_and_overwrite_replaces() {
    let bed = Bed::default().await;
    let token = bed.login("v7").await;
    let session = bed.explore("v7", &token, true).await;
    let base = format!(
        "{}/Documents",
        drive_path(&session, &tenant::first_onedrive_id())
    );
    let doc = tenant::versioned_document_id();
    let deleted = tenant::deleted_document_id();
    let body = with_creds(
        json!({ "documentAction": "keep", "documents": [ { "id": doc }, { "id": deleted } ] }),
    );
    let (status, stats) = bed
        .post("v7", &format!("{base}/restore"), &token, body.clone())
        .await;
    assert_eq!(status, StatusCode::OK, "{stats}");
    assert_eq!(
        (
            stats["totalItemsCount"].as_u64(),
            stats["restoredItemsCount"].as_u64()
        ),
        (Some(2), Some(2))
    );
    let paths: Vec<String> = bed
        .emu
        .production_writes()
        .iter()
        .map(|w| w.path.clone())
        .collect();
    assert_eq!(
        paths,
        vec!["RESTORED-Welcome.docx", "Old draft.docx"],
        "a deleted document comes back under its name"
    );
    let body = with_creds(json!({ "documentAction": "Overwrite" }));
    bed.post("v7", &format!("{base}/{doc}/restore"), &token, body)
        .await;
    assert_eq!(
        bed.emu.production_writes().last().map(|w| w.path.clone()),
        Some("Welcome.docx".to_string())
    );
    let recorded = bed.emu.received();
    assert!(
        recorded.iter().any(|r| r.body["documentAction"] == "keep"),
        "bodies are kept as sent"
    );
    assert!(
        format!("{recorded:?}").contains("***") && !format!("{recorded:?}").contains("\"restore\""),
        "Debug hides secrets"
    );
}

#[tokio::test]
async fn copy_creates_the_target_folder_and_keeps_the_tree() {
    let bed = Bed::default().await;
    let token = bed.login("v8").await;
    let session = bed.explore("v8", &token, false).await;
    let drive = drive_path(&session, &tenant::first_onedrive_id());
    let target = tenant::onedrive_id("omerc");
    let folder = tenant::documents_folder_id();
    let body = with_creds(
        json!({ "onedrive": { "id": target }, "folder": "Restored/From backup",
        "documentVersion": "Last", "documentLastVersionAction": "Merge", "changedItems": "true", "deletedItems": false }),
    );
    let (status, answer) = bed
        .post(
            "v8",
            &format!("{drive}/Folders/{folder}/copyTo"),
            &token,
            body,
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(answer["sessionId"].is_string());
    let writes = bed.emu.production_writes();
    let paths: Vec<&str> = writes.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(&paths[..2], &["Restored", "Restored/From backup"]);
    assert!(
        paths
            .iter()
            .any(|p| p.starts_with("Restored/From backup/Documents/Work/Reports/")),
        "{paths:?}"
    );
    assert!(writes.iter().all(|w| w.onedrive_id == target));
    let body = with_creds(json!({ "onedrive": { "id": "nope" }, "folder": "x" }));
    let (status, _) = bed
        .post("v8", &format!("{drive}/copyTo"), &token, body)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn v8_restores_answer_a_session_that_completes_shortly_after() {
    let config = EmulatorConfig {
        async_restore_duration: std::time::Duration::from_millis(400),
        ..EmulatorConfig::default()
    };
    let bed = Bed::start(config).await;
    let token = bed.login("v8").await;
    let session = bed.explore("v8", &token, false).await;
    let base = format!(
        "{}/Documents",
        drive_path(&session, &tenant::first_onedrive_id())
    );
    let doc = tenant::versioned_document_id();
    let (status, answer) = bed
        .post(
            "v8",
            &format!("{base}/{doc}/restore"),
            &token,
            with_creds(json!({})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let id = answer["sessionId"].as_str().expect("sessionId").to_string();
    let (_, running) = bed
        .get("v8", &format!("RestoreSessions/{id}"), &token)
        .await;
    assert_eq!(running["state"], "Working");
    let (_, early) = bed
        .get("v8", &format!("RestoreSessions/{id}/Statistics"), &token)
        .await;
    assert_eq!(early["restoredItemsCount"], 0);
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let (_, done) = bed
        .get("v8", &format!("RestoreSessions/{id}"), &token)
        .await;
    assert_eq!(done["state"], "Stopped");
    let (_, stats) = bed
        .get("v8", &format!("RestoreSessions/{id}/Statistics"), &token)
        .await;
    assert_eq!(
        (
            stats["totalItemsCount"].as_u64(),
            stats["restoredItemsCount"].as_u64()
        ),
        (Some(1), Some(1))
    );
    let (_, events) = bed
        .get("v8", &format!("RestoreSessions/{id}/Events"), &token)
        .await;
    let events = events["results"].as_array().expect("events");
    assert!(
        events
            .iter()
            .any(|e| e["itemName"] == "Welcome.docx" && e["status"] == "Success")
    );
    let (status, _) = bed
        .get(
            "v7",
            &format!("RestoreSessions/{id}/Statistics"),
            &bed.login("v7").await,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "Statistics is v8 only");
}

#[tokio::test]
async fn send_records_the_mail_and_answers_204_on_v8() {
    let bed = Bed::default().await;
    for (version, expected) in [("v6", StatusCode::OK), ("v8", StatusCode::NO_CONTENT)] {
        let token = bed.login(version).await;
        let session = bed.explore(version, &token, false).await;
        let base = format!(
            "{}/Documents",
            drive_path(&session, &tenant::first_onedrive_id())
        );
        let doc = tenant::versioned_document_id();
        let body = json!({ "from": "helpdesk@contoso.example", "to": "adele@contoso.example; boss@contoso.example",
            "subject": "Your file", "text": "Here it is." });
        let (status, _) = bed
            .post(version, &format!("{base}/{doc}/send"), &token, body)
            .await;
        assert_eq!(status, expected, "{version}");
        let mail = bed.emu.mails().pop().expect("mail");
        assert_eq!(
            mail.to,
            vec!["adele@contoso.example", "boss@contoso.example"]
        );
        assert_eq!(mail.subject, "Your file");
    }
}

#[tokio::test]
async fn refusals_for_unknown_ids_bad_enums_and_bad_json() {
    let bed = Bed::default().await;
    let token = bed.login("v8").await;
    let session = bed.explore("v8", &token, false).await;
    let base = format!(
        "{}/Documents",
        drive_path(&session, &tenant::first_onedrive_id())
    );
    let unknown = uuid::Uuid::new_v4();
    let (status, body) = bed
        .post(
            "v8",
            &format!("{base}/{unknown}/restore"),
            &token,
            with_creds(json!({})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["errorCode"], "ResourceNotFound");
    let doc = tenant::versioned_document_id();
    let (status, body) = bed
        .post(
            "v8",
            &format!("{base}/{doc}/restore"),
            &token,
            with_creds(json!({ "documentAction": "Sideways" })),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["errorCode"], "ParameterValidationFailure");
    let answer = bed
        .http
        .post(bed.url("v8", &format!("{base}/{doc}/restore")))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{\"documentAction\": ")
        .send()
        .await
        .expect("answer");
    assert_eq!(answer.status(), StatusCode::BAD_REQUEST);
    let (status, _) = bed
        .post("v8", &format!("{base}/{doc}/restore"), &token, json!({}))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "no credentials");
    let (status, _) = bed
        .get("v8", &format!("RestoreSessions/{unknown}"), &token)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn device_codes_are_signed_in_after_the_approval_delay() {
    let config = EmulatorConfig {
        device_code_approval: std::time::Duration::from_millis(200),
        ..EmulatorConfig::default()
    };
    let bed = Bed::start(config).await;
    let token = bed.login("v6").await;
    let session = bed.explore("v6", &token, false).await;
    let body = json!({ "targetApplicationId": tenant::APPLICATION_ID });
    let (status, code) = bed
        .post(
            "v6",
            &format!("RestoreSessions/{session}/organization/restoreDeviceCode"),
            &token,
            body,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let user_code = code["userCode"].as_str().expect("code").to_string();
    assert!(
        code["message"]
            .as_str()
            .expect("message")
            .contains(&user_code)
    );
    let check = json!({ "userCode": user_code });
    let (_, early) = bed
        .post("v6", "DeviceCode/check", &token, check.clone())
        .await;
    assert_eq!(early["authenticated"], false);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let (_, later) = bed.post("v6", "DeviceCode/check", &token, check).await;
    assert_eq!(later["authenticated"], true);
    let base = format!(
        "{}/Documents",
        drive_path(&session, &tenant::first_onedrive_id())
    );
    let doc = tenant::versioned_document_id();
    let (status, _) = bed
        .post(
            "v6",
            &format!("{base}/{doc}/restore"),
            &token,
            json!({ "userCode": user_code }),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = bed
        .post(
            "v6",
            &format!("RestoreSessions/{session}/organization/restoreDeviceCode"),
            &token,
            json!({ "targetRegion": "Mars" }),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn email_settings_keep_what_a_put_leaves_out() {
    let bed = Bed::default().await;
    let token = bed.login("v8").await;
    let (status, _) = bed
        .call(
            Method::PUT,
            "v8",
            "VeodEmailSettings",
            &token,
            Some(json!({ "Port": "2525", "useSSL": "false" })),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, settings) = bed.get("v8", "VeodEmailSettings", &token).await;
    assert_eq!(
        (settings["port"].as_i64(), settings["useSSL"].as_bool()),
        (Some(2525), Some(false))
    );
    assert_eq!(settings["server"], "smtp.contoso.example");
    assert_eq!(settings["authenticationType"], "CustomSmtp");
    let v7 = bed.login("v7").await;
    let (status, _) = bed
        .call(
            Method::PUT,
            "v7",
            "VespEmailSettings",
            &v7,
            Some(json!({ "server": "mail.example" })),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, vesp) = bed.get("v7", "vespemailsettings", &v7).await;
    assert_eq!(vesp["server"], "mail.example");
    assert!(
        vesp.get("authenticationType").is_none(),
        "the OAuth fields are v8 only"
    );
}

/// The names a v8 search for "invoice 00999" at `scope` (a OneDrive or folder path) finds.
async fn invoice_search(bed: &Bed, token: &str, scope: &str) -> Vec<String> {
    let (status, page) = bed
        .post(
            "v8",
            &format!("{scope}/search?limit=50"),
            token,
            json!({ "query": "invoice 00999" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|i| i["name"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test]
async fn search_finds_names_below_a_folder_and_inside_the_big_one() {
    let bed = Bed::default().await;
    let token = bed.login("v8").await;
    let session = bed.explore("v8", &token, false).await;
    let drive = drive_path(&session, &tenant::big_onedrive_id());
    let big = format!("{drive}/Folders/{}", tenant::big_folder_id());
    for scope in [drive.clone(), big] {
        let names = invoice_search(&bed, &token, &scope).await;
        assert!(
            names.iter().any(|n| n == "Invoice 009990.pdf") && names.len() == 10,
            "{scope}: {names:?}"
        );
    }
}
