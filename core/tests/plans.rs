//! Completing the migration: the automatic plan (AUTO-1 to AUTO-4), the manual plan's BAT
//! files (MAN-1 to MAN-5, EXT-7, EXT-10, EXT-11), the status report (TASK-6) and writing files.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use mpp_migration::*;

fn mac(n: u64) -> Mac {
    let b = (0x001A_2C00_0000u64 + n).to_be_bytes();
    Mac::from_octets([b[2], b[3], b[4], b[5], b[6], b[7]])
}

/// A board with one task "T" in Ready for migration, of `n` phones of `models` in turn.
fn ready_board(n: u64, models: &[&str], firmware: Option<&str>) -> Board {
    let mut board = Board::new();
    board
        .create_task("T.v1", UploadOption::LicenseOnly)
        .unwrap();
    let devices = (0..n).map(|i| {
        Device::new(
            mac(i),
            parse_model(models[i as usize % models.len()]).unwrap(),
        )
        .with_hardware_version(Some(HardwareVersion::parse("V10").unwrap()))
        .with_firmware(firmware.map(|f| FirmwareVersion::parse(f).unwrap()))
    });
    board.add_devices("T.v1", devices).unwrap();
    board.apply("T.v1", TaskEvent::StartPreparation).unwrap();
    board
        .refresh("T.v1", (0..n).map(|i| TaskEvent::Prepared { mac: mac(i) }))
        .unwrap();
    assert_eq!(
        board.task("T.v1").unwrap().status(),
        TaskStatus::ReadyForMigration
    );
    board
}

fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mpp-plans-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn auto1_to_auto4() {
    let mut board = ready_board(450, &["8845", "8861", "7841"], None);
    let task = board.task("T.v1").unwrap();
    let code = |o: AutoPlanOptions| plan_automatic(task, &o).unwrap_err().code();
    assert_eq!(
        code(AutoPlanOptions::new(false, "primary", "tftp1")),
        ErrorCode::CloudConnectedUcRequired
    );
    assert_eq!(
        code(AutoPlanOptions::new(true, " ", "tftp1")),
        ErrorCode::TftpServerRequired
    );
    assert_eq!(
        code(AutoPlanOptions::new(true, "primary", "")),
        ErrorCode::LoadServerRequired
    );
    let mut big = AutoPlanOptions::new(true, "primary", "tftp1");
    big.batch_size = 201;
    assert_eq!(code(big), ErrorCode::InvalidArgument);
    let options = AutoPlanOptions::new(true, "primary", "tftp1.example.com");
    let plan = plan_automatic(task, &options).unwrap();
    let sizes: Vec<usize> = plan.batches().iter().map(Vec::len).collect();
    assert_eq!(sizes, [200, 200, 50], "AUTO-3");
    assert_eq!(plan.batches()[0][0], mac(0), "in the task's order");
    assert_eq!(plan.batch_of(mac(449)), Some(3));
    // AUTO-4 / DEV-8: the 8861s (every third phone) must be wired.
    assert_eq!(plan.findings().len(), 150);
    assert!(
        plan.findings()
            .iter()
            .all(|f| f.code() == ErrorCode::WifiSettingsLost)
    );
    assert_eq!(
        plan_automatic(task, &options).unwrap(),
        plan,
        "deterministic"
    );
    let csv = plan.batches_csv();
    assert_eq!(csv.lines().count(), 451);
    assert!(csv.lines().nth(201).unwrap().starts_with("2,SEP"));
    // Completing it through the board moves the devices in progress.
    let done = board.complete_automatic("T.v1", &options).unwrap();
    assert_eq!(done, plan);
    let task = board.task("T.v1").unwrap();
    assert_eq!(
        (task.status(), task.tab_counts().in_progress),
        (TaskStatus::AutoMigrationComplete, 450)
    );
    assert_eq!(
        board
            .complete_automatic("T.v1", &options)
            .unwrap_err()
            .code(),
        ErrorCode::CompleteRequiresReady
    );
}

#[test]
fn man1_to_man5_bat_files() {
    let board = ready_board(
        8,
        &[
            "7821", "7841", "7832", "8845", "8865", "8851", "8832", "7821",
        ],
        Some("sip78xx.14-1-1-0001-136"),
    );
    let task = board.task("T.v1").unwrap();
    let plan = plan_manual(task, &ManualPlanOptions::default()).unwrap();
    let names: Vec<&str> = plan.bat_files().iter().map(BatFile::name).collect();
    // MAN-4 group 2: "each text file has one model of phones", in catalogue order.
    assert_eq!(
        names,
        [
            "T_v1_group1_mixed.txt",
            "T_v1_group2_7821.txt",
            "T_v1_group2_7841.txt",
            "T_v1_group2_7832.txt",
            "T_v1_group2_8851.txt",
            "T_v1_group2_8832.txt",
            "T_v1_group2_8845.txt",
            "T_v1_group2_8865.txt",
        ]
    );
    for f in plan.bat_files() {
        check_bat_file_name(f.name()).unwrap();
        assert!(!f.content().starts_with('\u{feff}'));
        assert!(
            !f.content().lines().any(str::is_empty),
            "EXT-11: no blank line in {}",
            f.name()
        );
        assert!(
            f.content()
                .lines()
                .all(|l| l.starts_with("SEP") && l.len() == 15)
        );
        assert!(!f.content().ends_with('\n'));
        assert_eq!(f.content().lines().count(), f.devices().len());
        if f.group() == BatGroup::PerLoad {
            assert_eq!(f.models().len(), 1, "one model in {}", f.name());
        }
    }
    let group1 = &plan.bat_files()[0];
    assert_eq!(
        (group1.group(), group1.load_server(), group1.devices().len()),
        (BatGroup::MixedModels, None, 8)
    );
    assert!(group1.steps().iter().any(|s| s.contains("COP file")));
    let g7821 = &plan.bat_files()[1];
    assert_eq!(
        (g7821.phone_load(), g7821.load_server()),
        (
            Some("sip78xx.11-3-6MPP0001-272"),
            Some("cloudupgrader.webex.com")
        )
    );
    assert_eq!(g7821.models(), ["7821"]);
    assert_eq!(g7821.devices(), [mac(0), mac(7)]);
    assert_eq!(
        plan.bat_files()[2].phone_load(),
        Some("sip78xx.11-3-6MPP0001-272"),
        "the 7841 has its own file with the same load"
    );
    assert_eq!(
        plan.bat_files()[3].phone_load(),
        Some("sip7832.11-3-6MPP0001-272")
    );
    assert!(g7821.steps()[0].contains("Update Phones - Custom File"));
    assert!(
        g7821
            .steps()
            .iter()
            .any(|s| s.contains("Phone Load Name to sip78xx.11-3-6MPP0001-272"))
    );
    assert!(g7821.steps().iter().any(|s| s.contains("MAN-5")));
    // DEV-8: 8865 and 8832 have Wi-Fi; 14.1 needs no COP file.
    let codes: Vec<&str> = plan.findings().iter().map(Finding::name).collect();
    assert_eq!(codes, ["wifi_settings_lost", "wifi_settings_lost"]);
    // EXT-7
    assert_eq!(
        plan.licenses()[0].url,
        format!(
            "https://cloudupgrader.webex.com/licenses/e2m/{}.lic",
            mac(0)
        )
    );
    assert_eq!(plan.file_of(mac(3)), Some("T_v1_group2_8845.txt"));
    assert_eq!(plan.file_of(mac(4)), Some("T_v1_group2_8865.txt"));
    let file = plan
        .file_index_of(mac(4))
        .map(|i| plan.bat_files()[i].name());
    assert_eq!(file, Some("T_v1_group2_8865.txt"));
    let text = plan.instructions_text();
    assert!(text.contains("Bulk Administration > Phones > Update Phones > Custom File"));
    let json: serde_json::Value = serde_json::from_str(&plan.to_json()).unwrap();
    assert_eq!(json["files"].as_array().unwrap().len(), 8);
}

#[test]
fn dec11_firmware_floor_in_the_manual_plan() {
    // 12.5(1) up to below 14.1: the COP-file path only, so Group 1 only.
    let board = ready_board(3, &["7821", "8845", "8811"], Some("12.8(1)"));
    let task = board.task("T.v1").unwrap();
    let plan = plan_manual(task, &ManualPlanOptions::default()).unwrap();
    let names: Vec<&str> = plan.bat_files().iter().map(BatFile::name).collect();
    assert_eq!(names, ["T_v1_group1_mixed.txt"]);
    assert_eq!(plan.bat_files()[0].devices().len(), 3);
    let cop: Vec<&Finding> = plan
        .findings()
        .iter()
        .filter(|f| f.code() == ErrorCode::FirmwareNeedsCop)
        .collect();
    assert_eq!(cop.len(), 3, "one caution per phone, not two");
    assert!(cop[0].message().contains("Group 1 file only"));
    assert_eq!(plan.file_of(mac(1)), Some("T_v1_group1_mixed.txt"));
    // Unknown load: a warning, said once for the plan; the phones stay in Group 2.
    let board = ready_board(3, &["7821", "8845", "8811"], None);
    let plan = plan_manual(board.task("T.v1").unwrap(), &ManualPlanOptions::default()).unwrap();
    assert_eq!(plan.bat_files().len(), 4);
    let unknown: Vec<&Finding> = plan
        .findings()
        .iter()
        .filter(|f| f.code() == ErrorCode::FirmwareUnknown)
        .collect();
    assert_eq!(unknown.len(), 1);
    assert!(unknown[0].message().starts_with("3 phone(s)"));
    // Below 12.5(1): an error; the phone is not eligible, never prepared, in no BAT file.
    let mut board = Board::new();
    board
        .create_task("T.v1", UploadOption::LicenseOnly)
        .unwrap();
    let phone = |n: u64, fw: &str| {
        Device::new(mac(n), parse_model("8845").unwrap())
            .with_firmware(Some(FirmwareVersion::parse(fw).unwrap()))
    };
    board
        .add_devices(
            "T.v1",
            [
                phone(0, "sip8845_65.11-0-1-0001-1"),
                phone(1, "sip8845_65.14-1-1-0001-125.loads"),
            ],
        )
        .unwrap();
    let task = board.task("T.v1").unwrap();
    let old = &task.devices()[0];
    assert_eq!(old.eligibility(), EligibilityStatus::NotEligible);
    assert_eq!(old.reasons()[0].code(), ErrorCode::FirmwareBelowMinimum);
    assert_eq!(old.reasons()[0].severity(), Severity::Error);
    assert_eq!(task.devices()[1].eligibility(), EligibilityStatus::Eligible);
}

#[test]
fn ext10_host_loads_and_man2_host_names() {
    let board = ready_board(3, &["7821", "8845", "8811"], None);
    let task = board.task("T.v1").unwrap();
    let loads = PhoneLoadTable::from_csv("newer", "model,phone_load,source\n7821,sip78xx.12-0-7MPP0501-123,EXT-10\n8845,sip8845_65.12-0-7MPP0201-66,EXT-10\n".as_bytes()).unwrap();
    let options = ManualPlanOptions {
        file_prefix: Some("wave-1".into()),
        loads: Arc::new(loads),
    };
    let plan = plan_manual(task, &options).unwrap();
    let loads: Vec<Option<&str>> = plan.bat_files().iter().map(BatFile::phone_load).collect();
    assert_eq!(
        loads,
        [
            None,
            Some("sip78xx.12-0-7MPP0501-123"),
            Some("sip8845_65.12-0-7MPP0201-66")
        ]
    );
    // The 8811 has no load in the host's table: it is in Group 1 only, and said so.
    let missing: Vec<&Finding> = plan
        .findings()
        .iter()
        .filter(|f| f.code() == ErrorCode::NoPhoneLoad)
        .collect();
    assert_eq!(missing.len(), 1);
    assert_eq!(plan.file_of(mac(2)), Some("wave-1_group1_mixed.txt"));
    for (prefix, rule) in [
        ("wave.1", "MAN-2"),
        ("wave,1", "EXT-11"),
        (".w", "MAN-2"),
        ("w/1", "MAN-2"),
    ] {
        let options = ManualPlanOptions {
            file_prefix: Some(prefix.into()),
            ..ManualPlanOptions::default()
        };
        assert_eq!(
            plan_manual(task, &options).unwrap_err().finding().rule(),
            rule,
            "{prefix}"
        );
    }
}

#[test]
fn task6_status_report_and_files_on_disk() {
    let mut board = ready_board(5, &["8845", "7841"], None);
    let plan = board
        .complete_manual("T.v1", &ManualPlanOptions::default())
        .unwrap();
    board
        .apply("T.v1", TaskEvent::Migrated { mac: mac(0) })
        .unwrap();
    board
        .apply(
            "T.v1",
            TaskEvent::MigrationFailed {
                mac: mac(1),
                reason: "=cmd|'/c calc'!A0".into(),
            },
        )
        .unwrap();
    let task = board.task("T.v1").unwrap();
    assert_eq!(task.status(), TaskStatus::ManualMigration);
    let report = status_report_csv(task, PlanRef::Manual(&plan));
    let mut rdr = csv::Reader::from_reader(report.as_bytes());
    assert_eq!(
        rdr.headers().unwrap().iter().collect::<Vec<_>>(),
        STATUS_REPORT_COLUMNS
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(
        (&rows[0][7], &rows[0][9]),
        ("completed", "T_v1_group2_8845.txt")
    );
    assert_eq!(
        (&rows[1][7], &rows[1][10]),
        ("error", "'=cmd|'/c calc'!A0"),
        "formula neutralised"
    );
    assert_eq!(&rows[2][7], "in_progress");

    let dir = scratch("write");
    let files = plan.files();
    let paths = write_files(&dir, &files, false).unwrap();
    assert_eq!(paths.len(), files.len());
    assert_eq!(
        std::fs::read_to_string(&paths[0]).unwrap(),
        plan.bat_files()[0].content()
    );
    let err = write_files(&dir, &files, false).unwrap_err();
    assert_eq!(err.code(), ErrorCode::OutputExists);
    write_files(&dir, &files, true).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_whole_journey_from_the_bundled_files() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let directory =
        Directory::from_json(std::fs::File::open(data.join("directory.json")).unwrap()).unwrap();
    let report = validate_upload_path(
        data.join("upload.csv"),
        UploadOptions::new(UploadOption::LicenseAndDevice).with_directory(directory.clone()),
    )
    .unwrap();
    let mut board = Board::new();
    board.set_directory(directory);
    board
        .create_task("HQ-wave-1", UploadOption::LicenseAndDevice)
        .unwrap();
    board.add_upload("HQ-wave-1", &report).unwrap();
    board
        .apply("HQ-wave-1", TaskEvent::SetIncludeUnknown(true))
        .unwrap();
    board
        .apply("HQ-wave-1", TaskEvent::StartPreparation)
        .unwrap();
    let macs: Vec<Mac> = board
        .task("HQ-wave-1")
        .unwrap()
        .devices()
        .iter()
        .map(|d| d.device().mac())
        .collect();
    board
        .refresh(
            "HQ-wave-1",
            macs.iter().map(|&mac| TaskEvent::Prepared { mac }),
        )
        .unwrap();
    let plan = plan_manual(
        board.task("HQ-wave-1").unwrap(),
        &ManualPlanOptions::default(),
    )
    .unwrap();
    assert_eq!(plan.bat_files()[0].devices().len(), 5);
    let auto = board
        .complete_automatic(
            "HQ-wave-1",
            &AutoPlanOptions::new(true, "primary", "tftp1.example.com"),
        )
        .unwrap();
    assert_eq!(auto.batches().len(), 1);
}
