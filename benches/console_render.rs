//! Drawing one frame of the 100,000-row folder at 200x50, and one filter keystroke over it.

mod support;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use support::{loaded_app, press};
use vbo_restore::console::ui;

fn one_frame(c: &mut Criterion) {
    let mut app = loaded_app((200, 50));
    press(&mut app, KeyCode::End);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    let mut up = true;
    c.bench_function("frame of the 100,000-row folder at 200x50", |b| {
        b.iter(|| {
            // Move the cursor each time so that every frame differs from the last.
            press(&mut app, if up { KeyCode::Up } else { KeyCode::Down });
            up = !up;
            terminal.draw(|frame| ui::draw(frame, &app)).expect("draw");
        })
    });
}

fn filter_keystroke(c: &mut Criterion) {
    let mut app = loaded_app((200, 50));
    press(&mut app, KeyCode::Char('/'));
    let mut typed = false;
    c.bench_function("filter keystroke over 100,000 rows", |b| {
        b.iter(|| {
            // Alternately type a character (a full scan of every name) and erase it.
            let key = if typed {
                KeyCode::Backspace
            } else {
                KeyCode::Char('7')
            };
            press(&mut app, key);
            typed = !typed;
        })
    });
    assert!(app.editing.is_some(), "the filter stayed open");
}

criterion_group!(benches, one_frame, filter_keystroke);
criterion_main!(benches);
