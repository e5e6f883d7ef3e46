//! The v4 bodies, field by field against the examples of the founding v4 document
//! ("Sending, Saving, Copying and Restoring OneDrive Documents").
//!
//! The examples mix key casing (`userName`, `username`, `UserName`) because the server reads
//! keys in any case, so keys are compared without case; values are compared exactly, except
//! that the save example's quoted `"false"` matches a JSON boolean (Json.NET reads both).
//! Where the document's property table lists a field that an example leaves out (the
//! version and conflict choice that this client always sends), it is named as allowed.

use std::path::PathBuf;

use serde_json::{Value, json};

use super::super::action::{
    ActionTarget, ConflictPolicy, DocumentAction, ItemRef, LastVersionAction, RestoreAuth, Scope,
    VersionChoice,
};
use super::super::model::{Link, OneDrive};
use super::super::secret::Secret;
use super::super::version::ApiVersion;
use super::Dialect;

const SESSION: &str = "61954db6-7278-4d26-86f7-888bda5a4ec4";
const ONEDRIVE: &str = "b3184e77-b95b-45f7-96cc-180a20b61cbd8507931c-4561-4ddf-bc90-411aba44bb39";
const DOCUMENT: &str = "724011c3-a540-4684-b24f-3e2ab4ef6380df26ea7d-6468-4846-bdf5-4e88d871ed11";
const FIRST: &str = "74685f6b-16aa-4a78-a44f-05526ce0ae30";
const SECOND: &str = "70013a9e-c446-429d-aa78-9c8c20d9b814";

fn v4() -> Dialect {
    Dialect::new(ApiVersion::V4, "https://vbo:4443")
}

fn target(scope: Scope) -> ActionTarget {
    ActionTarget {
        session: SESSION.into(),
        onedrive: OneDrive {
            id: ONEDRIVE.into(),
            name: "Administrator".into(),
            url: None,
            links: Default::default(),
        },
        scope,
    }
}

fn one_document() -> Scope {
    Scope::Document {
        item: ItemRef {
            id: DOCUMENT.into(),
            name: "report.docx".into(),
        },
        version_id: None,
    }
}

fn two_documents() -> Scope {
    let item = |id: &str| ItemRef {
        id: id.into(),
        name: "x".into(),
    };
    Scope::Documents(vec![item(FIRST), item(SECOND)])
}

fn password(user: &str, password: &str) -> RestoreAuth {
    RestoreAuth::Password {
        user: user.into(),
        password: Secret::from(password),
    }
}

fn restore(auth: RestoreAuth) -> DocumentAction {
    DocumentAction::RestoreToOriginal {
        version: VersionChoice::Last,
        on_conflict: ConflictPolicy::Keep,
        auth,
    }
}

/// Every field of `example` is in `actual` with the same value; `actual` has no other
/// fields except those in `allowed`.
fn assert_fields(example: &Value, actual: &Value, allowed: &[&str], at: &str) {
    match (example, actual) {
        (Value::Object(want), Value::Object(got)) => {
            for (key, value) in want {
                let found = got.iter().find(|(k, _)| k.eq_ignore_ascii_case(key));
                let Some((_, got_value)) = found else {
                    panic!("{at}: field {key} is missing from {actual}");
                };
                assert_fields(value, got_value, allowed, &format!("{at}.{key}"));
            }
            for key in got.keys() {
                let known = want.keys().any(|k| k.eq_ignore_ascii_case(key))
                    || allowed.iter().any(|k| k.eq_ignore_ascii_case(key));
                assert!(known, "{at}: field {key} is not in the example");
            }
        }
        (Value::Array(want), Value::Array(got)) => {
            assert_eq!(want.len(), got.len(), "{at}: list length");
            for (i, (w, g)) in want.iter().zip(got).enumerate() {
                assert_fields(w, g, allowed, &format!("{at}[{i}]"));
            }
        }
        (Value::String(text), Value::Bool(flag)) => {
            assert_eq!(text, &flag.to_string(), "{at}: quoted boolean");
        }
        _ => assert_eq!(example, actual, "{at}"),
    }
}

fn body_of(scope: Scope, action: &DocumentAction) -> (String, Value) {
    let request = v4().action(&target(scope), action).expect("a v4 body");
    (request.path, request.body.expect("a body"))
}

#[test]
fn restore_with_a_user_and_password_matches_example_1() {
    let example = json!({ "restoretoOriginallocation": {
        "userName": "jsmith@westsupport.onmicrosoft.com",
        "userPassword": "paSSw0rd",
        "documents": [ {"Id": FIRST}, {"Id": SECOND} ] } });
    let action = restore(password("jsmith@westsupport.onmicrosoft.com", "paSSw0rd"));
    let (path, body) = body_of(two_documents(), &action);
    assert_fields(
        &example,
        &body,
        &["documentVersion", "documentAction"],
        "body",
    );
    assert_eq!(
        path,
        format!("/v4/RestoreSessions/{SESSION}/Organization/OneDrives/{ONEDRIVE}/Documents/Action")
    );
}

#[test]
fn restore_with_a_device_code_matches_example_2() {
    let example = json!({ "restoretoOriginallocation": {
        "userCode": "C6A9DB737",
        "documents": [ {"Id": FIRST}, {"Id": SECOND} ] } });
    let action = restore(RestoreAuth::DeviceCode {
        user_code: "C6A9DB737".into(),
        application_id: None,
    });
    let (_, body) = body_of(two_documents(), &action);
    assert_fields(
        &example,
        &body,
        &["documentVersion", "documentAction"],
        "body",
    );
}

#[test]
fn restore_with_a_certificate_matches_example_3() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pfx: PathBuf = dir.path().join("app.pfx");
    std::fs::write(&pfx, [0x30, 0x82, 0x0a, 0x12, 0x02, 0x01, 0x03]).expect("write");
    let example = json!({ "restoretoOriginallocation": {
        "ApplicationId": "3b0c1f44-8a21-4d7e-9a55-2c6e1b7f0d93",
        "ApplicationCertificate": "MIIKEgIBAw==",
        "ApplicationCertificatePassword": "xxx",
        "documents": [ {"Id": FIRST}, {"Id": SECOND} ] } });
    let action = restore(RestoreAuth::Certificate {
        application_id: "3b0c1f44-8a21-4d7e-9a55-2c6e1b7f0d93".into(),
        certificate: pfx,
        password: Secret::from("xxx"),
    });
    let (_, body) = body_of(two_documents(), &action);
    assert_fields(
        &example,
        &body,
        &["documentVersion", "documentAction"],
        "body",
    );
}

#[test]
fn restore_of_one_document_matches_example_4_exactly() {
    let example = json!({ "restoretooriginallocation": {
        "username": "admin", "userpassword": "12345678",
        "DocumentVersion": "last", "DocumentAction": "keep" } });
    let (path, body) = body_of(one_document(), &restore(password("admin", "12345678")));
    assert_fields(&example, &body, &[], "body");
    assert_eq!(
        path,
        format!(
            "/v4/RestoreSessions/{SESSION}/Organization/OneDrives/{ONEDRIVE}/Documents/{DOCUMENT}/Action"
        )
    );
}

#[test]
fn copy_of_one_document_matches_the_copy_example_exactly() {
    let self_href =
        "https://support.north.local:4443/v4/organizations/a602e179/users/u/onedrives/od";
    let user_href = "https://support.north.local:4443/v4/organizations/a602e179/users/u";
    let example = json!({ "copyto": {
        "username": "admin", "userpassword": "12345678",
        "DocumentVersion": "last", "DocumentLastVersionAction": "merge",
        "folder": "pictures",
        "OneDrive": {
            "id": DOCUMENT, "name": "CopyTo User", "url": "http://server/personal/orgUser",
            "_links": { "self": {"href": self_href}, "user": {"href": user_href} } } } });
    let mut links = std::collections::HashMap::new();
    links.insert(
        "self".to_string(),
        Link {
            href: self_href.into(),
        },
    );
    links.insert(
        "user".to_string(),
        Link {
            href: user_href.into(),
        },
    );
    let action = DocumentAction::CopyTo {
        onedrive: OneDrive {
            id: DOCUMENT.into(),
            name: "CopyTo User".into(),
            url: Some("http://server/personal/orgUser".into()),
            links,
        },
        folder: "pictures".into(),
        version: VersionChoice::Last,
        last_version: LastVersionAction::Merge,
        changed_items: false,
        deleted_items: false,
        auth: password("admin", "12345678"),
    };
    let (_, body) = body_of(one_document(), &action);
    assert_fields(&example, &body, &[], "body");
}

#[test]
fn send_matches_the_send_to_example_exactly() {
    let example = json!({ "sendTo": {
        "from": "j_smith@bestsupport.onmicrosoft.com",
        "to": "r.clark@bestsupport.onmicrosoft.com",
        "subject": "Support Ticket",
        "text": "Please find attached the files you requested" } });
    let action = DocumentAction::Send {
        from: "j_smith@bestsupport.onmicrosoft.com".into(),
        to: vec!["r.clark@bestsupport.onmicrosoft.com".into()],
        subject: "Support Ticket".into(),
        text: "Please find attached the files you requested".into(),
    };
    let (_, body) = body_of(one_document(), &action);
    assert_fields(&example, &body, &[], "body");
}

#[test]
fn save_of_one_document_matches_example_3_of_the_responses() {
    let example = json!({ "save": { "asZip": "false" } });
    let save = v4().save(&target(one_document()), false).expect("a save");
    assert!(!save.is_zip);
    assert_fields(&example, &save.request.body.expect("a body"), &[], "body");
    assert!(
        save.request
            .path
            .ends_with(&format!("/Documents/{DOCUMENT}/Action"))
    );
}

#[test]
fn the_comparison_itself_catches_a_wrong_or_extra_field() {
    let example = json!({ "save": { "asZip": "false" } });
    let wrong = std::panic::catch_unwind(|| {
        assert_fields(&example, &json!({ "save": { "asZip": true } }), &[], "body")
    });
    assert!(wrong.is_err());
    let extra = std::panic::catch_unwind(|| {
        assert_fields(
            &example,
            &json!({ "save": { "asZip": false, "x": 1 } }),
            &[],
            "body",
        )
    });
    assert!(extra.is_err());
}
