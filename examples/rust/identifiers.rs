//! Normalises and classifies a list of phones: each MAC, device name, model, hardware and
//! firmware version is read by the core's rules, and every problem is shown with its rule and
//! suggested fix.
//!
//! Run: `cargo run -p mpp-migration-examples --example identifiers [examples/data]`

use std::error::Error as StdError;

use mpp_migration::{FirmwareVersion, HardwareVersion, Mac, parse_model};

fn main() -> Result<(), Box<dyn StdError>> {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(mpp_migration_examples::data_dir, Into::into);
    let text = std::fs::read_to_string(dir.join("phones.csv"))?;
    println!(
        "{:<14} {:<16} {:<7} {:<6} {:<5} {:<4} {:<11} problems",
        "MAC", "device name", "model", "series", "wifi", "VID", "firmware"
    );
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let cell = |i: usize| cells.get(i).copied().unwrap_or("");
        let mut problems = Vec::new();
        let mac = Mac::parse(cell(0)).map_err(|e| problems.push(e)).ok();
        let model = parse_model(cell(1)).map_err(|e| problems.push(e)).ok();
        let vid = (!cell(2).is_empty())
            .then(|| {
                HardwareVersion::parse(cell(2))
                    .map_err(|e| problems.push(e))
                    .ok()
            })
            .flatten();
        let firmware = (!cell(3).is_empty())
            .then(|| {
                FirmwareVersion::parse(cell(3))
                    .map_err(|e| problems.push(e))
                    .ok()
            })
            .flatten();
        println!(
            "{:<14} {:<16} {:<7} {:<6} {:<5} {:<4} {:<11} {}",
            mac.map_or("-".to_owned(), |m| m.to_string()),
            mac.map_or("-".to_owned(), |m| m.device_name()),
            model.map_or("-", |m| m.name()),
            model.map_or("-", |m| m.series().as_str()),
            model.map_or("-", |m| if m.has_wifi() { "yes" } else { "no" }),
            vid.map_or("-".to_owned(), |v| v.to_string()),
            firmware.map_or("-".to_owned(), |f| f.to_string()),
            problems
                .iter()
                .map(|e| match e.finding().suggestion() {
                    Some(fix) => format!("{} [{}] fix: {fix}", e.code(), e.finding().rule()),
                    None => format!("{} [{}]", e.code(), e.finding().rule()),
                })
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    Ok(())
}
