//! The README says what the code does: its transition table is the enforced one, it starts with
//! the two commands, and it links the error table. (Its Rust blocks run as doc tests of the
//! crate; its Python and C blocks run in their own test stages.)

use std::path::Path;

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md")
}

#[test]
fn the_readme_transition_table_is_the_enforced_one() {
    let table = mpp_migration::transition_table_markdown();
    assert!(
        readme().contains(&table),
        "README.md's transition table differs from core/src/task/status.rs; paste this:\n{table}"
    );
}

#[test]
fn the_readme_starts_with_the_two_commands_and_links_the_error_table() {
    let text = readme();
    let first_block = text
        .split("```sh")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .unwrap_or("");
    assert!(
        first_block.contains("./scripts/demo") && first_block.contains("./scripts/test"),
        "{first_block}"
    );
    assert!(text.find("## The two commands") < text.find("## A tour of the API"));
    assert!(text.contains("(docs/error-codes.md)"));
}
