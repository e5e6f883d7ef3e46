use serde_json::json;

use super::super::action::{
    ActionTarget, ConflictPolicy, DocumentAction, ItemRef, LastVersionAction, RestoreAuth, Scope,
    VersionChoice,
};
use super::super::error::ApiError;
use super::super::model::OneDrive;
use super::super::secret::Secret;
use super::super::version::ApiVersion;
use super::*;

fn dialect(version: ApiVersion) -> Dialect {
    Dialect::new(version, "https://vbo:4443")
}

fn onedrive(id: &str) -> OneDrive {
    OneDrive {
        id: id.into(),
        name: "Adele Vance".into(),
        url: Some("https://contoso-my.sharepoint.com/personal/adele".into()),
        links: Default::default(),
    }
}

fn target(scope: Scope) -> ActionTarget {
    ActionTarget {
        session: "rs".into(),
        onedrive: onedrive("od"),
        scope,
    }
}

fn item(id: &str) -> ItemRef {
    ItemRef {
        id: id.into(),
        name: format!("{id}.docx"),
    }
}

fn document(version_id: Option<i64>) -> Scope {
    Scope::Document {
        item: item("d1"),
        version_id,
    }
}

fn password() -> RestoreAuth {
    RestoreAuth::Password {
        user: "admin@contoso.onmicrosoft.com".into(),
        password: Secret::from("restore"),
    }
}

fn restore(version: VersionChoice) -> DocumentAction {
    DocumentAction::RestoreToOriginal {
        version,
        on_conflict: ConflictPolicy::Overwrite,
        auth: password(),
    }
}

fn copy(changed_items: bool) -> DocumentAction {
    DocumentAction::CopyTo {
        onedrive: onedrive("od2"),
        folder: "Restored".into(),
        version: VersionChoice::All,
        last_version: LastVersionAction::Overwrite,
        changed_items,
        deleted_items: false,
        auth: password(),
    }
}

const DRIVE: &str = "/RestoreSessions/rs/Organization/OneDrives/od";

#[test]
fn v6_restore_of_a_set_is_flat_on_its_own_path() {
    let scope = Scope::Documents(vec![item("d1"), item("d2")]);
    let request = dialect(ApiVersion::V6)
        .action(&target(scope), &restore(VersionChoice::Last))
        .expect("request");
    assert_eq!(request.path, format!("/v6{DRIVE}/Documents/restore"));
    assert_eq!(
        request.body,
        Some(json!({
            "documents": [{"id": "d1"}, {"id": "d2"}],
            "documentAction": "Overwrite",
            "userName": "admin@contoso.onmicrosoft.com",
            "userPassword": "restore",
        }))
    );
}

#[test]
fn a_chosen_version_has_its_own_path_on_v6_and_is_refused_on_v5() {
    let request = dialect(ApiVersion::V7)
        .action(&target(document(Some(3))), &restore(VersionChoice::Last))
        .expect("request");
    assert_eq!(
        request.path,
        format!("/v7{DRIVE}/Documents/d1/Versions/3/restore")
    );
    let refused = dialect(ApiVersion::V5)
        .action(&target(document(Some(3))), &restore(VersionChoice::Last))
        .expect_err("no versions on v5");
    assert!(matches!(
        refused,
        ApiError::Unsupported {
            since: ApiVersion::V6,
            ..
        }
    ));
    assert!(refused.to_string().contains("v6"), "{refused}");
}

#[test]
fn restoring_all_versions_is_refused_on_v6_and_later() {
    let refused = dialect(ApiVersion::V8)
        .action(&target(document(None)), &restore(VersionChoice::All))
        .expect_err("v6+ restores the last version only");
    let text = refused.to_string();
    assert!(text.contains("v5") && text.contains("v8"), "{text}");
    let v5 = dialect(ApiVersion::V5)
        .action(&target(document(None)), &restore(VersionChoice::All))
        .expect("v5 has documentVersion");
    assert_eq!(
        v5.body.expect("body")["restoretoOriginallocation"]["documentVersion"],
        "all"
    );
}

#[test]
fn copy_switches_follow_the_scope_and_version() {
    let folder = Scope::Folder(item("f1"));
    let v6_folder = dialect(ApiVersion::V6)
        .action(&target(folder), &copy(true))
        .expect("folders have changedItems on v6");
    let body = v6_folder.body.expect("body");
    assert_eq!(v6_folder.path, format!("/v6{DRIVE}/Folders/f1/copyTo"));
    assert_eq!(body["changedItems"], true);
    assert_eq!(body["deletedItems"], false);
    assert_eq!(body["documentVersion"], "All");
    assert_eq!(body["documentLastVersionAction"], "Overwrite");
    assert_eq!(body["onedrive"]["id"], "od2");
    assert_eq!(body["folder"], "Restored");

    let v7_document = dialect(ApiVersion::V7)
        .action(&target(document(None)), &copy(false))
        .expect("nothing asked that v7 lacks");
    assert!(
        v7_document
            .body
            .expect("body")
            .get("changedItems")
            .is_none()
    );
    let refused = dialect(ApiVersion::V7)
        .action(&target(document(None)), &copy(true))
        .expect_err("v7 document copies have no changedItems");
    assert!(matches!(
        refused,
        ApiError::Unsupported {
            since: ApiVersion::V8,
            ..
        }
    ));
    let v8_document = dialect(ApiVersion::V8)
        .action(&target(document(None)), &copy(true))
        .expect("v8 has them");
    assert_eq!(v8_document.body.expect("body")["changedItems"], true);
}

#[test]
fn legacy_copy_refuses_the_switches_it_lacks() {
    let refused = dialect(ApiVersion::V4)
        .action(&target(Scope::OneDrive), &copy(true))
        .expect_err("v4 copy has no changedItems");
    assert!(matches!(
        refused,
        ApiError::Unsupported {
            since: ApiVersion::V6,
            ..
        }
    ));
}

#[test]
fn send_joins_recipients_and_refuses_none() {
    let send = |to: Vec<String>| DocumentAction::Send {
        from: "helpdesk@contoso.com".into(),
        to,
        subject: "Your file".into(),
        text: "Attached".into(),
    };
    let request = dialect(ApiVersion::V8)
        .action(
            &target(Scope::Folders(vec![item("f1")])),
            &send(vec!["a@contoso.com".into(), "b@contoso.com".into()]),
        )
        .expect("request");
    assert_eq!(request.path, format!("/v8{DRIVE}/Folders/send"));
    let body = request.body.expect("body");
    assert_eq!(body["to"], "a@contoso.com,b@contoso.com");
    assert_eq!(body["folders"], json!([{"id": "f1"}]));
    assert!(
        dialect(ApiVersion::V8)
            .action(&target(Scope::OneDrive), &send(Vec::new()))
            .is_err()
    );
}

#[test]
fn auth_modes_give_the_credential_fields() {
    let device = DocumentAction::RestoreToOriginal {
        version: VersionChoice::Last,
        on_conflict: ConflictPolicy::Keep,
        auth: RestoreAuth::DeviceCode {
            user_code: "CWE5QHLNM".into(),
            application_id: Some("app".into()),
        },
    };
    let body = dialect(ApiVersion::V6)
        .action(&target(Scope::OneDrive), &device)
        .expect("request")
        .body
        .expect("body");
    assert_eq!(
        body,
        json!({"userCode": "CWE5QHLNM", "applicationId": "app", "documentAction": "Keep"})
    );
}

#[test]
fn saves_take_the_body_each_scope_needs() {
    let v8 = dialect(ApiVersion::V8);
    let single = v8.save(&target(document(None)), false).expect("save");
    assert_eq!(single.request.path, format!("/v8{DRIVE}/Documents/d1/save"));
    assert_eq!(single.request.body, Some(json!({"asZip": false})));
    assert!(!single.is_zip);
    let set = v8
        .save(
            &target(Scope::Documents(vec![item("d1"), item("d2")])),
            false,
        )
        .expect("save");
    assert_eq!(
        set.request.body,
        Some(json!({"documents": [{"id": "d1"}, {"id": "d2"}]}))
    );
    assert!(set.is_zip);
    let whole = v8.save(&target(Scope::OneDrive), true).expect("save");
    assert_eq!(whole.request.path, format!("/v8{DRIVE}/save"));
    assert_eq!(whole.request.body, None);
    let v5_folder = dialect(ApiVersion::V5)
        .save(&target(Scope::Folder(item("f1"))), false)
        .expect("save");
    assert_eq!(
        v5_folder.request.path,
        format!("/v5{DRIVE}/Folders/f1/Action")
    );
    assert_eq!(
        v5_folder.request.body,
        Some(json!({"save": {"asZip": true}}))
    );
    assert!(
        dialect(ApiVersion::V6)
            .save(&target(Scope::Documents(Vec::new())), true)
            .is_err()
    );
}

#[test]
fn token_forms_add_the_antiforgery_switch_from_v7() {
    let grant = Grant::Password {
        user: "helpdesk",
        password: "demo",
    };
    let v6 = dialect(ApiVersion::V6).token_form(&grant);
    assert!(!v6.iter().any(|(k, _)| *k == "disable_antiforgery_token"));
    let v7 = dialect(ApiVersion::V7).token_form(&grant);
    assert!(v7.contains(&("disable_antiforgery_token", "true".to_string())));
    assert!(v7.contains(&("grant_type", "password".to_string())));
    let refresh = dialect(ApiVersion::V8).token_form(&Grant::Refresh { token: "rt" });
    assert!(refresh.contains(&("refresh_token", "rt".to_string())));
}

#[test]
fn root_listing_explore_stop_and_mail_settings_differ_by_version() {
    assert_eq!(dialect(ApiVersion::V6).root_parent(), "null");
    assert_eq!(dialect(ApiVersion::V7).root_parent(), "root");
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-30T08:00:00Z")
        .expect("date")
        .with_timezone(&chrono::Utc);
    let v4 = dialect(ApiVersion::V4).explore("org", Some(at), true, false);
    assert_eq!(v4.path, "/v4/Organizations/org/Action");
    assert_eq!(
        v4.body,
        Some(
            json!({"explore": {"datetime": "2026-11-30 08:00:00", "type": "veod",
            "showDeleted": true, "showAllVersions": false}})
        )
    );
    let v8 = dialect(ApiVersion::V8).explore("org", Some(at), false, true);
    assert_eq!(v8.path, "/v8/Organizations/org/explore");
    assert_eq!(v8.body.expect("body")["dateTime"], "2026-11-30T08:00:00Z");
    assert_eq!(
        dialect(ApiVersion::V5).stop_session("rs").body,
        Some(json!({"stop": null}))
    );
    assert_eq!(
        dialect(ApiVersion::V6).stop_session("rs").path,
        "/v6/RestoreSessions/rs/Stop"
    );
    assert_eq!(
        dialect(ApiVersion::V4).email_settings_path(),
        "/v4/VESPEmailSettings"
    );
    assert_eq!(
        dialect(ApiVersion::V7).email_settings_path(),
        "/v7/VeodEmailSettings"
    );
    assert_eq!(
        dialect(ApiVersion::V8).restore_answer(),
        RestoreAnswer::FollowSession
    );
    assert_eq!(
        dialect(ApiVersion::V7).restore_answer(),
        RestoreAnswer::Stats
    );
}

#[test]
fn odd_ids_are_percent_encoded_in_paths() {
    assert_eq!(segment("a b/c"), "a%20b%2Fc");
    assert_eq!(segment("74685f6b-16aa"), "74685f6b-16aa");
}
