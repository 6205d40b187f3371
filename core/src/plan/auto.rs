//! The automatic completion (AUTO-1 to AUTO-4): prerequisites, then batches of at most 200
//! devices in a deterministic order.

use serde::Serialize;

use crate::error::{Error, ErrorCode, Finding, Result};
use crate::mac::Mac;
use crate::task::{DeviceTab, Task, TaskName};

use super::bat::safe_stem;
use super::files::OutputFile;
use super::{device_cautions, require_ready};

/// The most devices in one batch (AUTO-3).
pub const AUTO_BATCH_SIZE: usize = 200;

/// What the administrator picks for automatic completion (AUTO-1, AUTO-2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AutoPlanOptions {
    /// Whether the organisation has Cloud Connected UC (AUTO-1).
    pub cloud_connected_uc: bool,
    /// The TFTP server type picked (AUTO-2).
    pub tftp_server_type: String,
    /// The Unified CM TFTP load server where the devices can be found (AUTO-2).
    pub load_server: String,
    /// Devices per batch: at most 200, the default (AUTO-3).
    pub batch_size: usize,
}

impl AutoPlanOptions {
    /// Options with batches of 200.
    pub fn new(
        cloud_connected_uc: bool,
        tftp_server_type: &str,
        load_server: &str,
    ) -> AutoPlanOptions {
        AutoPlanOptions {
            cloud_connected_uc,
            tftp_server_type: tftp_server_type.to_owned(),
            load_server: load_server.to_owned(),
            batch_size: AUTO_BATCH_SIZE,
        }
    }
}

/// The automatic completion of a task: its batches, in order, and the cautions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AutoPlan {
    task: TaskName,
    tftp_server_type: String,
    load_server: String,
    batches: Vec<Vec<Mac>>,
    #[serde(skip)]
    device_names: Vec<Vec<(String, &'static str)>>,
    findings: Vec<Finding>,
}

/// Plans the automatic completion of a task that is Ready for migration (TASK-7): checks the
/// prerequisites (AUTO-1, AUTO-2), then splits the ready devices, in the task's order, into
/// batches of at most 200 (AUTO-3); Wi-Fi capable phones get the wired-connection caution
/// (AUTO-4, DEV-8).
///
/// Errors: [`ErrorCode::CompleteRequiresReady`], [`ErrorCode::CloudConnectedUcRequired`],
/// [`ErrorCode::TftpServerRequired`], [`ErrorCode::LoadServerRequired`],
/// [`ErrorCode::InvalidArgument`] for a batch size outside 1 to 200.
pub fn plan_automatic(task: &Task, options: &AutoPlanOptions) -> Result<AutoPlan> {
    require_ready(task)?;
    check_auto_prerequisites(options)?;
    let ready: Vec<_> = task
        .devices()
        .iter()
        .filter(|d| d.tab() == DeviceTab::ReadyForMigration)
        .collect();
    let findings = ready
        .iter()
        .flat_map(|d| device_cautions(d.device(), false))
        .collect();
    let chunks: Vec<_> = ready.chunks(options.batch_size).collect();
    Ok(AutoPlan {
        task: task.name().clone(),
        tftp_server_type: options.tftp_server_type.trim().to_owned(),
        load_server: options.load_server.trim().to_owned(),
        batches: chunks
            .iter()
            .map(|c| c.iter().map(|d| d.device().mac()).collect())
            .collect(),
        device_names: chunks
            .iter()
            .map(|c| {
                c.iter()
                    .map(|d| (d.device().device_name(), d.device().model().name()))
                    .collect()
            })
            .collect(),
        findings,
    })
}

/// The prerequisites of automatic completion, the one check every route to it goes through
/// (planning, [`Board::complete_automatic`](crate::Board::complete_automatic), an automatic
/// subset, the task's own *Complete migration*): Cloud Connected UC (AUTO-1), a TFTP server
/// type and a load server (AUTO-2), batches of 1 to 200 (AUTO-3).
pub(crate) fn check_auto_prerequisites(options: &AutoPlanOptions) -> Result<()> {
    if !options.cloud_connected_uc {
        return Err(Error::new(
            ErrorCode::CloudConnectedUcRequired,
            "automatic completion is disabled without Cloud Connected UC; complete the migration manually (MAN-1) instead",
        ));
    }
    if options.tftp_server_type.trim().is_empty() {
        return Err(Error::new(
            ErrorCode::TftpServerRequired,
            "pick the TFTP server type for automatic completion",
        ));
    }
    if options.load_server.trim().is_empty() {
        return Err(Error::new(
            ErrorCode::LoadServerRequired,
            "give the Unified CM TFTP load server where the devices can be found",
        ));
    }
    if !(1..=AUTO_BATCH_SIZE).contains(&options.batch_size) {
        return Err(Error::invalid_argument(format!(
            "batch size {} is not between 1 and {AUTO_BATCH_SIZE} (AUTO-3)",
            options.batch_size
        )));
    }
    Ok(())
}

impl AutoPlan {
    /// The task planned.
    pub fn task(&self) -> &TaskName {
        &self.task
    }
    /// The batches, in order, each of at most 200 devices (AUTO-3).
    pub fn batches(&self) -> &[Vec<Mac>] {
        &self.batches
    }
    /// The number (from 1) of the batch holding `mac`.
    pub fn batch_of(&self, mac: Mac) -> Option<usize> {
        self.batches
            .iter()
            .position(|b| b.contains(&mac))
            .map(|i| i + 1)
    }
    /// The cautions: wired connection for Wi-Fi capable phones (AUTO-4, DEV-8), firmware to
    /// upgrade first (EXT-6).
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
    /// The TFTP server type picked (AUTO-2).
    pub fn tftp_server_type(&self) -> &str {
        &self.tftp_server_type
    }
    /// The Unified CM TFTP load server (AUTO-2).
    pub fn load_server(&self) -> &str {
        &self.load_server
    }

    /// The batches as CSV: Batch, Device Name, MAC Address, Model.
    pub fn batches_csv(&self) -> String {
        let mut out = String::from("Batch,Device Name,MAC Address,Model\r\n");
        for (i, (batch, names)) in self.batches.iter().zip(&self.device_names).enumerate() {
            for (mac, (name, model)) in batch.iter().zip(names) {
                out.push_str(&format!("{},{name},{mac},{model}\r\n", i + 1));
            }
        }
        out
    }

    /// What the administrator does, step by step.
    pub fn instructions_text(&self) -> String {
        let devices: usize = self.batches.iter().map(Vec::len).sum();
        let mut out = format!(
            "Automatic completion of task {} ({devices} devices, {} batches)\n\n",
            self.task,
            self.batches.len()
        );
        out.push_str("1. Connect every Wi-Fi capable phone by Ethernet: the migration erases its Wi-Fi settings (AUTO-4, DEV-8).\n");
        out.push_str(&format!(
            "2. In Control Hub, task {}: Automatic completion > Migrate phones. Pick TFTP server type \"{}\" and the Unified CM TFTP load server \"{}\" (AUTO-2). Continue.\n",
            self.task, self.tftp_server_type, self.load_server
        ));
        out.push_str(&format!("3. The phones are migrated in batches of at most {AUTO_BATCH_SIZE} (AUTO-3); the batches are in the batches file.\n"));
        out.push_str("4. Refresh device status to follow each device to Completed; re-join Wi-Fi afterwards where needed.\n");
        super::push_cautions(&mut out, &self.findings);
        out
    }

    /// The plan as JSON: task, server choices, batches and cautions.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The plan's files: the batches, the instructions as text and JSON.
    pub fn files(&self) -> Vec<OutputFile> {
        let stem = safe_stem(self.task.as_str());
        vec![
            OutputFile {
                name: format!("{stem}_auto_batches.csv"),
                content: self.batches_csv(),
            },
            OutputFile {
                name: format!("{stem}_auto_instructions.txt"),
                content: self.instructions_text(),
            },
            OutputFile {
                name: format!("{stem}_auto_plan.json"),
                content: self.to_json(),
            },
        ]
    }
}
