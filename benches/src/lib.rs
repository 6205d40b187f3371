//! Deterministic generators of benchmark inputs, shared by the benches and their baselines.

/// A small deterministic pseudo-random generator (SplitMix64): the same seed gives the same
/// data on every machine, so benchmark inputs never need to be committed.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from a seed.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

/// `n` MAC addresses in the spellings administrators type: plain upper and lower case, and
/// colon-separated pairs.
pub fn mac_spellings(n: usize, seed: u64) -> Vec<String> {
    let mut rng = SplitMix64::new(seed);
    (0..n)
        .map(|i| {
            let mac = rng.next_u64() & 0xFFFF_FFFF_FFFF;
            let plain = format!("{mac:012X}");
            match i % 3 {
                0 => plain,
                1 => plain.to_ascii_lowercase(),
                _ => plain
                    .as_bytes()
                    .chunks(2)
                    .map(|p| String::from_utf8_lossy(p).into_owned())
                    .collect::<Vec<_>>()
                    .join(":"),
            }
        })
        .collect()
}
