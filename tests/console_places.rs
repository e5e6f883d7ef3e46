//! `--open` and `--resume` on the real console against the emulator: where the walk lands,
//! what it says when a part is missing, and the recent-places file it keeps.

mod console_support;

use crossterm::event::KeyCode;

use console_support::{Console, RECENT_PROFILE, connect};
use vbo_restore::api::ExploreOptions;
use vbo_restore::console::app::{Destination, Pane};
use vbo_restore::console::places::{OpenTarget, RecentFile};
use vbo_restore::emulator::{Emulator, EmulatorConfig, tenant};

async fn emulator() -> Emulator {
    Emulator::start(EmulatorConfig::default())
        .await
        .expect("emulator starts")
}

fn open(value: &str) -> Option<Destination> {
    Some(Destination::Open(OpenTarget::parse(value).expect(value)))
}

/// Starts a restore session of the demo organization through the client, as another agent
/// would, and returns its id.
async fn session_of_another_agent(emulator: &Emulator) -> String {
    let client = connect(emulator, None, 1000).await;
    let session = client
        .explore(&tenant::organization_id(), &ExploreOptions::default())
        .await
        .expect("explore");
    session.id
}

fn notice(console: &Console) -> String {
    console.app.notice.clone().unwrap_or_default()
}

#[tokio::test]
async fn open_by_organization_starts_a_session_and_lands_in_the_folder() {
    let console = Console::start_at(
        emulator().await,
        open("contoso/Adele Vance/Documents/Work"),
        None,
    );
    let mut console = console.await;
    assert_eq!(console.app.focus, Pane::Items, "{}", notice(&console));
    assert_eq!(console.app.breadcrumb_path(), "/Documents/Work");
    assert_eq!(
        console.app.items.onedrive.as_ref().map(|o| o.name.as_str()),
        Some("Adele Vance")
    );
    assert_eq!(console.app.items.cursor.selected, 0);
    assert!(
        console.app.sessions.list[0].is_working(),
        "a session was started"
    );
    let screen = console.screen();
    assert!(
        screen.contains("› Adele Vance › Documents › Work"),
        "{screen}"
    );
    assert!(screen.contains("Reports"), "{screen}");

    console.press_settle(KeyCode::Backspace).await;
    assert_eq!(console.app.breadcrumb_path(), "/Documents");
    assert_eq!(
        console.current_name().as_deref(),
        Some("Work"),
        "back lands on the folder"
    );
    console.stop().await;
}

#[tokio::test]
async fn open_by_session_prefix_and_user_name_puts_the_cursor_on_a_document() {
    let emulator = emulator().await;
    let id = session_of_another_agent(&emulator).await;
    let target = format!("{}/adelev/documents/Roadmap.pptx", &id[..8]);
    let mut console = Console::start_at(emulator, open(&target), None).await;
    assert_eq!(console.app.focus, Pane::Items, "{}", notice(&console));
    assert_eq!(console.app.items.session, id);
    assert_eq!(console.app.breadcrumb_path(), "/Documents");
    assert_eq!(console.current_name().as_deref(), Some("Roadmap.pptx"));
    assert!(
        console.app.items.cursor.selected > 0,
        "not simply the first row"
    );
    let screen = console.screen();
    assert!(screen.contains("› Adele Vance › Documents"), "{screen}");
    console.stop().await;
}

#[tokio::test]
async fn a_wrong_onedrive_stops_at_the_sessions_onedrives_and_names_it() {
    let mut console =
        Console::start_at(emulator().await, open("contoso/adele/Documents"), None).await;
    assert_eq!(console.app.focus, Pane::OneDrives);
    assert!(console.app.onedrives.session.is_some());
    assert!(
        console.app.items.onedrive.is_none(),
        "no OneDrive was opened"
    );
    let message = notice(&console);
    assert!(message.contains("No OneDrive \"adele\""), "{message}");
    assert!(
        message.contains(&format!(
            "{} OneDrives, e.g. \"Adele Vance\"",
            tenant::ONEDRIVE_COUNT
        )),
        "{message}"
    );
    let screen = console.screen();
    assert!(screen.contains("No OneDrive \"adele\""), "{screen}");
    console.stop().await;
}

#[tokio::test]
async fn a_missing_folder_stops_in_its_parent_and_an_unknown_session_in_the_sessions() {
    let target = "contoso/Adele Vance/Documents/Nowhere/Deeper";
    let console = Console::start_at(emulator().await, open(target), None).await;
    assert_eq!(console.app.breadcrumb_path(), "/Documents");
    let message = notice(&console);
    assert!(
        message.contains("No \"Nowhere\" in /Documents of Adele Vance"),
        "{message}"
    );
    let emulator = console.close();

    let console = Console::start_at(emulator, open("fabrikam/Adele Vance"), None).await;
    assert_eq!(console.app.focus, Pane::Sessions);
    assert!(console.app.onedrives.session.is_none());
    let message = notice(&console);
    assert!(
        message.contains("No restore session or organization \"fabrikam\""),
        "{message}"
    );
    assert!(message.contains(tenant::ORGANIZATION_NAME), "{message}");
    console.stop().await;
}

#[tokio::test]
async fn the_recent_place_is_kept_while_browsing_and_resume_returns_to_it() {
    let dir = tempfile::tempdir().expect("dir");
    let recent = RecentFile::in_dir(dir.path());
    let emulator = emulator().await;
    let id = session_of_another_agent(&emulator).await;

    let mut console = Console::start_at(emulator, None, Some(recent.clone())).await;
    assert_eq!(recent.load(RECENT_PROFILE), None, "nothing opened yet");
    console.open(&id_title(&console, &id)).await;
    console.open("Adele Vance").await;
    console.open("Documents").await;
    console.open("Work").await;
    let kept = recent.load(RECENT_PROFILE).expect("a place is kept");
    assert_eq!(kept.session, id);
    assert_eq!(
        kept.onedrive.as_ref().map(|o| o.name.as_str()),
        Some("Adele Vance")
    );
    let folders: Vec<&str> = kept.folder.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(folders, ["Documents", "Work"]);
    let kept_so_far = console.places_kept;
    console.press(KeyCode::Down);
    console.press(KeyCode::Up);
    console.press(KeyCode::Tab);
    console.press(KeyCode::BackTab);
    assert_eq!(
        console.places_kept, kept_so_far,
        "moving the cursor keeps no place"
    );
    console.press_settle(KeyCode::Backspace).await;
    console.press_settle(KeyCode::Enter).await;
    assert_eq!(
        console.places_kept,
        kept_so_far + 2,
        "one write per folder change"
    );
    let text = std::fs::read_to_string(recent.path()).expect("file");
    assert!(
        !text.contains("demo") && !text.contains("restore\""),
        "no secret: {text}"
    );
    let emulator = console.close();

    let resume = Some(Destination::Resume(recent.load(RECENT_PROFILE)));
    let mut console = Console::start_at(emulator, resume, Some(recent.clone())).await;
    assert_eq!(console.app.focus, Pane::Items, "{}", notice(&console));
    assert_eq!(console.app.items.session, id);
    assert_eq!(console.app.breadcrumb_path(), "/Documents/Work");
    assert_eq!(console.current_name().as_deref(), Some("Reports"));
    let screen = console.screen();
    assert!(
        screen.contains("› Adele Vance › Documents › Work"),
        "{screen}"
    );
    console.stop().await;
}

/// The title the sessions pane shows for the session with this id.
fn id_title(console: &Console, id: &str) -> String {
    let session = console.app.sessions.list.iter().find(|s| s.id == id);
    vbo_restore::console::app::session_title(session.expect("the session is listed"))
}

#[tokio::test]
async fn resume_after_the_session_was_stopped_says_so_and_shows_the_sessions() {
    let dir = tempfile::tempdir().expect("dir");
    let recent = RecentFile::in_dir(dir.path());
    let emulator = emulator().await;
    let target = "contoso/Adele Vance/Documents";
    let console = Console::start_at(emulator, open(target), Some(recent.clone())).await;
    let id = console.app.items.session.clone();
    let kept = recent.load(RECENT_PROFILE).expect("kept");
    assert_eq!(kept.session, id);
    let started = kept.started.expect("the session's start is kept");
    let emulator = console.close();

    connect(&emulator, None, 1000)
        .await
        .stop_session(&id)
        .await
        .expect("stop");
    let resume = Some(Destination::Resume(recent.load(RECENT_PROFILE)));
    let mut console = Console::start_at(emulator, resume, Some(recent.clone())).await;
    assert_eq!(console.app.focus, Pane::Sessions);
    assert!(console.app.onedrives.session.is_none());
    let message = notice(&console);
    assert_eq!(
        message,
        format!(
            "Press n to start a new restore session; the one of {} from {} has ended",
            tenant::ORGANIZATION_NAME,
            started.format("%Y-%m-%d")
        )
    );
    let screen = console.screen();
    assert!(
        screen.contains("Point in time"),
        "the sessions list: {screen}"
    );
    console.stop().await;
}

#[tokio::test]
async fn resume_with_no_place_or_a_damaged_file_shows_the_sessions() {
    let dir = tempfile::tempdir().expect("dir");
    let recent = RecentFile::in_dir(dir.path());
    std::fs::write(recent.path(), b"{\"profiles\": {\"test\": [1, 2").expect("damage");
    let place = recent.load(RECENT_PROFILE);
    assert_eq!(place, None, "a damaged file reads as no place");
    let resume = Some(Destination::Resume(place));
    let mut console = Console::start_at(emulator().await, resume, Some(recent.clone())).await;
    assert_eq!(console.app.focus, Pane::Sessions);
    assert_eq!(
        notice(&console),
        "No recent place is kept for this profile yet"
    );

    console.press_settle(KeyCode::Char('n')).await;
    console.press_settle(KeyCode::Enter).await;
    console.press_settle(KeyCode::Enter).await;
    assert!(
        recent.load(RECENT_PROFILE).is_some(),
        "the damaged file is replaced once a session is opened"
    );
    console.stop().await;
}

#[tokio::test]
async fn a_listing_that_fails_on_the_way_ends_the_walk_with_the_failure_shown() {
    let emulator = emulator().await;
    let fault: vbo_restore::emulator::Fault = "status:503:*/onedrives".parse().expect("fault");
    emulator.set_faults(vec![fault]);
    let console = Console::start_at(emulator, open("contoso/Adele Vance/Documents"), None).await;
    assert!(!console.app.is_walking());
    assert_eq!(console.app.focus, Pane::OneDrives);
    let popup = console.app.popup.as_ref().expect("the failure is shown");
    assert!(
        popup.title.contains("listing the OneDrives"),
        "{}",
        popup.title
    );
    assert!(console.app.items.onedrive.is_none());
    console.stop().await;
}

#[tokio::test]
async fn an_organization_with_several_working_sessions_asks_for_an_id() {
    let emulator = emulator().await;
    let first = session_of_another_agent(&emulator).await;
    session_of_another_agent(&emulator).await;
    let console = Console::start_at(emulator, open("Contoso/Adele Vance"), None).await;
    assert_eq!(console.app.focus, Pane::Sessions);
    assert!(
        console.app.onedrives.session.is_none(),
        "no session was guessed"
    );
    let message = notice(&console);
    assert!(
        message.starts_with("2 working restore sessions belong to \"Contoso\"; name one by id"),
        "{message}"
    );
    assert!(message.contains(&first), "{message}");
    assert_eq!(console.app.sessions.list.len(), 6, "no session was started");
    console.stop().await;
}
