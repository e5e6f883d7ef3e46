//! Injected faults, by configuration, through `Emulator::set_faults` and through the
//! control path, and taking the server down and back up.

mod emulator_support;

use std::time::{Duration, Instant};

use emulator_support::{Bed, drive_path};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use vbo_restore::emulator::{EmulatorConfig, Fault, FaultKind, tenant};

fn faults(specs: &[&str]) -> Vec<Fault> {
    specs
        .iter()
        .map(|s| s.parse().expect("a valid SPEC"))
        .collect()
}

#[test]
fn specs_parse_and_print_back() {
    for spec in [
        "reset:1048576:*/save#1",
        "status:503:/v8/restoresessions*",
        "delay:1.5:*",
        "malformed-json:*",
        "html:/v6/*",
        "refuse-refresh",
        "expire-tokens",
    ] {
        let fault: Fault = spec.parse().expect(spec);
        assert_eq!(
            fault.to_string().parse::<Fault>().expect("round trip"),
            fault
        );
    }
    assert_eq!(
        "status:404".parse::<Fault>().expect("ok").kind,
        FaultKind::Status(404)
    );
    assert_eq!("delay:2".parse::<Fault>().expect("ok").pattern, "*");
    for bad in [
        "status",
        "status:abc",
        "reset:-1",
        "explode",
        "status:42",
        "delay:1#x",
    ] {
        assert!(bad.parse::<Fault>().is_err(), "{bad} must be refused");
    }
}

#[tokio::test]
async fn status_faults_answer_in_the_versions_words_and_can_be_counted() {
    let config = EmulatorConfig {
        faults: faults(&["status:503:/v8/restoresessions*#2"]),
        ..EmulatorConfig::default()
    };
    let bed = Bed::start(config).await;
    let token = bed.login("v8").await;
    for _ in 0..2 {
        let (status, body) = bed.get("v8", "RestoreSessions", &token).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(
            body["message"].is_string() && body.get("stackTrace").is_some(),
            "{body}"
        );
    }
    assert_eq!(
        bed.get("v8", "RestoreSessions", &token).await.0,
        StatusCode::OK
    );
    assert!(
        bed.emu.faults().is_empty(),
        "a counted fault leaves when spent"
    );
}

#[tokio::test]
async fn an_html_fault_answers_a_proxy_page() {
    let bed = Bed::default().await;
    bed.emu.set_faults(faults(&["html:/v6/*"]));
    let token_answer = bed
        .http
        .post(bed.url("v6", "token"))
        .form(&[("grant_type", "password")])
        .send()
        .await
        .expect("answer");
    assert_eq!(token_answer.status(), StatusCode::BAD_GATEWAY);
    assert!(
        token_answer.headers()["content-type"]
            .to_str()
            .expect("text")
            .starts_with("text/html")
    );
    assert!(token_answer.text().await.expect("text").contains("<html>"));
    bed.emu.clear_faults();
    bed.login("v6").await;
}

#[tokio::test]
async fn malformed_json_cuts_answers_in_half() {
    let bed = Bed::default().await;
    let token = bed.login("v7").await;
    bed.emu
        .set_faults(faults(&["malformed-json:*/restoresessions#1"]));
    let (status, bytes) = bed
        .raw(Method::GET, "v7", "RestoreSessions", &token, None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!bytes.is_empty() && serde_json::from_slice::<Value>(&bytes).is_err());
    let (_, bytes) = bed
        .raw(Method::GET, "v7", "RestoreSessions", &token, None)
        .await;
    assert!(serde_json::from_slice::<Value>(&bytes).is_ok());
}

#[tokio::test]
async fn a_delay_holds_back_the_answer() {
    let bed = Bed::default().await;
    let token = bed.login("v6").await;
    bed.emu.set_faults(faults(&["delay:0.4:*/organizations"]));
    let started = Instant::now();
    assert_eq!(
        bed.get("v6", "Organizations", &token).await.0,
        StatusCode::OK
    );
    assert!(started.elapsed() >= Duration::from_millis(400));
}

#[tokio::test]
async fn a_reset_cuts_a_save_after_the_given_bytes() {
    let bed = Bed::default().await;
    let token = bed.login("v8").await;
    let session = bed.explore("v8", &token, false).await;
    let base = drive_path(&session, &tenant::big_onedrive_id());
    let doc = tenant::large_document_id();
    bed.emu.set_faults(faults(&["reset:1000000:*/save#1"]));
    let mut answer = bed
        .http
        .post(bed.url("v8", &format!("{base}/Documents/{doc}/save")))
        .bearer_auth(&token)
        .json(&json!({}))
        .send()
        .await
        .expect("headers arrive");
    assert_eq!(answer.status(), StatusCode::OK);
    let mut received = 0usize;
    let failed = loop {
        match answer.chunk().await {
            Ok(Some(chunk)) => received += chunk.len(),
            Ok(None) => break false,
            Err(_) => break true,
        }
    };
    assert!(failed, "the body must fail, not end");
    assert_eq!(
        received, 1_000_000,
        "exactly the bytes before the cut arrive"
    );
    let doc = tenant::versioned_document_id();
    let base = drive_path(&session, &tenant::first_onedrive_id());
    let (status, _) = bed
        .raw(
            Method::POST,
            "v8",
            &format!("{base}/Documents/{doc}/save"),
            &token,
            Some(json!({})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "the next save goes through");
}

#[tokio::test]
async fn refresh_can_be_refused_and_tokens_expired() {
    let bed = Bed::default().await;
    let first = bed.token_json("v8").await;
    let access = first["access_token"].as_str().expect("access");
    bed.emu
        .set_faults(faults(&["expire-tokens", "refuse-refresh"]));
    assert_eq!(
        bed.get("v8", "RestoreSessions", access).await.0,
        StatusCode::UNAUTHORIZED
    );
    let answer = bed
        .http
        .post(bed.url("v8", "token"))
        .form(&[
            ("grant_type", "refresh_token"),
            (
                "refresh_token",
                first["refresh_token"].as_str().expect("rt"),
            ),
        ])
        .send()
        .await
        .expect("answer");
    assert_eq!(answer.status(), StatusCode::BAD_REQUEST);
    let fresh = bed.login("v8").await;
    assert_eq!(
        bed.get("v8", "RestoreSessions", &fresh).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_control_path_adds_lists_and_clears_faults() {
    let bed = Bed::default().await;
    let token = bed.login("v6").await;
    let control = format!("{}/_emulator/faults", bed.emu.url());
    let answer = bed
        .http
        .post(&control)
        .json(&json!(["status:418:/v6/organizations"]))
        .send()
        .await
        .expect("answer");
    assert_eq!(answer.status(), StatusCode::OK);
    assert_eq!(
        bed.get("v6", "Organizations", &token).await.0,
        StatusCode::IM_A_TEAPOT
    );
    let listed: Value = bed
        .http
        .get(&control)
        .send()
        .await
        .expect("answer")
        .json()
        .await
        .expect("JSON");
    assert_eq!(listed["faults"], json!(["status:418:/v6/organizations"]));
    let answer = bed
        .http
        .post(&control)
        .body("explode:now")
        .send()
        .await
        .expect("answer");
    assert_eq!(answer.status(), StatusCode::BAD_REQUEST);
    let answer = bed.http.delete(&control).send().await.expect("answer");
    assert_eq!(answer.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        bed.get("v6", "Organizations", &token).await.0,
        StatusCode::OK
    );
    let expire = format!("{}/_emulator/tokens/expire", bed.emu.url());
    assert_eq!(
        bed.http
            .post(&expire)
            .send()
            .await
            .expect("answer")
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        bed.get("v6", "Organizations", &token).await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_server_can_be_taken_down_and_brought_back() {
    let bed = Bed::default().await;
    let token = bed.login("v8").await;
    bed.emu.stop_serving();
    let fresh = emulator_support::client_for(&bed.emu);
    assert!(
        fresh
            .get(bed.url("v8", "RestoreSessions"))
            .send()
            .await
            .is_err(),
        "nobody listens"
    );
    bed.emu.resume().await.expect("listens again");
    let answer = fresh
        .get(bed.url("v8", "RestoreSessions"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("answer");
    assert_eq!(answer.status(), StatusCode::OK, "state survives a restart");
}
