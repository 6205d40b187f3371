//! The manual plan and its files (issue 6) for 100,000 devices as 100 ready tasks, against the
//! baseline of writing the same bytes with `csv::Writer`, in the same run. The target: no more
//! than twice the baseline's time.
//!
//! The plan's files are made in memory (`ManualPlan::files`: the BAT files of both groups, the
//! instructions as text and JSON, the licenses); the baseline writes every line of those same
//! files as CSV records into memory (within 10% of the same bytes: CSV quoting adds some, `\n`
//! line ends where the BAT files have `\r\n` take some). Writing them to disk (`write_files`, which flushes each
//! file to stable storage) is shown for scale, with no target.
//!
//! Run: `./scripts/bench plans`, or `cargo bench -p mpp-migration-benches --bench plans`.

use std::hint::black_box;
use std::time::Instant;

use criterion::Criterion;
use mpp_migration::{
    Board, FleetOptions, ManualPlanOptions, OutputFile, TaskEvent, UploadOption, plan_fleet,
    plan_manual, write_files,
};
use mpp_migration_benches::fleet_devices;

const DEVICES: usize = 100_000;

/// A board of 100 tasks of 1000 devices, all prepared (Ready for migration).
fn ready_board() -> Board {
    let devices = fleet_devices(DEVICES, 11);
    let plan = plan_fleet(
        &devices,
        &FleetOptions::new("wave", UploadOption::LicenseAndDevice),
    )
    .expect("plans");
    let mut board = Board::new();
    board.add_tasks(plan.tasks).expect("fits");
    let names: Vec<String> = board.tasks().iter().map(|t| t.name().to_string()).collect();
    for name in &names {
        // The 7821s have no VID, so their eligibility is unknown (EXT-3): include them.
        board
            .apply(name, TaskEvent::SetIncludeUnknown(true))
            .expect("draft");
        board
            .apply(name, TaskEvent::StartPreparation)
            .expect("starts");
        let macs: Vec<_> = board
            .task(name)
            .expect("task")
            .devices()
            .iter()
            .map(|d| d.device().mac())
            .collect();
        board
            .refresh(
                name,
                macs.into_iter().map(|mac| TaskEvent::Prepared { mac }),
            )
            .expect("prepared");
    }
    board
}

/// Every task's manual plan and files, in memory.
fn plan_all(board: &Board) -> Vec<OutputFile> {
    board
        .tasks()
        .iter()
        .flat_map(|t| {
            plan_manual(t, &ManualPlanOptions::default())
                .expect("ready task")
                .files()
        })
        .collect()
}

/// The baseline: the same files' lines written as CSV records with `csv::Writer`.
fn csv_writer(files: &[OutputFile]) -> usize {
    files
        .iter()
        .map(|f| {
            let mut w = csv::WriterBuilder::new()
                .flexible(true)
                .from_writer(Vec::with_capacity(f.content.len()));
            for line in f.content.lines() {
                w.write_record(line.split(',')).expect("memory");
            }
            w.into_inner().expect("memory").len()
        })
        .sum()
}

fn best_of(n: usize, mut f: impl FnMut()) -> f64 {
    (0..n)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn bench_plans(c: &mut Criterion) {
    let board = ready_board();
    assert_eq!(board.tasks().len(), 100);
    let files = plan_all(&board);
    let bytes: usize = files.iter().map(|f| f.content.len()).sum();
    let baseline_bytes = csv_writer(&files);
    assert!(
        baseline_bytes.abs_diff(bytes) * 10 < bytes,
        "the baseline writes about the same bytes: {baseline_bytes} vs {bytes}"
    );

    let mut group = c.benchmark_group("plans");
    group.sample_size(10);
    group.bench_function("manual_plan_files_100k", |b| {
        b.iter(|| black_box(plan_all(&board)))
    });
    group.bench_function("csv_writer_same_bytes", |b| {
        b.iter(|| black_box(csv_writer(&files)))
    });
    group.finish();

    let plan_s = best_of(5, || drop(black_box(plan_all(&board))));
    let csv_s = best_of(5, || {
        black_box(csv_writer(&files));
    });
    let dir = std::env::temp_dir().join(format!("mpp-plans-bench-{}", std::process::id()));
    let disk_s = best_of(3, || {
        let _ = std::fs::remove_dir_all(&dir);
        write_files(&dir, &plan_all(&board), true).expect("writes");
    });
    let _ = std::fs::remove_dir_all(&dir);
    let ratio = plan_s / csv_s;
    println!(
        "SUMMARY | manual plan + files, 100k devices in 100 tasks ÷ csv::Writer of the same {:.1} MB | {:.2}× ({:.0} ms vs {:.0} ms) | ≤ 2× | {}",
        bytes as f64 / 1e6,
        ratio,
        plan_s * 1e3,
        csv_s * 1e3,
        if ratio <= 2.0 { "met" } else { "not met" }
    );
    println!(
        "SUMMARY | the same, written to disk ({} files, each flushed) | {:.0} ms | (for scale) | -",
        files.len(),
        disk_s * 1e3
    );
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench_plans(&mut c);
    c.final_summary();
}
