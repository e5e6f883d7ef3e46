//! Document actions shared by both dialects: which documents an action covers, and what
//! restore, copy and send do to the emulator's state. Saves are in `download.rs`.

use super::body::Obj;
use super::browse::{self, session_view};
use super::failure::Failure;
use super::mail::Explorer;
use super::record::{ProductionWrite, SentMail, WriteKind};
use super::restore_auth;
use super::sessions::{Event, Stats};
use super::state::{Ctx, lock};
use super::tenant::{Drive, Item, ItemView, View, Want};

/// Events an action adds at most; a larger action adds one summary event for the rest.
const MAX_ITEM_EVENTS: usize = 1000;

/// What an action covers.
#[derive(Debug, Clone)]
pub enum Scope {
    /// The whole OneDrive.
    Drive,
    Documents(Vec<String>),
    Folders(Vec<String>),
}

/// The session, OneDrive and items an action is about, and a version for the
/// `Versions/{versionId}` forms.
#[derive(Debug, Clone)]
pub struct Target {
    pub session: String,
    pub drive: String,
    pub scope: Scope,
    pub version: Option<String>,
}

impl Target {
    /// The current version of the items `scope` names.
    pub fn new(session: String, drive: String, scope: Scope) -> Target {
        Target {
            session,
            drive,
            scope,
            version: None,
        }
    }
}

/// One document an action handles.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub item: Item,
    pub shown: ItemView,
    /// Path inside a ZIP or below a copy's target folder.
    pub relative: Vec<String>,
    /// Path from the OneDrive's root.
    pub full: Vec<String>,
}

/// The documents `target` covers, as its session sees them; unknown ids answer 404.
pub fn resolve<'a>(
    ctx: &'a Ctx,
    target: &Target,
) -> Result<(&'a Drive, View, Vec<Resolved>), Failure> {
    let view = session_view(ctx, &target.session)?;
    let drive = browse::drive(ctx, &target.drive)?;
    let docs = Want {
        folders: false,
        documents: true,
    };
    let mut out = Vec::new();
    match &target.scope {
        Scope::Documents(ids) => {
            for id in ids {
                let (item, shown) = match &target.version {
                    Some(v) => browse::version_of(drive, id, view, v)?,
                    None => browse::find(drive, id, view, false)?,
                };
                let full = drive.path(item);
                out.push(Resolved {
                    item,
                    relative: vec![shown.name.clone()],
                    shown,
                    full,
                });
            }
        }
        Scope::Folders(ids) => {
            for id in ids {
                let (folder, _) = browse::find(drive, id, view, true)?;
                let depth = drive.path(folder).len() - 1;
                let node = match folder {
                    Item::Node(n) => Some(n),
                    Item::Row(_) => None,
                };
                out.extend(documents(
                    drive,
                    view,
                    drive.descendants(node, view, docs).items(),
                    depth,
                ));
            }
        }
        Scope::Drive => out.extend(documents(
            drive,
            view,
            drive.descendants(None, view, docs).items(),
            0,
        )),
    }
    Ok((drive, view, out))
}

fn documents(
    drive: &Drive,
    view: View,
    items: impl Iterator<Item = Item>,
    depth: usize,
) -> Vec<Resolved> {
    items
        .filter_map(|item| {
            let shown = drive.view(item, view)?;
            let full = drive.path(item);
            let relative = full[depth..].to_vec();
            Some(Resolved {
                item,
                shown,
                relative,
                full,
            })
        })
        .collect()
}

/// What a restore or copy did, for the answer and the session's events.
#[derive(Debug, Clone)]
pub struct Done {
    pub stats: Stats,
    pub events: Vec<Event>,
}

/// Restore to the original place. `keep` writes `RESTORED-<name>` beside a document that
/// is still there; otherwise the document is overwritten.
pub fn restore(ctx: &Ctx, target: &Target, body: Obj<'_>) -> Result<Done, Failure> {
    let (drive, _, docs) = resolve(ctx, target)?;
    let action = body
        .choice("documentAction", &["Overwrite", "Keep"])?
        .unwrap_or("Keep");
    body.choice("documentVersion", &["All", "Last"])?;
    restore_auth::check(&ctx.shared, body)?;
    let latest = View {
        point: ctx.shared.tenant.point_at(None),
        show_deleted: false,
        show_all_versions: false,
    };
    let mut writes = Vec::new();
    for doc in &docs {
        let present = drive.visible(doc.item, latest);
        let mut path = doc.full.clone();
        if action == "Keep"
            && present
            && let Some(last) = path.last_mut()
        {
            *last = format!("RESTORED-{last}");
        }
        writes.push(write(
            drive,
            path.join("/"),
            WriteKind::Restored,
            Some(&doc.shown.id),
        ));
    }
    lock(&ctx.shared.record).writes.extend(writes);
    Ok(done(&docs, "Restore", &drive.name, &drive.name))
}

/// Copy into a folder of another (or the same) OneDrive, creating the folder.
pub fn copy(ctx: &Ctx, target: &Target, body: Obj<'_>) -> Result<Done, Failure> {
    let (drive, _, docs) = resolve(ctx, target)?;
    body.choice("documentVersion", &["All", "Last"])?;
    body.choice("documentLastVersionAction", &["Overwrite", "Merge"])?;
    for flag in [
        "changedItems",
        "deletedItems",
        "restorePermissions",
        "sendSharedLinksNotification",
    ] {
        body.bool(flag)?;
    }
    let goal = body
        .obj("onedrive")
        .str("id")
        .unwrap_or_default()
        .to_lowercase();
    let into = browse::drive(ctx, &goal)?;
    restore_auth::check(&ctx.shared, body)?;
    let folder: Vec<String> = body
        .str("folder")
        .unwrap_or_default()
        .split(['/', '\\'])
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let mut record = lock(&ctx.shared.record);
    for depth in 1..=folder.len() {
        let path = folder[..depth].join("/");
        if record
            .created_folders
            .insert((into.id.clone(), path.clone()))
        {
            record
                .writes
                .push(write(into, path, WriteKind::FolderCreated, None));
        }
    }
    for doc in &docs {
        let path: Vec<String> = folder.iter().chain(&doc.relative).cloned().collect();
        record.writes.push(write(
            into,
            path.join("/"),
            WriteKind::Copied,
            Some(&doc.shown.id),
        ));
    }
    drop(record);
    Ok(done(&docs, "Restore", &drive.name, &into.name))
}

fn write(drive: &Drive, path: String, kind: WriteKind, id: Option<&str>) -> ProductionWrite {
    ProductionWrite {
        onedrive_id: drive.id.clone(),
        path,
        kind,
        document_id: id.map(str::to_string),
    }
}

fn done(docs: &[Resolved], kind: &'static str, source: &str, target: &str) -> Done {
    let mut events: Vec<Event> = docs
        .iter()
        .take(MAX_ITEM_EVENTS)
        .map(|d| {
            let mut e = Event::now(kind, "Success", format!("Restored {}", d.shown.name));
            e.item_name = Some(d.shown.name.clone());
            e.item_size = Some(d.shown.revision.size);
            e.item_type = Some("OneDriveDocument");
            e.source = Some(source.to_string());
            e.target = Some(target.to_string());
            e
        })
        .collect();
    if docs.len() > MAX_ITEM_EVENTS {
        let rest = docs.len() - MAX_ITEM_EVENTS;
        events.push(Event::now(
            kind,
            "Success",
            format!("Restored {rest} more documents"),
        ));
    }
    let n = docs.len() as u64;
    let stats = Stats {
        total: n,
        restored: n,
        ..Stats::default()
    };
    Done { stats, events }
}

/// Adds events to the session an action ran in.
pub fn log_events(ctx: &Ctx, session: &str, events: Vec<Event>) {
    let idle = ctx.shared.config.session_idle_timeout;
    if let Ok(s) = lock(&ctx.shared.sessions).get(session, idle) {
        for event in events {
            s.push_event(event);
        }
    }
}

/// Sends the documents by mail through `explorer`'s settings; the mail is recorded.
pub fn send(ctx: &Ctx, target: &Target, body: Obj<'_>, explorer: Explorer) -> Result<(), Failure> {
    let (_, _, docs) = resolve(ctx, target)?;
    body.bool("skipItemChecks")?;
    if !lock(&ctx.shared.email).of(explorer).usable() {
        return Err(Failure::bad_request(
            "Email settings are not configured: set them with a PUT to the email settings first.",
        ));
    }
    let to: Vec<String> = body
        .str("to")
        .unwrap_or_default()
        .split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if to.is_empty() {
        return Err(Failure::bad_request(
            "Specify at least one recipient in to.",
        ));
    }
    let text = |k: &str| body.str(k).unwrap_or_default();
    let attachments: Vec<String> = docs.iter().map(|d| d.shown.name.clone()).collect();
    let event = Event::now(
        "Send",
        "Success",
        format!("Sent {} documents to {}", attachments.len(), to.join(", ")),
    );
    lock(&ctx.shared.record).mails.push(SentMail {
        version: ctx.version.to_string(),
        from: text("from"),
        to,
        subject: text("subject"),
        text: text("text"),
        attachments,
    });
    log_events(ctx, &target.session, vec![event]);
    Ok(())
}
