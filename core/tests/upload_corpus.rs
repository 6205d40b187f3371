//! The bad-input corpus (`examples/data/corpus`): every file gives the counts and findings its
//! manifest states. The C and Python suites check the same manifest.

use std::path::{Path, PathBuf};

use mpp_migration::{Directory, UploadOption, UploadOptions, validate_upload_path};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

struct Case {
    file: String,
    option: UploadOption,
    directory: bool,
    counts: (u64, u64, u64),
    findings: Vec<String>,
}

fn manifest() -> Vec<Case> {
    let text = std::fs::read_to_string(data_dir().join("corpus/manifest.csv")).expect("manifest");
    text.lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.splitn(7, ',').collect();
            assert_eq!(cells.len(), 7, "manifest line {line:?}");
            Case {
                file: cells[0].to_owned(),
                option: UploadOption::parse(cells[1]).expect("option"),
                directory: cells[2] == "directory.json",
                counts: (
                    cells[3].parse().unwrap(),
                    cells[4].parse().unwrap(),
                    cells[5].parse().unwrap(),
                ),
                findings: cells[6].split_whitespace().map(str::to_owned).collect(),
            }
        })
        .collect()
}

#[test]
fn every_corpus_file_gives_what_the_manifest_says() {
    let directory =
        Directory::from_json(std::fs::File::open(data_dir().join("directory.json")).unwrap())
            .unwrap();
    let cases = manifest();
    assert!(cases.len() >= 20);
    let mut failures = Vec::new();
    for case in &cases {
        let mut options = UploadOptions::new(case.option);
        if case.directory {
            options = options.with_directory(directory.clone());
        }
        let report =
            validate_upload_path(data_dir().join("corpus").join(&case.file), options).unwrap();
        let findings: Vec<String> = report
            .findings()
            .iter()
            .map(|f| format!("{}:{}", f.row().unwrap_or(0), f.name()))
            .collect();
        let counts = (report.added(), report.errors(), report.total());
        if counts != case.counts || findings != case.findings {
            failures.push(format!(
                "{} ({}): got {counts:?} {findings:?}, expected {:?} {:?}",
                case.file, case.option, case.counts, case.findings
            ));
        }
        // Invariants of every report (CSV-14, DEC-1, and the fields of every finding).
        assert_eq!(
            report.added() + report.errors(),
            report.total(),
            "{}",
            case.file
        );
        assert_eq!(report.devices().len() as u64, report.added());
        for f in report.findings() {
            assert!(
                f.row().is_some(),
                "{}: every finding of an upload has a row: {f}",
                case.file
            );
            assert!(!f.message().is_empty());
        }
        let rows: Vec<u64> = report.findings().iter().filter_map(|f| f.row()).collect();
        assert!(
            rows.windows(2).all(|w| w[0] <= w[1]),
            "{}: findings in input order",
            case.file
        );
    }
    assert!(
        failures.is_empty(),
        "corpus mismatches:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_corpus_file_is_in_the_manifest() {
    let listed: Vec<String> = manifest().into_iter().map(|c| c.file).collect();
    for entry in std::fs::read_dir(data_dir().join("corpus")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".csv") && name != "manifest.csv" {
            assert!(
                listed.contains(&name),
                "{name} is not in corpus/manifest.csv"
            );
        }
    }
}
