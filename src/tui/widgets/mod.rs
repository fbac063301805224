pub mod text_input;
