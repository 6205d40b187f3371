//! Fleet planning and the saved board (issue 5): 100,000 devices planned into tasks of at most
//! 1000 (grouped by location), the tasks put on a board, the board saved to JSON and loaded
//! back. The target is "well under a second" for the whole, in Rust.
//!
//! Run: `./scripts/bench tasks`, or `cargo bench -p mpp-migration-benches --bench tasks`.

use std::hint::black_box;
use std::time::Instant;

use criterion::Criterion;
use mpp_migration::{Board, FleetGrouping, FleetOptions, UploadOption, plan_fleet};
use mpp_migration_benches::fleet_devices;

const DEVICES: usize = 100_000;

fn bench_tasks(c: &mut Criterion) {
    let devices = fleet_devices(DEVICES, 7);
    let mut options = FleetOptions::new("fleet", UploadOption::LicenseAndDevice);
    options.group_by = FleetGrouping::Location;

    // What is measured must be right first.
    let plan = plan_fleet(&devices, &options).expect("the fleet plans");
    assert!(plan.findings.is_empty());
    assert_eq!(
        plan.tasks.iter().map(|t| t.devices().len()).sum::<usize>(),
        DEVICES
    );
    assert!(plan.tasks.iter().all(|t| t.devices().len() <= 1000));
    let mut board = Board::new();
    board
        .add_tasks(plan.tasks.clone())
        .expect("the plan fits a board");
    let json = board.to_json();
    assert!(Board::from_json(&json).expect("it loads") == board);

    let mut group = c.benchmark_group("tasks");
    group.sample_size(10);
    group.bench_function("plan_fleet_100k", |b| {
        b.iter(|| black_box(plan_fleet(&devices, &options).expect("plans")))
    });
    group.bench_function("board_add_tasks", |b| {
        b.iter(|| {
            let mut board = Board::new();
            board.add_tasks(plan.tasks.clone()).expect("fits");
            black_box(board)
        })
    });
    group.bench_function("board_to_json", |b| b.iter(|| black_box(board.to_json())));
    group.bench_function("board_from_json", |b| {
        b.iter(|| black_box(Board::from_json(&json).expect("loads")))
    });
    group.finish();

    // One end-to-end pass, the figure the issue asks for.
    let best = (0..5)
        .map(|_| {
            let start = Instant::now();
            let plan = plan_fleet(&devices, &options).expect("plans");
            let mut board = Board::new();
            board.add_tasks(plan.tasks).expect("fits");
            let json = board.to_json();
            black_box(Board::from_json(&json).expect("loads"));
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min);
    println!(
        "SUMMARY | plan 100k devices into {} tasks + board save + load (Rust, best of 5) | {:.0} ms ({:.1} MB of JSON) | well under 1 s | {}",
        plan.tasks.len(),
        best * 1e3,
        json.len() as f64 / 1e6,
        if best < 0.5 { "met" } else { "not met" }
    );
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench_tasks(&mut c);
    c.final_summary();
}
