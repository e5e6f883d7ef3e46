//! A profile's `[restore]` defaults under the scripting commands, run as the built binary: the
//! flag when given, else the profile's value, else the built-in default; checked in the body
//! the emulator received.

mod support;

use serde_json::{Value, json};
use support::binary::{Bench, RESTORE_PASSWORD, bench, stderr};
use vbo_restore::emulator::{EmulatorConfig, tenant};

/// The restore account's password and the certificate's, whichever the command signs in with.
const SIGN_IN_PASSWORDS: [(&str, &str); 2] = [
    ("VBO_RESTORE_RESTORE_PASSWORD", RESTORE_PASSWORD),
    (
        "VBO_RESTORE_CERTIFICATE_PASSWORD",
        tenant::CERTIFICATE_PASSWORD,
    ),
];

/// Writes a config file whose profile `p` has `restore` as its `[restore]` table and answers
/// the flags that choose it.
fn profile(bench: &Bench, restore: &str) -> Vec<String> {
    let config = bench.home.path().join("config.toml");
    let text = format!("[profiles.p]\n\n[profiles.p.restore]\n{restore}");
    std::fs::write(&config, text).expect("config file");
    let config = config.display().to_string();
    ["--config", &config, "--profile", "p"]
        .map(String::from)
        .to_vec()
}

/// Runs `restore` or `copy` of Welcome.docx with `flags` and answers the body of the action
/// request the emulator received for it (its path ends in `/{verb}`, or `/action` on v4/v5).
async fn act(bench: &Bench, chosen: &[String], command: &[&str], flags: &[&str]) -> Value {
    let session = bench.session().await;
    let first = tenant::first_onedrive_id();
    let mut args: Vec<&str> = chosen.iter().map(String::as_str).collect();
    args.extend(command);
    args.extend([session.as_str(), first.as_str(), "Welcome.docx"]);
    args.extend(flags);
    let before = bench.emulator.received().len();
    let output = bench.run(&args, &SIGN_IN_PASSWORDS).await;
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // The result says what was done in the action's own verb.
    let said = String::from_utf8_lossy(&output.stdout);
    let done = if command[0] == "copy" {
        "1 copied"
    } else {
        "1 restored"
    };
    assert!(said.contains(done), "{said}");

    let verb = format!("/{}", command[0].replace("copy", "copyto"));
    let received = bench.emulator.received();
    let action = received[before..]
        .iter()
        .rev()
        .find(|r| {
            let path = r.path.to_lowercase();
            r.method == "POST" && (path.ends_with(&verb) || path.ends_with("/action"))
        })
        .expect("an action request");
    action.body.clone()
}

fn account_restore(document_action: &str) -> Value {
    json!({
        "userName": EmulatorConfig::default().restore_user,
        "userPassword": RESTORE_PASSWORD,
        "documentAction": document_action,
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_takes_the_profiles_conflict_policy_and_account() {
    let bench = bench().await;
    let user = EmulatorConfig::default().restore_user;
    let chosen = profile(
        &bench,
        &format!("user = \"{user}\"\non_conflict = \"overwrite\"\n"),
    );
    let body = act(&bench, &chosen, &["restore"], &[]).await;
    assert_eq!(body, account_restore("Overwrite"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flag_wins_over_the_profile() {
    let bench = bench().await;
    let chosen = profile(&bench, "on_conflict = \"overwrite\"\nversion = \"all\"\n");
    let user = EmulatorConfig::default().restore_user;
    let account = ["--restore-user", user.as_str()];

    let mut flags = account.to_vec();
    flags.extend(["--on-conflict", "keep"]);
    let body = act(&bench, &chosen, &["restore"], &flags).await;
    assert_eq!(body, account_restore("Keep"));

    let mut flags = account.to_vec();
    flags.extend(["--to-onedrive", "Alex Wilber", "--version", "last"]);
    let body = act(&bench, &chosen, &["copy"], &flags).await;
    assert_eq!(body["documentVersion"], "Last", "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_flag_or_a_profile_value_a_restore_keeps_the_document() {
    let bench = bench().await;
    let user = EmulatorConfig::default().restore_user;
    let account = ["--restore-user", user.as_str()];

    let body = act(&bench, &[], &["restore"], &account).await;
    assert_eq!(body, account_restore("Keep"));

    // A [restore] table that leaves on_conflict out changes nothing either.
    let chosen = profile(&bench, &format!("user = \"{user}\"\n"));
    let body = act(&bench, &chosen, &["restore"], &[]).await;
    assert_eq!(body, account_restore("Keep"));

    let mut flags = account.to_vec();
    flags.extend(["--to-onedrive", "Alex Wilber"]);
    let body = act(&bench, &chosen, &["copy"], &flags).await;
    assert_eq!(body["documentVersion"], "Last", "{body}");
    assert_eq!(body["documentLastVersionAction"], "Merge", "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_profiles_version_goes_to_copies_and_to_v5_restores_only() {
    let bench = bench().await;
    let user = EmulatorConfig::default().restore_user;
    let chosen = profile(&bench, &format!("user = \"{user}\"\nversion = \"all\"\n"));

    let body = act(
        &bench,
        &chosen,
        &["copy"],
        &["--to-onedrive", "Alex Wilber"],
    )
    .await;
    assert_eq!(body["documentVersion"], "All", "{body}");

    // v8 restore bodies have no version: the profile's is passed over, not refused.
    let body = act(&bench, &chosen, &["restore"], &[]).await;
    assert_eq!(body, account_restore("Keep"));

    let mut v5 = chosen.clone();
    v5.extend(["--api", "v5"].map(String::from));
    let body = act(&bench, &v5, &["restore"], &[]).await;
    let options = &body["restoretoOriginallocation"];
    assert_eq!(options["documentVersion"], "all", "{body}");
    assert_eq!(options["documentAction"], "keep", "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_with_an_application_and_its_certificate_signs_in_with_them() {
    let bench = bench().await;
    let certificate = bench.home.path().join("app.pfx");
    std::fs::write(&certificate, tenant::CERTIFICATE_BYTES).expect("certificate file");
    let restore = format!(
        "application_id = \"{}\"\ncertificate = \"~/app.pfx\"\n",
        tenant::APPLICATION_ID
    );
    let chosen = profile(&bench, &restore);
    let body = act(&bench, &chosen, &["restore"], &[]).await;
    assert_eq!(body["applicationId"], tenant::APPLICATION_ID, "{body}");
    assert!(body["applicationCertificate"].is_string(), "{body}");
    assert!(body.get("userName").is_none(), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_with_only_an_application_signs_in_with_a_device_code_for_it() {
    let bench = bench().await;
    let chosen = profile(
        &bench,
        &format!("application_id = \"{}\"\n", tenant::APPLICATION_ID),
    );
    let body = act(&bench, &chosen, &["restore"], &[]).await;
    assert_eq!(body["applicationId"], tenant::APPLICATION_ID, "{body}");
    assert!(body["userCode"].is_string(), "{body}");
    assert!(body.get("userName").is_none(), "{body}");
}
