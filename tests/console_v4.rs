//! On an API v4 server the console browses the same way, and says plainly what needs v6.

mod console_support;

use crossterm::event::KeyCode;

use console_support::Console;
use vbo_restore::api::ApiVersion;

#[tokio::test]
async fn a_v4_server_lists_folders_first_and_explains_what_needs_v6() {
    let mut console = Console::start(80, 24, Some(ApiVersion::V4)).await;
    assert_eq!(console.app.connection.api, "v4");
    console.press_settle(KeyCode::Char('n')).await;
    console.press_settle(KeyCode::Enter).await;
    console.press_settle(KeyCode::Enter).await;
    console.open("Adele Vance").await;

    let kinds: Vec<bool> = console
        .app
        .items
        .listing
        .visible_rows()
        .map(|row| row.item.is_folder())
        .collect();
    assert!(
        kinds.first() == Some(&true) && kinds.last() == Some(&false),
        "{kinds:?}"
    );
    assert!(
        kinds.windows(2).all(|pair| pair[0] || !pair[1]),
        "folders first: {kinds:?}"
    );

    console.find("Welcome.docx");
    console.press(KeyCode::Char('v'));
    let notice = console.app.notice.clone().unwrap_or_default();
    assert!(notice.contains("v6") && notice.contains("v4"), "{notice}");
    assert!(console.screen().contains("Document versions need API v6"));

    console.press(KeyCode::Char('/'));
    console.type_text("welcome");
    console.press(KeyCode::Enter);
    assert!(
        console.app.items.search.is_none(),
        "no server search before v6"
    );
    assert_eq!(console.app.items.listing.visible_len(), 1);
    console.stop().await;
}
