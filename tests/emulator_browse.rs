//! Browsing the emulator in the v6-v8 dialect: logins, sessions, OneDrives, folders,
//! documents, versions and paging, with the version differences of each.

mod emulator_support;

use emulator_support::{Bed, drive_path};
use reqwest::StatusCode;
use serde_json::Value;
use vbo_restore::emulator::EmulatorConfig;
use vbo_restore::emulator::tenant;

fn results(page: &Value) -> &Vec<Value> {
    page["results"].as_array().expect("a page with results")
}

#[tokio::test]
async fn refusals_carry_each_versions_error_shape() {
    let bed = Bed::default().await;
    for (version, code, trace) in [
        ("v6", false, false),
        ("v7", false, false),
        ("v8", true, true),
    ] {
        let (status, body) = bed.get(version, "RestoreSessions", "not-a-token").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{version}");
        assert!(
            body["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{version}: {body}"
        );
        assert_eq!(body.get("errorCode").is_some(), code, "{version}: {body}");
        assert_eq!(body.get("stackTrace").is_some(), trace, "{version}: {body}");
    }
}

#[tokio::test]
async fn organizations_are_a_list_before_v8_and_a_page_on_v8() {
    let bed = Bed::default().await;
    for version in ["v6", "v7"] {
        let token = bed.login(version).await;
        let (status, orgs) = bed.get(version, "Organizations", &token).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(orgs[0]["id"], tenant::organization_id().as_str());
    }
    let token = bed.login("v8").await;
    let (_, orgs) = bed.get("v8", "organizations", &token).await;
    assert_eq!(results(&orgs)[0]["name"], tenant::ORGANIZATION_NAME);
}

#[tokio::test]
async fn explore_answers_200_before_v8_and_201_on_v8() {
    let bed = Bed::default().await;
    let org = tenant::organization_id();
    for (version, expected) in [
        ("v6", StatusCode::OK),
        ("v7", StatusCode::OK),
        ("v8", StatusCode::CREATED),
    ] {
        let token = bed.login(version).await;
        let body = serde_json::json!({ "Type": "veod", "ShowDeleted": "true" });
        let (status, session) = bed
            .post(
                version,
                &format!("organizations/{org}/Explore"),
                &token,
                body,
            )
            .await;
        assert_eq!(status, expected, "{version}");
        assert_eq!(session["state"], "Working");
        assert_eq!(session["type"], "Veod");
        assert_eq!(session.get("eTag").is_some(), version == "v8");
    }
}

#[tokio::test]
async fn the_tenant_has_many_onedrives_with_international_names() {
    let bed = Bed::default().await;
    let token = bed.login("v8").await;
    let session = bed.explore("v8", &token, false).await;
    let (_, page) = bed
        .get(
            "v8",
            &format!("RestoreSessions/{session}/Organization/OneDrives?limit=100"),
            &token,
        )
        .await;
    let names: Vec<&str> = results(&page)
        .iter()
        .filter_map(|d| d["name"].as_str())
        .collect();
    assert!(names.len() >= 25, "{names:?}");
    for wanted in ["Åsa Lindqvist", "王小明", "محمد العلي", "דוד כהן"] {
        assert!(names.contains(&wanted), "{wanted} missing from {names:?}");
    }
    let id = results(&page)[0]["id"].as_str().expect("id");
    assert_eq!(id.len(), 73, "a OneDrive id is two GUIDs joined");
}

#[tokio::test]
async fn the_root_literal_is_null_up_to_v6_and_root_from_v7() {
    let bed = Bed::default().await;
    let drive = tenant::first_onedrive_id();
    for (version, good, bad) in [
        ("v6", "null", "root"),
        ("v7", "root", "null"),
        ("v8", "root", "null"),
    ] {
        let token = bed.login(version).await;
        let session = bed.explore(version, &token, false).await;
        let base = drive_path(&session, &drive);
        let (status, page) = bed
            .get(version, &format!("{base}/Folders?parentId={good}"), &token)
            .await;
        assert_eq!(status, StatusCode::OK, "{version}");
        assert!(
            results(&page).iter().any(|f| f["name"] == "Documents"),
            "{version}: {page}"
        );
        let (status, _) = bed
            .get(version, &format!("{base}/Folders?parentId={bad}"), &token)
            .await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "{version} must not take {bad}"
        );
        let (_, docs) = bed
            .get(
                version,
                &format!("{base}/documents?parentid={good}"),
                &token,
            )
            .await;
        let first = &results(&docs)[0];
        assert_eq!(
            first.get("isFolder").is_some(),
            version != "v6",
            "{version}: {first}"
        );
        assert_eq!(first.get("oneDriveId").is_some(), version == "v8");
        assert_eq!(docs.get("totalCount").is_some(), version != "v8");
    }
}

#[tokio::test]
async fn include_folders_puts_folders_first_from_v7() {
    let bed = Bed::default().await;
    let token = bed.login("v7").await;
    let session = bed.explore("v7", &token, false).await;
    let base = drive_path(&session, &tenant::first_onedrive_id());
    let (_, page) = bed
        .get(
            "v7",
            &format!("{base}/Documents?parentId=root&includeFolders=true&limit=1000"),
            &token,
        )
        .await;
    let kinds: Vec<bool> = results(&page)
        .iter()
        .map(|i| i["isFolder"] == true)
        .collect();
    assert!(
        kinds.first() == Some(&true) && kinds.contains(&false),
        "{kinds:?}"
    );
    assert!(
        kinds.windows(2).all(|w| w[0] || !w[1]),
        "folders come before documents"
    );
}

#[tokio::test]
async fn the_big_folder_pages_through_100000_documents() {
    let bed = Bed::default().await;
    let token = bed.login("v8").await;
    let session = bed.explore("v8", &token, false).await;
    let base = drive_path(&session, &tenant::big_onedrive_id());
    let folder = tenant::big_folder_id();
    let mut seen = std::collections::HashSet::new();
    let mut offset = 0;
    loop {
        let path = format!("{base}/Documents?parentId={folder}&offset={offset}&limit=10000");
        let (status, page) = bed.get("v8", &path, &token).await;
        assert_eq!(status, StatusCode::OK);
        let rows = results(&page);
        for row in rows {
            assert!(seen.insert(row["id"].as_str().expect("id").to_string()));
        }
        let has_next = page["_links"].get("next").is_some();
        assert_eq!(
            has_next,
            rows.len() == 10_000 && offset + 10_000 < 100_000,
            "at {offset}"
        );
        if !has_next {
            break;
        }
        offset += rows.len();
    }
    assert_eq!(seen.len(), tenant::BIG_FOLDER_LEN as usize);
    let any = seen.iter().next().expect("a row");
    let (status, row) = bed
        .get("v8", &format!("{base}/Documents/{any}"), &token)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        row["name"]
            .as_str()
            .is_some_and(|n| n.starts_with("Invoice "))
    );
    let (status, _) = bed
        .get(
            "v8",
            &format!("{base}/Documents?parentId={folder}&limit=10001"),
            &token,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn default_paging_is_30_with_links() {
    let bed = Bed::default().await;
    let token = bed.login("v6").await;
    let session = bed.explore("v6", &token, false).await;
    let base = drive_path(&session, &tenant::big_onedrive_id());
    let folder = tenant::big_folder_id();
    let (_, page) = bed
        .get(
            "v6",
            &format!("{base}/Documents?parentId={folder}&offset=60"),
            &token,
        )
        .await;
    assert_eq!(page["limit"], 30);
    assert_eq!(results(&page).len(), 30);
    assert_eq!(page["totalCount"], 100_000);
    let next = page["_links"]["next"]["href"].as_str().expect("next");
    assert!(
        next.contains("offset=90") && next.contains(&folder),
        "{next}"
    );
    assert!(
        page["_links"]["prev"]["href"]
            .as_str()
            .expect("prev")
            .contains("offset=30")
    );
}

#[tokio::test]
async fn deleted_documents_show_only_with_show_deleted() {
    let bed = Bed::default().await;
    let token = bed.login("v8").await;
    let deleted = tenant::deleted_document_id();
    for (show, expected) in [(false, StatusCode::NOT_FOUND), (true, StatusCode::OK)] {
        let session = bed.explore("v8", &token, show).await;
        let base = drive_path(&session, &tenant::first_onedrive_id());
        let (status, _) = bed
            .get("v8", &format!("{base}/Documents/{deleted}"), &token)
            .await;
        assert_eq!(status, expected, "showDeleted {show}");
    }
}

#[tokio::test]
async fn an_earlier_point_in_time_shows_older_versions() {
    let bed = Bed::default().await;
    let token = bed.login("v7").await;
    let org = tenant::organization_id();
    let body = serde_json::json!({ "type": "Veod", "dateTime": "2026-10-20T00:00:00" });
    let (_, session) = bed
        .post("v7", &format!("Organizations/{org}/explore"), &token, body)
        .await;
    let base = drive_path(
        session["id"].as_str().expect("id"),
        &tenant::first_onedrive_id(),
    );
    let doc = tenant::versioned_document_id();
    let (_, then) = bed
        .get("v7", &format!("{base}/Documents/{doc}"), &token)
        .await;
    assert_eq!(then["version"], "2.0");
    let (_, older) = bed
        .get("v7", &format!("{base}/Documents/{doc}/Versions"), &token)
        .await;
    assert_eq!(results(&older).len(), 1);
    let body = serde_json::json!({ "type": "Veod", "dateTime": "2020-01-01 00:00:00" });
    let (_, empty) = bed
        .post("v7", &format!("Organizations/{org}/explore"), &token, body)
        .await;
    let path = format!(
        "RestoreSessions/{}/Organization/OneDrives",
        empty["id"].as_str().expect("id")
    );
    let (_, drives) = bed.get("v7", &path, &token).await;
    assert!(results(&drives).is_empty(), "nothing was backed up in 2020");
}

#[tokio::test]
async fn versions_list_the_earlier_versions_and_each_can_be_read() {
    let bed = Bed::default().await;
    let token = bed.login("v8").await;
    let session = bed.explore("v8", &token, false).await;
    let base = drive_path(&session, &tenant::first_onedrive_id());
    let doc = tenant::versioned_document_id();
    let (_, current) = bed
        .get("v8", &format!("{base}/Documents/{doc}"), &token)
        .await;
    assert_eq!(
        current["version"],
        format!("{}.0", tenant::VERSIONED_DOCUMENT_VERSIONS)
    );
    let (_, older) = bed
        .get("v8", &format!("{base}/Documents/{doc}/Versions"), &token)
        .await;
    let older = results(&older);
    assert_eq!(older.len(), tenant::VERSIONED_DOCUMENT_VERSIONS - 1);
    let vid = older[0]["versionId"].as_i64().expect("versionId");
    let (status, one) = bed
        .get(
            "v8",
            &format!("{base}/Documents/{doc}/Versions/{vid}"),
            &token,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["versionId"], vid);
}

#[tokio::test]
async fn paths_and_ids_are_case_insensitive() {
    let bed = Bed::default().await;
    let token = bed.login("v6").await;
    let session = bed.explore("v6", &token, false).await;
    let path = format!(
        "RESTORESESSIONS/{}/ORGANIZATION/onedrives/{}",
        session.to_uppercase(),
        tenant::first_onedrive_id().to_uppercase()
    );
    let (status, drive) = bed.get("V6", &path, &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(drive["name"], "Adele Vance");
}

#[tokio::test]
async fn the_tree_is_at_least_five_levels_deep() {
    let bed = Bed::default().await;
    let token = bed.login("v8").await;
    let session = bed.explore("v8", &token, false).await;
    let base = drive_path(&session, &tenant::first_onedrive_id());
    let mut parent = tenant::documents_folder_id();
    let mut depth = 1;
    loop {
        let (_, page) = bed
            .get("v8", &format!("{base}/Folders?parentId={parent}"), &token)
            .await;
        let Some(next) = results(&page).first() else {
            break;
        };
        parent = next["id"].as_str().expect("id").to_string();
        depth += 1;
    }
    assert!(depth >= 6, "depth {depth}");
}

#[tokio::test]
async fn stopped_and_idle_sessions_refuse_browsing_with_500() {
    let config = EmulatorConfig {
        session_idle_timeout: std::time::Duration::from_millis(300),
        ..EmulatorConfig::default()
    };
    let bed = Bed::start(config).await;
    let token = bed.login("v8").await;
    let stopped = bed.explore("v8", &token, false).await;
    let (status, _) = bed
        .post(
            "v8",
            &format!("RestoreSessions/{stopped}/Stop"),
            &token,
            Value::Null,
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = bed
        .get(
            "v8",
            &format!("RestoreSessions/{stopped}/Organization/OneDrives"),
            &token,
        )
        .await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
    let (_, session) = bed
        .get("v8", &format!("RestoreSessions/{stopped}"), &token)
        .await;
    assert_eq!(session["state"], "Stopped");
    let idle = bed.explore("v8", &token, false).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let (status, _) = bed
        .get(
            "v8",
            &format!("RestoreSessions/{idle}/Organization/OneDrives"),
            &token,
        )
        .await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn versions_limit_what_is_served() {
    let config = EmulatorConfig {
        versions: vec!["v6".to_string(), "v7".to_string()],
        ..EmulatorConfig::default()
    };
    let bed = Bed::start(config).await;
    let (status, _) = bed.get("v8", "RestoreSessions", "x").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = bed.get("v7", "RestoreSessions", "x").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
