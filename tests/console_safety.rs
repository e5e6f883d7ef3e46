//! Hostile names never reach the terminal as control characters, in any pane or viewer.

mod console_support;

use crossterm::event::KeyCode;

use console_support::Console;
use ratatui::buffer::Buffer;

/// Every cell whose symbol holds a control or bidi-override character, with its position.
fn unsafe_cells(buffer: &Buffer) -> Vec<(u16, u16, String)> {
    let mut found = Vec::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            let bad = symbol.chars().any(|c| {
                c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
            });
            if bad {
                found.push((x, y, symbol.escape_debug().to_string()));
            }
        }
    }
    found
}

/// A console at 120x40 in a new restore session's "Odd names" folder.
async fn in_odd_names() -> Console {
    let mut console = Console::start(120, 40, None).await;
    console.press_settle(KeyCode::Char('n')).await;
    console.press_settle(KeyCode::Enter).await;
    console.press_settle(KeyCode::Enter).await;
    console.open("Miriam Graham").await;
    console.open("Odd names").await;
    console
}

#[tokio::test]
async fn a_name_with_a_lone_surrogate_shows_the_replacement_character() {
    let mut console = in_odd_names().await;
    let name = "Party \u{FFFD}.docx";
    assert!(
        console
            .app
            .items
            .listing
            .visible_rows()
            .any(|row| row.item.name == name),
        "the folder listed, with the cut name read"
    );
    let screen = console.screen();
    assert!(screen.contains(name), "{screen}");
    assert_eq!(unsafe_cells(&console.draw()), Vec::new());
    console.stop().await;
}

#[tokio::test]
async fn no_control_character_from_a_hostile_name_reaches_any_cell() {
    let mut console = in_odd_names().await;

    let rows = console.app.items.listing.visible_len();
    assert!(rows >= 5, "the folder holds the hostile names");
    let names: Vec<String> = console
        .app
        .items
        .listing
        .visible_rows()
        .map(|row| row.item.name.clone())
        .collect();
    assert!(
        names.iter().any(|n| n.contains('\u{1b}')),
        "an escape sequence is among the names: {names:?}"
    );
    // The terminal drops bare control characters by itself; the console must instead show
    // them spelled out, and must stop the bidi override that the terminal would obey.
    let screen = console.screen();
    assert!(
        screen.contains("\\x1B[31mred alert\\x1B[0m.txt"),
        "{screen}"
    );
    assert!(screen.contains("\\u{202E}gnp.exe"), "{screen}");
    for row in 0..rows {
        let buffer = console.draw();
        assert_eq!(
            unsafe_cells(&buffer),
            Vec::new(),
            "listing, cursor on row {row}"
        );
        console.press(KeyCode::Char('i'));
        let buffer = console.draw();
        assert_eq!(unsafe_cells(&buffer), Vec::new(), "details of row {row}");
        console.press(KeyCode::Esc);
        if console
            .app
            .items
            .current()
            .is_some_and(|item| item.is_folder())
        {
            console.press_settle(KeyCode::Enter).await;
            let buffer = console.draw();
            assert_eq!(
                unsafe_cells(&buffer),
                Vec::new(),
                "inside the folder of row {row}"
            );
            console.press_settle(KeyCode::Backspace).await;
        }
        console.press(KeyCode::Down);
    }
    console.stop().await;
}
