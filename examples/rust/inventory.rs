//! From a Unified CM cluster to the files an administrator uploads (issue 11): reads the
//! bundled BAT export (`ucm/phones-all-details.csv`) with the host's VID and RIS load lists,
//! prints the eligibility by status and reason, generates the Control Hub uploads from the
//! host's mapping (one task per Webex location, each validated against `directory.json`),
//! puts each on a board as a task, prepares it as Control Hub would report, and plans its
//! manual completion; every file is written under the output directory.
//!
//! Run: `cargo run -p mpp-migration-examples --example inventory [examples/data [out]]`

use std::error::Error as StdError;
use std::fs::File;

use mpp_migration::{
    Board, DeviceTab, Directory, EntryStatus, FleetGrouping, HardwareList, Inventory,
    InventoryOptions, LoadList, ManualPlanOptions, Mapping, PrepareOptions, TaskEvent,
    UploadOption, plan_manual, write_files,
};

fn main() -> Result<(), Box<dyn StdError>> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .map_or_else(mpp_migration_examples::data_dir, Into::into);
    let out = args
        .next()
        .map_or_else(|| "out/inventory".into(), std::path::PathBuf::from);
    let ucm = dir.join("ucm");

    // 1. The export, with what it lacks merged by MAC (EXT-1, EXT-6, EXT-14 to EXT-17).
    let options = InventoryOptions::new()
        .with_hardware(HardwareList::from_csv(File::open(ucm.join("vids.csv"))?)?)
        .with_loads(LoadList::from_csv(File::open(ucm.join("ris-loads.csv"))?)?);
    let inventory = Inventory::read_path(&ucm.join("phones-all-details.csv"), options)?;
    let counts = inventory.counts();
    println!("Unified CM export: {} rows", counts.rows);
    for status in EntryStatus::ALL {
        println!("  {:<15} {}", status.as_str(), counts.of(status));
    }
    for (status, code, n) in inventory.reason_counts() {
        println!("  {:<15} {:<32} {n}", status.as_str(), code.as_str());
    }

    // 2. The uploads (CSV-1), validated against the organisation before they are written.
    let directory = Directory::from_json(File::open(dir.join("directory.json"))?)?;
    let mapping = Mapping::from_json(&std::fs::read_to_string(ucm.join("mapping.json"))?)?;
    let mut prepare = PrepareOptions::new("ucm", UploadOption::LicenseAndDevice)
        .with_directory(directory.clone());
    prepare.group_by = FleetGrouping::Location;
    let prepared = mpp_migration::prepare_uploads(&inventory, &mapping, &prepare)?;
    println!(
        "Uploads: {} phones in {} file(s); {} finding(s) on the export's rows",
        prepared.device_count(),
        prepared.uploads.len(),
        prepared.findings.len()
    );
    let mut files = prepared.files();

    // 3. A task per upload, prepared as Control Hub reports it, then the manual plan.
    let mut board = Board::new();
    board.set_directory(directory);
    for upload in &prepared.uploads {
        let name = upload.task_name.as_str();
        board.create_task(name, UploadOption::LicenseAndDevice)?;
        board.add_upload(name, &upload.report)?;
        board.apply(name, TaskEvent::SetIncludeUnknown(true))?;
        board.apply(name, TaskEvent::StartPreparation)?;
        let pending: Vec<_> = board
            .get(name)?
            .devices()
            .iter()
            .filter(|d| d.tab() == DeviceTab::Pending)
            .map(|d| TaskEvent::Prepared {
                mac: d.device().mac(),
            })
            .collect();
        let status = board.refresh(name, pending)?;
        let task = board.get(name)?;
        let plan = plan_manual(task, &ManualPlanOptions::default())?;
        println!(
            "  {}.csv: {} devices, {} ({} ready, {} in error), {} BAT file(s)",
            name,
            upload.report.added(),
            status.label(),
            task.tab_counts().ready,
            task.tab_counts().error,
            plan.bat_files().len()
        );
        files.extend(plan.files());
    }
    files.push(mpp_migration::OutputFile {
        name: "inventory.csv".to_owned(),
        content: inventory.to_csv(),
    });
    let written = write_files(&out, &files, true)?;
    println!("{} files written", written.len());
    Ok(())
}
