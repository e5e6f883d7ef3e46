//! The client against the emulator, once per API version: login and version detection,
//! listings in pages, every action with every restore auth (and the exact body the server
//! received), and saves of one document, of a set as a ZIP, and of a hostile name.

mod client_support;
use client_support as support;

use std::io::Read;

use futures::StreamExt;
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

use vbo_restore::api::model::{Item, OneDrive};
use vbo_restore::api::{
    ActionOutcome, ActionTarget, ApiError, ApiVersion, Client, ConflictPolicy, DocumentAction,
    ItemRef, LastVersionAction, RestoreAuth, Scope, Secret, VersionChoice,
};
use vbo_restore::emulator::{Emulator, EmulatorConfig, document_bytes, tenant};
use vbo_restore::save::{safe_file_name, save_target};

fn legacy(version: ApiVersion) -> bool {
    version <= ApiVersion::V5
}

async fn login_and_detection(version: ApiVersion) {
    let emulator = support::start(EmulatorConfig {
        versions: support::versions_up_to(version),
        ..support::config()
    })
    .await;
    let detected = support::connect(&emulator, None).await;
    assert_eq!(detected.version(), version, "auto picks the newest served");
    assert_eq!(detected.user(), "helpdesk");
    assert_eq!(detected.server(), emulator.url());
    let fixed = support::connect(&emulator, Some(ApiVersion::V4)).await;
    assert_eq!(fixed.version(), ApiVersion::V4);
    if version < ApiVersion::V8 {
        let above = Client::connect(support::options(&emulator, Some(ApiVersion::V8))).await;
        assert!(
            matches!(above, Err(ApiError::NoVersion { .. })),
            "{:?}",
            above.err()
        );
    }
    let mut wrong = support::options(&emulator, Some(version));
    wrong.password = Secret::from("not the password");
    let refused = Client::connect(wrong)
        .await
        .err()
        .expect("a wrong password is refused");
    assert!(matches!(refused, ApiError::Login { .. }), "{refused}");
    assert_eq!(refused.exit_code(), 3);
    assert!(!refused.to_string().contains("not the password"));
}

async fn listing_in_pages(version: ApiVersion) {
    let emulator = support::start(support::config()).await;
    let whole = support::connect(&emulator, Some(version)).await;
    let session = support::explore(&whole).await;
    let drive = tenant::first_onedrive_id();
    let folder = tenant::documents_folder_id();
    let all = whole
        .items(&session.id, &drive, Some(&folder))
        .collect_all()
        .await
        .expect("all");

    let mut options = support::options(&emulator, Some(version));
    options.page_size = 2;
    let paged = Client::connect(options).await.expect("login");
    let mut pages = paged.items(&session.id, &drive, Some(&folder));
    let mut rows: Vec<Item> = Vec::new();
    let mut page_count = 0;
    while let Some(page) = pages.next().await {
        let page = page.expect("a page");
        assert!(page.len() <= 2, "a page holds at most the page size");
        page_count += 1;
        rows.extend(page);
    }
    assert!(page_count >= 3, "{page_count} pages");
    let ids = |items: &[Item]| items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&rows), ids(&all), "paging changes nothing");
    assert!(rows.iter().all(|item| item.is_folder.is_some()));
    let first_document = rows
        .iter()
        .position(|item| !item.is_folder())
        .expect("documents");
    assert!(
        rows[..first_document].iter().all(Item::is_folder),
        "folders come first"
    );
    assert!(rows[first_document..].iter().all(|item| !item.is_folder()));
    assert!(rows.iter().any(Item::is_folder));

    let big = whole.items(
        &session.id,
        &tenant::big_onedrive_id(),
        Some(&tenant::big_folder_id()),
    );
    let first_pages: Vec<_> = big.take(3).collect().await;
    for page in first_pages {
        assert_eq!(page.expect("a page of the big folder").len(), 1000);
    }
}

fn auth_modes(user_code: &str) -> Vec<RestoreAuth> {
    vec![
        RestoreAuth::Password {
            user: "admin@contoso.onmicrosoft.com".into(),
            password: Secret::from("restore"),
        },
        RestoreAuth::DeviceCode {
            user_code: user_code.into(),
            application_id: Some(tenant::APPLICATION_ID.into()),
        },
        RestoreAuth::Certificate {
            application_id: tenant::APPLICATION_ID.into(),
            certificate: tenant::certificate_path(),
            password: Secret::from(tenant::CERTIFICATE_PASSWORD),
        },
    ]
}

/// The credential fields each auth mode must put in a body.
fn auth_fields(auth: &RestoreAuth) -> Value {
    use base64::Engine;
    match auth {
        RestoreAuth::Password { .. } => {
            json!({"userName": "admin@contoso.onmicrosoft.com", "userPassword": "restore"})
        }
        RestoreAuth::DeviceCode { user_code, .. } => {
            json!({"userCode": user_code, "applicationId": tenant::APPLICATION_ID})
        }
        RestoreAuth::Certificate { .. } => json!({
            "applicationId": tenant::APPLICATION_ID,
            "applicationCertificate":
                base64::engine::general_purpose::STANDARD.encode(tenant::CERTIFICATE_BYTES),
            "applicationCertificatePassword": tenant::CERTIFICATE_PASSWORD,
        }),
    }
}

fn merged(mut base: Value, extra: Value) -> Value {
    if let (Value::Object(base), Value::Object(extra)) = (&mut base, extra) {
        base.extend(extra);
    }
    base
}

struct Fixture {
    emulator: Emulator,
    client: Client,
    session: String,
    drive: OneDrive,
    other: OneDrive,
}

async fn fixture(version: ApiVersion) -> Fixture {
    let emulator = support::start(support::config()).await;
    let client = support::connect(&emulator, Some(version)).await;
    let session = support::explore(&client).await.id;
    let drive = support::onedrive(&client, &session, &tenant::first_onedrive_id()).await;
    let other = support::onedrive(&client, &session, "Alex Wilber").await;
    Fixture {
        emulator,
        client,
        session,
        drive,
        other,
    }
}

impl Fixture {
    async fn item(&self, path: &str) -> ItemRef {
        let item = self
            .client
            .resolve_item(&self.session, &self.drive.id, path)
            .await
            .expect("the item");
        ItemRef {
            id: item.id,
            name: item.name,
        }
    }

    fn target(&self, scope: Scope) -> ActionTarget {
        ActionTarget {
            session: self.session.clone(),
            onedrive: self.drive.clone(),
            scope,
        }
    }

    fn drive_path(&self, version: ApiVersion, rest: &str) -> String {
        format!(
            "/{version}/RestoreSessions/{}/Organization/OneDrives/{}{rest}",
            self.session, self.drive.id
        )
    }

    /// Runs an action and checks the one request it sent: its path and exact body.
    async fn run(&self, target: &ActionTarget, action: &DocumentAction, path: &str, body: Value) {
        let before = self.emulator.received().len();
        let mut events = 0;
        let outcome = self
            .client
            .run_action(target, action, &mut |_| events += 1)
            .await
            .expect("the action runs");
        let received = self.emulator.received();
        let sent: Vec<_> = received[before..]
            .iter()
            .filter(|r| r.method == "POST")
            .collect();
        assert_eq!(sent.len(), 1, "one request: {sent:?}");
        assert_eq!(sent[0].path, path);
        assert_eq!(sent[0].body, body, "the body the server received");
        match (action, outcome) {
            (DocumentAction::Send { .. }, ActionOutcome::Sent) => {}
            (_, ActionOutcome::Stats(stats)) => {
                assert!(stats.total_items_count >= 1, "{stats:?}");
                assert!(stats.restored_items_count >= 1, "{stats:?}");
                if self.client.version() == ApiVersion::V8 {
                    assert!(events >= 1, "v8 reports the session's events");
                }
            }
            (_, outcome) => panic!("unexpected outcome {outcome:?}"),
        }
    }
}

async fn every_action_with_every_auth(version: ApiVersion) {
    let f = fixture(version).await;
    let welcome = f.item("Welcome.docx").await;
    let todo = f.item("To do.txt").await;
    let documents = f.item("Documents").await;
    let spell = |pascal: &str| {
        if legacy(version) {
            pascal.to_lowercase()
        } else {
            pascal.to_string()
        }
    };
    let code = f
        .client
        .device_code(&f.session, Some(tenant::APPLICATION_ID))
        .await
        .expect("a device code");
    assert!(!code.user_code.is_empty() && code.verification_url.starts_with("https://"));
    assert!(code.expires_in > 0);

    for auth in auth_modes(&code.user_code) {
        let restore = DocumentAction::RestoreToOriginal {
            version: VersionChoice::Last,
            on_conflict: ConflictPolicy::Keep,
            auth: auth.clone(),
        };
        let scope = Scope::Document {
            item: welcome.clone(),
            version_id: None,
        };
        let (path, body) = if legacy(version) {
            let fields = json!({"documentVersion": "last", "documentAction": "keep"});
            (
                f.drive_path(version, &format!("/Documents/{}/Action", welcome.id)),
                json!({"restoretoOriginallocation": merged(auth_fields(&auth), fields)}),
            )
        } else {
            (
                f.drive_path(version, &format!("/Documents/{}/restore", welcome.id)),
                merged(auth_fields(&auth), json!({"documentAction": "Keep"})),
            )
        };
        f.run(&f.target(scope), &restore, &path, body).await;

        let copy = DocumentAction::CopyTo {
            onedrive: f.other.clone(),
            folder: "Restored".into(),
            version: VersionChoice::Last,
            last_version: LastVersionAction::Merge,
            changed_items: false,
            deleted_items: false,
            auth: auth.clone(),
        };
        let set = Scope::Documents(vec![welcome.clone(), todo.clone()]);
        let ids = json!([{"id": welcome.id}, {"id": todo.id}]);
        let mut fields = json!({
            "folder": "Restored",
            "documentVersion": spell("Last"),
            "documentLastVersionAction": spell("Merge"),
            "documents": ids,
        });
        let drive_key = if legacy(version) {
            "oneDrive"
        } else {
            "onedrive"
        };
        fields[drive_key] = serde_json::to_value(&f.other).expect("OneDrive as JSON");
        if version >= ApiVersion::V8 {
            fields["changedItems"] = false.into();
            fields["deletedItems"] = false.into();
        }
        let fields = merged(auth_fields(&auth), fields);
        let (path, body) = if legacy(version) {
            (
                f.drive_path(version, "/Documents/Action"),
                json!({"copyTo": fields}),
            )
        } else {
            (f.drive_path(version, "/Documents/copyTo"), fields)
        };
        f.run(&f.target(set), &copy, &path, body).await;
    }

    let send = DocumentAction::Send {
        from: "helpdesk@contoso.onmicrosoft.com".into(),
        to: vec![
            "adelev@contoso.onmicrosoft.com".into(),
            "it@contoso.onmicrosoft.com".into(),
        ],
        subject: "Your documents".into(),
        text: "Here they are.".into(),
    };
    let mail = json!({
        "from": "helpdesk@contoso.onmicrosoft.com",
        "to": "adelev@contoso.onmicrosoft.com,it@contoso.onmicrosoft.com",
        "subject": "Your documents", "text": "Here they are.",
    });
    let (path, body) = if legacy(version) {
        (
            f.drive_path(version, &format!("/Folders/{}/Action", documents.id)),
            json!({"sendTo": mail}),
        )
    } else {
        (
            f.drive_path(version, &format!("/Folders/{}/send", documents.id)),
            mail,
        )
    };
    f.run(&f.target(Scope::Folder(documents)), &send, &path, body)
        .await;
    let mails = f.emulator.mails();
    let last = mails.last().expect("a mail was sent");
    assert_eq!(last.to.len(), 2, "{last:?}");
    assert_eq!(last.subject, "Your documents");
}

async fn refusals_send_nothing(version: ApiVersion) {
    let f = fixture(version).await;
    let welcome = f.item("Welcome.docx").await;
    let before = f.emulator.received().len();
    let all_versions = DocumentAction::RestoreToOriginal {
        version: VersionChoice::All,
        on_conflict: ConflictPolicy::Overwrite,
        auth: auth_modes("unused").remove(0),
    };
    let earlier = Scope::Document {
        item: welcome.clone(),
        version_id: Some(1),
    };
    let refused = if legacy(version) {
        f.client
            .run_action(&f.target(earlier), &all_versions, &mut |_| {})
            .await
    } else {
        let scope = Scope::Document {
            item: welcome,
            version_id: None,
        };
        f.client
            .run_action(&f.target(scope), &all_versions, &mut |_| {})
            .await
    };
    let error = refused.expect_err("an option this version lacks");
    assert!(
        matches!(
            error,
            ApiError::Unsupported { .. } | ApiError::Withdrawn { .. }
        ),
        "{error}"
    );
    assert!(error.to_string().contains(&version.to_string()), "{error}");
    assert_eq!(f.emulator.received().len(), before, "nothing was sent");
    if legacy(version) {
        let versions = f.client.versions(&f.session, &f.drive.id, "x").await;
        assert!(matches!(
            versions,
            Err(ApiError::Unsupported {
                since: ApiVersion::V6,
                ..
            })
        ));
    } else {
        let welcome = f.item("Welcome.docx").await;
        let versions = f
            .client
            .versions(&f.session, &f.drive.id, &welcome.id)
            .await
            .expect("versions");
        assert_eq!(
            versions.len(),
            tenant::VERSIONED_DOCUMENT_VERSIONS - 1,
            "earlier versions"
        );
    }
}

async fn saves(version: ApiVersion) {
    let f = fixture(version).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let cancel = CancellationToken::new();
    let welcome = f
        .client
        .resolve_item(&f.session, &f.drive.id, "Welcome.docx")
        .await
        .expect("Welcome.docx");
    let scope = Scope::Document {
        item: ItemRef {
            id: welcome.id.clone(),
            name: welcome.name.clone(),
        },
        version_id: None,
    };
    let mut last_progress = 0;
    let saved = save_target(
        &f.client,
        &f.target(scope),
        false,
        dir.path(),
        None,
        &mut |n| last_progress = n,
        &cancel,
    )
    .await
    .expect("one document");
    let size = welcome.size_bytes.expect("a size");
    let version_id = welcome.version_id.expect("a version id") as i32;
    assert_eq!(saved.path, dir.path().join("Welcome.docx"));
    assert_eq!(saved.bytes, size);
    assert_eq!(last_progress, size);
    let expected = document_bytes(&welcome.id, version_id, size, 0, size as usize);
    assert!(
        std::fs::read(&saved.path).expect("the file") == expected,
        "the document's bytes"
    );
    let sent = f.emulator.received().pop().expect("the save request");
    let body = if legacy(version) {
        json!({"save": {"asZip": false}})
    } else {
        json!({"asZip": false})
    };
    assert_eq!(sent.body, body);

    let todo = f.item("To do.txt").await;
    let welcome_ref = ItemRef {
        id: welcome.id.clone(),
        name: welcome.name.clone(),
    };
    let set = f.target(Scope::Documents(vec![welcome_ref, todo]));
    let zip = save_target(
        &f.client,
        &set,
        true,
        dir.path(),
        None,
        &mut |_| {},
        &cancel,
    )
    .await
    .expect("a set as ZIP");
    let name = zip
        .path
        .file_name()
        .expect("a name")
        .to_string_lossy()
        .into_owned();
    assert!(
        name.starts_with("documents-") && name.ends_with(".zip"),
        "{name}"
    );
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(&zip.path).expect("zip")).expect("a ZIP");
    assert_eq!(archive.len(), 2);
    let mut entry = archive
        .by_name("Welcome.docx")
        .expect("Welcome.docx in the ZIP");
    let mut inside = Vec::new();
    entry.read_to_end(&mut inside).expect("the entry");
    assert!(inside == expected, "the ZIP holds the same bytes");

    let hostile_drive =
        support::onedrive(&f.client, &f.session, &tenant::hostile_onedrive_id()).await;
    let hostile_id = tenant::hostile_document_id();
    let hostile = f
        .client
        .item(&f.session, &hostile_drive.id, &hostile_id)
        .await
        .expect("hostile");
    assert_eq!(hostile.name, tenant::names::HOSTILE_DOCUMENT);
    let target = ActionTarget {
        session: f.session.clone(),
        onedrive: hostile_drive,
        scope: Scope::Document {
            item: ItemRef {
                id: hostile.id,
                name: hostile.name.clone(),
            },
            version_id: None,
        },
    };
    let odd_dir = dir.path().join("odd");
    let saved = save_target(
        &f.client,
        &target,
        false,
        &odd_dir,
        None,
        &mut |_| {},
        &cancel,
    )
    .await
    .expect("a hostile name");
    assert_eq!(saved.path.parent(), Some(odd_dir.as_path()));
    let file_name = saved
        .path
        .file_name()
        .expect("a name")
        .to_string_lossy()
        .into_owned();
    assert_eq!(file_name, safe_file_name(&hostile.name));
    assert!(!file_name.contains('\u{1b}'), "{file_name:?}");
    assert_eq!(support::files_in(&odd_dir), vec![file_name]);
}

macro_rules! per_version {
    ($($version:ident: $variant:expr),* $(,)?) => {$(
        mod $version {
            use super::*;

            #[tokio::test]
            async fn login_and_version_detection() {
                login_and_detection($variant).await;
            }

            #[tokio::test]
            async fn listing_in_pages() {
                super::listing_in_pages($variant).await;
            }

            #[tokio::test]
            async fn every_action_with_every_auth_mode() {
                every_action_with_every_auth($variant).await;
            }

            #[tokio::test]
            async fn options_the_version_lacks_are_refused_before_sending() {
                refusals_send_nothing($variant).await;
            }

            #[tokio::test]
            async fn saves_of_a_document_a_set_and_a_hostile_name() {
                saves($variant).await;
            }
        }
    )*};
}

per_version! {
    v4: ApiVersion::V4,
    v5: ApiVersion::V5,
    v6: ApiVersion::V6,
    v7: ApiVersion::V7,
    v8: ApiVersion::V8,
}
