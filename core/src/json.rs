//! Results as data: one JSON document per result type, defined once here with serde, so the
//! Rust, C (`mpp_*_to_json`) and Python (`to_dict()`, `to_json()`) forms are the same text.
//! The keys of each document are listed in `docs/json.md`.
//!
//! - [`Finding`]: `number`, `code`, `rule`, `severity`, `message`, `suggestion`, `row`,
//!   `column` (its [`serde::Serialize`] impl; the last three are `null` when absent).
//! - [`UploadReport`]: `option`, `header`, `counts`, `severity_counts`, `directory_checked`,
//!   `devices`, `findings`, `rejected_rows` (CSV-14, CSV-15).
//! - [`Eligibility`]: `status`, `findings` (ELIG-1).
//! - [`TabCounts`]: its derived serde form.
//! - [`AutoPlan`](crate::AutoPlan), [`ManualPlan`](crate::ManualPlan) and
//!   [`Task`](crate::Task) have their own `to_json` (their derived serde forms; a plan's text
//!   is indented), which the bindings use in the same way.
//!
//! ```
//! use mpp_migration::{ErrorCode, Finding, ToJson};
//! let f = Finding::new(ErrorCode::MacInvalidLength, "MAC address \"001A\" has 4 hexadecimal digits; expected 12")
//!     .at(Some(3), Some("MAC Address"));
//! let doc: serde_json::Value = serde_json::from_str(&f.to_json()).unwrap();
//! assert_eq!(doc["code"], "mac_invalid_length");
//! assert_eq!(doc["rule"], "DEV-6");
//! assert_eq!(doc["severity"], "error");
//! assert_eq!(doc["row"], 3);
//! assert_eq!(doc["suggestion"], serde_json::Value::Null);
//! ```

use serde::Serialize;
use serde::ser::SerializeStruct;

use crate::eligibility::Eligibility;
use crate::error::Finding;
use crate::task::TabCounts;
use crate::upload::{Cells, UploadReport};

/// A result with a JSON document (the keys are listed in `docs/json.md`).
pub trait ToJson: Serialize {
    /// The document as compact JSON text. It cannot fail: every document is made of strings,
    /// numbers, booleans, null, lists and maps with string keys.
    fn to_json(&self) -> String {
        match serde_json::to_string(self) {
            Ok(text) => text,
            // Unreachable for the types above; kept as a valid JSON document rather than a panic.
            Err(e) => serde_json::json!({ "error": e.to_string() }).to_string(),
        }
    }
}

impl ToJson for Finding {}
impl ToJson for UploadReport {}
impl ToJson for Eligibility {}
impl ToJson for TabCounts {}

/// A refused row in the report's document: the findings are not repeated here, they are in the
/// report's `findings` with the same `row`.
#[derive(Serialize)]
struct RejectedRowDocument<'a> {
    row: u64,
    blank: bool,
    cells: Cells<'a>,
}

/// The refused rows of a report, written as they are read (no list of a million documents
/// first).
struct RejectedRowsDocument<'a>(&'a UploadReport);

impl Serialize for RejectedRowsDocument<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.rejected_rows().map(|r| RejectedRowDocument {
            row: r.row(),
            blank: r.is_blank(),
            cells: r.cells(),
        }))
    }
}

impl Serialize for Cells<'_> {
    /// A list of strings.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// The counts of an upload status (CSV-14).
#[derive(Serialize)]
struct CountsDocument {
    added: u64,
    errors: u64,
    total: u64,
}

/// Errors and warnings among the findings.
#[derive(Serialize)]
struct SeverityCountsDocument {
    errors: usize,
    warnings: usize,
}

impl Serialize for UploadReport {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let counts = self.counts();
        let (errors, warnings) = self.severity_counts();
        let mut s = serializer.serialize_struct("UploadReport", 8)?;
        s.serialize_field("option", &self.option())?;
        s.serialize_field("header", self.header())?;
        s.serialize_field(
            "counts",
            &CountsDocument {
                added: counts.added,
                errors: counts.errors,
                total: counts.total,
            },
        )?;
        s.serialize_field(
            "severity_counts",
            &SeverityCountsDocument { errors, warnings },
        )?;
        s.serialize_field("directory_checked", &self.directory_checked())?;
        s.serialize_field("devices", self.devices())?;
        s.serialize_field("findings", self.findings())?;
        s.serialize_field("rejected_rows", &RejectedRowsDocument(self))?;
        s.end()
    }
}

impl Serialize for Eligibility {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Eligibility", 2)?;
        s.serialize_field("status", &self.status())?;
        s.serialize_field("findings", self.findings())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ErrorCode, UploadOption, UploadOptions, validate_upload};

    #[test]
    fn finding_document_has_every_key_and_reads_back() {
        let f = Finding::new(ErrorCode::MacInvalidLength, "bad MAC")
            .with_suggestion("001A2B3C4D5E")
            .at(Some(4), Some("MAC Address"));
        let doc: serde_json::Value = serde_json::from_str(&f.to_json()).unwrap();
        assert_eq!(
            doc,
            serde_json::json!({
                "number": ErrorCode::MacInvalidLength.number(),
                "code": "mac_invalid_length",
                "rule": "DEV-6",
                "severity": "error",
                "message": "bad MAC",
                "suggestion": "001A2B3C4D5E",
                "row": 4,
                "column": "MAC Address",
            })
        );
        // The document reads back as the same finding (task boards store findings this way).
        let back: Finding = serde_json::from_str(&f.to_json()).unwrap();
        assert_eq!(back, f);
        let bare = Finding::new(ErrorCode::BlankLine, "blank");
        let back: Finding = serde_json::from_str(&bare.to_json()).unwrap();
        assert_eq!(back, bare);
    }

    #[test]
    fn upload_report_document_counts_and_rows() {
        let csv = "MAC Address,Model\n001A2B3C4D5E,Cisco 8845\nnot-a-mac,Cisco 8845\n";
        let report = validate_upload(
            csv.as_bytes(),
            UploadOptions::new(UploadOption::LicenseOnly),
        )
        .unwrap();
        let doc: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(doc["counts"]["total"], report.total());
        assert_eq!(doc["counts"]["added"], report.added());
        assert_eq!(
            doc["findings"].as_array().unwrap().len(),
            report.findings().len()
        );
        assert_eq!(
            doc["rejected_rows"].as_array().unwrap().len(),
            report.rejected_rows().len()
        );
        assert_eq!(doc["header"][0], "MAC Address");
    }
}
