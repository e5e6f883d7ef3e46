//! Names made safe and measured for the screen.
//!
//! A document name comes from whoever created the file, so it may hold control characters,
//! escape sequences or bidirectional overrides. Everything the console draws from the server
//! passes through [`inert`] first, which spells such characters out as visible escapes, and
//! every width on screen is measured in terminal columns with `unicode-width`.

use std::borrow::Cow;
use std::fmt::Write as _;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The mark drawn where text was cut short.
pub const ELLIPSIS: char = '…';

/// Returns the text with every character that could steer the terminal spelled out.
///
/// C0 and C1 controls, DEL and the bidirectional embedding, override and isolate characters
/// become `\n`, `\t`, `\x1B`, `\u{202E}` and the like, so an ESC can never start a sequence
/// and the rest of a would-be sequence is plain, harmless text.
pub fn inert(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !needs_escape(c) {
            out.push(c);
            continue;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02X}", c as u32);
            }
            c => {
                let _ = write!(out, "\\u{{{:04X}}}", c as u32);
            }
        }
    }
    Cow::Owned(out)
}

/// Whether a character must not reach the terminal as it is.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// The number of terminal columns the text takes.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts the text to at most `max` columns, ending with an ellipsis when anything was cut.
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if width(text) <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push(ELLIPSIS);
    Cow::Owned(out)
}

/// Cuts the text from the left to at most `max` columns, keeping its end (for paths).
pub fn truncate_left(text: &str, max: usize) -> Cow<'_, str> {
    if width(text) <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 0;
    for c in text.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        used += w;
        kept.push(c);
    }
    let mut out = String::with_capacity(kept.len() + 3);
    out.push(ELLIPSIS);
    out.extend(kept.into_iter().rev());
    Cow::Owned(out)
}

/// Makes text inert and fits it into `max` columns.
pub fn fit(text: &str, max: usize) -> String {
    truncate(&inert(text), max).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible_text() {
        let name = "report\u{1b}]52;c;SGVsbG8=\u{7}\u{1b}[31m.docx";
        let shown = inert(name);
        assert_eq!(shown, "report\\x1B]52;c;SGVsbG8=\\x07\\x1B[31m.docx");
        assert!(!shown.chars().any(char::is_control));
    }

    #[test]
    fn newlines_c1_and_bidi_overrides_are_spelled_out() {
        assert_eq!(inert("a\nb\tc\rd"), "a\\nb\\tc\\rd");
        assert_eq!(inert("x\u{9b}y"), "x\\x9By");
        assert_eq!(inert("evil\u{202E}fdp.exe"), "evil\\u{202E}fdp.exe");
        assert!(matches!(inert("plain name.txt"), Cow::Borrowed(_)));
    }

    #[test]
    fn widths_count_columns_not_bytes() {
        assert_eq!(width("日本語.docx"), 11);
        assert_eq!(width("🎉"), 2);
        assert_eq!(width("naïve"), 5);
    }

    #[test]
    fn truncation_respects_wide_characters() {
        assert_eq!(truncate("日本語の文書", 7), "日本語…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert!(width(&truncate("日本語の文書", 6)) <= 6);
        assert_eq!(truncate_left("/a/b/c/deep", 6), "…/deep");
    }
}
