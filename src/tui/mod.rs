pub mod input_parse;
pub mod text;
pub mod widgets;
