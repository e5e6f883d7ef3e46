//! Saves one document through the API client and `save.rs`, as a whole process, so that its
//! throughput and peak memory can be measured against `curl` (see bench/save_vs_curl.sh).
//!
//! The API password comes from `VBO_RESTORE_PASSWORD`. Prints one JSON line on stdout.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::Parser;
use tokio_util::sync::CancellationToken;

use vbo_restore::api::{
    ActionTarget, Client, ConnectOptions, ExploreOptions, ItemRef, Scope, Secret, Trust,
};
use vbo_restore::save::save_target;

#[derive(Debug, Parser)]
struct Args {
    #[arg(long)]
    url: String,
    #[arg(long)]
    api: Option<String>,
    #[arg(long, default_value = "helpdesk")]
    user: String,
    #[arg(long)]
    insecure: bool,
    #[arg(long)]
    fingerprint: Option<String>,
    /// The OneDrive owner's name or the OneDrive id.
    #[arg(long)]
    onedrive: String,
    /// The document's path from the OneDrive root, or its id.
    #[arg(long)]
    item: Option<String>,
    #[arg(long, default_value = ".")]
    out: PathBuf,
    /// Print the session, OneDrive and document ids instead of saving.
    #[arg(long)]
    locate: bool,
    /// Print the path of a document with a size in MIN..MAX bytes instead of saving.
    #[arg(long, value_name = "MIN..MAX")]
    find_size: Option<String>,
    /// Run on tokio's multi-threaded runtime instead of one thread (plus the file writer).
    #[arg(long)]
    multi_thread: bool,
}

/// The path of the first document (breadth first) whose size is in `low..high`.
async fn find_sized(
    client: &Client,
    session: &str,
    onedrive: &str,
    low: u64,
    high: u64,
) -> anyhow::Result<String> {
    let mut folders: std::collections::VecDeque<(Option<String>, String)> =
        std::collections::VecDeque::from([(None, String::new())]);
    while let Some((folder, path)) = folders.pop_front() {
        let items = client
            .items(session, onedrive, folder.as_deref())
            .collect_all()
            .await?;
        for item in items {
            let item_path = format!("{path}{}", item.name);
            if item.is_folder() {
                folders.push_back((Some(item.id.clone()), format!("{item_path}/")));
            } else if item
                .size_bytes
                .is_some_and(|size| (low..high).contains(&size))
            {
                return Ok(item_path);
            }
        }
    }
    anyhow::bail!("no document of {low}..{high} bytes")
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    // One save is one stream: a single thread spares the cross-thread wake-ups of the
    // multi-threaded runtime (the bench shows both).
    let runtime = if args.multi_thread {
        tokio::runtime::Runtime::new()?
    } else {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?
    };
    runtime.block_on(run(args))
}

async fn run(args: Args) -> anyhow::Result<()> {
    let password = std::env::var("VBO_RESTORE_PASSWORD").context("VBO_RESTORE_PASSWORD")?;
    let mut options = ConnectOptions::new(&args.url, &args.user, Secret::from(password));
    options.api = vbo_restore::api::version::parse_api_setting(args.api.as_deref())?;
    options.trust = Trust {
        insecure: args.insecure,
        fingerprint: args.fingerprint.clone(),
        ca_file: None,
    };
    let client = Client::connect(options).await?;
    let organization = client
        .organizations()
        .await?
        .into_iter()
        .next()
        .context("the server has no organization")?;
    let session = client
        .explore(&organization.id, &ExploreOptions::default())
        .await?;
    let onedrive = client.resolve_onedrive(&session.id, &args.onedrive).await?;
    if let Some(range) = &args.find_size {
        let (low, high) = range.split_once("..").context("MIN..MAX")?;
        let path = find_sized(
            &client,
            &session.id,
            &onedrive.id,
            low.parse()?,
            high.parse()?,
        )
        .await?;
        println!("{path}");
        return Ok(());
    }
    let wanted = args.item.as_deref().context("--item PATH")?;
    let item = client
        .resolve_item(&session.id, &onedrive.id, wanted)
        .await?;
    if args.locate {
        let located = serde_json::json!({
            "version": client.version().to_string(), "session": session.id,
            "onedrive": onedrive.id, "document": item.id, "sizeBytes": item.size_bytes,
        });
        println!("{located}");
        return Ok(());
    }
    let target = ActionTarget {
        session: session.id.clone(),
        onedrive,
        scope: Scope::Document {
            item: ItemRef {
                id: item.id.clone(),
                name: item.name.clone(),
            },
            version_id: None,
        },
    };
    let started = Instant::now();
    let saved = save_target(
        &client,
        &target,
        false,
        &args.out,
        None,
        &mut |_| {},
        &CancellationToken::new(),
    )
    .await?;
    let seconds = started.elapsed().as_secs_f64();
    let result = serde_json::json!({
        "path": saved.path, "bytes": saved.bytes, "seconds": seconds,
        "mibPerSecond": saved.bytes as f64 / 1048576.0 / seconds,
    });
    println!("{result}");
    Ok(())
}
