//! Builds the organisation of issue 13's size once, for instruction counts under callgrind:
//! `valgrind --tool=callgrind target/release/examples/dir_profile json|build|none`; the
//! difference between `json` (or `build`) and `none` (the generator alone) is the cost of
//! building the directory (target D). `stream` streams `fleet_upload_csv(100_000, 42)` as
//! *license and device* against it; the difference with `json` is the cost of the rows (A).
//! `batch` builds the whole report of the same rows, `license_only` streams the same rows for *license only*, `csv` parses them with
//! `csv::ByteRecord` (the baseline of A), and `gen` only makes them, for instruction counts
//! of each part (`--toggle-collect` on `UploadReader::next` isolates the rows' own cost).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting the bytes live.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to `System` unchanged; only a counter is kept beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: as the caller's contract for `GlobalAlloc::alloc`.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as the caller's contract for `GlobalAlloc::dealloc`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() {
    let org = mpp_migration_benches::OrgDirectory::new(1);
    let json = org.json();
    let which = std::env::args().nth(1).unwrap_or_default();
    let n = match which.as_str() {
        "json" => mpp_migration::Directory::from_json(json.as_bytes()).map(|d| d.device_count()),
        "build" => org.build().map(|d| d.device_count()),
        // The heap the directory keeps, in bytes an entry (requested sizes, not the
        // allocator's rounding).
        "memory" => {
            let before = LIVE.load(Ordering::Relaxed);
            org.build().map(|d| {
                let bytes = LIVE.load(Ordering::Relaxed) - before;
                println!(
                    "directory heap: {bytes} bytes, {:.1} bytes an entry of {}",
                    bytes as f64 / org.entries() as f64,
                    org.entries()
                );
                d.device_count()
            })
        }
        "stream" => mpp_migration::Directory::from_json(json.as_bytes()).and_then(|d| {
            let bytes = mpp_migration_benches::fleet_upload_csv(100_000, 42);
            let options =
                mpp_migration::UploadOptions::new(mpp_migration::UploadOption::LicenseAndDevice)
                    .with_directory(std::sync::Arc::new(d));
            let mut reader = mpp_migration::UploadReader::new(bytes.as_slice(), options)?;
            for row in reader.by_ref() {
                drop(row?);
            }
            Ok(reader.counts().total as usize)
        }),
        "batch" => mpp_migration::Directory::from_json(json.as_bytes()).and_then(|d| {
            let bytes = mpp_migration_benches::fleet_upload_csv(100_000, 42);
            let options =
                mpp_migration::UploadOptions::new(mpp_migration::UploadOption::LicenseAndDevice)
                    .with_directory(std::sync::Arc::new(d));
            let report = mpp_migration::validate_upload(bytes.as_slice(), options)?;
            Ok(report.counts().total as usize)
        }),
        "license_only" => mpp_migration::Directory::from_json(json.as_bytes()).and_then(|d| {
            let bytes = mpp_migration_benches::fleet_upload_csv(100_000, 42);
            let options =
                mpp_migration::UploadOptions::new(mpp_migration::UploadOption::LicenseOnly)
                    .with_directory(std::sync::Arc::new(d));
            let mut reader = mpp_migration::UploadReader::new(bytes.as_slice(), options)?;
            for row in reader.by_ref() {
                drop(row?);
            }
            Ok(reader.counts().total as usize)
        }),
        "csv" | "gen" => {
            let bytes = mpp_migration_benches::fleet_upload_csv(100_000, 42);
            let mut rows = 0;
            if which == "csv" {
                let mut reader = csv::ReaderBuilder::new()
                    .has_headers(true)
                    .from_reader(bytes.as_slice());
                let mut record = csv::ByteRecord::new();
                while reader.read_byte_record(&mut record).unwrap_or(false) {
                    rows += std::hint::black_box(&record).len().min(1);
                }
            }
            Ok(rows)
        }
        _ => Ok(json.len()),
    };
    match n {
        Ok(n) => println!("{n}"),
        Err(e) => eprintln!("dir_profile: {e}"),
    }
}
