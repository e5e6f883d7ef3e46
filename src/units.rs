//! Byte counts in binary units: one scaling for every place that shows a size, written two
//! ways — with a fixed decimal where sizes stand in columns, rounded where they pass by.

const UNITS: [&str; 5] = ["KiB", "MiB", "GiB", "TiB", "PiB"];

/// `bytes` in the largest binary unit that keeps the value at 1 or more, or `None` below
/// 1 KiB, where the count is written in bytes.
fn scaled(bytes: u64) -> Option<(f64, &'static str)> {
    if bytes < 1024 {
        return None;
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    Some((value, UNITS[unit]))
}

/// With one decimal, for listings: `512 B`, `1.5 KiB`, `729.6 KiB`, `2.0 GiB`.
pub fn size(bytes: u64) -> String {
    match scaled(bytes) {
        Some((value, unit)) => format!("{value:.1} {unit}"),
        None => format!("{bytes} B"),
    }
}

/// As people say it, for speeds and progress: `512 B`, `1.5 KiB`, `48 MiB`, `1.9 GiB`.
pub fn human_bytes(bytes: u64) -> String {
    match scaled(bytes) {
        Some((value, unit)) if value < 10.0 => format!("{value:.1} {unit}"),
        Some((value, unit)) => format!("{value:.0} {unit}"),
        None => format!("{bytes} B"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_use_binary_units() {
        assert_eq!(size(0), "0 B");
        assert_eq!(size(1023), "1023 B");
        assert_eq!(size(1536), "1.5 KiB");
        assert_eq!(size(2 * 1024 * 1024 * 1024), "2.0 GiB");
    }

    #[test]
    fn bytes_read_in_binary_units() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(2 * 1024 * 1024 * 1024), "2.0 GiB");
        assert_eq!(human_bytes(300 * 1024 * 1024), "300 MiB");
    }
}
