//! The list every screen shows: rows built once per change of the workspace (not per frame),
//! filtered incrementally by folded words, and drawn a page at a time.

use ratatui::layout::Constraint;
use ratatui::text::Line;

use super::text::{fold, matches_folded};

/// One row: the record it opens, its cells, and the words it is found by.
#[derive(Debug, Clone)]
pub struct ListRow {
    pub id: String,
    pub cells: Vec<Line<'static>>,
    /// Words not shown in a column that the filter also finds.
    extra: String,
    /// The cells' text and `extra`, folded: made the first time the list is filtered, not when
    /// the row is built (most lists are never filtered, and folding is most of a row's cost).
    folded: std::sync::OnceLock<String>,
}

impl ListRow {
    /// A row whose search text is its cells' text plus `extra` (words not shown in a column).
    pub fn new(id: &str, cells: Vec<Line<'static>>, extra: &str) -> ListRow {
        ListRow {
            id: id.to_string(),
            cells,
            extra: extra.to_string(),
            folded: std::sync::OnceLock::new(),
        }
    }

    /// A row whose folded search text is already made (a screen that folds shared words once).
    pub fn with_folded(id: &str, cells: Vec<Line<'static>>, folded: String) -> ListRow {
        ListRow {
            id: id.to_string(),
            cells,
            extra: String::new(),
            folded: std::sync::OnceLock::from(folded),
        }
    }

    /// The folded text the filter searches (see [`fold`]).
    pub fn search(&self) -> &str {
        self.folded.get_or_init(|| {
            let mut s = String::new();
            for c in &self.cells {
                for span in &c.spans {
                    s.push_str(&span.content);
                }
                s.push(' ');
            }
            s.push_str(&self.extra);
            fold(&s)
        })
    }
}

/// The columns and rows of a screen's list.
#[derive(Debug, Clone, Default)]
pub struct ListModel {
    pub headers: Vec<&'static str>,
    pub widths: Vec<Constraint>,
    pub rows: Vec<ListRow>,
}

/// Where the user is in a list.
#[derive(Debug, Clone, Default)]
pub struct ListState {
    /// Index into `visible`.
    pub cursor: usize,
    /// The first visible row on screen.
    pub offset: usize,
    pub filter: String,
    /// Rows (indices into the model's rows) that pass the filter.
    pub visible: Vec<usize>,
}

impl ListState {
    /// Recomputes the visible rows for the current filter, keeping the cursor on the same record
    /// when it is still visible.
    pub fn refilter(&mut self, model: &ListModel) {
        let keep = self
            .visible
            .get(self.cursor)
            .and_then(|&i| model.rows.get(i))
            .map(|r| r.id.clone());
        let words: Vec<String> = fold(&self.filter)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        self.visible = if words.is_empty() {
            (0..model.rows.len()).collect()
        } else {
            model
                .rows
                .iter()
                .enumerate()
                .filter(|(_, r)| matches_folded(&words, r.search()))
                .map(|(i, _)| i)
                .collect()
        };
        self.cursor = keep
            .and_then(|id| {
                self.visible
                    .iter()
                    .position(|&i| model.rows.get(i).is_some_and(|r| r.id == id))
            })
            .unwrap_or(self.cursor)
            .min(self.visible.len().saturating_sub(1));
        self.settle(model, true);
    }

    /// Moves the cursor off a row that opens nothing (a heading, a hint: an empty id), onward in
    /// the direction it was going, else back; it stays when no row can be selected.
    pub fn settle(&mut self, model: &ListModel, forward: bool) {
        let selectable = |c: usize| {
            self.visible
                .get(c)
                .and_then(|&i| model.rows.get(i))
                .is_some_and(|r| !r.id.is_empty())
        };
        if self.visible.is_empty() || selectable(self.cursor) {
            return;
        }
        let n = self.visible.len();
        let ahead: Vec<usize> = if forward {
            (self.cursor + 1..n).collect()
        } else {
            (0..self.cursor).rev().collect()
        };
        let behind: Vec<usize> = if forward {
            (0..self.cursor).rev().collect()
        } else {
            (self.cursor + 1..n).collect()
        };
        if let Some(c) = ahead.into_iter().chain(behind).find(|&c| selectable(c)) {
            self.cursor = c;
        }
        // The first row to select: show the headings above it too.
        if !(0..self.cursor).any(selectable) {
            self.offset = 0;
        }
    }

    /// The id under the cursor.
    pub fn selected<'a>(&self, model: &'a ListModel) -> Option<&'a str> {
        self.visible
            .get(self.cursor)
            .and_then(|&i| model.rows.get(i))
            .map(|r| r.id.as_str())
    }

    /// Puts the cursor on the record with `id`, if it is visible.
    pub fn select_id(&mut self, model: &ListModel, id: &str) {
        if let Some(p) = self
            .visible
            .iter()
            .position(|&i| model.rows.get(i).is_some_and(|r| r.id == id))
        {
            self.cursor = p;
        }
    }

    /// Moves the cursor by `delta` rows, clamped.
    pub fn move_by(&mut self, delta: isize) {
        let n = self.visible.len();
        if n == 0 {
            self.cursor = 0;
            return;
        }
        let c = self.cursor as isize + delta;
        self.cursor = c.clamp(0, n as isize - 1) as usize;
    }

    /// Keeps the cursor on screen for a list `height` rows tall.
    pub fn scroll_into_view(&mut self, height: usize) {
        let h = height.max(1);
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + h {
            self.offset = self.cursor + 1 - h;
        }
        let max_off = self.visible.len().saturating_sub(h);
        self.offset = self.offset.min(max_off);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> ListModel {
        ListModel {
            headers: vec!["Nr", "Navn"],
            widths: vec![],
            rows: ["Økonomistyring", "Digital Post", "Sundhedsdata"]
                .iter()
                .enumerate()
                .map(|(i, n)| ListRow::new(&i.to_string(), vec![Line::from(n.to_string())], ""))
                .collect(),
        }
    }

    #[test]
    fn filter_is_case_and_accent_insensitive_and_keeps_the_cursor() {
        let m = model();
        let mut s = ListState::default();
        s.refilter(&m);
        assert_eq!(s.visible.len(), 3);
        s.cursor = 2;
        s.filter = "okonomi".into();
        s.refilter(&m);
        assert_eq!(s.visible, vec![0]);
        assert_eq!(s.selected(&m), Some("0"));
        s.filter = "DATA".into();
        s.refilter(&m);
        assert_eq!(s.selected(&m), Some("2"));
        s.filter.clear();
        s.refilter(&m);
        assert_eq!(s.selected(&m), Some("2"), "the cursor stays on the record");
    }

    #[test]
    fn cursor_and_scroll_stay_in_range() {
        let m = model();
        let mut s = ListState::default();
        s.refilter(&m);
        s.move_by(100);
        assert_eq!(s.cursor, 2);
        s.scroll_into_view(2);
        assert_eq!(s.offset, 1);
        s.move_by(-100);
        s.scroll_into_view(2);
        assert_eq!((s.cursor, s.offset), (0, 0));
        s.filter = "nothing matches".into();
        s.refilter(&m);
        s.move_by(1);
        assert_eq!(s.cursor, 0);
        assert_eq!(s.selected(&m), None);
    }
}
