//! The upload end to end: the bundled example, streaming against batch, the exports re-read,
//! and properties over generated rows.

use std::path::{Path, PathBuf};

use mpp_migration::{
    Column, Directory, ErrorCode, ErrorsCsvWriter, OwnerType, ReaderLimits, Severity, UploadOption,
    UploadOptions, UploadReader, devices_csv, template_csv, user_export_csv, validate_upload,
    validate_upload_path,
};
use proptest::prelude::*;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn directory() -> Directory {
    Directory::from_json(std::fs::File::open(data("directory.json")).unwrap()).unwrap()
}

fn options() -> UploadOptions {
    UploadOptions::new(UploadOption::LicenseAndDevice).with_directory(directory())
}

#[test]
fn the_bundled_upload_is_normalised() {
    let report = validate_upload_path(data("upload.csv"), options()).unwrap();
    assert_eq!(
        (report.added(), report.errors(), report.total()),
        (5, 12, 17)
    );
    assert!(report.directory_checked());
    let first = &report.devices()[0];
    assert_eq!(
        (first.mac().to_string(), first.model().name(), first.row()),
        ("001A2B3C4D01".to_owned(), "8845", Some(2))
    );
    let lobby = report
        .devices()
        .iter()
        .find(|d| d.assignment().is_some_and(|a| a.username == "Lobby"))
        .unwrap();
    let a = lobby.assignment().unwrap();
    assert_eq!(a.owner_type, OwnerType::Workspace);
    assert_eq!(
        a.phone_number.map(|n| n.to_string()).as_deref(),
        Some("+14085550100")
    );
    assert_eq!(a.extension.as_deref(), Some("1003"));
    // CSV-12 / DEC-6: true for an existing workspace is a warning and is not applied.
    assert!(!a.call_plan);
    let training = report
        .devices()
        .iter()
        .find(|d| {
            d.assignment()
                .is_some_and(|a| a.username == "Training Room")
        })
        .unwrap();
    assert!(training.assignment().unwrap().call_plan);
    let smith = report
        .devices()
        .iter()
        .find(|d| d.row() == Some(18))
        .unwrap();
    assert_eq!(smith.assignment().unwrap().username, "Smith, Barney");
    // Every problem of a row, not only the first (DEC-1), each with its column.
    let row15: Vec<_> = report
        .findings_for_row(15)
        .iter()
        .map(|f| (f.column().unwrap(), f.name()))
        .collect();
    assert_eq!(
        row15,
        [
            ("MAC Address", "mac_in_webex_calling"),
            ("Call Plan", "call_plan_not_cisco_pstn")
        ]
    );
    let mismatch = &report.findings_for_row(8)[0];
    assert_eq!(
        (mismatch.code(), mismatch.suggestion()),
        (ErrorCode::WorkspaceNameMismatch, Some("Board Room"))
    );
    let dup = &report.findings_for_row(12)[0];
    assert!(
        dup.message().contains("row 2"),
        "DEC-2 names the first row: {}",
        dup.message()
    );
    assert_eq!(report.findings_for_row(8)[1].severity(), Severity::Warning);
}

#[test]
fn without_a_directory_its_rules_are_skipped_and_the_report_says_so() {
    let report = validate_upload_path(
        data("upload.csv"),
        UploadOptions::new(UploadOption::LicenseAndDevice),
    )
    .unwrap();
    assert!(!report.directory_checked());
    assert_eq!(report.added(), 9);
    let codes: Vec<_> = report.findings().iter().map(|f| f.code()).collect();
    for skipped in [
        ErrorCode::UserNotFound,
        ErrorCode::LocationNotFound,
        ErrorCode::ExtensionInUse,
        ErrorCode::MacInWebexCalling,
    ] {
        assert!(!codes.contains(&skipped));
    }
}

#[test]
fn streaming_gives_the_same_rows_as_the_report() {
    let bytes = std::fs::read(data("upload.csv")).unwrap();
    let report = validate_upload(&bytes[..], options()).unwrap();
    let reader = UploadReader::new(&bytes[..], options()).unwrap();
    assert!(reader.header_findings().is_empty());
    let mut devices = Vec::new();
    let mut findings = Vec::new();
    let mut reader = reader;
    for row in reader.by_ref() {
        let row = row.unwrap();
        if let Some(d) = row.device() {
            devices.push(d.clone());
            assert!(row.cells().is_empty());
        } else {
            assert!(
                !row.findings().is_empty()
                    && row
                        .findings()
                        .iter()
                        .any(|f| f.severity() == Severity::Error)
            );
        }
        findings.extend(row.findings().iter().cloned());
    }
    assert_eq!(devices, report.devices());
    assert_eq!(findings, report.findings());
    assert_eq!(reader.counts(), report.counts());
}

#[test]
fn csv15_the_errors_file_uploads_cleanly_once_fixed() {
    let report = validate_upload_path(data("upload.csv"), options()).unwrap();
    let errors = report.errors_csv();
    assert!(!errors.starts_with('\u{feff}'));
    let first_line = errors.lines().next().unwrap();
    assert_eq!(
        first_line,
        "Errors,Type,Username,Phone Number,Extension,Device Type,Model,MAC Address,Location,Call Plan"
    );
    // Re-read as is: the same rows fail, and the Errors column is ignored.
    let again = validate_upload(errors.as_bytes(), options()).unwrap();
    assert!(
        again.findings().iter().all(|f| f.row() != Some(1)),
        "{:?}",
        again.findings()
    );
    assert_eq!(again.total(), 11, "the 12 refused rows less the blank one");
    // Fix every refused row the way its findings say, and upload again.
    let fixed = errors
        .replace("frank@example.com", "dave@example.com")
        .replace(
            "USER,carol@example.com,+14085550105",
            "USER,carol@example.com,",
        )
        .replace("Board room", "Board Room")
        .replace("CP-8821-K9=", "8845")
        .replace("00-1A-2B-3C-4D-09,hq", "001A2B3C4D09,HQ")
        .replace("408-555-0107,1001", "+14085550107,1005")
        .replace("IP,8845,001A2B3C4D01", "IP,8845,001A2B3C4D31")
        .replace("Analog", "IP")
        .replace("6851", "8851")
        .replace(
            "001A2B3C4D99,Branch Office,true",
            "001A2B3C4D98,Branch Office,false",
        )
        .replace("Moon Base", "Lab");
    let again = validate_upload(fixed.as_bytes(), options()).unwrap();
    let errors: Vec<String> = again
        .findings()
        .iter()
        .filter(|f| f.severity() == Severity::Error)
        .map(|f| f.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!((again.added(), again.total()), (11, 11));
}

#[test]
fn csv16_templates_user_export_and_devices_file_re_read() {
    for option in [UploadOption::LicenseAndDevice, UploadOption::LicenseOnly] {
        let report =
            validate_upload(template_csv(option).as_bytes(), UploadOptions::new(option)).unwrap();
        let codes: Vec<_> = report.findings().iter().map(|f| f.name()).collect();
        assert_eq!(codes, ["no_data_rows"], "{option}");
    }
    let dir = directory();
    let users = user_export_csv(&dir);
    let report = validate_upload(
        users.as_bytes(),
        UploadOptions::new(UploadOption::LicenseAndDevice).with_directory(dir.clone()),
    )
    .unwrap();
    assert_eq!(report.total(), dir.users().len() as u64);
    // The export is a skeleton: every row lacks what the administrator fills in.
    let row2: Vec<_> = report
        .findings_for_row(2)
        .iter()
        .map(|f| f.name())
        .collect();
    assert_eq!(row2, ["model_missing", "mac_missing", "location_missing"]);
    assert!(
        users
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("USER,alice@example.com,,,IP,")
    );

    let report = validate_upload_path(data("upload.csv"), options()).unwrap();
    let normalised = report.devices_csv();
    assert!(normalised.contains("WORKSPACE,\"Smith, Barney\",+442079460958,2003,IP,Cisco 8845,001A2B3C4D0E,Branch Office,false"));
    let again = validate_upload(normalised.as_bytes(), options()).unwrap();
    assert_eq!(again.added(), report.added());
    let strip = |d: &mpp_migration::Device| d.clone().with_row(None);
    assert_eq!(
        again.devices().iter().map(strip).collect::<Vec<_>>(),
        report.devices().iter().map(strip).collect::<Vec<_>>()
    );
    let only = devices_csv(report.devices(), UploadOption::LicenseOnly);
    assert_eq!(
        validate_upload(
            only.as_bytes(),
            UploadOptions::new(UploadOption::LicenseOnly)
        )
        .unwrap()
        .added(),
        5
    );
}

#[test]
fn exports_neutralise_formulas_but_keep_valid_numbers() {
    let report = validate_upload_path(data("corpus/formula_cells.csv"), options()).unwrap();
    let errors = report.errors_csv();
    assert!(
        errors.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","),
        "{errors}"
    );
    assert!(errors.contains(",'@SUM(1+1),+14085550110,'-1,"), "{errors}");
    assert!(
        errors.contains(",'-Lobby,+14085550111,,IP,'+8845,"),
        "{errors}"
    );
    for line in errors.lines().skip(1) {
        assert!(!line.starts_with(['=', '+', '-', '@']));
    }
}

#[test]
fn the_errors_file_can_be_written_while_streaming() {
    let bytes = std::fs::read(data("upload.csv")).unwrap();
    let mut reader = UploadReader::new(&bytes[..], options()).unwrap();
    let mut out = ErrorsCsvWriter::new(Vec::new(), reader.header_cells()).unwrap();
    let mut written = 0;
    for row in reader.by_ref() {
        if out.write_row(&row.unwrap()).unwrap() {
            written += 1;
        }
    }
    let streamed = String::from_utf8(out.finish().unwrap()).unwrap();
    assert_eq!(written, 11);
    assert_eq!(
        streamed,
        validate_upload(&bytes[..], options()).unwrap().errors_csv()
    );
}

#[test]
fn limits_are_the_callers_to_set() {
    let csv = format!(
        "Model,MAC Address\n8845,001A2B3C4D5E\n{},001A2B3C4D5F\n",
        "8".repeat(100)
    );
    let tight = ReaderLimits {
        max_field_bytes: 50,
        ..ReaderLimits::default()
    };
    let report = validate_upload(
        csv.as_bytes(),
        UploadOptions::new(UploadOption::LicenseOnly).with_limits(tight),
    )
    .unwrap();
    let f = &report.findings()[0];
    assert_eq!(
        (f.code(), f.row(), f.column()),
        (
            ErrorCode::FieldTooLong,
            Some(3),
            Some(Column::Model.header())
        )
    );
}

#[test]
fn a_large_record_limit_costs_nothing_until_a_record_needs_it() {
    // A 1 GiB record limit allocates nothing up front; a 200 KiB record within the limits is read.
    let limits = ReaderLimits {
        max_field_bytes: 1 << 30,
        max_record_bytes: 1 << 30,
        max_fields: 64,
    };
    let csv = format!(
        "Model,MAC Address\n8845,001A2B3C4D5E\n{},001A2B3C4D5F\n",
        "8".repeat(200_000)
    );
    let report = validate_upload(
        csv.as_bytes(),
        UploadOptions::new(UploadOption::LicenseOnly).with_limits(limits),
    )
    .unwrap();
    assert_eq!((report.added(), report.errors()), (1, 1));
    assert_eq!(
        report.findings()[0].code(),
        ErrorCode::ModelUnknown,
        "the long cell was read whole, not cut"
    );
    let zero = ReaderLimits {
        max_fields: 0,
        ..ReaderLimits::default()
    };
    let err = validate_upload(
        csv.as_bytes(),
        UploadOptions::new(UploadOption::LicenseOnly).with_limits(zero),
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidArgument);
    assert!(err.message().contains("max_fields"));
}

#[test]
fn the_reader_reports_what_only_the_end_tells() {
    let mut reader = UploadReader::new(
        "Model,MAC Address\n".as_bytes(),
        UploadOptions::new(UploadOption::LicenseOnly),
    )
    .unwrap();
    assert!(reader.next().is_none());
    let codes: Vec<_> = reader.end_findings().iter().map(|f| f.name()).collect();
    assert_eq!(codes, ["no_data_rows"]);
}

#[test]
fn a_failing_reader_is_an_error_not_a_panic() {
    struct Broken(usize);
    impl std::io::Read for Broken {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0 == 0 {
                return Err(std::io::Error::other("disk on fire"));
            }
            let line = b"Model,MAC Address\n";
            let n = line.len().min(buf.len());
            buf[..n].copy_from_slice(&line[..n]);
            self.0 -= 1;
            Ok(n)
        }
    }
    let err =
        validate_upload(Broken(1), UploadOptions::new(UploadOption::LicenseOnly)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::IoError);
    assert!(err.message().contains("disk on fire"));
    let err = validate_upload_path(
        data("no-such-file.csv"),
        UploadOptions::new(UploadOption::LicenseOnly),
    )
    .unwrap_err();
    assert!(
        err.message().contains("no-such-file.csv"),
        "{}",
        err.message()
    );
}

#[test]
fn a_size_hint_changes_no_result() {
    // Enough rows for the reader to size its indexes from the hint, with duplicate MACs
    // (DEC-2) and extensions (DEC-5).
    let mut csv = String::from(
        "Type,Username,Phone Number,Extension,Device Type,Model,MAC Address,Location,Call Plan\n",
    );
    for i in 0..3_000u64 {
        let mac = format!("{:012X}", 0x001A_2B00_0000 + i % 2_500);
        if i % 3 == 0 {
            let extension = 2_000 + i % 700;
            csv.push_str(&format!(
                "WORKSPACE,Room {i},+14085550100,{extension},IP,8845,{mac},HQ,false\n"
            ));
        } else {
            csv.push_str(&format!("USER,alice@example.com,,,IP,8845,{mac},HQ,\n"));
        }
    }
    let len = csv.len() as u64;
    let plain = validate_upload(csv.as_bytes(), options()).unwrap();
    assert!(plain.findings().iter().any(|f| f.name() == "mac_duplicate"));
    assert!(
        plain
            .findings()
            .iter()
            .any(|f| f.name() == "extension_duplicate")
    );
    for hint in [len, 1, 0, len / 3, len * 100] {
        let hinted = validate_upload(csv.as_bytes(), options().with_size_hint(hint)).unwrap();
        assert_eq!(hinted, plain, "size hint {hint}");
    }
    // An explicit hint wins over a default one; a default fills only an unset hint.
    assert_eq!(
        options().with_size_hint(7).or_size_hint(len).size_hint(),
        Some(7)
    );
    assert_eq!(options().or_size_hint(len).size_hint(), Some(len));
    // A path's size is its hint.
    let path = std::env::temp_dir().join(format!("mpp-size-hint-{}.csv", std::process::id()));
    std::fs::write(&path, &csv).unwrap();
    let from_path = validate_upload_path(&path, options());
    std::fs::remove_file(&path).unwrap();
    assert_eq!(from_path.unwrap(), plain);
}

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("USER".to_owned()),
        Just("WORKSPACE".to_owned()),
        Just("alice@example.com".to_owned()),
        Just("+14085550100".to_owned()),
        Just("1003".to_owned()),
        Just("IP".to_owned()),
        Just("8845".to_owned()),
        Just("CP-7821-K9=V02".to_owned()),
        Just("001A2B3C4D5E".to_owned()),
        Just("HQ".to_owned()),
        Just("true".to_owned()),
        "[ -~]{0,12}",
        "\\PC{0,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_rows_give_a_consistent_report(rows in prop::collection::vec(prop::collection::vec(cell(), 7..11), 0..12)) {
        let mut csv = String::from("Type,Username,Phone Number,Extension,Device Type,Model,MAC Address,Location,Call Plan\n");
        for row in &rows {
            let quoted: Vec<String> = row.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect();
            csv.push_str(&quoted.join(","));
            csv.push('\n');
        }
        let report = validate_upload(csv.as_bytes(), options()).unwrap();
        prop_assert_eq!(report.total(), rows.len() as u64);
        prop_assert_eq!(report.added() + report.errors(), report.total());
        for d in report.devices() {
            prop_assert!(d.assignment().is_some());
        }
        // A refused row always says why; an accepted row never carries an error.
        for r in report.rejected_rows() {
            prop_assert!(report.rejected_findings(&r).iter().any(|f| f.severity() == Severity::Error));
        }
        let errors_again = validate_upload(report.errors_csv().as_bytes(), options()).unwrap();
        prop_assert_eq!(errors_again.added(), 0);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        for option in [UploadOption::LicenseAndDevice, UploadOption::LicenseOnly] {
            let report = validate_upload(&bytes[..], UploadOptions::new(option).with_directory(directory())).unwrap();
            prop_assert_eq!(report.added() + report.errors(), report.total());
            let _ = report.errors_csv();
            let _ = report.devices_csv();
        }
    }
}

/// What an accepted device is, row number aside: what a re-upload must give again.
fn device_values(report: &mpp_migration::UploadReport) -> Vec<String> {
    report
        .devices()
        .iter()
        .map(|d| format!("{} {} {:?}", d.mac(), d.model().ucm_name(), d.assignment()))
        .collect()
}

/// The cells of the refused rows, without the errors file's own `Errors` column.
fn refused_cells(report: &mpp_migration::UploadReport, skip: usize) -> Vec<Vec<String>> {
    report
        .rejected_rows()
        .filter(|r| !r.is_blank())
        .map(|r| r.cells().iter().skip(skip).map(str::to_owned).collect())
        .collect()
}

#[test]
fn issue9_exports_upload_again_to_the_original_values() {
    // Names a spreadsheet would run as formulas: the export marks them as text with `'`, and
    // the upload reads the marker as a spreadsheet does, so the names survive (CSV-15, CSV-16).
    let dir = Directory::builder()
        .workspace("@Home")
        .location(mpp_migration::Location::new("+Site").cisco_pstn(true))
        .location(mpp_migration::Location::new("HQ"))
        .build()
        .unwrap();
    let options = UploadOptions::new(UploadOption::LicenseAndDevice).with_directory(dir);
    let csv = "Type,Username,Phone Number,Extension,Device Type,Model,MAC Address,Location,Call Plan\n\
        WORKSPACE,-Lab-,+14085550180,,IP,8845,001A2B3C4D80,+Site,true\n\
        WORKSPACE,@Home,+14085550181,,IP,8845,001A2B3C4D81,+Site,\n\
        WORKSPACE,\"Smith\\\",+14085550182,,IP,8845,001A2B3C4D82,HQ,\n\
        WORKSPACE,=1+1,+14085550183,,IP,8845,001A2B3C4D83,HQ,\n\
        WORKSPACE,-Lab-,+14085550184,,PHONE,8845,001A2B3C4D84,+Site,\n\
        WORKSPACE,'-Lab2-,+1 408 FLOWERS,,IP,8845,001A2B3C4D85,'+Site,\n\
        WORKSPACE,\"Smith\\\",+14085550186,,IP,9999,001A2B3C4D86,HQ,\n";
    let report = validate_upload(csv.as_bytes(), options.clone()).unwrap();
    assert_eq!(
        (report.added(), report.errors()),
        (4, 3),
        "{:?}",
        report.findings()
    );
    let names: Vec<_> = report
        .devices()
        .iter()
        .map(|d| {
            let a = d.assignment().unwrap();
            (a.username.as_str(), a.location.as_str())
        })
        .collect();
    assert_eq!(
        names,
        [
            ("-Lab-", "+Site"),
            ("@Home", "+Site"),
            ("Smith\\", "HQ"),
            ("=1+1", "HQ")
        ]
    );
    // The devices file: the same devices again.
    let devices = report.devices_csv();
    assert!(
        devices.contains(",'-Lab-,") && devices.contains(",\"Smith\\\","),
        "{devices}"
    );
    let again = validate_upload(devices.as_bytes(), options.clone()).unwrap();
    assert_eq!(again.errors(), 0, "{:?}", again.findings());
    assert_eq!(device_values(&again), device_values(&report));
    // The errors file: the same cells again (the marker read as text, not kept).
    let cells = refused_cells(&report, 0);
    assert_eq!(cells[1][1], "-Lab2-");
    assert_eq!(cells[1][7], "+Site");
    let errors = report.errors_csv();
    let again = validate_upload(errors.as_bytes(), options).unwrap();
    assert_eq!(refused_cells(&again, 1), cells, "{errors}");
}

#[test]
fn issue14_a_cell_ending_in_a_backslash_is_quoted_and_reads_back() {
    let devices = devices_csv(&[], UploadOption::LicenseOnly);
    assert_eq!(devices, "Model,MAC Address\n");
    let csv = "Model,MAC Address,Note\n9999,001A2B3C4D90,\"ends in \\\"\n";
    let report = validate_upload(
        csv.as_bytes(),
        UploadOptions::new(UploadOption::LicenseOnly),
    )
    .unwrap();
    let errors = report.errors_csv();
    assert!(errors.contains(",\"ends in \\\"\n"), "{errors}");
    let again = validate_upload(
        errors.as_bytes(),
        UploadOptions::new(UploadOption::LicenseOnly),
    )
    .unwrap();
    assert_eq!(refused_cells(&again, 1), refused_cells(&report, 0));
    assert!(
        again
            .findings()
            .iter()
            .all(|f| f.code() != ErrorCode::FieldCountMismatch)
    );
}

#[test]
fn issue9_a_wide_unified_cm_export_is_read_and_a_wider_one_names_the_limit() {
    // EXT-14: some 200 to 230 columns. The schema's columns are found among them.
    let mut header: Vec<String> = [
        "Device Name",
        "Description",
        "Device Pool",
        "Model",
        "MAC Address",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    header.extend((header.len()..230).map(|i| format!("Extra {i}")));
    let mut row: Vec<String> = vec![
        "SEP001A2B3C4DA0".into(),
        "Lobby phone".into(),
        "Default".into(),
        "Cisco 8845".into(),
        "001A2B3C4DA0".into(),
    ];
    row.extend((row.len()..230).map(|_| "value of a Unified CM column".to_owned()));
    let csv = format!("{}\n{}\n", header.join(","), row.join(","));
    let report = validate_upload(
        csv.as_bytes(),
        UploadOptions::new(UploadOption::LicenseOnly),
    )
    .unwrap();
    assert_eq!((report.added(), report.errors()), (1, 0));
    // Beyond the limit, the message names it.
    let limits = ReaderLimits {
        max_fields: 100,
        ..ReaderLimits::default()
    };
    let report = validate_upload(
        csv.as_bytes(),
        UploadOptions::new(UploadOption::LicenseOnly).with_limits(limits),
    )
    .unwrap();
    let f = &report.findings()[0];
    assert_eq!(f.code(), ErrorCode::RecordTooLong);
    assert!(
        f.message().contains("limit of 100 fields"),
        "{}",
        f.message()
    );
    let limits = ReaderLimits {
        max_record_bytes: 1000,
        ..ReaderLimits::default()
    };
    let report = validate_upload(
        csv.as_bytes(),
        UploadOptions::new(UploadOption::LicenseOnly).with_limits(limits),
    )
    .unwrap();
    assert!(
        report
            .findings()
            .iter()
            .any(|f| f.message().contains("limit of 1000 bytes per row"))
    );
}

#[test]
fn dec7_names_match_exactly_and_a_near_miss_names_the_entry() {
    let report = validate_upload_path(data("corpus/names_exact.csv"), options()).unwrap();
    let suggestions: Vec<_> = report
        .findings()
        .iter()
        .map(|f| (f.row(), f.name(), f.suggestion()))
        .collect();
    assert_eq!(
        suggestions,
        [
            (Some(2), "workspace_name_mismatch", Some("Lobby")),
            (Some(3), "location_name_mismatch", Some("HQ")),
            (Some(5), "workspace_name_mismatch", Some("Board Room")),
            (Some(5), "location_name_mismatch", Some("HQ")),
        ]
    );
    assert_eq!(report.devices()[0].assignment().unwrap().location, "HQ");
}

#[test]
fn ext13_control_hubs_template_is_read_with_calling_plan() {
    let report = validate_upload_path(data("corpus/control_hub_template.csv"), options()).unwrap();
    let new_workspace = report.devices()[1].assignment().unwrap();
    assert_eq!(new_workspace.username, "Reception");
    assert!(
        new_workspace.call_plan,
        "Calling Plan TRUE is the call plan (EXT-13)"
    );
    let extra = &report.findings()[0];
    assert_eq!(
        (extra.code(), extra.severity(), extra.column()),
        (
            ErrorCode::HeaderExtraColumn,
            Severity::Warning,
            Some("Webex Go")
        )
    );
}

fn round_trip_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        cell(),
        Just("-Lab-".to_owned()),
        Just("@Home".to_owned()),
        Just("+Site".to_owned()),
        Just("Smith\\".to_owned()),
        Just("'=x".to_owned()),
        Just("''-y".to_owned()),
        Just("a\\,b".to_owned()),
        Just("\"q\"".to_owned()),
        Just("\tTab".to_owned()),
        Just("line\nbreak".to_owned()),
        "[-=+@'\\\\\",\" a\r\n]{0,8}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Issue 14: every export reads back through the library's own reader to the same values:
    /// the errors file to the refused rows' cells, the devices file to the accepted devices.
    #[test]
    fn every_export_reads_back_to_the_same_values(rows in prop::collection::vec(prop::collection::vec(round_trip_cell(), 9), 1..8), refuse in prop::collection::vec(any::<bool>(), 8)) {
        let header = "Type,Username,Phone Number,Extension,Device Type,Model,MAC Address,Location,Call Plan\n";
        let mut csv = String::from(header);
        for (i, row) in rows.iter().enumerate() {
            let mut row = row.clone();
            // Some rows are refused for sure (Device Type), so their cells go to the errors file.
            if refuse[i] {
                row[4] = "PHONE".to_owned();
            }
            let quoted: Vec<String> = row.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect();
            csv.push_str(&quoted.join(","));
            csv.push('\n');
        }
        for option in [options(), UploadOptions::new(UploadOption::LicenseAndDevice)] {
            let report = validate_upload(csv.as_bytes(), option.clone()).unwrap();
            let again = validate_upload(report.devices_csv().as_bytes(), option.clone()).unwrap();
            prop_assert_eq!(again.errors(), 0);
            prop_assert_eq!(device_values(&again), device_values(&report));
            let refused: Vec<Vec<String>> = refused_cells(&report, 0)
                .into_iter()
                .filter(|cells| cells.get(4).is_some_and(|c| c == "PHONE"))
                .collect();
            let again = validate_upload(report.errors_csv().as_bytes(), option).unwrap();
            let again: Vec<Vec<String>> = refused_cells(&again, 1)
                .into_iter()
                .filter(|cells| cells.get(4).is_some_and(|c| c == "PHONE"))
                .collect();
            prop_assert_eq!(again, refused);
        }
    }
}

#[test]
fn issue9_messages_are_human_text_not_rust_debug() {
    let e = mpp_migration::Board::from_json("{\"format\": 99}").unwrap_err();
    assert!(
        e.message().contains("board format 99 is not supported") && !e.message().contains("Some("),
        "{}",
        e.message()
    );
    let tabs = mpp_migration::TabCounts {
        pending: 1,
        ready: 2,
        ..Default::default()
    };
    assert_eq!(tabs.describe(), "1 pending, 2 in Ready for migration");
    let e = mpp_migration::TaskName::parse("a\u{0}b").unwrap_err();
    assert!(e.message().contains("U+0000"), "{}", e.message());
}

#[test]
fn csv15_the_errors_file_of_an_errors_file_has_one_errors_column() {
    let report = validate_upload_path(data("upload.csv"), options()).unwrap();
    let first = report.errors_csv();
    let again = validate_upload(first.as_bytes(), options()).unwrap();
    let second = again.errors_csv();
    assert_eq!(second.lines().next(), first.lines().next());
    assert_eq!(refused_cells(&again, 1), {
        // Every refused row comes back but the duplicate MAC's, first of its MAC now (DEC-2).
        let mut cells = refused_cells(&report, 0);
        cells.retain(|c| !c.iter().any(|c| c == "001A2B3C4D01"));
        cells
    });
    let third = validate_upload(second.as_bytes(), options()).unwrap();
    assert_eq!(third.errors_csv(), second);
}
