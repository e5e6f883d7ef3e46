//! Draws a ratatui buffer as an SVG picture of the terminal, for the README's screenshots.
//!
//! Each row is one `<text>`. Cells side by side that look the same make a run, cut where two
//! blanks or more leave a gap; each piece is one `<tspan>` placed at its first cell and
//! stretched over its cells with `textLength`, so that the grid stays straight whatever
//! monospace font the viewer has. Backgrounds other than the terminal's own are rectangles
//! drawn under the text.

use std::fmt::Write;

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

const CELL_WIDTH: usize = 9;
const CELL_HEIGHT: usize = 18;
const FONT_SIZE: usize = 15;
/// From the top of a row to the baseline of its text.
const BASELINE: usize = 14;
const FONTS: &str = "'DejaVu Sans Mono', Menlo, Consolas, monospace";
const DEFAULT_FG: &str = "#d4d4d4";
const DEFAULT_BG: &str = "#1b1d21";

/// The 16 named colours in ANSI order: black, red, green, yellow, blue, magenta, cyan, gray,
/// then the bright ones.
const PALETTE: [&str; 16] = [
    "#000000", "#c8332b", "#3fa34d", "#c9a227", "#3b78d8", "#b048b5", "#2aa1b3", "#c0c0c0",
    "#6c6c6c", "#f0544c", "#5fd06e", "#f2d450", "#6aa0f4", "#d97ad9", "#5ad0e0", "#ffffff",
];

/// The levels of the 6x6x6 colour cube of the 256-colour palette.
const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// How a stretch of cells looks, with reverse video already applied.
#[derive(Debug, Clone, PartialEq)]
struct Look {
    fg: String,
    bg: String,
    bold: bool,
    italic: bool,
    underline: bool,
}

/// Cells side by side that look the same: each cell's text and how many cells it covers.
struct Run {
    x: usize,
    cells: Vec<(String, usize)>,
    look: Look,
}

/// Text drawn from one cell on, over `cells` cells.
struct Piece {
    x: usize,
    cells: usize,
    text: String,
}

/// The whole buffer as an SVG document.
pub fn render(buffer: &Buffer) -> String {
    let columns = usize::from(buffer.area.width);
    let width = columns * CELL_WIDTH;
    let height = usize::from(buffer.area.height) * CELL_HEIGHT;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" font-family=\"{FONTS}\" font-size=\"{FONT_SIZE}\" \
         xml:space=\"preserve\">"
    );
    let _ = writeln!(
        svg,
        "<rect width=\"{width}\" height=\"{height}\" fill=\"{DEFAULT_BG}\"/>"
    );
    for (y, row) in buffer.content.chunks(columns.max(1)).enumerate() {
        let runs = runs(row);
        backgrounds(&mut svg, &runs, y);
        texts(&mut svg, &runs, y);
    }
    svg.push_str("</svg>\n");
    svg
}

/// Splits a row into runs; a wide character covers the cell after it, which is not drawn.
fn runs(row: &[Cell]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut x = 0;
    while x < row.len() {
        let cell = &row[x];
        let text = inert(cell.symbol());
        let width = text.width().clamp(1, row.len() - x);
        let look = Look::of(cell);
        match runs.last_mut() {
            Some(run) if run.look == look => run.cells.push((text, width)),
            _ => runs.push(Run {
                x,
                cells: vec![(text, width)],
                look,
            }),
        }
        x += width;
    }
    runs
}

impl Run {
    fn width(&self) -> usize {
        self.cells.iter().map(|(_, width)| width).sum()
    }

    /// The run's text cut at every gap of two blanks or more, the way table columns are
    /// separated, so that each column starts at its own cell whatever the font's glyphs
    /// measure; an underlined run stays whole so that its line does.
    fn pieces(&self) -> Vec<Piece> {
        let mut pieces: Vec<Piece> = Vec::new();
        let mut x = self.x;
        let mut blanks = 0;
        for (text, width) in &self.cells {
            if text == " " && !self.look.underline {
                blanks += 1;
                x += width;
                continue;
            }
            match pieces.last_mut() {
                Some(piece) if blanks <= 1 => {
                    piece.text.push_str(&" ".repeat(blanks));
                    piece.text.push_str(text);
                    piece.cells += blanks + width;
                }
                _ => pieces.push(Piece {
                    x,
                    cells: *width,
                    text: text.clone(),
                }),
            }
            blanks = 0;
            x += width;
        }
        pieces
    }
}

fn backgrounds(svg: &mut String, runs: &[Run], y: usize) {
    for run in runs.iter().filter(|run| run.look.bg != DEFAULT_BG) {
        let _ = writeln!(
            svg,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{CELL_HEIGHT}\" fill=\"{}\" \
             shape-rendering=\"crispEdges\"/>",
            run.x * CELL_WIDTH,
            y * CELL_HEIGHT,
            run.width() * CELL_WIDTH,
            run.look.bg
        );
    }
}

/// The row's text, one `<tspan>` a piece of a run.
fn texts(svg: &mut String, runs: &[Run], y: usize) {
    let mut spans = String::new();
    for run in runs {
        for piece in run.pieces() {
            span(&mut spans, &piece, &run.look);
        }
    }
    if !spans.is_empty() {
        let baseline = y * CELL_HEIGHT + BASELINE;
        let _ = writeln!(svg, "<text y=\"{baseline}\">{spans}</text>");
    }
}

fn span(out: &mut String, piece: &Piece, look: &Look) {
    let _ = write!(
        out,
        "<tspan x=\"{}\" textLength=\"{}\" fill=\"{}\"",
        piece.x * CELL_WIDTH,
        piece.cells * CELL_WIDTH,
        look.fg
    );
    if look.bold {
        out.push_str(" font-weight=\"bold\"");
    }
    if look.italic {
        out.push_str(" font-style=\"italic\"");
    }
    if look.underline {
        out.push_str(" text-decoration=\"underline\"");
    }
    out.push('>');
    escape_into(out, &piece.text);
    out.push_str("</tspan>");
}

impl Look {
    fn of(cell: &Cell) -> Look {
        let mut fg = hex(cell.fg).unwrap_or_else(|| DEFAULT_FG.to_owned());
        let mut bg = hex(cell.bg).unwrap_or_else(|| DEFAULT_BG.to_owned());
        if cell.modifier.contains(Modifier::REVERSED) {
            std::mem::swap(&mut fg, &mut bg);
        }
        Look {
            fg,
            bg,
            bold: cell.modifier.contains(Modifier::BOLD),
            italic: cell.modifier.contains(Modifier::ITALIC),
            underline: cell.modifier.contains(Modifier::UNDERLINED),
        }
    }
}

/// The colour as `#rrggbb`; `None` for the terminal's default.
fn hex(color: Color) -> Option<String> {
    let named = match color {
        Color::Reset => return None,
        Color::Rgb(r, g, b) => return Some(rgb(r, g, b)),
        Color::Indexed(n) => return Some(indexed(n)),
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
    };
    Some(PALETTE[named].to_owned())
}

fn rgb(r: u8, g: u8, b: u8) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// A colour of the 256-colour palette: the 16 named ones, the cube, then 24 grays.
fn indexed(n: u8) -> String {
    match n {
        0..16 => PALETTE[usize::from(n)].to_owned(),
        16..232 => {
            let i = usize::from(n - 16);
            rgb(CUBE[i / 36], CUBE[(i / 6) % 6], CUBE[i % 6])
        }
        _ => {
            let level = 8 + 10 * (n - 232);
            rgb(level, level, level)
        }
    }
}

/// A cell's text with anything XML may not carry replaced; an empty cell is a blank.
fn inert(symbol: &str) -> String {
    if symbol.is_empty() {
        return " ".to_owned();
    }
    symbol
        .chars()
        .map(|c| {
            let forbidden = c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}';
            if forbidden { '\u{FFFD}' } else { c }
        })
        .collect()
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests;
