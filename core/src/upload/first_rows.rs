//! The first row of each key, for the rules that judge a row against the earlier rows of the
//! same file: a MAC may appear once (DEC-2), an extension once per location (DEC-5).
//!
//! These are the only parts of an upload's memory that grow with the file: one entry per
//! distinct key, kept for the whole upload. A general hash map spends 36 to 47 bytes on an
//! entry of a MAC and a `u64` row (a 16-byte slot after padding, a control byte, a load of 44
//! to 88%, and the old and the new table both alive while it doubles). [`FirstRows`] spends
//! 11 bytes per slot instead, about 15 per key at the load it keeps (see
//! [`Shard::next_size`]), and bounds the cost of growing:
//!
//! - a key is stored packed in six bytes (a MAC as its octets; a location and an extension
//!   packed likewise) and a row as a `u32`, tags, rows and keys in separate arrays so that
//!   nothing is padded;
//! - slots come in buckets of [`BUCKET`], probed linearly bucket by bucket. Each slot has a
//!   one-byte tag taken from its key's hash (0: empty), and a bucket's eight tags are compared
//!   at once ([`Word`]), so a search compares a key only where its tag matches, and stays short
//!   at a high load (at most [`MAX_LOAD_SIXTEENTHS`]/16);
//! - the table is split by the key's hash into [`SHARDS`] shards, each growing on its own:
//!   while one shard is copied into its larger self the others stay as they are, so the peak
//!   is the table plus one shard, not twice the table.
//!
//! A first row beyond `u32::MAX - 1` (a file of over four billion rows) is kept exactly too:
//! its slot holds [`IN_OVERFLOW`] and the row itself goes into a plain map beside the table.

use std::hash::{BuildHasher, Hash};

use foldhash::{HashMap, HashMapExt};

use super::swar::Word;

/// Slots per bucket: as many tags as a [`Word`] holds.
const BUCKET: usize = 8;

/// How many independent shards the table is split into.
const SHARDS: usize = 64;

/// A shard grows once its entries would exceed this many sixteenths of its slots (87.5%).
const MAX_LOAD_SIXTEENTHS: usize = 14;

/// The most keys [`FirstRows::reserve`] makes room for (4 Mi keys, about 60 MiB of MACs), so
/// that a wrong estimate cannot ask for unbounded memory; a table grows past it as usual.
const MAX_RESERVE: usize = 1 << 22;

/// The row stored for a key whose first row is `u32::MAX` or more; the row is in the overflow
/// map.
const IN_OVERFLOW: u32 = u32::MAX;

/// A key as the table stores it: small, `Copy`, and reducible to 64 bits for hashing.
pub(crate) trait PackedKey: Copy + Eq + Hash + Default {
    /// The key's bits, which are hashed.
    fn bits(self) -> u64;
}

/// A MAC address as its six octets (DEC-2), or a location and an extension packed into six
/// bytes (DEC-5).
impl PackedKey for [u8; 6] {
    fn bits(self) -> u64 {
        self.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b))
    }
}

/// A key packed into 64 bits.
impl PackedKey for u64 {
    fn bits(self) -> u64 {
        self
    }
}

/// The tag of a key of hash `hash`: one of its bytes that neither the shard nor the home
/// bucket is chosen by, never 0 (which marks an empty slot).
fn tag(hash: u64) -> u8 {
    ((hash >> 32) as u8).max(1)
}

/// [`BUCKET`] slots. Slots fill from the first, and are never emptied.
#[derive(Clone, Copy)]
struct Bucket<K> {
    /// Each slot's [`tag`], 0 for an empty slot.
    tags: [u8; BUCKET],
    rows: [u32; BUCKET],
    keys: [K; BUCKET],
}

impl<K: PackedKey> Bucket<K> {
    fn empty() -> Bucket<K> {
        Bucket {
            tags: [0; BUCKET],
            rows: [0; BUCKET],
            keys: [K::default(); BUCKET],
        }
    }
}

/// One shard: buckets probed linearly (wrapping around), and how many slots are taken.
struct Shard<K> {
    buckets: Vec<Bucket<K>>,
    len: usize,
    /// The shard's size once past [`STAGGER_FROM`] buckets is `base` times a power of 1.5.
    base: usize,
}

/// Past this many buckets, shards grow in step with their own `base` (see
/// [`Shard::next_size`]).
const STAGGER_FROM: usize = 16;

impl<K: PackedKey> Shard<K> {
    /// Shard `index` of [`SHARDS`], empty.
    fn new(index: usize) -> Shard<K> {
        Shard {
            buckets: Vec::new(),
            len: 0,
            base: STAGGER_FROM + index * (STAGGER_FROM / 2) / SHARDS,
        }
    }

    /// The size a full shard grows to: half as large again. Past [`STAGGER_FROM`] buckets, the
    /// sizes are `base` times a power of 1.5, and `base` differs by shard (16 to 23): keys
    /// spread evenly over the shards, so without it they would all grow at about the same
    /// count, and the whole table's load (its bytes per key) would swing between 58% and 88%
    /// with the number of keys. Staggered, the shards are at every point of their cycle at
    /// once, for a load of about 72% at any count.
    ///
    /// Growing by half rather than doubling moves each key about twice over the table's life
    /// instead of once (~10 ns a row on a 100k-row upload), for about 15 bytes per key instead
    /// of 19: this state is the one that grows with the file.
    fn next_size(&self) -> usize {
        let n = self.buckets.len();
        if 2 * n < STAGGER_FROM {
            (2 * n).max(1)
        } else if n < self.base {
            self.base
        } else {
            n + n.div_ceil(2)
        }
    }

    /// The bucket where the search for a key of hash `hash` starts: the hash's high bits
    /// scaled to the bucket count ("fast range", any count will do). The shard was chosen by
    /// the low bits, so the two are independent.
    fn home(&self, hash: u64) -> usize {
        ((u128::from(hash) * self.buckets.len() as u128) >> 64) as usize
    }

    /// The slot of `key` as `(bucket, slot, found)`: where it is, or the empty slot where it
    /// goes. The shard must have a free slot.
    fn find(&self, key: K, hash: u64) -> (usize, usize, bool) {
        let tag = tag(hash);
        let mut b = self.home(hash);
        loop {
            let bucket = &self.buckets[b];
            let tags = Word(u64::from_le_bytes(bucket.tags));
            let mut same_tag = tags.equal(tag);
            while let Some(s) = Word::first(same_tag) {
                if bucket.keys[s] == key {
                    return (b, s, true);
                }
                same_tag &= same_tag - 1;
            }
            if let Some(s) = Word::first(tags.equal(0)) {
                return (b, s, false);
            }
            b += 1;
            if b == self.buckets.len() {
                b = 0;
            }
        }
    }

    /// The first empty slot of the probe for a key of hash `hash`, as `(bucket, slot)`: where
    /// a key known to be absent goes, found without comparing keys. The shard must have a free
    /// slot.
    fn find_empty(&self, hash: u64) -> (usize, usize) {
        let mut b = self.home(hash);
        loop {
            let tags = Word(u64::from_le_bytes(self.buckets[b].tags));
            if let Some(s) = Word::first(tags.equal(0)) {
                return (b, s);
            }
            b += 1;
            if b == self.buckets.len() {
                b = 0;
            }
        }
    }

    /// Whether one more entry fits under the load limit.
    fn has_room(&self) -> bool {
        (self.len + 1) * 16 <= self.buckets.len() * BUCKET * MAX_LOAD_SIXTEENTHS
    }

    /// Fills the empty slot `(b, s)`.
    fn put(&mut self, (b, s): (usize, usize), key: K, hash: u64, row: u32) {
        let bucket = &mut self.buckets[b];
        bucket.tags[s] = tag(hash);
        bucket.rows[s] = row;
        bucket.keys[s] = key;
        self.len += 1;
    }

    /// Re-spreads the entries over `buckets` buckets (at least enough for them all).
    fn resize(&mut self, buckets: usize, hasher: &foldhash::quality::RandomState) {
        let old = std::mem::replace(&mut self.buckets, vec![Bucket::empty(); buckets]);
        self.len = 0;
        for bucket in &old {
            for s in 0..BUCKET {
                if bucket.tags[s] == 0 {
                    break;
                }
                let key = bucket.keys[s];
                let hash = hasher.hash_one(key.bits());
                // The keys are distinct: each goes to the first empty slot of its probe.
                let at = self.find_empty(hash);
                self.put(at, key, hash, bucket.rows[s]);
            }
        }
    }
}

/// The first row of each key (see the module's documentation).
pub(crate) struct FirstRows<K> {
    shards: Vec<Shard<K>>,
    /// foldhash's quality variant: for some seeds the fast one spreads runs of consecutive
    /// keys (the MACs of a batch of phones often are) very unevenly over shards and tags.
    hasher: foldhash::quality::RandomState,
    /// The first rows that do not fit a `u32` below [`IN_OVERFLOW`].
    overflow: HashMap<K, u64>,
}

impl<K: PackedKey> FirstRows<K> {
    /// An empty table; it allocates on the first insertion.
    pub(crate) fn new() -> FirstRows<K> {
        FirstRows {
            shards: (0..SHARDS).map(Shard::new).collect(),
            hasher: foldhash::quality::RandomState::default(),
            overflow: HashMap::new(),
        }
    }

    /// Makes room for about `keys` keys in all (at most [`MAX_RESERVE`]): each shard gets the
    /// buckets for its share at the highest load, plus four standard deviations of how
    /// unevenly hashing spreads keys over shards, plus 1/16 for an estimate a little short.
    /// Sized once so, the table neither moves its keys as it fills nor keeps the slack of a
    /// growth step.
    pub(crate) fn reserve(&mut self, keys: usize) {
        let share = keys.min(MAX_RESERVE).div_ceil(SHARDS);
        let per_shard = share
            .saturating_add(share / 16)
            .saturating_add(4 * share.isqrt());
        let buckets = per_shard
            .saturating_mul(16)
            .div_ceil(BUCKET * MAX_LOAD_SIXTEENTHS);
        for shard in &mut self.shards {
            if buckets > shard.buckets.len() {
                shard.resize(buckets, &self.hasher);
            }
        }
    }

    /// The first row of `key`, recording `row` as its first when it has none.
    pub(crate) fn first_row(&mut self, key: K, row: u64) -> u64 {
        let hash = self.hasher.hash_one(key.bits());
        let shard = &mut self.shards[hash as usize % SHARDS];
        let mut empty = None;
        if !shard.buckets.is_empty() {
            match shard.find(key, hash) {
                (b, s, true) => {
                    return match shard.buckets[b].rows[s] {
                        IN_OVERFLOW => self.overflow.get(&key).copied().unwrap_or(u64::MAX),
                        first => u64::from(first),
                    };
                }
                (b, s, false) => empty = Some((b, s)),
            }
        }
        if !shard.has_room() {
            let buckets = shard.next_size();
            shard.resize(buckets, &self.hasher);
            empty = None;
        }
        // The empty slot the search ended on, unless the shard was resized since.
        let (b, s) = empty.unwrap_or_else(|| shard.find_empty(hash));
        let small = match u32::try_from(row) {
            Ok(small) if small != IN_OVERFLOW => small,
            _ => {
                self.overflow.insert(key, row);
                IN_OVERFLOW
            }
        };
        shard.put((b, s), key, hash, small);
        row
    }

    /// How many keys are recorded.
    pub(crate) fn len(&self) -> usize {
        self.shards.iter().map(|s| s.len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_first_row_of_a_key_is_kept() {
        let mut t = FirstRows::<u64>::new();
        assert_eq!(t.first_row(7, 2), 2);
        assert_eq!(t.first_row(7, 3), 2);
        assert_eq!(t.first_row(8, 4), 4);
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn many_keys_grow_every_shard() {
        let mut t = FirstRows::<[u8; 6]>::new();
        for i in 0..100_000u64 {
            let key = (i * 0x9E37_79B9).to_be_bytes();
            let key = [key[2], key[3], key[4], key[5], key[6], key[7]];
            assert_eq!(t.first_row(key, i + 2), i + 2);
        }
        for i in 0..100_000u64 {
            let key = (i * 0x9E37_79B9).to_be_bytes();
            let key = [key[2], key[3], key[4], key[5], key[6], key[7]];
            assert_eq!(t.first_row(key, 1_000_000), i + 2);
        }
        assert_eq!(t.len(), 100_000);
    }

    #[test]
    fn a_reserved_table_holds_its_keys_without_growing() {
        let mut t = FirstRows::<u64>::new();
        t.reserve(10_000);
        let sizes: Vec<usize> = t.shards.iter().map(|s| s.buckets.len()).collect();
        assert!(sizes.iter().all(|&n| n > 0));
        for key in 0..10_000u64 {
            assert_eq!(t.first_row(key, key + 2), key + 2);
        }
        for key in 0..10_000u64 {
            assert_eq!(t.first_row(key, 1), key + 2);
        }
        // Hashing may crowd a shard more than the slack allows, rarely: one shard that grew
        // would add 1/64.
        let (before, after): (usize, usize) = (
            sizes.iter().sum(),
            t.shards.iter().map(|s| s.buckets.len()).sum(),
        );
        assert!(after * 100 <= before * 104, "{before} -> {after}");
        // Reserving less than there is changes nothing.
        t.reserve(10);
        assert_eq!(t.len(), 10_000);
    }

    #[test]
    fn rows_beyond_u32_are_kept_exactly() {
        let mut t = FirstRows::<u64>::new();
        let big = u64::from(u32::MAX) + 10;
        assert_eq!(t.first_row(1, big), big);
        assert_eq!(t.first_row(1, big + 1), big);
        assert_eq!(t.first_row(2, u64::from(u32::MAX)), u64::from(u32::MAX));
        assert_eq!(t.first_row(2, big + 2), u64::from(u32::MAX));
        assert_eq!(t.first_row(3, 5), 5);
        assert_eq!(t.first_row(3, big + 3), 5);
    }

    proptest! {
        #[test]
        fn it_agrees_with_a_hash_map(keys in prop::collection::vec(0u64..300, 0..2_000)) {
            let mut t = FirstRows::<u64>::new();
            let mut m = std::collections::HashMap::new();
            for (i, key) in keys.into_iter().enumerate() {
                let row = i as u64 + 2;
                prop_assert_eq!(t.first_row(key, row), *m.entry(key).or_insert(row));
            }
        }
    }
}
