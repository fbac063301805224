use super::*;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::CONTROL)
}

fn typed(input: &mut TextInput, s: &str) {
    for c in s.chars() {
        assert!(input.handle_key(key(KeyCode::Char(c))), "{c:?}");
    }
}

#[test]
fn insertion_and_danish_letters() {
    let mut t = TextInput::new("", false);
    typed(&mut t, "Æblegrød på Ærø");
    assert_eq!(t.value(), "Æblegrød på Ærø");
    assert_eq!(t.cursor(), (0, 15));
    assert!(t.handle_key(key(KeyCode::Home)));
    assert!(t.handle_key(key(KeyCode::Right)));
    typed(&mut t, "ø");
    assert_eq!(t.value(), "Æøblegrød på Ærø");
    assert!(t.handle_key(key(KeyCode::Backspace)));
    assert!(t.handle_key(key(KeyCode::Backspace)));
    assert_eq!(t.value(), "blegrød på Ærø");
    assert!(!t.handle_key(key(KeyCode::Backspace)));
    assert!(t.handle_key(key(KeyCode::Delete)));
    assert_eq!(t.value(), "legrød på Ærø");
    assert!(t.handle_key(ctrl(KeyCode::Char('e'))));
    assert_eq!(t.cursor(), (0, 13));
    assert!(!t.handle_key(key(KeyCode::Delete)));
    assert!(!t.handle_key(key(KeyCode::Right)));
    assert!(t.handle_key(ctrl(KeyCode::Char('a'))));
    assert_eq!(t.cursor(), (0, 0));
    // Emoji and other wide characters are single characters to the cursor.
    t.set_value("a😀b");
    assert_eq!(t.cursor(), (0, 3));
    assert!(t.handle_key(key(KeyCode::Left)));
    assert!(t.handle_key(key(KeyCode::Backspace)));
    assert_eq!(t.value(), "ab");
}

#[test]
fn keys_that_are_not_consumed() {
    let mut t = TextInput::new("x", false);
    for k in [
        key(KeyCode::Enter),
        key(KeyCode::Tab),
        key(KeyCode::Esc),
        key(KeyCode::Up),
        key(KeyCode::Down),
        key(KeyCode::F(2)),
        ctrl(KeyCode::Char('s')),
        KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT),
        KeyEvent::new_with_kind(
            KeyCode::Char('y'),
            KeyModifiers::NONE,
            KeyEventKind::Release,
        ),
    ] {
        assert!(!t.handle_key(k), "{k:?}");
    }
    assert_eq!(t.value(), "x");
    // AltGr on Windows arrives as Ctrl+Alt and must still type.
    assert!(t.handle_key(KeyEvent::new(
        KeyCode::Char('@'),
        KeyModifiers::CONTROL | KeyModifiers::ALT
    )));
    assert!(t.handle_key(KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT)));
    assert_eq!(t.value(), "x@A");
}

#[test]
fn word_editing() {
    let mut t = TextInput::new("Sag om økonomi  ", false);
    assert!(t.handle_key(ctrl(KeyCode::Char('w'))));
    assert_eq!(t.value(), "Sag om ");
    assert!(t.handle_key(ctrl(KeyCode::Backspace)));
    assert_eq!(t.value(), "Sag ");
    assert!(t.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::ALT)));
    assert_eq!(t.value(), "");
    assert!(!t.handle_key(ctrl(KeyCode::Char('w'))));

    t.set_value("én to  tre");
    assert!(t.handle_key(ctrl(KeyCode::Left)));
    assert_eq!(t.cursor(), (0, 7));
    assert!(t.handle_key(ctrl(KeyCode::Left)));
    assert_eq!(t.cursor(), (0, 3));
    assert!(t.handle_key(ctrl(KeyCode::Left)));
    assert_eq!(t.cursor(), (0, 0));
    assert!(!t.handle_key(ctrl(KeyCode::Left)));
    assert!(t.handle_key(ctrl(KeyCode::Right)));
    assert_eq!(t.cursor(), (0, 2));
    assert!(t.handle_key(ctrl(KeyCode::Right)));
    assert_eq!(t.cursor(), (0, 5));
    assert!(t.handle_key(ctrl(KeyCode::Delete)));
    assert_eq!(t.value(), "én to");
    assert!(t.handle_key(ctrl(KeyCode::Char('u'))));
    assert_eq!((t.value().as_str(), t.cursor()), ("", (0, 0)));

    t.set_value("før efter");
    t.handle_key(ctrl(KeyCode::Left));
    assert!(t.handle_key(ctrl(KeyCode::Char('k'))));
    assert_eq!(t.value(), "før ");
    assert!(!t.handle_key(ctrl(KeyCode::Char('k'))));
}

#[test]
fn paste_single_and_multi() {
    let mut t = TextInput::new("ab", false);
    t.handle_key(key(KeyCode::Left));
    t.paste("x\r\ny\rz\nw\t\u{1b}v");
    assert_eq!(t.value(), "ax y z w vb");
    assert_eq!(t.cursor(), (0, 10));

    let mut m = TextInput::new("ab", true);
    m.handle_key(key(KeyCode::Left));
    m.paste("x\r\ny\rz\n\u{1b}æ");
    assert_eq!(m.value(), "ax\ny\nz\næb");
    assert_eq!(m.cursor(), (3, 1));
    m.paste("");
    assert_eq!(m.value(), "ax\ny\nz\næb");
    m.paste("\n");
    assert_eq!(m.value(), "ax\ny\nz\næ\nb");
    assert_eq!(m.cursor(), (4, 0));
}

#[test]
fn set_value_normalises() {
    let t = TextInput::new("a\r\nb", false);
    assert_eq!(t.value(), "a b");
    assert!(!t.is_multiline());
    let t = TextInput::new("a\r\nb\rc", true);
    assert_eq!(t.value(), "a\nb\nc");
    assert_eq!(t.cursor(), (2, 1));
    assert!(t.is_multiline());
}

#[test]
fn cursor_across_lines() {
    let mut t = TextInput::new("første\nto\ntredje linje", true);
    assert_eq!(t.cursor(), (2, 12));
    assert!(t.handle_key(key(KeyCode::Up)));
    assert_eq!(t.cursor(), (1, 2));
    // The column aimed for is kept across short lines.
    assert!(t.handle_key(key(KeyCode::Down)));
    assert_eq!(t.cursor(), (2, 12));
    t.handle_key(key(KeyCode::Up));
    assert!(t.handle_key(key(KeyCode::Up)));
    assert_eq!(t.cursor(), (0, 6));
    assert!(!t.handle_key(key(KeyCode::Up)));
    assert!(t.handle_key(key(KeyCode::Right)));
    assert_eq!(t.cursor(), (1, 0));
    assert!(t.handle_key(key(KeyCode::Left)));
    assert_eq!(t.cursor(), (0, 6));
    assert!(t.handle_key(key(KeyCode::Delete)));
    assert_eq!(t.value(), "førsteto\ntredje linje");
    assert!(t.handle_key(key(KeyCode::Enter)));
    assert_eq!(t.value(), "første\nto\ntredje linje");
    assert_eq!(t.cursor(), (1, 0));
    assert!(t.handle_key(key(KeyCode::Backspace)));
    assert_eq!(t.cursor(), (0, 6));
    t.handle_key(key(KeyCode::Enter));
    assert!(t.handle_key(ctrl(KeyCode::Char('w'))));
    assert_eq!(t.cursor(), (0, 6));
    assert!(t.handle_key(ctrl(KeyCode::End)));
    assert_eq!(t.value(), "førsteto\ntredje linje");
    assert_eq!(t.cursor(), (1, 12));
    assert!(t.handle_key(ctrl(KeyCode::Home)));
    assert_eq!(t.cursor(), (0, 0));
    assert!(!t.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::CONTROL)));
    // Up/Down aim for display columns: a wide char takes two.
    let mut t = TextInput::new("日本語\nabcdef", true);
    t.handle_key(key(KeyCode::End));
    t.handle_key(key(KeyCode::Left));
    assert!(t.handle_key(key(KeyCode::Up)));
    assert_eq!(t.cursor(), (0, 2));
}

#[test]
fn single_line_view_scrolls_sideways() {
    let t = TextInput::new("abcdefghij", false);
    assert_eq!(t.view(20, 1), (vec!["abcdefghij".to_string()], (10, 0)));
    assert_eq!(t.view(5, 3), (vec!["ghij".to_string()], (4, 0)));
    let mut t = TextInput::new("abcdefghij", false);
    t.handle_key(key(KeyCode::Home));
    assert_eq!(t.view(5, 1), (vec!["abcde".to_string()], (0, 0)));
    // Wide characters count two columns; one cut by the left edge is blanked.
    let t = TextInput::new("日本語x", false);
    assert_eq!(t.view(4, 1), (vec!["語x".to_string()], (3, 0)));
    let t = TextInput::new("日本語xy", false);
    assert_eq!(t.view(4, 1), (vec![" xy".to_string()], (3, 0)));
    // Control characters are shown safely and widths follow what is shown.
    let t = TextInput::new("a\tb\u{1b}", false);
    assert_eq!(t.view(10, 1), (vec!["a b\u{241B}".to_string()], (4, 0)));
    assert_eq!(t.view(0, 1), (vec![], (0, 0)));
    assert_eq!(t.view(1, 0), (vec![], (0, 0)));
}

#[test]
fn multi_line_view_wraps_and_scrolls() {
    let mut t = TextInput::new("en\nto\ntre\nfire\nfem", true);
    assert_eq!(
        t.view(10, 3),
        (
            vec!["tre".to_string(), "fire".to_string(), "fem".to_string()],
            (3, 2)
        )
    );
    t.handle_key(ctrl(KeyCode::Home));
    assert_eq!(
        t.view(10, 2),
        (vec!["en".to_string(), "to".to_string()], (0, 0))
    );
    // Long lines wrap; the cursor after a full last row gets a row of its own.
    let t = TextInput::new("abcdef\nxy", true);
    let (rows, cur) = t.view(4, 5);
    assert_eq!(rows, vec!["abcd", "ef", "xy"]);
    assert_eq!(cur, (2, 2));
    let t = TextInput::new("abcd", true);
    assert_eq!(
        t.view(4, 5),
        (vec!["abcd".to_string(), String::new()], (0, 1))
    );
    assert_eq!(t.view(4, 1), (vec![String::new()], (0, 0)));
    let mut t = TextInput::new("abcdefgh", true);
    t.handle_key(key(KeyCode::Home));
    for _ in 0..4 {
        t.handle_key(key(KeyCode::Right));
    }
    assert_eq!(
        t.view(4, 5),
        (vec!["abcd".to_string(), "efgh".to_string()], (0, 1))
    );
    // A wide char never splits across rows.
    let t = TextInput::new("ab日c", true);
    assert_eq!(t.view(3, 5).0, vec!["ab", "日c", ""]);
    let t = TextInput::new("ab日cd", true);
    assert_eq!(
        t.view(3, 5),
        (
            vec!["ab".to_string(), "日c".to_string(), "d".to_string()],
            (1, 2)
        )
    );
}

/// xorshift64*, so the test is the same every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

#[test]
fn random_keys_never_panic() {
    let chars = [
        'a', 'Z', ' ', 'æ', 'ø', 'å', 'Å', '😀', '日', '\u{301}', '\u{1b}', '\t', '\n', '\u{7f}',
        '\u{200d}', '-',
    ];
    let codes = [
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Esc,
        KeyCode::PageUp,
        KeyCode::Insert,
        KeyCode::F(1),
        KeyCode::Null,
    ];
    let mods = [
        KeyModifiers::NONE,
        KeyModifiers::CONTROL,
        KeyModifiers::ALT,
        KeyModifiers::SHIFT,
        KeyModifiers::CONTROL | KeyModifiers::ALT,
        KeyModifiers::CONTROL | KeyModifiers::SHIFT,
    ];
    let ctrl_letters = ['a', 'e', 'w', 'u', 'k', 'h', 'b', 'f', 'x'];
    let seed = std::env::var("SECRETARIAT_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15_u64);
    eprintln!("random_keys_never_panic: SECRETARIAT_TEST_SEED={seed}");
    let mut rng = Rng(seed);
    for multiline in [false, true] {
        let mut t = TextInput::new("Æblegrød 😀\nlinje to", multiline);
        for _ in 0..20_000 {
            let r = rng.next() % 10;
            let code = match r {
                0..=3 => KeyCode::Char(rng.pick(&chars)),
                4 => KeyCode::Char(rng.pick(&ctrl_letters)),
                _ => rng.pick(&codes),
            };
            let m = if r == 4 {
                KeyModifiers::CONTROL
            } else {
                rng.pick(&mods)
            };
            let before = t.clone();
            let consumed = t.handle_key(KeyEvent::new(code, m));
            if !consumed {
                assert_eq!(
                    (&before.lines, before.line, before.col),
                    (&t.lines, t.line, t.col)
                );
            }
            if rng.next().is_multiple_of(50) {
                let s: String = (0..rng.next() % 6).map(|_| rng.pick(&chars)).collect();
                t.paste(&s);
            }
            // Invariants.
            assert!(!t.lines.is_empty());
            assert!(t.line < t.lines.len());
            assert!(t.col <= t.lines[t.line].chars().count());
            if !multiline {
                assert_eq!(t.lines.len(), 1);
                assert!(!t.value().contains('\n'));
            }
            let (w, h) = ((rng.next() % 8) as u16, (rng.next() % 4) as u16);
            let (rows, (x, y)) = t.view(w, h);
            assert!(rows.len() <= usize::from(h));
            if w > 0 && h > 0 {
                assert!(x < w && usize::from(y) < rows.len(), "{rows:?} {x} {y}");
                assert!(rows.iter().all(|r| r.chars().all(|c| !c.is_control())));
            }
            if t.value().len() > 200 {
                t.set_value("");
            }
        }
    }
}

#[test]
fn multi_line_text_wraps_at_word_boundaries() {
    let t = TextInput::new("tog orienteringen til efterretning", true);
    let rows = t.view_top(20, 5);
    assert_eq!(rows, vec!["tog orienteringen ", "til efterretning"]);
    // A word longer than the row breaks where it must.
    let t = TextInput::new("a sammenlægningsbestemmelserne", true);
    let rows = t.view_top(10, 5);
    assert_eq!(rows, vec!["a ", "sammenlægn", "ingsbestem", "melserne"]);
    // The cursor at the end of the text is after the last word, on its row.
    let t = TextInput::new("tog orienteringen til efterretning", true);
    let (rows, (x, y)) = t.view(20, 5);
    assert_eq!((x, y), (16, 1), "{rows:?}");
}
