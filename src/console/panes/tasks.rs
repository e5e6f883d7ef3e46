//! The tasks pane: one row a task with its state, speed, time left and gauge.
//!
//! What the task is gets the room: the state is a word or two ("waiting", "running 45%"),
//! its full wording stays in the task's details.

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{Column, cell, draw_empty, draw_table, right_cell, share_width};
use crate::console::app::{App, Load};
use crate::tasks::{Progress, Task, TaskState};
use crate::units::human_bytes;

const ID_WIDTH: u16 = 4;
const GAUGE_WIDTH: u16 = 17;
const SPEED_WIDTH: u16 = 10;
const LEFT_WIDTH: u16 = 8;
/// "running 100%", the longest state word.
const STATE_WIDTH: u16 = 12;
/// Below this the columns after the state give way, the gauge first: at 80 columns the
/// title keeps 42, room for "save 2 documents of Adele Vance to /home/…".
const MIN_TITLE_WIDTH: u16 = 36;
/// The cells of the bar inside the gauge column, besides "[", "]" and " 100%".
const BAR_CELLS: usize = 10;

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let fixed = [STATE_WIDTH, SPEED_WIDTH, LEFT_WIDTH, GAUGE_WIDTH];
    let (shown, title_width) = share_width(
        area.width.saturating_sub(ID_WIDTH + 1),
        &fixed,
        MIN_TITLE_WIDTH,
    );
    let mut columns = vec![
        Column {
            title: "Task",
            width: ID_WIDTH,
        },
        Column {
            title: "What",
            width: title_width,
        },
    ];
    let titles = ["State", "Speed", "Left", "Progress"];
    for ((title, width), show) in titles.iter().zip(fixed).zip(&shown) {
        if *show {
            columns.push(Column { title, width });
        }
    }
    let state = &app.tasks;
    let rows = state
        .board
        .tasks
        .iter()
        .skip(state.cursor.offset)
        .take(usize::from(area.height.saturating_sub(1)))
        .map(|task| {
            let values = [
                state_words(task),
                speed(task),
                time_left(task),
                gauge(&task.progress),
            ];
            let mut cells = vec![
                right_cell(&task.id.to_string(), ID_WIDTH),
                cell(&task.title, title_width),
            ];
            for ((value, width), show) in values.iter().zip(fixed).zip(&shown) {
                if *show {
                    cells.push(cell(value, width));
                }
            }
            let style = match task.state {
                TaskState::Failed => app.theme.error,
                TaskState::Succeeded | TaskState::Cancelled => app.theme.dim,
                _ => Style::new(),
            };
            (cells, style)
        });
    draw_table(frame, area, &app.theme, &columns, rows, &state.cursor);
    if state.board.tasks.is_empty() {
        draw_empty(
            frame,
            area,
            &app.theme,
            Load::Idle,
            "No tasks; mark documents and press a or s to start one",
        );
    }
}

/// "[#####-----]  50%", or the bytes done when the total is not known yet.
fn gauge(progress: &Progress) -> String {
    let Some(ratio) = progress.ratio() else {
        if progress.bytes_done > 0 {
            return human_bytes(progress.bytes_done);
        }
        return String::new();
    };
    let filled = (ratio * BAR_CELLS as f64).round() as usize;
    let bar = format!(
        "{}{}",
        "#".repeat(filled),
        "-".repeat(BAR_CELLS.saturating_sub(filled))
    );
    format!("[{bar}] {:>3}%", (ratio * 100.0).floor() as u32)
}

/// The state in a word or two: "waiting" for the server, "running 45%".
fn state_words(task: &Task) -> String {
    match (task.state, task.progress.ratio()) {
        (TaskState::WaitingForServer, _) => "waiting".to_owned(),
        (TaskState::Running, Some(ratio)) => {
            format!("running {}%", (ratio * 100.0).floor() as u32)
        }
        (state, _) => state.to_string(),
    }
}

fn speed(task: &Task) -> String {
    if task.state != TaskState::Running || task.progress.bytes_per_sec < 1.0 {
        return String::new();
    }
    format!("{}/s", human_bytes(task.progress.bytes_per_sec as u64))
}

fn time_left(task: &Task) -> String {
    match task.progress.time_left {
        Some(left) if task.state == TaskState::Running => clock(left),
        _ => String::new(),
    }
}

/// "42s", "3m05s", "1h12m".
fn clock(left: Duration) -> String {
    let secs = left.as_secs();
    match secs {
        0..60 => format!("{secs}s"),
        60..3600 => format!("{}m{:02}s", secs / 60, secs % 60),
        _ => format!("{}h{:02}m", secs / 3600, (secs % 3600) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gauge_fills_with_the_share_done() {
        let half = Progress {
            bytes_done: 50,
            bytes_total: Some(100),
            ..Progress::default()
        };
        assert_eq!(gauge(&half), "[#####-----]  50%");
        assert_eq!(gauge(&Progress::default()), "");
    }

    fn task(state: TaskState, progress: Progress) -> Task {
        Task {
            id: crate::tasks::TaskId(1),
            kind: crate::tasks::TaskKind::Save,
            title: "save Report.docx".to_owned(),
            state,
            progress,
            log: Vec::new(),
            result: None,
            failure: None,
            attempt: 1,
        }
    }

    #[test]
    fn the_state_fits_in_a_word_or_two() {
        let waiting = task(TaskState::WaitingForServer, Progress::default());
        assert_eq!(state_words(&waiting), "waiting");
        let progress = Progress {
            bytes_done: 45,
            bytes_total: Some(100),
            ..Progress::default()
        };
        let running = task(TaskState::Running, progress);
        assert_eq!(state_words(&running), "running 45%");
        let unknown = task(TaskState::Running, Progress::default());
        assert_eq!(state_words(&unknown), "running");
        let done = task(TaskState::Succeeded, Progress::default());
        assert_eq!(state_words(&done), "succeeded");
        for state in [&waiting, &running, &done] {
            assert!(state_words(state).len() <= usize::from(STATE_WIDTH));
        }
    }

    #[test]
    fn time_left_reads_as_a_clock() {
        assert_eq!(clock(Duration::from_secs(42)), "42s");
        assert_eq!(clock(Duration::from_secs(185)), "3m05s");
        assert_eq!(clock(Duration::from_secs(4320)), "1h12m");
    }
}
