//! The committed header `include/mpp_migration.h` is what cbindgen generates from the sources
//! now. Run with `UPDATE_HEADER=1` to rewrite it after changing an export or its docs.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A source file holding the core's `ErrorCode` as cbindgen should read it. The core declares
/// the enum with a macro (one row per code), which cbindgen cannot expand, so it would see no
/// enum at all; `ErrorCode::DECLARATION` is the same declaration written out, from the same rows.
fn error_code_source() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("error_code.rs");
        std::fs::write(&path, mpp_migration::ErrorCode::DECLARATION)
            .expect("the target directory is writable");
        path
    })
}

fn generate() -> String {
    let crate_dir = env!("CARGO_MANIFEST_DIR");
    let config = cbindgen::Config::from_file(Path::new(crate_dir).join("cbindgen.toml"))
        .expect("ffi/cbindgen.toml is readable");
    let bindings = cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_src(error_code_source())
        .with_config(config)
        .generate()
        .expect("cbindgen generates the header");
    let mut out = Vec::new();
    bindings.write(&mut out);
    String::from_utf8(out).expect("the header is UTF-8")
}

#[test]
fn the_committed_header_is_current() {
    let generated = generate();
    // cbindgen silently leaves out the core's enums when parse_deps is misconfigured.
    for needle in [
        "typedef enum mpp_error_code",
        "MPP_ERROR_CODE_MAC_INVALID_LENGTH = 201",
        "MPP_ERROR_CODE_PANIC = 901",
        "typedef enum mpp_severity",
        "#define MPP_OK 0",
        "mpp_status mpp_normalize_mac(",
    ] {
        assert!(
            generated.contains(needle),
            "generated header lacks {needle:?}"
        );
    }
    let path = root().join("include/mpp_migration.h");
    if std::env::var_os("UPDATE_HEADER").is_some() {
        std::fs::write(&path, &generated).expect("include/mpp_migration.h is writable");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "include/mpp_migration.h is stale; run `UPDATE_HEADER=1 cargo test -p mpp-migration-ffi --test header` and commit it"
    );
}

/// Every code of the core's table, as `ErrorCode::ALL` lists it, is a constant of the header
/// with its number (and the name C hosts see is its snake_case name in capitals).
#[test]
fn every_error_code_is_in_the_header_with_its_number() {
    let header = generate();
    for code in mpp_migration::ErrorCode::ALL {
        let constant = format!(
            "MPP_ERROR_CODE_{} = {},",
            code.as_str().to_ascii_uppercase(),
            code.number()
        );
        assert!(header.contains(&constant), "header lacks {constant}");
    }
    // And nothing beyond them: the header's enum has exactly ALL's members.
    let count = header.matches("  MPP_ERROR_CODE_").count();
    assert_eq!(
        count,
        mpp_migration::ErrorCode::ALL.len(),
        "the header's enum mpp_error_code and ErrorCode::ALL have different members"
    );
}
