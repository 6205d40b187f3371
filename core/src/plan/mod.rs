//! Completing the migration (AUTO-1 to AUTO-4, MAN-1 to MAN-5, EXT-7, EXT-10, EXT-11, TASK-6):
//! the automatic plan's batches, the manual plan's BAT files, the status report, and writing
//! a plan's files.

mod auto;
mod bat;
mod files;
mod loads;
mod manual;
mod report;

use crate::device::Device;
use crate::eligibility::EligibilityStatus;
use crate::eligibility::firmware_findings;
use crate::error::{Error, ErrorCode, Finding, Result};
use crate::task::{Board, CompletionMode, DeviceTab, Task, TaskStatus};

pub(crate) use auto::check_auto_prerequisites;
pub use auto::{AUTO_BATCH_SIZE, AutoPlan, AutoPlanOptions, plan_automatic};
pub use bat::{bat_file_content, check_bat_file_name};
pub use files::{MAX_OUTPUT_NAME_BYTES, OutputFile, recover_output_dir, write_files};
pub use loads::{CLOUD_UPGRADE_SERVER, MIN_MPP_FOR_V15, PhoneLoad, PhoneLoadTable};
pub use manual::{BatFile, BatGroup, License, ManualPlan, ManualPlanOptions, plan_manual};
pub use report::{PlanRef, STATUS_REPORT_COLUMNS, status_report_csv};

/// A plan is made for a task that is Ready for migration (TASK-7), and, as a defence in depth
/// behind the task's own invariants, never for a device ELIG-2, DEV-2 or DEV-4 forbids: every
/// ready device is eligible, or unknown in a task that includes unknown eligibility, and its
/// model has Enterprise firmware. A task that breaks this gets no plan at all.
fn require_ready(task: &Task) -> Result<()> {
    if task.status() != TaskStatus::ReadyForMigration {
        return Err(Error::new(
            ErrorCode::CompleteRequiresReady,
            format!(
                "task {} is {}; a migration plan needs a task that is Ready for migration",
                task.name(),
                task.status().label()
            ),
        ));
    }
    for d in task.devices() {
        if d.tab() != DeviceTab::ReadyForMigration {
            continue;
        }
        let mac = d.device().mac();
        let model = d.device().model().name();
        let refused = match d.eligibility() {
            _ if !d.device().model().has_enterprise_firmware() => Some((
                ErrorCode::DeviceNotEligible,
                format!("{model} runs MPP firmware only (DEV-4)"),
            )),
            EligibilityStatus::NotEligible => Some((
                ErrorCode::DeviceNotEligible,
                format!("{model} is not eligible and is never migrated (ELIG-2, DEV-2)"),
            )),
            EligibilityStatus::Unknown if !task.include_unknown() => Some((
                ErrorCode::DeviceEligibilityUnknown,
                format!(
                    "{model} has unknown eligibility and the task does not include unknown eligibility (ELIG-2)"
                ),
            )),
            _ => None,
        };
        if let Some((code, why)) = refused {
            return Err(Error::new(
                code,
                format!(
                    "task {} holds device {mac} in Ready for migration, but {why}; no plan is made",
                    task.name()
                ),
            ));
        }
    }
    Ok(())
}

/// The cautions of one phone before its migration, from the rules that own them: its
/// firmware (EXT-6, and MAN-1 for the manual path) and its Wi-Fi (DEV-8, AUTO-4).
fn device_cautions(device: &Device, manual: bool) -> Vec<Finding> {
    let mac = device.mac();
    let mut out: Vec<Finding> = device
        .firmware()
        .map(firmware_findings)
        .unwrap_or_default()
        .into_iter()
        .map(|f| {
            let note = if manual {
                " (MAN-1: the manual path needs 14.1 or later)"
            } else {
                ""
            };
            Finding::new(f.code(), format!("{mac}: {}{note}", f.message()))
        })
        .collect();
    if device.model().has_wifi() {
        out.push(Finding::new(
            ErrorCode::WifiSettingsLost,
            format!("{mac} ({}) must be on Ethernet during the migration; its Wi-Fi settings are erased", device.model().name()),
        ));
    }
    out
}

impl Board {
    /// Completes a task's migration automatically: plans it ([`plan_automatic`]), then applies
    /// *Complete migration* (with TASK-2 and TASK-9 as [`Board::apply`] checks them). Nothing
    /// changes when either refuses.
    pub fn complete_automatic(
        &mut self,
        task: &str,
        options: &AutoPlanOptions,
    ) -> Result<AutoPlan> {
        let plan = plan_automatic(self.task(task).ok_or_else(|| not_found(task))?, options)?;
        self.complete_with(task, CompletionMode::Automatic, Some(options))?;
        Ok(plan)
    }

    /// Completes a task's migration manually: plans it ([`plan_manual`]), then applies
    /// *Complete migration*. Nothing changes when either refuses.
    pub fn complete_manual(
        &mut self,
        task: &str,
        options: &ManualPlanOptions,
    ) -> Result<ManualPlan> {
        let plan = plan_manual(self.task(task).ok_or_else(|| not_found(task))?, options)?;
        self.complete_with(task, CompletionMode::Manual, None)?;
        Ok(plan)
    }
}

/// The cautions section that ends a plan's text, one line a finding with its rule and code;
/// nothing without findings.
fn push_cautions(out: &mut String, findings: &[Finding]) {
    if findings.is_empty() {
        return;
    }
    out.push_str(&format!("\nCautions ({}):\n", findings.len()));
    for f in findings {
        out.push_str(&format!("- {} [{} {}]\n", f.message(), f.rule(), f.name()));
    }
}

fn not_found(task: &str) -> Error {
    Error::new(
        ErrorCode::TaskNotFound,
        format!("no task is named {task:?}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Defence in depth: a task that breaks ELIG-2 (here built without the loader's checks,
    /// which no public route allows) still gets no plan, by either path.
    #[test]
    fn elig2_dev2_no_plan_holds_a_forbidden_device() {
        let json = r#"{"name":"t","option":"license_only","status":"ready_for_migration",
            "devices":[
              {"device":{"mac":"001A2B3C4D01","model":"8845"},"eligibility":"eligible","tab":"ready_for_migration"},
              {"device":{"mac":"001A2B3C4D02","model":"8821"},"eligibility":"not_eligible","tab":"ready_for_migration"},
              {"device":{"mac":"001A2B3C4D03","model":"7821"},"eligibility":"unknown","tab":"ready_for_migration"}]}"#;
        let doc: crate::task::TaskDocument = serde_json::from_str(json).unwrap();
        let task = doc.unchecked();
        let e = plan_manual(&task, &ManualPlanOptions::default()).unwrap_err();
        assert_eq!(e.code(), ErrorCode::DeviceNotEligible);
        assert!(e.message().contains("001A2B3C4D02") && e.message().contains("DEV-2"));
        let options = AutoPlanOptions::new(true, "Unified CM TFTP", "tftp.example.com");
        assert_eq!(
            plan_automatic(&task, &options).unwrap_err().code(),
            ErrorCode::DeviceNotEligible
        );
        let json = json.replace(
            r#""model":"8821"},"eligibility":"not_eligible""#,
            r#""model":"8845"},"eligibility":"eligible""#,
        );
        let doc: crate::task::TaskDocument = serde_json::from_str(&json).unwrap();
        let e = plan_manual(&doc.unchecked(), &ManualPlanOptions::default()).unwrap_err();
        assert_eq!(e.code(), ErrorCode::DeviceEligibilityUnknown);
        assert!(e.message().contains("001A2B3C4D03"));
    }
}
