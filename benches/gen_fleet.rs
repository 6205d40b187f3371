//! Writes the generated benchmark inputs to standard output, so that other languages' benches
//! can check their ports of the generators byte for byte and read the same files.
//!
//! ```text
//! gen-fleet [ROWS [SEED]]     the upload of fleet_upload_csv(ROWS, SEED) (100000, 42)
//! gen-fleet ROWS SEED PERIOD  the same rows, the first PERIOD of them over and over
//!                             (FleetRows::cycling: a file that repeats its keys)
//! gen-fleet --directory       the directory of fleet_directory_json()
//! gen-fleet --org-directory   the organisation of issue 13's size, OrgDirectory::new(1).json()
//! ```
//!
//! Run: `cargo run --release -p mpp-migration-benches --bin gen-fleet -- 100000 42 > fleet.csv`.

use std::io::{self, Write};
use std::process::ExitCode;

use mpp_migration_benches::{FleetReader, FleetRows, OrgDirectory, fleet_directory_json};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = match args.as_slice() {
        [flag] if flag == "--directory" => out.write_all(fleet_directory_json().as_bytes()),
        [flag] if flag == "--org-directory" => {
            out.write_all(OrgDirectory::new(1).json().as_bytes())
        }
        [] | [_] | [_, _] | [_, _, _] => {
            let rows = args.first().map_or(Ok(100_000), |a| a.parse::<usize>());
            let seed = args.get(1).map_or(Ok(42), |a| a.parse::<u64>());
            let period = args.get(2).map(|a| a.parse::<usize>()).transpose();
            match (rows, seed, period) {
                (Ok(rows), Ok(seed), Ok(period)) => {
                    let mut lines = FleetRows::new(rows, seed);
                    if let Some(period) = period {
                        lines = lines.cycling(period);
                    }
                    // Streamed: a million rows never sit in memory.
                    io::copy(&mut FleetReader::new(lines), &mut out).map(|_| ())
                }
                _ => return usage(),
            }
        }
        _ => return usage(),
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-fleet: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: gen-fleet [ROWS [SEED [PERIOD]]] | gen-fleet --directory | gen-fleet --org-directory"
    );
    ExitCode::from(2)
}
