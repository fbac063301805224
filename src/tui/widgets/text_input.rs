//! A text editing buffer for form fields: single-line or multi-line, cursor in characters, editing
//! keys in the readline style most terminal users know. No rendering beyond [`TextInput::view`],
//! which gives the visible lines and the cursor position for any widget to draw.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::tui::text::{char_width, safe_char};

/// The text being edited and where the cursor is.
///
/// Invariants: `lines` is never empty; a single-line input has exactly one line; `line < lines.len()`;
/// `col <= chars in lines[line]`. The cursor is a character index, never a byte index, so multi-byte
/// characters (æøå, emoji) cannot be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextInput {
    lines: Vec<String>,
    line: usize,
    col: usize,
    multiline: bool,
    /// The display column Up/Down aim for, kept across consecutive vertical moves.
    goal_x: Option<usize>,
}

/// Byte offset of the `col`th character of `s` (the end when `col` is past it).
fn byte_at(s: &str, col: usize) -> usize {
    s.char_indices().nth(col).map_or(s.len(), |(i, _)| i)
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Display columns of the first `col` characters of `s`, as [`TextInput::view`] shows them.
fn prefix_width(s: &str, col: usize) -> usize {
    s.chars().take(col).map(|c| char_width(safe_char(c))).sum()
}

/// Line endings normalised: "\r\n" and "\r" become "\n".
fn normalise_newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

impl TextInput {
    pub fn new(value: &str, multiline: bool) -> TextInput {
        let mut input = TextInput {
            lines: vec![String::new()],
            line: 0,
            col: 0,
            multiline,
            goal_x: None,
        };
        input.set_value(value);
        input
    }

    /// The first rows of the text, wrapped as [`TextInput::view`] wraps them, from the top: how a
    /// field that is not being edited shows.
    pub fn view_top(&self, width: u16, height: u16) -> Vec<String> {
        let mut top = self.clone();
        top.line = 0;
        top.col = 0;
        top.goal_x = None;
        top.view(width, height).0
    }

    /// The text, lines joined by '\n'.
    pub fn value(&self) -> String {
        self.lines.join("\n")
    }

    /// Replaces the text and puts the cursor at its end. Line endings are normalised to '\n'; in a
    /// single-line input newlines become spaces. Other characters are kept as given (the view shows
    /// control characters safely).
    pub fn set_value(&mut self, v: &str) {
        let v = normalise_newlines(v);
        self.lines = if self.multiline {
            v.split('\n').map(str::to_string).collect()
        } else {
            vec![v.replace('\n', " ")]
        };
        if self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.line = self.lines.len() - 1;
        self.col = char_len(&self.lines[self.line]);
        self.goal_x = None;
    }

    pub fn is_multiline(&self) -> bool {
        self.multiline
    }

    /// (line, column in chars).
    pub fn cursor(&self) -> (usize, usize) {
        (self.line, self.col)
    }

    /// Handles an editing key; returns true when the key was consumed, which is exactly when it
    /// changed the text or the cursor. A recognised key with nothing to do (Left at the very start,
    /// Backspace in an empty field, Up on the first line) returns false, so the caller may use it,
    /// e.g. Up/Down to move between fields.
    ///
    /// Keys: printable chars insert; Backspace/Delete; Left/Right/Up/Down (Up/Down only multiline);
    /// Home/End and Ctrl-a/Ctrl-e (line start/end; Ctrl-Home/Ctrl-End: start/end of the text);
    /// Ctrl-Left/Ctrl-Right word-wise move; Ctrl-w and Ctrl-Backspace delete the word before the
    /// cursor; Ctrl-Delete the word after it; Ctrl-u deletes to line start; Ctrl-k deletes to line end;
    /// Ctrl-h is Backspace; Enter inserts a newline ONLY when multiline and without Ctrl/Alt (else not
    /// consumed). Tab and Esc are never consumed.
    ///
    /// Nothing needs Alt. As conveniences for macOS terminals, where Option+arrow and
    /// Option+Backspace arrive as Alt, Alt-Left/Right/Backspace act like their Ctrl forms and Alt-b/Alt-f
    /// move by word; other Alt+letter keys are not consumed. Ctrl+Alt+char (AltGr on Windows) inserts
    /// the char. Key releases are ignored.
    pub fn handle_key(&mut self, key: KeyEvent) -> bool {
        if key.kind == KeyEventKind::Release {
            return false;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let vertical = matches!(key.code, KeyCode::Up | KeyCode::Down);
        if !vertical {
            self.goal_x = None;
        }
        match key.code {
            KeyCode::Char(c) if ctrl && !alt => match c.to_ascii_lowercase() {
                'a' => self.line_start(),
                'e' => self.line_end(),
                'w' => self.delete_word_before(),
                'u' => self.delete_to_line_start(),
                'k' => self.delete_to_line_end(),
                'h' => self.backspace(),
                _ => false,
            },
            KeyCode::Char(c) if alt && !ctrl => match c {
                'b' => self.word_left(),
                'f' => self.word_right(),
                _ => false,
            },
            KeyCode::Char(c) => {
                if c.is_control() {
                    false
                } else {
                    self.insert_char(c);
                    true
                }
            }
            KeyCode::Backspace if ctrl || alt => self.delete_word_before(),
            KeyCode::Backspace => self.backspace(),
            KeyCode::Delete if ctrl => self.delete_word_after(),
            KeyCode::Delete => self.delete(),
            KeyCode::Left if ctrl || alt => self.word_left(),
            KeyCode::Left => self.left(),
            KeyCode::Right if ctrl || alt => self.word_right(),
            KeyCode::Right => self.right(),
            KeyCode::Up if self.multiline => self.vertical(false),
            KeyCode::Down if self.multiline => self.vertical(true),
            KeyCode::Home if ctrl => self.move_to(0, 0),
            KeyCode::Home => self.line_start(),
            KeyCode::End if ctrl => {
                let last = self.lines.len() - 1;
                self.move_to(last, char_len(&self.lines[last]))
            }
            KeyCode::End => self.line_end(),
            KeyCode::Enter if self.multiline && !ctrl && !alt => {
                self.insert_newline();
                true
            }
            _ => false,
        }
    }

    /// Bracketed paste: inserts text at the cursor, which ends after it. "\r\n" and "\r" are
    /// normalised to '\n'; in single-line inputs newlines and tabs become spaces. Other control
    /// characters (ESC etc.) are dropped.
    pub fn paste(&mut self, text: &str) {
        self.goal_x = None;
        let text = normalise_newlines(text);
        let text: String = text
            .chars()
            .filter_map(|c| match c {
                '\n' | '\t' if !self.multiline => Some(' '),
                '\n' | '\t' => Some(c),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        if text.is_empty() {
            return;
        }
        self.clamp();
        let b = byte_at(&self.lines[self.line], self.col);
        let tail = self.lines[self.line].split_off(b);
        let mut segments = text.split('\n');
        if let Some(first) = segments.next() {
            self.lines[self.line].push_str(first);
            self.col += char_len(first);
        }
        for seg in segments {
            self.line += 1;
            self.lines.insert(self.line, seg.to_string());
            self.col = char_len(seg);
        }
        self.lines[self.line].push_str(&tail);
    }

    /// For rendering: the visible lines given a width and height, scrolled so the cursor is visible,
    /// plus the cursor's (x, y) within that window (x in terminal columns, using unicode-width).
    ///
    /// Control characters are shown as [`safe_char`] gives them (tab as a space, ESC as ␛), so the
    /// lines are safe to draw. A single-line input scrolls sideways; a multi-line input wraps long
    /// lines at `width` columns (at word boundaries; a word longer than a row by character, never
    /// splitting a wide one) and scrolls up and down.
    /// When the cursor sits after a line that fills the width exactly, an empty row is shown for it.
    /// With a zero width or height, nothing is visible and the cursor is (0, 0).
    pub fn view(&self, width: u16, height: u16) -> (Vec<String>, (u16, u16)) {
        if width == 0 || height == 0 {
            return (Vec::new(), (0, 0));
        }
        let w = usize::from(width);
        let h = usize::from(height);
        let line_idx = self.line.min(self.lines.len() - 1);
        if !self.multiline {
            let (visible, x) = scroll_sideways(&self.lines[line_idx], self.col, w);
            return (vec![visible], (to_u16(x), 0));
        }
        let mut rows: Vec<String> = Vec::new();
        let (mut cur_row, mut cur_x) = (0, 0);
        for (i, l) in self.lines.iter().enumerate() {
            let chunks = wrap(l, w);
            if i != line_idx {
                rows.extend(chunks.into_iter().map(|c| c.text));
                continue;
            }
            let col = self.col.min(char_len(l));
            let k = chunks.iter().rposition(|c| c.start <= col).unwrap_or(0);
            let n = chunks.len();
            let mut extra_row = false;
            for (j, chunk) in chunks.into_iter().enumerate() {
                if j == k {
                    let x = prefix_width(l, col) - prefix_width(l, chunk.start);
                    if x >= w {
                        // Only at the end of a full last row: the cursor goes on a row of its own.
                        cur_row = rows.len() + 1;
                        cur_x = 0;
                        extra_row = j + 1 == n;
                    } else {
                        cur_row = rows.len();
                        cur_x = x;
                    }
                }
                rows.push(chunk.text);
            }
            if extra_row {
                rows.push(String::new());
            }
        }
        let top = (cur_row + 1).saturating_sub(h);
        let end = (top + h).min(rows.len());
        let visible = rows
            .get(top..end)
            .map(<[String]>::to_vec)
            .unwrap_or_default();
        (visible, (to_u16(cur_x), to_u16(cur_row - top)))
    }

    // --- editing operations; each returns whether anything changed ---

    /// Restores the invariants, in case of a bug elsewhere; never needed in practice.
    fn clamp(&mut self) {
        if self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.line = self.line.min(self.lines.len() - 1);
        self.col = self.col.min(char_len(&self.lines[self.line]));
    }

    fn cur_len(&self) -> usize {
        char_len(&self.lines[self.line])
    }

    fn move_to(&mut self, line: usize, col: usize) -> bool {
        self.clamp();
        let line = line.min(self.lines.len() - 1);
        let col = col.min(char_len(&self.lines[line]));
        let changed = (line, col) != (self.line, self.col);
        self.line = line;
        self.col = col;
        changed
    }

    fn insert_char(&mut self, c: char) {
        self.clamp();
        let b = byte_at(&self.lines[self.line], self.col);
        self.lines[self.line].insert(b, c);
        self.col += 1;
    }

    fn insert_newline(&mut self) {
        self.clamp();
        let b = byte_at(&self.lines[self.line], self.col);
        let rest = self.lines[self.line].split_off(b);
        self.line += 1;
        self.lines.insert(self.line, rest);
        self.col = 0;
    }

    /// Removes characters `from..to` of the current line and puts the cursor at `from`.
    fn remove_range(&mut self, from: usize, to: usize) -> bool {
        self.clamp();
        let to = to.min(self.cur_len());
        if from >= to {
            return false;
        }
        let l = &mut self.lines[self.line];
        let (a, b) = (byte_at(l, from), byte_at(l, to));
        l.replace_range(a..b, "");
        self.col = from;
        true
    }

    /// Joins the current line with the previous one; the cursor goes to the join.
    fn join_with_previous(&mut self) -> bool {
        self.clamp();
        if self.line == 0 {
            return false;
        }
        let cur = self.lines.remove(self.line);
        self.line -= 1;
        self.col = self.cur_len();
        self.lines[self.line].push_str(&cur);
        true
    }

    fn backspace(&mut self) -> bool {
        self.clamp();
        if self.col > 0 {
            self.remove_range(self.col - 1, self.col)
        } else {
            self.join_with_previous()
        }
    }

    fn delete(&mut self) -> bool {
        self.clamp();
        if self.col < self.cur_len() {
            self.remove_range(self.col, self.col + 1)
        } else if self.line + 1 < self.lines.len() {
            let next = self.lines.remove(self.line + 1);
            self.lines[self.line].push_str(&next);
            true
        } else {
            false
        }
    }

    fn left(&mut self) -> bool {
        self.clamp();
        if self.col > 0 {
            self.col -= 1;
            true
        } else if self.line > 0 {
            self.line -= 1;
            self.col = self.cur_len();
            true
        } else {
            false
        }
    }

    fn right(&mut self) -> bool {
        self.clamp();
        if self.col < self.cur_len() {
            self.col += 1;
            true
        } else if self.line + 1 < self.lines.len() {
            self.line += 1;
            self.col = 0;
            true
        } else {
            false
        }
    }

    fn line_start(&mut self) -> bool {
        self.move_to(self.line, 0)
    }

    fn line_end(&mut self) -> bool {
        self.clamp();
        self.move_to(self.line, self.cur_len())
    }

    /// Column of the start of the word before `col` in the current line: whitespace is skipped
    /// back, then the run of non-whitespace. A word is a run of non-whitespace characters.
    fn word_start_before(&self, col: usize) -> usize {
        let chars: Vec<char> = self.lines[self.line].chars().collect();
        let mut i = col.min(chars.len());
        while i > 0 && chars[i - 1].is_whitespace() {
            i -= 1;
        }
        while i > 0 && !chars[i - 1].is_whitespace() {
            i -= 1;
        }
        i
    }

    /// Column of the end of the word after `col` in the current line.
    fn word_end_after(&self, col: usize) -> usize {
        let chars: Vec<char> = self.lines[self.line].chars().collect();
        let mut i = col.min(chars.len());
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        i
    }

    fn word_left(&mut self) -> bool {
        self.clamp();
        if self.col == 0 {
            return self.left();
        }
        let to = self.word_start_before(self.col);
        self.move_to(self.line, to)
    }

    fn word_right(&mut self) -> bool {
        self.clamp();
        if self.col == self.cur_len() {
            return self.right();
        }
        let to = self.word_end_after(self.col);
        self.move_to(self.line, to)
    }

    fn delete_word_before(&mut self) -> bool {
        self.clamp();
        if self.col == 0 {
            return self.join_with_previous();
        }
        let from = self.word_start_before(self.col);
        self.remove_range(from, self.col)
    }

    fn delete_word_after(&mut self) -> bool {
        self.clamp();
        if self.col == self.cur_len() {
            return self.delete();
        }
        let to = self.word_end_after(self.col);
        let col = self.col;
        self.remove_range(col, to)
    }

    fn delete_to_line_start(&mut self) -> bool {
        self.clamp();
        self.remove_range(0, self.col)
    }

    fn delete_to_line_end(&mut self) -> bool {
        self.clamp();
        let col = self.col;
        let len = self.cur_len();
        self.remove_range(col, len)
    }

    /// Up or Down one line, aiming for the display column the vertical moves started from.
    fn vertical(&mut self, down: bool) -> bool {
        self.clamp();
        let target = if down {
            if self.line + 1 >= self.lines.len() {
                return false;
            }
            self.line + 1
        } else {
            if self.line == 0 {
                return false;
            }
            self.line - 1
        };
        let goal = *self
            .goal_x
            .get_or_insert_with(|| prefix_width(&self.lines[self.line], self.col));
        let mut x = 0;
        let mut col = 0;
        for c in self.lines[target].chars() {
            let w = char_width(safe_char(c));
            if x + w > goal {
                break;
            }
            x += w;
            col += 1;
        }
        self.line = target;
        self.col = col;
        true
    }
}

fn to_u16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// One display row of a wrapped line: the safe text and the character index it starts at.
struct Chunk {
    start: usize,
    text: String,
}

/// Splits a line into rows of at most `width` columns (a character wider than `width` gets a row
/// of its own). An empty line is one empty row.
fn wrap(line: &str, width: usize) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut cur = Chunk {
        start: 0,
        text: String::new(),
    };
    let mut cur_w = 0;
    for (i, c) in line.chars().enumerate() {
        let c = safe_char(c);
        let w = char_width(c);
        if cur_w + w > width && cur_w > 0 {
            // Break after the last space of the row, so a word moves whole to the next row; a
            // word longer than the row (or a row without a space) breaks where it must. A space
            // that overflows stays at the end of the row (the cursor may sit after it).
            let chars: Vec<char> = cur.text.chars().collect();
            let cut = match chars.iter().rposition(|&x| x == ' ') {
                _ if c == ' ' => None,
                Some(k) if k + 1 < chars.len() => Some(k + 1),
                _ => None,
            };
            match cut {
                Some(k) => {
                    let tail: String = chars[k..].iter().collect();
                    let head: String = chars[..k].iter().collect();
                    let start = cur.start + k;
                    cur.text = head;
                    chunks.push(std::mem::replace(&mut cur, Chunk { start, text: tail }));
                    cur_w = cur.text.chars().map(char_width).sum();
                }
                None if c == ' ' => {
                    cur.text.push(c);
                    cur_w += w;
                    continue;
                }
                None => {
                    chunks.push(std::mem::replace(
                        &mut cur,
                        Chunk {
                            start: i,
                            text: String::new(),
                        },
                    ));
                    cur_w = 0;
                }
            }
        }
        cur.text.push(c);
        cur_w += w;
    }
    chunks.push(cur);
    chunks
}

/// The part of a single line visible in `width` columns with the cursor at character `col`, and the
/// cursor's x in it. Scrolls just far enough that the cursor (and a cell for it) fits.
fn scroll_sideways(line: &str, col: usize, width: usize) -> (String, usize) {
    let cursor_x = prefix_width(line, col);
    let left = (cursor_x + 1).saturating_sub(width);
    let mut out = String::new();
    let mut pos = 0;
    let mut prev_shown = false;
    for c in line.chars() {
        let c = safe_char(c);
        let w = char_width(c);
        if w == 0 {
            // Combining marks go with the character before them.
            if prev_shown {
                out.push(c);
            }
            continue;
        }
        if pos >= left && pos + w <= left + width {
            out.push(c);
            prev_shown = true;
        } else {
            if pos < left && pos + w > left {
                // A wide character cut by the left edge: blank its visible part.
                for _ in left..(pos + w).min(left + width) {
                    out.push(' ');
                }
            }
            prev_shown = false;
            if pos >= left + width {
                break;
            }
        }
        pos += w;
    }
    (out, cursor_x - left)
}

#[cfg(test)]
mod tests;
