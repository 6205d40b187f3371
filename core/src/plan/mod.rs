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
use crate::eligibility::firmware_findings;
use crate::error::{Error, ErrorCode, Finding, Result};
use crate::task::{Board, CompletionMode, Task, TaskEvent, TaskStatus};

pub use auto::{AUTO_BATCH_SIZE, AutoPlan, AutoPlanOptions, plan_automatic};
pub use bat::{bat_file_content, check_bat_file_name};
pub use files::{MAX_OUTPUT_NAME_BYTES, OutputFile, recover_output_dir, write_files};
pub use loads::{CLOUD_UPGRADE_SERVER, MIN_MPP_FOR_V15, PhoneLoad, PhoneLoadTable};
pub use manual::{BatFile, BatGroup, License, ManualPlan, ManualPlanOptions, plan_manual};
pub use report::{PlanRef, STATUS_REPORT_COLUMNS, status_report_csv};

/// A plan is made for a task that is Ready for migration (TASK-7).
fn require_ready(task: &Task) -> Result<()> {
    if task.status() == TaskStatus::ReadyForMigration {
        return Ok(());
    }
    Err(Error::new(
        ErrorCode::CompleteRequiresReady,
        format!(
            "task {} is {}; a migration plan needs a task that is Ready for migration",
            task.name(),
            task.status().label()
        ),
    ))
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
        self.apply(
            task,
            TaskEvent::Complete {
                mode: CompletionMode::Automatic,
            },
        )?;
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
        self.apply(
            task,
            TaskEvent::Complete {
                mode: CompletionMode::Manual,
            },
        )?;
        Ok(plan)
    }
}

fn not_found(task: &str) -> Error {
    Error::new(
        ErrorCode::TaskNotFound,
        format!("no task is named {task:?}"),
    )
}
