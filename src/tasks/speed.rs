//! Speed and time left of a transfer, measured over a short sliding window.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// How far back the speed looks.
const WINDOW_MS: u64 = 3_000;

/// Remembers when how many bytes were done, to tell the recent speed.
#[derive(Debug, Default, Clone)]
pub struct SpeedMeter {
    samples: VecDeque<(Instant, u64)>,
}

impl SpeedMeter {
    /// Notes that `done` bytes were done at `now`.
    pub fn record(&mut self, now: Instant, done: u64) {
        self.samples.push_back((now, done));
        self.forget_before(now);
    }

    /// Bytes a second over the window ending at `now`; zero with too little to go on.
    pub fn bytes_per_sec(&mut self, now: Instant) -> f64 {
        self.forget_before(now);
        let (Some(first), Some(last)) = (self.samples.front(), self.samples.back()) else {
            return 0.0;
        };
        let span = now.saturating_duration_since(first.0).as_secs_f64();
        if span < 0.05 {
            return 0.0;
        }
        (last.1.saturating_sub(first.1)) as f64 / span
    }

    pub fn reset(&mut self) {
        self.samples.clear();
    }

    fn forget_before(&mut self, now: Instant) {
        let window = Duration::from_millis(WINDOW_MS);
        // Keep one sample older than the window as the baseline of the span.
        while self.samples.len() > 1 && now.saturating_duration_since(self.samples[1].0) > window {
            self.samples.pop_front();
        }
    }
}

/// Time left at `bytes_per_sec` for the bytes still to come; `None` when it cannot be told.
pub fn time_left(done: u64, total: Option<u64>, bytes_per_sec: f64) -> Option<Duration> {
    let total = total?;
    if bytes_per_sec < 1.0 {
        return None;
    }
    let left = total.saturating_sub(done) as f64 / bytes_per_sec;
    Some(Duration::from_secs_f64(left.min(1.0e7)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speed_is_bytes_over_the_window() {
        let start = Instant::now();
        let mut meter = SpeedMeter::default();
        meter.record(start, 0);
        meter.record(start + Duration::from_secs(1), 1_000);
        meter.record(start + Duration::from_secs(2), 2_000);
        let speed = meter.bytes_per_sec(start + Duration::from_secs(2));
        assert!((speed - 1_000.0).abs() < 1.0, "speed {speed}");
    }

    #[test]
    fn speed_falls_when_nothing_moves() {
        let start = Instant::now();
        let mut meter = SpeedMeter::default();
        meter.record(start, 0);
        meter.record(start + Duration::from_secs(1), 3_000);
        let later = meter.bytes_per_sec(start + Duration::from_secs(10));
        assert!(later < 1.0, "speed {later}");
    }

    #[test]
    fn time_left_needs_a_total_and_a_speed() {
        assert_eq!(
            time_left(500, Some(1_500), 100.0),
            Some(Duration::from_secs(10))
        );
        assert_eq!(time_left(500, None, 100.0), None);
        assert_eq!(time_left(500, Some(1_500), 0.0), None);
    }
}
