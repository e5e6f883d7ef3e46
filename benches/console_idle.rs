//! CPU time the idle console uses over 10 seconds: the real event loop on a test terminal,
//! with no input and nothing from the worker. Nothing should wake it.

mod support;

use std::io;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tokio::sync::mpsc;

use vbo_restore::console::event::{Channels, Host, run_loop};

const IDLE_WINDOW_SECS: u64 = 10;

struct NoHost;

impl Host for NoHost {
    fn clipboard(&mut self, _text: &str) -> io::Result<()> {
        Ok(())
    }
    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// CPU time (user + system) this process has used so far.
fn process_cpu() -> Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_SELF is always valid.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr());
        usage.assume_init()
    };
    let micros = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    Duration::from_micros(micros(usage.ru_utime) + micros(usage.ru_stime))
}

fn idle(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let mut group = c.benchmark_group("idle console");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_nanos(1))
        .measurement_time(Duration::from_nanos(1));
    group.bench_function("CPU time over 10 s", |b| {
        b.iter_custom(|iters| {
            let mut used = Duration::ZERO;
            for _ in 0..iters {
                used += runtime.block_on(idle_window());
            }
            used
        })
    });
    group.finish();
}

/// Starts the console, lets it settle, then measures the CPU it uses while left alone.
async fn idle_window() -> Duration {
    let mut app = support::loaded_app((200, 50));
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    let (requests, _worker_side) = mpsc::unbounded_channel();
    let (_reply_side, replies) = mpsc::unbounded_channel();
    let mut channels = Channels { requests, replies };
    let input = futures::stream::pending();
    let settle = Duration::from_millis(200);
    let window = Duration::from_secs(IDLE_WINDOW_SECS);
    let measure = async {
        tokio::time::sleep(settle).await;
        let before = process_cpu();
        tokio::time::sleep(window).await;
        process_cpu() - before
    };
    let mut host = NoHost;
    let console = run_loop(
        &mut terminal,
        &mut app,
        input,
        &mut channels,
        &mut host,
        std::future::pending(),
    );
    tokio::select! {
        used = measure => used,
        ending = console => panic!("the idle console stopped: {ending:?}"),
    }
}

criterion_group!(benches, idle);
criterion_main!(benches);
