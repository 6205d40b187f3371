//! Validates the bundled upload (`upload.csv`, *license and device*) against the bundled
//! organisation (`directory.json`) and prints the report as a person reads it: the counts of
//! CSV-14, then every finding grouped by row, then the files to download (CSV-15, CSV-16).
//!
//! Run: `cargo run -p mpp-migration-examples --example upload [examples/data]`

use std::collections::BTreeMap;
use std::error::Error as StdError;

use mpp_migration::{Directory, UploadOption, UploadOptions, validate_upload_path};

fn main() -> Result<(), Box<dyn StdError>> {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(mpp_migration_examples::data_dir, Into::into);
    let directory = Directory::from_json(std::fs::File::open(dir.join("directory.json"))?)?;
    let options = UploadOptions::new(UploadOption::LicenseAndDevice).with_directory(directory);
    let report = validate_upload_path(dir.join("upload.csv"), options)?;

    println!("Upload of upload.csv ({}):", report.option());
    println!(
        "  Added {}   Errors {}   Total uploaded {}",
        report.added(),
        report.errors(),
        report.total()
    );
    if !report.directory_checked() {
        println!(
            "  (no directory: user, location, extension and Webex Calling checks were skipped)"
        );
    }
    let (errors, warnings) = report.severity_counts();
    println!("  {errors} error(s), {warnings} warning(s)");

    let mut by_row: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    for f in report.findings() {
        let fix = f
            .suggestion()
            .map(|s| format!(" (fix: {s})"))
            .unwrap_or_default();
        let column = f.column().map(|c| format!("{c}: ")).unwrap_or_default();
        let rule = if f.rule().is_empty() {
            String::new()
        } else {
            format!("{} ", f.rule())
        };
        by_row
            .entry(f.row().unwrap_or(0))
            .or_default()
            .push(format!(
                "{:<7} {column}{}{fix} [{rule}{}]",
                f.severity().as_str(),
                f.message(),
                f.name()
            ));
    }
    for (row, lines) in by_row {
        println!("row {row}:");
        for line in lines {
            println!("  {line}");
        }
    }
    println!("Accepted devices:");
    for d in report.devices() {
        let a = d.assignment();
        println!(
            "  row {:>2}  {}  {:<6} {:<9} {:<20} {}",
            d.row().unwrap_or(0),
            d.device_name(),
            d.model().name(),
            a.map_or("", |a| a.owner_type.as_str()),
            a.map_or("", |a| a.username.as_str()),
            a.map_or("", |a| a.location.as_str())
        );
    }
    let errors_file = report.errors_csv();
    println!(
        "Errors file (CSV-15): {} rows to fix, {} bytes",
        errors_file.lines().count().saturating_sub(1),
        errors_file.len()
    );
    Ok(())
}
