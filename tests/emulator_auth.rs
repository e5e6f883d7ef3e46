//! Logging in to the emulator: password and refresh grants, expiry, v7+ antiforgery,
//! logout.

mod emulator_support;

use std::time::Duration;

use emulator_support::Bed;
use reqwest::StatusCode;
use serde_json::Value;
use vbo_restore::emulator::EmulatorConfig;

async fn refresh(bed: &Bed, version: &str, refresh_token: &str) -> (StatusCode, Value) {
    let answer = bed
        .http
        .post(bed.url(version, "Token"))
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
        ])
        .send()
        .await
        .expect("answer");
    let status = answer.status();
    (status, answer.json().await.expect("JSON"))
}

#[tokio::test]
async fn tokens_expire_and_a_refresh_gives_a_new_pair_once() {
    let config = EmulatorConfig {
        token_ttl: Duration::from_secs(1),
        ..EmulatorConfig::default()
    };
    let bed = Bed::start(config).await;
    let first = bed.token_json("v8").await;
    assert_eq!(first["expires_in"], 1);
    assert_eq!(first["token_type"], "bearer");
    assert!(first[".issued"].is_string() && first[".expires"].is_string());
    let access = first["access_token"].as_str().expect("access");
    assert_eq!(
        bed.get("v8", "RestoreSessions", access).await.0,
        StatusCode::OK
    );
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let (status, body) = bed.get("v8", "RestoreSessions", access).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");

    let old_refresh = first["refresh_token"].as_str().expect("refresh");
    let (status, second) = refresh(&bed, "v8", old_refresh).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    let access = second["access_token"].as_str().expect("access");
    assert_eq!(
        bed.get("v8", "RestoreSessions", access).await.0,
        StatusCode::OK
    );
    let (status, refusal) = refresh(&bed, "v8", old_refresh).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "an old refresh token is spent"
    );
    assert_eq!(refusal["error"], "invalid_grant");
    let (status, _) = refresh(
        &bed,
        "v8",
        second["refresh_token"].as_str().expect("refresh"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_wrong_password_is_an_oauth_400() {
    let bed = Bed::default().await;
    let answer = bed
        .http
        .post(bed.url("v6", "token"))
        .form(&[
            ("grant_type", "password"),
            ("username", "helpdesk"),
            ("password", "nope"),
        ])
        .send()
        .await
        .expect("answer");
    assert_eq!(answer.status(), StatusCode::BAD_REQUEST);
    let body: Value = answer.json().await.expect("JSON");
    assert_eq!(body["error"], "invalid_grant");
    let answer = bed
        .http
        .post(bed.url("v6", "token"))
        .json(&serde_json::json!({ "grant_type": "password", "username": "CONTOSO\\helpdesk", "password": "demo" }))
        .send()
        .await
        .expect("answer");
    assert_eq!(
        answer.status(),
        StatusCode::OK,
        "JSON grants and DOMAIN\\user work too"
    );
}

#[tokio::test]
async fn v7_needs_the_antiforgery_header_unless_disabled() {
    let bed = Bed::default().await;
    for version in ["v6", "v7"] {
        let answer = bed
            .http
            .post(bed.url(version, "token"))
            .form(&[
                ("grant_type", "password"),
                ("username", "helpdesk"),
                ("password", "demo"),
            ])
            .send()
            .await
            .expect("answer");
        let cookie = answer
            .headers()
            .get("set-cookie")
            .map(|c| c.to_str().expect("text").to_string());
        let token: Value = answer.json().await.expect("JSON");
        let access = token["access_token"].as_str().expect("access");
        let (status, _) = bed.get(version, "RestoreSessions", access).await;
        if version == "v6" {
            assert_eq!((status, cookie), (StatusCode::OK, None));
            continue;
        }
        assert_eq!(
            status,
            StatusCode::BAD_REQUEST,
            "v7 without the antiforgery header"
        );
        let cookie = cookie.expect("an antiforgery cookie");
        let value = cookie
            .trim_start_matches("XSRF-TOKEN=")
            .split(';')
            .next()
            .expect("value");
        let answer = bed
            .http
            .get(bed.url(version, "RestoreSessions"))
            .bearer_auth(access)
            .header("X-XSRF-TOKEN", value)
            .send()
            .await
            .expect("answer");
        assert_eq!(answer.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn logout_ends_the_token_from_v7() {
    let bed = Bed::default().await;
    let token = bed.login("v7").await;
    let answer = bed
        .http
        .post(bed.url("v7", "token/logout"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("answer");
    assert_eq!(answer.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        bed.get("v7", "RestoreSessions", &token).await.0,
        StatusCode::UNAUTHORIZED
    );
    let v6 = bed.login("v6").await;
    let answer = bed
        .http
        .post(bed.url("v6", "token/logout"))
        .bearer_auth(&v6)
        .send()
        .await
        .expect("answer");
    assert_eq!(answer.status(), StatusCode::NOT_FOUND, "v6 has no logout");
}

#[tokio::test]
async fn a_missing_token_is_401_on_every_version() {
    let bed = Bed::default().await;
    for version in ["v4", "v5", "v6", "v7", "v8"] {
        let answer = bed
            .http
            .get(bed.url(version, "RestoreSessions"))
            .send()
            .await
            .expect("answer");
        assert_eq!(answer.status(), StatusCode::UNAUTHORIZED, "{version}");
    }
}
