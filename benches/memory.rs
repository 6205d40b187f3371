//! Peak memory of streaming an upload through [`UploadReader`], rows dropped as they come:
//! 10k rows against 1M rows. Targets (issue 13 C): at most 8 bytes of peak heap per distinct
//! MAC beyond a constant, and a file that repeats its keys as flat as 1.5× the 10k peak.
//!
//! Two measures, each size in a fresh child process (this binary run again with
//! `MPP_MEMORY_BENCH_CHILD` set), so that no measurement inherits another's peak:
//! - peak heap: a counting `#[global_allocator]` around [`System`], tracking the bytes live and
//!   their high-water mark over the child's whole life (the directory included);
//! - peak RSS: `VmHWM` of `/proc/self/status` (Linux), the resident high-water mark.
//!
//! The input is made while it is read ([`FleetReader`]), so the file itself is never in
//! memory. What must grow is the state later rows are checked against: the first row of each
//! MAC (DEC-2) and of each extension in a location (DEC-5). To show how much of the 1M peak that
//! is, two more 1M-row files are streamed: one where every row after the 10,000th reuses the
//! MAC of row `i % 10_000` (only the DEC-2 index stays small), and one that repeats the first
//! 10,000 rows (every index stays small).
//!
//! Run: `./scripts/bench`, or `cargo bench -p mpp-migration-benches --bench memory`. Without
//! `--bench` (a test run) the sizes are a hundredth, as a smoke test.

use std::alloc::{GlobalAlloc, Layout, System};
use std::process::{Command, ExitCode};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use mpp_migration::{Directory, UploadOption, UploadOptions, UploadReader};
use mpp_migration_benches::{FleetReader, FleetRows, fleet_directory_json};

/// The allocator of this binary: [`System`], counting the bytes live and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

impl Counting {
    fn grew(by: usize) {
        let live = LIVE.fetch_add(by, Ordering::Relaxed) + by;
        PEAK.fetch_max(live, Ordering::Relaxed);
    }
    fn shrank(by: usize) {
        LIVE.fetch_sub(by, Ordering::Relaxed);
    }
}

// SAFETY: every call is forwarded unchanged to `System`, which upholds the `GlobalAlloc`
// contract; the counters are atomics and never affect what is returned.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's `layout` has a non-zero size, as `GlobalAlloc::alloc` requires.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            Counting::grew(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            Counting::grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by this allocator (that is, by `System`) with `layout`.
        unsafe { System.dealloc(ptr, layout) };
        Counting::shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` was allocated by `System` with `layout`; `new_size` is non-zero and
        // fits `isize` once rounded to the alignment, as the caller guarantees.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            if new_size >= layout.size() {
                Counting::grew(new_size - layout.size());
            } else {
                Counting::shrank(layout.size() - new_size);
            }
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The variable that makes this binary a child measuring one stream: `<variant>:<rows>`.
const CHILD_VAR: &str = "MPP_MEMORY_BENCH_CHILD";

/// The target: the 1M-row peak at most this many times the 10k-row peak.
const TARGET_RATIO: f64 = 1.5;

/// The target: the peak heap of the DEC-2 index per distinct MAC, beyond a constant.
const TARGET_BYTES_PER_MAC: f64 = 8.0;

/// How many distinct keys the repeating variants keep.
const DISTINCT: usize = 10_000;

/// The seed of every generated file.
const SEED: u64 = 42;

/// Which file a child streams.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Variant {
    /// `fleet_upload_csv(rows, 42)`: every MAC distinct.
    Distinct,
    /// The same rows with only [`DISTINCT`] MACs, the later ones duplicates (DEC-2).
    RepeatMacs,
    /// The first [`DISTINCT`] rows, repeated: every key is one of theirs.
    Cycle,
}

impl Variant {
    fn name(self) -> &'static str {
        match self {
            Variant::Distinct => "distinct",
            Variant::RepeatMacs => "repeat_macs",
            Variant::Cycle => "cycle",
        }
    }

    fn parse(text: &str) -> Option<Variant> {
        [Variant::Distinct, Variant::RepeatMacs, Variant::Cycle]
            .into_iter()
            .find(|v| v.name() == text)
    }

    fn rows(self, rows: usize, distinct: usize) -> FleetRows {
        let plain = FleetRows::new(rows, SEED);
        match self {
            Variant::Distinct => plain,
            Variant::RepeatMacs => plain.repeating_macs(distinct),
            Variant::Cycle => plain.cycling(distinct),
        }
    }
}

/// What one child measured.
#[derive(Clone, Copy, Debug, Default)]
struct Measure {
    rows: u64,
    added: u64,
    errors: u64,
    /// Heap bytes live once the directory and options were made, before streaming.
    setup: usize,
    /// Heap bytes live after the last row, the reader still alive: its indexes.
    live_at_end: usize,
    /// The heap's high-water mark over the child's life.
    peak_heap: usize,
    /// The resident set's high-water mark, KiB (0 where /proc is not available).
    vm_hwm_kib: usize,
}

/// `VmHWM` of this process, in KiB.
fn vm_hwm_kib() -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The child: stream one file, print what it measured as `key=value` pairs.
fn child(spec: &str, distinct: usize) -> ExitCode {
    let Some((variant, rows)) = spec
        .split_once(':')
        .and_then(|(v, r)| Some((Variant::parse(v)?, r.parse::<usize>().ok()?)))
    else {
        eprintln!("memory: bad {CHILD_VAR}={spec:?}");
        return ExitCode::from(2);
    };
    let directory = Directory::from_json(fleet_directory_json().as_bytes())
        .expect("the generated directory is valid");
    let options =
        UploadOptions::new(UploadOption::LicenseAndDevice).with_directory(Arc::new(directory));
    let setup = LIVE.load(Ordering::Relaxed);
    let input = FleetReader::new(variant.rows(rows, distinct));
    let mut reader = UploadReader::new(input, options).expect("the generator cannot fail");
    for row in reader.by_ref() {
        drop(std::hint::black_box(
            row.expect("the generator cannot fail"),
        ));
    }
    let counts = reader.counts();
    let live_at_end = LIVE.load(Ordering::Relaxed);
    drop(reader);
    println!(
        "rows={} added={} errors={} setup={setup} live_at_end={live_at_end} peak_heap={} vm_hwm_kib={}",
        counts.total,
        counts.added,
        counts.errors,
        PEAK.load(Ordering::Relaxed),
        vm_hwm_kib().unwrap_or(0)
    );
    ExitCode::SUCCESS
}

/// Runs one child and reads its figures.
fn measure(variant: Variant, rows: usize, distinct: usize) -> Result<Measure, String> {
    let exe = std::env::current_exe().map_err(|e| format!("current_exe: {e}"))?;
    let output = Command::new(exe)
        .env(CHILD_VAR, format!("{}:{rows}", variant.name()))
        .env("MPP_MEMORY_BENCH_DISTINCT", distinct.to_string())
        .output()
        .map_err(|e| format!("running the child: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "the child for {}:{rows} failed ({}): {}",
            variant.name(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let mut m = Measure::default();
    for pair in text.split_whitespace() {
        let Some((key, value)) = pair.split_once('=') else {
            continue;
        };
        let value: usize = value
            .parse()
            .map_err(|_| format!("bad child output {pair:?}"))?;
        match key {
            "rows" => m.rows = value as u64,
            "added" => m.added = value as u64,
            "errors" => m.errors = value as u64,
            "setup" => m.setup = value,
            "live_at_end" => m.live_at_end = value,
            "peak_heap" => m.peak_heap = value,
            "vm_hwm_kib" => m.vm_hwm_kib = value,
            _ => {}
        }
    }
    if m.rows != rows as u64 {
        return Err(format!(
            "the child for {}:{rows} read {} rows",
            variant.name(),
            m.rows
        ));
    }
    Ok(m)
}

/// `10k`, `1M`: a row count as the labels write it.
fn count(n: usize) -> String {
    match n {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
        n if n >= 1_000 && n % 1_000 == 0 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() -> ExitCode {
    let distinct = std::env::var("MPP_MEMORY_BENCH_DISTINCT")
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or(DISTINCT);
    if let Ok(spec) = std::env::var(CHILD_VAR) {
        return child(&spec, distinct);
    }
    // `cargo bench` passes --bench; anything else (a test run) gets a quick smoke test.
    let scale = if std::env::args().any(|a| a == "--bench") {
        1
    } else {
        100
    };
    let (small, large, distinct) = (10_000 / scale, 1_000_000 / scale, DISTINCT / scale);
    let (s, l, d) = (count(small), count(large), count(distinct));
    let runs = [
        (format!("{s} rows"), Variant::Distinct, small),
        (format!("{l} rows"), Variant::Distinct, large),
        (
            format!("{l} rows, {d} MACs repeated"),
            Variant::RepeatMacs,
            large,
        ),
        (
            format!("{l} rows, first {d} rows cycled"),
            Variant::Cycle,
            large,
        ),
    ];
    let mut results = Vec::new();
    for (label, variant, rows) in runs {
        match measure(variant, rows, distinct) {
            Ok(m) => results.push((label, m)),
            Err(message) => {
                eprintln!("memory: {message}");
                return ExitCode::FAILURE;
            }
        }
    }
    println!(
        "memory: streaming UploadReader (license_and_device, fleet directory), rows dropped; each in a fresh process{}",
        if scale == 1 {
            String::new()
        } else {
            format!(" (smoke test: sizes / {scale})")
        }
    );
    println!(
        "  {:<32} {:>9} {:>8} {:>7}  {:>12} {:>14} {:>13} {:>10}",
        "input", "rows", "added", "errors", "setup heap", "live at end", "peak heap", "peak RSS"
    );
    for (label, m) in &results {
        println!(
            "  {label:<32} {:>9} {:>8} {:>7}  {:>8.2} MiB {:>10.2} MiB {:>9.2} MiB {:>6.1} MiB",
            m.rows,
            m.added,
            m.errors,
            mib(m.setup),
            mib(m.live_at_end),
            mib(m.peak_heap),
            m.vm_hwm_kib as f64 / 1024.0
        );
    }
    let [(_, small), (_, large), (_, repeat), (_, cycle)] = &results[..] else {
        return ExitCode::FAILURE;
    };
    let (small, large, repeat, cycle) = (*small, *large, *repeat, *cycle);
    let heap_ratio = large.peak_heap as f64 / small.peak_heap as f64;
    let rss_ratio = large.vm_hwm_kib as f64 / small.vm_hwm_kib.max(1) as f64;
    let verdict = |r: f64| if r <= TARGET_RATIO { "met" } else { "NOT MET" };
    println!(
        "  peak heap {l} / {s}: {heap_ratio:.2}x, peak RSS {l} / {s}: {rss_ratio:.2}x (all keys distinct: grows with them)"
    );
    // Where the 1M peak goes.
    let share = |part: usize| 100.0 * part as f64 / large.peak_heap as f64;
    let mac_index = large.peak_heap.saturating_sub(repeat.peak_heap);
    let ext_index = repeat.peak_heap.saturating_sub(cycle.peak_heap);
    let macs = (large.rows as usize).saturating_sub(distinct);
    println!(
        "  of the {l} peak heap ({:.2} MiB): DEC-2 MAC index {:.2} MiB ({:.0}%, {:.0} bytes per extra distinct MAC at the peak, {:.0} live after the last row); \
         DEC-5 extension index {:.2} MiB ({:.0}%); the rest {:.2} MiB ({:.0}%)",
        mib(large.peak_heap),
        mib(mac_index),
        share(mac_index),
        mac_index as f64 / macs.max(1) as f64,
        large.live_at_end.saturating_sub(repeat.live_at_end) as f64 / macs.max(1) as f64,
        mib(ext_index),
        share(ext_index),
        mib(cycle.peak_heap),
        share(cycle.peak_heap),
    );
    let cycle_ratio = cycle.peak_heap as f64 / small.peak_heap as f64;
    println!(
        "  without the per-key indexes ({l} rows cycling {d} keys / {s} rows): peak heap {cycle_ratio:.2}x, peak RSS {:.2}x",
        cycle.vm_hwm_kib as f64 / small.vm_hwm_kib.max(1) as f64
    );
    if scale != 1 {
        // A smoke test: no figures for the summary.
        return ExitCode::SUCCESS;
    }
    // Issue 13 target (C): at most 8 bytes of peak heap per distinct MAC beyond a constant, and
    // a file that repeats its keys stays flat.
    let per_mac = mac_index as f64 / macs.max(1) as f64;
    println!(
        "SUMMARY | (C) peak heap per extra distinct MAC ({l} rows all distinct - {l} rows of {d} MACs) | {per_mac:.2} bytes ({:.2} MiB for {} MACs) | <= {TARGET_BYTES_PER_MAC} bytes | {}",
        mib(mac_index),
        macs,
        if per_mac <= TARGET_BYTES_PER_MAC {
            "met"
        } else {
            "NOT MET"
        }
    );
    println!(
        "SUMMARY | (C) peak heap, a file that repeats its keys ({l} rows cycling {d}) / {s} rows | {cycle_ratio:.2}x ({:.2} / {:.2} MiB) | <= {TARGET_RATIO}x | {}",
        mib(cycle.peak_heap),
        mib(small.peak_heap),
        verdict(cycle_ratio)
    );
    println!(
        "SUMMARY | (C) peak heap streaming {l} / {s} rows, all keys distinct (info: grows with the keys) | {heap_ratio:.2}x ({:.1} / {:.1} MiB) | - | info",
        mib(large.peak_heap),
        mib(small.peak_heap),
    );
    println!(
        "SUMMARY | (C) peak RSS streaming {l} / {s} rows, all keys distinct (info) | {rss_ratio:.2}x ({:.1} / {:.1} MiB) | - | info",
        large.vm_hwm_kib as f64 / 1024.0,
        small.vm_hwm_kib as f64 / 1024.0,
    );
    ExitCode::SUCCESS
}
