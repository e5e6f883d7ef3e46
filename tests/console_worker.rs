//! The worker answers the app's requests from the real client, and a newer listing request
//! replaces an older one still running.

mod console_support;

use std::time::Duration;

use vbo_restore::console::request::{Envelope, ReplyBody, Request, Ticket};
use vbo_restore::console::worker;
use vbo_restore::emulator::{Emulator, EmulatorConfig, tenant};

#[tokio::test]
async fn a_newer_listing_request_replaces_an_older_one_still_running() {
    let config = EmulatorConfig {
        latency: Duration::from_millis(300),
        ..EmulatorConfig::default()
    };
    let emulator = Emulator::start(config).await.expect("emulator");
    let client = console_support::connect(&emulator, None, 1000).await;
    let session = client
        .explore(&tenant::organization_id(), &Default::default())
        .await
        .expect("session");
    let (mut channels, worker) = worker::spawn(client);

    let listing = |folder: Option<String>| Request::Items {
        session: session.id.clone(),
        onedrive: tenant::first_onedrive_id(),
        folder,
    };
    let send = |ticket: u64, request: Request| Envelope {
        ticket: Ticket(ticket),
        request,
    };
    channels
        .requests
        .send(send(1, listing(None)))
        .expect("send");
    tokio::time::sleep(Duration::from_millis(50)).await;
    let documents = Some(tenant::documents_folder_id());
    channels
        .requests
        .send(send(2, listing(documents)))
        .expect("send");
    channels
        .requests
        .send(send(3, Request::Sessions))
        .expect("send");

    let mut seen = Vec::new();
    let mut listing_done = false;
    let mut names = Vec::new();
    while !listing_done || !seen.contains(&Ticket(3)) {
        let reply = tokio::time::timeout(Duration::from_secs(30), channels.replies.recv())
            .await
            .expect("replies in time")
            .expect("worker alive");
        if let ReplyBody::Failed(failure) = &reply.body {
            panic!("{}: {}", failure.what, failure.message);
        }
        if let ReplyBody::ItemsPage { items, done } = &reply.body {
            assert_eq!(reply.ticket, Ticket(2), "only the newer listing answers");
            names.extend(items.iter().map(|item| item.name.clone()));
            listing_done |= *done;
            if *done {
                continue;
            }
        }
        seen.push(reply.ticket);
    }
    assert!(
        !seen.contains(&Ticket(1)),
        "the replaced listing never answered: {seen:?}"
    );
    assert!(
        names.iter().any(|name| name == "Work"),
        "the Documents folder: {names:?}"
    );

    drop(channels);
    worker
        .await
        .expect("the worker ends when the app's channel closes");
    emulator.shutdown().await;
}
