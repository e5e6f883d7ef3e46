//! What a helpdesk agent meets at 80x24: the hint bar keeps the keys a pane is for, help
//! opens from inside a viewer, a refused point in time says in full what to write, and a
//! kept filter is named.

mod console_support;

use crossterm::event::KeyCode;

use console_support::Console;
use vbo_restore::console::app::{Overlay, Pane};

/// Starts a restore session at its latest backup and shows its OneDrives.
async fn onedrives_at_80x24() -> Console {
    let mut console = Console::start(80, 24, None).await;
    console.press_settle(KeyCode::Char('n')).await;
    console.press_settle(KeyCode::Enter).await;
    console.press_settle(KeyCode::Enter).await;
    assert_eq!(console.app.focus, Pane::OneDrives);
    console
}

/// As [`onedrives_at_80x24`], then opens Adele Vance's Documents.
async fn documents_at_80x24() -> Console {
    let mut console = onedrives_at_80x24().await;
    console.open("Adele Vance").await;
    console.open("Documents").await;
    console
}

fn last_line(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default()
}

#[tokio::test]
async fn the_folder_hint_bar_keeps_the_action_keys_at_80_columns() {
    let mut console = documents_at_80x24().await;
    let screen = console.screen();
    let hints = last_line(&screen);
    for hint in [" a act", " s save", " Space mark", " ? help"] {
        assert!(hints.contains(hint), "{hint:?} missing from {hints:?}");
    }
    console.stop().await;
}

#[tokio::test]
async fn help_opens_over_the_versions_and_esc_goes_back_to_them() {
    let mut console = documents_at_80x24().await;
    console.find("Roadmap.pptx");
    console.press_settle(KeyCode::Char('v')).await;
    // The current version is the row itself; the server lists the ones before it.
    let versions = console.screen();
    assert!(
        versions.contains("Earlier versions of Roadmap.pptx (now 3.0)"),
        "{versions}"
    );

    console.press(KeyCode::Char('?'));
    let help = console.screen();
    assert!(help.contains("Keys: viewer"), "{help}");
    assert!(help.contains("Move the cursor down"), "{help}");

    console.press(KeyCode::Esc);
    let back = console.screen();
    assert!(back.contains("Earlier versions of Roadmap.pptx"), "{back}");
    assert!(
        back.contains("Adele Vance"),
        "the versions are kept: {back}"
    );
    console.press(KeyCode::Esc);
    assert!(console.app.overlay.is_none());
    console.stop().await;
}

#[tokio::test]
async fn a_refused_point_in_time_shows_every_form_it_may_take() {
    let mut console = Console::start(80, 24, None).await;
    console.press_settle(KeyCode::Char('n')).await;
    console.press(KeyCode::Tab);
    console.type_text("last tuesday");
    console.press(KeyCode::Enter);
    assert!(matches!(console.app.overlay, Some(Overlay::NewSession(_))));
    let screen = console.screen();
    let joined: String = screen
        .lines()
        .map(|line| line.trim_matches(|c: char| c == '│' || c == ' '))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        joined.contains("write latest, 2026-11-30 or 2026-11-30 18:00 (UTC)"),
        "{screen}"
    );
    assert!(
        screen.contains("Esc cancels"),
        "the form's own hint: {screen}"
    );
    console.stop().await;
}

#[tokio::test]
async fn a_kept_onedrive_filter_says_so_on_the_status_line() {
    let mut console = onedrives_at_80x24().await;
    let all = console.app.onedrives.all.len();
    console.press(KeyCode::Char('/'));
    console.type_text("adele");
    console.press(KeyCode::Enter);
    console.press_settle(KeyCode::Enter).await;
    assert_eq!(console.app.focus, Pane::Items);

    console.press_settle(KeyCode::Backspace).await;
    assert_eq!(console.app.focus, Pane::OneDrives);
    let screen = console.screen();
    assert!(
        screen.contains(&format!("filter \"adele\": 1 of {all}")),
        "{screen}"
    );
    console.stop().await;
}

fn sessions_header(screen: &str) -> &str {
    screen
        .lines()
        .find(|l| l.starts_with("Organization"))
        .unwrap_or_else(|| panic!("no sessions table: {screen}"))
}

/// The rows of the sessions table under its header.
fn session_rows(screen: &str) -> Vec<&str> {
    let mut lines = screen
        .lines()
        .skip_while(|l| !l.starts_with("Organization"));
    let header = lines.next().unwrap_or_default();
    assert!(header.contains("Point in time"), "{screen}");
    lines.take_while(|l| !l.is_empty()).collect()
}

#[tokio::test]
async fn each_session_row_shows_its_organization_and_point_in_time_at_80_columns() {
    let mut console = Console::start(80, 24, None).await;
    let screen = console.screen();
    let header = sessions_header(&screen);
    for title in ["Point in time", "State", "Started"] {
        assert!(header.contains(title), "{title} in {header:?}");
    }
    assert!(!header.contains("Type"), "all are OneDrive: {header:?}");
    let rows = session_rows(&screen);
    assert!(rows.len() >= 4, "{screen}");
    for row in &rows {
        assert!(row.starts_with("contoso.onmicrosoft.com "), "{row:?}");
        assert!(!row.contains('…') && !row.contains("Veod"), "{row:?}");
    }
    let points: Vec<&str> = rows.iter().map(|row| &row[24..40]).collect();
    assert!(points.contains(&"2026-11-15 22:00"), "{points:?}");
    assert!(points.contains(&"2026-10-18 22:00"), "{points:?}");

    // Wider, the initiator joins; the organization keeps its own width, not the spare room.
    console.resize(120, 30);
    let wide = console.screen();
    let header = sessions_header(&wide);
    assert!(header.contains("Initiated by"), "{header:?}");
    assert!(
        header.starts_with("Organization            Point in time"),
        "{header:?}"
    );
    assert!(wide.contains("CONTOSO\\asmith"), "{wide}");
    console.stop().await;
}

#[tokio::test]
async fn the_type_column_joins_only_when_kinds_differ() {
    let mut console = Console::start(80, 24, None).await;
    let mut other = console.app.sessions.list[0].clone();
    other.kind = vbo_restore::api::model::CaseInsensitive("Vesp".to_owned());
    console.app.sessions.list.push(other);
    let screen = console.screen();
    let header = sessions_header(&screen);
    assert!(header.contains("Type"), "{screen}");
    let rows = session_rows(&screen);
    assert!(
        rows.iter().any(|row| row.contains("SharePoint")),
        "{screen}"
    );
    assert!(rows.iter().any(|row| row.contains("OneDrive")), "{screen}");
    assert!(
        !screen.contains("Veod") && !screen.contains("Vesp"),
        "{screen}"
    );
    console.stop().await;
}

#[tokio::test]
async fn a_session_started_here_at_the_latest_backup_shows_its_point_in_time() {
    let mut console = Console::start(80, 24, None).await;
    console.press_settle(KeyCode::Char('n')).await;
    console.press_settle(KeyCode::Enter).await;
    console.press_settle(KeyCode::Backspace).await;
    assert_eq!(console.app.focus, Pane::Sessions);
    let screen = console.screen();
    let first = session_rows(&screen)[0].to_owned();
    assert!(first.contains("Working"), "{screen}");
    assert_eq!(&first[24..40], "2026-11-29 22:00", "{screen}");
    console.stop().await;
}
