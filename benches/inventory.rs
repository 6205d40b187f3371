//! Reading a Unified CM phone export of 100,000 phones (issue 11): time and peak heap of the
//! inventory import, against a named baseline in the same run.
//!
//! The export is made while it is read ([`ExportReader`]): a BAT *Export Phones – All Details*
//! of 212 columns (the line-1 columns of the fixture's real header, then speed dials and lines
//! 2 to 4 as the export lists them), about 700 bytes a row, 7800/8800 phones of every VID
//! mixed with 7900s and Jabber clients, so the file itself (some 70 MB at 100k rows) is never
//! in memory. Measures, each after resetting the peak of a counting allocator:
//! - baseline: the `csv` crate reading every record and copying the eight cells the import
//!   reads (what a host's own loop does, no rule checked);
//! - streaming: [`InventoryReader`], each entry dropped as it comes: 10k rows against 100k rows
//!   (bounded memory: the 100k peak must stay within 1.5x the 10k peak plus [`PER_PHONE`] bytes
//!   a phone: the one index that grows, DEV-6's first row of each MAC, keeps 10 bytes a phone
//!   in a hash table that doubles as it grows);
//! - whole: [`Inventory::read`], every entry kept (what the command's `inventory` does).
//!
//! Run: `./scripts/bench inventory`, or `cargo bench -p mpp-migration-benches --bench
//! inventory`. Without `--bench` (a test run) the sizes are a hundredth, as a smoke test.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Read;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use mpp_migration::{INVENTORY_COLUMNS, Inventory, InventoryOptions, InventoryReader};

/// The allocator of this binary: [`System`], counting the bytes live and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to `System`; the counters never affect the result.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as `GlobalAlloc::alloc` requires, forwarded.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` with `layout`.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// The bytes a phone may add to the streaming peak: DEV-6's index of first rows.
const PER_PHONE: usize = 40;

/// The columns before the speed dials, as the fixture's header has them.
const LINE1: &str = "Device Name,Description,Device Pool,Phone Button Template,CSS,Location,Softkey Template,Device Type,User ID 1,Common Phone Profile,Owner User ID,Device Presence Group,Device Security Profile,Device Subscribe CSS,Device Protocol,SIP Profile,Common Device Configuration,Phone Load Name,Directory Number 1,Route Partition 1,Line CSS 1,External Phone Number Mask 1,Forward All CSS 1,Forward All Destination 1,Forward All Voice Mail 1,Forward Busy Internal Voice Mail 1,Forward Busy Internal Destination 1,Forward Busy Internal CSS 1,Forward Busy External Voice Mail 1,Forward Busy External Destination 1,Forward Busy External CSS 1,Forward No Answer Internal Voice Mail 1,Forward No Answer Internal Destination 1,Forward No Answer Internal CSS 1,Forward No Answer External Voice Mail 1,Forward No Answer External Destination 1,Forward No Answer External CSS 1,Forward No Answer Ring Duration 1,Call Pickup Group 1,Line Text Label 1,Maximum Number of Calls 1,Busy Trigger 1,Line Description 1,Alerting Name 1,ASCII Alerting Name 1,Display 1,ASCII Display 1,Recording Profile 1,Recording Media Source 1,Recording Option 1";

const TYPES: [&str; 12] = [
    "Cisco 8845",
    "Cisco 8865",
    "Cisco 8851",
    "Cisco 8841",
    "Cisco 7821",
    "Cisco 7841",
    "Cisco 7861",
    "Cisco 8832NR",
    "Cisco 7942",
    "Cisco 7965",
    "Cisco 8821",
    "Cisco Unified Client Services Framework",
];

fn header() -> String {
    let mut h = LINE1.to_owned();
    for n in 1..=30 {
        h.push_str(&format!(",Speed Dial Number {n},Speed Dial Label {n}"));
    }
    for line in 2..=4 {
        for c in [
            "Directory Number",
            "Route Partition",
            "Line CSS",
            "Line Text Label",
            "Display",
            "ASCII Display",
            "Alerting Name",
            "ASCII Alerting Name",
            "Line Description",
            "External Phone Number Mask",
            "Maximum Number of Calls",
            "Busy Trigger",
            "Call Pickup Group",
            "Recording Option",
        ] {
            h.push_str(&format!(",{c} {line}"));
        }
    }
    h.push_str(",Secure Shell User,Secure Shell Password\n");
    h
}

/// A BAT export of `rows` phones, made as it is read.
struct ExportReader {
    rows: usize,
    next: usize,
    width: usize,
    buf: Vec<u8>,
    at: usize,
}

impl ExportReader {
    fn new(rows: usize) -> ExportReader {
        let h = header();
        ExportReader {
            rows,
            next: 0,
            width: h.matches(',').count() + 1,
            buf: h.into_bytes(),
            at: 0,
        }
    }

    fn fill(&mut self) {
        use std::fmt::Write as _;
        self.buf.clear();
        self.at = 0;
        let i = self.next;
        self.next += 1;
        let t = TYPES[i % TYPES.len()];
        let name = if t.ends_with("Framework") {
            format!("CSFUSER{i}")
        } else {
            format!("SEP{:012X}", 0x0C11_6700_0000u64 + i as u64)
        };
        let mut row = String::with_capacity(800);
        let _ = write!(
            row,
            "{name},Phone {i} of floor {},DP_Site{},Standard {} SIP,CSS_Internal,Hub_None,Standard User,{t},user{i},,user{i},Standard Presence group,{t} - Standard SIP Non-Secure Profile,,SIP,Standard SIP Profile,,,{},PT_Internal,CSS_Line,+1408555XXXX",
            i % 40,
            i % 25,
            &t[6..],
            10000 + i
        );
        let filled = 22;
        for c in filled..self.width {
            row.push(',');
            if c == 39 {
                let _ = write!(row, "User {i}");
            } else if c == 40 {
                row.push('4');
            } else if c == 41 {
                row.push('2');
            } else if c == 45 || c == 46 {
                let _ = write!(row, "User {i} desk");
            }
        }
        row.push_str("\r\n");
        self.buf.extend_from_slice(row.as_bytes());
    }
}

impl Read for ExportReader {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.buf.len() {
            if self.next == self.rows {
                return Ok(0);
            }
            self.fill();
        }
        let n = out.len().min(self.buf.len() - self.at);
        out[..n].copy_from_slice(&self.buf[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

struct Measure {
    seconds: f64,
    peak: usize,
    rows: u64,
}

fn measure(f: impl FnOnce() -> u64) -> Measure {
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    let base = LIVE.load(Ordering::Relaxed);
    let start = Instant::now();
    let rows = f();
    let seconds = start.elapsed().as_secs_f64();
    Measure {
        seconds,
        peak: PEAK.load(Ordering::Relaxed).saturating_sub(base),
        rows,
    }
}

/// The baseline: records read by the `csv` crate, the import's eight cells copied.
fn baseline(rows: usize) -> u64 {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(ExportReader::new(rows));
    let head = csv.byte_headers().cloned().unwrap_or_default();
    // The columns the import reads, from the core (this export has no `MAC Address`, so eight).
    let idx: Vec<usize> = INVENTORY_COLUMNS
        .iter()
        .filter_map(|w| head.iter().position(|h| h == w.as_bytes()))
        .collect();
    let mut record = csv::ByteRecord::new();
    let mut n = 0u64;
    let mut bytes = 0usize;
    while csv.read_byte_record(&mut record).unwrap_or(false) {
        let cells: Vec<String> = idx
            .iter()
            .map(|&i| String::from_utf8_lossy(record.get(i).unwrap_or_default()).into_owned())
            .collect();
        bytes += cells.iter().map(String::len).sum::<usize>();
        n += 1;
    }
    std::hint::black_box(bytes);
    n
}

fn streaming(rows: usize) -> u64 {
    let mut reader =
        InventoryReader::new(ExportReader::new(rows), InventoryOptions::new()).expect("header");
    let mut n = 0u64;
    let mut phones = 0u64;
    for e in reader.by_ref() {
        n += 1;
        phones += u64::from(e.device().is_some());
    }
    let _ = reader.finish();
    // Every row the generator makes is read: phones, 7900s and Jabber clients, none refused.
    assert_eq!(
        phones,
        n - n / 12 * 3 - u64::from(n % 12 > 8) * (n % 12 - 8).min(3)
    );
    n
}

fn whole(rows: usize) -> u64 {
    let inventory =
        Inventory::read(ExportReader::new(rows), InventoryOptions::new()).expect("read");
    let n = inventory.counts().rows;
    std::hint::black_box(&inventory);
    n
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() -> ExitCode {
    let scale = if std::env::args().any(|a| a == "--bench") {
        1
    } else {
        100
    };
    let (small, large) = (10_000 / scale, 100_000 / scale);
    let base = measure(|| baseline(large));
    let s_small = measure(|| streaming(small));
    let s_large = measure(|| streaming(large));
    let w_large = measure(|| whole(large));
    for (label, m) in [
        ("baseline csv crate", &base),
        ("streaming InventoryReader", &s_small),
        ("streaming InventoryReader", &s_large),
        ("Inventory::read (kept)", &w_large),
    ] {
        println!(
            "{label:<28} {:>7} rows  {:>8.3} s  {:>9.0} rows/s  peak heap {:>7.2} MiB",
            m.rows,
            m.seconds,
            m.rows as f64 / m.seconds,
            mib(m.peak)
        );
    }
    if s_large.rows != large as u64 || w_large.rows != large as u64 {
        eprintln!("inventory: rows were lost");
        return ExitCode::FAILURE;
    }
    let ratio = s_large.seconds / base.seconds;
    let allowance = (large - small) * PER_PHONE;
    let bounded = s_large.peak as f64 <= 1.5 * s_small.peak as f64 + allowance as f64;
    println!(
        "SUMMARY | (I) time to read {large} phones, streaming / csv-crate baseline | {ratio:.2}x ({:.2} s / {:.2} s) | info | measured",
        s_large.seconds, base.seconds
    );
    println!(
        "SUMMARY | (I) peak heap streaming {large} / {small} phones | {:.2} / {:.2} MiB | <= 1.5x + {PER_PHONE} B/phone | {}",
        mib(s_large.peak),
        mib(s_small.peak),
        if bounded { "ok" } else { "OVER" }
    );
    println!(
        "SUMMARY | (I) Inventory::read {large} phones kept | {:.2} s, peak heap {:.1} MiB ({:.0} B/phone) | info | measured",
        w_large.seconds,
        mib(w_large.peak),
        w_large.peak as f64 / large as f64
    );
    if bounded {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
