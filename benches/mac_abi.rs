//! MAC normalisation through the C ABI against the direct Rust call, in the same run, over the
//! same inputs; prints the cost of the ABI as a ratio (target: at most 3×).
//!
//! The C side is the real shared library as cargo builds it, `libmpp_migration_ffi.so`, loaded at run time with
//! `dlopen` from `$MPP_MIGRATION_LIB`, else `<workspace>/target/release/libmpp_migration_ffi.so`.
//! Each call does what a C host does: pass a NUL-terminated string (made outside the timed
//! loop), receive an owned `char *` and free it with `mpp_string_free`.
//!
//! Run: `./scripts/bench` (builds the release library, then
//! `cargo bench -p mpp-migration-benches --bench mac_abi`).

use std::ffi::{CStr, CString, c_char, c_int, c_void};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::ptr;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use mpp_migration_benches::mac_spellings;

/// How many MAC spellings one iteration normalises, and the seed that makes them.
const INPUTS: usize = 1024;
const SEED: u64 = 0x006D_7070_5F6D_6163; // "mpp_mac"

/// Fewer samples than this give no ratio (criterion takes 100 unless told otherwise).
const MIN_SAMPLES: usize = 10;

/// The ratio this benchmark is held to: the C ABI costs at most this many Rust calls.
const TARGET_RATIO: f64 = 3.0;

// glibc (2.34 and later) has the dynamic loader's interface in libc itself.
unsafe extern "C" {
    fn dlopen(filename: *const c_char, flags: c_int) -> *mut c_void;
    fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
    fn dlerror() -> *mut c_char;
}

/// Resolve every symbol when the library is loaded, so a missing export fails early.
const RTLD_NOW: c_int = 2;

/// `mpp_status mpp_normalize_mac(const char *mac, char **out, mpp_error **err)`.
type NormalizeMac = unsafe extern "C" fn(*const c_char, *mut *mut c_char, *mut *mut c_void) -> u32;
/// `void mpp_string_free(char *s)`.
type StringFree = unsafe extern "C" fn(*mut c_char);

/// The two exports this benchmark calls, from the loaded library. The library is never
/// unloaded, so the function pointers stay valid for the life of the process.
struct CAbi {
    path: PathBuf,
    normalize_mac: NormalizeMac,
    string_free: StringFree,
}

impl CAbi {
    fn library_path() -> PathBuf {
        std::env::var_os("MPP_MIGRATION_LIB").map_or_else(
            || {
                let benches = Path::new(env!("CARGO_MANIFEST_DIR"));
                let workspace = benches.parent().unwrap_or(benches);
                workspace.join("target/release/libmpp_migration_ffi.so")
            },
            PathBuf::from,
        )
    }

    fn load() -> Result<CAbi, String> {
        let wanted = CAbi::library_path();
        let path = wanted.canonicalize().map_err(|_| {
            format!(
                "{} not found: run `cargo build --release -p mpp-migration-ffi` first \
                 (or set MPP_MIGRATION_LIB to the library's path)",
                wanted.display()
            )
        })?;
        let c_path = CString::new(path.as_os_str().as_encoded_bytes())
            .map_err(|_| format!("{} contains a NUL byte", path.display()))?;
        // SAFETY: `c_path` is a NUL-terminated path; loading the library runs no code of ours
        // beyond its (Rust-generated, side-effect-free) initialisers.
        let handle = unsafe { dlopen(c_path.as_ptr(), RTLD_NOW) };
        if handle.is_null() {
            return Err(format!(
                "dlopen({}) failed: {}",
                path.display(),
                last_dl_error()
            ));
        }
        let symbol = |name: &CStr| -> Result<*mut c_void, String> {
            // SAFETY: `handle` is a live library handle (never closed) and `name` is
            // NUL-terminated.
            let sym = unsafe { dlsym(handle, name.as_ptr()) };
            if sym.is_null() {
                Err(format!(
                    "{} does not export {}: {}",
                    path.display(),
                    name.to_string_lossy(),
                    last_dl_error()
                ))
            } else {
                Ok(sym)
            }
        };
        let normalize_mac = symbol(c"mpp_normalize_mac")?;
        let string_free = symbol(c"mpp_string_free")?;
        // SAFETY: both symbols are functions with exactly these C signatures, as declared in
        // include/mpp_migration.h; a data pointer from dlsym converts to the function pointer
        // it names on every platform with dlopen.
        unsafe {
            Ok(CAbi {
                path,
                normalize_mac: std::mem::transmute::<*mut c_void, NormalizeMac>(normalize_mac),
                string_free: std::mem::transmute::<*mut c_void, StringFree>(string_free),
            })
        }
    }

    /// One call as a C host makes it: normalise, read the result with `read`, free it. The
    /// error is not requested (`err` NULL), as a host that needs only the status does.
    fn normalize<R>(&self, mac: &CStr, read: impl FnOnce(&CStr) -> R) -> Option<R> {
        let mut out: *mut c_char = ptr::null_mut();
        // SAFETY: `mac` is NUL-terminated, `out` is writable, `err` may be NULL.
        let status = unsafe { (self.normalize_mac)(mac.as_ptr(), &mut out, ptr::null_mut()) };
        if status != 0 {
            return None;
        }
        // SAFETY: on success `out` is an owned NUL-terminated string from the library.
        let result = read(unsafe { CStr::from_ptr(out) });
        // SAFETY: `out` was returned as owned by this library and is freed exactly once.
        unsafe { (self.string_free)(out) };
        Some(result)
    }
}

fn last_dl_error() -> String {
    // SAFETY: dlerror returns NULL or a NUL-terminated message valid until the next dl call.
    let message = unsafe { dlerror() };
    if message.is_null() {
        "unknown error".to_owned()
    } else {
        // SAFETY: non-NULL and NUL-terminated, read before any other dl call.
        unsafe { CStr::from_ptr(message) }
            .to_string_lossy()
            .into_owned()
    }
}

/// Per-call times of every sample criterion took of one routine.
#[derive(Default)]
struct Samples(Vec<f64>);

impl Samples {
    fn record(&mut self, elapsed: Duration, iters: u64) {
        let calls = iters as f64 * INPUTS as f64;
        if calls > 0.0 {
            self.0.push(elapsed.as_nanos() as f64 / calls);
        }
    }

    /// The median ns per call, robust to the odd slow sample; None when too few samples were
    /// taken to mean anything (criterion's `--test` runs each routine once, `--list` never).
    fn median(&mut self) -> Option<f64> {
        if self.0.len() < MIN_SAMPLES {
            return None;
        }
        self.0.sort_by(f64::total_cmp);
        self.0.get(self.0.len() / 2).copied()
    }
}

/// Times `iters` passes of `call` over every input.
fn timed<T>(iters: u64, inputs: &[T], mut call: impl FnMut(&T) -> Option<usize>) -> Duration {
    let start = Instant::now();
    for _ in 0..iters {
        for input in inputs {
            black_box(call(black_box(input)));
        }
    }
    start.elapsed()
}

fn bench_mac(c: &mut Criterion, abi: &CAbi) {
    let spellings = mac_spellings(INPUTS, SEED);
    let c_spellings: Vec<CString> = spellings
        .iter()
        .map(|s| CString::new(s.as_str()).expect("generated MACs contain no NUL"))
        .collect();
    // Both paths must agree on every input before their speed means anything.
    for (s, cs) in spellings.iter().zip(&c_spellings) {
        let rust = mpp_migration::normalize_mac(s).ok();
        assert_eq!(
            rust,
            abi.normalize(cs, |m| m.to_string_lossy().into_owned()),
            "the C ABI and Rust disagree on {s:?}"
        );
        assert!(rust.is_some(), "the benchmark inputs are valid MACs: {s:?}");
    }

    let (mut rust, mut ffi) = (Samples::default(), Samples::default());
    let mut group = c.benchmark_group("normalize_mac");
    group.throughput(Throughput::Elements(INPUTS as u64));
    group.bench_function(BenchmarkId::new("rust", INPUTS), |b| {
        b.iter_custom(|iters| {
            let elapsed = timed(iters, &spellings, |s| {
                mpp_migration::normalize_mac(s).ok().map(|m| m.len())
            });
            rust.record(elapsed, iters);
            elapsed
        });
    });
    group.bench_function(BenchmarkId::new("c_abi", INPUTS), |b| {
        b.iter_custom(|iters| {
            let elapsed = timed(iters, &c_spellings, |s| {
                abi.normalize(s, |m| m.to_bytes().len())
            });
            ffi.record(elapsed, iters);
            elapsed
        });
    });
    group.finish();

    if let (Some(rust), Some(ffi)) = (rust.median(), ffi.median()) {
        let ratio = ffi / rust;
        println!(
            "normalize_mac: Rust {rust:.1} ns/call, C ABI {ffi:.1} ns/call ({}): \
             ratio {ratio:.2}x (target <= {TARGET_RATIO}x){}",
            abi.path.display(),
            if ratio <= TARGET_RATIO {
                ""
            } else {
                "  ABOVE TARGET"
            }
        );
        // One line per target, for the summary table of ./scripts/bench.
        println!(
            "SUMMARY | normalize_mac C ABI / Rust time per call | {ratio:.2}x ({ffi:.1} / {rust:.1} ns) | <= {TARGET_RATIO}x | {}",
            if ratio <= TARGET_RATIO {
                "met"
            } else {
                "NOT MET"
            }
        );
    }
}

fn main() {
    let abi = CAbi::load().unwrap_or_else(|message| {
        eprintln!("mac_abi: {message}");
        std::process::exit(1);
    });
    let mut criterion = Criterion::default().configure_from_args();
    bench_mac(&mut criterion, &abi);
    criterion.final_summary();
}
