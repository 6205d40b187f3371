//! The status report of a task (TASK-6, *Download status report*): every device with its
//! tab, eligibility, batch or file, and last error.

use crate::task::Task;
use crate::upload::{Column, spreadsheet_safe};

use super::auto::AutoPlan;
use super::manual::ManualPlan;

/// The columns of the status report.
pub const STATUS_REPORT_COLUMNS: [&str; 11] = [
    "Device Name",
    "MAC Address",
    "Model",
    "Type",
    "Username",
    "Location",
    "Eligibility",
    "Tab",
    "Batch",
    "BAT File",
    "Last Error",
];

/// The plan whose batch or file each device is reported with.
#[derive(Clone, Copy, Debug)]
pub enum PlanRef<'a> {
    /// No plan yet.
    None,
    /// An automatic plan: the report gives each device's batch.
    Automatic(&'a AutoPlan),
    /// A manual plan: the report gives each device's BAT file.
    Manual(&'a ManualPlan),
}

/// The status report as CSV (TASK-6): UTF-8 without BOM, safe to open in a spreadsheet, and
/// read back by any CSV reader.
///
/// ```
/// use mpp_migration::*;
/// let mut task = Task::new(TaskName::parse("T")?, UploadOption::LicenseOnly);
/// task.add_devices([Device::new(Mac::parse("001A2B3C4D5E")?, parse_model("8845")?)], &EligibilityTable::control_hub())?;
/// let report = status_report_csv(&task, PlanRef::None);
/// assert!(report.lines().nth(1).unwrap().starts_with("SEP001A2B3C4D5E,001A2B3C4D5E,Cisco 8845,"));
/// # Ok::<(), mpp_migration::Error>(())
/// ```
pub fn status_report_csv(task: &Task, plan: PlanRef<'_>) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let _ = out.write_record(STATUS_REPORT_COLUMNS);
    for d in task.devices() {
        let device = d.device();
        let a = device.assignment();
        let mac = device.mac();
        let (batch, file) = match plan {
            PlanRef::None => (String::new(), String::new()),
            PlanRef::Automatic(p) => (
                p.batch_of(mac).map(|b| b.to_string()).unwrap_or_default(),
                String::new(),
            ),
            PlanRef::Manual(p) => (String::new(), p.file_of(mac).unwrap_or("").to_owned()),
        };
        let cells = [
            device.device_name(),
            mac.to_string(),
            device.model().ucm_name().to_owned(),
            a.map(|a| a.owner_type.as_str().to_owned())
                .unwrap_or_default(),
            a.map(|a| a.username.clone()).unwrap_or_default(),
            a.map(|a| a.location.clone()).unwrap_or_default(),
            d.eligibility().as_str().to_owned(),
            d.tab().as_str().to_owned(),
            batch,
            file,
            d.last_error().unwrap_or("").to_owned(),
        ];
        let _ = out.write_record(
            cells
                .iter()
                .map(|c| spreadsheet_safe(c, None::<Column>).into_owned()),
        );
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}
