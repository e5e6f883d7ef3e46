//! The SVG picture of small buffers: escaping, wide characters, reverse video, runs.

use ratatui::layout::Rect;
use ratatui::style::Style;

use super::*;

fn one_row(width: u16) -> Buffer {
    Buffer::empty(Rect::new(0, 0, width, 1))
}

/// The `<tspan>` elements of the picture, in order.
fn spans(svg: &str) -> Vec<&str> {
    svg.split("<tspan ")
        .skip(1)
        .map(|rest| &rest[..rest.find("</tspan>").expect("closed")])
        .collect()
}

#[test]
fn markup_characters_are_escaped_and_control_characters_replaced() {
    let mut buffer = one_row(20);
    buffer.set_string(0, 0, "a<b & \"c\" 'd'>", Style::new());
    buffer[(16, 0)].set_symbol("\u{1b}");
    let svg = render(&buffer);

    let text = spans(&svg).concat();
    assert!(
        text.contains("a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"),
        "{svg}"
    );
    assert!(!svg.contains('\u{1b}'), "no escape character: {svg}");
    assert!(text.contains('\u{FFFD}'), "{svg}");
    assert!(svg.contains("xml:space=\"preserve\""));
}

#[test]
fn a_wide_character_takes_two_cells_and_hides_the_next() {
    let mut buffer = one_row(6);
    buffer.set_string(0, 0, "王a", Style::new());
    buffer.set_string(3, 0, "b", Style::new().fg(Color::Red));
    let svg = render(&buffer);

    let spans = spans(&svg);
    assert_eq!(spans.len(), 2, "{svg}");
    assert_eq!(spans[0], "x=\"0\" textLength=\"27\" fill=\"#d4d4d4\">王a");
    assert!(
        spans[1].starts_with("x=\"27\" "),
        "b starts at cell 3: {svg}"
    );
}

#[test]
fn reverse_video_swaps_the_colours() {
    let mut buffer = one_row(4);
    let style = Style::new().fg(Color::Red).add_modifier(Modifier::REVERSED);
    buffer.set_string(1, 0, "ok", style);
    let svg = render(&buffer);

    let background = format!(
        "<rect x=\"9\" y=\"0\" width=\"18\" height=\"18\" fill=\"{}\"",
        PALETTE[1]
    );
    assert!(svg.contains(&background), "{svg}");
    assert_eq!(
        spans(&svg),
        [format!(
            "x=\"9\" textLength=\"18\" fill=\"{DEFAULT_BG}\">ok"
        )]
    );
}

#[test]
fn a_run_ends_where_the_style_changes() {
    let mut buffer = one_row(8);
    let green = Style::new().fg(Color::Green).add_modifier(Modifier::BOLD);
    buffer.set_string(0, 0, "ab", green);
    buffer.set_string(2, 0, "cd", Style::new().add_modifier(Modifier::ITALIC));
    buffer.set_string(4, 0, "e", Style::new().bg(Color::Indexed(196)));
    let svg = render(&buffer);

    let spans = spans(&svg);
    assert_eq!(spans.len(), 3, "{svg}");
    let bold_green = format!(
        "x=\"0\" textLength=\"18\" fill=\"{}\" font-weight=\"bold\">ab",
        PALETTE[2]
    );
    assert_eq!(spans[0], bold_green);
    assert!(spans[1].ends_with("font-style=\"italic\">cd"), "{svg}");
    assert!(
        svg.contains("x=\"36\" y=\"0\" width=\"9\" height=\"18\" fill=\"#ff0000\""),
        "{svg}"
    );
}

#[test]
fn a_gap_of_two_blanks_starts_a_new_piece_at_its_own_cell() {
    let mut buffer = one_row(12);
    buffer.set_string(0, 0, " a b  cd", Style::new());
    buffer.set_string(9, 0, "e f", Style::new().add_modifier(Modifier::UNDERLINED));
    let svg = render(&buffer);

    let spans = spans(&svg);
    assert_eq!(spans.len(), 3, "{svg}");
    assert!(spans[0].starts_with("x=\"9\" textLength=\"27\" ") && spans[0].ends_with(">a b"));
    assert!(spans[1].starts_with("x=\"54\" textLength=\"18\" ") && spans[1].ends_with(">cd"));
    assert!(
        spans[2].ends_with("text-decoration=\"underline\">e f"),
        "{svg}"
    );
}

#[test]
fn palette_colours_map_to_their_values() {
    assert_eq!(hex(Color::Reset), None);
    assert_eq!(hex(Color::Rgb(1, 2, 171)).as_deref(), Some("#0102ab"));
    assert_eq!(hex(Color::Indexed(9)).as_deref(), Some(PALETTE[9]));
    assert_eq!(hex(Color::LightRed).as_deref(), Some(PALETTE[9]));
    assert_eq!(hex(Color::Gray).as_deref(), Some(PALETTE[7]));
    assert_eq!(hex(Color::Indexed(21)).as_deref(), Some("#0000ff"));
    assert_eq!(hex(Color::Indexed(244)).as_deref(), Some("#808080"));
}
