//! The organisation as the host knows it: users, workspaces, locations and the devices already
//! in Webex Calling. The upload checks its rows against it (CSV-3, CSV-6, CSV-11, CSV-12,
//! CSV-13); without one, those checks are skipped and the report says so.
//!
//! Matching (DEC-7): emails case-insensitively, ignoring surrounding spaces; workspace and
//! location names exactly, with a near miss (case, spacing) reported so that the fix can name
//! the existing entry.
//!
//! Memory and speed (issue 13, target D): the users' emails and the workspaces' names are held
//! end to end in one text each ([`Names`]), not a `String` apiece, and the users' keys are not
//! copied: an ASCII address (nearly all) is matched by its own text, case-insensitively, and
//! only other addresses keep their lower-cased key. The builder checks each entry as it is
//! added, and [`Directory::from_json`] reads the document straight into the builder, borrowing
//! its strings, so that no entry costs an allocation of its own.

use foldhash::{HashMap, HashSet, HashSetExt};
use std::io::Read;

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::email::{email_key, validate_email};
use crate::error::{Error, ErrorCode, Result};
use crate::mac::Mac;
use crate::texts::{Texts, TextsIter};
use crate::upload::swar::Word;

/// A location's name is at most 80 characters (EXT-12).
pub const MAX_LOCATION_NAME: usize = 80;

/// The format version of the JSON document of a directory.
pub const DIRECTORY_FORMAT: u32 = 1;

/// A location of the organisation.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    name: String,
    #[serde(default)]
    cisco_pstn: bool,
    #[serde(default)]
    extensions_in_use: Vec<String>,
}

impl Location {
    /// A location that is not a Cisco PSTN location and has no extension in use.
    pub fn new(name: impl Into<String>) -> Location {
        Location {
            name: name.into(),
            cisco_pstn: false,
            extensions_in_use: Vec::new(),
        }
    }

    /// The same location, Cisco PSTN or not (CSV-12).
    #[must_use]
    pub fn cisco_pstn(mut self, cisco_pstn: bool) -> Location {
        self.cisco_pstn = cisco_pstn;
        self
    }

    /// The same location with these extensions in use (CSV-6).
    #[must_use]
    pub fn extensions_in_use<I, S>(mut self, extensions: I) -> Location
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.extensions_in_use = extensions.into_iter().map(Into::into).collect();
        self
    }

    /// The name, as the organisation spells it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether it is a Cisco PSTN location (CSV-12).
    pub fn is_cisco_pstn(&self) -> bool {
        self.cisco_pstn
    }

    /// The extensions in use in this location.
    pub fn extensions(&self) -> &[String] {
        &self.extensions_in_use
    }
}

/// Texts end to end in one `String`, with where each ends (issue 13): an entry costs its bytes
/// and four, and no allocation of its own. At most [`Arena::MAX_BYTES`] of text.
#[derive(Clone, Default)]
struct Arena {
    /// Every text, end to end.
    text: String,
    /// Where text `i` ends in `text` (it starts where text `i - 1` ends).
    ends: Vec<u32>,
}

impl Arena {
    /// The most text an arena holds (its ends are `u32`); also bounds how many texts it holds
    /// to fewer than `u32::MAX`, so that their indexes fit a `u32` too.
    const MAX_BYTES: usize = u32::MAX as usize - 1;

    fn len(&self) -> usize {
        self.ends.len()
    }

    /// Text `i`; empty past the end.
    fn get(&self, i: usize) -> &str {
        let start = match i.checked_sub(1) {
            Some(before) => self.ends.get(before).map_or(0, |&e| e as usize),
            None => 0,
        };
        let end = self.ends.get(i).map_or(0, |&e| e as usize);
        self.text.get(start..end).unwrap_or_default()
    }

    /// Whether `text` can be added without going past [`MAX_BYTES`](Arena::MAX_BYTES).
    fn fits(&self, text: &str) -> bool {
        self.text.len() + text.len() <= Arena::MAX_BYTES && self.ends.len() < Arena::MAX_BYTES
    }

    /// Adds `text`; `false` (and nothing added) when it does not [`fit`](Arena::fits).
    fn push(&mut self, text: &str) -> bool {
        if !self.fits(text) {
            return false;
        }
        self.text.push_str(text);
        self.ends.push(self.text.len() as u32);
        true
    }
}

impl std::fmt::Debug for Arena {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.names()).finish()
    }
}

/// The users' emails or the workspaces' names of a [`Directory`]
/// ([`users`](Directory::users), [`workspaces`](Directory::workspaces)): a view of texts held
/// end to end in one `String` (issue 13), read by index or in order as `&str`.
///
/// ```
/// use mpp_migration::Directory;
/// let dir = Directory::builder().users(["alice@example.com", "Bob@Example.com"]).build()?;
/// let users = dir.users();
/// assert_eq!((users.len(), users.get(1)), (2, Some("Bob@Example.com")));
/// assert_eq!(users.iter().collect::<Vec<_>>(), ["alice@example.com", "Bob@Example.com"]);
/// assert_eq!(users, ["alice@example.com", "Bob@Example.com"]);
/// # Ok::<(), mpp_migration::Error>(())
/// ```
pub type Names<'a> = Texts<'a>;

/// The texts of [`Names`], in order.
pub type NamesIter<'a> = TextsIter<'a>;

impl Arena {
    /// The view of its texts.
    fn names(&self) -> Names<'_> {
        Texts::packed(&self.text, 0, &self.ends)
    }
}

/// A name as near misses compare it (DEC-7): lower-cased, each run of white space one space,
/// none around.
fn near_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    name.split_whitespace().enumerate().flat_map(|(i, word)| {
        (i > 0)
            .then_some(' ')
            .into_iter()
            .chain(word.chars().flat_map(char::to_lowercase))
    })
}

/// The key under which names are near misses of each other (DEC-7).
pub(crate) fn near_key(name: &str) -> String {
    near_chars(name).collect()
}

/// The longest name [`NearIndex::hash_plain`] reads (a multiple of eight).
const PLAIN_NAME_MAX: usize = 88;

/// The end of a chain of a [`NearIndex`].
const NO_ENTRY: u32 = u32::MAX;

/// Finds names that are near misses of each other without building their keys: a row's name
/// is hashed as [`near_chars`] yields it, and only a hash hit is compared.
///
/// The entries of one hash form a chain in insertion order (`first`/`last` per hash, `next`
/// per entry), so that an entry costs no allocation of its own (issue 13). Entry indexes are
/// `u32`: the names are held in an [`Arena`], which holds fewer.
#[derive(Clone, Debug, Default)]
struct NearIndex {
    /// The first and last entry of each hash.
    by_hash: HashMap<u64, (u32, u32)>,
    /// The next entry of the same hash, by entry index; [`NO_ENTRY`] at the end of a chain.
    next: Vec<u32>,
}

/// The entries of one hash of a [`NearIndex`], in insertion order.
struct Candidates<'a> {
    next: &'a [u32],
    at: u32,
}

impl Iterator for Candidates<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        let at = self.at as usize;
        let &following = self.next.get(at)?;
        self.at = following;
        Some(at)
    }
}

impl NearIndex {
    fn hash(name: &str) -> u64 {
        let state = foldhash::fast::FixedState::with_seed(0x6d70_705f_6e65_6172);
        NearIndex::hash_plain(name, &state)
            .unwrap_or_else(|| NearIndex::hash_bytewise(name, &state))
    }

    /// [`hash`](NearIndex::hash) of any name.
    fn hash_bytewise(name: &str, state: &foldhash::fast::FixedState) -> u64 {
        use std::hash::BuildHasher;
        // ASCII names (nearly all) are normalised on the stack, in one pass: a run of white
        // space becomes one space between words; others go through near_key.
        let mut buf = [0u8; 96];
        let mut len = 0;
        let mut space = false;
        for &b in name.as_bytes() {
            if b.is_ascii_whitespace() {
                space = len > 0;
                continue;
            }
            if !b.is_ascii() || len + 2 > buf.len() {
                return state.hash_one(near_key(name).as_bytes());
            }
            if space {
                buf[len] = b' ';
                len += 1;
                space = false;
            }
            buf[len] = b.to_ascii_lowercase();
            len += 1;
        }
        state.hash_one(&buf[..len])
    }

    /// [`hash`](NearIndex::hash) of the common name, eight bytes at a time: ASCII, at most
    /// [`PLAIN_NAME_MAX`] bytes, no control character (so no white space but the space), no
    /// space at either end and no two in a row. Its key is then its lower-casing, hashed as
    /// the byte-wise loop would hash it; `None` for any other name.
    fn hash_plain(name: &str, state: &foldhash::fast::FixedState) -> Option<u64> {
        use std::hash::BuildHasher;
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
        let bytes = name.as_bytes();
        if bytes.len() > PLAIN_NAME_MAX
            || bytes.first() == Some(&b' ')
            || bytes.last() == Some(&b' ')
        {
            return None;
        }
        let mut buf = [0u8; PLAIN_NAME_MAX];
        buf[..bytes.len()].copy_from_slice(bytes);
        // The high bit of the last byte of the previous word, when it was a space, moved to
        // the first byte.
        let mut space_before = 0u64;
        for (at, chunk) in (0..bytes.len()).step_by(8).zip(buf.chunks_exact_mut(8)) {
            let x = u64::from_le_bytes(<[u8; 8]>::try_from(&*chunk).ok()?);
            // The bytes past the name (zero) are left out of the control test.
            let real = match bytes.len() - at {
                n if n >= 8 => HIGH,
                n => HIGH & ((1u64 << (8 * n)) - 1),
            };
            let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
            let y = x ^ (ONES * u64::from(b' '));
            let spaces = !(((y & LOW7) + LOW7) | y | LOW7);
            if x & HIGH != 0 || control & real != 0 || spaces & ((spaces << 8) | space_before) != 0
            {
                return None;
            }
            space_before = spaces >> 56;
            let from_a = x + ONES * (0x80 - u64::from(b'A'));
            let past_z = x + ONES * (0x80 - u64::from(b'Z' + 1));
            let upper = from_a & !past_z & HIGH;
            chunk.copy_from_slice(&(x | (upper >> 2)).to_le_bytes());
        }
        Some(state.hash_one(&buf[..bytes.len()]))
    }

    /// How `name` matches the entries of `names` (DEC-7), in one lookup: `Exact` with the
    /// entry's index if one of them is `name` itself, else the first that is a near miss. An
    /// exact match is a near miss too, so it is among the same candidates.
    fn matching<'a>(
        &self,
        name: &str,
        names: impl Fn(usize) -> &'a str,
    ) -> (NameMatch<'a>, Option<usize>) {
        let hash = NearIndex::hash(name);
        if let Some(i) = self.candidates(hash).find(|&i| names(i) == name) {
            return (NameMatch::Exact, Some(i));
        }
        match near_miss(self.candidates(hash), name, &names) {
            Some(i) => (NameMatch::NearMiss(names(i)), None),
            None => (NameMatch::Missing, None),
        }
    }

    /// The entries whose names hash to `hash`: near misses of a name of that hash, and maybe
    /// others.
    fn candidates(&self, hash: u64) -> Candidates<'_> {
        Candidates {
            next: &self.next,
            at: self
                .by_hash
                .get(&hash)
                .map_or(NO_ENTRY, |&(first, _)| first),
        }
    }

    /// Adds the entry at `index`, which is the number of entries added so far, of a name of
    /// this [`hash`](NearIndex::hash). An index past `u32` (which an [`Arena`] does not reach)
    /// is not added.
    fn insert(&mut self, hash: u64, index: usize) {
        debug_assert_eq!(index, self.next.len());
        let Ok(index) = u32::try_from(index) else {
            return;
        };
        if index == NO_ENTRY {
            return;
        }
        self.next.push(NO_ENTRY);
        match self.by_hash.entry(hash) {
            std::collections::hash_map::Entry::Occupied(mut chain) => {
                let (_, last) = chain.get_mut();
                if let Some(link) = self.next.get_mut(*last as usize) {
                    *link = index;
                }
                *last = index;
            }
            std::collections::hash_map::Entry::Vacant(chain) => {
                chain.insert((index, index));
            }
        }
    }

    /// The index of the first name in `names` that is a near miss of `name`, of this
    /// [`hash`](NearIndex::hash).
    fn find<'a>(&self, hash: u64, name: &str, names: impl Fn(usize) -> &'a str) -> Option<usize> {
        near_miss(self.candidates(hash), name, &names)
    }
}

/// Marks an entry of a [`KeySet`] slot that is an index in [`KeySet::other`], not in the users.
const OTHER_KEY: u32 = 1 << 31;

/// The users' email keys (DEC-7), in an open-addressing table of entry numbers with a tag of
/// each key's hash, so that a key costs no allocation of its own and a probe compares bytes
/// only on a tag hit (issue 13).
///
/// The key of an ASCII address, `email_key`, is its ASCII lower-casing: such a key is not
/// kept, but compared with the address itself (in the directory's users), case-insensitively.
/// Only the keys of other addresses are kept, in `other`.
#[derive(Clone, Debug, Default)]
struct KeySet {
    /// The keys of the users whose address is not ASCII, end to end.
    other: Arena,
    /// The table: 0 for an empty slot, else the tag of the key (the upper half of its hash)
    /// and its entry: a user's index plus one, or with [`OTHER_KEY`] set, an index in `other`
    /// plus one. A key's probe starts at its tag's slot, so the table grows without reading
    /// a key again. Its length is a power of two, at least 3/2 of the number of keys (or 0).
    slots: Vec<(u32, u32)>,
    /// How many keys the table holds.
    len: usize,
}

impl KeySet {
    /// The length of a table for `keys` keys: a power of two, at least 16 and 3/2 of them.
    fn table_len(keys: usize) -> usize {
        keys.saturating_add(keys / 2 + 1)
            .max(16)
            .checked_next_power_of_two()
            .unwrap_or(usize::MAX / 2 + 1)
    }

    /// The tag of a key (see `slots`).
    fn tag(key: &[u8]) -> u32 {
        use std::hash::BuildHasher;
        (foldhash::fast::FixedState::with_seed(0x6d70_705f_7573_6572).hash_one(key) >> 32) as u32
    }

    /// Whether the key of `entry` is `key`.
    fn is_key(&self, users: &Arena, entry: u32, key: &[u8]) -> bool {
        if entry & OTHER_KEY == 0 {
            // An ASCII address, whose key is its lower-casing; most are written lower-case, and
            // compared whole first.
            let email = users.get(entry as usize - 1).as_bytes();
            email.len() == key.len() && (email == key || email.eq_ignore_ascii_case(key))
        } else {
            self.other.get((entry & !OTHER_KEY) as usize - 1).as_bytes() == key
        }
    }

    /// The slot of `key`, of this tag: `Ok` where it is, `Err` the empty slot where it would
    /// go. The table must not be empty.
    fn slot(&self, users: &Arena, key: &[u8], tag: u32) -> std::result::Result<usize, usize> {
        let mask = self.slots.len() - 1;
        let mut at = tag as usize & mask;
        loop {
            let (slot_tag, entry) = self.slots[at];
            if entry == 0 {
                return Err(at);
            }
            if slot_tag == tag && self.is_key(users, entry, key) {
                return Ok(at);
            }
            at = (at + 1) & mask;
        }
    }

    /// Whether `key` is the key of one of `users`.
    fn contains(&self, users: &Arena, key: &str) -> bool {
        !self.slots.is_empty()
            && self
                .slot(users, key.as_bytes(), KeySet::tag(key.as_bytes()))
                .is_ok()
    }

    /// Makes room for `more` keys.
    fn reserve(&mut self, more: usize) {
        let keys = self.len.saturating_add(more);
        if keys.saturating_mul(3) > self.slots.len().saturating_mul(2) {
            self.resize(KeySet::table_len(keys));
        }
    }

    /// Fills the empty slot `at` with the key of this tag and entry (see `slots`), which
    /// [`slot`](KeySet::slot) found after a [`reserve`](KeySet::reserve) of one.
    fn fill(&mut self, at: usize, tag: u32, entry: u32) {
        self.slots[at] = (tag, entry);
        self.len += 1;
    }

    /// A table of `len` slots with the same keys, placed by their tags.
    fn resize(&mut self, len: usize) {
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); len]);
        let mask = len - 1;
        for (tag, entry) in old {
            if entry != 0 {
                let mut at = tag as usize & mask;
                while self.slots[at].1 != 0 {
                    at = (at + 1) & mask;
                }
                self.slots[at] = (tag, entry);
            }
        }
    }
}

/// The first of `candidates` whose name is a near miss of `name` (an exact match is one too).
fn near_miss<'a>(
    mut candidates: impl Iterator<Item = usize>,
    name: &str,
    names: &impl Fn(usize) -> &'a str,
) -> Option<usize> {
    candidates.find(|&i| near_chars(names(i)).eq(near_chars(name)))
}

/// What a name lookup found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameMatch<'a> {
    /// Exactly this entry.
    Exact,
    /// Not exactly, but this entry differs only in case or spacing.
    NearMiss(&'a str),
    /// Nothing like it.
    Missing,
}

/// The JSON document of a directory (see [`Directory::from_json`]), as serde's derived reader
/// reads it: the reading that makes the errors, when the one-pass reading
/// ([`DocumentSeed`]) refuses a document.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DirectoryDocument {
    #[serde(default)]
    format: Option<u32>,
    #[serde(default)]
    users: Vec<String>,
    #[serde(default)]
    workspaces: Vec<String>,
    #[serde(default, deserialize_with = "objects_only")]
    locations: Vec<Location>,
    #[serde(default)]
    devices_in_webex_calling: Vec<String>,
}

/// Locations, each read only from a JSON object (see [`ObjectOnly`]).
fn objects_only<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Vec<Location>, D::Error> {
    let locations: Vec<ObjectOnly<Location>> = Deserialize::deserialize(deserializer)?;
    Ok(locations.into_iter().map(|l| l.0).collect())
}

/// The JSON document of a directory as [`Directory::to_json`] writes it: the fields of
/// [`DirectoryDocument`], borrowed.
#[derive(Serialize)]
struct DocumentView<'a> {
    format: Option<u32>,
    users: NamesSeq<'a>,
    workspaces: NamesSeq<'a>,
    locations: &'a [Location],
    devices_in_webex_calling: Vec<String>,
}

/// [`Names`] written as a JSON array of strings.
struct NamesSeq<'a>(Names<'a>);

impl Serialize for NamesSeq<'_> {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter())
    }
}

/// A value that serde reads only from a JSON object: the derived readers of a struct also
/// take an array of its fields, which [`Directory::from_json`] refuses. Used by its one-pass
/// reading; anything it refuses is read again by the checks that make the errors.
struct ObjectOnly<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ObjectOnly<T> {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        struct Objects<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Objects<T> {
            type Value = ObjectOnly<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(ObjectOnly)
            }
        }
        deserializer.deserialize_map(Objects(std::marker::PhantomData))
    }
}

/// A key of the JSON document (the fields of [`DirectoryDocument`]); any other is refused.
#[derive(Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Field {
    Format,
    Users,
    Workspaces,
    Locations,
    DevicesInWebexCalling,
}

/// The one-pass reading of the JSON document (issue 13): each entry goes into the builder as
/// it is read, its string borrowed from the document where it has no escape. It reads only
/// what the derived reader of [`ObjectOnly`]`<`[`DirectoryDocument`]`>` reads, the same way
/// (an object, each key once, no unknown key, locations objects); anything it refuses is read
/// again by that reader, which makes the error. Its value is the document's `format`.
struct DocumentSeed<'b>(&'b mut DirectoryBuilder);

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_> {
    type Value = Option<u32>;
    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<Option<u32>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for DocumentSeed<'_> {
    type Value = Option<u32>;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Option<u32>, A::Error> {
        let mut seen = [false; 5];
        let mut format = None;
        while let Some(field) = map.next_key::<Field>()? {
            let first = !std::mem::replace(&mut seen[field as usize], true);
            if !first {
                return Err(serde::de::Error::custom("duplicate field"));
            }
            match field {
                Field::Format => format = map.next_value::<Option<u32>>()?,
                Field::Users => map.next_value_seed(ListSeed(&mut *self.0, Kind::Users))?,
                Field::Workspaces => {
                    map.next_value_seed(ListSeed(&mut *self.0, Kind::Workspaces))?;
                }
                Field::Locations => map.next_value_seed(ListSeed(&mut *self.0, Kind::Locations))?,
                Field::DevicesInWebexCalling => {
                    map.next_value_seed(ListSeed(&mut *self.0, Kind::Devices))?;
                }
            }
        }
        Ok(format)
    }
}

/// A list of the JSON document, each entry added to the builder as it is read.
struct ListSeed<'b>(&'b mut DirectoryBuilder, Kind);

impl<'de> DeserializeSeed<'de> for ListSeed<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ListSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a sequence")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        if self.1 == Kind::Locations {
            while let Some(ObjectOnly(location)) = seq.next_element::<ObjectOnly<Location>>()? {
                self.0.add_location(location);
            }
        } else {
            while seq
                .next_element_seed(EntrySeed(&mut *self.0, self.1))?
                .is_some()
            {}
        }
        Ok(())
    }
}

/// A string entry of the JSON document, added to the builder as it is read.
struct EntrySeed<'b>(&'b mut DirectoryBuilder, Kind);

impl<'de> DeserializeSeed<'de> for EntrySeed<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> std::result::Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for EntrySeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: serde::de::Error>(self, text: &str) -> std::result::Result<(), E> {
        match self.1 {
            Kind::Users => self.0.add_user(text),
            Kind::Workspaces => self.0.add_workspace(text),
            Kind::Devices => self.0.add_device(text),
            Kind::Locations => return Err(E::custom("a location is an object")),
        }
        Ok(())
    }
}

/// The common JSON document read by hand, for speed (issue 13, target D): an object of the
/// known keys, each once, whose users, workspaces and devices are arrays of strings without
/// escapes, each entry added to the builder as it is found; `format` and `locations` are read by
/// serde_json where they are. `None` for anything else, which serde's readers then read
/// ([`DocumentSeed`], then the derived reader that makes the errors): the builder is then
/// discarded, as it may hold part of the document. Whatever it reads, serde would read the
/// same way, since it reads a subset of JSON's grammar.
struct PlainDocument<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> PlainDocument<'a> {
    /// Reads `text` into `builder`; its format.
    fn read(text: &'a str, builder: &mut DirectoryBuilder) -> Option<Option<u32>> {
        let mut doc = PlainDocument { text, at: 0 };
        let mut seen = [false; 5];
        let mut format = None;
        doc.expect(b'{')?;
        if !doc.eat(b'}') {
            loop {
                doc.expect(b'"')?;
                let field = match doc.string()? {
                    "format" => Field::Format,
                    "users" => Field::Users,
                    "workspaces" => Field::Workspaces,
                    "locations" => Field::Locations,
                    "devices_in_webex_calling" => Field::DevicesInWebexCalling,
                    _ => return None,
                };
                if std::mem::replace(&mut seen[field as usize], true) {
                    return None;
                }
                doc.expect(b':')?;
                match field {
                    Field::Format => format = doc.value::<Option<u32>>()?,
                    Field::Users => {
                        doc.strings(|texts| texts.for_each(|text| builder.add_user(text)))?
                    }
                    Field::Workspaces => doc.strings(|texts| {
                        texts.for_each(|text| builder.add_workspace(text));
                    })?,
                    Field::Locations => {
                        for location in doc.value::<Vec<ObjectOnly<Location>>>()? {
                            builder.add_location(location.0);
                        }
                    }
                    Field::DevicesInWebexCalling => {
                        doc.strings(|texts| texts.for_each(|text| builder.add_device(text)))?;
                    }
                }
                if doc.eat(b'}') {
                    break;
                }
                doc.expect(b',')?;
            }
        }
        doc.space();
        (doc.at == text.len()).then_some(format)
    }

    /// Skips JSON white space.
    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.text.as_bytes().get(self.at) {
            self.at += 1;
        }
    }

    /// Whether `byte` comes next, after white space; if it does, it is read.
    fn eat(&mut self, byte: u8) -> bool {
        self.space();
        let next = self.text.as_bytes().get(self.at) == Some(&byte);
        self.at += usize::from(next);
        next
    }

    /// Reads `byte`, after white space.
    fn expect(&mut self, byte: u8) -> Option<()> {
        self.eat(byte).then_some(())
    }

    /// The string whose opening quote was read, when it has no escape (nor a control
    /// character, which JSON refuses), eight bytes at a time where it can.
    fn string(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        while let Some(chunk) = bytes.get(self.at..self.at + 8) {
            let word = Word::new(chunk);
            // A byte that may be a quote, a backslash or a control character (the tests can
            // also flag a byte after one that is): the bytes are then read one by one.
            if word.equal_from_first(b'"')
                | word.equal_from_first(b'\\')
                | word.below_from_first(0x20)
                != 0
            {
                break;
            }
            self.at += 8;
        }
        loop {
            match *bytes.get(self.at)? {
                b'"' => break,
                b'\\' | 0..0x20 => return None,
                _ => self.at += 1,
            }
        }
        let text = self.text.get(start..self.at)?;
        self.at += 1;
        Some(text)
    }

    /// An array of strings without escapes, given to `add` in order.
    fn strings(&mut self, add: impl FnOnce(&mut Strings<'_, 'a>)) -> Option<()> {
        self.expect(b'[')?;
        let mut strings = Strings {
            doc: self,
            first: true,
            end: None,
        };
        add(&mut strings);
        // The rest, if `add` stopped early.
        while strings.next().is_some() {}
        strings.end.filter(|&read| read).map(|_| ())
    }

    /// The value that comes next, read by serde_json.
    fn value<T: Deserialize<'a>>(&mut self) -> Option<T> {
        let mut values =
            serde_json::Deserializer::from_str(self.text.get(self.at..)?).into_iter::<T>();
        let value = values.next()?.ok()?;
        self.at += values.byte_offset();
        Some(value)
    }
}

/// The strings of an array of [`PlainDocument`], read as they are asked for.
struct Strings<'d, 'a> {
    doc: &'d mut PlainDocument<'a>,
    /// Whether none was read yet.
    first: bool,
    /// `Some(true)` once the array was read to its end, `Some(false)` once it turned out not
    /// to be one of strings without escapes.
    end: Option<bool>,
}

impl<'a> Iterator for Strings<'_, 'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        if self.end.is_some() {
            return None;
        }
        if self.doc.eat(b']') {
            self.end = Some(true);
            return None;
        }
        let next =
            (std::mem::replace(&mut self.first, false) || self.doc.eat(b',')) && self.doc.eat(b'"');
        let text = next.then(|| self.doc.string()).flatten();
        if text.is_none() {
            self.end = Some(false);
        }
        text
    }
}

/// The organisation: users, workspaces, locations, devices in Webex Calling.
///
/// ```
/// use mpp_migration::{Directory, Location, Mac};
/// let dir = Directory::builder()
///     .user("alice@example.com")
///     .workspace("Lobby")
///     .location(Location::new("HQ").cisco_pstn(true).extensions_in_use(["1001"]))
///     .device_in_webex_calling("001A2B3C4D5E")
///     .build()?;
/// assert!(dir.has_user(" Alice@Example.com"));
/// assert!(dir.has_device(Mac::parse("001a2b3c4d5e")?));
/// # Ok::<(), mpp_migration::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Directory {
    /// The users' emails, trimmed, the first spelling of each key.
    users: Arena,
    user_keys: KeySet,
    workspaces: Arena,
    workspace_near: NearIndex,
    locations: Vec<Location>,
    location_near: NearIndex,
    /// The extensions in use in each location, as [`extension_code`]s.
    extensions: Vec<HashSet<u64>>,
    devices: HashSet<Mac>,
}

/// The kinds of entries, in the order [`DirectoryBuilder::build`] reports their errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Users,
    Workspaces,
    Locations,
    Devices,
}

/// Builds a [`Directory`]; [`build`](DirectoryBuilder::build) returns the first entry refused.
///
/// Each entry is checked as it is added (issue 13: no copy of the entries is kept until
/// `build`), and the error `build` returns is the one of a builder that checked every user,
/// then every workspace, then every location, then every device, in the order added: the first
/// refused entry of the first kind that has one.
#[derive(Clone, Debug)]
pub struct DirectoryBuilder {
    dir: Directory,
    /// How many users, workspaces, locations and devices were added: the index of the next of
    /// each kind in its path (`users[3]`).
    added: [usize; 4],
    /// The error `build` returns, and the kind of entry it is about: once there is one, the
    /// entries of that kind and later kinds are no longer checked.
    error: Option<(Kind, Error)>,
    last_domain: LastDomain,
}

impl Default for DirectoryBuilder {
    fn default() -> DirectoryBuilder {
        DirectoryBuilder {
            dir: Directory {
                users: Arena::default(),
                user_keys: KeySet::default(),
                workspaces: Arena::default(),
                workspace_near: NearIndex::default(),
                locations: Vec::new(),
                location_near: NearIndex::default(),
                extensions: Vec::new(),
                devices: HashSet::default(),
            },
            added: [0; 4],
            error: None,
            last_domain: LastDomain::default(),
        }
    }
}

impl DirectoryBuilder {
    /// Adds a user, by email.
    #[must_use]
    pub fn user(mut self, email: impl AsRef<str>) -> DirectoryBuilder {
        self.add_user(email.as_ref());
        self
    }

    /// Adds users, by email.
    #[must_use]
    pub fn users<I, S>(mut self, emails: I) -> DirectoryBuilder
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let emails = emails.into_iter();
        self.dir.reserve_users(emails.size_hint().0);
        for email in emails {
            self.add_user(email.as_ref());
        }
        self
    }

    /// Adds a workspace, by name.
    #[must_use]
    pub fn workspace(mut self, name: impl AsRef<str>) -> DirectoryBuilder {
        self.add_workspace(name.as_ref());
        self
    }

    /// Adds workspaces, by name.
    #[must_use]
    pub fn workspaces<I, S>(mut self, names: I) -> DirectoryBuilder
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let names = names.into_iter();
        self.dir.reserve_workspaces(names.size_hint().0);
        for name in names {
            self.add_workspace(name.as_ref());
        }
        self
    }

    /// Adds a location.
    #[must_use]
    pub fn location(mut self, location: Location) -> DirectoryBuilder {
        self.add_location(location);
        self
    }

    /// Adds locations.
    #[must_use]
    pub fn locations(mut self, locations: impl IntoIterator<Item = Location>) -> DirectoryBuilder {
        for location in locations {
            self.add_location(location);
        }
        self
    }

    /// Adds a device already configured in Webex Calling, by MAC (CSV-13, TASK-9).
    #[must_use]
    pub fn device_in_webex_calling(mut self, mac: impl AsRef<str>) -> DirectoryBuilder {
        self.add_device(mac.as_ref());
        self
    }

    /// Adds devices already configured in Webex Calling, by MAC.
    #[must_use]
    pub fn devices_in_webex_calling<I, S>(mut self, macs: I) -> DirectoryBuilder
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let macs = macs.into_iter();
        self.dir.devices.reserve(macs.size_hint().0);
        for mac in macs {
            self.add_device(mac.as_ref());
        }
        self
    }

    /// The directory, or the first entry refused.
    ///
    /// Errors ([`ErrorCode::DirectoryInvalid`]), each naming the entry by its path in the
    /// document (`locations[2].extensions_in_use[0]`): an invalid email or MAC, an empty name,
    /// a location name over 80 characters (EXT-12), an extension that is not 2 to 10 digits
    /// (DEC-5), a name with a control character, the same workspace or location twice, or two
    /// workspaces or two locations whose names differ only in case or spacing (a name could then
    /// not be matched, DEC-7). Of several, the error is about the first user refused, else the
    /// first workspace, else the first location, else the first device; the addresses of the
    /// users, or the names of the workspaces, may take at most 4 GiB.
    pub fn build(self) -> Result<Directory> {
        match self.error {
            Some((_, error)) => Err(error),
            None => Ok(self.dir),
        }
    }

    /// The index of the next entry of this kind, counted; `None` when it need not be checked
    /// (an entry of this kind or an earlier one was refused).
    fn next_index(&mut self, kind: Kind) -> Option<usize> {
        let added = &mut self.added[kind as usize];
        let index = *added;
        *added += 1;
        match &self.error {
            Some((refused, _)) if *refused <= kind => None,
            _ => Some(index),
        }
    }

    fn refuse(&mut self, kind: Kind, error: Error) {
        self.error = Some((kind, error));
    }

    fn add_user(&mut self, email: &str) {
        if let Some(i) = self.next_index(Kind::Users) {
            if let Err(e) = self.dir.add_user(i, email, &mut self.last_domain) {
                self.refuse(Kind::Users, e);
            }
        }
    }

    fn add_workspace(&mut self, name: &str) {
        if let Some(i) = self.next_index(Kind::Workspaces) {
            if let Err(e) = self.dir.add_workspace(i, name) {
                self.refuse(Kind::Workspaces, e);
            }
        }
    }

    fn add_location(&mut self, location: Location) {
        if let Some(i) = self.next_index(Kind::Locations) {
            if let Err(e) = self.dir.add_location(i, location) {
                self.refuse(Kind::Locations, e);
            }
        }
    }

    fn add_device(&mut self, mac: &str) {
        if let Some(i) = self.next_index(Kind::Devices) {
            match Mac::parse(mac) {
                Ok(mac) => {
                    self.dir.devices.insert(mac);
                }
                Err(e) => self.refuse(
                    Kind::Devices,
                    invalid(format!("devices_in_webex_calling[{i}]"), e.message()),
                ),
            }
        }
    }
}

/// A workspace or location name of the document, trimmed, when it is one: not empty, and no
/// control characters (a NUL or a line break in a name cannot be typed into Control Hub, and
/// would make every row naming it a near miss nobody can see).
fn checked_name(path: impl Fn() -> String, name: &str) -> Result<&str> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(invalid(path(), "the name is empty"));
    }
    // Printable ASCII (nearly every name) has no control character; others are read as chars.
    if trimmed.bytes().any(|b| !(0x20..0x7f).contains(&b)) {
        if let Some(c) = trimmed.chars().find(|c| c.is_control()) {
            return Err(invalid(
                path(),
                format!(
                    "{} contains {}; a name is printable text",
                    crate::text::quoted(trimmed),
                    crate::text::describe_char(c)
                ),
            ));
        }
    }
    Ok(trimmed)
}

/// One rule for workspaces and locations alike (DEC-7): names match exactly, and a near miss
/// is an error whose fix names the existing entry, so two entries that are the same name or
/// near misses of each other are refused: a row naming either could not be told which.
fn duplicate_name(path: &str, name: &str, other_path: &str, other: &str) -> Error {
    let why = if name == other {
        "appears twice"
    } else {
        "differs from another entry only in case or spacing"
    };
    invalid(
        path.to_owned(),
        format!(
            "{} {why} ({other_path} is {}); names are matched exactly, so each must be distinct beyond case and spacing (DEC-7)",
            crate::text::quoted(name),
            crate::text::quoted(other)
        ),
    )
}

/// What a byte may be in [`plain_email_key`], a bit each: allowed in the local part.
const LOCAL: u8 = 1;
/// Allowed in the domain (a letter, digit, hyphen or dot).
const DOMAIN: u8 = 2;
/// A digit.
const DIGIT: u8 = 4;
/// A dot.
const DOT: u8 = 8;
/// A hyphen (the bit after [`DOT`]: a dot next to a hyphen is found with one shift).
const HYPHEN: u8 = DOT << 1;
/// An upper-case letter: the bit that lower-cases it (`b | UPPER`).
const UPPER: u8 = 0x20;

/// What each byte may be in an address that [`plain_email_key`] accepts; 0 for any byte it
/// never accepts (controls, space, DEL, non-ASCII).
static EMAIL_BYTES: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0x21;
    while i < 0x7f {
        let b = i as u8;
        if !matches!(
            b,
            b'@' | b',' | b';' | b'<' | b'>' | b'(' | b')' | b'[' | b']' | b'\\' | b'"' | b':'
        ) {
            table[i] |= LOCAL;
        }
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'.' {
            table[i] |= DOMAIN;
        }
        if b.is_ascii_digit() {
            table[i] |= DIGIT;
        }
        if b == b'.' {
            table[i] |= DOT;
        }
        if b == b'-' {
            table[i] |= HYPHEN;
        }
        if b.is_ascii_uppercase() {
            table[i] |= UPPER;
        }
        i += 1;
    }
    table
};

/// The domain of the last address [`plain_email_key`] accepted, as written and lower-cased: an
/// address of the same domain (nearly every one of an organisation's) is not checked again
/// (issue 13).
#[derive(Clone)]
struct LastDomain {
    /// The length of the domain; 0 when there is none.
    len: usize,
    text: [u8; crate::email::MAX_LEN],
    lower: [u8; crate::email::MAX_LEN],
}

impl Default for LastDomain {
    fn default() -> LastDomain {
        LastDomain {
            len: 0,
            text: [0; crate::email::MAX_LEN],
            lower: [0; crate::email::MAX_LEN],
        }
    }
}

impl std::fmt::Debug for LastDomain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("LastDomain")
            .field(&String::from_utf8_lossy(&self.text[..self.len]))
            .finish()
    }
}

/// Whether `email` is, in one pass over its bytes, an address that [`validate_email`] accepts,
/// writing its key ([`email_key`], here its ASCII lower-casing) into `key` as it goes: printable
/// ASCII without spaces (so nothing to trim), at most 254 characters, one `@`, a local part of 1
/// to 64 characters without a dot at either end, two dots in a row or any of `,;<>()[]\":`, and
/// a domain of at least two labels of letters, digits and inner hyphens, the last at least two
/// characters and not all digits. `false` says nothing (and `key` holds anything): the caller
/// then asks [`validate_email`], which alone makes the error. Nearly every directory entry takes
/// this path (issue 13, target D): each byte costs one look-up in [`EMAIL_BYTES`] and a few
/// bit operations, without a branch, and a domain that is `last`'s but for the case of its
/// letters is not read again (an accepted domain becomes `last`); a test holds it to
/// `validate_email`.
// Index loops over slices of equal length: the checks on the indexes are then left out.
#[allow(clippy::needless_range_loop)]
fn plain_email_key(
    email: &[u8],
    key: &mut [u8; crate::email::MAX_LEN],
    last: &mut LastDomain,
) -> bool {
    if email.len() > crate::email::MAX_LEN {
        return false;
    }
    let Some(at) = email.iter().position(|&b| b == b'@') else {
        return false;
    };
    let (local, domain) = email.split_at(at);
    let domain = domain.get(1..).unwrap_or_default();
    if local.is_empty() || local.len() > crate::email::MAX_LOCAL_LEN {
        return false;
    }
    let (key_local, key_domain) = key.split_at_mut(at);
    let Some((key_at, key_domain)) = key_domain.split_first_mut() else {
        return false;
    };
    *key_at = b'@';
    // The same lengths, so that the loops below index without checks.
    let Some(key_domain) = key_domain.get_mut(..domain.len()) else {
        return false;
    };
    // The local part: every byte allowed, no dot after a dot or first (`previous` starts as a
    // dot), none last.
    let mut all = LOCAL;
    let mut pairs = 0;
    let mut previous = DOT;
    for i in 0..local.len() {
        let b = local[i];
        let class = EMAIL_BYTES[b as usize];
        all &= class;
        pairs |= previous & class;
        previous = class;
        key_local[i] = b | (class & UPPER);
    }
    if all & LOCAL == 0 || (pairs | previous) & DOT != 0 {
        return false;
    }
    // A domain's check does not depend on the case of its letters: `Example.com` after
    // `example.com` is not checked again either.
    let cached = &last.text[..last.len];
    if last.len != 0 && (same_bytes(domain, cached) || domain.eq_ignore_ascii_case(cached)) {
        key_domain.copy_from_slice(&last.lower[..last.len]);
        return true;
    }
    // The domain: every byte allowed, no dot after a dot or first, no hyphen after a dot or
    // first, no dot after a hyphen, neither last; a dot somewhere, after which the last label
    // is at least two characters, not all digits.
    let mut all = DOMAIN;
    let mut bad = 0;
    let mut previous = DOT;
    let mut last_label = 0;
    for i in 0..domain.len() {
        let b = domain[i];
        let class = EMAIL_BYTES[b as usize];
        all &= class;
        bad |= previous & ((class & DOT) | ((class & HYPHEN) >> 1) | ((class & DOT) << 1));
        if class & DOT != 0 {
            last_label = i + 1;
        }
        previous = class;
        key_domain[i] = b | (class & UPPER);
    }
    let last_label = domain.get(last_label..).unwrap_or_default();
    let plain = all & DOMAIN != 0
        && bad == 0
        && previous & (DOT | HYPHEN) == 0
        && last_label.len() < domain.len()
        && last_label.len() >= 2
        && !last_label.iter().all(u8::is_ascii_digit);
    if plain {
        last.len = domain.len();
        last.text[..domain.len()].copy_from_slice(domain);
        last.lower[..domain.len()].copy_from_slice(key_domain);
    }
    plain
}

/// Whether `a` and `b` are the same bytes, compared eight at a time (a call of `memcmp` costs
/// more, for the short domains of addresses).
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let (mut a8, mut b8) = (a.chunks_exact(8), b.chunks_exact(8));
    a8.by_ref()
        .zip(b8.by_ref())
        .all(|(x, y)| <[u8; 8]>::try_from(x).ok() == <[u8; 8]>::try_from(y).ok())
        && a8
            .remainder()
            .iter()
            .zip(b8.remainder())
            .all(|(x, y)| x == y)
}

/// Whether [`plain_email_key`] accepts `email`.
#[cfg(test)]
fn plainly_valid_email(email: &str) -> bool {
    plain_email_key(
        email.as_bytes(),
        &mut [0; crate::email::MAX_LEN],
        &mut LastDomain::default(),
    )
}

/// The document and each of its locations must be JSON objects (see [`Directory::from_json`]).
fn check_object_form(value: &serde_json::Value) -> Result<()> {
    let not_object = |path: &str, v: &serde_json::Value| {
        Error::new(
            ErrorCode::JsonInvalid,
            format!(
                "directory JSON: {path} is {}; expected an object such as {{\"users\": [...], \"locations\": [{{\"name\": \"HQ\"}}]}}",
                json_kind(v)
            ),
        )
    };
    let Some(doc) = value.as_object() else {
        return Err(not_object("the document", value));
    };
    if let Some(serde_json::Value::Array(locations)) = doc.get("locations") {
        for (i, location) in locations.iter().enumerate() {
            if !location.is_object() {
                return Err(not_object(&format!("locations[{i}]"), location));
            }
        }
    }
    Ok(())
}

/// What kind of JSON value `v` is, for a message.
fn json_kind(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

fn invalid(path: String, why: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorCode::DirectoryInvalid,
        format!("directory {path}: {why}"),
    )
}

/// The error of an entry past what an [`Arena`] holds.
fn too_large(path: String, what: &str) -> Error {
    invalid(path, format!("a directory holds at most 4 GiB of {what}"))
}

/// A format other than this library's, refused.
fn check_format(format: Option<u32>) -> Result<()> {
    match format.filter(|&f| f != DIRECTORY_FORMAT) {
        Some(format) => Err(invalid(
            "format".to_owned(),
            format!(
                "format {format} is not supported; this library reads format {DIRECTORY_FORMAT}"
            ),
        )),
        None => Ok(()),
    }
}

impl Directory {
    /// A builder.
    pub fn builder() -> DirectoryBuilder {
        DirectoryBuilder::default()
    }

    /// Reads a directory from its JSON document:
    ///
    /// ```json
    /// { "format": 1,
    ///   "users": ["alice@example.com"],
    ///   "workspaces": ["Lobby"],
    ///   "locations": [{"name": "HQ", "cisco_pstn": true, "extensions_in_use": ["1001"]}],
    ///   "devices_in_webex_calling": ["001A2B3C4D5E"] }
    /// ```
    ///
    /// The document and each location are JSON objects (an array of the fields in order, which
    /// serde would otherwise read, is refused). Every key is optional; an unknown key is
    /// refused. Errors:
    /// [`ErrorCode::JsonInvalid`] for malformed JSON or a value of the wrong type (naming line
    /// and column), [`ErrorCode::DirectoryInvalid`] for an entry the builder refuses (naming its
    /// path), [`ErrorCode::IoError`] when the reader fails.
    pub fn from_json(mut reader: impl Read) -> Result<Directory> {
        let mut bytes = Vec::new();
        reader
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io("reading the directory", e))?;
        Directory::from_json_bytes(&bytes)
    }

    /// Reads the document in the file at `path`, as [`from_json`](Self::from_json) does: what a
    /// host that names its files (the C ABI's `mpp_directory_from_json_path`) hands over.
    ///
    /// Errors: as `from_json`, each message after the path (`<path>: <message>`, see
    /// [`Error::in_file`]), and [`ErrorCode::IoError`] naming the path when it cannot be opened.
    pub fn read_path(path: &std::path::Path) -> Result<Directory> {
        crate::read_file(path, |r| Directory::from_json(r))
    }

    /// [`from_json`](Self::from_json) of a document already in memory, which it reads without
    /// copying it.
    ///
    /// ```
    /// let dir = mpp_migration::Directory::from_json_bytes(br#"{"users": ["alice@example.com"]}"#)?;
    /// assert!(dir.has_user("Alice@Example.com"));
    /// # Ok::<(), mpp_migration::Error>(())
    /// ```
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Directory> {
        Directory::read_json(bytes, true)
    }

    /// [`from_json_bytes`](Self::from_json_bytes), trying the common document by hand first
    /// ([`PlainDocument`]) when `by_hand` (a test compares both).
    fn read_json(bytes: &[u8], by_hand: bool) -> Result<Directory> {
        // One pass that reads only the object form, each entry straight into the builder: the
        // common document by hand, others by serde; whatever they refuse goes through the
        // checks below, which alone make the errors (issue 13: one parse, no serde_json::Value,
        // no String an entry). The text is checked to be UTF-8 once, not string by string.
        if let Ok(text) = std::str::from_utf8(bytes) {
            let mut builder = DirectoryBuilder::default();
            if let Some(format) = by_hand
                .then(|| PlainDocument::read(text, &mut builder))
                .flatten()
            {
                check_format(format)?;
                return builder.build();
            }
            let mut builder = DirectoryBuilder::default();
            let mut de = serde_json::Deserializer::from_str(text);
            if let Ok(format) = DocumentSeed(&mut builder).deserialize(&mut de) {
                if de.end().is_ok() {
                    check_format(format)?;
                    return builder.build();
                }
            }
        }
        let json_error = |e: serde_json::Error| {
            Error::new(ErrorCode::JsonInvalid, format!("directory JSON: {e}"))
        };
        // Only the documented object form: serde would also read a struct from an array of
        // its fields (`[1, ["a@example.com"], ["Lobby"]]`, or `[]`), which no one writes on
        // purpose and which would make the document's meaning depend on field order.
        let value: serde_json::Value = serde_json::from_slice(bytes).map_err(json_error)?;
        check_object_form(&value)?;
        let doc: DirectoryDocument = serde_json::from_slice(bytes).map_err(json_error)?;
        check_format(doc.format)?;
        Directory::builder()
            .users(&doc.users)
            .workspaces(&doc.workspaces)
            .locations(doc.locations)
            .devices_in_webex_calling(&doc.devices_in_webex_calling)
            .build()
    }

    /// The directory as its JSON document (format 1), which [`from_json`](Self::from_json)
    /// reads back.
    pub fn to_json(&self) -> String {
        let mut devices: Vec<String> = self.devices.iter().map(Mac::to_string).collect();
        devices.sort_unstable();
        let doc = DocumentView {
            format: Some(DIRECTORY_FORMAT),
            users: NamesSeq(self.users()),
            workspaces: NamesSeq(self.workspaces()),
            locations: &self.locations,
            devices_in_webex_calling: devices,
        };
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    }

    /// Makes room for `more` users.
    fn reserve_users(&mut self, more: usize) {
        self.users.ends.reserve(more);
        self.user_keys.reserve(more);
    }

    /// Makes room for `more` workspaces.
    fn reserve_workspaces(&mut self, more: usize) {
        self.workspaces.ends.reserve(more);
        self.workspace_near.next.reserve(more);
        self.workspace_near.by_hash.reserve(more);
    }

    /// Adds the user `users[i]` (DEC-7): a valid address, kept trimmed, unless one of the same
    /// key is there already.
    fn add_user(&mut self, i: usize, email: &str, last: &mut LastDomain) -> Result<()> {
        let mut key = [0u8; crate::email::MAX_LEN];
        // Nearly every address: checked and lower-cased in one pass, then hashed.
        let (trimmed, len) = if plain_email_key(email.as_bytes(), &mut key, last) {
            (email, email.len())
        } else {
            validate_email(email).map_err(|e| invalid(format!("users[{i}]"), e.message()))?;
            let trimmed = email.trim();
            match key.get_mut(..trimmed.len()).filter(|_| trimmed.is_ascii()) {
                Some(lower) => {
                    lower.copy_from_slice(trimmed.as_bytes());
                    lower.make_ascii_lowercase();
                    (trimmed, trimmed.len())
                }
                None => return self.add_other_user(i, trimmed, &email_key(email)),
            }
        };
        let key = &key[..len];
        let tag = KeySet::tag(key);
        self.user_keys.reserve(1);
        let Err(at) = self.user_keys.slot(&self.users, key, tag) else {
            return Ok(());
        };
        let entry = u32::try_from(self.users.len() + 1)
            .ok()
            .filter(|&e| e < OTHER_KEY);
        match entry {
            Some(entry) if self.users.push(trimmed) => {
                self.user_keys.fill(at, tag, entry);
                Ok(())
            }
            _ => Err(too_large(format!("users[{i}]"), "users' addresses")),
        }
    }

    /// [`add_user`](Self::add_user) for an address that is not ASCII, of this key, which is
    /// kept beside the table.
    fn add_other_user(&mut self, i: usize, trimmed: &str, key: &str) -> Result<()> {
        let tag = KeySet::tag(key.as_bytes());
        self.user_keys.reserve(1);
        let Err(at) = self.user_keys.slot(&self.users, key.as_bytes(), tag) else {
            return Ok(());
        };
        let entry = u32::try_from(self.user_keys.other.len() + 1)
            .ok()
            .filter(|&e| e < OTHER_KEY);
        match entry {
            Some(entry) if self.users.fits(trimmed) && self.user_keys.other.push(key) => {
                self.users.push(trimmed);
                self.user_keys.fill(at, tag, entry | OTHER_KEY);
                Ok(())
            }
            _ => Err(too_large(format!("users[{i}]"), "users' addresses")),
        }
    }

    /// Adds the workspace `workspaces[i]`: a name, distinct from the others beyond case and
    /// spacing (DEC-7).
    fn add_workspace(&mut self, i: usize, name: &str) -> Result<()> {
        let path = || format!("workspaces[{i}]");
        let name = checked_name(path, name)?;
        let hash = NearIndex::hash(name);
        let workspaces = &self.workspaces;
        if let Some(other) = self.workspace_near.find(hash, name, |i| workspaces.get(i)) {
            return Err(duplicate_name(
                &path(),
                name,
                &format!("workspaces[{other}]"),
                workspaces.get(other),
            ));
        }
        if !self.workspaces.push(name) {
            return Err(too_large(path(), "workspaces' names"));
        }
        self.workspace_near.insert(hash, self.workspaces.len() - 1);
        Ok(())
    }

    /// Adds the location `locations[i]`: a name of at most 80 characters (EXT-12), distinct
    /// from the others beyond case and spacing (DEC-7), and extensions of 2 to 10 digits (DEC-5).
    fn add_location(&mut self, i: usize, location: Location) -> Result<()> {
        let path = format!("locations[{i}]");
        let name = checked_name(|| format!("{path}.name"), &location.name)?;
        if name.chars().count() > MAX_LOCATION_NAME {
            return Err(invalid(
                format!("{path}.name"),
                format!(
                    "{} is longer than {MAX_LOCATION_NAME} characters (EXT-12)",
                    crate::text::quoted(name)
                ),
            ));
        }
        let hash = NearIndex::hash(name);
        let locations = &self.locations;
        if let Some(other) = self.location_near.find(hash, name, |i| &locations[i].name) {
            return Err(duplicate_name(
                &format!("{path}.name"),
                name,
                &format!("locations[{other}]"),
                &self.locations[other].name,
            ));
        }
        let mut in_use = HashSet::new();
        let mut extensions = Vec::new();
        for (j, ext) in location.extensions_in_use.iter().enumerate() {
            let ext = ext.trim();
            let Some(code) = extension_code(ext) else {
                return Err(invalid(
                    format!("{path}.extensions_in_use[{j}]"),
                    format!("{ext:?} is not 2 to 10 digits (DEC-5)"),
                ));
            };
            if in_use.insert(code) {
                extensions.push(ext.to_owned());
            }
        }
        extensions.sort_unstable();
        // The entry's own text when it needs no trimming: no copy (issue 13).
        let name = if name.len() == location.name.len() {
            location.name
        } else {
            name.to_owned()
        };
        self.location_near.insert(hash, self.locations.len());
        self.extensions.push(in_use);
        self.locations.push(Location {
            name,
            cisco_pstn: location.cisco_pstn,
            extensions_in_use: extensions,
        });
        Ok(())
    }

    /// Whether a user with this email exists (case-insensitive, DEC-7).
    pub fn has_user(&self, email: &str) -> bool {
        // user_keys holds every email_key of the users.
        let email = crate::text::trim(email);
        // Most addresses are written as the directory has them: look them up as they are first.
        if self.user_keys.contains(&self.users, email) {
            return true;
        }
        // Then by email_key, without making it where it is cheap: an ASCII address without
        // capitals is already its own key, one with capitals is lower-cased on the stack.
        if email.is_ascii() {
            if !email.bytes().any(|b| b.is_ascii_uppercase()) {
                return false;
            }
            let mut lower = [0u8; crate::email::MAX_LEN];
            if let Some(lower) = lower.get_mut(..email.len()) {
                lower.copy_from_slice(email.as_bytes());
                lower.make_ascii_lowercase();
                return std::str::from_utf8(lower)
                    .is_ok_and(|key| self.user_keys.contains(&self.users, key));
            }
        }
        self.user_keys.contains(&self.users, &email_key(email))
    }

    /// How a workspace name matches the organisation's workspaces (DEC-7).
    pub fn match_workspace(&self, name: &str) -> NameMatch<'_> {
        self.workspace_near
            .matching(name, |i| self.workspaces.get(i))
            .0
    }

    /// The location with exactly this name (CSV-11), or how it nearly matches one (DEC-7).
    pub fn match_location(&self, name: &str) -> (NameMatch<'_>, Option<&Location>) {
        let (found, index) = self.match_location_index(name);
        (found, index.map(|i| &self.locations[i]))
    }

    /// [`match_location`](Self::match_location) giving the position of the location in
    /// [`locations`](Self::locations), which later checks of the same row use instead of the
    /// name ([`extension_code_in_use`](Self::extension_code_in_use)).
    pub(crate) fn match_location_index(&self, name: &str) -> (NameMatch<'_>, Option<usize>) {
        self.location_near
            .matching(name, |i| &self.locations[i].name)
    }

    /// Whether `extension` is in use in the location with exactly this name (CSV-6).
    pub fn extension_in_use(&self, location: &str, extension: &str) -> bool {
        match (
            self.match_location_index(location).1,
            extension_code(extension),
        ) {
            (Some(i), Some(code)) => self.extension_code_in_use(i, code),
            _ => false,
        }
    }

    /// Whether the extension of [`extension_code`] `code` is in use in the location at
    /// `index` of [`locations`](Self::locations) (CSV-6).
    pub(crate) fn extension_code_in_use(&self, index: usize, code: u64) -> bool {
        self.extensions
            .get(index)
            .is_some_and(|in_use| in_use.contains(&code))
    }

    /// Whether the device is already configured in Webex Calling (CSV-13, TASK-9).
    pub fn has_device(&self, mac: Mac) -> bool {
        self.devices.contains(&mac)
    }

    /// The users' emails, as given (trimmed, first spelling of each key), in the order added.
    pub fn users(&self) -> Names<'_> {
        self.users.names()
    }

    /// The workspaces' names (trimmed), in the order added.
    pub fn workspaces(&self) -> Names<'_> {
        self.workspaces.names()
    }

    /// The locations.
    pub fn locations(&self) -> &[Location] {
        &self.locations
    }

    /// How many devices are known to be in Webex Calling.
    pub fn device_count(&self) -> usize {
        self.devices.len()
    }
}

/// An extension: 2 to 10 digits (EXT-12, DEC-5).
pub(crate) fn is_extension(text: &str) -> bool {
    (2..=10).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// An extension (2 to 10 digits, DEC-5) as one number that keeps its length: its digits after
/// a leading 1, so that `0012` (10012) and `12` (112) stay distinct. Below 2·10¹⁰, that is
/// 35 bits. `None` for a text that is not an extension.
pub(crate) fn extension_code(text: &str) -> Option<u64> {
    is_extension(text).then(|| {
        text.bytes()
            .fold(1u64, |code, b| code * 10 + u64::from(b - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_read_from_a_file_names_it_in_its_errors() {
        let path = std::env::temp_dir().join(format!("mpp-dir-{}.json", std::process::id()));
        std::fs::write(&path, br#"{"users": ["alice@example.com"]}"#).unwrap();
        assert!(
            Directory::read_path(&path)
                .unwrap()
                .has_user("alice@example.com")
        );
        std::fs::write(&path, b"{").unwrap();
        let err = Directory::read_path(&path).unwrap_err();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(err.code(), ErrorCode::JsonInvalid);
        assert!(
            err.message().starts_with(&format!("{}: ", path.display())),
            "{err}"
        );
        let missing = Directory::read_path(&path).unwrap_err();
        assert_eq!(missing.code(), ErrorCode::IoError);
    }

    proptest::proptest! {
        #[test]
        fn dec7_the_plain_name_hash_is_the_bytewise_one(name in "[ -~\t\u{e9}\u{c9}]{0,100}", pick in 0usize..4) {
            let names = ["Site 12", "  HQ  Main", "room\t1", "A"];
            let name = if pick == 0 { names[name.len() % names.len()].to_owned() } else { name };
            let state = foldhash::fast::FixedState::with_seed(7);
            if let Some(fast) = NearIndex::hash_plain(&name, &state) {
                proptest::prop_assert_eq!(fast, NearIndex::hash_bytewise(&name, &state), "{:?}", name);
            }
        }
    }

    #[test]
    fn dec7_plain_names_take_the_fast_hash() {
        let state = foldhash::fast::FixedState::with_seed(7);
        for name in [
            "Site 12",
            "HQ Main Building, Floor 3 West",
            "room1",
            "A",
            "",
        ] {
            assert_eq!(
                NearIndex::hash_plain(name, &state),
                Some(NearIndex::hash_bytewise(name, &state)),
                "{name:?}"
            );
        }
        for name in [
            " HQ",
            "HQ ",
            "HQ  Main",
            "HQ\tMain",
            "Caf\u{e9}",
            &"x".repeat(89),
        ] {
            assert_eq!(NearIndex::hash_plain(name, &state), None, "{name:?}");
        }
    }

    fn sample() -> Directory {
        Directory::builder()
            .users(["alice@example.com", "Bob@Example.com"])
            .workspaces(["Lobby", "Conference room 1"])
            .location(
                Location::new("HQ")
                    .cisco_pstn(true)
                    .extensions_in_use(["1001", "1002"]),
            )
            .location(Location::new("Branch Office"))
            .devices_in_webex_calling(["00:1a:2b:3c:4d:5e"])
            .build()
            .unwrap()
    }

    #[test]
    fn dec7_matching() {
        let d = sample();
        assert!(d.has_user("bob@example.com") && d.has_user(" ALICE@example.COM "));
        assert!(!d.has_user("carol@example.com") && !d.has_user("Carol@example.com"));
        let d2 = Directory::builder()
            .users(["ÅSA@exämple.se", "dave@example.com"])
            .build()
            .unwrap();
        assert!(d2.has_user("åsa@EXÄMPLE.se") && d2.has_user("DAVE@example.com"));
        assert!(!d2.has_user(&format!("{}@EXAMPLE.com", "D".repeat(300))));
        assert_eq!(d.match_workspace("Lobby"), NameMatch::Exact);
        assert_eq!(d.match_workspace("lobby"), NameMatch::NearMiss("Lobby"));
        assert_eq!(
            d.match_workspace("Conference  Room 1"),
            NameMatch::NearMiss("Conference room 1")
        );
        assert_eq!(d.match_workspace("Cafeteria"), NameMatch::Missing);
        assert!(
            d.match_location("HQ")
                .1
                .is_some_and(Location::is_cisco_pstn)
        );
        assert_eq!(
            d.match_location("branch office").0,
            NameMatch::NearMiss("Branch Office")
        );
        assert_eq!(d.match_location("Moon base").0, NameMatch::Missing);
        assert!(
            d.extension_in_use("HQ", "1001")
                && !d.extension_in_use("HQ", "1003")
                && !d.extension_in_use("hq", "1001")
        );
        assert!(d.has_device(Mac::parse("001A2B3C4D5E").unwrap()));
    }

    #[test]
    fn dec7_the_fast_email_check_accepts_only_what_validate_email_accepts() {
        let mut cases: Vec<String> = [
            "alice@example.com",
            "a@b.co",
            "a.b@c.d.example",
            "a..b@example.com",
            ".a@example.com",
            "a.@example.com",
            "a@example",
            "a@-x.com",
            "a@x-.com",
            "a@x..com",
            "a@.com",
            "a@com.",
            "a@x.c",
            "a@x.12",
            "a@x.1a",
            "a@@x.com",
            "@x.com",
            "a@",
            "a b@x.com",
            " a@x.com",
            "a@x.com ",
            "a\u{7f}@x.com",
            "a\t@x.com",
            "a,b@x.com",
            "a:b@x.com",
            "a\"b@x.com",
            "a\\b@x.com",
            "a(b)@x.com",
            "a[b]@x.com",
            "a<b>@x.com",
            "a;b@x.com",
            "a_b+c@x.com",
            "a@x_y.com",
            "åsa@x.com",
            "a@exämple.se",
            "",
            "a@x.com\0",
            "a!#$%&'*+/=?^`{|}~@x.com",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        cases.push(format!("{}@x.com", "a".repeat(64)));
        cases.push(format!("{}@x.com", "a".repeat(65)));
        cases.push(format!("a@{}.com", "b".repeat(248)));
        cases.push(format!("a@{}.com", "b".repeat(249)));
        // Every byte in every position of a valid address, too.
        for b in 0u8..128 {
            for at in 0..12 {
                let mut bytes = b"ab.c@ex-1.com".to_vec();
                bytes.insert(at, b);
                cases.extend(String::from_utf8(bytes).ok());
            }
        }
        for case in &cases {
            if plainly_valid_email(case) {
                assert!(validate_email(case).is_ok(), "{case:?}");
            }
        }
        assert!(plainly_valid_email("User1@Example.com") && plainly_valid_email("a@b.co"));
    }

    /// The one-pass email check before issue 13's rewrite, kept to hold the new one to it.
    fn reference_plainly_valid_email(email: &str) -> bool {
        let bytes = email.as_bytes();
        if bytes.len() > crate::email::MAX_LEN {
            return false;
        }
        let Some(at) = bytes.iter().position(|&b| b == b'@') else {
            return false;
        };
        let (local, domain) = (&bytes[..at], &bytes[at + 1..]);
        if local.is_empty()
            || local.len() > crate::email::MAX_LOCAL_LEN
            || local.first() == Some(&b'.')
            || local.last() == Some(&b'.')
        {
            return false;
        }
        let mut previous = 0u8;
        for &b in local {
            if !(0x21..0x7f).contains(&b)
                || matches!(
                    b,
                    b'@' | b','
                        | b';'
                        | b'<'
                        | b'>'
                        | b'('
                        | b')'
                        | b'['
                        | b']'
                        | b'\\'
                        | b'"'
                        | b':'
                )
                || (b == b'.' && previous == b'.')
            {
                return false;
            }
            previous = b;
        }
        let mut labels = 0;
        let mut last: &[u8] = &[];
        for label in domain.split(|&b| b == b'.') {
            if label.is_empty()
                || label.first() == Some(&b'-')
                || label.last() == Some(&b'-')
                || !label
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || b == b'-')
            {
                return false;
            }
            labels += 1;
            last = label;
        }
        labels >= 2 && last.len() >= 2 && !last.iter().all(u8::is_ascii_digit)
    }

    proptest::proptest! {
        #[test]
        fn dec7_the_branch_free_email_check_is_the_reference_one(
            email in "[aZ09.@\\-_,:\" \u{e9}]{0,14}|[a-c]{1,3}[.@-]{0,2}[a-c0-9]{0,3}[.-]{0,2}[A-C0-9]{0,3}[.-]?[a1]{0,3}"
        ) {
            let reference = reference_plainly_valid_email(&email);
            let lower = email.to_ascii_lowercase();
            // Checked afresh, and after an address of the same domain, or the same but for the
            // case of its letters, that may have been accepted.
            let domain = email.split_once('@').map_or("", |(_, d)| d);
            for before in [domain.to_owned(), domain.to_ascii_uppercase()] {
                let mut last = LastDomain::default();
                let mut key = [0u8; crate::email::MAX_LEN];
                let first = plain_email_key(format!("x@{before}").as_bytes(), &mut key, &mut last);
                for last in [&mut LastDomain::default(), &mut last] {
                    let plain = plain_email_key(email.as_bytes(), &mut key, last);
                    proptest::prop_assert_eq!(plain, reference, "{:?} after x@{:?}: {}", email, before, first);
                    if plain {
                        proptest::prop_assert_eq!(&key[..email.len()], lower.as_bytes());
                    }
                }
            }
        }
    }

    #[test]
    fn dec7_users_of_one_key_are_one_user_whatever_their_script() {
        // The Kelvin sign lower-cases to an ASCII k: its key is that of the ASCII address,
        // in either order.
        for users in [
            ["K@example.com", "\u{212a}@example.com"],
            ["\u{212a}@example.com", "K@example.com"],
        ] {
            let d = Directory::builder().users(users).build().unwrap();
            assert_eq!(d.users(), [users[0]]);
            assert!(d.has_user("k@example.com") && d.has_user("\u{212a}@EXAMPLE.com"));
        }
        let d = Directory::builder()
            .users([
                "Åsa@Example.se",
                "åsa@example.se",
                " bob@example.com ",
                "BOB@example.com",
            ])
            .build()
            .unwrap();
        assert_eq!(d.users(), ["Åsa@Example.se", "bob@example.com"]);
        assert!(d.has_user("ÅSA@example.SE") && d.has_user("Bob@Example.Com"));
        assert!(!d.has_user("asa@example.se"));
    }

    #[test]
    fn issue13_names_read_as_the_slice_they_replace() {
        let d = sample();
        let users = d.users();
        assert_eq!(users.len(), 2);
        assert!(!users.is_empty() && Directory::builder().build().unwrap().users().is_empty());
        assert_eq!(users.get(1), Some("Bob@Example.com"));
        assert_eq!(users.get(2), None);
        assert_eq!(
            users.iter().rev().collect::<Vec<_>>(),
            ["Bob@Example.com", "alice@example.com"]
        );
        assert_eq!(users.iter().len(), 2);
        assert_eq!(
            users.to_vec(),
            vec!["alice@example.com".to_owned(), "Bob@Example.com".to_owned()]
        );
        assert_eq!(
            format!("{users:?}"),
            format!("{:?}", ["alice@example.com", "Bob@Example.com"])
        );
        assert_eq!(d.workspaces(), vec!["Lobby", "Conference room 1"]);
        assert_eq!((&d.workspaces()).into_iter().count(), 2);
    }

    #[test]
    fn issue13_the_builder_reports_the_error_of_the_first_kind_whatever_the_order_added() {
        let e = Directory::builder()
            .device_in_webex_calling("nope")
            .workspace("")
            .workspace("Lobby")
            .workspace("lobby")
            .user("alice@example.com")
            .user("bad")
            .user("worse")
            .build()
            .unwrap_err();
        assert!(e.message().contains("users[1]"), "{}", e.message());
        let e = Directory::builder()
            .device_in_webex_calling("nope")
            .workspaces(["Lobby", "lobby", ""])
            .build()
            .unwrap_err();
        assert!(e.message().contains("workspaces[1]"), "{}", e.message());
        let e = Directory::builder()
            .device_in_webex_calling("001A2B3C4D5E")
            .device_in_webex_calling("nope")
            .location(Location::new("HQ").extensions_in_use(["1"]))
            .build()
            .unwrap_err();
        assert!(
            e.message().contains("locations[0].extensions_in_use[0]"),
            "{}",
            e.message()
        );
        let e = Directory::builder()
            .devices_in_webex_calling(["001A2B3C4D5E", "001A2B3C4D5E", "nope"])
            .build()
            .unwrap_err();
        assert!(
            e.message().contains("devices_in_webex_calling[2]"),
            "{}",
            e.message()
        );
        // An address without a domain after one with a domain (the last domain is remembered).
        let e = Directory::builder()
            .users(["a@example.com", "Z@", "b@"])
            .build()
            .unwrap_err();
        assert!(e.message().contains("users[1]"), "{}", e.message());
    }

    #[test]
    fn issue13_the_one_pass_reading_and_the_derived_one_agree() {
        // Documents the one-pass reading refuses or reads in part are read again by serde's
        // derived reader: the same directory, or its error.
        let d = Directory::from_json(
            "{\"devices_in_webex_calling\": [\"001A2B3C4D5E\"], \"us\\u0065rs\": [\"a\\u0040example.com\"], \"format\": null, \"workspaces\": [\" Lobby \"]}".as_bytes(),
        )
        .unwrap();
        assert_eq!(d.users(), ["a@example.com"]);
        assert_eq!(d.workspaces(), ["Lobby"]);
        assert_eq!(d.device_count(), 1);
        let err = |json: &str| {
            Directory::from_json(json.as_bytes())
                .unwrap_err()
                .message()
                .to_owned()
        };
        assert!(err("{\"users\": [], \"users\": []}").contains("duplicate field `users`"));
        // A JSON error anywhere comes before a refused entry, and the format before the entries.
        assert!(err("{\"users\": [\"bad\"], \"workspaces\": [1]}").contains("invalid type"));
        assert!(err("{\"users\": [\"bad\"], \"format\": 7}").contains("format 7"));
        assert!(err("{\"workspaces\": [\"\"], \"users\": [\"bad\"]}").contains("users[0]"));
        assert!(err("{\"users\": null}").contains("invalid type: null"));
        assert!(err("{\"users\": []} x").contains("trailing characters"));
    }

    #[test]
    fn issue13_the_document_read_by_hand_reads_as_serde_reads_it() {
        let docs = [
            "{}",
            " { } ",
            "\t{\"users\":[],\"workspaces\":[ ],\"locations\":[],\"devices_in_webex_calling\":[]}\r\n",
            "{\"format\": 1, \"users\": [\"a@example.com\" , \"A@Example.com\",\"b@example.com\"]}",
            "{\"format\": null, \"users\": [\"åsa@exämple.se\", \"  c@example.com  \"]}",
            "{\"format\": 1.0}",
            "{\"format\": 01}",
            "{\"format\": -0}",
            "{\"format\": 2, \"users\": [\"bad\"]}",
            "{\"format\": 1x}",
            "{\"format\": nul}",
            "{\"users\": [\"a@example.com\",]}",
            "{\"users\": [\"a@example.com\"],}",
            "{\"users\": [\"a@example.com\"] \"workspaces\": []}",
            "{\"users\": [\"a\\u0040example.com\"]}",
            "{\"users\": [\"a@example.com\\\"\"]}",
            "{\"users\": [\"tab\there@example.com\"]}",
            "{\"users\": [\"a@example.com\"], \"users\": []}",
            "{\"users\": [\"bad\"], \"workspaces\": [\"\"]}",
            "{\"workspaces\": [\"\"], \"users\": [\"bad\"]}",
            "{\"users\": null}",
            "{\"users\": [1]}",
            "{\"users\": \"a@example.com\"}",
            "{\"user\": []}",
            "{\"us\\u0065rs\": []}",
            "{\"workspaces\": [\"Lobby\", \"lobby\"]}",
            "{\"workspaces\": [\"A long workspace name of more than eight bytes\", \"Caf\u{e9} \u{2615}\"]}",
            "{\"locations\": [{\"name\": \"HQ\", \"cisco_pstn\": true, \"extensions_in_use\": [\"1001\"]}, {\"name\": \"Branch\"}]}",
            "{\"locations\": [[\"HQ\", true, []]]}",
            "{\"locations\": [{\"name\": \"HQ\"}, {\"name\": \"hq\"}]}",
            "{\"locations\": {\"name\": \"HQ\"}}",
            "{\"devices_in_webex_calling\": [\"001A2B3C4D5E\", \"00:1a:2b:3c:4d:5e\", \"00-1A\"]}",
            "{\"devices_in_webex_calling\": [\"001A2B3C4D5E\"]} []",
            "{\"users\": [\"a@example.com\"]",
            "{\"users\": [\"a@example.com",
            "[1, [\"a@example.com\"]]",
            "",
        ];
        let outcome = |doc: &str, by_hand: bool| match Directory::read_json(doc.as_bytes(), by_hand)
        {
            Ok(d) => Ok(d.to_json()),
            Err(e) => Err((e.code(), e.message().to_owned())),
        };
        for doc in docs {
            assert_eq!(outcome(doc, true), outcome(doc, false), "{doc}");
        }
        assert!(outcome(docs[3], true).is_ok_and(|json| json.contains("b@example.com")));
        // The common documents are the ones read by hand.
        let by_hand = |doc: &str| PlainDocument::read(doc, &mut DirectoryBuilder::default());
        assert!(
            [0, 1, 2, 3, 4, 26, 27]
                .iter()
                .all(|&i| by_hand(docs[i]).is_some())
        );
        assert!(
            [5, 9, 11, 14, 15, 16, 17, 24, 28, 32]
                .iter()
                .all(|&i| by_hand(docs[i]).is_none())
        );
    }

    proptest::proptest! {
        /// Issue 13 D: the reader by hand and serde's agree on any small edit of common
        /// documents (a character inserted, removed or replaced anywhere), in result and error.
        #[test]
        fn issue13_the_readers_agree_on_edited_documents(
            base in 0usize..4,
            at in 0usize..200,
            edit in 0u8..3,
            ch in proptest::sample::select(vec!['"', ',', ']', '[', '{', '}', ':', ' ', '\\', 'a', '@', '1', 'n', '\u{e9}', '\n']),
        ) {
            let bases = [
                "{\"format\": 1, \"users\": [\"a@example.com\", \"B@Example.com\"], \"workspaces\": [\"Lobby\"]}",
                "{\"users\": [], \"devices_in_webex_calling\": [\"001A2B3C4D5E\"], \"locations\": [{\"name\": \"HQ\", \"extensions_in_use\": [\"1001\"]}]}",
                "{\"workspaces\": [\"Room 1\", \"Room 2\"], \"users\": [\"c@example.org\"]}",
                "{}",
            ];
            let mut chars: Vec<char> = bases[base].chars().collect();
            let at = at % (chars.len() + 1);
            match edit {
                0 => chars.insert(at, ch),
                1 if at < chars.len() => { chars.remove(at); }
                _ if at < chars.len() => chars[at] = ch,
                _ => chars.push(ch),
            }
            let doc: String = chars.into_iter().collect();
            let outcome = |by_hand: bool| match Directory::read_json(doc.as_bytes(), by_hand) {
                Ok(d) => Ok(d.to_json()),
                Err(e) => Err((e.code(), e.message().to_owned())),
            };
            proptest::prop_assert_eq!(outcome(true), outcome(false), "{}", doc);
        }
    }

    #[test]
    fn json_round_trip() {
        let d = sample();
        let again = Directory::from_json(d.to_json().as_bytes()).unwrap();
        assert_eq!(again.to_json(), d.to_json());
        assert_eq!(again.users(), d.users());
        assert_eq!(again.locations(), d.locations());
        let empty = Directory::from_json("{}".as_bytes()).unwrap();
        assert!(empty.users().is_empty());
    }

    #[test]
    fn malformed_or_contradictory_documents_name_the_place() {
        let err = |json: &str| Directory::from_json(json.as_bytes()).unwrap_err();
        let e = err("{\"users\": [\"alice@example.com\",]}");
        assert_eq!(e.code(), ErrorCode::JsonInvalid);
        assert!(e.message().contains("line 1"), "{}", e.message());
        let e = err("{\"users\": \"alice@example.com\"}");
        assert_eq!(e.code(), ErrorCode::JsonInvalid);
        let e = err("{\"user\": []}");
        assert!(e.message().contains("unknown field"), "{}", e.message());
        let e = err("{\"users\": [\"alice\"]}");
        assert_eq!(e.code(), ErrorCode::DirectoryInvalid);
        assert!(e.message().contains("users[0]"));
        let e = err("{\"locations\": [{\"name\": \"HQ\"}, {\"name\": \"hq \"}]}");
        assert!(
            e.message().contains("locations[1].name") && e.message().contains("case or spacing"),
            "{}",
            e.message()
        );
        let e = err("{\"locations\": [{\"name\": \"HQ\"}, {\"name\": \"HQ\"}]}");
        assert!(e.message().contains("appears twice"));
        let e =
            err("{\"locations\": [{\"name\": \"HQ\", \"extensions_in_use\": [\"1001\", \"x1\"]}]}");
        assert!(e.message().contains("locations[0].extensions_in_use[1]"));
        let e = err(&format!(
            "{{\"locations\": [{{\"name\": \"{}\"}}]}}",
            "L".repeat(81)
        ));
        assert!(e.message().contains("80 characters"));
        let e = err("{\"devices_in_webex_calling\": [\"00-1A\"]}");
        assert!(e.message().contains("devices_in_webex_calling[0]"));
        let e = err("{\"format\": 2}");
        assert!(e.message().contains("format 2"));
        let e = err("{\"workspaces\": [\"  \"]}");
        assert!(e.message().contains("workspaces[0]"));
    }

    #[test]
    fn issue14_only_the_object_form_is_read() {
        let err = |json: &str| Directory::from_json(json.as_bytes()).unwrap_err();
        for json in [
            "[1,[\"a@example.com\"],[\"Lobby\"]]",
            "[]",
            "null",
            "\"users\"",
        ] {
            let e = err(json);
            assert_eq!(e.code(), ErrorCode::JsonInvalid, "{json}");
            assert!(
                e.message().contains("expected an object"),
                "{}",
                e.message()
            );
        }
        let e = err("{\"locations\": [[\"HQ\", true, []]]}");
        assert!(
            e.message().contains("locations[0] is an array"),
            "{}",
            e.message()
        );
        let e = err("{\"users\": [\"a@example.com\"");
        assert_eq!(e.code(), ErrorCode::JsonInvalid);
        assert!(e.message().contains("line 1"), "{}", e.message());
    }

    #[test]
    fn issue14_names_with_control_characters_are_refused() {
        for json in [
            "{\"workspaces\": [\"Lob\\u0000by\"]}",
            "{\"locations\": [{\"name\": \"H\\nQ\"}]}",
            "{\"workspaces\": [\"Lobby\\u007f\"]}",
        ] {
            let e = Directory::from_json(json.as_bytes()).unwrap_err();
            assert_eq!(e.code(), ErrorCode::DirectoryInvalid, "{json}");
            assert!(e.message().contains("printable"), "{}", e.message());
            assert!(!e.message().contains('\0'));
        }
    }

    #[test]
    fn dec7_one_rule_for_duplicate_workspaces_and_locations() {
        let err = |json: &str| Directory::from_json(json.as_bytes()).unwrap_err();
        for (json, path, why) in [
            (
                "{\"workspaces\": [\"Lobby\", \"lobby\"]}",
                "workspaces[1]",
                "case or spacing",
            ),
            (
                "{\"workspaces\": [\"Lobby\", \"Lobby\"]}",
                "workspaces[1]",
                "appears twice",
            ),
            (
                "{\"workspaces\": [\"Board Room\", \"Board  room \"]}",
                "workspaces[1]",
                "case or spacing",
            ),
            (
                "{\"locations\": [{\"name\": \"HQ\"}, {\"name\": \"hq\"}]}",
                "locations[1].name",
                "case or spacing",
            ),
        ] {
            let e = err(json);
            assert_eq!(e.code(), ErrorCode::DirectoryInvalid);
            assert!(
                e.message().contains(path) && e.message().contains(why),
                "{}",
                e.message()
            );
        }
        // The builder applies the same rule.
        let e = Directory::builder()
            .workspaces(["Lobby", "LOBBY"])
            .build()
            .unwrap_err();
        assert!(e.message().contains("workspaces[0]"), "{}", e.message());
        // A workspace and a location may share a name: they are matched in different columns.
        Directory::builder()
            .workspace("HQ")
            .location(Location::new("HQ"))
            .build()
            .unwrap();
    }
}
