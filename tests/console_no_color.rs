//! With `NO_COLOR` set, the console draws no colour at all and shows the cursor in reverse.

mod console_support;

use crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};

use console_support::Console;
use vbo_restore::console::keymap::Keymap;
use vbo_restore::console::theme::Theme;

#[tokio::test]
async fn no_color_means_monochrome_with_a_reverse_video_cursor() {
    // SAFETY: this test binary holds this one test, so no other thread reads the environment.
    unsafe { std::env::set_var("NO_COLOR", "1") };
    let theme = Theme::from_env(vbo_restore::config::Theme::Default);
    assert_eq!(theme, Theme::monochrome());

    let mut console = Console::start_with(80, 24, None, Keymap::default(), theme).await;
    console.press_settle(KeyCode::Char('n')).await;
    console.press_settle(KeyCode::Enter).await;
    console.press_settle(KeyCode::Enter).await;
    console.open("Adele Vance").await;
    console.press(KeyCode::Down);
    console.press(KeyCode::Char(' '));
    let buffer = console.draw();

    for cell in buffer.content() {
        assert_eq!(
            cell.fg,
            Color::Reset,
            "no foreground colour at {:?}",
            cell.symbol()
        );
        assert_eq!(
            cell.bg,
            Color::Reset,
            "no background colour at {:?}",
            cell.symbol()
        );
    }
    let cursor_row = 3 + console.app.items.cursor.screen_row() as u16;
    let reversed = (0..80).all(|x| {
        buffer[(x, cursor_row)]
            .modifier
            .contains(Modifier::REVERSED)
    });
    assert!(reversed, "the cursor row is in reverse video");
    let other_row = if cursor_row == 3 { 4 } else { 3 };
    assert!(!buffer[(5, other_row)].modifier.contains(Modifier::REVERSED));
    console.stop().await;
}
