//! The explorers' email settings (`VeodEmailSettings`, `VespEmailSettings`) that send
//! actions need.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::body::{LowerJson, Obj};
use super::failure::{Failure, json_response};
use super::state::{Ctx, lock};

/// Which explorer's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Explorer {
    OneDrive,
    SharePoint,
}

/// One explorer's SMTP settings.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub enable_notification: bool,
    pub server: Option<String>,
    pub port: i64,
    pub from: Option<String>,
    pub use_authentication: bool,
    pub use_ssl: bool,
    pub username: Option<String>,
    pub password_set: bool,
    pub authentication_type: &'static str,
}

/// Both explorers' settings.
#[derive(Debug, Default)]
pub struct EmailStore {
    pub onedrive: Settings,
    pub sharepoint: Settings,
}

impl EmailStore {
    /// Settings that let the demo send from the start.
    pub fn demo() -> EmailStore {
        let settings = Settings {
            enable_notification: true,
            server: Some("smtp.contoso.example".to_string()),
            port: 587,
            from: Some("backup@contoso.onmicrosoft.com".to_string()),
            use_authentication: true,
            use_ssl: true,
            username: Some("backup@contoso.onmicrosoft.com".to_string()),
            password_set: true,
            authentication_type: "CustomSmtp",
        };
        EmailStore {
            onedrive: settings.clone(),
            sharepoint: settings,
        }
    }

    pub fn of(&mut self, explorer: Explorer) -> &mut Settings {
        match explorer {
            Explorer::OneDrive => &mut self.onedrive,
            Explorer::SharePoint => &mut self.sharepoint,
        }
    }
}

impl Settings {
    /// Whether a send through these settings can work.
    pub fn usable(&self) -> bool {
        self.server.as_deref().is_some_and(|s| !s.is_empty())
    }

    fn to_json(&self, oauth: bool) -> Value {
        let mut value = json!({
            "enableNotification": self.enable_notification, "server": self.server,
            "port": self.port, "from": self.from, "useAuthentication": self.use_authentication,
            "useSSL": self.use_ssl, "userName": self.username, "_links": {}, "_actions": {},
        });
        if oauth {
            value["authenticationType"] = json!(self.authentication_type);
            value["isAuthenticated"] = json!(self.password_set);
            value["mailApiUrl"] = Value::Null;
        }
        strip_nulls(value)
    }

    fn merge(&mut self, body: Obj<'_>) -> Result<(), Failure> {
        let text = |key: &str| body.str(key);
        if let Some(v) = body.bool("enableNotification")? {
            self.enable_notification = v;
        }
        if let Some(v) = text("server").or_else(|| text("smtpserver")) {
            self.server = Some(v);
        }
        if let Some(v) = body.get("port") {
            self.port = v
                .as_i64()
                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
                .ok_or_else(|| Failure::bad_request("port must be a number."))?;
        }
        if let Some(v) = text("from") {
            self.from = Some(v);
        }
        if let Some(v) = body.bool("useAuthentication")? {
            self.use_authentication = v;
        }
        if let Some(v) = body.bool("useSSL")? {
            self.use_ssl = v;
        }
        if let Some(v) = text("userName") {
            self.username = Some(v);
        }
        if body.get("userPassword").is_some() {
            self.password_set = true;
        }
        let kinds = ["CustomSmtp", "GoogleGmail", "Microsoft365"];
        if let Some(kind) = body.choice("authenticationType", &kinds)? {
            self.authentication_type = kind;
        }
        Ok(())
    }
}

fn strip_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .collect::<Map<_, _>>(),
        ),
        other => other,
    }
}

/// GET of one explorer's settings.
pub fn get(ctx: &Ctx, explorer: Explorer) -> Response {
    let settings = lock(&ctx.shared.email).of(explorer).clone();
    json_response(
        StatusCode::OK,
        &settings.to_json(ctx.version.wire().smtp_oauth),
    )
}

/// PUT of one explorer's settings; omitted properties stay as they were.
pub fn put(ctx: &Ctx, explorer: Explorer, body: &Value, done: StatusCode) -> Response {
    let obj = Obj::of(body);
    if !obj.is_object() {
        return Failure::bad_request("The email settings must be a JSON object.").into_response();
    }
    let mut store = lock(&ctx.shared.email);
    let mut updated = store.of(explorer).clone();
    if let Err(failure) = updated.merge(obj) {
        return failure.into_response();
    }
    *store.of(explorer) = updated;
    done.into_response()
}

/// Handler pair for `VeodEmailSettings`.
pub async fn get_onedrive(State(ctx): State<Ctx>) -> Response {
    get(&ctx, Explorer::OneDrive)
}

/// Handler pair for `VespEmailSettings`.
pub async fn get_sharepoint(State(ctx): State<Ctx>) -> Response {
    get(&ctx, Explorer::SharePoint)
}

/// PUT `VeodEmailSettings`: 204 on v8, 200 before.
pub async fn put_onedrive(State(ctx): State<Ctx>, LowerJson(body): LowerJson) -> Response {
    let done = done_status(&ctx);
    put(&ctx, Explorer::OneDrive, &body, done)
}

/// PUT `VespEmailSettings`.
pub async fn put_sharepoint(State(ctx): State<Ctx>, LowerJson(body): LowerJson) -> Response {
    let done = done_status(&ctx);
    put(&ctx, Explorer::SharePoint, &body, done)
}

fn done_status(ctx: &Ctx) -> StatusCode {
    if ctx.version.wire().no_content {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::OK
    }
}
