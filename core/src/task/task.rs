//! A migration task (TASK-1 to TASK-9, ELIG-2, ELIG-3): its devices with their eligibility
//! and tab, its status, and the events that move them, all through [`Task::apply`] and the
//! table of [`status`](super::status).

use foldhash::{HashMap, HashMapExt};
use serde::{Deserialize, Serialize};

use crate::device::Device;
use crate::directory::Directory;
use crate::eligibility::{EligibilityStatus, EligibilityTable};
use crate::error::{Error, ErrorCode, Finding, Result};
use crate::mac::Mac;
use crate::plan::AutoPlanOptions;
use crate::upload::{Column, UploadCounts, UploadOption, UploadReport};

use super::name::TaskName;
use super::status::{
    CompletionMode, DeviceTab, EventKind, Outcome, TabCounts, TaskStatus, status_from_tabs,
    transition,
};

/// The most devices one task holds (ELIG-3).
pub const MAX_TASK_DEVICES: usize = 1000;

/// The most a task's accumulated upload counts (CSV-14) and a device's upload row may reach:
/// 2^53 - 1, the largest integer every JSON reader (JavaScript's numbers among them) holds
/// exactly. A saved board beyond it is refused; an upload that would pass it is refused with
/// [`ErrorCode::UploadCountLimit`], so the arithmetic on the counts never overflows.
pub const MAX_UPLOAD_COUNT: u64 = (1 << 53) - 1;

/// A device of a task: the device, what eligibility said of it, and where it stands.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskDevice {
    device: Device,
    eligibility: EligibilityStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    reasons: Vec<Finding>,
    tab: DeviceTab,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_error: Option<String>,
}

impl TaskDevice {
    /// The device.
    pub fn device(&self) -> &Device {
        &self.device
    }
    /// Eligible, not eligible or unknown (ELIG-1), as checked when the device was added.
    pub fn eligibility(&self) -> EligibilityStatus {
        self.eligibility
    }
    /// The reasons of the eligibility: errors and warnings (EXT-1 to EXT-8, DEV-8).
    pub fn reasons(&self) -> &[Finding] {
        &self.reasons
    }
    /// The tab it sits in (TASK-5).
    pub fn tab(&self) -> DeviceTab {
        self.tab
    }
    /// Why it is in Error, when it is.
    pub fn last_error(&self) -> Option<&str> {
        self.last_error.as_deref()
    }
    fn move_to_error(&mut self, why: String) {
        self.tab = DeviceTab::Error;
        self.last_error = Some(why);
    }
    fn move_to(&mut self, tab: DeviceTab) {
        self.tab = tab;
        self.last_error = None;
    }
}

/// How many devices of a task are eligible, not eligible, unknown (the counters of the device
/// list, ELIG-1).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct EligibilityCounts {
    /// All devices (at most 1000, ELIG-3).
    pub total: usize,
    /// Eligible.
    pub eligible: usize,
    /// Not eligible.
    pub not_eligible: usize,
    /// Unknown.
    pub unknown: usize,
}

/// What adding devices did: how many were added, and a finding for each that was not.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct AddOutcome {
    /// Devices added.
    pub added: usize,
    /// One finding per device not added (DEV-6 duplicates, ELIG-3 beyond 1000), placed at its
    /// upload row when it came from one.
    pub findings: Vec<Finding>,
}

/// An event the host reports to a task (TASK-5, TASK-6, TASK-7). The library talks to no
/// server: the host tells it what Control Hub and Unified CM did.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TaskEvent {
    /// *Prepare for migration* (licenses are generated; ELIG-2 picks the devices).
    StartPreparation,
    /// A device was prepared.
    Prepared {
        /// The device.
        mac: Mac,
    },
    /// A device failed preparation.
    PreparationFailed {
        /// The device.
        mac: Mac,
        /// Why, as Control Hub says.
        reason: String,
    },
    /// Fixed devices move from Error back to Ready for migration (TASK-5).
    MoveToReady {
        /// The devices.
        macs: Vec<Mac>,
    },
    /// *Complete migration* for the whole task (TASK-7).
    Complete {
        /// Automatic or manual.
        mode: CompletionMode,
    },
    /// A device was migrated.
    Migrated {
        /// The device.
        mac: Mac,
    },
    /// A device failed to migrate.
    MigrationFailed {
        /// The device.
        mac: Mac,
        /// Why.
        reason: String,
    },
    /// *Pause migration*.
    Pause,
    /// *Resume migration*.
    Resume,
    /// *Cancel migration*.
    Cancel,
    /// *Include unknown eligibility* on or off (ELIG-2).
    SetIncludeUnknown(bool),
    /// Devices leave the task.
    RemoveDevices {
        /// The devices.
        macs: Vec<Mac>,
    },
}

impl TaskEvent {
    /// The kind of the event, for the transition table.
    pub fn kind(&self) -> EventKind {
        match self {
            TaskEvent::StartPreparation => EventKind::StartPreparation,
            TaskEvent::Prepared { .. } | TaskEvent::PreparationFailed { .. } => {
                EventKind::PreparationResult
            }
            TaskEvent::MoveToReady { .. } => EventKind::MoveToReady,
            TaskEvent::Complete { .. } => EventKind::Complete,
            TaskEvent::Migrated { .. } | TaskEvent::MigrationFailed { .. } => {
                EventKind::MigrationResult
            }
            TaskEvent::Pause => EventKind::Pause,
            TaskEvent::Resume => EventKind::Resume,
            TaskEvent::Cancel => EventKind::Cancel,
            TaskEvent::SetIncludeUnknown(_) => EventKind::SetIncludeUnknown,
            TaskEvent::RemoveDevices { .. } => EventKind::RemoveDevices,
        }
    }

    /// The device a preparation or migration result is about (TASK-5); None for the others.
    pub fn mac(&self) -> Option<Mac> {
        match self {
            TaskEvent::Prepared { mac }
            | TaskEvent::PreparationFailed { mac, .. }
            | TaskEvent::Migrated { mac }
            | TaskEvent::MigrationFailed { mac, .. } => Some(*mac),
            _ => None,
        }
    }

    /// The devices of `MoveToReady` and `RemoveDevices`; empty for the others.
    pub fn macs(&self) -> &[Mac] {
        match self {
            TaskEvent::MoveToReady { macs } | TaskEvent::RemoveDevices { macs } => macs,
            _ => &[],
        }
    }

    /// Why a device failed preparation or migration, as Control Hub says (TASK-5); None for
    /// the other events.
    pub fn reason(&self) -> Option<&str> {
        match self {
            TaskEvent::PreparationFailed { reason, .. }
            | TaskEvent::MigrationFailed { reason, .. } => Some(reason),
            _ => None,
        }
    }

    /// The mode of `Complete` (TASK-7); None for the others.
    pub fn mode(&self) -> Option<CompletionMode> {
        match self {
            TaskEvent::Complete { mode } => Some(*mode),
            _ => None,
        }
    }

    /// Whether `SetIncludeUnknown` turns *Include unknown eligibility* on (ELIG-2); None for the
    /// others.
    pub fn include_unknown(&self) -> Option<bool> {
        match self {
            TaskEvent::SetIncludeUnknown(on) => Some(*on),
            _ => None,
        }
    }
}

/// A migration task.
///
/// ```
/// use mpp_migration::*;
/// let mut task = Task::new(TaskName::parse("HQ-1")?, UploadOption::LicenseOnly);
/// let table = EligibilityTable::control_hub();
/// let phone = |mac: &str, model: &str| Ok::<_, Error>(Device::new(Mac::parse(mac)?, parse_model(model)?));
/// let added = task.add_devices([phone("001A2B3C4D5E", "8845")?, phone("001A2B3C4D5F", "8821")?], &table)?;
/// assert_eq!(added.added, 2);
/// task.apply(TaskEvent::StartPreparation)?;           // the 8821 goes to Error (DEV-2, ELIG-2)
/// let mac = Mac::parse("001A2B3C4D5E")?;
/// assert_eq!(task.apply(TaskEvent::Prepared { mac })?, TaskStatus::ReadyWithErrors);
/// # Ok::<(), mpp_migration::Error>(())
/// ```
///
/// A task read by serde directly (`serde_json::from_str::<Task>`) goes through the same checks
/// as [`Task::from_json`] but the eligibility recomputation, which needs a table: its index is
/// built and every invariant ([`Task::check`]) holds.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields, try_from = "TaskDocument")]
pub struct Task {
    name: TaskName,
    option: UploadOption,
    status: TaskStatus,
    #[serde(default)]
    paused: bool,
    #[serde(default)]
    include_unknown: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    completion: Option<CompletionMode>,
    #[serde(default)]
    uploads: UploadCountsDocument,
    devices: Vec<TaskDevice>,
    #[serde(skip)]
    index: HashMap<Mac, usize>,
}

/// A task as a document holds it, before any check: the loaders check it with
/// [`Task::load`], serde's own route with [`Task::check`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TaskDocument {
    name: TaskName,
    option: UploadOption,
    status: TaskStatus,
    #[serde(default)]
    paused: bool,
    #[serde(default)]
    include_unknown: bool,
    #[serde(default)]
    completion: Option<CompletionMode>,
    #[serde(default)]
    uploads: UploadCountsDocument,
    devices: Vec<TaskDevice>,
}

impl TaskDocument {
    /// The task it describes, unchecked and without its index: [`Task::load`] comes next.
    pub(crate) fn unchecked(self) -> Task {
        Task {
            name: self.name,
            option: self.option,
            status: self.status,
            paused: self.paused,
            include_unknown: self.include_unknown,
            completion: self.completion,
            uploads: self.uploads,
            devices: self.devices,
            index: HashMap::new(),
        }
    }
}

impl TryFrom<TaskDocument> for Task {
    type Error = Finding;

    fn try_from(doc: TaskDocument) -> std::result::Result<Task, Finding> {
        let mut task = doc.unchecked();
        task.after_load()
            .and_then(|()| task.check())
            .map_err(|e| e.finding().clone())?;
        Ok(task)
    }
}

/// The saved form of the accumulated upload counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct UploadCountsDocument {
    added: u64,
    errors: u64,
    total: u64,
}

impl PartialEq for Task {
    fn eq(&self, other: &Task) -> bool {
        self.name == other.name
            && self.option == other.option
            && self.status == other.status
            && self.paused == other.paused
            && self.include_unknown == other.include_unknown
            && self.completion == other.completion
            && self.uploads == other.uploads
            && self.devices == other.devices
    }
}

impl Eq for Task {}

impl Task {
    /// An empty task in Draft.
    pub fn new(name: TaskName, option: UploadOption) -> Task {
        Task {
            name,
            option,
            status: TaskStatus::Draft,
            paused: false,
            include_unknown: false,
            completion: None,
            uploads: UploadCountsDocument::default(),
            devices: Vec::new(),
            index: HashMap::new(),
        }
    }

    /// The name (TASK-1).
    pub fn name(&self) -> &TaskName {
        &self.name
    }
    /// The migration option (TASK-3).
    pub fn option(&self) -> UploadOption {
        self.option
    }
    /// The status (TASK-4).
    pub fn status(&self) -> TaskStatus {
        self.status
    }
    /// Whether the task is paused (TASK-6).
    pub fn is_paused(&self) -> bool {
        self.paused
    }
    /// Whether devices of unknown eligibility are prepared (ELIG-2).
    pub fn include_unknown(&self) -> bool {
        self.include_unknown
    }
    /// How the migration was completed, once it was.
    pub fn completion(&self) -> Option<CompletionMode> {
        self.completion
    }
    /// The counts of every upload to the task, added together (CSV-14).
    pub fn upload_counts(&self) -> UploadCounts {
        UploadCounts {
            added: self.uploads.added,
            errors: self.uploads.errors,
            total: self.uploads.total,
        }
    }
    /// The devices, in the order they were added.
    pub fn devices(&self) -> &[TaskDevice] {
        &self.devices
    }
    /// The device with this MAC.
    pub fn device(&self, mac: Mac) -> Option<&TaskDevice> {
        self.device_index(mac).and_then(|i| self.devices.get(i))
    }
    /// The position in [`devices`](Self::devices) of the device with this MAC (a task holds a
    /// MAC once, DEV-6): what a binding that lends devices by index looks up.
    pub fn device_index(&self, mac: Mac) -> Option<usize> {
        self.index.get(&mac).copied()
    }
    /// Whether the task holds this device.
    pub fn contains(&self, mac: Mac) -> bool {
        self.index.contains_key(&mac)
    }
    /// How many devices sit in each tab (TASK-5).
    pub fn tab_counts(&self) -> TabCounts {
        let mut counts = TabCounts::default();
        for d in &self.devices {
            counts.add(d.tab);
        }
        counts
    }
    /// How many devices are eligible, not eligible, unknown (ELIG-1).
    pub fn eligibility_counts(&self) -> EligibilityCounts {
        let mut c = EligibilityCounts {
            total: self.devices.len(),
            ..EligibilityCounts::default()
        };
        for d in &self.devices {
            match d.eligibility {
                EligibilityStatus::Eligible => c.eligible += 1,
                EligibilityStatus::NotEligible => c.not_eligible += 1,
                EligibilityStatus::Unknown => c.unknown += 1,
            }
        }
        c
    }

    /// Checks that `event` may happen now: not while paused (TASK-6), and by the transition
    /// table (TASK-4). Returns the table's outcome.
    fn allow(&self, event: EventKind) -> Result<Outcome> {
        if self.paused
            && !matches!(
                event,
                EventKind::Resume | EventKind::Cancel | EventKind::StatusReport
            )
        {
            return Err(Error::new(
                ErrorCode::TaskPaused,
                format!(
                    "task {} is paused; resume or cancel it before {}",
                    self.name,
                    event.as_str()
                ),
            ));
        }
        match transition(self.status, event) {
            Outcome::Refused(code) => Err(Error::new(
                code,
                format!(
                    "{} is not allowed while task {} is {}",
                    event.as_str(),
                    self.name,
                    self.status.label()
                ),
            )),
            outcome => Ok(outcome),
        }
    }

    /// Adds devices (Draft only), checking eligibility with `table`. A device that does not fit
    /// the task's option (TASK-3: a user or workspace for *license and device*, none for
    /// *license only*), already in the task (DEV-6), or beyond the 1000th (ELIG-3) is not added;
    /// each gets a finding.
    pub fn add_devices(
        &mut self,
        devices: impl IntoIterator<Item = Device>,
        table: &EligibilityTable,
    ) -> Result<AddOutcome> {
        self.allow(EventKind::AddDevices)?;
        let mut outcome = AddOutcome::default();
        for device in devices {
            let mac = device.mac();
            let at = |f: Finding| f.at(device.row(), Some(Column::MacAddress.header()));
            if (self.option == UploadOption::LicenseAndDevice) != device.assignment().is_some() {
                let why = if device.assignment().is_some() {
                    "is assigned to a user or workspace"
                } else {
                    "has no user or workspace"
                };
                outcome.findings.push(at(Finding::new(
                    ErrorCode::TaskOptionMismatch,
                    format!(
                        "device {mac} {why}, which does not fit {} task {}",
                        self.option, self.name
                    ),
                )));
            } else if let Some(f) = not_for_a_task(&device) {
                let column = f.column().map(str::to_owned);
                outcome.findings.push(f.at(device.row(), column));
            } else if self.index.contains_key(&mac) {
                outcome.findings.push(at(Finding::new(
                    ErrorCode::DeviceAlreadyInTask,
                    format!("device {mac} is already in task {}", self.name),
                )));
            } else if self.devices.len() >= MAX_TASK_DEVICES {
                outcome.findings.push(at(Finding::new(
                    ErrorCode::TaskFull,
                    format!("task {} already holds {MAX_TASK_DEVICES} devices; device {mac} was not added (plan a fleet into several tasks)", self.name),
                )));
            } else {
                let (eligibility, reasons) = table
                    .check(device.model(), device.hardware_version(), device.firmware())
                    .into_parts();
                self.index.insert(mac, self.devices.len());
                self.devices.push(TaskDevice {
                    device,
                    eligibility,
                    reasons,
                    tab: DeviceTab::Pending,
                    last_error: None,
                });
                outcome.added += 1;
            }
        }
        Ok(outcome)
    }

    /// Adds the accepted devices of an upload report and its counts (CSV-14). The report must
    /// be of the task's option (TASK-3).
    pub fn add_upload(
        &mut self,
        report: &UploadReport,
        table: &EligibilityTable,
    ) -> Result<AddOutcome> {
        self.check_upload(report)?;
        let outcome = self.add_devices(report.devices().iter().cloned(), table)?;
        self.count_upload(report, outcome.added);
        Ok(outcome)
    }

    pub(crate) fn check_upload(&self, report: &UploadReport) -> Result<()> {
        self.allow(EventKind::AddDevices)?;
        if report.option() != self.option {
            return Err(Error::new(
                ErrorCode::TaskOptionMismatch,
                format!(
                    "task {} is {} but the upload was validated as {}",
                    self.name,
                    self.option,
                    report.option()
                ),
            ));
        }
        let total = report.counts().total;
        if self
            .uploads
            .total
            .checked_add(total)
            .is_none_or(|t| t > MAX_UPLOAD_COUNT)
        {
            return Err(Error::new(
                ErrorCode::UploadCountLimit,
                format!(
                    "task {} has counted {} uploaded rows; {total} more would pass the limit of {MAX_UPLOAD_COUNT} (CSV-14); nothing was added, upload into a new task",
                    self.name, self.uploads.total
                ),
            ));
        }
        Ok(())
    }

    /// Counts an upload of which the task took `added` devices (CSV-14, DEC-1): Added is what
    /// the task really took (a row whose device is already in the task, in another task or
    /// beyond the 1000th is not added), Errors every other row, so Added + Errors = Total.
    /// [`check_upload`](Self::check_upload) has made sure the sums stay within
    /// [`MAX_UPLOAD_COUNT`].
    pub(crate) fn count_upload(&mut self, report: &UploadReport, added: usize) {
        let total = report.counts().total;
        let added = u64::try_from(added).unwrap_or(u64::MAX).min(total);
        let sum = |a: u64, b: u64| a.saturating_add(b).min(MAX_UPLOAD_COUNT);
        self.uploads.total = sum(self.uploads.total, total);
        self.uploads.added = sum(self.uploads.added, added);
        self.uploads.errors = sum(self.uploads.errors, total - added);
    }

    /// Applies an event and returns the new status (TASK-4 to TASK-7). The one place the
    /// transition table is enforced. Without a directory, Complete migration does not check
    /// TASK-9 (use [`apply_with`](Self::apply_with)); a standalone task does not check TASK-2
    /// (a [`Board`](crate::Board) does). An event that is refused changes nothing.
    pub fn apply(&mut self, event: TaskEvent) -> Result<TaskStatus> {
        self.apply_with(event, None)
    }

    /// [`apply`](Self::apply), checking TASK-9 against `directory` when given.
    ///
    /// *Complete migration* by [`CompletionMode::Automatic`] is refused here
    /// ([`ErrorCode::CloudConnectedUcRequired`]): AUTO-1 and AUTO-2 need the administrator's
    /// choices, which [`Board::complete_automatic`](crate::Board::complete_automatic) and
    /// [`Board::complete_subset_automatic`](crate::Board::complete_subset_automatic) carry.
    pub fn apply_with(
        &mut self,
        event: TaskEvent,
        directory: Option<&Directory>,
    ) -> Result<TaskStatus> {
        self.apply_full(event, directory, None)
    }

    /// The one implementation of every event: TASK-9 against `directory`, AUTO-1 and AUTO-2
    /// against `auto` for an automatic completion (refused without them), and the task's
    /// invariants after the event. Nothing changes when it is refused.
    pub(crate) fn apply_full(
        &mut self,
        event: TaskEvent,
        directory: Option<&Directory>,
        auto: Option<&AutoPlanOptions>,
    ) -> Result<TaskStatus> {
        // TASK-6: Refresh device status reports what Control Hub shows; a report of what the
        // task already records changes nothing, whenever it comes.
        if self.already_recorded(&event) {
            return Ok(self.status);
        }
        let outcome = self.allow(event.kind())?;
        let preparable = |t: &Task, i: usize| {
            let d = &t.devices[i];
            if t.prepares(d) {
                Ok(i)
            } else {
                Err(refusal(d))
            }
        };
        match event {
            TaskEvent::StartPreparation => self.start_preparation()?,
            // A device in Error may be prepared again while preparation runs (a retry), when
            // ELIG-2 lets it be prepared at all.
            TaskEvent::Prepared { mac } => self
                .position_in_any(mac, &[DeviceTab::Pending, DeviceTab::Error])
                .and_then(|i| preparable(self, i))
                .map(|i| self.devices[i].move_to(DeviceTab::ReadyForMigration))?,
            TaskEvent::PreparationFailed { mac, reason } => self
                .position_in_any(mac, &[DeviceTab::Pending, DeviceTab::Error])
                .map(|i| self.devices[i].move_to_error(reason))?,
            TaskEvent::MoveToReady { macs } => {
                let positions = macs
                    .iter()
                    .map(|&mac| self.movable_to_ready(mac))
                    .collect::<Result<Vec<_>>>()?;
                for i in positions {
                    self.devices[i].move_to(DeviceTab::ReadyForMigration);
                }
            }
            TaskEvent::Complete { mode } => {
                if mode == CompletionMode::Automatic {
                    match auto {
                        Some(options) => crate::plan::check_auto_prerequisites(options)?,
                        None => {
                            return Err(Error::new(
                                ErrorCode::CloudConnectedUcRequired,
                                format!(
                                    "automatic completion of task {} needs Cloud Connected UC (AUTO-1), a TFTP server type and a load server (AUTO-2); complete it with complete_automatic (or complete_subset_automatic) and those choices, or manually",
                                    self.name
                                ),
                            ));
                        }
                    }
                }
                let ready: Vec<usize> = (0..self.devices.len())
                    .filter(|&i| self.devices[i].tab == DeviceTab::ReadyForMigration)
                    .collect();
                if ready.is_empty() {
                    return Err(Error::new(
                        ErrorCode::TaskEmpty,
                        format!("task {} has no device ready for migration", self.name),
                    ));
                }
                self.check_in_webex_calling(ready.iter().map(|&i| &self.devices[i]), directory)?;
                for i in ready {
                    self.devices[i].move_to(DeviceTab::InProgress);
                }
                self.completion = Some(mode);
            }
            // A device in Error of a migration failed to migrate (the invariants allow no other
            // way into Error once a migration is complete): the host may retry it, and report
            // it migrated, or failed again.
            TaskEvent::Migrated { mac } => self
                .position_in_any(mac, &[DeviceTab::InProgress, DeviceTab::Error])
                .and_then(|i| preparable(self, i))
                .map(|i| self.devices[i].move_to(DeviceTab::Completed))?,
            TaskEvent::MigrationFailed { mac, reason } => self
                .position_in_any(mac, &[DeviceTab::InProgress, DeviceTab::Error])
                .map(|i| self.devices[i].move_to_error(reason))?,
            TaskEvent::Pause | TaskEvent::Resume => {
                let pause = event == TaskEvent::Pause;
                if self.paused == pause {
                    let state = if pause {
                        "already paused"
                    } else {
                        "not paused"
                    };
                    return Err(Error::new(
                        ErrorCode::TransitionRefused,
                        format!("task {} is {state}", self.name),
                    ));
                }
                self.paused = pause;
            }
            TaskEvent::Cancel => {
                self.paused = false;
                let back = if self.status == TaskStatus::InProgress {
                    DeviceTab::Pending
                } else {
                    DeviceTab::ReadyForMigration
                };
                for d in &mut self.devices {
                    if back == DeviceTab::Pending || d.tab == DeviceTab::InProgress {
                        d.move_to(back);
                    }
                }
                // The completion is forgotten when nothing of it remains in progress or done.
                if !self
                    .devices
                    .iter()
                    .any(|d| matches!(d.tab, DeviceTab::InProgress | DeviceTab::Completed))
                {
                    self.completion = None;
                }
            }
            TaskEvent::SetIncludeUnknown(on) => self.include_unknown = on,
            TaskEvent::RemoveDevices { macs } => {
                for &mac in &macs {
                    self.position(mac)?;
                }
                self.devices.retain(|d| !macs.contains(&d.device.mac()));
                self.reindex();
            }
        }
        self.status = self.status_after(outcome);
        Ok(self.status)
    }

    /// Whether `event` reports what the task already records: a device prepared, migrated, or
    /// failed for the same reason, again (TASK-6).
    fn already_recorded(&self, event: &TaskEvent) -> bool {
        let tab = |mac: &Mac| self.device(*mac).map(|d| (d.tab, d.last_error.as_deref()));
        match event {
            TaskEvent::Prepared { mac } => {
                tab(mac).is_some_and(|(t, _)| t == DeviceTab::ReadyForMigration)
                    && self.status != TaskStatus::Draft
                    && !self.status.is_migrating()
            }
            TaskEvent::Migrated { mac } => tab(mac).is_some_and(|(t, _)| t == DeviceTab::Completed),
            TaskEvent::PreparationFailed { mac, reason } => {
                !self.status.is_migrating()
                    && tab(mac) == Some((DeviceTab::Error, Some(reason.as_str())))
            }
            TaskEvent::MigrationFailed { mac, reason } => {
                self.status.is_migrating()
                    && tab(mac) == Some((DeviceTab::Error, Some(reason.as_str())))
            }
            _ => false,
        }
    }

    /// Whether ELIG-2 lets this device be prepared (and so be ready, migrating or migrated):
    /// eligible, or unknown with *Include unknown eligibility* on.
    fn prepares(&self, d: &TaskDevice) -> bool {
        match d.eligibility {
            EligibilityStatus::Eligible => true,
            EligibilityStatus::Unknown => self.include_unknown,
            EligibilityStatus::NotEligible => false,
        }
    }

    fn status_after(&self, outcome: Outcome) -> TaskStatus {
        match outcome {
            Outcome::Stay | Outcome::Refused(_) => self.status,
            Outcome::To(status) => status,
            Outcome::Completion => match self.completion {
                Some(CompletionMode::Manual) => TaskStatus::ManualMigration,
                _ => TaskStatus::AutoMigrationComplete,
            },
            Outcome::FromDevices => status_from_tabs(self.status, &self.tab_counts()),
        }
    }

    /// ELIG-2: which pending devices are prepared. Not eligible devices, and unknown ones
    /// unless the task includes them, go to Error with the reason.
    fn start_preparation(&mut self) -> Result<()> {
        if !self.devices.iter().any(|d| self.prepares(d)) {
            return Err(Error::new(
                ErrorCode::TaskEmpty,
                format!(
                    "task {} has no device that can be prepared (eligible, or unknown with Include unknown eligibility on)",
                    self.name
                ),
            ));
        }
        let include_unknown = self.include_unknown;
        for d in &mut self.devices {
            let prepares = match d.eligibility {
                EligibilityStatus::Eligible => true,
                EligibilityStatus::Unknown => include_unknown,
                EligibilityStatus::NotEligible => false,
            };
            if !prepares {
                let why = refusal(d).message().to_owned();
                d.move_to_error(why);
            }
        }
        Ok(())
    }

    /// Why a device may not be prepared or moved back to Ready (ELIG-2).
    fn movable_to_ready(&self, mac: Mac) -> Result<usize> {
        let i = self.position_in(mac, DeviceTab::Error)?;
        let d = &self.devices[i];
        match d.eligibility {
            EligibilityStatus::NotEligible => Err(refusal(d)),
            EligibilityStatus::Unknown if !self.include_unknown => Err(refusal(d)),
            _ => Ok(i),
        }
    }

    /// TASK-9: every device of a *license only* task must be in Webex Calling before Complete
    /// migration, when the host gives the directory to check.
    fn check_in_webex_calling<'a>(
        &self,
        devices: impl Iterator<Item = &'a TaskDevice>,
        directory: Option<&Directory>,
    ) -> Result<()> {
        let Some(directory) = directory.filter(|_| self.option == UploadOption::LicenseOnly) else {
            return Ok(());
        };
        let missing: Vec<String> = devices
            .map(|d| d.device.mac())
            .filter(|&mac| !directory.has_device(mac))
            .map(|m| m.to_string())
            .collect();
        if missing.is_empty() {
            return Ok(());
        }
        let shown: Vec<&str> = missing.iter().take(5).map(String::as_str).collect();
        Err(Error::new(
            ErrorCode::DeviceNotInWebexCalling,
            format!(
                "{} device(s) of license-only task {} are not yet added to Webex Calling ({}{}); add them first",
                missing.len(),
                self.name,
                shown.join(", "),
                if missing.len() > shown.len() {
                    ", …"
                } else {
                    ""
                }
            ),
        ))
    }

    fn position(&self, mac: Mac) -> Result<usize> {
        self.index.get(&mac).copied().ok_or_else(|| {
            Error::new(
                ErrorCode::DeviceNotInTask,
                format!("task {} has no device {mac}", self.name),
            )
        })
    }

    fn position_in(&self, mac: Mac, tab: DeviceTab) -> Result<usize> {
        self.position_in_any(mac, &[tab])
    }

    fn position_in_any(&self, mac: Mac, tabs: &[DeviceTab]) -> Result<usize> {
        let i = self.position(mac)?;
        let now = self.devices[i].tab;
        if !tabs.contains(&now) {
            let expected: Vec<&str> = tabs.iter().map(|t| t.label()).collect();
            return Err(Error::new(
                ErrorCode::DeviceWrongTab,
                format!(
                    "device {mac} of task {} is in {}, not {}",
                    self.name,
                    now.label(),
                    expected.join(" or ")
                ),
            ));
        }
        Ok(i)
    }

    fn reindex(&mut self) {
        self.index = self
            .devices
            .iter()
            .enumerate()
            .map(|(i, d)| (d.device.mac(), i))
            .collect();
    }

    /// TASK-7: takes ready devices out of this task for a new one. Checked like an event.
    pub(crate) fn take_ready(&mut self, macs: &[Mac]) -> Result<Vec<TaskDevice>> {
        let outcome = self.allow(EventKind::CompleteSubset)?;
        if macs.is_empty() {
            return Err(Error::invalid_argument(format!(
                "no device of task {} was selected",
                self.name
            )));
        }
        for &mac in macs {
            self.position_in(mac, DeviceTab::ReadyForMigration)?;
        }
        let (taken, kept): (Vec<TaskDevice>, Vec<TaskDevice>) = std::mem::take(&mut self.devices)
            .into_iter()
            .partition(|d| macs.contains(&d.device.mac()));
        self.devices = kept;
        self.reindex();
        self.status = self.status_after(outcome);
        Ok(taken)
    }

    /// A task of devices already prepared, in Ready for migration (TASK-7's new task).
    pub(crate) fn from_ready(
        name: TaskName,
        option: UploadOption,
        include_unknown: bool,
        devices: Vec<TaskDevice>,
    ) -> Task {
        let mut task = Task::new(name, option);
        task.include_unknown = include_unknown;
        task.devices = devices;
        task.reindex();
        task.status = TaskStatus::ReadyForMigration;
        task
    }

    /// Places every device in its tab by its eligibility: Ready for migration, or Error for
    /// those that cannot be prepared (TASK-8's default task).
    pub(crate) fn settle_by_eligibility(&mut self) {
        let include_unknown = self.include_unknown;
        for d in &mut self.devices {
            let ok = d.eligibility == EligibilityStatus::Eligible
                || (include_unknown && d.eligibility == EligibilityStatus::Unknown);
            if ok {
                d.move_to(DeviceTab::ReadyForMigration);
            } else {
                let why = refusal(d).message().to_owned();
                d.move_to_error(why);
            }
        }
        self.status = status_from_tabs(TaskStatus::InProgress, &self.tab_counts());
    }

    /// Rebuilds the lookup index after loading, refusing two devices with one MAC (DEV-6).
    pub(crate) fn after_load(&mut self) -> Result<()> {
        self.reindex();
        if self.index.len() != self.devices.len() {
            let mut seen = HashMap::new();
            for (j, d) in self.devices.iter().enumerate() {
                if let Some(first) = seen.insert(d.device.mac(), j) {
                    return Err(invalid(format!(
                        "task {}, devices[{j}]: device {} is listed twice, first as devices[{first}] (DEV-6)",
                        self.name,
                        d.device.mac()
                    )));
                }
            }
        }
        Ok(())
    }

    /// Recomputes what a saved document only records: each device's eligibility and reasons
    /// from its model, hardware version and firmware by `table` (ELIG-1, DEV-1 to DEV-5,
    /// EXT-1 to EXT-8). A stored eligibility that differs is refused, naming the device: the
    /// document was edited, or made with another table.
    pub(crate) fn recompute_eligibility(
        &mut self,
        table: &EligibilityTable,
        memo: &mut EligibilityMemo,
    ) -> Result<()> {
        for (j, d) in self.devices.iter_mut().enumerate() {
            let device = &d.device;
            let key = (
                device.model().name(),
                device.hardware_version(),
                device.firmware().cloned(),
            );
            let (status, reasons) = memo.0.entry(key).or_insert_with(|| {
                table
                    .check(device.model(), device.hardware_version(), device.firmware())
                    .into_parts()
            });
            let status = *status;
            if status != d.eligibility {
                return Err(invalid(format!(
                    "task {}, devices[{j}] ({}): the document says {} but {} is {} by eligibility table {} (ELIG-1; {}); the document was edited or made with another table",
                    self.name,
                    device.mac(),
                    d.eligibility.as_str(),
                    device.model().name(),
                    status.as_str(),
                    table.name(),
                    reasons
                        .iter()
                        .find(|f| f.severity() == crate::Severity::Error)
                        .map_or("no error", |f| f.message()),
                )));
            }
            if d.reasons != *reasons {
                d.reasons = reasons.clone();
            }
        }
        Ok(())
    }

    /// Every invariant of one task (the loaders refuse a document that breaks one, and every
    /// operation keeps them): the devices' own ([`check_devices`](Self::check_devices)) and the
    /// state's ([`check_state`](Self::check_state)).
    ///
    /// Errors: [`ErrorCode::DocumentInvalid`] naming the task, the device (its position in
    /// `devices` and its MAC) and the rule.
    pub fn check(&self) -> Result<()> {
        self.check_devices()?;
        self.check_state()
    }

    /// What each device must be to sit in a task, as [`add_devices`](Self::add_devices)
    /// admits it: a model with Enterprise firmware (DEV-4), an assignment the upload would
    /// accept (CSV-4, CSV-5, CSV-6, CSV-11, CSV-12), one that fits the option (TASK-3), an
    /// upload row within [`MAX_UPLOAD_COUNT`].
    ///
    /// Errors: [`ErrorCode::DocumentInvalid`].
    pub fn check_devices(&self) -> Result<()> {
        let name = &self.name;
        for (j, d) in self.devices.iter().enumerate() {
            let at = || format!("task {name}, devices[{j}] ({})", d.device.mac());
            if let Some(f) = not_for_a_task(&d.device) {
                return Err(invalid(format!("{}: {} [{}]", at(), f.message(), f.name())));
            }
            let has = d.device.assignment().is_some();
            if (self.option == UploadOption::LicenseAndDevice) != has {
                let what = if has { "has" } else { "lacks" };
                return Err(invalid(format!(
                    "{}: the device {what} a user or workspace, which does not fit {} task {name} (TASK-3)",
                    at(),
                    self.option
                )));
            }
            if let Some(row) = d.device.row().filter(|&r| r > MAX_UPLOAD_COUNT) {
                return Err(invalid(format!(
                    "{}: upload row {row} is beyond {MAX_UPLOAD_COUNT} (CSV-14)",
                    at()
                )));
            }
        }
        Ok(())
    }

    /// The invariants of a task's state, which every event keeps: at most 1000 devices
    /// (ELIG-3); a status that fits the devices' tabs (TASK-4); paused only while something
    /// runs (TASK-6); a completion mode exactly when a migration was completed, the one the
    /// status names (TASK-4); no device ready, migrating or migrated that ELIG-2 forbids to
    /// prepare, and none in a migration that could not have been prepared; a last error on
    /// the devices in Error only, and on each of them (TASK-5); upload counts within
    /// [`MAX_UPLOAD_COUNT`] with Added + Errors = Total (CSV-14, DEC-1).
    ///
    /// Errors: [`ErrorCode::DocumentInvalid`].
    pub fn check_state(&self) -> Result<()> {
        let name = &self.name;
        if self.devices.len() > MAX_TASK_DEVICES {
            return Err(invalid(format!(
                "task {name} holds {} devices; at most {MAX_TASK_DEVICES} (ELIG-3)",
                self.devices.len()
            )));
        }
        let tabs = self.tab_counts();
        if !super::status::status_fits_tabs(self.status, &tabs) {
            return Err(invalid(format!(
                "task {name} is {} but its devices are {} (TASK-4)",
                self.status.label(),
                tabs.describe()
            )));
        }
        if self.paused
            && !matches!(self.status, TaskStatus::InProgress)
            && !self.status.is_migrating()
        {
            return Err(invalid(format!(
                "task {name} is paused while {}: nothing runs to pause (TASK-6)",
                self.status.label()
            )));
        }
        let expected = match self.status {
            TaskStatus::AutoMigrationComplete => Some(CompletionMode::Automatic),
            TaskStatus::ManualMigration => Some(CompletionMode::Manual),
            _ => None,
        };
        if self.completion != expected {
            let has = self
                .completion
                .map_or("no completion mode".to_owned(), |m| {
                    format!("completion mode {}", m.as_str())
                });
            let wants = expected.map_or("none".to_owned(), |m| m.as_str().to_owned());
            return Err(invalid(format!(
                "task {name} is {} with {has}; that status has completion mode {wants} (TASK-4, TASK-7)",
                self.status.label()
            )));
        }
        for (j, d) in self.devices.iter().enumerate() {
            let at = || format!("task {name}, devices[{j}] ({})", d.device.mac());
            let placed = !matches!(d.tab, DeviceTab::Pending | DeviceTab::Error);
            let prepares = self.prepares(d);
            // A device waiting while preparation runs, or anywhere in a completed migration,
            // is one that preparation took (ELIG-2).
            let taken = (d.tab == DeviceTab::Pending && self.status == TaskStatus::InProgress)
                || self.status.is_migrating();
            if !prepares && (placed || taken) {
                let why = match d.eligibility {
                    EligibilityStatus::NotEligible => {
                        "it is not eligible, and not eligible devices are never prepared or migrated"
                    }
                    _ => {
                        "its eligibility is unknown and the task does not include unknown eligibility"
                    }
                };
                return Err(invalid(format!(
                    "{}: the {} ({}) sits in {} while the task is {}; {why} (ELIG-2)",
                    at(),
                    d.device.model().name(),
                    d.eligibility.as_str(),
                    d.tab.label(),
                    self.status.label(),
                )));
            }
            match (d.tab, d.last_error.is_some()) {
                (DeviceTab::Error, false) => {
                    return Err(invalid(format!(
                        "{}: the device is in Error without a last error saying why (TASK-5)",
                        at()
                    )));
                }
                (tab, true) if tab != DeviceTab::Error => {
                    return Err(invalid(format!(
                        "{}: the device is in {} but has a last error; only devices in Error have one (TASK-5)",
                        at(),
                        tab.label()
                    )));
                }
                _ => {}
            }
        }
        let u = self.uploads;
        if [u.added, u.errors, u.total]
            .iter()
            .any(|&n| n > MAX_UPLOAD_COUNT)
            || u.added.checked_add(u.errors) != Some(u.total)
        {
            return Err(invalid(format!(
                "task {name} counts Added {}, Errors {}, Total {}; each is at most {MAX_UPLOAD_COUNT} and Added + Errors = Total (CSV-14, DEC-1)",
                u.added, u.errors, u.total
            )));
        }
        Ok(())
    }

    /// The task alone as JSON, which [`Task::from_json`] reads back as it was.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a task saved by [`to_json`](Self::to_json), its devices checked with the default
    /// table ([`EligibilityTable::control_hub`]); see [`from_json_with`](Self::from_json_with).
    ///
    /// Errors: [`ErrorCode::JsonInvalid`], [`ErrorCode::DocumentInvalid`].
    pub fn from_json(text: &str) -> Result<Task> {
        Task::from_json_with(text, &EligibilityTable::control_hub())
    }

    /// Reads a task saved by [`to_json`](Self::to_json), refusing it whole when it breaks an
    /// invariant ([`check`](Self::check), DEV-6) or records an eligibility that `table` does
    /// not give its device: what loads is what the library could have made.
    ///
    /// Errors: [`ErrorCode::JsonInvalid`], [`ErrorCode::DocumentInvalid`].
    pub fn from_json_with(text: &str, table: &EligibilityTable) -> Result<Task> {
        let doc: TaskDocument = serde_json::from_str(text).map_err(|e| {
            let code = if e.is_syntax() || e.is_eof() {
                ErrorCode::JsonInvalid
            } else {
                ErrorCode::DocumentInvalid
            };
            Error::new(code, format!("task JSON: {e}"))
        })?;
        let mut task = doc.unchecked();
        task.load(table, &mut EligibilityMemo::default())?;
        Ok(task)
    }

    /// Everything a loaded task goes through: the index (DEV-6), the recomputed eligibility,
    /// every invariant.
    pub(crate) fn load(
        &mut self,
        table: &EligibilityTable,
        memo: &mut EligibilityMemo,
    ) -> Result<()> {
        self.after_load()?;
        self.check_devices()?;
        self.recompute_eligibility(table, memo)?;
        self.check_state()
    }
}

/// What one eligibility table said of each (model, hardware version, firmware) seen, while a
/// document loads: a fleet has few distinct phones, so each is checked once.
#[derive(Default)]
pub(crate) struct EligibilityMemo(HashMap<PhoneKey, (EligibilityStatus, Vec<Finding>)>);

/// What eligibility depends on: the model (by name), the hardware version, the firmware.
type PhoneKey = (
    &'static str,
    Option<crate::hardware::HardwareVersion>,
    Option<crate::firmware::FirmwareVersion>,
);

fn invalid(message: String) -> Error {
    Error::new(ErrorCode::DocumentInvalid, message)
}

/// Why a device may not join any task, as a finding: a model without Enterprise firmware
/// (DEV-4: a 6800 phone has nothing to migrate from, so it is no enterprise phone a task
/// migrates), or an assignment the upload would refuse ([`Assignment::problem`]).
///
/// Decision: a not eligible model with Enterprise firmware (DEV-2, the 8821) may join a task
/// and sits in Error once prepared (TASK-8); a 6800 never joins one.
fn not_for_a_task(device: &Device) -> Option<Finding> {
    let mac = device.mac();
    let model = device.model();
    if !model.has_enterprise_firmware() {
        return Some(
            Finding::new(
                ErrorCode::ModelMppOnly,
                format!(
                    "device {mac} is a {}, which runs MPP firmware only; it has no Enterprise firmware to migrate from and joins no task (DEV-4)",
                    model.name()
                ),
            )
            .at(None, Some(Column::Model.header())),
        );
    }
    let f = device
        .assignment()
        .and_then(crate::device::Assignment::problem)?;
    let column = f.column().map(str::to_owned);
    Some(Finding::new(f.code(), format!("device {mac}: {}", f.message())).at(None, column))
}

/// The error of a device that cannot be prepared (ELIG-2).
fn refusal(d: &TaskDevice) -> Error {
    let mac = d.device.mac();
    match d.eligibility {
        EligibilityStatus::NotEligible => {
            let why = d
                .reasons
                .iter()
                .find(|f| f.severity() == crate::Severity::Error)
                .map_or("", |f| f.message());
            Error::new(
                ErrorCode::DeviceNotEligible,
                format!("device {mac} is not eligible and is never migrated: {why}"),
            )
        }
        _ => Error::new(
            ErrorCode::DeviceEligibilityUnknown,
            format!(
                "device {mac} has unknown eligibility; turn on Include unknown eligibility to prepare it"
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_model;

    #[test]
    fn task5_event_accessors_read_each_variant() {
        let mac = Mac::parse("001A2B3C4D5E").unwrap();
        let failed = TaskEvent::MigrationFailed {
            mac,
            reason: "offline".to_owned(),
        };
        assert_eq!(
            (failed.mac(), failed.reason()),
            (Some(mac), Some("offline"))
        );
        assert!(failed.macs().is_empty() && failed.mode().is_none());
        let ready = TaskEvent::MoveToReady { macs: vec![mac] };
        assert_eq!((ready.macs(), ready.mac()), (&[mac][..], None));
        let complete = TaskEvent::Complete {
            mode: CompletionMode::Manual,
        };
        assert_eq!(complete.mode(), Some(CompletionMode::Manual));
        assert_eq!(
            TaskEvent::SetIncludeUnknown(true).include_unknown(),
            Some(true)
        );
        assert_eq!(TaskEvent::Pause.include_unknown(), None);
        // Hash agrees with Eq: equal events are one key of a set.
        let set: std::collections::HashSet<TaskEvent> = [failed.clone(), failed, TaskEvent::Pause]
            .into_iter()
            .collect();
        assert_eq!(set.len(), 2);
    }

    #[test]
    fn device_index_is_the_position_of_the_mac_dev_6() {
        let mut task = Task::new(TaskName::parse("T").unwrap(), UploadOption::LicenseOnly);
        let macs = ["001A2B3C4D5E", "001A2B3C4D5F"].map(|m| Mac::parse(m).unwrap());
        let devices = macs.map(|m| Device::new(m, parse_model("8845").unwrap()));
        task.add_devices(devices, &EligibilityTable::control_hub())
            .unwrap();
        for (i, &mac) in macs.iter().enumerate() {
            assert_eq!(task.device_index(mac), Some(i));
            assert_eq!(task.devices()[i].device().mac(), mac);
        }
        assert_eq!(task.device_index(Mac::parse("001A2B3C4D60").unwrap()), None);
    }
}
