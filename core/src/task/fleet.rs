//! Fleet planning (issue 5, beyond Control Hub's 1000 devices a task, ELIG-3): any number of
//! devices split into tasks of at most 1000, with unique valid names (TASK-1), optionally
//! grouped by location or model, the same way for the same input.

use std::collections::BTreeMap;
use std::sync::Arc;

use foldhash::{HashSet, HashSetExt};

use crate::device::Device;
use crate::eligibility::EligibilityTable;
use crate::error::{ErrorCode, Finding, Result};
use crate::upload::{Column, UploadOption};

use super::name::TaskName;
use super::split::{check_max_devices, split_into_tasks};
use super::task::{MAX_TASK_DEVICES, Task};

/// How devices are grouped into tasks.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FleetGrouping {
    /// In input order.
    None,
    /// A location per task group (devices without a location form one group).
    Location,
    /// A model per task group.
    Model,
}

impl FleetGrouping {
    /// The value with this snake_case name (`as_str`), if any.
    pub fn parse(name: &str) -> Option<FleetGrouping> {
        FleetGrouping::ALL.into_iter().find(|v| v.as_str() == name)
    }

    /// Every grouping.
    pub const ALL: [FleetGrouping; 3] = [
        FleetGrouping::None,
        FleetGrouping::Location,
        FleetGrouping::Model,
    ];

    /// `"none"`, `"location"` or `"model"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            FleetGrouping::None => "none",
            FleetGrouping::Location => "location",
            FleetGrouping::Model => "model",
        }
    }
}

/// How to plan a fleet.
#[derive(Clone, Debug)]
pub struct FleetOptions {
    /// The start of every task name (made valid, TASK-1): `fleet` gives `fleet-001`.
    pub prefix: String,
    /// The grouping.
    pub group_by: FleetGrouping,
    /// The most devices per task: 1 to 1000 (ELIG-3).
    pub max_devices: usize,
    /// The migration option of the tasks (TASK-3).
    pub option: UploadOption,
    /// The eligibility table the devices are checked with.
    pub eligibility: Arc<EligibilityTable>,
}

impl FleetOptions {
    /// Tasks of 1000 devices named `{prefix}-001`…, not grouped, checked with the default
    /// table.
    pub fn new(prefix: &str, option: UploadOption) -> FleetOptions {
        FleetOptions {
            prefix: prefix.to_owned(),
            group_by: FleetGrouping::None,
            max_devices: MAX_TASK_DEVICES,
            option,
            eligibility: EligibilityTable::control_hub(),
        }
    }
}

/// A fleet split into tasks, and what could not be placed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FleetPlan {
    /// The tasks, in Draft, in name order within each group, groups in key order.
    pub tasks: Vec<Task>,
    /// One finding per device left out: a MAC given twice (DEV-6), a device that does not fit
    /// the option (TASK-3).
    pub findings: Vec<Finding>,
}

/// Splits devices into tasks of at most `options.max_devices` (ELIG-3). Deterministic: the
/// same devices in the same order give the same plan.
///
/// ```
/// use mpp_migration::*;
/// let devices: Vec<Device> = (0..2500u64)
///     .map(|i| Device::new(Mac::from_octets(i.to_be_bytes()[2..].try_into().unwrap()), parse_model("8845").unwrap()))
///     .collect();
/// let plan = plan_fleet(&devices, &FleetOptions::new("hq", UploadOption::LicenseOnly))?;
/// let sizes: Vec<usize> = plan.tasks.iter().map(|t| t.devices().len()).collect();
/// assert_eq!(sizes, [1000, 1000, 500]);
/// assert_eq!(plan.tasks[2].name().as_str(), "hq-003");
/// # Ok::<(), mpp_migration::Error>(())
/// ```
pub fn plan_fleet(devices: &[Device], options: &FleetOptions) -> Result<FleetPlan> {
    check_max_devices(options.max_devices)?;
    let prefix = TaskName::suggest(&options.prefix);
    let mut findings = Vec::new();
    let mut seen = HashSet::with_capacity(devices.len());
    let mut groups: BTreeMap<String, Vec<Device>> = BTreeMap::new();
    for device in devices {
        let at = |f: Finding| f.at(device.row(), Some(Column::MacAddress.header()));
        if !seen.insert(device.mac()) {
            findings.push(at(Finding::new(
                ErrorCode::DeviceAlreadyInTask,
                format!(
                    "device {} is listed twice; it is planned once (DEV-6)",
                    device.mac()
                ),
            )));
            continue;
        }
        if (options.option == UploadOption::LicenseAndDevice) != device.assignment().is_some() {
            findings.push(at(Finding::new(
                ErrorCode::TaskOptionMismatch,
                format!(
                    "device {} does not fit a {} task (TASK-3)",
                    device.mac(),
                    options.option
                ),
            )));
            continue;
        }
        let key = match options.group_by {
            FleetGrouping::None => String::new(),
            FleetGrouping::Location => device
                .assignment()
                .map_or_else(|| "no-location".to_owned(), |a| a.location.clone()),
            FleetGrouping::Model => device.model().name().to_owned(),
        };
        groups.entry(key).or_default().push(device.clone());
    }
    let mut tasks = Vec::new();
    split_into_tasks(&prefix, groups, options.max_devices, |name, chunk| {
        let mut task = Task::new(name, options.option);
        task.add_devices(chunk.iter().cloned(), &options.eligibility)?;
        tasks.push(task);
        Ok(())
    })?;
    Ok(FleetPlan { tasks, findings })
}
