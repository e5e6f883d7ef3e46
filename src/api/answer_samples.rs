//! Real answers of the emulator, gathered once over HTTP, for the parser properties to mutate;
//! and the one reader per answer kind that the client uses on them.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use reqwest::Method;
use serde::Deserialize;
use serde_json::Value;

use super::action::{ActionTarget, ConflictPolicy, DocumentAction, ItemRef, RestoreAuth};
use super::action::{Scope, VersionChoice};
use super::auth::TokenBody;
use super::dialect::{Dialect, Grant, Request, onedrive_path};
use super::model::{
    DeviceCode, EmailSettings, Item, OneDrive, Organization, RestoreSession, RestoreSessionEvent,
    RestoreStats,
};
use super::pages::read_page;
use super::run::{AsyncRestore, SessionStatistics};
use super::transport::{ErrorBody, Patience, Transport, decode};
use super::trust::Trust;
use super::version::ApiVersion;
use crate::emulator::{Emulator, EmulatorConfig, tenant};

/// What an answer is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Token,
    Organizations,
    Sessions,
    Session,
    Events,
    OneDrives,
    Items,
    Item,
    DeviceCode,
    EmailSettings,
    Stats,
    AsyncRestore,
    Statistics,
    Error,
}

pub const KINDS: &[Kind] = &[
    Kind::Token,
    Kind::Organizations,
    Kind::Sessions,
    Kind::Session,
    Kind::Events,
    Kind::OneDrives,
    Kind::Items,
    Kind::Item,
    Kind::DeviceCode,
    Kind::EmailSettings,
    Kind::Stats,
    Kind::AsyncRestore,
    Kind::Statistics,
    Kind::Error,
];

/// Rows per page the properties read pages with.
const LIMIT: u64 = 3;

/// Reads `body` as the client reads an answer of `kind`, and names what identifies it: the
/// ids of a page's rows, the id of one resource, nothing for the rest.
pub fn read(kind: Kind, body: &[u8]) -> Result<Vec<String>, serde_json::Error> {
    let mut body = body.to_vec();
    let value: Value = decode(&mut body, "/props")?;
    match kind {
        Kind::Token => {
            let token = TokenBody::deserialize(&value)?.into_token(Instant::now());
            assert!(token.lifetime.as_secs() <= 366 * 24 * 3600);
            Ok(Vec::new())
        }
        Kind::Organizations => rows::<Organization>(&value, |o| o.id.clone()),
        Kind::Sessions => rows::<RestoreSession>(&value, |s| s.id.clone()),
        Kind::Session => Ok(vec![RestoreSession::deserialize(&value)?.id]),
        Kind::Events => rows::<RestoreSessionEvent>(&value, |e| e.id.clone()),
        Kind::OneDrives => rows::<OneDrive>(&value, |d| d.id.clone()),
        Kind::Items => rows::<Item>(&value, |i| i.id.clone()),
        Kind::Item => Ok(vec![Item::deserialize(&value)?.id]),
        Kind::DeviceCode => Ok(vec![DeviceCode::deserialize(&value)?.user_code]),
        Kind::EmailSettings => Option::<EmailSettings>::deserialize(&value).map(|_| Vec::new()),
        Kind::Stats => Option::<RestoreStats>::deserialize(&value).map(|_| Vec::new()),
        Kind::AsyncRestore => Ok(vec![AsyncRestore::deserialize(&value)?.session_id]),
        Kind::Statistics => {
            SessionStatistics::deserialize(&value)?.into_stats();
            Ok(Vec::new())
        }
        Kind::Error => ErrorBody::deserialize(&value).map(|_| Vec::new()),
    }
}

fn rows<T: for<'de> Deserialize<'de>>(
    value: &Value,
    id: impl Fn(&T) -> String,
) -> Result<Vec<String>, serde_json::Error> {
    let page = read_page::<T>(value, LIMIT)?;
    assert!(
        !page.more || !page.rows.is_empty(),
        "more pages after an empty one"
    );
    Ok(page.rows.iter().map(id).collect())
}

/// One answer as the emulator sent it.
#[derive(Debug, Clone)]
pub struct Sample {
    pub kind: Kind,
    pub body: Vec<u8>,
}

/// The answers of v8, v6 and v4 along the restore path, gathered on first use.
pub fn samples() -> &'static [Sample] {
    static SAMPLES: OnceLock<Vec<Sample>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(gather())
    })
}

async fn gather() -> Vec<Sample> {
    let config = EmulatorConfig {
        plain_http: true,
        ..EmulatorConfig::default()
    };
    let emulator = Emulator::start(config).await.expect("the emulator starts");
    let mut samples = Vec::new();
    for version in [ApiVersion::V8, ApiVersion::V6, ApiVersion::V4] {
        let timeout = Duration::from_secs(30);
        let mut walk = Walk {
            transport: Transport::new(&emulator.url(), &Trust::default(), timeout, timeout)
                .expect("a transport"),
            dialect: Dialect::new(version, &emulator.url()),
            token: String::new(),
            samples: &mut samples,
        };
        walk.restore_path().await;
    }
    emulator.shutdown().await;
    assert!(samples.len() > 30, "{} answers gathered", samples.len());
    samples
}

struct Walk<'a> {
    transport: Transport,
    dialect: Dialect,
    token: String,
    samples: &'a mut Vec<Sample>,
}

impl Walk<'_> {
    async fn restore_path(&mut self) {
        let token = self.token_answer().await;
        self.token = token["access_token"].as_str().expect("a token").to_string();
        let orgs = self.get(Kind::Organizations, "/Organizations").await;
        let rows = orgs.get("results").unwrap_or(&orgs);
        let org = rows[0]["id"].as_str().expect("an organization");
        let explore = self.dialect.explore(org, None, true, true);
        let session = self.send(Kind::Session, explore).await;
        let session = session["id"].as_str().expect("a session").to_string();
        self.get(Kind::Sessions, "/RestoreSessions").await;
        self.get(Kind::Session, &format!("/RestoreSessions/{session}"))
            .await;
        self.get(Kind::Events, &format!("/RestoreSessions/{session}/Events"))
            .await;
        let drives = format!("/RestoreSessions/{session}/Organization/OneDrives");
        self.get(Kind::OneDrives, &drives).await;
        self.items(&session).await;
        self.actions(&session).await;
        self.get(Kind::Error, "/RestoreSessions/no-such-session")
            .await;
    }

    async fn items(&mut self, session: &str) {
        let root = self.dialect.root_parent();
        let first = onedrive_path(session, &tenant::first_onedrive_id());
        let hostile = onedrive_path(session, &tenant::hostile_onedrive_id());
        let odd = tenant::hostile_folder_id();
        for listing in [
            format!("{first}/Folders?parentId={root}"),
            format!("{first}/Documents?parentId={root}"),
            format!("{hostile}/Folders?parentId={root}"),
            format!("{hostile}/Documents?parentId={odd}"),
        ] {
            self.get(Kind::Items, &listing).await;
        }
        let welcome = tenant::versioned_document_id();
        self.get(Kind::Item, &format!("{first}/Documents/{welcome}"))
            .await;
        if self.dialect.version >= ApiVersion::V6 {
            let versions = format!("{first}/Documents/{welcome}/Versions");
            self.get(Kind::Items, &versions).await;
        }
    }

    async fn actions(&mut self, session: &str) {
        let code = self.dialect.device_code(session, None);
        self.send(Kind::DeviceCode, code).await;
        let settings = self.dialect.email_settings_path();
        self.fetch(Kind::EmailSettings, Method::GET, settings, None)
            .await;
        let target = ActionTarget {
            session: session.to_string(),
            onedrive: OneDrive {
                id: tenant::first_onedrive_id(),
                name: tenant::names::USERS[0].0.to_string(),
                url: None,
                links: Default::default(),
            },
            scope: Scope::Document {
                item: ItemRef {
                    id: tenant::versioned_document_id(),
                    name: "Welcome.docx".into(),
                },
                version_id: None,
            },
        };
        let restore = DocumentAction::RestoreToOriginal {
            version: VersionChoice::Last,
            on_conflict: ConflictPolicy::Keep,
            auth: RestoreAuth::Password {
                user: "admin@contoso.onmicrosoft.com".into(),
                password: "restore".into(),
            },
        };
        let request = self.dialect.action(&target, &restore).expect("a restore");
        if self.dialect.version < ApiVersion::V8 {
            self.send(Kind::Stats, request).await;
            return;
        }
        let started = self.send(Kind::AsyncRestore, request).await;
        let id = started["sessionId"].as_str().expect("a restore session");
        self.get(
            Kind::Statistics,
            &format!("/RestoreSessions/{id}/Statistics"),
        )
        .await;
    }

    async fn token_answer(&mut self) -> Value {
        let grant = Grant::Password {
            user: "helpdesk",
            password: "demo",
        };
        let request = self
            .transport
            .request(Method::POST, &self.dialect.path("/token"), Patience::Normal)
            .form(&self.dialect.token_form(&grant));
        self.record(Kind::Token, request).await
    }

    async fn get(&mut self, kind: Kind, rest: &str) -> Value {
        let path = self.dialect.path(rest);
        self.fetch(kind, Method::GET, path, None).await
    }

    async fn send(&mut self, kind: Kind, request: Request) -> Value {
        self.fetch(kind, request.method, request.path, request.body)
            .await
    }

    async fn fetch(
        &mut self,
        kind: Kind,
        method: Method,
        path: String,
        body: Option<Value>,
    ) -> Value {
        let mut request = self
            .transport
            .request(method, &path, Patience::Normal)
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        self.record(kind, request).await
    }

    /// Sends a request, keeps its answer as a sample and answers it as JSON.
    async fn record(&mut self, kind: Kind, request: reqwest::RequestBuilder) -> Value {
        let answer = request.send().await.expect("an answer");
        let ok = answer.status().is_success();
        assert_eq!(ok, kind != Kind::Error, "{kind:?}: {}", answer.status());
        let body = answer.bytes().await.expect("a body").to_vec();
        let value = decode(&mut body.clone(), "/props").unwrap_or(Value::Null);
        self.samples.push(Sample { kind, body });
        value
    }
}
