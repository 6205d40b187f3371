//! libFuzzer target: `targets::identifiers` (see fuzz/src/targets.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../src/targets.rs"]
#[allow(dead_code)]
mod targets;

fuzz_target!(|data: &[u8]| targets::identifiers(data));
