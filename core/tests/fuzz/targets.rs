//! The bodies of the fuzz targets (issue 14 section 4), shared by the libFuzzer targets in
//! `fuzz/fuzz_targets/` (cargo-fuzz, nightly, AddressSanitizer) and by the stable smoke test
//! `core/tests/fuzz_smoke.rs`, which feeds them random and mutated bytes in every test run.
//!
//! Each body takes arbitrary bytes and must never panic, whatever they are; where the library
//! promises a round trip (a normalised identifier normalises to itself, a loaded directory or
//! board saves), the body checks it.

use mpp_migration::{
    Board, Directory, FirmwareVersion, HardwareVersion, Mac, UploadOption, UploadOptions,
    UploadReader, normalize_e164, parse_model, parse_model_label, validate_email, validate_upload,
};

/// The upload reader and the report: the first byte picks the option and a small size limit,
/// the rest is the CSV. Both the whole report (with its exports) and the streaming reader run.
pub fn upload(data: &[u8]) {
    let Some((&pick, csv)) = data.split_first() else {
        return;
    };
    let option = if pick & 1 == 0 {
        UploadOption::LicenseAndDevice
    } else {
        UploadOption::LicenseOnly
    };
    let options = UploadOptions::new(option);
    if let Ok(report) = validate_upload(csv, options.clone()) {
        let _ = report.errors_csv();
        let _ = report.devices_csv();
        assert!(
            report.added() <= report.total(),
            "more devices added than rows"
        );
    }
    if let Ok(reader) = UploadReader::new(csv, options) {
        for row in reader {
            if row.is_err() {
                break;
            }
        }
    }
}

/// The directory loader: what loads must save and load again to the same document.
pub fn directory(data: &[u8]) {
    if let Ok(directory) = Directory::from_json(data) {
        let saved = directory.to_json();
        let again = Directory::from_json(saved.as_bytes()).expect("a saved directory loads");
        assert_eq!(again.to_json(), saved, "a directory saves the same twice");
    }
}

/// The board loader: any text, never a panic; what loads can be saved.
pub fn board(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(board) = Board::from_json(text) {
            let _ = board.to_json();
        }
    }
}

/// The identifier parsers (DEV-6, CSV-5, the model, firmware and hardware version readers,
/// the email check): never a panic, and a normalised MAC or number normalises to itself.
pub fn identifiers(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(mac) = Mac::parse(&text) {
        assert_eq!(
            Mac::parse(&mac.to_string()).ok(),
            Some(mac),
            "MAC round trip"
        );
    }
    if let Ok(number) = normalize_e164(&text) {
        assert_eq!(
            normalize_e164(&number).ok(),
            Some(number.clone()),
            "E.164 round trip"
        );
    }
    let _ = validate_email(&text);
    let _ = parse_model(&text);
    let _ = parse_model_label(&text);
    let _ = FirmwareVersion::parse(&text);
    let _ = HardwareVersion::parse(&text);
}
