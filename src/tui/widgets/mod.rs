pub mod budget_chart;
pub mod category_chart;
pub mod text_input;
