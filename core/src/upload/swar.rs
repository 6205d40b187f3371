//! Eight bytes as one `u64`, to test them all at once ("SWAR": SIMD within a register; the
//! crate allows no `unsafe`, hence no SIMD intrinsics). The record scanner finds separators
//! with it, and the first-row index compares eight slot tags at a time.
//!
//! Byte `k` of the bytes is byte `k` of the number, counting from the least significant, and a
//! test answers with *flags*: the high bit of each byte that passes.

/// Eight bytes as one number.
#[derive(Clone, Copy)]
pub(crate) struct Word(pub(crate) u64);

impl Word {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;

    /// Up to eight bytes, padded with zero bytes.
    pub(crate) fn new(bytes: &[u8]) -> Word {
        let mut word = [0u8; 8];
        match <[u8; 8]>::try_from(bytes) {
            Ok(whole) => word = whole,
            Err(_) => word[..bytes.len()].copy_from_slice(bytes),
        }
        Word(u64::from_le_bytes(word))
    }

    /// Flags of every byte equal to `b`, exactly.
    pub(crate) fn equal(self, b: u8) -> u64 {
        let x = self.0 ^ (Word::ONES * u64::from(b));
        !(((x & Word::LOW7) + Word::LOW7) | x | Word::LOW7)
    }

    /// Flags of the bytes equal to `b`: exact up to the first such byte, and maybe set on some
    /// bytes after it (a borrow), which is all a search for the first needs. Cheaper than
    /// [`equal`](Word::equal).
    pub(crate) fn equal_from_first(self, b: u8) -> u64 {
        let x = self.0 ^ (Word::ONES * u64::from(b));
        x.wrapping_sub(Word::ONES) & !x & Word::HIGH
    }

    /// Flags of the bytes below `n` (at most 0x80): exact up to the first such byte, and maybe
    /// set on some bytes after it, as [`equal_from_first`](Word::equal_from_first).
    pub(crate) fn below_from_first(self, n: u8) -> u64 {
        debug_assert!(n <= 0x80);
        self.0.wrapping_sub(Word::ONES * u64::from(n)) & !self.0 & Word::HIGH
    }

    /// The bits below the lowest flag of `flags` (all of them when there is none).
    pub(crate) fn before_first(flags: u64) -> u64 {
        (flags & flags.wrapping_neg()).wrapping_sub(1)
    }

    /// The index of the byte of the lowest flag, if any.
    pub(crate) fn first(flags: u64) -> Option<usize> {
        (flags != 0).then(|| flags.trailing_zeros() as usize / 8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_tests_agree_with_bytewise_ones(bytes in prop::collection::vec(any::<u8>(), 0..=8), b in any::<u8>()) {
            let word = Word::new(&bytes);
            let mut padded = bytes.clone();
            padded.resize(8, 0);
            let exact: u64 = (0..8).filter(|&k| padded[k] == b).map(|k| 0x80 << (8 * k)).sum();
            prop_assert_eq!(word.equal(b), exact);
            prop_assert_eq!(Word::first(word.equal_from_first(b)), padded.iter().position(|&x| x == b));
            prop_assert_eq!(word.equal_from_first(b) & Word::before_first(exact), 0);
            let n = b % 0x81;
            let below: u64 = (0..8).filter(|&k| padded[k] < n).map(|k| 0x80 << (8 * k)).sum();
            prop_assert_eq!(Word::first(word.below_from_first(n)), padded.iter().position(|&x| x < n));
            prop_assert_eq!(word.below_from_first(n) & Word::before_first(below), 0);
        }
    }
}
