//! A task's device list (ELIG-4, ELIG-5): searched on any attribute, case-insensitively and
//! in part; filtered by eligibility; downloaded with all its details as CSV or JSON.

use crate::eligibility::EligibilityStatus;
use crate::upload::spreadsheet_safe;

use super::task::{Task, TaskDevice};

/// The columns of the device list download (ELIG-5).
pub const DEVICE_LIST_COLUMNS: [&str; 17] = [
    "Device Name",
    "MAC Address",
    "Model",
    "Hardware Version",
    "Firmware",
    "Type",
    "Username",
    "Phone Number",
    "Extension",
    "Location",
    "Call Plan",
    "Eligibility",
    "Reasons",
    "Tab",
    "Last Error",
    "Wi-Fi",
    "Upload Row",
];

/// The cells of one device, in [`DEVICE_LIST_COLUMNS`] order.
pub(crate) fn device_cells(d: &TaskDevice) -> [String; 17] {
    let device = d.device();
    let a = device.assignment();
    let reasons: Vec<String> = d
        .reasons()
        .iter()
        .map(|f| format!("{} [{}]", f.message(), f.name()))
        .collect();
    [
        device.device_name(),
        device.mac().to_string(),
        device.model().ucm_name().to_owned(),
        device
            .hardware_version()
            .map(|v| v.to_string())
            .unwrap_or_default(),
        device
            .firmware()
            .map(|f| f.as_str().to_owned())
            .unwrap_or_default(),
        a.map(|a| a.owner_type.as_str().to_owned())
            .unwrap_or_default(),
        a.map(|a| a.username.clone()).unwrap_or_default(),
        a.and_then(|a| a.phone_number)
            .map(|n| n.to_string())
            .unwrap_or_default(),
        a.and_then(|a| a.extension.clone()).unwrap_or_default(),
        a.map(|a| a.location.clone()).unwrap_or_default(),
        a.map(|a| a.call_plan.to_string()).unwrap_or_default(),
        d.eligibility().as_str().to_owned(),
        reasons.join("; "),
        d.tab().as_str().to_owned(),
        d.last_error().unwrap_or("").to_owned(),
        if device.model().has_wifi() {
            "yes"
        } else {
            "no"
        }
        .to_owned(),
        device.row().map(|r| r.to_string()).unwrap_or_default(),
    ]
}

impl Task {
    /// The devices matching `query` on any attribute (device name, MAC in either spelling,
    /// model, type, username, phone number, extension, location, eligibility, tab, hardware and
    /// firmware version), case-insensitively and in part, and of the eligibility `filter` when
    /// given (ELIG-4). An empty query matches every device.
    ///
    /// ```
    /// use mpp_migration::*;
    /// let mut task = Task::new(TaskName::parse("T")?, UploadOption::LicenseOnly);
    /// let d = Device::new(Mac::parse("001A2B3C4D5E")?, parse_model("8845")?);
    /// task.add_devices([d], &EligibilityTable::control_hub())?;
    /// assert_eq!(task.search("4d:5e", None).len(), 1);
    /// assert_eq!(task.search("cisco 88", Some(EligibilityStatus::Eligible)).len(), 1);
    /// assert_eq!(task.search("7821", None).len(), 0);
    /// # Ok::<(), mpp_migration::Error>(())
    /// ```
    pub fn search(&self, query: &str, filter: Option<EligibilityStatus>) -> Vec<&TaskDevice> {
        self.search_indices(query, filter)
            .into_iter()
            .map(|i| &self.devices()[i])
            .collect()
    }

    /// [`search`](Self::search) as positions in [`devices`](Self::devices).
    pub fn search_indices(&self, query: &str, filter: Option<EligibilityStatus>) -> Vec<usize> {
        let query = query.trim().to_lowercase();
        self.devices()
            .iter()
            .enumerate()
            .filter(|(_, d)| filter.is_none_or(|f| d.eligibility() == f))
            .filter(|(_, d)| query.is_empty() || matches(d, &query))
            .map(|(i, _)| i)
            .collect()
    }

    /// The device list with all its details, as CSV (ELIG-5): UTF-8 without BOM, every cell safe
    /// to open in a spreadsheet.
    pub fn device_list_csv(&self) -> String {
        let mut out = csv::Writer::from_writer(Vec::new());
        let _ = out.write_record(DEVICE_LIST_COLUMNS);
        for d in self.devices() {
            let cells = device_cells(d);
            let _ = out.write_record(cells.iter().enumerate().map(|(i, c)| {
                let column = (DEVICE_LIST_COLUMNS[i] == "Phone Number")
                    .then_some(crate::upload::Column::PhoneNumber);
                spreadsheet_safe(c, column).into_owned()
            }));
        }
        String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
    }

    /// The device list with all its details, as JSON (ELIG-5): an array of the task's devices.
    pub fn device_list_json(&self) -> String {
        serde_json::to_string_pretty(self.devices()).unwrap_or_default()
    }
}

/// Whether any attribute of a device contains `query` (already lower-cased).
fn matches(d: &TaskDevice, query: &str) -> bool {
    let device = d.device();
    let model = device.model();
    let mut texts = device_cells(d).into_iter().chain([
        device.mac().to_colon_string(),
        model.name().to_owned(),
        model.part_number().to_owned(),
        d.eligibility().as_str().replace('_', " "),
        d.tab().label().to_owned(),
    ]);
    texts.any(|t| t.to_lowercase().contains(query))
}
