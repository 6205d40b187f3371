//! The fuzz targets' bodies (core/tests/fuzz/targets.rs) on stable, in every test run: random bytes,
//! and the project's own sample files (examples/data, its corpus, a board saved by the
//! library)
//! mutated byte by byte. No input may panic. The coverage-guided runs under
//! AddressSanitizer are `scripts/fuzz` (nightly, cargo-fuzz); this is their smoke test.

use std::path::Path;

use proptest::prelude::*;

#[path = "fuzz/targets.rs"]
#[allow(dead_code, unreachable_pub)]
mod targets;

/// Every sample the targets start from: the CSV and JSON files of examples/data and its corpus.
fn seeds() -> Vec<Vec<u8>> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let mut out = Vec::new();
    for dir in [data.clone(), data.join("corpus")] {
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .expect("examples/data")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("csv" | "json")))
            .collect();
        entries.sort();
        out.extend(entries.iter().map(|p| std::fs::read(p).expect("a sample")));
    }
    out.push(mpp_migration::Board::new().to_json().into_bytes());
    assert!(out.len() > 10, "the samples are there");
    out
}

/// A seed with up to 8 bytes replaced, inserted or removed at the given places.
fn mutated(seed: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut out = seed.to_vec();
    for &(at, kind, byte) in edits {
        let at = if out.is_empty() {
            0
        } else {
            at % (out.len() + 1)
        };
        match kind % 3 {
            0 if at < out.len() => out[at] = byte,
            1 => out.insert(at, byte),
            _ if at < out.len() => {
                out.remove(at);
            }
            _ => out.push(byte),
        }
    }
    out
}

fn every_target(data: &[u8]) {
    targets::upload(data);
    targets::directory(data);
    targets::board(data);
    targets::identifiers(data);
}

#[test]
fn every_sample_as_it_is() {
    for seed in seeds() {
        every_target(&seed);
        let mut with_option = vec![1];
        with_option.extend_from_slice(&seed);
        targets::upload(&with_option);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..512)) {
        every_target(&data);
    }

    #[test]
    fn mutated_samples_never_panic(
        pick in any::<usize>(),
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..8),
    ) {
        let seeds = seeds();
        let seed = &seeds[pick % seeds.len()];
        every_target(&mutated(seed, &edits));
    }
}
