//! Memory of findings (issue 14 section 5): a report of one million rows that each get one
//! finding of the same kind must cost a few dozen bytes a finding, not hundreds.
//!
//! Two inputs, each checked as a whole with [`validate_upload`] (the report keeps every
//! finding and refused row) and, as the baseline of the same run, streamed with
//! [`UploadReader`] with every row dropped as it comes:
//! - `blank`: a header and then only blank lines (one `blank_line` finding per row, DEC-10);
//! - `bad_mac`: rows whose MAC has a letter that is not hexadecimal (one
//!   `mac_invalid_character` finding per row, with its column, DEV-6).
//!
//! Printed per input: the peak heap of each run (a counting `#[global_allocator]`), the heap the
//! report keeps, and that divided by the rows, with the size of `Finding` itself, and the time
//! `validate_upload` took (the counting allocator included).
//!
//! Run: `cargo bench -p mpp-migration-benches --bench findings_memory`. Without `--bench` (a
//! test run) the inputs are a hundredth, as a smoke test.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};

use mpp_migration::{Finding, UploadOption, UploadOptions, UploadReader, validate_upload};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let live = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

// SAFETY: every call is forwarded unchanged to `System`, which upholds the `GlobalAlloc`
// contract; the counters are atomics and never affect what is returned.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's valid layout.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` with `layout`.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from `System` with `layout`; the caller guarantees `new_size`.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// A reader of `rows` copies of `row` after `header`, made while it is read, so the input is
/// never in memory.
struct Repeat {
    header: &'static [u8],
    row: &'static [u8],
    left: usize,
    at: usize,
}

impl Read for Repeat {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = 0;
        while n < buf.len() {
            let src = if !self.header.is_empty() {
                &mut self.header
            } else if self.left > 0 {
                let rest = &self.row[self.at..];
                let k = rest.len().min(buf.len() - n);
                buf[n..n + k].copy_from_slice(&rest[..k]);
                n += k;
                self.at += k;
                if self.at == self.row.len() {
                    self.at = 0;
                    self.left -= 1;
                }
                continue;
            } else {
                break;
            };
            let k = src.len().min(buf.len() - n);
            buf[n..n + k].copy_from_slice(&src[..k]);
            *src = &src[k..];
            n += k;
        }
        Ok(n)
    }
}

fn input(row: &'static [u8], rows: usize) -> Repeat {
    Repeat {
        header: b"Model,MAC Address\n",
        row,
        left: rows,
        at: 0,
    }
}

fn options() -> UploadOptions {
    UploadOptions::new(UploadOption::LicenseOnly)
}

/// Runs `f`, returning its result, the peak heap above the start, and the heap it left live.
fn measured<T>(f: impl FnOnce() -> T) -> (T, usize, usize) {
    let start = LIVE.load(Ordering::Relaxed);
    PEAK.store(start, Ordering::Relaxed);
    let value = f();
    let peak = PEAK.load(Ordering::Relaxed) - start;
    let kept = LIVE.load(Ordering::Relaxed).saturating_sub(start);
    (value, peak, kept)
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let rows = if full { 1_000_000 } else { 10_000 };
    println!(
        "findings_memory: {rows} rows per input; size_of::<Finding>() = {} bytes",
        std::mem::size_of::<Finding>()
    );
    for (name, row) in [
        ("blank", &b"\n"[..]),
        ("bad_mac", &b"8845,001A2B3C4DZZ\n"[..]),
    ] {
        let ((), stream_peak, _) = measured(|| {
            let reader = UploadReader::new(input(row, rows), options()).expect("header");
            for r in reader {
                drop(r.expect("row"));
            }
        });
        let started = std::time::Instant::now();
        let (report, peak, kept) = measured(|| validate_upload(input(row, rows), options()));
        let took = started.elapsed();
        let report = report.expect("report");
        let findings = report.findings().len();
        assert!(
            findings >= rows,
            "{name}: {findings} findings for {rows} rows"
        );
        println!(
            "  {name:8} streamed peak {:>8.1} MB | report peak {:>8.1} MB, kept {:>8.1} MB \
             ({:.0} bytes a row, {findings} findings) | report/stream peak {:.1}x | \
             validate_upload {:.0} ms",
            stream_peak as f64 / 1e6,
            peak as f64 / 1e6,
            kept as f64 / 1e6,
            kept as f64 / rows as f64,
            peak as f64 / stream_peak.max(1) as f64,
            took.as_secs_f64() * 1e3,
        );
        drop(report);
    }
}
