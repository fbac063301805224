//! Colours and styles: the 16 named ANSI colours (SSH often drops true-colour support), or none at
//! all under NO_COLOR, where status still reads from the letters beside each dot.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;

use crate::i18n::rag_letter;
use crate::model::{Language, Rag};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }
    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }
    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn header(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn hint(&self) -> Style {
        self.fg(Color::DarkGray)
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn popup_border(&self) -> Style {
        self.fg(Color::Cyan)
    }
    pub fn input(&self) -> Style {
        Style::default()
    }
    pub fn input_focused(&self) -> Style {
        Style::default().add_modifier(Modifier::UNDERLINED)
    }
    pub fn tab(&self, active: bool) -> Style {
        if active {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::default()
        }
    }
    pub fn rag(&self, rag: Rag) -> Style {
        match rag {
            Rag::Green => self.fg(Color::Green),
            Rag::Yellow => self.fg(Color::Yellow),
            Rag::Red => self.fg(Color::Red),
            Rag::NotReported => self.fg(Color::DarkGray),
        }
    }
    /// A status dot with its letter ("● G", "● Gu", "● R", "○ -"): readable without colour.
    pub fn dot(&self, rag: Rag, lang: Language) -> Span<'static> {
        let dot = if rag == Rag::NotReported {
            "○"
        } else {
            "●"
        };
        Span::styled(format!("{dot} {:<2}", rag_letter(rag, lang)), self.rag(rag))
    }
}
