//! The worker: takes the app's requests, calls the API client, and answers with replies.
//!
//! Each request runs as its own task, so a slow listing never holds up another. A request for
//! a listing slot (sessions, OneDrives, the items pane, a viewer) aborts the one still running
//! in that slot, so arrowing fast through sessions never queues stale work. Dropping the
//! worker's request channel ends it and aborts whatever still runs.
//!
//! Submitted forms go to the task runner the worker was given; what the runner publishes
//! comes back to the app as replies too (see [`super::task_feed`]), so no task ever touches
//! UI state.

use std::collections::HashMap;
use std::time::Instant;

use futures::StreamExt;
use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tokio::task::{AbortHandle, JoinHandle, JoinSet};

use super::event::Channels;
use super::request::{Envelope, Failure, Reply, ReplyBody, Request, Slot};
use super::task_feed;
use crate::api::{ApiError, Client, ExploreOptions};
use crate::tasks::{Runner, RunnerSettings};

/// Starts the worker for `client`, with a task runner of its own, and returns the app's ends
/// of its channels.
pub fn spawn(client: Client) -> (Channels, JoinHandle<()>) {
    spawn_with(client, Runner::start(RunnerSettings::default()))
}

/// Starts the worker for `client`, handing submitted forms to `runner`.
pub fn spawn_with(client: Client, runner: Runner) -> (Channels, JoinHandle<()>) {
    let (requests, inbox) = mpsc::unbounded_channel();
    let (outbox, replies) = mpsc::unbounded_channel();
    let worker = tokio::spawn(serve(client, runner, inbox, outbox));
    (Channels { requests, replies }, worker)
}

async fn serve(
    client: Client,
    runner: Runner,
    mut inbox: UnboundedReceiver<Envelope>,
    outbox: UnboundedSender<Reply>,
) {
    let mut tasks = JoinSet::new();
    tasks.spawn(task_feed::forward(runner.clone(), outbox.clone()));
    let mut slots: HashMap<Slot, AbortHandle> = HashMap::new();
    while let Some(envelope) = inbox.recv().await {
        while tasks.try_join_next().is_some() {}
        if let Some(body) = task_feed::steer(&client, &runner, &envelope.request) {
            let _ = outbox.send(Reply {
                ticket: envelope.ticket,
                body,
            });
            continue;
        }
        let slot = envelope.request.slot();
        let handle = tasks.spawn(answer(client.clone(), envelope, outbox.clone()));
        if let Some(previous) = slot.and_then(|slot| slots.insert(slot, handle)) {
            previous.abort();
        }
    }
    tasks.shutdown().await;
}

/// Carries out one request and sends its reply (or, for a folder, one reply per page).
async fn answer(client: Client, envelope: Envelope, outbox: UnboundedSender<Reply>) {
    let Envelope { ticket, request } = envelope;
    let started = Instant::now();
    let send = |body: ReplyBody| {
        // The app has gone when this fails; nothing is left to tell.
        let _ = outbox.send(Reply { ticket, body });
    };
    let result = match &request {
        Request::Items {
            session,
            onedrive,
            folder,
        } => {
            let pages = client.items(session, onedrive, folder.as_deref());
            stream_pages(pages, &send).await
        }
        other => call(&client, other).await.map(send),
    };
    let elapsed_ms = started.elapsed().as_millis();
    match result {
        Ok(()) => tracing::debug!(target: "console", ?ticket, elapsed_ms, "{}", request.describe()),
        Err(error) => {
            tracing::warn!(target: "console", ?ticket, elapsed_ms, "{}: {error}", request.describe());
            send(ReplyBody::Failed(Failure {
                what: request.describe(),
                message: error.to_string(),
            }));
        }
    }
}

/// Sends each page as it arrives, then an empty last page that says the folder is complete.
///
/// Pages are fetched one after another without waiting for the user to scroll, so that the
/// filter, `*` and the end of the list cover the whole folder as soon as it can be had;
/// leaving the folder aborts the fetch.
async fn stream_pages(
    mut pages: crate::api::ItemPages,
    send: &impl Fn(ReplyBody),
) -> Result<(), ApiError> {
    while let Some(page) = pages.next().await {
        send(ReplyBody::ItemsPage {
            items: page?,
            done: false,
        });
    }
    send(ReplyBody::ItemsPage {
        items: Vec::new(),
        done: true,
    });
    Ok(())
}

/// The one-shot requests.
async fn call(client: &Client, request: &Request) -> Result<ReplyBody, ApiError> {
    let body = match request {
        Request::Sessions => ReplyBody::Sessions(client.restore_sessions().await?),
        Request::Organizations => ReplyBody::Organizations(client.organizations().await?),
        Request::Explore {
            organization,
            at,
            show_deleted,
            show_all_versions,
        } => {
            let options = ExploreOptions {
                at: *at,
                show_deleted: *show_deleted,
                show_all_versions: *show_all_versions,
            };
            ReplyBody::Explored(Box::new(client.explore(organization, &options).await?))
        }
        Request::StopSession { session } => {
            client.stop_session(session).await?;
            ReplyBody::Stopped
        }
        Request::SessionEvents { session } => {
            ReplyBody::Events(client.session_events(session).await?)
        }
        Request::OneDrives { session } => ReplyBody::OneDrives(client.onedrives(session).await?),
        Request::Search {
            session,
            onedrive,
            folder,
            query,
        } => ReplyBody::SearchResults(
            client
                .search(session, onedrive, folder.as_deref(), query)
                .await?,
        ),
        Request::Versions {
            session,
            onedrive,
            document,
        } => ReplyBody::Versions(client.versions(session, onedrive, document).await?),
        Request::EmailSettings => {
            ReplyBody::EmailSettings(client.email_settings().await?.is_some())
        }
        Request::PutEmailSettings(submission) => {
            client
                .put_email_settings(&submission.settings, submission.password.as_ref())
                .await?;
            ReplyBody::EmailSettingsSaved
        }
        Request::DeviceCode {
            session,
            application_id,
        } => ReplyBody::DeviceCode(
            client
                .device_code(session, application_id.as_deref())
                .await?,
        ),
        Request::Items { .. } => ReplyBody::ItemsPage {
            items: Vec::new(),
            done: true,
        },
        // The runner's requests are answered by `task_feed::steer` before they get here.
        Request::Submit(_)
        | Request::CancelTask(_)
        | Request::RetryTask(_)
        | Request::ClearFinishedTasks => ReplyBody::Done,
    };
    Ok(body)
}
