//! The *Add devices* upload (CSV-1 to CSV-16) against the floor of any CSV validator, in the
//! same run, over the same bytes: merely parsing the file with `csv::ByteRecord` (the
//! baseline), then the library's validation of it. Prints each throughput (MB/s) and its ratio
//! to the baseline; the target (issue: upload benchmarks) is a full *license and device*
//! validation at no less than half the baseline's throughput.
//!
//! The input is `fleet_upload_csv(100_000, 42)` checked against `OrgDirectory::new(1)`, an
//! organisation of issue 13's size (80,000 users, 12,000 workspaces, 200 locations, 5,000
//! devices): 70% users, 30% workspaces, about 5% rows with a mistake. Routines:
//! - `csv_byte_record`: `csv::Reader::read_byte_record` over every row (the baseline);
//! - `upload_reader`: [`UploadReader`] streaming *license and device* rows, each dropped;
//! - `validate_upload`: the batch form, building the whole [`UploadReport`](mpp_migration::UploadReport);
//! - `license_only`: [`UploadReader`] streaming the same bytes for *license only* (Model and
//!   MAC Address; no target, shown for scale);
//! - `floor_lookups`: the least any validator of these rules must do besides parsing: the same
//!   `csv::ByteRecord` parse, then per row one hash probe of the Username (lower-cased, among
//!   the 80,000 users, or among the 12,000 workspaces), one of the Location (among the 200
//!   locations) and one insert of the MAC Address's bytes (DEC-2: every MAC is remembered),
//!   with no other rule. Its ratio to the baseline bounds what (A) can reach on this machine.
//! - `floor_checks`: `floor_lookups` plus the three cells whose rules need more than a look-up,
//!   through this library's own per-cell functions and nothing else: the MAC's spelling
//!   ([`Mac::parse`], DEV-6), the model ([`parse_model_label`] once per spelling, then remembered, CSV-8) and, where given,
//!   the phone number against libphonenumber's metadata ([`E164::parse`], CSV-5, EXT-18; target
//!   (E) holds it to the cost of a structural check). Any validator of these rules does at least
//!   this; no device, finding or message is built.
//!
//! Then (D): building that directory, through the builder from lists of strings and from its
//! JSON document, in ns an entry (target: at most 100).
//!
//! Run: `./scripts/bench`, or `cargo bench -p mpp-migration-benches --bench upload`.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use std::hash::BuildHasher;

use foldhash::{HashSet, HashSetExt};
use mpp_migration::{
    Directory, E164, Mac, UploadCounts, UploadOption, UploadOptions, UploadReader,
    parse_model_label, validate_upload,
};
use mpp_migration_benches::{OrgDirectory, fleet_upload_csv};

/// How many data rows the file has, and the seed that makes them.
const ROWS: usize = 100_000;
const SEED: u64 = 42;

/// Fewer samples than this give no ratio (criterion's `--test` runs each routine once).
const MIN_SAMPLES: usize = 10;

/// The ratio this benchmark is held to: validation runs at no less than this fraction of the
/// throughput of parsing alone.
const TARGET_RATIO: f64 = 0.5;

/// Seconds per pass of every sample criterion took of one routine.
#[derive(Default)]
struct Samples(Vec<f64>);

impl Samples {
    fn record(&mut self, elapsed: Duration, iters: u64) {
        if iters > 0 {
            self.0.push(elapsed.as_secs_f64() / iters as f64);
        }
    }

    /// The median seconds per pass, robust to the odd slow sample; None when too few samples
    /// were taken to mean anything.
    fn median(&mut self) -> Option<f64> {
        if self.0.len() < MIN_SAMPLES {
            return None;
        }
        self.0.sort_by(f64::total_cmp);
        self.0.get(self.0.len() / 2).copied()
    }

    /// The fastest sample: on a shared machine, the one least disturbed by other work.
    fn best(&self) -> Option<f64> {
        (self.0.len() >= MIN_SAMPLES).then(|| self.0.iter().copied().fold(f64::INFINITY, f64::min))
    }
}

/// The baseline: every record of the file through `csv::ByteRecord`, nothing else.
fn parse_only(bytes: &[u8]) -> u64 {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut rows = 0;
    while reader
        .read_byte_record(&mut record)
        .expect("the generated file is well-formed CSV")
    {
        black_box(&record);
        rows += 1;
    }
    rows
}

/// The sets of [`floor_lookups`]: the 64-bit hashes of the users' emails (lower-cased), of
/// the workspaces' and of the locations' names. Probing a hash and never comparing the text
/// is less than any real look-up does, which is what makes the routine a floor.
struct FloorSets {
    hasher: foldhash::fast::FixedState,
    users: HashSet<u64>,
    workspaces: HashSet<u64>,
    locations: HashSet<u64>,
}

impl FloorSets {
    fn new(org: &OrgDirectory) -> FloorSets {
        let hasher = foldhash::fast::FixedState::with_seed(SEED);
        let set = |names: &mut dyn Iterator<Item = &[u8]>| -> HashSet<u64> {
            names.map(|name| hasher.hash_one(name)).collect()
        };
        let lower: Vec<Vec<u8>> = org
            .users
            .iter()
            .map(|u| u.to_ascii_lowercase().into_bytes())
            .collect();
        FloorSets {
            users: set(&mut lower.iter().map(Vec::as_slice)),
            workspaces: set(&mut org.workspaces.iter().map(|w| w.as_bytes())),
            locations: set(&mut org.locations.iter().map(|(name, _, _)| name.as_bytes())),
            hasher,
        }
    }
}

/// The floor of (A): the baseline's parse plus the least the rules need per row (see the module
/// doc), each look-up a probe of a 64-bit hash and each MAC remembered as the hash of its cell;
/// returns how many probes hit, so that nothing is optimised away and the routine can be
/// checked.
fn floor_lookups(bytes: &[u8], sets: &FloorSets) -> (u64, u64) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut state = FloorState::new();
    let (mut owners, mut located) = (0, 0);
    while reader
        .read_byte_record(&mut record)
        .expect("the generated file is well-formed CSV")
    {
        let (known, at_location) = state.look_up(&record, sets);
        owners += u64::from(known);
        located += u64::from(at_location);
    }
    (owners, located)
}

/// What [`floor_lookups`] and [`floor_checks`] keep from row to row: the MACs seen (as their
/// hashes) and a buffer for lower-casing.
struct FloorState {
    macs: HashSet<u64>,
    lower: Vec<u8>,
}

impl FloorState {
    /// Sized for the file's rows, as the library's index is by a size hint.
    fn new() -> FloorState {
        FloorState {
            macs: HashSet::with_capacity(ROWS),
            lower: Vec::new(),
        }
    }

    /// The look-ups of one row: whether its owner and its location are known; its MAC is
    /// remembered.
    fn look_up(&mut self, record: &csv::ByteRecord, sets: &FloorSets) -> (bool, bool) {
        let hash = |bytes: &[u8]| sets.hasher.hash_one(bytes);
        let cell = |i: usize| record.get(i).unwrap_or_default();
        let username = cell(1);
        let known = if cell(0) == b"USER" {
            self.lower.clear();
            self.lower
                .extend(username.iter().map(u8::to_ascii_lowercase));
            sets.users.contains(&hash(&self.lower))
        } else {
            sets.workspaces.contains(&hash(username))
        };
        black_box(self.macs.insert(hash(cell(6))));
        (known, sets.locations.contains(&hash(cell(7))))
    }
}

/// [`floor_lookups`] plus the per-cell checks of the MAC, the model and the phone number (see
/// the module doc); returns how many of each were valid, so that nothing is optimised away and
/// the routine can be checked.
fn floor_checks(bytes: &[u8], sets: &FloorSets) -> [u64; 3] {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut state = FloorState::new();
    let mut valid = [0u64; 3];
    let mut models: foldhash::HashMap<String, bool> = foldhash::HashMap::default();
    while reader
        .read_byte_record(&mut record)
        .expect("the generated file is well-formed CSV")
    {
        black_box(state.look_up(&record, sets));
        let text =
            |i: usize| std::str::from_utf8(record.get(i).unwrap_or_default()).unwrap_or_default();
        valid[0] += u64::from(Mac::parse(text(6)).is_ok());
        // Each spelling of a model read once and then remembered, as the library's validator
        // does (a look-up of the cell in a small map).
        let model = text(5);
        let known_model = match models.get(model) {
            Some(&known) => known,
            None => *models
                .entry(model.to_owned())
                .or_insert(parse_model_label(model).is_ok()),
        };
        valid[1] += u64::from(known_model);
        let number = text(2);
        valid[2] += u64::from(!number.is_empty() && E164::parse(number).is_ok());
    }
    valid
}

/// Streams every row through an [`UploadReader`], dropping each as it comes.
fn stream(bytes: &[u8], options: &UploadOptions) -> UploadCounts {
    let mut reader =
        UploadReader::new(bytes, options.clone()).expect("reading from memory cannot fail");
    for row in reader.by_ref() {
        drop(black_box(row.expect("reading from memory cannot fail")));
    }
    reader.counts()
}

/// The batch form: the whole report.
fn batch(bytes: &[u8], options: &UploadOptions) -> UploadCounts {
    let report = validate_upload(bytes, options.clone()).expect("reading from memory cannot fail");
    black_box(&report);
    report.counts()
}

/// Times `iters` passes of `pass`.
fn timed<T>(iters: u64, mut pass: impl FnMut() -> T) -> Duration {
    let start = Instant::now();
    for _ in 0..iters {
        black_box(pass());
    }
    start.elapsed()
}

fn bench_upload(c: &mut Criterion) {
    let bytes = fleet_upload_csv(ROWS, SEED);
    let org = OrgDirectory::new(1);
    let directory = Arc::new(
        Directory::from_json(org.json().as_bytes()).expect("the generated directory is valid"),
    );
    let floor_sets = FloorSets::new(&org);
    let full =
        UploadOptions::new(UploadOption::LicenseAndDevice).with_directory(Arc::clone(&directory));
    let license_only =
        UploadOptions::new(UploadOption::LicenseOnly).with_directory(Arc::clone(&directory));
    // What a path, the C exports and Python's bytes sources give by default.
    let hinted = full.clone().with_size_hint(bytes.len() as u64);

    // Every routine must read the same rows before its speed means anything.
    let parsed = parse_only(&bytes);
    let streamed = stream(&bytes, &full);
    let reported = batch(&bytes, &full);
    let licensed = stream(&bytes, &license_only);
    let (owners, located) = floor_lookups(&bytes, &floor_sets);
    let [macs_valid, models_valid, numbers_valid] = floor_checks(&bytes, &floor_sets);
    assert!(
        macs_valid > parsed * 9 / 10
            && models_valid > parsed * 9 / 10
            && numbers_valid > parsed / 10,
        "the floor's checks find most MACs ({macs_valid}) and models ({models_valid}) valid, and some numbers ({numbers_valid}), of {parsed} rows"
    );
    assert!(
        owners > parsed / 2 && located > parsed / 2,
        "the floor's probes find most owners ({owners}) and locations ({located}) of {parsed} rows"
    );
    assert_eq!(
        stream(&bytes, &hinted),
        streamed,
        "a size hint changes no result"
    );
    assert_eq!(parsed, ROWS as u64, "csv read every data row");
    assert_eq!(streamed, reported, "streaming and batch agree");
    assert_eq!(streamed.total, parsed, "the upload read every data row");
    assert_eq!(licensed.total, parsed, "license_only read every data row");
    assert!(
        streamed.errors > 0 && streamed.added > streamed.errors,
        "the file has a realistic share of mistakes: {streamed:?}"
    );

    let mut samples: [(&str, Samples); 7] = [
        ("csv_byte_record", Samples::default()),
        ("upload_reader", Samples::default()),
        ("validate_upload", Samples::default()),
        ("upload_reader_size_hint", Samples::default()),
        ("license_only", Samples::default()),
        ("floor_lookups", Samples::default()),
        ("floor_checks", Samples::default()),
    ];
    let mut group = c.benchmark_group("upload");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    for (name, recorded) in &mut samples {
        group.bench_function(BenchmarkId::new(*name, ROWS), |b| {
            b.iter_custom(|iters| {
                let elapsed = match *name {
                    "csv_byte_record" => timed(iters, || parse_only(&bytes)),
                    "upload_reader" => timed(iters, || stream(&bytes, &full)),
                    "validate_upload" => timed(iters, || batch(&bytes, &full)),
                    "upload_reader_size_hint" => timed(iters, || stream(&bytes, &hinted)),
                    "floor_lookups" => timed(iters, || floor_lookups(&bytes, &floor_sets)),
                    "floor_checks" => timed(iters, || floor_checks(&bytes, &floor_sets)),
                    _ => timed(iters, || stream(&bytes, &license_only)),
                };
                recorded.record(elapsed, iters);
                elapsed
            });
        });
    }
    group.finish();

    let medians: Vec<Option<f64>> = samples.iter_mut().map(|(_, s)| s.median()).collect();
    let bests: Vec<Option<f64>> = samples.iter().map(|(_, s)| s.best()).collect();
    let (Some(Some(baseline)), Some(Some(baseline_best))) =
        (medians.first().copied(), bests.first().copied())
    else {
        return;
    };
    let mb = bytes.len() as f64 / 1e6;
    println!(
        "upload: fleet_upload_csv({ROWS}, {SEED}), {mb:.2} MB; license_and_device: added {}, errors {}, total {}",
        streamed.added, streamed.errors, streamed.total
    );
    let labels = [
        "csv::ByteRecord parse (baseline)",
        "UploadReader streaming, license_and_device",
        "validate_upload batch, license_and_device",
        "UploadReader streaming, with size hint",
        "UploadReader streaming, license_only",
        "floor: parse + 2 probes + 1 insert a row",
        "floor: the same + MAC, model, E.164 checks",
    ];
    println!("  (median of the samples; in brackets, the ratio of the fastest samples)");
    for (i, (label, (median, best))) in labels.iter().zip(medians.iter().zip(&bests)).enumerate() {
        let (Some(secs), Some(best)) = (*median, *best) else {
            continue;
        };
        let ratio = baseline / secs;
        let target = match i {
            1..=3 => format!("(target >= {TARGET_RATIO}x){}", verdict(ratio).1),
            _ => String::new(),
        };
        println!(
            "  {label:<44} {:>7.2} ms  {:>7.1} MB/s  {:>5.0} ns/row  ratio {ratio:.2}x [{:.2}x] {target}",
            secs * 1e3,
            mb / secs,
            secs * 1e9 / ROWS as f64,
            baseline_best / best,
        );
    }
    if let (Some(floor), Some(floor_best)) = (medians[5], bests[5]) {
        println!(
            "SUMMARY | (A) floor: csv::ByteRecord parse + the look-ups the rules need, / csv::ByteRecord throughput | {:.2}x (fastest samples {:.2}x) | the most (A) can reach | {}",
            baseline / floor,
            baseline_best / floor_best,
            floor_verdict(baseline / floor)
        );
    }
    if let (Some(floor), Some(floor_best)) = (medians[6], bests[6]) {
        println!(
            "SUMMARY | (A) floor: the same + the MAC, model and E.164 cell checks, / csv::ByteRecord throughput | {:.2}x (fastest samples {:.2}x) | the most (A) can reach | {}",
            baseline / floor,
            baseline_best / floor_best,
            floor_verdict(baseline / floor)
        );
    }
    // One line per target, for the summary table of ./scripts/bench.
    for (i, what) in [
        (1, "streaming"),
        (2, "batch report"),
        (3, "streaming with size hint"),
    ] {
        if let (Some(secs), Some(best)) = (medians[i], bests[i]) {
            let ratio = baseline / secs;
            println!(
                "SUMMARY | (A) Rust license_and_device {what} / csv::ByteRecord throughput, 100k rows | {ratio:.2}x (fastest samples {:.2}x; {:.0} vs {:.0} MB/s) | >= {TARGET_RATIO}x | {}",
                baseline_best / best,
                mb / secs,
                mb / baseline,
                verdict(ratio).0
            );
        }
    }
}

/// What a floor's ratio says of target (A).
fn floor_verdict(ratio: f64) -> &'static str {
    if ratio >= TARGET_RATIO {
        "above target"
    } else {
        "BELOW TARGET: (A) cannot be met"
    }
}

/// Whether a ratio meets the target, for the summary and for the line of figures.
fn verdict(ratio: f64) -> (&'static str, &'static str) {
    if ratio >= TARGET_RATIO {
        ("met", "")
    } else {
        ("NOT MET", "  BELOW TARGET")
    }
}

/// The most an entry may cost to build (D).
const TARGET_NS_PER_ENTRY: f64 = 100.0;

/// (D): the organisation's directory built from lists of strings (the builder, each entry
/// made a `String` as a binding would) and from its JSON document.
fn bench_directory(c: &mut Criterion) {
    let org = OrgDirectory::new(1);
    let json = org.json();
    let entries = org.entries() as f64;
    assert_eq!(
        org.build().expect("valid").to_json(),
        Directory::from_json(json.as_bytes())
            .expect("valid")
            .to_json(),
        "the builder and the JSON document make the same directory"
    );
    let mut samples = [
        ("builder", Samples::default()),
        ("from_json", Samples::default()),
    ];
    let mut group = c.benchmark_group("directory");
    group.throughput(Throughput::Elements(org.entries() as u64));
    for (name, recorded) in &mut samples {
        group.bench_function(BenchmarkId::new(*name, org.entries()), |b| {
            b.iter_custom(|iters| {
                let elapsed = match *name {
                    "builder" => timed(iters, || org.build().map(|d| d.device_count())),
                    _ => timed(iters, || {
                        Directory::from_json(json.as_bytes()).map(|d| d.device_count())
                    }),
                };
                recorded.record(elapsed, iters);
                elapsed
            });
        });
    }
    group.finish();
    for (name, recorded) in &mut samples {
        let (Some(secs), Some(best)) = (recorded.median(), recorded.best()) else {
            continue;
        };
        let ns = secs * 1e9 / entries;
        println!(
            "SUMMARY | (D) Rust Directory {name}, {} entries (80k users, 12k workspaces, 200 locations, 5k devices) | {ns:.0} ns/entry (fastest {:.0}; {:.1} ms) | <= {TARGET_NS_PER_ENTRY:.0} ns | {}",
            org.entries(),
            best * 1e9 / entries,
            secs * 1e3,
            if ns <= TARGET_NS_PER_ENTRY {
                "met"
            } else {
                "NOT MET"
            }
        );
    }
}

fn main() {
    let mut criterion = Criterion::default()
        .sample_size(MIN_SAMPLES)
        .warm_up_time(Duration::from_secs(1))
        .configure_from_args();
    bench_upload(&mut criterion);
    bench_directory(&mut criterion);
    criterion.final_summary();
}
