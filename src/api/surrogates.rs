//! Lone UTF-16 surrogates in the server's JSON, mended before the JSON parser sees them.
//!
//! A VB365 server runs on .NET, where names are UTF-16, and a name cut between the two
//! halves of an emoji reaches the wire as a lone surrogate escape such as `\uD83D`. serde_json
//! refuses such a string, and so one cut name would fail the whole listing it is in. Every
//! lone surrogate escape is therefore rewritten as `\uFFFD`, the replacement character: it is
//! visible on screen, allowed in file names on Linux, macOS and Windows, and keeps the rest of
//! the name readable. Both escapes are six bytes long, so the body is mended in place.

/// The escape that takes the place of a lone surrogate.
const REPLACEMENT_ESCAPE: &[u8; 6] = b"\\uFFFD";

/// Rewrites each `\uXXXX` escape of a surrogate that is not one half of a high-then-low pair
/// as `\uFFFD`, and answers how many it rewrote.
///
/// Only escapes are read, two bytes at a time from each backslash, so an escaped backslash
/// followed by text (`\\uD800`) stays text. In valid JSON a backslash appears only inside a
/// string, where it always opens an escape, so nothing else can be mistaken for one.
pub fn mend_lone_surrogates(json: &mut [u8]) -> usize {
    let mut mended = 0;
    let mut at = 0;
    while let Some(offset) = json.get(at..).and_then(find_backslash) {
        let start = at + offset;
        at = match surrogate_at(json, start) {
            Some(high) if is_high(high) && surrogate_at(json, start + 6).is_some_and(is_low) => {
                start + 12
            }
            Some(_) => {
                json[start..start + 6].copy_from_slice(REPLACEMENT_ESCAPE);
                mended += 1;
                start + 6
            }
            None => start + 2,
        };
    }
    mended
}

fn find_backslash(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&byte| byte == b'\\')
}

/// The code unit of a `\uXXXX` escape at `start`, if it is one and names a surrogate.
fn surrogate_at(json: &[u8], start: usize) -> Option<u16> {
    let escape = json.get(start..start + 6)?;
    if escape[0] != b'\\' || escape[1] != b'u' || !escape[2..].iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    let digits = std::str::from_utf8(&escape[2..]).ok()?;
    let unit = u16::from_str_radix(digits, 16).ok()?;
    (is_high(unit) || is_low(unit)).then_some(unit)
}

fn is_high(unit: u16) -> bool {
    (0xD800..=0xDBFF).contains(&unit)
}

fn is_low(unit: u16) -> bool {
    (0xDC00..=0xDFFF).contains(&unit)
}

#[cfg(test)]
#[path = "surrogates_tests.rs"]
mod tests;
