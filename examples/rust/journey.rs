//! The main job, end to end, on the bundled data: validate the administrator's upload against
//! the organisation, build a task from it, check eligibility, prepare it, plan both ways of
//! completing the migration, write every artefact, and print what to do next.
//!
//! The C (`examples/c/journey.c`) and Python (`examples/python/journey.py`) twins print the
//! same summary; the test command compares all three with `examples/data/journey.expected`.
//!
//! Run: `cargo run -p mpp-migration-examples --example journey [examples/data [out]]`

use std::error::Error as StdError;
use std::path::PathBuf;

use mpp_migration::*;

fn main() -> Result<(), Box<dyn StdError>> {
    let mut args = std::env::args().skip(1);
    let data = args
        .next()
        .map_or_else(mpp_migration_examples::data_dir, PathBuf::from);
    let out = args
        .next()
        .map_or_else(|| PathBuf::from("out"), PathBuf::from);

    // 1. The upload, against the organisation (CSV-1 to CSV-16).
    let directory = Directory::from_json(std::fs::File::open(data.join("directory.json"))?)?;
    let options =
        UploadOptions::new(UploadOption::LicenseAndDevice).with_directory(directory.clone());
    let report = validate_upload_path(data.join("upload.csv"), options)?;
    println!(
        "Upload upload.csv ({}): added {}, errors {}, total {}",
        report.option(),
        report.added(),
        report.errors(),
        report.total()
    );
    // Each problem once, in the order it first appears, with every row that has it.
    let mut by_rule: Vec<(&Finding, Vec<u64>)> = Vec::new();
    for f in report.findings() {
        let row = f.row().unwrap_or(0);
        match by_rule.iter_mut().find(|(g, _)| g.code() == f.code()) {
            Some((_, rows)) => rows.push(row),
            None => by_rule.push((f, vec![row])),
        }
    }
    println!("Problems by rule:");
    for (f, rows) in &by_rule {
        let rows: Vec<String> = rows.iter().map(u64::to_string).collect();
        println!(
            "  {:<7} {:<7} {:<29} rows {}",
            f.severity().as_str(),
            f.rule(),
            f.name(),
            rows.join(", ")
        );
    }

    // 2. A task from the accepted rows (TASK-1, TASK-3, CSV-14), eligibility (ELIG-1).
    let mut board = Board::new();
    board.set_directory(directory);
    let name = board.suggest_task_name("HQ wave 1");
    board.create_task(name.as_str(), UploadOption::LicenseAndDevice)?;
    board.add_upload(name.as_str(), &report)?;
    let task = board.task(name.as_str()).ok_or("task")?;
    let e = task.eligibility_counts();
    println!(
        "Task {name}: {} devices (eligible {}, unknown {}, not eligible {})",
        e.total, e.eligible, e.unknown, e.not_eligible
    );

    // 3. Prepare (ELIG-2): unknown devices included; the host reports each device prepared.
    board.apply(name.as_str(), TaskEvent::SetIncludeUnknown(true))?;
    board.apply(name.as_str(), TaskEvent::StartPreparation)?;
    let pending: Vec<Mac> = board
        .task(name.as_str())
        .ok_or("task")?
        .devices()
        .iter()
        .map(|d| d.device().mac())
        .collect();
    let status = board.refresh(
        name.as_str(),
        pending.into_iter().map(|mac| TaskEvent::Prepared { mac }),
    )?;
    let task = board.task(name.as_str()).ok_or("task")?;
    println!(
        "Prepared: {} ready, {} in error: {}",
        task.tab_counts().ready,
        task.tab_counts().error,
        status.label()
    );

    // 4. Both ways of completing it (AUTO-1 to AUTO-4, MAN-1 to MAN-5).
    let auto = plan_automatic(
        task,
        &AutoPlanOptions::new(true, "primary", "tftp1.example.com"),
    )?;
    println!(
        "Automatic: {} batch(es) of at most {AUTO_BATCH_SIZE}; {} caution(s)",
        auto.batches().len(),
        auto.findings().len()
    );
    let manual = plan_manual(task, &ManualPlanOptions::default())?;
    println!(
        "Manual: {} BAT file(s); {} caution(s)",
        manual.bat_files().len(),
        manual.findings().len()
    );
    for f in manual.bat_files() {
        println!(
            "  {:<33} {} phone(s)  {}",
            f.name(),
            f.devices().len(),
            f.phone_load().unwrap_or("(COP file, no load server)")
        );
    }

    // 5. Every artefact, written whole (issue 6).
    let mut files = vec![
        OutputFile {
            name: "upload_errors.csv".into(),
            content: report.errors_csv(),
        },
        OutputFile {
            name: "upload_devices.csv".into(),
            content: report.devices_csv(),
        },
        OutputFile {
            name: "device_list.csv".into(),
            content: task.device_list_csv(),
        },
        OutputFile {
            name: "status_report.csv".into(),
            content: status_report_csv(task, PlanRef::Manual(&manual)),
        },
        OutputFile {
            name: "board.json".into(),
            content: board.to_json(),
        },
    ];
    files.extend(auto.files());
    files.extend(manual.files());
    write_files(&out, &files, true)?;
    println!("Wrote {} files:", files.len());
    for f in &files {
        println!("  {}", f.name);
    }
    println!(
        "Next: fix the rows in upload_errors.csv and upload it again; then complete {name} automatically,"
    );
    println!("or upload the BAT files to Unified CM as {name}_manual_instructions.txt says.");
    Ok(())
}
