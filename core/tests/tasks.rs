//! Tasks end to end: the lifecycle through the transition table, the board's rules across
//! tasks (TASK-1, TASK-2, TASK-7, TASK-8, DEV-6), ELIG-2/3/4/5, TASK-9, persistence, and random
//! event sequences that must keep every invariant.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use mpp_migration::*;
use proptest::prelude::*;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn directory() -> Directory {
    Directory::from_json(std::fs::File::open(data("directory.json")).unwrap()).unwrap()
}

fn mac(n: u64) -> Mac {
    let b = (0x001A_2B00_0000u64 + n).to_be_bytes();
    Mac::from_octets([b[2], b[3], b[4], b[5], b[6], b[7]])
}

fn phone(n: u64, model: &str) -> Device {
    Device::new(mac(n), parse_model(model).unwrap())
}

/// The bundled example upload, validated against the bundled directory.
fn bundled_report() -> UploadReport {
    validate_upload_path(
        data("upload.csv"),
        UploadOptions::new(UploadOption::LicenseAndDevice).with_directory(directory()),
    )
    .unwrap()
}

/// The administrator's choices for automatic completion (AUTO-1, AUTO-2).
fn auto_options() -> AutoPlanOptions {
    AutoPlanOptions::new(true, "Unified CM TFTP", "tftp.example.com")
}

fn codes(findings: &[Finding]) -> Vec<&'static str> {
    findings.iter().map(Finding::name).collect()
}

#[test]
fn the_bundled_upload_becomes_a_task_and_is_prepared() {
    let report = bundled_report();
    let mut board = Board::new();
    board
        .create_task("HQ-wave-1", UploadOption::LicenseAndDevice)
        .unwrap();
    let added = board.add_upload("HQ-wave-1", &report).unwrap();
    assert_eq!((added.added, added.findings.len()), (5, 0));
    // CSV-14, DEC-1: a second upload of the same file adds its rows to Total and, as its
    // devices are duplicates, nothing to Added: the counts say what the task really took.
    let again = board.add_upload("HQ-wave-1", &report).unwrap();
    assert_eq!(again.added, 0);
    assert!(
        again
            .findings
            .iter()
            .all(|f| f.code() == ErrorCode::DeviceAlreadyInTask && f.row().is_some())
    );
    let task = board.task("hq-wave-1").unwrap();
    assert_eq!(
        task.upload_counts(),
        UploadCounts {
            added: 5,
            errors: 29,
            total: 34
        }
    );
    // ELIG-1: the 7821 has no VID, so it is unknown (EXT-3).
    let counts = task.eligibility_counts();
    assert_eq!(
        (
            counts.total,
            counts.eligible,
            counts.unknown,
            counts.not_eligible
        ),
        (5, 4, 1, 0)
    );
    // ELIG-2: without Include unknown eligibility, the 7821 is not prepared.
    board
        .apply("HQ-wave-1", TaskEvent::StartPreparation)
        .unwrap();
    let task = board.task("HQ-wave-1").unwrap();
    assert_eq!(task.status(), TaskStatus::InProgress);
    let c = task.tab_counts();
    assert_eq!((c.pending, c.error), (4, 1));
    let pending: Vec<Mac> = task
        .devices()
        .iter()
        .filter(|d| d.tab() == DeviceTab::Pending)
        .map(|d| d.device().mac())
        .collect();
    let status = board
        .refresh(
            "HQ-wave-1",
            pending.iter().map(|&mac| TaskEvent::Prepared { mac }),
        )
        .unwrap();
    assert_eq!(status, TaskStatus::ReadyWithErrors);
    // TASK-7: Complete migration needs Ready for migration; the ready devices go on as a subset.
    let err = board
        .apply(
            "HQ-wave-1",
            TaskEvent::Complete {
                mode: CompletionMode::Manual,
            },
        )
        .unwrap_err();
    assert_eq!(
        (err.code(), err.finding().rule()),
        (ErrorCode::CompleteRequiresReady, "TASK-7")
    );
    let plan = board
        .complete_subset_automatic("HQ-wave-1", &pending, "HQ-wave-1a", &auto_options())
        .unwrap();
    assert_eq!(plan.batches()[0].len(), 4);
    assert_eq!(
        board.task("HQ-wave-1a").unwrap().status(),
        TaskStatus::AutoMigrationComplete
    );
    assert_eq!(
        board.task("HQ-wave-1").unwrap().status(),
        TaskStatus::ReviewErrors
    );
    assert_eq!(
        board.task("HQ-wave-1a").unwrap().tab_counts().in_progress,
        4
    );
    for &m in &pending {
        board
            .apply("HQ-wave-1a", TaskEvent::Migrated { mac: m })
            .unwrap();
    }
    assert_eq!(board.task("HQ-wave-1a").unwrap().tab_counts().completed, 4);
}

#[test]
fn elig2_unknown_devices_need_the_switch_and_not_eligible_ones_never_go() {
    let mut task = Task::new(TaskName::parse("t").unwrap(), UploadOption::LicenseOnly);
    let table = EligibilityTable::control_hub();
    task.add_devices(
        [phone(1, "7821"), phone(2, "8821"), phone(3, "8845")],
        &table,
    )
    .unwrap();
    task.apply(TaskEvent::SetIncludeUnknown(true)).unwrap();
    task.apply(TaskEvent::StartPreparation).unwrap();
    assert_eq!(task.tab_counts().pending, 2);
    let not_eligible = task.device(mac(2)).unwrap();
    assert_eq!(not_eligible.tab(), DeviceTab::Error);
    assert!(not_eligible.last_error().unwrap().contains("not eligible"));
    task.apply(TaskEvent::Prepared { mac: mac(1) }).unwrap();
    task.apply(TaskEvent::PreparationFailed {
        mac: mac(3),
        reason: "license server busy".into(),
    })
    .unwrap();
    assert_eq!(task.status(), TaskStatus::ReadyWithErrors);
    // TASK-5: a fixed device moves back; a not eligible one never does (ELIG-2).
    let err = task
        .apply(TaskEvent::MoveToReady {
            macs: vec![mac(3), mac(2)],
        })
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::DeviceNotEligible);
    assert_eq!(
        task.device(mac(3)).unwrap().tab(),
        DeviceTab::Error,
        "a refused event changes nothing"
    );
    assert_eq!(
        task.apply(TaskEvent::MoveToReady { macs: vec![mac(3)] })
            .unwrap(),
        TaskStatus::ReadyWithErrors
    );
    assert_eq!(
        task.apply(TaskEvent::RemoveDevices { macs: vec![mac(2)] })
            .unwrap_err()
            .code(),
        ErrorCode::TransitionRefused
    );
    // TASK-6: reporting again what the task records changes nothing; a new result after
    // preparation is over is refused.
    assert_eq!(
        task.apply(TaskEvent::Prepared { mac: mac(1) }).unwrap(),
        TaskStatus::ReadyWithErrors
    );
    let err = task
        .apply(TaskEvent::PreparationFailed {
            mac: mac(1),
            reason: "late".into(),
        })
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::TransitionRefused);
    let mut empty = Task::new(TaskName::parse("e").unwrap(), UploadOption::LicenseOnly);
    empty.add_devices([phone(9, "8821")], &table).unwrap();
    assert_eq!(
        empty.apply(TaskEvent::StartPreparation).unwrap_err().code(),
        ErrorCode::TaskEmpty
    );
    assert_eq!(empty.status(), TaskStatus::Draft);
}

#[test]
fn task6_pause_resume_cancel() {
    let mut task = Task::new(TaskName::parse("t").unwrap(), UploadOption::LicenseOnly);
    task.add_devices(
        [phone(1, "8845"), phone(2, "8845")],
        &EligibilityTable::control_hub(),
    )
    .unwrap();
    assert_eq!(
        task.apply(TaskEvent::Pause).unwrap_err().code(),
        ErrorCode::TransitionRefused
    );
    task.apply(TaskEvent::StartPreparation).unwrap();
    task.apply(TaskEvent::Pause).unwrap();
    assert_eq!(
        task.apply(TaskEvent::Prepared { mac: mac(1) })
            .unwrap_err()
            .code(),
        ErrorCode::TaskPaused
    );
    task.apply(TaskEvent::Resume).unwrap();
    assert_eq!(
        task.apply(TaskEvent::Resume).unwrap_err().code(),
        ErrorCode::TransitionRefused
    );
    task.apply(TaskEvent::Prepared { mac: mac(1) }).unwrap();
    assert_eq!(task.apply(TaskEvent::Cancel).unwrap(), TaskStatus::Draft);
    assert_eq!(task.tab_counts().pending, 2);
    task.apply(TaskEvent::StartPreparation).unwrap();
    task.apply(TaskEvent::Prepared { mac: mac(1) }).unwrap();
    task.apply(TaskEvent::Prepared { mac: mac(2) }).unwrap();
    assert_eq!(
        task.apply(TaskEvent::Complete {
            mode: CompletionMode::Manual
        })
        .unwrap(),
        TaskStatus::ManualMigration
    );
    task.apply(TaskEvent::Migrated { mac: mac(1) }).unwrap();
    task.apply(TaskEvent::Pause).unwrap();
    // Cancel a migration: what is done stays done, the rest goes back to Ready.
    assert_eq!(
        task.apply(TaskEvent::Cancel).unwrap(),
        TaskStatus::ManualMigration
    );
    assert_eq!(
        (task.tab_counts().completed, task.tab_counts().ready),
        (1, 1)
    );
    assert!(!task.is_paused());
}

#[test]
fn task9_license_only_devices_must_be_in_webex_calling_first() {
    let mut board = Board::new();
    board.set_directory(
        Directory::builder()
            .device_in_webex_calling(mac(1).to_string())
            .build()
            .unwrap(),
    );
    board.create_task("lo", UploadOption::LicenseOnly).unwrap();
    board
        .add_devices("lo", [phone(1, "8845"), phone(2, "8845")])
        .unwrap();
    board.apply("lo", TaskEvent::StartPreparation).unwrap();
    board
        .refresh(
            "lo",
            [
                TaskEvent::Prepared { mac: mac(1) },
                TaskEvent::Prepared { mac: mac(2) },
            ],
        )
        .unwrap();
    let err = board
        .apply(
            "lo",
            TaskEvent::Complete {
                mode: CompletionMode::Manual,
            },
        )
        .unwrap_err();
    assert_eq!(
        (err.code(), err.finding().rule()),
        (ErrorCode::DeviceNotInWebexCalling, "TASK-9")
    );
    assert!(err.message().contains(&mac(2).to_string()));
    assert_eq!(
        board.task("lo").unwrap().status(),
        TaskStatus::ReadyForMigration
    );
    // The one that is added can go as a subset.
    let plan = board
        .complete_subset_automatic("lo", &[mac(1)], "lo-1", &auto_options())
        .unwrap();
    assert_eq!(plan.batches(), &[vec![mac(1)]]);
    assert_eq!(
        board.task("lo-1").unwrap().status(),
        TaskStatus::AutoMigrationComplete
    );
}

#[test]
fn task8_the_default_task_and_elig3_the_cap() {
    let mut board = Board::new();
    let phones: Vec<Device> = (0..1003)
        .map(|i| phone(i, if i % 10 == 0 { "8821" } else { "8845" }))
        .collect();
    let outcome = board
        .create_default_task("default", UploadOption::LicenseOnly, phones)
        .unwrap();
    assert_eq!(outcome.added, 1000);
    assert_eq!(codes(&outcome.findings), ["task_full"; 3]);
    let task = board.task("default").unwrap();
    assert_eq!(task.status(), TaskStatus::ReadyWithErrors);
    assert_eq!(
        (task.tab_counts().error, task.tab_counts().ready),
        (100, 900)
    );
}

#[test]
fn task1_names_and_dev6_one_task_per_device() {
    let mut board = Board::new();
    assert_eq!(
        board
            .create_task("HQ phones", UploadOption::LicenseOnly)
            .unwrap_err()
            .code(),
        ErrorCode::TaskNameInvalid
    );
    board
        .create_task("HQ_phones", UploadOption::LicenseOnly)
        .unwrap();
    let err = board
        .create_task("hq_PHONES", UploadOption::LicenseOnly)
        .unwrap_err();
    assert_eq!(
        (err.code(), err.finding().suggestion()),
        (ErrorCode::TaskNameTaken, Some("hq_PHONES-2"))
    );
    assert_eq!(board.suggest_task_name("HQ phones").as_str(), "HQ_phones-2");
    board
        .create_task("other", UploadOption::LicenseOnly)
        .unwrap();
    board.add_devices("HQ_phones", [phone(1, "8845")]).unwrap();
    let outcome = board
        .add_devices("other", [phone(1, "8845"), phone(2, "8845")])
        .unwrap();
    assert_eq!(
        (outcome.added, codes(&outcome.findings)),
        (1, vec!["device_in_other_task"])
    );
    assert_eq!(board.task_of(mac(1)).unwrap().name().as_str(), "HQ_phones");
    board.remove_task("HQ_phones").unwrap();
    assert_eq!(
        board
            .add_devices("other", [phone(1, "8845")])
            .unwrap()
            .added,
        1,
        "freed by the removal"
    );
    let err = board
        .add_upload(
            "other",
            &validate_upload_path(
                data("upload.csv"),
                UploadOptions::new(UploadOption::LicenseAndDevice),
            )
            .unwrap(),
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::TaskOptionMismatch);
}

#[test]
fn elig4_search_and_elig5_device_list() {
    let report = bundled_report();
    let mut board = Board::new();
    board
        .create_task("T", UploadOption::LicenseAndDevice)
        .unwrap();
    board.add_upload("T", &report).unwrap();
    let task = board.task("T").unwrap();
    let names = |found: Vec<&TaskDevice>| {
        found
            .iter()
            .map(|d| d.device().device_name())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(task.search("lobby", None)), ["SEP001A2B3C4D03"]);
    assert_eq!(task.search("WORKSPACE", None).len(), 3);
    assert_eq!(task.search("branch", None).len(), 2);
    assert_eq!(
        task.search("+1408555", None).len(),
        2,
        "phone numbers (the directory number)"
    );
    assert_eq!(task.search("4d:0e", None).len(), 1, "a MAC in colon form");
    assert_eq!(task.search("", Some(EligibilityStatus::Unknown)).len(), 1);
    assert_eq!(
        task.search("cisco 78", Some(EligibilityStatus::Eligible))
            .len(),
        0
    );
    let csv = task.device_list_csv();
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        rdr.headers().unwrap().iter().collect::<Vec<_>>(),
        DEVICE_LIST_COLUMNS
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(
        &rows[3][7], "+14085550104",
        "a valid E.164 number is not neutralised"
    );
    assert!(
        rows.iter()
            .all(|r| r.iter().all(|c| !c.starts_with(['=', '@', '-'])))
    );
    let json: serde_json::Value = serde_json::from_str(&task.device_list_json()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 5);
    assert_eq!(json[0]["device"]["mac"], "001A2B3C4D01");
}

#[test]
fn the_board_saves_and_loads_losslessly() {
    let mut board = Board::with_eligibility(EligibilityTable::cisco_ordering_guide());
    board.create_task("a", UploadOption::LicenseOnly).unwrap();
    board
        .add_devices(
            "a",
            [phone(1, "8845"), phone(2, "8865NR"), phone(3, "7821")],
        )
        .unwrap();
    board.apply("a", TaskEvent::StartPreparation).unwrap();
    board
        .apply(
            "a",
            TaskEvent::PreparationFailed {
                mac: mac(1),
                reason: "x".into(),
            },
        )
        .unwrap();
    board.apply("a", TaskEvent::Pause).unwrap();
    board.create_task("b", UploadOption::LicenseOnly).unwrap();
    let text = board.to_json();
    let loaded = Board::from_json(&text).unwrap();
    assert_eq!(loaded, board);
    assert_eq!(loaded.to_json(), text);
    assert_eq!(loaded.task_of(mac(2)).unwrap().name().as_str(), "a");
    // A host's own table travels with the board.
    let host = EligibilityTable::from_csv(
        "mine",
        "model,vid_from,vid_to,status,warnings,source\n8845,,,eligible,,site survey\n".as_bytes(),
    )
    .unwrap();
    let mut custom = Board::with_eligibility(Arc::new(host));
    custom.create_task("c", UploadOption::LicenseOnly).unwrap();
    assert_eq!(Board::from_json(&custom.to_json()).unwrap(), custom);
}

#[test]
fn broken_documents_are_refused_whole() {
    let mut board = Board::new();
    board.create_task("a", UploadOption::LicenseOnly).unwrap();
    board.create_task("b", UploadOption::LicenseOnly).unwrap();
    board.add_devices("a", [phone(1, "8845")]).unwrap();
    board.add_devices("b", [phone(2, "8845")]).unwrap();
    board.apply("a", TaskEvent::StartPreparation).unwrap();
    let good = board.to_json();
    let edited = |from: &str, to: &str| {
        assert!(good.contains(from), "{from}");
        Board::from_json(&good.replacen(from, to, 1)).unwrap_err()
    };
    // Two tasks in progress (TASK-2): b claims it too, with its device pending.
    let e = edited(
        "\"name\":\"b\",\"option\":\"license_only\",\"status\":\"draft\"",
        "\"name\":\"b\",\"option\":\"license_only\",\"status\":\"in_progress\"",
    );
    assert_eq!(e.code(), ErrorCode::DocumentInvalid);
    assert!(e.message().contains("TASK-2"), "{}", e.message());
    // A device in two tasks (DEV-6).
    let e = edited(
        &format!("\"mac\":\"{}\"", mac(2)),
        &format!("\"mac\":\"{}\"", mac(1)),
    );
    assert!(e.message().contains("DEV-6"), "{}", e.message());
    // A status that does not fit the tabs (TASK-4).
    let e = edited("\"status\":\"draft\"", "\"status\":\"ready_for_migration\"");
    assert!(e.message().contains("TASK-4"), "{}", e.message());
    assert_eq!(
        edited("\"format\":1", "\"format\":7").code(),
        ErrorCode::DocumentVersionUnsupported
    );
    assert_eq!(
        Board::from_json("{").unwrap_err().code(),
        ErrorCode::JsonInvalid
    );
    assert_eq!(
        edited("\"tasks\":[", "\"extra\":1,\"tasks\":[").code(),
        ErrorCode::DocumentInvalid
    );
    assert_eq!(
        edited("\"name\":\"a\"", "\"name\":\"a a\"").code(),
        ErrorCode::DocumentInvalid
    );
    // 1001 devices (ELIG-3).
    let mut big = Task::new(TaskName::parse("big").unwrap(), UploadOption::LicenseOnly);
    big.add_devices(
        (0..1000).map(|i| phone(10 + i, "8845")),
        &EligibilityTable::control_hub(),
    )
    .unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&Board::new().to_json()).unwrap();
    let mut task_doc = serde_json::to_value(&big).unwrap();
    let extra = serde_json::to_value(&big.devices()[0]).unwrap();
    let mut extra = extra;
    extra["device"]["mac"] = serde_json::Value::String(mac(5000).to_string());
    task_doc["devices"].as_array_mut().unwrap().push(extra);
    doc["tasks"] = serde_json::Value::Array(vec![task_doc]);
    let e = Board::from_json(&doc.to_string()).unwrap_err();
    assert!(e.message().contains("ELIG-3"), "{}", e.message());
}

#[test]
fn fleet_planning_splits_groups_and_names() {
    let report = bundled_report();
    let mut options = FleetOptions::new("wave 1", UploadOption::LicenseAndDevice);
    options.group_by = FleetGrouping::Location;
    options.max_devices = 2;
    let plan = plan_fleet(report.devices(), &options).unwrap();
    let names: Vec<&str> = plan.tasks.iter().map(|t| t.name().as_str()).collect();
    assert_eq!(
        names,
        ["wave_1-Branch_Office-001", "wave_1-HQ-001", "wave_1-HQ-002"]
    );
    assert_eq!(
        plan_fleet(report.devices(), &options).unwrap(),
        plan,
        "deterministic"
    );
    let mut board = Board::new();
    board.add_tasks(plan.tasks).unwrap();
    assert_eq!(board.tasks().len(), 3);
    options.max_devices = 1001;
    assert_eq!(
        plan_fleet(report.devices(), &options).unwrap_err().code(),
        ErrorCode::InvalidArgument
    );
    options.max_devices = 1000;
    let doubled: Vec<Device> = report
        .devices()
        .iter()
        .chain(report.devices())
        .cloned()
        .collect();
    let plan = plan_fleet(&doubled, &options).unwrap();
    assert_eq!(plan.findings.len(), 5);
    options.option = UploadOption::LicenseOnly;
    assert!(
        plan_fleet(report.devices(), &options)
            .unwrap()
            .findings
            .iter()
            .all(|f| f.code() == ErrorCode::TaskOptionMismatch)
    );
    // A second plan with the same names cannot join the board (TASK-1), and nothing is added.
    options.option = UploadOption::LicenseAndDevice;
    let again = plan_fleet(report.devices(), &options).unwrap();
    let err = board.add_tasks(again.tasks).unwrap_err();
    assert_eq!(err.code(), ErrorCode::TaskNameTaken);
    assert_eq!(board.tasks().len(), 3);
}

/// An action of the random walk: which task, and what.
#[derive(Clone, Debug)]
enum Step {
    Add(usize, u64, u8),
    Event(usize, u8, u64),
    Subset(usize, u64),
    Save,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..3usize, 0..40u64, 0..4u8).prop_map(|(t, m, k)| Step::Add(t, m, k)),
        (0..3usize, 0..12u8, 0..40u64).prop_map(|(t, e, m)| Step::Event(t, e, m)),
        (0..3usize, 0..40u64).prop_map(|(t, m)| Step::Subset(t, m)),
        Just(Step::Save),
    ]
}

fn event(kind: u8, m: Mac) -> TaskEvent {
    match kind {
        0 => TaskEvent::StartPreparation,
        1 => TaskEvent::Prepared { mac: m },
        2 => TaskEvent::PreparationFailed {
            mac: m,
            reason: "failed".into(),
        },
        3 => TaskEvent::MoveToReady { macs: vec![m] },
        // Automatic needs AUTO-1/AUTO-2 choices the event does not carry: always refused.
        4 => TaskEvent::Complete {
            mode: if m.octets()[5] % 2 == 0 {
                CompletionMode::Manual
            } else {
                CompletionMode::Automatic
            },
        },
        5 => TaskEvent::Migrated { mac: m },
        6 => TaskEvent::MigrationFailed {
            mac: m,
            reason: "failed".into(),
        },
        7 => TaskEvent::Pause,
        8 => TaskEvent::Resume,
        9 => TaskEvent::Cancel,
        10 => TaskEvent::SetIncludeUnknown(true),
        _ => TaskEvent::RemoveDevices { macs: vec![m] },
    }
}

fn all_macs(board: &Board) -> Vec<Mac> {
    board
        .tasks()
        .iter()
        .flat_map(|t| t.devices().iter().map(|d| d.device().mac()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_events_keep_every_invariant(steps in prop::collection::vec(step(), 1..60)) {
        const MODELS: [&str; 4] = ["8845", "7821", "8821", "8861"];
        let mut board = Board::new();
        for name in ["t0", "t1", "t2"] {
            board.create_task(name, UploadOption::LicenseOnly).unwrap();
        }
        let mut subsets = 0;
        for s in steps {
            let before: BTreeSet<Mac> = all_macs(&board).into_iter().collect();
            let task = |t: usize| board.tasks()[t.min(board.tasks().len() - 1)].name().as_str().to_owned();
            match s {
                Step::Add(t, m, k) => { let _ = board.add_devices(&task(t), [phone(m, MODELS[k as usize])]); }
                Step::Event(t, e, m) => { let _ = board.apply(&task(t), event(e, mac(m))); }
                Step::Subset(t, m) => {
                    subsets += 1;
                    let _ = board.complete_subset(&task(t), &[mac(m)], &format!("s{subsets}"), CompletionMode::Manual);
                }
                Step::Save => {
                    let loaded = Board::from_json(&board.to_json());
                    prop_assert!(loaded.is_ok(), "{:?}", loaded.err());
                    prop_assert!(loaded.unwrap() == board);
                }
            }
            // At most one task in progress (TASK-2).
            prop_assert!(board.tasks().iter().filter(|t| t.status() == TaskStatus::InProgress).count() <= 1);
            let macs = all_macs(&board);
            let unique: BTreeSet<Mac> = macs.iter().copied().collect();
            // No device in two tasks, or twice in one (DEV-6).
            prop_assert_eq!(unique.len(), macs.len());
            // No device lost: only additions and removals change the set.
            if !matches!(s, Step::Add(..)) && !matches!(s, Step::Event(_, 11, _)) {
                prop_assert_eq!(&unique, &before);
            }
            for t in board.tasks() {
                prop_assert!(t.devices().len() <= MAX_TASK_DEVICES);
                // The status is consistent with the tabs: a saved board reloads.
            }
            prop_assert!(Board::from_json(&board.to_json()).is_ok());
        }
    }
}

#[test]
fn single_tasks_save_load_and_lookups_refuse_by_code() {
    let mut board = Board::new();
    board.create_task("a", UploadOption::LicenseOnly).unwrap();
    board
        .add_devices("a", [phone(1, "8845"), phone(2, "8845")])
        .unwrap();
    assert_eq!(
        board.get("nope").unwrap_err().code(),
        ErrorCode::TaskNotFound
    );
    let task = board.get("A").unwrap();
    let again = Task::from_json(&task.to_json()).unwrap();
    assert_eq!(&again, task);
    assert_eq!(again.device(mac(2)).unwrap().tab(), DeviceTab::Pending);
    let broken = task
        .to_json()
        .replace("\"status\":\"draft\"", "\"status\":\"review_errors\"");
    assert_eq!(
        Task::from_json(&broken).unwrap_err().code(),
        ErrorCode::DocumentInvalid
    );
    assert_eq!(
        Task::from_json("{").unwrap_err().code(),
        ErrorCode::JsonInvalid
    );
    for status in TaskStatus::ALL {
        assert_eq!(TaskStatus::parse(status.as_str()), Some(status));
    }
    assert_eq!(DeviceTab::parse("completed"), Some(DeviceTab::Completed));
    assert_eq!(EventKind::parse("nope"), None);
    // A cancelled migration that migrated nothing forgets how it was completed.
    board.apply("a", TaskEvent::StartPreparation).unwrap();
    board
        .refresh(
            "a",
            [
                TaskEvent::Prepared { mac: mac(1) },
                TaskEvent::Prepared { mac: mac(2) },
            ],
        )
        .unwrap();
    board.complete_automatic("a", &auto_options()).unwrap();
    assert_eq!(
        board.apply("a", TaskEvent::Cancel).unwrap(),
        TaskStatus::ReadyForMigration
    );
    assert_eq!(board.get("a").unwrap().completion(), None);
    assert!(board.directory().is_none());
}

#[test]
fn task3_devices_must_fit_the_task_option() {
    let report = bundled_report();
    let mut board = Board::new();
    board.create_task("lo", UploadOption::LicenseOnly).unwrap();
    let outcome = board
        .add_devices("lo", report.devices().iter().cloned())
        .unwrap();
    assert_eq!(outcome.added, 0);
    assert_eq!(outcome.findings.len(), 5);
    assert!(
        outcome
            .findings
            .iter()
            .all(|f| f.code() == ErrorCode::TaskOptionMismatch && f.row().is_some())
    );
    board
        .create_task("ld", UploadOption::LicenseAndDevice)
        .unwrap();
    assert_eq!(
        board
            .add_devices("ld", [phone(1, "8845")])
            .unwrap()
            .findings[0]
            .code(),
        ErrorCode::TaskOptionMismatch
    );
    assert!(
        Board::from_json(&board.to_json()).is_ok(),
        "what was refused never reaches the saved board"
    );
    let found = board.get("ld").unwrap().search_indices("", None);
    assert!(found.is_empty());
}

/// A board the library made, with every kind of task the audit of issue 14 tampered with:
/// `lo` (license only) Ready with errors, holding an eligible 8845 in Ready, a not eligible
/// 8821 and an unknown 7821 in Error; `ld` (license and device) in Draft from the bundled
/// upload; `auto` completed automatically.
fn audited_board() -> Board {
    let mut board = Board::new();
    board.create_task("lo", UploadOption::LicenseOnly).unwrap();
    board
        .add_devices("lo", [phone(1, "8845"), phone(2, "8821"), phone(3, "7821")])
        .unwrap();
    board.apply("lo", TaskEvent::StartPreparation).unwrap();
    board
        .apply("lo", TaskEvent::Prepared { mac: mac(1) })
        .unwrap();
    board
        .create_task("ld", UploadOption::LicenseAndDevice)
        .unwrap();
    board.add_upload("ld", &bundled_report()).unwrap();
    board
        .create_task("auto", UploadOption::LicenseOnly)
        .unwrap();
    board.add_devices("auto", [phone(20, "8845")]).unwrap();
    board.apply("auto", TaskEvent::StartPreparation).unwrap();
    board
        .apply("auto", TaskEvent::Prepared { mac: mac(20) })
        .unwrap();
    board.complete_automatic("auto", &auto_options()).unwrap();
    board
}

/// The board's document, edited by `edit`, loaded: it must be refused as `document_invalid`
/// with a message holding each of `expected`.
fn refused_after(
    board: &Board,
    edit: impl FnOnce(&mut serde_json::Value),
    expected: &[&str],
) -> Error {
    let mut doc: serde_json::Value = serde_json::from_str(&board.to_json()).unwrap();
    edit(&mut doc);
    let e = Board::from_json(&doc.to_string()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::DocumentInvalid, "{}", e.message());
    for part in expected {
        assert!(
            e.message().contains(part),
            "{part:?} not in {:?}",
            e.message()
        );
    }
    assert!(!e.message().contains("Some("), "{}", e.message());
    e
}

/// The device of task `t` whose owner type is `kind`, in the bundled upload's task.
fn device_of<'a>(doc: &'a mut serde_json::Value, kind: &str) -> &'a mut serde_json::Value {
    doc["tasks"][1]["devices"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|d| d["device"]["assignment"]["owner_type"] == kind)
        .unwrap()
}

#[test]
fn issue14_every_state_the_audit_loaded_is_refused_naming_place_and_rule() {
    let board = audited_board();
    assert_eq!(Board::from_json(&board.to_json()).unwrap(), board);
    let m2 = mac(2).to_string();
    // ELIG-2: a not eligible 8821 in the Ready tab of a ready task (complete_manual would then
    // have migrated it).
    refused_after(
        &board,
        |d| {
            let dev = &mut d["tasks"][0]["devices"][1];
            dev["tab"] = "ready_for_migration".into();
            dev.as_object_mut().unwrap().remove("last_error");
        },
        &["tasks[0]", "task lo", "devices[1]", &m2, "8821", "ELIG-2"],
    );
    // ELIG-2: an unknown device in Ready with Include unknown eligibility off.
    refused_after(
        &board,
        |d| {
            let dev = &mut d["tasks"][0]["devices"][2];
            dev["tab"] = "ready_for_migration".into();
            dev.as_object_mut().unwrap().remove("last_error");
        },
        &["devices[2]", &mac(3).to_string(), "unknown", "ELIG-2"],
    );
    // ELIG-1, DEV-2: an 8821 stored as eligible; its eligibility is recomputed, not trusted.
    refused_after(
        &board,
        |d| d["tasks"][0]["devices"][1]["eligibility"] = "eligible".into(),
        &["devices[1]", &m2, "not_eligible", "control_hub", "ELIG-1"],
    );
    // DEV-4: a 6841 in a task.
    refused_after(
        &board,
        |d| d["tasks"][0]["devices"][0]["device"]["model"] = "6841".into(),
        &["devices[0]", "6841", "DEV-4"],
    );
    // CSV-5: a USER with a phone number; a WORKSPACE without one.
    refused_after(
        &board,
        |d| device_of(d, "USER")["device"]["assignment"]["phone_number"] = "+14085550100".into(),
        &["tasks[1]", "task ld", "USER", "+14085550100", "CSV-5"],
    );
    refused_after(
        &board,
        |d| {
            device_of(d, "WORKSPACE")["device"]["assignment"]
                .as_object_mut()
                .unwrap()
                .remove("phone_number");
        },
        &["tasks[1]", "WORKSPACE", "no phone number", "CSV-5"],
    );
    // CSV-4: a USER whose username is not an email.
    refused_after(
        &board,
        |d| device_of(d, "USER")["device"]["assignment"]["username"] = "alice".into(),
        &["tasks[1]", "email", "CSV-4"],
    );
    // CSV-14, DEC-1: more added than uploaded.
    refused_after(
        &board,
        |d| {
            let total = d["tasks"][1]["uploads"]["total"].as_u64().unwrap();
            d["tasks"][1]["uploads"]["added"] = (total + 1).into();
        },
        &["task ld", "Added + Errors = Total", "CSV-14"],
    );
    // TASK-4: auto migration complete with no completion mode.
    refused_after(
        &board,
        |d| {
            d["tasks"][2].as_object_mut().unwrap().remove("completion");
        },
        &[
            "tasks[2]",
            "task auto",
            "Auto migration complete",
            "no completion mode",
        ],
    );
    refused_after(
        &board,
        |d| d["tasks"][2]["completion"] = "manual".into(),
        &["completion mode manual", "automatic"],
    );
    // TASK-5: a last error on a device that is not in Error, and none on one that is.
    refused_after(
        &board,
        |d| d["tasks"][0]["devices"][0]["last_error"] = "stale".into(),
        &[
            "devices[0]",
            &mac(1).to_string(),
            "Ready for migration",
            "last error",
            "TASK-5",
        ],
    );
    refused_after(
        &board,
        |d| {
            d["tasks"][0]["devices"][1]
                .as_object_mut()
                .unwrap()
                .remove("last_error");
        },
        &["devices[1]", "in Error without a last error", "TASK-5"],
    );
    // TASK-4 with a readable count of the tabs, not a struct dump.
    let e = refused_after(
        &board,
        |d| d["tasks"][0]["status"] = "ready_for_migration".into(),
        &["task lo", "2 in Error, 1 in Ready for migration", "TASK-4"],
    );
    assert!(!e.message().contains("TabCounts"), "{}", e.message());
    // A task that refused its own standalone load the same way.
    let lo = board.get("lo").unwrap().to_json();
    let e = Task::from_json(&lo.replacen(
        "\"eligibility\":\"not_eligible\"",
        "\"eligibility\":\"eligible\"",
        1,
    ))
    .unwrap_err();
    assert!(e.message().contains("ELIG-1"), "{}", e.message());
}

#[test]
fn issue14_numbers_in_a_document_are_bounded_and_counts_never_overflow() {
    let board = audited_board();
    // 2^64 - 1 (and anything past 2^53 - 1) is refused when loading.
    for n in [u64::MAX, MAX_UPLOAD_COUNT + 1] {
        refused_after(
            &board,
            |d| {
                let u = &mut d["tasks"][1]["uploads"];
                u["added"] = n.into();
                u["errors"] = 0.into();
                u["total"] = n.into();
            },
            &["task ld", &n.to_string(), "CSV-14"],
        );
    }
    // At the limit, the document loads, and the next upload is refused whole: no panic, no
    // wrap, no device added.
    let mut doc: serde_json::Value = serde_json::from_str(&board.to_json()).unwrap();
    let ld = &mut doc["tasks"][1];
    ld["uploads"] =
        serde_json::json!({"added": 0, "errors": MAX_UPLOAD_COUNT, "total": MAX_UPLOAD_COUNT});
    ld["devices"] = serde_json::json!([]);
    let mut full = Board::from_json(&doc.to_string()).unwrap();
    let e = full.add_upload("ld", &bundled_report()).unwrap_err();
    assert_eq!(
        (e.code(), e.finding().rule()),
        (ErrorCode::UploadCountLimit, "CSV-14")
    );
    let task = full.get("ld").unwrap();
    assert!(task.devices().is_empty());
    assert_eq!(task.upload_counts().total, MAX_UPLOAD_COUNT);
    // A row number beyond the bound is refused too.
    refused_after(
        &board,
        |d| d["tasks"][1]["devices"][0]["device"]["row"] = u64::MAX.into(),
        &["devices[0]", "upload row", "CSV-14"],
    );
}

/// A license-only upload of `rows` eligible phones, MACs from `first`.
fn license_only_upload(first: u64, rows: u64) -> UploadReport {
    let mut csv = String::from("Model,MAC Address\n");
    for n in first..first + rows {
        csv.push_str(&format!("CP-8845-K9=,{}\n", mac(n)));
    }
    validate_upload(
        csv.as_bytes(),
        UploadOptions::new(UploadOption::LicenseOnly),
    )
    .unwrap()
}

#[test]
fn csv14_dec1_counts_say_what_the_task_really_took() {
    let report = license_only_upload(0, 1500);
    assert_eq!(report.counts().added, 1500);
    let mut board = Board::new();
    board.create_task("big", UploadOption::LicenseOnly).unwrap();
    let outcome = board.add_upload("big", &report).unwrap();
    assert_eq!(outcome.added, 1000);
    assert_eq!(outcome.findings.len(), 500);
    let counts = |b: &Board| b.get("big").unwrap().upload_counts();
    assert_eq!(
        counts(&board),
        UploadCounts {
            added: 1000,
            errors: 500,
            total: 1500
        }
    );
    assert_eq!(board.get("big").unwrap().devices().len(), 1000);
    // Re-adding a report that adds nothing raises Errors and Total, never Added.
    assert_eq!(board.add_upload("big", &report).unwrap().added, 0);
    assert_eq!(
        counts(&board),
        UploadCounts {
            added: 1000,
            errors: 2000,
            total: 3000
        }
    );
    // A device already in another task is not added, and counted as an error (DEV-6).
    board
        .create_task("other", UploadOption::LicenseOnly)
        .unwrap();
    let two = license_only_upload(999, 2);
    let outcome = board.add_upload("other", &two).unwrap();
    assert_eq!(outcome.added, 1);
    assert_eq!(
        board.get("other").unwrap().upload_counts(),
        UploadCounts {
            added: 1,
            errors: 1,
            total: 2
        }
    );
    // The same through a standalone task.
    let mut task = Task::new(TaskName::parse("t").unwrap(), UploadOption::LicenseOnly);
    let table = EligibilityTable::control_hub();
    task.add_upload(&two, &table).unwrap();
    task.add_upload(&two, &table).unwrap();
    assert_eq!(
        task.upload_counts(),
        UploadCounts {
            added: 2,
            errors: 2,
            total: 4
        }
    );
    assert!(Board::from_json(&board.to_json()).is_ok());
}

/// A board with task `t` of 8845s 1 and 2, prepared: Ready for migration.
fn ready_board() -> Board {
    let mut board = Board::new();
    board.create_task("t", UploadOption::LicenseOnly).unwrap();
    board
        .add_devices("t", [phone(1, "8845"), phone(2, "8845")])
        .unwrap();
    board.apply("t", TaskEvent::StartPreparation).unwrap();
    board
        .refresh(
            "t",
            [
                TaskEvent::Prepared { mac: mac(1) },
                TaskEvent::Prepared { mac: mac(2) },
            ],
        )
        .unwrap();
    board
}

#[test]
fn auto1_auto2_hold_on_every_route_to_automatic_completion() {
    let automatic = TaskEvent::Complete {
        mode: CompletionMode::Automatic,
    };
    let mut board = ready_board();
    let before = board.clone();
    let code = |e: Error| (e.code(), e.finding().rule());
    // The event alone carries no choice: refused, on a board and on a task.
    assert_eq!(
        code(board.apply("t", automatic.clone()).unwrap_err()),
        (ErrorCode::CloudConnectedUcRequired, "AUTO-1")
    );
    let mut task = board.get("t").unwrap().clone();
    assert_eq!(
        task.apply(automatic).unwrap_err().code(),
        ErrorCode::CloudConnectedUcRequired
    );
    assert_eq!(
        code(
            board
                .complete_subset("t", &[mac(1)], "t-1", CompletionMode::Automatic)
                .unwrap_err()
        ),
        (ErrorCode::CloudConnectedUcRequired, "AUTO-1")
    );
    // With the choices, each one is checked on each route.
    let mut no_ccuc = auto_options();
    no_ccuc.cloud_connected_uc = false;
    let mut no_tftp = auto_options();
    no_tftp.tftp_server_type = " ".into();
    let mut no_server = auto_options();
    no_server.load_server = String::new();
    for (options, expected) in [
        (&no_ccuc, ErrorCode::CloudConnectedUcRequired),
        (&no_tftp, ErrorCode::TftpServerRequired),
        (&no_server, ErrorCode::LoadServerRequired),
    ] {
        assert_eq!(
            board.complete_automatic("t", options).unwrap_err().code(),
            expected
        );
        assert_eq!(
            board
                .complete_subset_automatic("t", &[mac(1)], "t-1", options)
                .unwrap_err()
                .code(),
            expected
        );
    }
    assert_eq!(board, before, "a refused completion changes nothing");
    assert!(board.task("t-1").is_none());
    // The manual path needs none of them.
    assert_eq!(
        board
            .complete_subset("t", &[mac(1)], "t-1", CompletionMode::Manual)
            .unwrap(),
        TaskStatus::ManualMigration
    );
    let plan = board
        .complete_subset_automatic("t", &[mac(2)], "t-2", &auto_options())
        .unwrap();
    assert_eq!(plan.task().as_str(), "t-2");
    assert_eq!(
        board.get("t-2").unwrap().completion(),
        Some(CompletionMode::Automatic)
    );
}

#[test]
fn task6_refresh_is_all_or_nothing_repeats_are_no_ops_and_retries_work() {
    let mut board = Board::new();
    board.create_task("t", UploadOption::LicenseOnly).unwrap();
    board
        .add_devices("t", [phone(1, "8845"), phone(2, "8845"), phone(3, "8821")])
        .unwrap();
    board.apply("t", TaskEvent::StartPreparation).unwrap();
    let before = board.clone();
    // One refused event (a device of no task) and nothing of the refresh is kept.
    let e = board
        .refresh(
            "t",
            [
                TaskEvent::Prepared { mac: mac(1) },
                TaskEvent::Prepared { mac: mac(9) },
            ],
        )
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::DeviceNotInTask);
    assert!(
        e.message().contains("event 2") && e.message().contains(&mac(9).to_string()),
        "{}",
        e.message()
    );
    assert_eq!(board, before);
    // The same report twice, in one refresh or in two, is a no-op.
    let report = [
        TaskEvent::Prepared { mac: mac(1) },
        TaskEvent::Prepared { mac: mac(2) },
        TaskEvent::Prepared { mac: mac(1) },
    ];
    assert_eq!(
        board.refresh("t", report.clone()).unwrap(),
        TaskStatus::ReadyWithErrors
    );
    let once = board.clone();
    assert_eq!(
        board.refresh("t", report).unwrap(),
        TaskStatus::ReadyWithErrors
    );
    assert_eq!(board, once);
    // The not eligible 8821 is never reported prepared or migrated (ELIG-2).
    let e = board
        .complete_subset("t", &[mac(1), mac(2)], "t-1", CompletionMode::Manual)
        .unwrap();
    assert_eq!(e, TaskStatus::ManualMigration);
    let failed = TaskEvent::MigrationFailed {
        mac: mac(1),
        reason: "TFTP timeout".into(),
    };
    board
        .refresh("t-1", [failed.clone(), TaskEvent::Migrated { mac: mac(2) }])
        .unwrap();
    // A repeated failure report is a no-op; then the retried device is reported migrated.
    let once = board.clone();
    board
        .refresh("t-1", [failed, TaskEvent::Migrated { mac: mac(2) }])
        .unwrap();
    assert_eq!(board, once);
    board
        .apply("t-1", TaskEvent::Migrated { mac: mac(1) })
        .unwrap();
    let t1 = board.get("t-1").unwrap();
    assert_eq!(t1.tab_counts().completed, 2);
    assert_eq!(t1.device(mac(1)).unwrap().last_error(), None);
    assert_eq!(
        board
            .apply("t", TaskEvent::Migrated { mac: mac(3) })
            .unwrap_err()
            .code(),
        ErrorCode::TransitionRefused
    );
    assert!(Board::from_json(&board.to_json()).is_ok());
}

#[test]
fn dev4_csv4_csv5_devices_a_task_could_not_hold_are_not_added() {
    let mut board = Board::new();
    board.create_task("lo", UploadOption::LicenseOnly).unwrap();
    let out = board
        .add_devices("lo", [phone(1, "6841"), phone(2, "8821")])
        .unwrap();
    assert_eq!(
        out.added, 1,
        "an 8821 joins (then sits in Error); a 6841 never does"
    );
    assert_eq!(codes(&out.findings), ["model_mpp_only"]);
    assert!(out.findings[0].message().contains("DEV-4"));
    board
        .create_task("ld", UploadOption::LicenseAndDevice)
        .unwrap();
    let user = |username: &str, phone_number: Option<&str>| Assignment {
        owner_type: OwnerType::User,
        username: username.into(),
        phone_number: phone_number.map(|n| E164::parse(n).unwrap()),
        extension: None,
        location: "HQ".into(),
        call_plan: false,
    };
    let workspace = Assignment {
        owner_type: OwnerType::Workspace,
        username: "Lobby".into(),
        phone_number: None,
        extension: None,
        location: "HQ".into(),
        call_plan: false,
    };
    let out = board
        .add_devices(
            "ld",
            [
                phone(10, "8845").with_assignment(Some(user("alice@example.com", None))),
                phone(11, "8845")
                    .with_assignment(Some(user("bob@example.com", Some("+14085550100")))),
                phone(12, "8845").with_assignment(Some(user("carol", None))),
                phone(13, "8845").with_assignment(Some(workspace)),
            ],
        )
        .unwrap();
    assert_eq!(out.added, 1);
    assert_eq!(
        codes(&out.findings),
        [
            "phone_number_not_allowed",
            "email_invalid",
            "phone_number_missing"
        ]
    );
    assert!(out.findings.iter().all(|f| f.column().is_some()));
}

#[test]
fn serde_alone_checks_a_task_too() {
    // A task deserialised by serde directly gets its index and every invariant checked.
    let board = audited_board();
    let lo = board.get("lo").unwrap();
    let raw: Task = serde_json::from_str(&lo.to_json()).unwrap();
    assert_eq!(&raw, lo);
    assert!(raw.device(mac(2)).is_some(), "the index is built");
    let mut doc: serde_json::Value = serde_json::from_str(&lo.to_json()).unwrap();
    doc["status"] = "ready_for_migration".into();
    for d in doc["devices"].as_array_mut().unwrap() {
        d["tab"] = "ready_for_migration".into();
        d.as_object_mut().unwrap().remove("last_error");
    }
    let e = serde_json::from_value::<Task>(doc).unwrap_err().to_string();
    assert!(
        e.contains("ELIG-2") && e.contains(&mac(2).to_string()),
        "{e}"
    );
}
