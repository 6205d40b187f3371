//! Prints everything an upload and a directory produce, for a before/after comparison of a
//! change that must not change behaviour (issue 13): every finding, device and export of
//! generated and mutated uploads against generated and mutated directories, the corpus files,
//! directory look-ups, and the result of reading mutated directory documents.
//!
//! Run: `cargo run --release -p mpp-migration-benches --bin golden-dump > before.txt`, make
//! the change, run it again and `cmp` the two outputs.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::sync::Arc;

use mpp_migration::{
    Directory, ErrorCode, Mac, ToJson, UploadOption, UploadOptions, UploadReader, validate_upload,
};
use mpp_migration_benches::{
    FleetRows, OrgDirectory, SplitMix64, fleet_directory_json, fleet_upload_csv,
};

/// Every line of `bytes` with some cells mutated: case, spacing, a character dropped or added.
fn mutate(bytes: &[u8], seed: u64) -> Vec<u8> {
    let mut rng = SplitMix64::new(seed);
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 10);
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let mut line = line.to_vec();
        match rng.below(40) {
            0 => line.make_ascii_lowercase(),
            1 => line.make_ascii_uppercase(),
            2 => {
                let at = rng.below(line.len() as u64) as usize;
                line.insert(at, b' ');
            }
            3 => {
                let at = rng.below(line.len() as u64) as usize;
                line.remove(at);
            }
            4 => {
                let at = rng.below(line.len() as u64) as usize;
                line.insert(at, b',');
            }
            5 => {
                let at = rng.below(line.len() as u64) as usize;
                line.insert(at, b'"');
            }
            6 => line.extend_from_slice("Ünïcødé,\u{a0}x\n".as_bytes()),
            7 => {
                let at = rng.below(line.len() as u64) as usize;
                line.splice(at..at, "  Site  1 ".bytes());
            }
            _ => {}
        }
        out.extend_from_slice(&line);
    }
    out
}

/// Refused rows that come in runs of the same shape and break them: blank lines of each kind,
/// bad MACs, accepted rows and warnings between them, rows of other widths and empty cells.
fn runs() -> Vec<u8> {
    let mut out = b"Model,MAC Address\n".to_vec();
    let shapes: [&[u8]; 13] = [
        b"",
        b"\n",
        b",\n",
        b" , \t\n",
        b"   \n",
        b"8845,001A2B3C4DZZ\n",
        b"8845,\n",
        b",,\n",
        b"8821,001A2B3C4D01\n",
        b"8845,001A2B3C4F03,extra\n",
        b"\"\",\"\"\n",
        b"8845,001A2B3C4D5\xc3\xa9\n",
        b"=8845,001A2B3C4D\xff\n",
    ];
    let mut rng = SplitMix64::new(21);
    let mut mac = 0x1000u64;
    for _ in 0..400 {
        let shape = rng.below(shapes.len() as u64) as usize;
        for _ in 0..1 + rng.below(6) {
            match shape {
                // Accepted rows (one with a warning) between the refused ones.
                0 => {
                    mac += 1;
                    let model = if mac % 2 == 0 { "8845" } else { "8832NR" };
                    out.extend_from_slice(format!("{model},001A2B3C{mac:04X}\n").as_bytes());
                }
                k => out.extend_from_slice(shapes[k]),
            }
        }
    }
    out
}

fn dump_upload(out: &mut String, what: &str, bytes: &[u8], directory: Option<&Arc<Directory>>) {
    for option in [UploadOption::LicenseAndDevice, UploadOption::LicenseOnly] {
        let mut options = UploadOptions::new(option);
        if let Some(d) = directory {
            options = options.with_directory(Arc::clone(d));
        }
        let _ = writeln!(out, "== {what} {option:?}");
        match validate_upload(bytes, options) {
            Err(e) => {
                let _ = writeln!(out, "error {:?} {}", e.code(), e.message());
            }
            Ok(report) => {
                let _ = writeln!(out, "counts {:?}", report.counts());
                for f in report.findings() {
                    let _ = writeln!(out, "{f:?}");
                }
                for d in report.devices() {
                    let _ = writeln!(out, "{d:?}");
                }
                out.push_str(&report.errors_csv());
                out.push_str(&report.devices_csv());
                // The whole document: the refused rows' numbers, blank flags and cells.
                out.push_str(&report.to_json());
                out.push('\n');
            }
        }
    }
}

/// A file large enough that the indexes of DEC-2 and DEC-5 pack their older keys (over 64 Ki
/// keys), streamed: its counts and every finding that names an earlier row of the file.
fn dump_first_rows(out: &mut String, what: &str, bytes: &[u8], directory: Option<&Arc<Directory>>) {
    let mut options = UploadOptions::new(UploadOption::LicenseAndDevice);
    if let Some(d) = directory {
        options = options.with_directory(Arc::clone(d));
    }
    let _ = writeln!(out, "== first rows {what}");
    let mut reader = match UploadReader::new(bytes, options) {
        Ok(reader) => reader,
        Err(e) => {
            let _ = writeln!(out, "error {:?} {}", e.code(), e.message());
            return;
        }
    };
    for row in reader.by_ref() {
        match row {
            Ok(row) => {
                for f in row.findings() {
                    if matches!(
                        f.code(),
                        ErrorCode::MacDuplicate | ErrorCode::ExtensionDuplicate
                    ) {
                        let _ = writeln!(out, "{f:?}");
                    }
                }
            }
            Err(e) => {
                let _ = writeln!(out, "error {:?} {}", e.code(), e.message());
            }
        }
    }
    let _ = writeln!(out, "counts {:?}", reader.counts());
}

fn dump_directory(out: &mut String, what: &str, json: &str) {
    let _ = writeln!(out, "== directory {what}");
    match Directory::from_json(json.as_bytes()) {
        Err(e) => {
            let _ = writeln!(out, "error {:?} {}", e.code(), e.message());
        }
        Ok(d) => {
            out.push_str(&d.to_json());
            out.push('\n');
        }
    }
}

/// Look-ups of names near and far from the directory's entries.
fn dump_lookups(out: &mut String, d: &Directory) {
    let mut probes: Vec<String> = Vec::new();
    for i in [0, 1, 5, 17, 199, 4_999, 11_999, 79_999, 80_000] {
        probes.push(format!("user{i}@example.com"));
        probes.push(format!(" USER{i}@EXAMPLE.COM "));
        probes.push(format!("User{i}@Example.com"));
        probes.push(format!("Room {i}"));
        probes.push(format!("room  {i} "));
        probes.push(format!("ROOM{i}"));
        probes.push(format!("Site {i}"));
        probes.push(format!("site {i}"));
        probes.push(format!("Sïte {i}"));
    }
    for p in &probes {
        let _ = writeln!(
            out,
            "{p:?} user {} workspace {:?} location {:?} ext {}",
            d.has_user(p),
            d.match_workspace(p),
            d.match_location(p),
            d.extension_in_use(p, "1000") || d.extension_in_use(p, "1021")
        );
    }
    let mut rng = SplitMix64::new(11);
    for _ in 0..5 {
        let mac = Mac::parse(&format!("{:012X}", rng.next_u64() & 0xFFFF_FFFF_FFFF));
        let _ = writeln!(out, "device {:?}", mac.map(|m| d.has_device(m)));
    }
    // The first 20 of each, printed as a slice of them would be.
    fn first(names: mpp_migration::Names<'_>) -> Vec<&str> {
        names.iter().take(20).collect()
    }
    let _ = writeln!(out, "users {:?}", first(d.users()));
    let _ = writeln!(out, "workspaces {:?}", first(d.workspaces()));
    let _ = writeln!(out, "locations {:?}", d.locations());
    let _ = writeln!(out, "devices {}", d.device_count());
}

fn main() -> io::Result<()> {
    let mut out = String::new();
    let org = OrgDirectory::new(1);
    let org_json = org.json();
    let fleet = Arc::new(Directory::from_json(fleet_directory_json().as_bytes()).expect("valid"));
    let big = Arc::new(Directory::from_json(org_json.as_bytes()).expect("valid"));
    let built = org.build().expect("valid");
    assert_eq!(built.to_json(), big.to_json(), "builder and JSON agree");
    dump_lookups(&mut out, &fleet);
    dump_lookups(&mut out, &big);

    // Uploads: generated, mutated, repeating keys; against no directory, the fleet's and the
    // organisation's.
    let plain = fleet_upload_csv(20_000, 42);
    let mut repeating = Vec::new();
    let mut rows = FleetRows::new(5_000, 7).repeating_macs(300);
    while rows.write_next(&mut repeating) {}
    let inputs: Vec<(String, Vec<u8>)> = vec![
        ("runs".to_owned(), runs()),
        ("plain".to_owned(), plain.clone()),
        ("mutated 1".to_owned(), mutate(&plain, 1)),
        (
            "mutated 2".to_owned(),
            mutate(&fleet_upload_csv(5_000, 9), 2),
        ),
        ("repeating".to_owned(), repeating),
    ];
    for (what, bytes) in &inputs {
        dump_upload(&mut out, &format!("{what} no directory"), bytes, None);
        dump_upload(
            &mut out,
            &format!("{what} fleet directory"),
            bytes,
            Some(&fleet),
        );
        dump_upload(
            &mut out,
            &format!("{what} org directory"),
            bytes,
            Some(&big),
        );
    }
    // Past 64 Ki keys: the rows of a large file, then its first 60,000 rows again (their keys
    // long packed), mutated.
    let large = fleet_upload_csv(150_000, 11);
    let body_start = large.iter().position(|&b| b == b'\n').map_or(0, |i| i + 1);
    let again_end = large
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n')
        .nth(60_000)
        .map_or(large.len(), |(i, _)| i + 1);
    let mut twice = large.clone();
    twice.extend_from_slice(&large[body_start..again_end]);
    for (what, bytes) in [
        ("large twice", twice.clone()),
        ("large twice mutated", mutate(&twice, 3)),
    ] {
        dump_first_rows(&mut out, &format!("{what} no directory"), &bytes, None);
        dump_first_rows(
            &mut out,
            &format!("{what} fleet directory"),
            &bytes,
            Some(&fleet),
        );
    }
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/corpus");
    let mut files: Vec<_> = std::fs::read_dir(corpus)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    files.sort();
    let example = Arc::new(
        Directory::from_json(
            std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../examples/data/directory.json"
            ))?
            .as_slice(),
        )
        .expect("valid"),
    );
    dump_lookups(&mut out, &example);
    for path in files {
        let bytes = std::fs::read(&path)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        dump_upload(&mut out, &name, &bytes, Some(&example));
        dump_upload(
            &mut out,
            &format!("{name} mutated"),
            &mutate(&bytes, 3),
            Some(&example),
        );
    }

    // Directory documents: valid, and mutated byte by byte (every error path).
    let small = OrgDirectory::new(400).json();
    dump_directory(&mut out, "small", &small);
    let mut rng = SplitMix64::new(5);
    let edits: [&str; 14] = [
        "[",
        "]",
        "{",
        "}",
        ",",
        "\"",
        "\\u0000",
        " ",
        "null",
        "1",
        "x",
        "\"format\": 2,",
        "[[]]",
        "\"Site 0\"",
    ];
    for k in 0..600 {
        let mut doc = small.clone();
        let at = rng.below(doc.len() as u64) as usize;
        let at = (0..=at)
            .rev()
            .find(|&i| doc.is_char_boundary(i))
            .unwrap_or(0);
        let edit = edits[rng.below(edits.len() as u64) as usize];
        if rng.below(2) == 0 {
            doc.insert_str(at, edit);
        } else {
            let end = (at + 1..=doc.len())
                .find(|&i| doc.is_char_boundary(i))
                .unwrap_or(doc.len());
            doc.replace_range(at..end, edit);
        }
        dump_directory(&mut out, &format!("mutation {k}"), &doc);
    }
    for doc in [
        "{}",
        "[]",
        "[1,[\"a@example.com\"]]",
        "{\"locations\": [[\"HQ\", true, []]]}",
        "{\"locations\": [{\"name\": \"HQ\"}, [\"x\"]], \"users\": 1}",
        "{\"users\": [\"a@example.com\"], \"users\": []}",
        "{\"workspaces\": [\"A\", \"a \"]}",
        "{\"locations\": [{\"name\": \"HQ\", \"extensions_in_use\": [\" 12\", \"12\", \"0012\"]}]}",
        "{\"users\": [\" A@B.example \", \"a@b.example\", \"ÅSA@exämple.se\"]}",
        "{\"users\": [\"a@b.example\"]} x",
        "{\"locations\": [{\"name\": \"HQ\", \"name\": \"HQ\"}]}",
    ] {
        dump_directory(&mut out, doc, doc);
    }
    io::stdout().lock().write_all(out.as_bytes())
}
