//! The organisation as the host knows it: users, workspaces, locations and the devices already
//! in Webex Calling. The upload checks its rows against it (CSV-3, CSV-6, CSV-11, CSV-12,
//! CSV-13); without one, those checks are skipped and the report says so.
//!
//! Matching (DEC-7): emails case-insensitively, ignoring surrounding spaces; workspace and
//! location names exactly, with a near miss (case, spacing) reported so that the fix can name
//! the existing entry.

use foldhash::{HashMap, HashSet, HashSetExt};
use std::io::Read;

use serde::{Deserialize, Serialize};

use crate::email::{email_key, validate_email};
use crate::error::{Error, ErrorCode, Result};
use crate::mac::Mac;

/// A location's name is at most 80 characters (EXT-12).
pub const MAX_LOCATION_NAME: usize = 80;

/// The format version of the JSON document of a directory.
pub const DIRECTORY_FORMAT: u32 = 1;

/// A location of the organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

/// Finds names that are near misses of each other without building their keys: a row's name
/// is hashed as [`near_chars`] yields it, and only a hash hit is compared.
///
/// The entries of one hash form a chain in insertion order (`first`/`last` per hash, `next`
/// per entry), so that an entry costs no allocation of its own (issue 13).
#[derive(Clone, Debug, Default)]
struct NearIndex {
    /// The first and last entry of each hash.
    by_hash: HashMap<u64, (usize, usize)>,
    /// The next entry of the same hash, by entry index; `usize::MAX` at the end of a chain.
    next: Vec<usize>,
}

/// The entries of one hash of a [`NearIndex`], in insertion order.
struct Candidates<'a> {
    next: &'a [usize],
    at: usize,
}

impl Iterator for Candidates<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        let at = self.at;
        let &following = self.next.get(at)?;
        self.at = following;
        Some(at)
    }
}

impl NearIndex {
    fn with_capacity(n: usize) -> NearIndex {
        NearIndex {
            by_hash: HashMap::with_capacity_and_hasher(n, foldhash::fast::RandomState::default()),
            next: Vec::with_capacity(n),
        }
    }

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
                .map_or(usize::MAX, |&(first, _)| first),
        }
    }

    /// Adds the entry at `index`, which is the number of entries added so far.
    fn insert(&mut self, name: &str, index: usize) {
        debug_assert_eq!(index, self.next.len());
        self.next.push(usize::MAX);
        match self.by_hash.entry(NearIndex::hash(name)) {
            std::collections::hash_map::Entry::Occupied(mut chain) => {
                let (_, last) = chain.get_mut();
                if let Some(link) = self.next.get_mut(*last) {
                    *link = index;
                }
                *last = index;
            }
            std::collections::hash_map::Entry::Vacant(chain) => {
                chain.insert((index, index));
            }
        }
    }

    /// The index of the first name in `names` that is a near miss of `name`.
    fn find<'a>(&self, name: &str, names: impl Fn(usize) -> &'a str) -> Option<usize> {
        near_miss(self.candidates(NearIndex::hash(name)), name, &names)
    }
}

/// The users' email keys (DEC-7), interned in one arena: a text holding every key end to end,
/// and an open-addressing table of entry numbers with a tag of each hash, so that a key costs
/// no allocation of its own and a probe compares bytes only on a tag hit (issue 13).
#[derive(Clone, Debug, Default)]
struct KeySet {
    /// Every key, end to end.
    text: String,
    /// Where key `i` ends in `text` (it starts where key `i - 1` ends).
    ends: Vec<usize>,
    /// The table: 0 for an empty slot, else the upper half of the key's hash and its entry
    /// number plus one. Its length is a power of two, at least twice the number of keys.
    /// Entry numbers are `u32`: a directory of 4 billion users could not be held in memory
    /// anyway (their `String`s alone would take 100 GB), and the table is then half the size.
    slots: Vec<(u32, u32)>,
}

impl KeySet {
    fn with_capacity(keys: usize, bytes: usize) -> KeySet {
        let mut set = KeySet {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(keys),
            slots: Vec::new(),
        };
        set.slots = vec![(0, 0); KeySet::table_len(keys)];
        set
    }

    fn table_len(keys: usize) -> usize {
        keys.saturating_mul(2)
            .max(16)
            .checked_next_power_of_two()
            .unwrap_or(usize::MAX / 2 + 1)
    }

    fn hash(key: &str) -> u64 {
        use std::hash::BuildHasher;
        foldhash::fast::FixedState::with_seed(0x6d70_705f_7573_6572).hash_one(key.as_bytes())
    }

    fn key(&self, entry: usize) -> &str {
        let start = entry.checked_sub(1).map_or(0, |e| self.ends[e]);
        &self.text[start..self.ends[entry]]
    }

    /// The slot of `key`: `Ok` where it is, `Err` the empty slot where it would go.
    fn slot(&self, key: &str, hash: u64) -> std::result::Result<usize, usize> {
        let mask = self.slots.len() - 1;
        let tag = (hash >> 32) as u32;
        let mut at = (hash as usize) & mask;
        loop {
            let (slot_tag, entry) = self.slots[at];
            if entry == 0 {
                return Err(at);
            }
            if slot_tag == tag && self.key(entry as usize - 1) == key {
                return Ok(at);
            }
            at = (at + 1) & mask;
        }
    }

    fn contains(&self, key: &str) -> bool {
        self.slot(key, KeySet::hash(key)).is_ok()
    }

    /// Adds the key made by `write`, which appends it to the arena; `false` (and the arena as
    /// it was) if it was already there.
    fn insert_with(&mut self, write: impl FnOnce(&mut String)) -> bool {
        if (self.ends.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        // Beyond u32 entry numbers (see `slots`), the key is taken as new and not kept.
        let Ok(number) = u32::try_from(self.ends.len() + 1) else {
            return true;
        };
        let start = self.text.len();
        write(&mut self.text);
        let hash = KeySet::hash(&self.text[start..]);
        self.ends.push(self.text.len());
        let entry = self.ends.len() - 1;
        match self.slot(self.key(entry), hash) {
            Ok(_) => {
                self.ends.pop();
                self.text.truncate(start);
                false
            }
            Err(at) => {
                self.slots[at] = ((hash >> 32) as u32, number);
                true
            }
        }
    }

    fn grow(&mut self) {
        let len = KeySet::table_len(self.slots.len());
        self.slots = vec![(0, 0); len];
        let mask = len - 1;
        for (entry, number) in (0..self.ends.len()).zip(1u32..) {
            let hash = KeySet::hash(self.key(entry));
            let mut at = (hash as usize) & mask;
            while self.slots[at].1 != 0 {
                at = (at + 1) & mask;
            }
            self.slots[at] = ((hash >> 32) as u32, number);
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

/// The JSON document of a directory (see [`Directory::from_json`]).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
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

/// A value that serde reads only from a JSON object: the derived readers of a struct also
/// take an array of its fields, which [`Directory::from_json`] refuses. Used by its one-pass
/// reading; anything it refuses is read again by the checks that make the errors.
struct ObjectOnly<T>(T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ObjectOnly<T> {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        struct Objects<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Objects<T> {
            type Value = ObjectOnly<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(ObjectOnly)
            }
        }
        deserializer.deserialize_map(Objects(std::marker::PhantomData))
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
    users: Vec<String>,
    user_keys: KeySet,
    workspaces: Vec<String>,
    workspace_near: NearIndex,
    locations: Vec<Location>,
    location_near: NearIndex,
    /// The extensions in use in each location, as [`extension_code`]s.
    extensions: Vec<HashSet<u64>>,
    devices: HashSet<Mac>,
}

/// Builds a [`Directory`]; [`build`](DirectoryBuilder::build) validates every entry.
#[derive(Clone, Debug, Default)]
pub struct DirectoryBuilder {
    doc: DirectoryDocument,
}

impl DirectoryBuilder {
    /// Adds a user, by email.
    #[must_use]
    pub fn user(mut self, email: impl Into<String>) -> DirectoryBuilder {
        self.doc.users.push(email.into());
        self
    }

    /// Adds users, by email.
    #[must_use]
    pub fn users<I, S>(mut self, emails: I) -> DirectoryBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.doc.users.extend(emails.into_iter().map(Into::into));
        self
    }

    /// Adds a workspace, by name.
    #[must_use]
    pub fn workspace(mut self, name: impl Into<String>) -> DirectoryBuilder {
        self.doc.workspaces.push(name.into());
        self
    }

    /// Adds workspaces, by name.
    #[must_use]
    pub fn workspaces<I, S>(mut self, names: I) -> DirectoryBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.doc
            .workspaces
            .extend(names.into_iter().map(Into::into));
        self
    }

    /// Adds a location.
    #[must_use]
    pub fn location(mut self, location: Location) -> DirectoryBuilder {
        self.doc.locations.push(location);
        self
    }

    /// Adds locations.
    #[must_use]
    pub fn locations(mut self, locations: impl IntoIterator<Item = Location>) -> DirectoryBuilder {
        self.doc.locations.extend(locations);
        self
    }

    /// Adds a device already configured in Webex Calling, by MAC (CSV-13, TASK-9).
    #[must_use]
    pub fn device_in_webex_calling(mut self, mac: impl Into<String>) -> DirectoryBuilder {
        self.doc.devices_in_webex_calling.push(mac.into());
        self
    }

    /// Adds devices already configured in Webex Calling, by MAC.
    #[must_use]
    pub fn devices_in_webex_calling<I, S>(mut self, macs: I) -> DirectoryBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.doc
            .devices_in_webex_calling
            .extend(macs.into_iter().map(Into::into));
        self
    }

    /// Validates every entry and builds the directory.
    ///
    /// Errors ([`ErrorCode::DirectoryInvalid`]), each naming the entry by its path in the
    /// document (`locations[2].extensions_in_use[0]`): an invalid email or MAC, an empty name,
    /// a location name over 80 characters (EXT-12), an extension that is not 2 to 10 digits
    /// (DEC-5), a name with a control character, the same workspace or location twice, or two
    /// workspaces or two locations whose names differ only in case or spacing (a name could then
    /// not be matched, DEC-7).
    pub fn build(self) -> Result<Directory> {
        Directory::from_document(self.doc)
    }
}

/// A workspace or location name of the document, trimmed, when it is one: not empty, and no
/// control characters (a NUL or a line break in a name cannot be typed into Control Hub, and
/// would make every row naming it a near miss nobody can see).
fn checked_name(path: impl Fn() -> String, name: String) -> Result<String> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(invalid(path(), "the name is empty"));
    }
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
    // The entry's own text when it needs no trimming: no copy (issue 13).
    Ok(if trimmed.len() == name.len() {
        name
    } else {
        trimmed.to_owned()
    })
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

/// Whether `email` is, in one pass over its bytes, an address that [`validate_email`] accepts:
/// printable ASCII without spaces (so nothing to trim), at most 254 characters, one `@`, a
/// local part of 1 to 64 characters without a dot at either end, two dots in a row or any of
/// `,;<>()[]\":`, and a domain of at least two labels of letters, digits and inner hyphens,
/// the last at least two characters and not all digits. `false` says nothing: the caller then
/// asks [`validate_email`], which alone makes the error. Nearly every directory entry takes
/// this path (issue 13, target D); a test holds it to `validate_email`.
fn plainly_valid_email(email: &str) -> bool {
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
                b'@' | b',' | b';' | b'<' | b'>' | b'(' | b')' | b'[' | b']' | b'\\' | b'"' | b':'
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
        // One pass that reads only the object form; whatever it refuses goes through the
        // checks below, which alone make the errors (issue 13: one parse, no serde_json::Value).
        if let Ok(ObjectOnly(doc)) = serde_json::from_slice::<ObjectOnly<DirectoryDocument>>(&bytes)
        {
            return Directory::checked_document(doc);
        }
        let json_error = |e: serde_json::Error| {
            Error::new(ErrorCode::JsonInvalid, format!("directory JSON: {e}"))
        };
        // Only the documented object form: serde would also read a struct from an array of
        // its fields (`[1, ["a@example.com"], ["Lobby"]]`, or `[]`), which no one writes on
        // purpose and which would make the document's meaning depend on field order.
        let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(json_error)?;
        check_object_form(&value)?;
        let doc: DirectoryDocument = serde_json::from_slice(&bytes).map_err(json_error)?;
        Directory::checked_document(doc)
    }

    /// A document whose format is this library's, built.
    fn checked_document(doc: DirectoryDocument) -> Result<Directory> {
        if let Some(format) = doc.format.filter(|&f| f != DIRECTORY_FORMAT) {
            return Err(invalid(
                "format".to_owned(),
                format!(
                    "format {format} is not supported; this library reads format {DIRECTORY_FORMAT}"
                ),
            ));
        }
        Directory::from_document(doc)
    }

    /// The directory as its JSON document (format 1), which [`from_json`](Self::from_json)
    /// reads back.
    pub fn to_json(&self) -> String {
        let mut devices: Vec<String> = self.devices.iter().map(Mac::to_string).collect();
        devices.sort_unstable();
        let doc = DirectoryDocument {
            format: Some(DIRECTORY_FORMAT),
            users: self.users.clone(),
            workspaces: self.workspaces.clone(),
            locations: self.locations.clone(),
            devices_in_webex_calling: devices,
        };
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    }

    fn from_document(doc: DirectoryDocument) -> Result<Directory> {
        let user_bytes = doc.users.iter().map(String::len).sum();
        let mut dir = Directory {
            users: Vec::with_capacity(doc.users.len()),
            user_keys: KeySet::with_capacity(doc.users.len(), user_bytes),
            workspaces: Vec::with_capacity(doc.workspaces.len()),
            workspace_near: NearIndex::with_capacity(doc.workspaces.len()),
            locations: Vec::with_capacity(doc.locations.len()),
            location_near: NearIndex::with_capacity(doc.locations.len()),
            extensions: Vec::with_capacity(doc.locations.len()),
            devices: HashSet::with_capacity(doc.devices_in_webex_calling.len()),
        };
        for (i, email) in doc.users.into_iter().enumerate() {
            if !plainly_valid_email(&email) {
                validate_email(&email).map_err(|e| invalid(format!("users[{i}]"), e.message()))?;
            }
            let trimmed = email.trim();
            // The key is email_key(email), made in the arena: an ASCII address lower-cased in
            // place, others through email_key itself.
            let new = dir.user_keys.insert_with(|arena| {
                if trimmed.is_ascii() {
                    let start = arena.len();
                    arena.push_str(trimmed);
                    arena[start..].make_ascii_lowercase();
                } else {
                    arena.push_str(&email_key(&email));
                }
            });
            if new {
                dir.users.push(if trimmed.len() == email.len() {
                    email
                } else {
                    trimmed.to_owned()
                });
            }
        }
        for (i, name) in doc.workspaces.into_iter().enumerate() {
            let path = || format!("workspaces[{i}]");
            let name = checked_name(path, name)?;
            let workspaces = &dir.workspaces;
            if let Some(other) = dir.workspace_near.find(&name, |i| &workspaces[i]) {
                return Err(duplicate_name(
                    &path(),
                    &name,
                    &format!("workspaces[{other}]"),
                    &dir.workspaces[other],
                ));
            }
            dir.workspace_near.insert(&name, dir.workspaces.len());
            dir.workspaces.push(name);
        }
        for (i, location) in doc.locations.into_iter().enumerate() {
            let path = format!("locations[{i}]");
            let name = checked_name(|| format!("{path}.name"), location.name)?;
            if name.chars().count() > MAX_LOCATION_NAME {
                return Err(invalid(
                    format!("{path}.name"),
                    format!(
                        "{} is longer than {MAX_LOCATION_NAME} characters (EXT-12)",
                        crate::text::quoted(&name)
                    ),
                ));
            }
            let locations = &dir.locations;
            if let Some(other) = dir.location_near.find(&name, |i| &locations[i].name) {
                return Err(duplicate_name(
                    &format!("{path}.name"),
                    &name,
                    &format!("locations[{other}]"),
                    &dir.locations[other].name,
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
            dir.location_near.insert(&name, dir.locations.len());
            dir.extensions.push(in_use);
            dir.locations.push(Location {
                name,
                cisco_pstn: location.cisco_pstn,
                extensions_in_use: extensions,
            });
        }
        for (i, mac) in doc.devices_in_webex_calling.iter().enumerate() {
            let mac = Mac::parse(mac)
                .map_err(|e| invalid(format!("devices_in_webex_calling[{i}]"), e.message()))?;
            dir.devices.insert(mac);
        }
        Ok(dir)
    }

    /// Whether a user with this email exists (case-insensitive, DEC-7).
    pub fn has_user(&self, email: &str) -> bool {
        // user_keys holds every email_key of the users.
        let email = crate::text::trim(email);
        // Most addresses are written as the directory has them: look them up as they are first.
        if self.user_keys.contains(email) {
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
                return std::str::from_utf8(lower).is_ok_and(|key| self.user_keys.contains(key));
            }
        }
        self.user_keys.contains(&email_key(email))
    }

    /// How a workspace name matches the organisation's workspaces (DEC-7).
    pub fn match_workspace(&self, name: &str) -> NameMatch<'_> {
        self.workspace_near
            .matching(name, |i| &self.workspaces[i])
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

    /// The users' emails, as given (trimmed, first spelling of each).
    pub fn users(&self) -> &[String] {
        &self.users
    }

    /// The workspaces' names.
    pub fn workspaces(&self) -> &[String] {
        &self.workspaces
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
