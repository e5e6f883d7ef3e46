//! Snapshots of every pane of the console, driven by keys against the emulator over HTTPS,
//! at 80x24 and at 120x40.

mod console_support;

use crossterm::event::KeyCode;
use insta::assert_snapshot;

use console_support::Console;
use vbo_restore::console::app::Pane;

const SMALL: (u16, u16) = (80, 24);
const LARGE: (u16, u16) = (120, 40);
const SIZES: [(u16, u16); 2] = [SMALL, LARGE];

fn name(what: &str, (width, height): (u16, u16)) -> String {
    format!("{what}_{width}x{height}")
}

/// Snapshots the screen at both sizes, resizing the same console in between.
fn snapshot_both(console: &mut Console, what: &str) {
    for size in SIZES {
        console.resize(size.0, size.1);
        assert_snapshot!(name(what, size), console.screen());
    }
}

/// Starts a restore session with the new-session form and opens its OneDrives.
async fn session_in(mut console: Console) -> Console {
    console.press_settle(KeyCode::Char('n')).await;
    console.press_settle(KeyCode::Enter).await;
    console.press_settle(KeyCode::Enter).await;
    assert_eq!(console.app.focus, Pane::OneDrives);
    console
}

#[tokio::test]
async fn sessions_new_session_and_onedrives() {
    let mut console = Console::start(LARGE.0, LARGE.1, None).await;
    console.press_settle(KeyCode::Char('n')).await;
    snapshot_both(&mut console, "new_session");

    console.press_settle(KeyCode::Enter).await;
    assert!(
        console.app.overlay.is_none(),
        "the form closes once the session starts"
    );
    assert!(console.app.sessions.list[0].is_working());
    snapshot_both(&mut console, "sessions");

    console.press_settle(KeyCode::Enter).await;
    assert_eq!(console.app.focus, Pane::OneDrives);
    assert!(console.app.onedrives.all.len() > 3);
    snapshot_both(&mut console, "onedrives");
    console.stop().await;
}

#[tokio::test]
async fn a_deep_folder_its_details_versions_and_help() {
    let mut console = session_in(Console::start(LARGE.0, LARGE.1, None).await).await;
    console.open("Adele Vance").await;
    console.find("Welcome.docx");
    console.press_settle(KeyCode::Char('v')).await;
    snapshot_both(&mut console, "versions");
    console.press(KeyCode::Esc);

    console.press(KeyCode::Char('i'));
    snapshot_both(&mut console, "details");
    console.press(KeyCode::Esc);

    for folder in [
        "Documents",
        "Work",
        "Reports",
        "2026",
        "Q4",
        "Drafts",
        "Old",
    ] {
        console.open(folder).await;
    }
    let path = console.app.breadcrumb_path();
    assert_eq!(path, "/Documents/Work/Reports/2026/Q4/Drafts/Old");
    snapshot_both(&mut console, "deep_folder");

    console.press(KeyCode::Char('?'));
    snapshot_both(&mut console, "help");
    console.stop().await;
}

#[tokio::test]
async fn the_big_folder_scrolled_to_the_end_filtered_and_searched() {
    // Big pages keep the 100,000 rows quick to fetch in a debug build.
    let console = Console::start_paged(LARGE.0, LARGE.1, 10_000).await;
    let mut console = session_in(console).await;
    console.open("Nestor Wilke").await;
    console.open("Scans").await;
    console.open("Invoices 2019").await;
    assert_eq!(console.app.items.listing.loaded(), 100_000);
    console.press(KeyCode::End);
    snapshot_both(&mut console, "big_folder_end");

    console.press(KeyCode::Char('/'));
    console.type_text("9999");
    assert!(console.app.items.listing.visible_len() < 100);
    snapshot_both(&mut console, "filter");

    // The server search starts one level up, in "Scans", so that it covers the whole subtree
    // (searching inside the big folder itself is an emulator test).
    console.press(KeyCode::Esc);
    console.press_settle(KeyCode::Backspace).await;
    console.press(KeyCode::Char('/'));
    console.type_text("09999");
    console.press_settle(KeyCode::Enter).await;
    assert_eq!(console.app.items.search.as_deref(), Some("09999"));
    assert!(
        console.app.items.listing.loaded() >= 10,
        "the search finds the invoices"
    );
    snapshot_both(&mut console, "server_search");
    console.stop().await;
}

#[tokio::test]
async fn a_hostile_name_and_a_server_error() {
    let mut console = session_in(Console::start(LARGE.0, LARGE.1, None).await).await;
    console.open("Miriam Graham").await;
    console.open("Odd names").await;
    snapshot_both(&mut console, "hostile_names");

    let fault = "status:500:*".parse().expect("fault spec");
    console.emulator.set_faults(vec![fault]);
    console.press_settle(KeyCode::Char('r')).await;
    assert!(console.app.popup.is_some(), "the failure is shown");
    snapshot_both(&mut console, "server_error");
    console.emulator.clear_faults();
    console.stop().await;
}
