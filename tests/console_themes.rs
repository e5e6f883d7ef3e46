//! `theme = ...` in the config file reaches the drawn frame, each theme looks its own, and
//! `NO_COLOR` wins over every choice.

mod console_support;

use std::path::Path;

use crossterm::event::KeyCode;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Style};

use console_support::Console;
use vbo_restore::config::{Config, Theme as ThemeChoice};
use vbo_restore::console::keymap::Keymap;
use vbo_restore::console::launch::console_options;
use vbo_restore::console::theme::Theme;

/// The theme the console opens with for a config file holding `line` (NO_COLOR unset).
fn theme_from_config(dir: &Path, line: &str) -> Theme {
    let file = dir.join("config.toml");
    std::fs::write(&file, format!("{line}\n")).expect("write the config");
    let config = Config::load(Some(&file)).expect("the config loads");
    console_options(&config).expect("console options").theme
}

/// The style of the title bar's first cell and of the cursor row's first cell.
fn title_and_cursor(buffer: &Buffer, cursor_row: u16) -> (Style, Style) {
    let style = |x: u16, y: u16| {
        let cell = &buffer[(x, y)];
        Style::new()
            .fg(cell.fg)
            .bg(cell.bg)
            .add_modifier(cell.modifier)
    };
    (style(0, 0), style(2, cursor_row))
}

async fn drawn_with(theme: Theme) -> (Style, Style) {
    let mut console = Console::start_with(80, 24, None, Keymap::default(), theme).await;
    console.press_settle(KeyCode::Char('n')).await;
    console.press_settle(KeyCode::Enter).await;
    console.press_settle(KeyCode::Enter).await;
    console.open("Adele Vance").await;
    let cursor_row = 3 + console.app.items.cursor.screen_row() as u16;
    let styles = title_and_cursor(&console.draw(), cursor_row);
    console.stop().await;
    styles
}

#[tokio::test]
async fn each_configured_theme_draws_in_its_own_colours() {
    assert!(
        std::env::var_os("NO_COLOR").is_none(),
        "run without NO_COLOR set"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let chosen = [
        ("", Theme::basic()),
        ("theme = \"default\"", Theme::basic()),
        ("theme = \"high-contrast\"", Theme::high_contrast()),
        ("theme = \"light\"", Theme::light()),
    ];
    for (line, expected) in chosen {
        assert_eq!(theme_from_config(dir.path(), line), expected, "{line:?}");
    }

    let mut seen = Vec::new();
    for theme in [Theme::basic(), Theme::high_contrast(), Theme::light()] {
        let (title, cursor) = drawn_with(theme).await;
        assert_eq!(title.bg, theme.title.bg, "title bar background");
        assert_eq!(title.fg, theme.title.fg, "title bar text");
        assert_eq!(cursor.bg, theme.cursor.bg, "cursor row background");
        assert!(
            !seen.contains(&(title, cursor)),
            "{theme:?} looks like another theme"
        );
        seen.push((title, cursor));
    }
}

#[test]
fn an_unknown_theme_is_refused_with_the_choices() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("config.toml");
    std::fs::write(&file, "theme = \"solarized\"\n").expect("write the config");
    let message = Config::load(Some(&file)).expect_err("refused").to_string();
    assert!(message.contains("theme"), "names the key: {message}");
    assert!(message.contains("light"), "names the choices: {message}");
}

#[test]
fn no_color_wins_over_every_theme() {
    for choice in [
        ThemeChoice::Default,
        ThemeChoice::HighContrast,
        ThemeChoice::Light,
    ] {
        let theme = Theme::choose(choice, true);
        assert_eq!(theme, Theme::monochrome(), "{choice:?} under NO_COLOR");
        assert_eq!(theme.title.fg, None::<Color>);
    }
}
