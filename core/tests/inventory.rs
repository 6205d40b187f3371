//! The Unified CM inventory import and the upload generation (issue 11) over the committed
//! fixtures of examples/data/ucm (built on real Unified CM export headers; see its README).

use std::path::PathBuf;

use mpp_migration::*;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn read(name: &str) -> std::fs::File {
    std::fs::File::open(data(name)).unwrap()
}

fn options() -> InventoryOptions {
    InventoryOptions::new()
        .with_hardware(HardwareList::from_csv(read("ucm/vids.csv")).unwrap())
        .with_loads(LoadList::from_csv(read("ucm/ris-loads.csv")).unwrap())
}

fn inventory() -> Inventory {
    Inventory::read_path(&data("ucm/phones-all-details.csv"), options()).unwrap()
}

fn entry<'a>(inv: &'a Inventory, name: &str) -> &'a InventoryEntry {
    inv.entries()
        .iter()
        .find(|e| e.device_name() == name)
        .unwrap()
}

fn codes(e: &InventoryEntry) -> Vec<&'static str> {
    e.reasons().map(Finding::name).collect()
}

#[test]
fn every_row_is_a_device_or_a_finding_with_row_and_column() {
    let inv = inventory();
    let c = inv.counts();
    assert_eq!(c.rows, 32);
    assert_eq!(
        c.eligible + c.not_eligible + c.unknown + c.not_migratable + c.refused,
        c.rows
    );
    assert_eq!(
        inv.devices().len() as u64,
        c.eligible + c.not_eligible + c.unknown
    );
    for e in inv.entries() {
        if e.device().is_none() {
            let f = e
                .findings()
                .first()
                .expect("a row without a device has a finding");
            assert_eq!(f.row(), Some(e.row()));
            assert!(f.column().is_some(), "{f:?}");
        }
    }
    // 7900s, the Jabber client and the ATA: listed with their reason (EXT-17).
    assert_eq!(c.not_migratable, 6);
    for name in ["SEP001B54A1E501", "CSFALICE", "ATA0C1167A1B2FF"] {
        let e = entry(&inv, name);
        assert_eq!(e.status(), EntryStatus::NotMigratable, "{name}");
        assert_eq!(codes(e), ["model_cannot_migrate"]);
        assert_eq!(e.findings()[0].column(), Some("Device Type"));
    }
    // A letter O for a zero (DEV-7) and a duplicate (DEV-6) are refused rows.
    let typo = entry(&inv, "SEP3C08F6A2B5O1");
    assert_eq!(
        (typo.status(), codes(typo)[0]),
        (EntryStatus::Refused, "device_name_invalid")
    );
    assert_eq!(typo.findings()[0].suggestion(), Some("SEP3C08F6A2B501"));
    let dup = inv
        .entries()
        .iter()
        .filter(|e| e.device_name() == "SEP0C1167A1B201")
        .nth(1)
        .unwrap();
    assert_eq!(codes(dup), ["inventory_duplicate_device"]);
    assert!(dup.findings()[0].message().contains("row 2"));
}

#[test]
fn vids_and_loads_are_merged_by_mac() {
    let inv = inventory();
    let status = |n: &str| entry(&inv, n).status();
    // 7821 V03 on 14.3: eligible; V02: not (EXT-2); 7841 without VID: unknown (EXT-3).
    assert_eq!(status("SEP5006AB11C301"), EntryStatus::Eligible);
    assert_eq!(status("SEP5006AB11C303"), EntryStatus::NotEligible);
    assert_eq!(
        codes(entry(&inv, "SEP5006AB11C303")),
        ["hardware_version_not_eligible"]
    );
    assert_eq!(status("SEP5006AB11C309"), EntryStatus::Unknown);
    // The UDI's VID reached the device; the RIS load too, `.loads` suffix and all.
    let d = entry(&inv, "SEP0C1167A1B203").device().unwrap();
    assert_eq!(d.hardware_version().map(|v| v.number()), Some(3));
    let d = entry(&inv, "SEP0C1167A1B204").device().unwrap();
    assert_eq!(d.firmware().map(|f| f.major()), Some(14));
    // Below 12.5(1): not eligible until upgraded (DEC-11); below 14.1: a COP file first.
    assert_eq!(
        codes(entry(&inv, "SEP5006AB11C30A")),
        ["firmware_below_minimum"]
    );
    assert_eq!(status("SEP5006AB11C304"), EntryStatus::Eligible);
    assert!(
        entry(&inv, "SEP5006AB11C304")
            .findings()
            .iter()
            .any(|f| f.name() == "firmware_needs_cop")
    );
    // 8832NR: eligible with its warning (DEV-2, EXT-4); 8821: not eligible (DEV-2).
    assert_eq!(status("SEP0C1167A1B208"), EntryStatus::Eligible);
    assert_eq!(
        codes(entry(&inv, "SEP0C1167A1B208")),
        ["model_limited_features"]
    );
    assert_eq!(status("SEP2C3ECF12D403"), EntryStatus::NotEligible);
    // The VID list's phone the export lacks is a warning of the file.
    let unknown: Vec<_> = inv
        .findings()
        .iter()
        .filter(|f| f.code() == ErrorCode::SupplementUnknownDevice)
        .collect();
    assert_eq!(unknown.len(), 1);
    assert_eq!(
        (unknown[0].row(), unknown[0].column()),
        (Some(16), Some("VID"))
    );
}

#[test]
fn specific_details_in_any_order_and_case() {
    let inv = Inventory::read_path(
        &data("ucm/phones-specific-details.csv"),
        InventoryOptions::new(),
    )
    .unwrap();
    let got: Vec<(u64, EntryStatus)> = inv
        .entries()
        .iter()
        .map(|e| (e.row(), e.status()))
        .collect();
    assert_eq!(
        got,
        [
            (2, EntryStatus::Eligible),
            (3, EntryStatus::Unknown),
            (4, EntryStatus::NotMigratable),
            (5, EntryStatus::Refused),
            (6, EntryStatus::NotMigratable),
        ]
    );
    assert_eq!(
        entry(&inv, "sep5006ab11c301").description(),
        "Branch 7821, desk 1"
    );
    assert_eq!(
        entry(&inv, "sep5006ab11c301")
            .device()
            .unwrap()
            .mac()
            .to_string(),
        "5006AB11C301"
    );
    assert_eq!(
        inv.entries()[3].findings()[0].name(),
        "field_count_mismatch"
    );
}

#[test]
fn headers_without_the_needed_columns_and_bad_input_never_panic() {
    let inv = Inventory::read(
        "Description,Device Pool\nx,y\n".as_bytes(),
        InventoryOptions::new(),
    )
    .unwrap();
    let f: Vec<_> = inv
        .findings()
        .iter()
        .map(|f| (f.row(), f.column(), f.name()))
        .collect();
    assert_eq!(
        f,
        [
            (Some(1), Some("Device Name"), "inventory_column_missing"),
            (Some(1), Some("Device Type"), "inventory_column_missing")
        ]
    );
    assert!(inv.entries().is_empty());
    let inv = Inventory::read("".as_bytes(), InventoryOptions::new()).unwrap();
    assert_eq!(inv.findings()[0].name(), "empty_file");
    for junk in [
        &b"\xff\xfe,\n\x00\x01"[..],
        b"\"",
        b"Device Name,Device Type\n\"SEP0,\n",
        b"Device Name,Device Type\nSEP001A2B3C4D5E,Cisco 88\xff45\n",
    ] {
        let inv = Inventory::read(junk, InventoryOptions::new()).unwrap();
        assert_eq!(inv.devices().len(), 0);
    }
    // A quoted line break stays in its row; blank lines are skipped, not counted.
    let csv = "Device Name,Description,Device Type\nSEP001A2B3C4D5E,\"two\nlines\",Cisco 8845\n\nSEP001A2B3C4D5F,x,Cisco 9971\n";
    let inv = Inventory::read(csv.as_bytes(), InventoryOptions::new()).unwrap();
    let rows: Vec<u64> = inv.entries().iter().map(InventoryEntry::row).collect();
    assert_eq!(rows, [2, 3]);
}

#[test]
fn the_inventory_feeds_the_default_task_and_fleet_planning() {
    let inv = inventory();
    let mut board = Board::new();
    let outcome = board
        .create_default_task("default", UploadOption::LicenseOnly, inv.devices())
        .unwrap();
    assert_eq!(
        outcome.added as u64,
        inv.counts().eligible + inv.counts().not_eligible + inv.counts().unknown
    );
    let task = board.task("default").unwrap();
    let tabs = task.tab_counts();
    assert!(tabs.error > 0 && tabs.ready > 0, "{tabs:?}");
    let plan = plan_fleet(
        &inv.devices(),
        &FleetOptions::new("ucm", UploadOption::LicenseOnly),
    )
    .unwrap();
    assert_eq!(plan.tasks.len(), 1);
    let csv = inv.to_csv();
    assert!(csv.starts_with("Row,Device Name,MAC Address"));
    assert_eq!(csv.lines().count(), 33);
}

fn directory() -> Directory {
    Directory::from_json(read("directory.json")).unwrap()
}

#[test]
fn uploads_are_generated_split_validated_and_findings_name_the_export_row() {
    let inv = inventory();
    let mapping =
        Mapping::from_json(&std::fs::read_to_string(data("ucm/mapping.json")).unwrap()).unwrap();
    let mut options =
        PrepareOptions::new("ucm", UploadOption::LicenseAndDevice).with_directory(directory());
    options.group_by = FleetGrouping::Location;
    let prepared = prepare_uploads(&inv, &mapping, &options).unwrap();
    let names: Vec<&str> = prepared
        .uploads
        .iter()
        .map(|u| u.file.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "ucm-Branch_Office-001.csv",
            "ucm-HQ-001.csv",
            "ucm-Lab-001.csv"
        ]
    );
    for u in &prepared.uploads {
        // The same verdicts as uploading the file: every row added.
        let again = validate_upload(
            u.file.content.as_bytes(),
            UploadOptions::new(UploadOption::LicenseAndDevice).with_directory(directory()),
        )
        .unwrap();
        assert_eq!((again.errors(), again.added()), (0, u.report.added()));
        assert_eq!(u.export_rows.len() as u64, u.report.added());
    }
    let f = |code: &str| {
        prepared
            .findings
            .iter()
            .filter(|f| f.name() == code)
            .map(|f| f.row())
            .collect::<Vec<_>>()
    };
    let row = |n: &str| Some(entry(&inv, n).row());
    assert_eq!(f("mapping_no_user"), [row("SEP2C3ECF12D402")]);
    assert_eq!(f("mapping_no_location"), [row("SEP2C3ECF12D404")]);
    assert!(f("not_eligible_left_out").contains(&row("SEP5006AB11C303")));
    assert!(f("model_cannot_migrate").contains(&row("CSFALICE")));
    // Workspaces carry their name, number and extension (CSV-4 to CSV-6).
    let hq = &prepared.uploads[1];
    assert!(
        hq.file
            .content
            .contains("WORKSPACE,Lobby,+14085550190,1190,IP,Cisco 8841"),
        "{}",
        hq.file.content
    );
    // The mapping's workspace for a 7942 names a phone that is no device: a warning.
    assert_eq!(f("mapping_unknown_device").len(), 1);

    // license only: Model and MAC, files of at most max_devices.
    let mut lo = PrepareOptions::new("lo", UploadOption::LicenseOnly);
    lo.max_devices = 5;
    let prepared = prepare_uploads(&inv, &Mapping::new(), &lo).unwrap();
    assert!(prepared.uploads.iter().all(|u| u.report.added() <= 5));
    assert!(
        prepared.uploads[0]
            .file
            .content
            .starts_with("Model,MAC Address")
    );
    lo.max_devices = 1001;
    assert_eq!(
        prepare_uploads(&inv, &Mapping::new(), &lo)
            .unwrap_err()
            .code(),
        ErrorCode::InvalidArgument
    );
}

#[test]
fn mappings_that_cannot_be_read_are_refused() {
    for bad in [
        "{",
        "{\"users\": 3}",
        "{\"extra\": {}}",
        "{\"format\": \"other/2\"}",
        "{\"workspaces\": {\"lobby\": {\"name\": \"L\"}}}",
        "{\"users\": {\"A\": \"a@x\", \"a\": \"b@x\"}}",
    ] {
        assert_eq!(
            Mapping::from_json(bad).unwrap_err().code(),
            ErrorCode::MappingInvalid,
            "{bad}"
        );
    }
}

#[test]
fn device_names_back_to_macs() {
    assert_eq!(
        mac_from_device_name("SEP001A2B3C4D5E").unwrap(),
        "001A2B3C4D5E"
    );
    assert_eq!(
        mac_from_device_name(" sep001a2b3c4d5e ").unwrap(),
        "001A2B3C4D5E"
    );
    for (name, fix) in [
        ("SEP00:1A:2B:3C:4D:5E", Some("SEP001A2B3C4D5E")),
        ("CSFJSMITH", None),
        ("SEP001A2B3C4D", None),
        ("", None),
    ] {
        let e = mac_from_device_name(name).unwrap_err();
        assert_eq!(
            (e.code(), e.finding().suggestion()),
            (ErrorCode::DeviceNameInvalid, fix),
            "{name}"
        );
    }
    assert!(
        mac_from_device_name("CSFJSMITH")
            .unwrap_err()
            .message()
            .contains("Jabber")
    );
}
