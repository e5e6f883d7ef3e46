//! Which hints the bottom line keeps when it is too narrow for all of them.

use super::Action;

/// The hinted actions in the order they claim room: what the pane is for comes before
/// moving about, so that at 80 columns the folder view still shows `a` and `s` (and gives
/// up Backspace, which people try anyway). Hinted actions not named here come last, in
/// table order.
const CLAIM_ORDER: &[Action] = &[
    Action::Help,
    Action::ActionForm,
    Action::Save,
    Action::Mark,
    Action::Filter,
    Action::Quit,
    Action::Open,
    Action::NewSession,
    Action::CancelTask,
    Action::RetryTask,
    Action::Details,
    Action::Back,
    Action::StopSession,
    Action::Events,
    Action::ClearTasks,
];

/// The columns one hint takes on the bar: a space, the key, a space, the word, a space.
pub fn hint_width(key: &str, word: &str) -> usize {
    crate::console::text::width(key) + crate::console::text::width(word) + 3
}

/// Keeps the hints that fit in `width` columns, choosing by [`CLAIM_ORDER`] and answering
/// them in their table order.
pub fn fit(
    hints: Vec<(Action, String, &'static str)>,
    width: usize,
) -> Vec<(String, &'static str)> {
    let rank = |action: Action| {
        CLAIM_ORDER
            .iter()
            .position(|a| *a == action)
            .unwrap_or(CLAIM_ORDER.len())
    };
    let mut order: Vec<usize> = (0..hints.len()).collect();
    order.sort_by_key(|&i| rank(hints[i].0));

    let mut kept = vec![false; hints.len()];
    let mut used = 0;
    for i in order {
        let cost = hint_width(&hints[i].1, hints[i].2);
        if used + cost <= width {
            used += cost;
            kept[i] = true;
        }
    }
    hints
        .into_iter()
        .zip(kept)
        .filter(|(_, keep)| *keep)
        .map(|((_, key, word), _)| (key, word))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(action: Action, key: &str, word: &'static str) -> (Action, String, &'static str) {
        (action, key.to_owned(), word)
    }

    #[test]
    fn the_pane_purpose_outlasts_moving_about_and_keeps_table_order() {
        let hints = vec![
            hint(Action::Open, "Enter", "open"),
            hint(Action::Sort, "o", "sort"),
            hint(Action::ActionForm, "a", "act"),
        ];
        let kept = fit(hints, 20);
        assert_eq!(
            kept,
            vec![("Enter".to_owned(), "open"), ("a".to_owned(), "act")]
        );
    }

    #[test]
    fn everything_shows_when_there_is_room() {
        let hints = vec![
            hint(Action::Sort, "o", "sort"),
            hint(Action::Open, "Enter", "open"),
        ];
        assert_eq!(fit(hints, 80).len(), 2);
    }
}
