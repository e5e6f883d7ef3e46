//! Colours and emphasis: the 16 basic colours by default, monochrome under `NO_COLOR`.
//!
//! Only the basic palette is used so that the console reads the same on any terminal a jump
//! host offers; with `NO_COLOR` set every style is plain except the cursor, which is reverse
//! video, and marks, which are bold.

use ratatui::style::{Color, Modifier, Style};

use crate::config::Theme as ConfigTheme;

/// The styles every pane draws with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub title: Style,
    pub breadcrumb: Style,
    pub header: Style,
    pub cursor: Style,
    pub marked: Style,
    pub folder: Style,
    pub dim: Style,
    pub error: Style,
    pub notice: Style,
    pub hint_key: Style,
    pub border: Style,
}

impl Theme {
    /// The configured theme, or monochrome when `NO_COLOR` is set to anything non-empty.
    pub fn from_env(choice: ConfigTheme) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
        Theme::choose(choice, no_color)
    }

    /// The theme for a config choice; `no_color` wins over any choice.
    pub fn choose(choice: ConfigTheme, no_color: bool) -> Theme {
        if no_color {
            return Theme::monochrome();
        }
        match choice {
            ConfigTheme::Default => Theme::basic(),
            ConfigTheme::HighContrast => Theme::high_contrast(),
            ConfigTheme::Light => Theme::light(),
        }
    }

    /// The default theme, in the 16 basic colours.
    pub fn basic() -> Theme {
        Theme {
            title: Style::new().fg(Color::Black).bg(Color::Cyan),
            breadcrumb: Style::new().fg(Color::Cyan),
            header: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            cursor: Style::new().fg(Color::Black).bg(Color::White),
            marked: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            folder: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            notice: Style::new().fg(Color::Green),
            hint_key: Style::new().fg(Color::Yellow),
            border: Style::new().fg(Color::Cyan),
        }
    }

    /// Bold, bright colours on the terminal's background, for low-quality displays.
    pub fn high_contrast() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            title: Style::new().fg(Color::Black).bg(Color::LightYellow),
            breadcrumb: Style::new().fg(Color::LightYellow).add_modifier(bold),
            header: Style::new()
                .fg(Color::White)
                .add_modifier(bold | Modifier::UNDERLINED),
            cursor: Style::new()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(bold),
            marked: Style::new().fg(Color::LightMagenta).add_modifier(bold),
            folder: Style::new().fg(Color::LightCyan).add_modifier(bold),
            dim: Style::new().fg(Color::White),
            error: Style::new().fg(Color::LightRed).add_modifier(bold),
            notice: Style::new().fg(Color::LightGreen).add_modifier(bold),
            hint_key: Style::new().fg(Color::LightYellow).add_modifier(bold),
            border: Style::new().fg(Color::White).add_modifier(bold),
        }
    }

    /// Dark colours that stay readable on a light terminal background.
    pub fn light() -> Theme {
        Theme {
            title: Style::new().fg(Color::White).bg(Color::Blue),
            breadcrumb: Style::new().fg(Color::Blue),
            header: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            cursor: Style::new().fg(Color::White).bg(Color::Blue),
            marked: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            folder: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            notice: Style::new().fg(Color::Green),
            hint_key: Style::new().fg(Color::Magenta),
            border: Style::new().fg(Color::Blue),
        }
    }

    /// Whether this is the colourless theme of `NO_COLOR`.
    pub fn is_monochrome(&self) -> bool {
        *self == Theme::monochrome()
    }

    /// No colour at all: reverse video shows the cursor, bold shows marks and headers.
    pub fn monochrome() -> Theme {
        let plain = Style::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            title: Style::new().add_modifier(Modifier::REVERSED),
            breadcrumb: plain,
            header: bold,
            cursor: Style::new().add_modifier(Modifier::REVERSED),
            marked: bold,
            folder: plain,
            dim: plain,
            error: bold,
            notice: plain,
            hint_key: bold,
            border: plain,
        }
    }
}
