//! A cursor over a list that may be far longer than the screen.

/// The selected row and the first row on screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves by `delta` rows within `len`, keeping the selection on screen.
    pub fn move_by(&mut self, delta: isize, len: usize, height: usize) {
        if len == 0 {
            *self = Cursor::default();
            return;
        }
        let target = self.selected as isize + delta;
        self.selected = target.clamp(0, len as isize - 1) as usize;
        self.scroll_into_view(height);
    }

    pub fn top(&mut self) {
        *self = Cursor::default();
    }

    pub fn bottom(&mut self, len: usize, height: usize) {
        self.selected = len.saturating_sub(1);
        self.scroll_into_view(height);
    }

    /// Selects `index`, keeping it `screen_row` rows from the top when the list allows.
    pub fn select_at(&mut self, index: usize, screen_row: usize, height: usize) {
        self.selected = index;
        self.offset = index.saturating_sub(screen_row.min(height.saturating_sub(1)));
        self.scroll_into_view(height);
    }

    /// Keeps the cursor inside a list that shrank or grew.
    pub fn clamp(&mut self, len: usize, height: usize) {
        if len == 0 {
            *self = Cursor::default();
            return;
        }
        self.selected = self.selected.min(len - 1);
        self.offset = self.offset.min(self.selected);
        self.scroll_into_view(height);
    }

    /// Adjusts the offset so that the selected row is visible in `height` rows.
    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }

    /// The selected row's position on screen.
    pub fn screen_row(&self) -> usize {
        self.selected - self.offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_keeps_the_selection_on_screen() {
        let mut cursor = Cursor::default();
        cursor.move_by(25, 100, 10);
        assert_eq!(
            cursor,
            Cursor {
                selected: 25,
                offset: 16
            }
        );
        cursor.move_by(-20, 100, 10);
        assert_eq!(
            cursor,
            Cursor {
                selected: 5,
                offset: 5
            }
        );
        cursor.move_by(1_000, 100, 10);
        assert_eq!(
            cursor,
            Cursor {
                selected: 99,
                offset: 90
            }
        );
        cursor.clamp(3, 10);
        assert_eq!(
            cursor,
            Cursor {
                selected: 2,
                offset: 2
            }
        );
    }

    #[test]
    fn select_at_restores_the_screen_row() {
        let mut cursor = Cursor::default();
        cursor.select_at(50, 4, 10);
        assert_eq!(
            cursor,
            Cursor {
                selected: 50,
                offset: 46
            }
        );
        assert_eq!(cursor.screen_row(), 4);
    }
}
