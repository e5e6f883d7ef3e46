//! Shared test bed for the emulator's tests: an in-process emulator and a reqwest client
//! that trusts its certificate. Deliberately independent of `vbo_restore::api`.

#![allow(dead_code)]

use std::sync::Arc;

use reqwest::{Method, StatusCode};
use serde_json::Value;
use vbo_restore::emulator::{Emulator, EmulatorConfig};

pub struct Bed {
    pub emu: Emulator,
    pub http: reqwest::Client,
}

/// A reqwest client that trusts exactly the emulator's certificate.
pub fn client_for(emu: &Emulator) -> reqwest::Client {
    client_trusting(&emu.certificate_der())
}

/// A reqwest client that trusts `der` (nothing when empty: for plain HTTP).
pub fn client_trusting(der: &[u8]) -> reqwest::Client {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    if !der.is_empty() {
        roots
            .add(rustls::pki_types::CertificateDer::from(der.to_vec()))
            .expect("the emulator's certificate is a valid root");
    }
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("protocol versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    reqwest::Client::builder()
        .use_preconfigured_tls(tls)
        .build()
        .expect("client")
}

impl Bed {
    pub async fn start(config: EmulatorConfig) -> Bed {
        let emu = Emulator::start(config).await.expect("emulator starts");
        let http = client_for(&emu);
        Bed { emu, http }
    }

    pub async fn default() -> Bed {
        Bed::start(EmulatorConfig::default()).await
    }

    pub fn url(&self, version: &str, path: &str) -> String {
        format!(
            "{}/{version}/{}",
            self.emu.url(),
            path.trim_start_matches('/')
        )
    }

    /// Logs in with the password grant and answers the token JSON.
    pub async fn token_json(&self, version: &str) -> Value {
        let mut form = vec![
            ("grant_type", "password"),
            ("username", "helpdesk"),
            ("password", "demo"),
        ];
        if version >= "v7" {
            form.push(("disable_antiforgery_token", "true"));
        }
        let answer = self
            .http
            .post(self.url(version, "token"))
            .form(&form)
            .send()
            .await
            .expect("token answer");
        assert_eq!(answer.status(), StatusCode::OK);
        answer.json().await.expect("token JSON")
    }

    pub async fn login(&self, version: &str) -> String {
        let token = self.token_json(version).await;
        token["access_token"]
            .as_str()
            .expect("access_token")
            .to_string()
    }

    /// Sends a request with a JSON body (or none) and answers status and JSON (Null if none).
    pub async fn call(
        &self,
        method: Method,
        version: &str,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let (status, bytes) = self.raw(method, version, path, token, body).await;
        let value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        (status, value)
    }

    pub async fn raw(
        &self,
        method: Method,
        version: &str,
        path: &str,
        token: &str,
        body: Option<Value>,
    ) -> (StatusCode, Vec<u8>) {
        let mut request = self
            .http
            .request(method, self.url(version, path))
            .bearer_auth(token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let answer = request.send().await.expect("an answer");
        let status = answer.status();
        (status, answer.bytes().await.expect("a body").to_vec())
    }

    pub async fn get(&self, version: &str, path: &str, token: &str) -> (StatusCode, Value) {
        self.call(Method::GET, version, path, token, None).await
    }

    pub async fn post(
        &self,
        version: &str,
        path: &str,
        token: &str,
        body: Value,
    ) -> (StatusCode, Value) {
        self.call(Method::POST, version, path, token, Some(body))
            .await
    }

    /// Starts a restore session at the latest point, in the version's dialect.
    pub async fn explore(&self, version: &str, token: &str, show_deleted: bool) -> String {
        let org = vbo_restore::emulator::tenant::organization_id();
        let (status, session) = if version <= "v5" {
            let body = serde_json::json!({ "explore": { "type": "veod", "ShowDeleted": show_deleted.to_string() } });
            self.post(version, &format!("Organizations/{org}/Action"), token, body)
                .await
        } else {
            let body = serde_json::json!({ "type": "Veod", "showDeleted": show_deleted });
            self.post(
                version,
                &format!("Organizations/{org}/explore"),
                token,
                body,
            )
            .await
        };
        assert!(status.is_success(), "explore answered {status}: {session}");
        session["id"].as_str().expect("session id").to_string()
    }
}

/// The path of a OneDrive inside a session.
pub fn drive_path(session: &str, drive: &str) -> String {
    format!("RestoreSessions/{session}/Organization/OneDrives/{drive}")
}
