//! The first row of each key, for the rules that judge a row against the earlier rows of the
//! same file: a MAC may appear once (DEC-2), an extension once per location (DEC-5).
//!
//! These are the only parts of an upload's memory that grow with the file: one entry per
//! distinct key, kept for the whole upload. A general hash map spends 36 to 47 bytes on an
//! entry of a MAC and a `u64` row (a 16-byte slot after padding, a control byte, a load of 44
//! to 88%, and the old and the new table both alive while it doubles). [`FirstRows`] keeps a
//! 48-bit key and its row in about 7.5 bytes once the file has more than 64 Ki keys (issue 13
//! target C: at most 8 bytes per distinct MAC beyond a constant), in two tiers:
//!
//! - **a key is first scrambled** by a keyed bijection of its 48 bits ([`Scramble`]), so that
//!   its bits are evenly spread whatever the keys (the MACs of a batch of phones are often
//!   consecutive), yet two keys never collide: the scrambled key *is* the key. Its top
//!   [`SHARD_BITS`] choose one of [`SHARDS`] shards, which hold the other 42 bits only;
//! - **recent keys** go to a small hash table per shard ([`Recent`]): slots in buckets of
//!   [`BUCKET`], probed linearly bucket by bucket, each with a one-byte tag from the key, a
//!   bucket's eight tags compared at once ([`Word`]), tags, rows and keys in separate arrays so
//!   that nothing is padded (11 bytes a slot, at most [`MAX_LOAD_SIXTEENTHS`]/16 full). A
//!   file with fewer than [`RECENT_MIN`] keys a shard (64 Ki in all, nearly every upload) never
//!   leaves this tier;
//! - **older keys are packed** ([`Packed`]): once a shard's recent table holds
//!   [`RECENT_MIN`] keys, or a [`RECENT_SHARE`]th of its packed ones if more, they are merged
//!   into the shard's packed tier, a sorted array of the keys' 42 bits split into buckets by
//!   their top bits (so that a bucket's bits need not be stored) and bit-packed with the rows,
//!   each row as wide as the shard's last row needs. At a million MACs that is 32 bits of key
//!   and 20 of row, 6.5 bytes, plus a quarter byte of bucket starts.
//!
//! A shard is merged on its own, so the peak is the whole index plus one shard's copy, never
//! twice the index. Each merge rewrites the shard's packed keys; with merges every
//! [`RECENT_MIN`] keys or more, a key is rewritten about `keys / (64 * 2048)` times in all
//! (under 8 at a million keys).
//!
//! A first row beyond `u32::MAX - 1` (a file of over four billion rows) is kept exactly too: a
//! recent slot holds [`IN_OVERFLOW`] and the row itself goes into a plain map beside the table
//! until the key is packed, where rows are as wide as they need.

use std::hash::BuildHasher;

use foldhash::{HashMap, HashMapExt};

use super::swar::Word;

/// Slots per bucket of a recent table: as many tags as a [`Word`] holds.
const BUCKET: usize = 8;

/// How many bits a key has: a MAC's 48, or a location and an extension packed into as many.
const KEY_BITS: u32 = 48;

/// The bits of a scrambled key that choose its shard.
const SHARD_BITS: u32 = 6;

/// How many independent shards the index is split into.
const SHARDS: usize = 1 << SHARD_BITS;

/// The bits of a scrambled key a shard keeps: all but the shard's.
const LOW_BITS: u32 = KEY_BITS - SHARD_BITS;

/// A shard's bits of a scrambled key.
const LOW_MASK: u64 = (1 << LOW_BITS) - 1;

/// A recent table grows once its entries would exceed this many sixteenths of its slots
/// (87.5%).
const MAX_LOAD_SIXTEENTHS: usize = 14;

/// A shard packs its recent keys once it holds this many (or more, see [`RECENT_SHARE`]): the
/// recent tables are then about 13 KiB a shard, 0.8 MiB at most in all, the constant the
/// index costs beyond its packed keys.
const RECENT_MIN: usize = 1024;

/// A shard with many packed keys packs its recent ones once they are this fraction of them,
/// so that merges stay rare (each rewrites the shard) and recent keys a small share of memory.
const RECENT_SHARE: usize = 16;

/// The most keys [`FirstRows::reserve`] makes room for: the recent tables at their largest
/// before a merge.
const MAX_RESERVE: usize = RECENT_MIN * SHARDS;

/// The row stored in a recent slot for a key whose first row is `u32::MAX` or more; the row is
/// in the overflow map.
const IN_OVERFLOW: u32 = u32::MAX;

/// Most entries a bucket of a packed shard holds on average: its number of buckets is the
/// largest power of two at most its entries divided by this.
const PACKED_PER_BUCKET: usize = 8;

/// A key as the index stores it: `Copy`, and at most [`KEY_BITS`] bits.
pub(crate) trait PackedKey: Copy {
    /// The key's bits, below `1 << KEY_BITS`.
    fn bits(self) -> u64;
}

/// A MAC address as its six octets (DEC-2), or a location and an extension packed into six
/// bytes (DEC-5).
impl PackedKey for [u8; 6] {
    fn bits(self) -> u64 {
        self.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b))
    }
}

/// A number below `1 << 48` (the tests' keys).
impl PackedKey for u64 {
    fn bits(self) -> u64 {
        debug_assert!(self < 1 << KEY_BITS, "a key has at most 48 bits");
        self & ((1 << KEY_BITS) - 1)
    }
}

/// A keyed bijection of 48-bit numbers: an xor, then two rounds of multiplying by an odd number
/// modulo 2^48 (a bijection) and folding the high half into the low (another). The keys come
/// from foldhash's random state, so that no input can be made to crowd one shard or bucket
/// without knowing them; and since the map is one-to-one, the scrambled key stands for the key.
struct Scramble {
    xor: u64,
    times: [u64; 2],
}

impl Scramble {
    fn new() -> Scramble {
        let state = foldhash::quality::RandomState::default();
        let mask = (1u64 << KEY_BITS) - 1;
        Scramble {
            xor: state.hash_one(0u8) & mask,
            times: [state.hash_one(1u8) | 1, state.hash_one(2u8) | 1],
        }
    }

    fn apply(&self, key: u64) -> u64 {
        let mask = (1u64 << KEY_BITS) - 1;
        let mut x = key ^ self.xor;
        for times in self.times {
            x = x.wrapping_mul(times) & mask;
            x ^= x >> (KEY_BITS / 2);
        }
        x
    }
}

/// The tag of a shard's key `low` (its 42 bits): a byte the home bucket is not chosen by,
/// never 0 (which marks an empty slot).
fn tag(low: u64) -> u8 {
    (low as u8).max(1)
}

/// A shard's key as a recent slot stores it, in six bytes.
fn slot_key(low: u64) -> [u8; 6] {
    let [k @ .., _, _] = low.to_le_bytes();
    k
}

/// The 42 bits a recent slot stores.
fn slot_low(key: [u8; 6]) -> u64 {
    let [a, b, c, d, e, f] = key;
    u64::from_le_bytes([a, b, c, d, e, f, 0, 0])
}

/// [`BUCKET`] slots of a recent table. Slots fill from the first and are emptied only all at
/// once, when the table is packed.
#[derive(Clone, Copy)]
struct Bucket {
    /// Each slot's [`tag`], 0 for an empty slot.
    tags: [u8; BUCKET],
    rows: [u32; BUCKET],
    keys: [[u8; 6]; BUCKET],
}

impl Bucket {
    const EMPTY: Bucket = Bucket {
        tags: [0; BUCKET],
        rows: [0; BUCKET],
        keys: [[0; 6]; BUCKET],
    };
}

/// A shard's recent keys: buckets probed linearly (wrapping around), and how many slots are
/// taken.
struct Recent {
    buckets: Vec<Bucket>,
    len: usize,
    /// The table's size once past [`STAGGER_FROM`] buckets is `base` times a power of 1.5.
    base: usize,
}

/// Past this many buckets, recent tables grow in step with their own `base` (see
/// [`Recent::next_size`]).
const STAGGER_FROM: usize = 16;

impl Recent {
    /// The recent table of shard `index` of [`SHARDS`], empty.
    fn new(index: usize) -> Recent {
        Recent {
            buckets: Vec::new(),
            len: 0,
            base: STAGGER_FROM + index * (STAGGER_FROM / 2) / SHARDS,
        }
    }

    /// The size a full table grows to: half as large again. Past [`STAGGER_FROM`] buckets, the
    /// sizes are `base` times a power of 1.5, and `base` differs by shard (16 to 23): keys
    /// spread evenly over the shards, so without it they would all grow at about the same
    /// count, and the whole index's load would swing between 58% and 88% with the number of
    /// keys. Staggered, the tables are at every point of their cycle at once.
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

    /// The bucket where the search for the key `low` starts: its high bits scaled to the bucket
    /// count ("fast range", any count will do); its [`tag`] is its low byte.
    fn home(&self, low: u64) -> usize {
        ((u128::from(low << (64 - LOW_BITS)) * self.buckets.len() as u128) >> 64) as usize
    }

    /// The slot of `low` as `(bucket, slot, found)`: where it is, or the empty slot where it
    /// goes. The table must have a free slot.
    fn find(&self, low: u64) -> (usize, usize, bool) {
        let (tag, key) = (tag(low), slot_key(low));
        let mut b = self.home(low);
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

    /// The first empty slot of the probe for the key `low`, as `(bucket, slot)`: where a key
    /// known to be absent goes, found without comparing keys. The table must have a free slot.
    fn find_empty(&self, low: u64) -> (usize, usize) {
        let mut b = self.home(low);
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
    fn put(&mut self, (b, s): (usize, usize), low: u64, row: u32) {
        let bucket = &mut self.buckets[b];
        bucket.tags[s] = tag(low);
        bucket.rows[s] = row;
        bucket.keys[s] = slot_key(low);
        self.len += 1;
    }

    /// Every entry, as `(low, row)` in slot order.
    fn entries(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        self.buckets.iter().flat_map(|bucket| {
            (0..BUCKET)
                .take_while(|&s| bucket.tags[s] != 0)
                .map(|s| (slot_low(bucket.keys[s]), bucket.rows[s]))
        })
    }

    /// Re-spreads the entries over `buckets` buckets (at least enough for them all).
    fn resize(&mut self, buckets: usize) {
        let old = std::mem::replace(&mut self.buckets, vec![Bucket::EMPTY; buckets]);
        self.len = 0;
        for bucket in &old {
            for s in 0..BUCKET {
                if bucket.tags[s] == 0 {
                    break;
                }
                let low = slot_low(bucket.keys[s]);
                // The keys are distinct: each goes to the first empty slot of its probe.
                let at = self.find_empty(low);
                self.put(at, low, bucket.rows[s]);
            }
        }
    }

    /// Empties the table, keeping its buckets for the keys to come.
    fn clear(&mut self) {
        self.buckets.fill(Bucket::EMPTY);
        self.len = 0;
    }
}

/// Numbers of one width packed end to end in 64-bit words.
#[derive(Default)]
struct Bits {
    words: Vec<u64>,
    width: u32,
}

impl Bits {
    /// Room for `len` numbers of `width` bits (at most 64), none written yet.
    fn with_len(len: usize, width: u32) -> Bits {
        let bits = len.saturating_mul(width as usize);
        Bits {
            words: vec![0; bits.div_ceil(64)],
            width,
        }
    }

    fn mask(&self) -> u64 {
        if self.width >= 64 {
            u64::MAX
        } else {
            (1u64 << self.width) - 1
        }
    }

    /// Number `i`.
    fn get(&self, i: usize) -> u64 {
        if self.width == 0 {
            return 0;
        }
        let at = i * self.width as usize;
        let (word, shift) = (at / 64, (at % 64) as u32);
        let mut value = self.words[word] >> shift;
        if shift + self.width > 64 {
            value |= self.words[word + 1] << (64 - shift);
        }
        value & self.mask()
    }

    /// Writes number `i` (whose bits are still zero).
    fn set(&mut self, i: usize, value: u64) {
        if self.width == 0 {
            return;
        }
        let value = value & self.mask();
        let at = i * self.width as usize;
        let (word, shift) = (at / 64, (at % 64) as u32);
        self.words[word] |= value << shift;
        if shift + self.width > 64 {
            self.words[word + 1] |= value >> (64 - shift);
        }
    }
}

/// A shard's packed keys: sorted by their 42 bits and split into `2^bucket_bits` buckets by
/// their top bits; entry `i` holds the other bits (`keys`) and the first row (`rows`).
#[derive(Default)]
struct Packed {
    len: usize,
    /// The largest row packed.
    max_row: u64,
    bucket_bits: u32,
    /// The entries of bucket `b` are `starts[b]..starts[b + 1]`.
    starts: Vec<u32>,
    keys: Bits,
    rows: Bits,
}

impl Packed {
    /// The bits of a key a bucket does not say.
    fn key_bits(&self) -> u32 {
        LOW_BITS - self.bucket_bits
    }

    /// The first row of the key `low`, if packed.
    fn get(&self, low: u64) -> Option<u64> {
        if self.len == 0 {
            return None;
        }
        let key_bits = self.key_bits();
        let bucket = (low >> key_bits) as usize;
        let key = low & ((1u64 << key_bits) - 1);
        let (start, end) = (
            self.starts[bucket] as usize,
            self.starts[bucket + 1] as usize,
        );
        for i in start..end {
            let here = self.keys.get(i);
            if here >= key {
                return (here == key).then(|| self.rows.get(i));
            }
        }
        None
    }

    /// Every entry as `(low, row)`, in order of `low`.
    fn entries(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        let key_bits = self.key_bits();
        self.starts
            .windows(2)
            .enumerate()
            .flat_map(move |(bucket, w)| {
                (w[0] as usize..w[1] as usize).map(move |i| {
                    (
                        ((bucket as u64) << key_bits) | self.keys.get(i),
                        self.rows.get(i),
                    )
                })
            })
    }

    /// The shard's packed keys: `entries`, `len` of them in order of `low`, the largest row
    /// `max_row`.
    fn build(len: usize, max_row: u64, entries: impl Iterator<Item = (u64, u64)>) -> Packed {
        let mut bucket_bits = 0;
        while bucket_bits < LOW_BITS - 1 && (PACKED_PER_BUCKET << (bucket_bits + 1)) <= len {
            bucket_bits += 1;
        }
        let key_bits = LOW_BITS - bucket_bits;
        let mut packed = Packed {
            len,
            max_row,
            bucket_bits,
            starts: vec![0; (1 << bucket_bits) + 1],
            keys: Bits::with_len(len, key_bits),
            rows: Bits::with_len(len, u64::BITS - max_row.leading_zeros()),
        };
        let mut count = 0usize;
        for (i, (low, row)) in entries.enumerate() {
            debug_assert!(i < len);
            packed.starts[(low >> key_bits) as usize + 1] += 1;
            packed.keys.set(i, low);
            packed.rows.set(i, row);
            count += 1;
        }
        debug_assert_eq!(count, len);
        for b in 1..packed.starts.len() {
            packed.starts[b] += packed.starts[b - 1];
        }
        packed
    }
}

/// One shard: its recent keys and its packed ones.
struct Shard {
    recent: Recent,
    packed: Packed,
}

impl Shard {
    /// How many recent keys the shard holds before it packs them.
    fn recent_limit(&self) -> usize {
        RECENT_MIN.max(self.packed.len / RECENT_SHARE)
    }
}

/// The first row of each key (see the module's documentation).
pub(crate) struct FirstRows<K> {
    shards: Vec<Shard>,
    scramble: Scramble,
    /// The first rows of recent keys that do not fit a `u32` below [`IN_OVERFLOW`], by
    /// scrambled key.
    overflow: HashMap<u64, u64>,
    key: std::marker::PhantomData<K>,
}

impl<K: PackedKey> FirstRows<K> {
    /// An empty index; it allocates on the first insertion.
    pub(crate) fn new() -> FirstRows<K> {
        FirstRows {
            shards: (0..SHARDS)
                .map(|index| Shard {
                    recent: Recent::new(index),
                    packed: Packed::default(),
                })
                .collect(),
            scramble: Scramble::new(),
            overflow: HashMap::new(),
            key: std::marker::PhantomData,
        }
    }

    /// Makes room for about `keys` keys in all, as far as the recent tables go (at most
    /// [`MAX_RESERVE`]): each gets the buckets for its share at the highest load, plus four
    /// standard deviations of how unevenly keys spread over shards, plus 1/16 for an estimate
    /// a little short. Sized once so, a file of fewer keys neither moves them as it fills nor
    /// keeps the slack of a growth step.
    pub(crate) fn reserve(&mut self, keys: usize) {
        let share = keys.min(MAX_RESERVE).div_ceil(SHARDS);
        let per_shard = share
            .saturating_add(share / 16)
            .saturating_add(4 * share.isqrt());
        let buckets = per_shard
            .saturating_mul(16)
            .div_ceil(BUCKET * MAX_LOAD_SIXTEENTHS);
        for shard in &mut self.shards {
            if buckets > shard.recent.buckets.len() {
                shard.recent.resize(buckets);
            }
        }
    }

    /// The first row of `key`, recording `row` as its first when it has none.
    pub(crate) fn first_row(&mut self, key: K, row: u64) -> u64 {
        let scrambled = self.scramble.apply(key.bits());
        let low = scrambled & LOW_MASK;
        let shard = &mut self.shards[(scrambled >> LOW_BITS) as usize];
        let mut empty = None;
        if !shard.recent.buckets.is_empty() {
            match shard.recent.find(low) {
                (b, s, true) => {
                    return match shard.recent.buckets[b].rows[s] {
                        IN_OVERFLOW => self.overflow.get(&scrambled).copied().unwrap_or(u64::MAX),
                        first => u64::from(first),
                    };
                }
                (b, s, false) => empty = Some((b, s)),
            }
        }
        if let Some(first) = shard.packed.get(low) {
            return first;
        }
        if !shard.recent.has_room() {
            let buckets = shard.recent.next_size();
            shard.recent.resize(buckets);
            empty = None;
        }
        // The empty slot the search ended on, unless the table was resized since.
        let at = empty.unwrap_or_else(|| shard.recent.find_empty(low));
        let small = match u32::try_from(row) {
            Ok(small) if small != IN_OVERFLOW => small,
            _ => {
                self.overflow.insert(scrambled, row);
                IN_OVERFLOW
            }
        };
        shard.recent.put(at, low, small);
        if shard.recent.len >= shard.recent_limit() {
            let shard_bits = scrambled & !LOW_MASK;
            Self::pack(shard, shard_bits, &mut self.overflow);
        }
        row
    }

    /// Merges a shard's recent keys into its packed ones, and empties its recent table.
    /// `shard_bits` are the scrambled keys' bits that chose this shard, by which the overflow
    /// map knows its keys.
    fn pack(shard: &mut Shard, shard_bits: u64, overflow: &mut HashMap<u64, u64>) {
        let mut recent: Vec<(u64, u64)> = shard
            .recent
            .entries()
            .map(|(low, row)| match row {
                IN_OVERFLOW => (
                    low,
                    overflow.remove(&(shard_bits | low)).unwrap_or(u64::MAX),
                ),
                row => (low, u64::from(row)),
            })
            .collect();
        // Slots are in order of their home bucket, which follows the key: nearly sorted.
        recent.sort_unstable_by_key(|&(low, _)| low);
        let max_row = recent
            .iter()
            .map(|&(_, row)| row)
            .max()
            .unwrap_or(0)
            .max(shard.packed.max_row);
        let old = std::mem::take(&mut shard.packed);
        let len = old.len + recent.len();
        shard.packed = Packed::build(len, max_row, Merged::new(old.entries(), recent.into_iter()));
        shard.recent.clear();
    }

    /// How many keys are recorded.
    pub(crate) fn len(&self) -> usize {
        self.shards
            .iter()
            .map(|s| s.recent.len + s.packed.len)
            .sum()
    }
}

/// Two iterators of `(low, row)` in order of distinct `low`s, merged in order.
struct Merged<A: Iterator, B: Iterator> {
    a: std::iter::Peekable<A>,
    b: std::iter::Peekable<B>,
}

impl<A, B> Merged<A, B>
where
    A: Iterator<Item = (u64, u64)>,
    B: Iterator<Item = (u64, u64)>,
{
    fn new(a: A, b: B) -> Merged<A, B> {
        Merged {
            a: a.peekable(),
            b: b.peekable(),
        }
    }
}

impl<A, B> Iterator for Merged<A, B>
where
    A: Iterator<Item = (u64, u64)>,
    B: Iterator<Item = (u64, u64)>,
{
    type Item = (u64, u64);
    fn next(&mut self) -> Option<(u64, u64)> {
        match (self.a.peek(), self.b.peek()) {
            (Some(a), Some(b)) if a.0 <= b.0 => self.a.next(),
            (Some(_), Some(_)) | (None, _) => self.b.next(),
            (Some(_), None) => self.a.next(),
        }
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
    fn the_scramble_is_one_to_one_and_stays_in_48_bits() {
        let s = Scramble::new();
        let mut seen = std::collections::HashSet::new();
        for key in (0..100_000u64).chain((0..1000).map(|i| (1 << 48) - 1 - i)) {
            let x = s.apply(key);
            assert!(x < 1 << KEY_BITS, "{key} -> {x}");
            assert!(seen.insert(x), "{key} collides");
        }
    }

    #[test]
    fn packed_bits_read_back_what_was_written() {
        for width in [1, 7, 20, 32, 41, 42, 63, 64] {
            let mut bits = Bits::with_len(300, width);
            let value =
                |i: usize| (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) & bits_mask(width);
            for i in 0..300 {
                bits.set(i, value(i));
            }
            for i in 0..300 {
                assert_eq!(bits.get(i), value(i), "width {width}, number {i}");
            }
        }
    }

    /// One insertion into both the index and the map it must agree with.
    fn step(
        t: &mut FirstRows<u64>,
        m: &mut std::collections::HashMap<u64, u64>,
        key: u64,
        row: u64,
    ) {
        let want = *m.entry(key).or_insert(row);
        assert_eq!(t.first_row(key, row), want, "key {key}");
    }

    fn bits_mask(width: u32) -> u64 {
        if width == 64 {
            u64::MAX
        } else {
            (1 << width) - 1
        }
    }

    #[test]
    fn many_keys_are_packed_and_found_again() {
        let mut t = FirstRows::<[u8; 6]>::new();
        let key = |i: u64| {
            let k = (i * 0x9E37_79B9).to_be_bytes();
            [k[2], k[3], k[4], k[5], k[6], k[7]]
        };
        for i in 0..300_000u64 {
            assert_eq!(t.first_row(key(i), i + 2), i + 2);
        }
        assert!(
            t.shards.iter().all(|s| s.packed.len > 0),
            "300k keys fill every shard past its recent table"
        );
        for i in 0..300_000u64 {
            assert_eq!(t.first_row(key(i), 1_000_000), i + 2);
        }
        assert_eq!(t.len(), 300_000);
    }

    #[test]
    fn consecutive_macs_fill_every_shard_evenly() {
        // A batch of phones: consecutive MACs of one vendor prefix.
        let mut t = FirstRows::<[u8; 6]>::new();
        for i in 0..200_000u64 {
            let k = (0x00_1A_2B_00_00_00 + i).to_be_bytes();
            t.first_row([k[2], k[3], k[4], k[5], k[6], k[7]], i + 2);
        }
        let per_shard: Vec<usize> = t
            .shards
            .iter()
            .map(|s| s.recent.len + s.packed.len)
            .collect();
        let (least, most) = (
            per_shard.iter().copied().min().unwrap_or(0),
            per_shard.iter().copied().max().unwrap_or(0),
        );
        assert!(least * 10 >= most * 8, "{least}..{most} keys a shard");
    }

    #[test]
    fn a_reserved_table_holds_its_keys_without_growing() {
        let mut t = FirstRows::<u64>::new();
        t.reserve(10_000);
        let sizes: Vec<usize> = t.shards.iter().map(|s| s.recent.buckets.len()).collect();
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
            t.shards.iter().map(|s| s.recent.buckets.len()).sum(),
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
        // Packed, the wide rows stay exact too.
        for key in 10..(10 + 70 * RECENT_MIN as u64) {
            t.first_row(key, big + key);
        }
        assert!(t.shards.iter().any(|s| s.packed.len > 0));
        assert!(t.overflow.len() < 70 * RECENT_MIN);
        assert_eq!(t.first_row(1, 7), big);
        assert_eq!(t.first_row(2, 7), u64::from(u32::MAX));
        assert_eq!(t.first_row(3, 7), 5);
        for key in 10..(10 + 70 * RECENT_MIN as u64) {
            assert_eq!(t.first_row(key, 7), big + key);
        }
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

    proptest! {
        // Each case inserts about 100k keys: fewer cases.
        #![proptest_config(ProptestConfig::with_cases(12))]
        #[test]
        fn it_agrees_with_a_hash_map_past_packing(
            keys in prop::collection::vec(0u64..(1 << 48), 1..400),
            repeats in prop::collection::vec(0usize..400, 0..400),
            rows in prop::collection::vec(2u64..u64::MAX / 2, 1..50),
        ) {
            // Enough filler keys that every shard packs, with the keys under test before,
            // among and after them, and rows of any width.
            let mut t = FirstRows::<u64>::new();
            let mut m = std::collections::HashMap::new();
            let mut row = 2u64;
            for (i, &key) in keys.iter().enumerate() {
                row += rows[i % rows.len()] % 1000 + 1;
                step(&mut t, &mut m, key, row);
            }
            for filler in 0..(SHARDS as u64 * RECENT_MIN as u64 * 3 / 2) {
                row += 1;
                step(&mut t, &mut m, filler.wrapping_mul(0x5851_F42D) & ((1 << 48) - 1), row);
            }
            for &r in &repeats {
                let key = keys[r % keys.len()];
                row = row.saturating_add(rows[r % rows.len()]);
                step(&mut t, &mut m, key, row);
            }
            prop_assert_eq!(t.len(), m.len());
        }
    }
}
