//! libFuzzer target: `targets::upload` (see core/tests/fuzz/targets.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../core/tests/fuzz/targets.rs"]
#[allow(dead_code)]
mod targets;

fuzz_target!(|data: &[u8]| targets::upload(data));
