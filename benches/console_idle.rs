//! CPU time the idle console uses over 10 seconds, as `--demo` runs it: the in-process
//! emulator, the real client and worker, and the real event loop on a test terminal, logged
//! in with its restore sessions listed and then left alone. Nothing should wake it.

use std::io;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use vbo_restore::api::{Client, ConnectOptions, Secret, Trust};
use vbo_restore::console::app::App;
use vbo_restore::console::event::{Host, run_loop};
use vbo_restore::console::keymap::Keymap;
use vbo_restore::console::run::connection_of;
use vbo_restore::console::theme::Theme;
use vbo_restore::console::worker;
use vbo_restore::emulator::{Emulator, EmulatorConfig};

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
    let emulator = Emulator::start(EmulatorConfig::default())
        .await
        .expect("emulator");
    let options = ConnectOptions {
        url: emulator.url(),
        user: "helpdesk".to_owned(),
        password: Secret::new("demo"),
        trust: Trust {
            ca_file: None,
            fingerprint: Some(emulator.fingerprint()),
            insecure: false,
        },
        ..ConnectOptions::default()
    };
    let client = Client::connect(options).await.expect("login");
    let mut app = App::new(
        connection_of(&client),
        Keymap::default(),
        Theme::basic(),
        (200, 50),
    );
    let (mut channels, worker) = worker::spawn(client);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    let input = futures::stream::pending();
    let settle = Duration::from_millis(1000);
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
    let used = tokio::select! {
        used = measure => used,
        ending = console => panic!("the idle console stopped: {ending:?}"),
    };
    assert!(
        !app.sessions.list.is_empty(),
        "the console had listed the sessions"
    );
    drop(channels);
    worker.abort();
    emulator.shutdown().await;
    used
}

criterion_group!(benches, idle);
criterion_main!(benches);
