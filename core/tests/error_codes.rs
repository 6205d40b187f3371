//! The committed table `docs/error-codes.md` is generated from `ErrorCode::ALL`: a renumbered,
//! renamed or re-ruled code is always a visible diff. `UPDATE_ERROR_CODES=1` rewrites it.

use std::fmt::Write as _;
use std::path::Path;

use mpp_migration::ErrorCode;

fn render() -> String {
    let mut out = String::from(
        "# Error codes\n\n\
         Every error and finding of mpp-migration carries one of these codes, with the same number\n\
         and name in Rust (`ErrorCode`), C (`mpp_error_code`, `MPP_ERROR_CODE_*`) and Python\n\
         (`ERROR_CODES`, `MigrationError.number`/`.code`). Numbers are stable forever and never\n\
         reused. Ranges: 1xx input and encoding, 2xx identifiers, 3xx CSV upload, 4xx eligibility,\n\
         5xx tasks, 6xx migration plans and BAT files, 9xx internal.\n\n\
         This file is generated from `ErrorCode::ALL` by `core/tests/error_codes.rs`\n\
         (`UPDATE_ERROR_CODES=1 cargo test -p mpp-migration --test error_codes`).\n\n\
         | number | code | rule | severity | meaning |\n\
         |---:|---|---|---|---|\n",
    );
    for code in ErrorCode::ALL {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} |",
            code.number(),
            code.as_str(),
            if code.rule().is_empty() {
                "–"
            } else {
                code.rule()
            },
            code.severity(),
            code.summary()
        );
    }
    out
}

#[test]
fn the_committed_table_lists_every_code() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/error-codes.md");
    let expected = render();
    if std::env::var_os("UPDATE_ERROR_CODES").is_some() {
        std::fs::write(&path, &expected).expect("docs/error-codes.md is writable");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "docs/error-codes.md differs from ErrorCode::ALL; if the change is intended, run \
         `UPDATE_ERROR_CODES=1 cargo test -p mpp-migration --test error_codes` and commit it"
    );
}
