//! The JSON format: the plan object itself, exactly what the npm package returns.

use crate::model::ExecutionPlan;

pub fn render(plan: &ExecutionPlan) -> String {
    // Serializing plain data structs with string keys cannot fail.
    let mut s = serde_json::to_string_pretty(plan).expect("plan serializes to JSON");
    s.push('\n');
    s
}
