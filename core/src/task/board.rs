//! An organisation's migration tasks (TASK-1, TASK-2, TASK-7, TASK-8, DEV-6), and their saved
//! form.

use std::sync::Arc;

use foldhash::{HashMap, HashMapExt};
use serde::{Deserialize, Serialize};

use crate::device::Device;
use crate::directory::Directory;
use crate::eligibility::EligibilityTable;
use crate::error::{Error, ErrorCode, Finding, Result};
use crate::mac::Mac;
use crate::plan::{AutoPlan, AutoPlanOptions};
use crate::upload::{Column, UploadOption, UploadReport};

use super::name::TaskName;
use super::status::{CompletionMode, EventKind, TaskStatus};
use super::task::{AddOutcome, EligibilityMemo, Task, TaskDocument, TaskEvent};

/// The format version of a saved board.
pub const BOARD_FORMAT: u32 = 1;

/// The tasks of an organisation, and the rules between them: unique names (TASK-1), one task
/// in progress (TASK-2), a device in one task only (DEV-6).
///
/// ```
/// use mpp_migration::*;
/// let mut board = Board::new();
/// board.create_task("HQ-1", UploadOption::LicenseOnly)?;
/// board.create_task("HQ-2", UploadOption::LicenseOnly)?;
/// assert_eq!(board.create_task("hq-1", UploadOption::LicenseOnly).unwrap_err().code(), ErrorCode::TaskNameTaken);
/// let phone = Device::new(Mac::parse("001A2B3C4D5E")?, parse_model("8845")?);
/// board.add_devices("HQ-1", [phone.clone()])?;
/// assert_eq!(board.add_devices("HQ-2", [phone])?.findings[0].name(), "device_in_other_task");
/// board.apply("HQ-1", TaskEvent::StartPreparation)?;
/// // TASK-2: HQ-2 cannot start while HQ-1 is in progress.
/// board.add_devices("HQ-2", [Device::new(Mac::parse("001A2B3C4D5F")?, parse_model("8845")?)])?;
/// assert_eq!(board.apply("HQ-2", TaskEvent::StartPreparation).unwrap_err().code(), ErrorCode::TaskInProgressExists);
/// # Ok::<(), mpp_migration::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Board {
    tasks: Vec<Task>,
    /// Which task holds each device (DEV-6).
    owner: HashMap<Mac, usize>,
    eligibility: Arc<EligibilityTable>,
    directory: Option<Arc<Directory>>,
}

impl Default for Board {
    fn default() -> Board {
        Board::new()
    }
}

impl PartialEq for Board {
    fn eq(&self, other: &Board) -> bool {
        self.tasks == other.tasks && self.eligibility == other.eligibility
    }
}

impl Board {
    /// An empty board with the default eligibility table.
    pub fn new() -> Board {
        Board::with_eligibility(EligibilityTable::control_hub())
    }

    /// An empty board that checks devices with `table`.
    pub fn with_eligibility(table: Arc<EligibilityTable>) -> Board {
        Board {
            tasks: Vec::new(),
            owner: HashMap::new(),
            eligibility: table,
            directory: None,
        }
    }

    /// The eligibility table devices are checked with.
    pub fn eligibility(&self) -> &Arc<EligibilityTable> {
        &self.eligibility
    }

    /// Gives the board the organisation's directory, for TASK-9 at Complete migration.
    pub fn set_directory(&mut self, directory: impl Into<Arc<Directory>>) {
        self.directory = Some(directory.into());
    }

    /// Forgets the directory: TASK-9 is then not checked.
    pub fn clear_directory(&mut self) {
        self.directory = None;
    }

    /// The directory TASK-9 is checked against, if the board has one.
    pub fn directory(&self) -> Option<&Arc<Directory>> {
        self.directory.as_ref()
    }

    /// The tasks, in the order they were created.
    pub fn tasks(&self) -> &[Task] {
        &self.tasks
    }

    /// The task with this name.
    pub fn task(&self, name: &str) -> Option<&Task> {
        self.get(name).ok()
    }

    /// The task with this name, or [`ErrorCode::TaskNotFound`].
    pub fn get(&self, name: &str) -> Result<&Task> {
        self.position(name).map(|i| &self.tasks[i])
    }

    /// The task holding a device, if any.
    pub fn task_of(&self, mac: Mac) -> Option<&Task> {
        self.task_index_of(mac).map(|i| &self.tasks[i])
    }

    /// The task in progress, if one is (TASK-2).
    pub fn in_progress(&self) -> Option<&Task> {
        self.in_progress_index().map(|i| &self.tasks[i])
    }

    /// The position in [`tasks`](Self::tasks) of the task with this name (regardless of
    /// case, TASK-1), for a binding that keeps one view per task.
    pub fn task_index(&self, name: &str) -> Option<usize> {
        self.position(name).ok()
    }

    /// The position in [`tasks`](Self::tasks) of the task holding a device (DEV-6), if any.
    pub fn task_index_of(&self, mac: Mac) -> Option<usize> {
        self.owner.get(&mac).copied()
    }

    /// The position in [`tasks`](Self::tasks) of the task in progress (TASK-2), if one is.
    pub fn in_progress_index(&self) -> Option<usize> {
        self.tasks
            .iter()
            .position(|t| t.status() == TaskStatus::InProgress)
    }

    fn position(&self, name: &str) -> Result<usize> {
        let key = name.to_ascii_lowercase();
        self.tasks
            .iter()
            .position(|t| t.name().key() == key)
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::TaskNotFound,
                    format!("no task is named {name:?}"),
                )
            })
    }

    /// A name no task has yet, made from free text (TASK-1): `Floor 2` gives `Floor_2`, or
    /// `Floor_2-2` when that is taken.
    pub fn suggest_task_name(&self, text: &str) -> TaskName {
        let base = TaskName::suggest(text);
        if self.position(base.as_str()).is_err() {
            return base;
        }
        (2..)
            .map(|n| {
                let suffix = format!("-{n}");
                let head: String = base
                    .as_str()
                    .chars()
                    .take(super::name::MAX_TASK_NAME - suffix.len())
                    .collect();
                TaskName::suggest(&format!("{head}{suffix}"))
            })
            .find(|name| self.position(name.as_str()).is_err())
            .unwrap_or(base)
    }

    fn check_new_name(&self, name: &TaskName) -> Result<()> {
        match self.position(name.as_str()) {
            Ok(i) => Err(Error::new(
                ErrorCode::TaskNameTaken,
                format!("task {} already exists (as {})", name, self.tasks[i].name()),
            )
            .with_suggestion(self.suggest_task_name(name.as_str()).as_str())),
            Err(_) => Ok(()),
        }
    }

    /// Creates an empty task in Draft (TASK-1, TASK-3). A new task may be created while
    /// another is in progress; it only cannot start (TASK-2).
    pub fn create_task(&mut self, name: &str, option: UploadOption) -> Result<&Task> {
        let name = TaskName::parse(name)?;
        self.check_new_name(&name)?;
        self.tasks.push(Task::new(name, option));
        Ok(&self.tasks[self.tasks.len() - 1])
    }

    /// Removes a task and frees its devices; not while it is in progress (TASK-2).
    pub fn remove_task(&mut self, name: &str) -> Result<Task> {
        let i = self.position(name)?;
        if self.tasks[i].status() == TaskStatus::InProgress {
            return Err(Error::new(
                ErrorCode::TransitionRefused,
                format!("task {name} is in progress; cancel it before removing it"),
            ));
        }
        let task = self.tasks.remove(i);
        self.reindex();
        Ok(task)
    }

    /// Adds devices to a task (Draft). A device already in another task is not added (DEV-6);
    /// each refusal is a finding.
    pub fn add_devices(
        &mut self,
        task: &str,
        devices: impl IntoIterator<Item = Device>,
    ) -> Result<AddOutcome> {
        let i = self.position(task)?;
        let (fresh, mut findings) = self.not_in_other_tasks(i, devices);
        let mut outcome = self.tasks[i].add_devices(fresh, &self.eligibility)?;
        findings.append(&mut outcome.findings);
        outcome.findings = findings;
        self.reindex_task(i);
        Ok(outcome)
    }

    /// Adds the accepted devices and the counts of an upload to a task (CSV-14, TASK-3, DEV-6).
    ///
    /// The task's counts grow by what it really took (DEC-1): Added by the devices added,
    /// Errors by every other row (refused by the upload, already in this or another task, or
    /// beyond the 1000th), Total by the rows uploaded. An upload whose counts would pass
    /// [`MAX_UPLOAD_COUNT`](crate::MAX_UPLOAD_COUNT) is refused whole
    /// ([`ErrorCode::UploadCountLimit`]).
    pub fn add_upload(&mut self, task: &str, report: &UploadReport) -> Result<AddOutcome> {
        let i = self.position(task)?;
        self.tasks[i].check_upload(report)?;
        let outcome = self.add_devices(task, report.devices().iter().cloned())?;
        self.tasks[i].count_upload(report, outcome.added);
        Ok(outcome)
    }

    fn not_in_other_tasks(
        &self,
        task: usize,
        devices: impl IntoIterator<Item = Device>,
    ) -> (Vec<Device>, Vec<Finding>) {
        let mut fresh = Vec::new();
        let mut findings = Vec::new();
        for device in devices {
            match self.owner.get(&device.mac()) {
                Some(&other) if other != task => findings.push(
                    Finding::new(
                        ErrorCode::DeviceInOtherTask,
                        format!(
                            "device {} is already in task {}; a device belongs to one task",
                            device.mac(),
                            self.tasks[other].name()
                        ),
                    )
                    .at(device.row(), Some(Column::MacAddress.header())),
                ),
                _ => fresh.push(device),
            }
        }
        (fresh, findings)
    }

    /// Applies an event to a task (see [`Task::apply`]), with TASK-2 (one task in progress)
    /// and, when the board has a directory, TASK-9. Nothing changes when it is refused.
    pub fn apply(&mut self, task: &str, event: TaskEvent) -> Result<TaskStatus> {
        self.refresh(task, [event])
    }

    /// Reports many device results at once, as *Refresh device status* does (TASK-6), all or
    /// nothing: when one event is refused, none is kept, and the error names it. A result the
    /// task already records (the same report twice) changes nothing; a device that failed to
    /// migrate may be reported migrated after a retry (see [`TaskEvent`]).
    pub fn refresh(
        &mut self,
        task: &str,
        events: impl IntoIterator<Item = TaskEvent>,
    ) -> Result<TaskStatus> {
        let i = self.position(task)?;
        let mut trial = self.tasks[i].clone();
        let mut removes = false;
        let mut events = events.into_iter().peekable();
        let mut n = 0usize;
        while let Some(event) = events.next() {
            n += 1;
            removes |= matches!(event, TaskEvent::RemoveDevices { .. });
            let only = n == 1 && events.peek().is_none();
            let what = (!only).then(|| describe(&event));
            if let Err(e) = self.apply_to(i, &mut trial, event, None) {
                return Err(match what {
                    Some(what) => Error::new(
                        e.code(),
                        format!(
                            "event {n} ({what}) was refused, so none of this refresh was applied: {}",
                            e.message()
                        ),
                    ),
                    None => e,
                });
            }
        }
        trial.check_state()?;
        let status = trial.status();
        self.tasks[i] = trial;
        if removes {
            self.reindex();
        }
        Ok(status)
    }

    /// One event on `trial`, a copy of task `i`: TASK-2 against the other tasks, then the
    /// task's own rules (with TASK-9, and AUTO-1/AUTO-2 against `auto`).
    fn apply_to(
        &self,
        i: usize,
        trial: &mut Task,
        event: TaskEvent,
        auto: Option<&AutoPlanOptions>,
    ) -> Result<TaskStatus> {
        if matches!(event.kind(), EventKind::StartPreparation) {
            if let Some(other) = self
                .tasks
                .iter()
                .enumerate()
                .find(|(j, t)| *j != i && t.status() == TaskStatus::InProgress)
                .map(|(_, t)| t)
            {
                return Err(Error::new(
                    ErrorCode::TaskInProgressExists,
                    format!(
                        "task {} is in progress; {} can start when it finishes",
                        other.name(),
                        trial.name()
                    ),
                ));
            }
        }
        trial.apply_full(event, self.directory.as_deref(), auto)
    }

    /// *Complete migration* of task `task`, by `mode`, with the automatic choices when
    /// automatic (AUTO-1, AUTO-2 are checked by the task itself). Nothing changes when refused.
    pub(crate) fn complete_with(
        &mut self,
        task: &str,
        mode: CompletionMode,
        auto: Option<&AutoPlanOptions>,
    ) -> Result<TaskStatus> {
        let i = self.position(task)?;
        let mut trial = self.tasks[i].clone();
        let status = self.apply_to(i, &mut trial, TaskEvent::Complete { mode }, auto)?;
        trial.check_state()?;
        self.tasks[i] = trial;
        Ok(status)
    }

    /// Completes the migration of some ready devices as a new task (TASK-7): they leave `task`
    /// for a new task named `new_name`, in Ready for migration, whose migration is then
    /// completed by `mode`. Returns the new task's status. An automatic completion needs the
    /// administrator's choices (AUTO-1, AUTO-2): use
    /// [`complete_subset_automatic`](Self::complete_subset_automatic); here it is refused
    /// with [`ErrorCode::CloudConnectedUcRequired`].
    pub fn complete_subset(
        &mut self,
        task: &str,
        macs: &[Mac],
        new_name: &str,
        mode: CompletionMode,
    ) -> Result<TaskStatus> {
        self.subset(task, macs, new_name, mode, None)
            .map(|(status, _)| status)
    }

    /// [`complete_subset`](Self::complete_subset) by the automatic path: the new task is
    /// planned by [`plan_automatic`](crate::plan_automatic) with `options` (AUTO-1 to AUTO-3),
    /// then completed. Returns the new task's plan. Nothing changes when anything is refused.
    pub fn complete_subset_automatic(
        &mut self,
        task: &str,
        macs: &[Mac],
        new_name: &str,
        options: &AutoPlanOptions,
    ) -> Result<AutoPlan> {
        self.subset(
            task,
            macs,
            new_name,
            CompletionMode::Automatic,
            Some(options),
        )
        .and_then(|(_, plan)| {
            plan.ok_or_else(|| Error::new(ErrorCode::Panic, "the automatic subset was not planned"))
        })
    }

    fn subset(
        &mut self,
        task: &str,
        macs: &[Mac],
        new_name: &str,
        mode: CompletionMode,
        auto: Option<&AutoPlanOptions>,
    ) -> Result<(TaskStatus, Option<AutoPlan>)> {
        let i = self.position(task)?;
        let name = TaskName::parse(new_name)?;
        self.check_new_name(&name)?;
        // Check everything before anything moves: the subset, then the completion (TASK-9,
        // AUTO-1, AUTO-2).
        let mut trial = self.tasks[i].clone();
        let devices = trial.take_ready(macs)?;
        let mut new_task = Task::from_ready(name, trial.option(), trial.include_unknown(), devices);
        let plan = auto
            .map(|options| crate::plan_automatic(&new_task, options))
            .transpose()?;
        let status = new_task.apply_full(
            TaskEvent::Complete { mode },
            self.directory.as_deref(),
            auto,
        )?;
        trial.check_state()?;
        new_task.check_state()?;
        self.tasks[i] = trial;
        self.tasks.push(new_task);
        self.reindex();
        Ok((status, plan))
    }

    /// The default device task (TASK-8): every enterprise phone the organisation knows, those
    /// that can be prepared in Ready for migration, the rest in Error. Phones already in a task
    /// and phones beyond 1000 (ELIG-3) are findings.
    pub fn create_default_task(
        &mut self,
        name: &str,
        option: UploadOption,
        phones: impl IntoIterator<Item = Device>,
    ) -> Result<AddOutcome> {
        self.create_task(name, option)?;
        let outcome = self.add_devices(name, phones)?;
        let i = self.position(name)?;
        self.tasks[i].settle_by_eligibility();
        Ok(outcome)
    }

    /// Adds tasks planned elsewhere (see [`plan_fleet`](crate::plan_fleet)), all or none.
    /// Each task is checked as a loaded one is: its devices' eligibility must be what the
    /// board's table gives them, and every invariant must hold.
    pub fn add_tasks(&mut self, tasks: Vec<Task>) -> Result<()> {
        let mut candidate = self.clone();
        let first = candidate.tasks.len();
        let mut memo = EligibilityMemo::default();
        for mut task in tasks {
            candidate.check_new_name(task.name())?;
            task.load(&candidate.eligibility, &mut memo)?;
            candidate.tasks.push(task);
        }
        candidate.check_board(first)?;
        candidate.reindex();
        *self = candidate;
        Ok(())
    }

    fn reindex(&mut self) {
        self.owner.clear();
        for i in 0..self.tasks.len() {
            self.reindex_task(i);
        }
    }

    fn reindex_task(&mut self, i: usize) {
        for d in self.tasks[i].devices() {
            self.owner.insert(d.device().mac(), i);
        }
    }

    /// The invariants between a board's tasks (the loader refuses a document that breaks one;
    /// each task's own are checked as it loads, [`Task::check`]): unique names (TASK-1), one
    /// task in progress (TASK-2), a device in one task (DEV-6). Tasks from `checked` on have
    /// their own invariants checked again.
    fn check_board(&self, checked: usize) -> Result<()> {
        let invalid = |msg: String| Error::new(ErrorCode::DocumentInvalid, msg);
        let mut names = HashMap::new();
        let mut owners: HashMap<Mac, &TaskName> = HashMap::new();
        let mut in_progress = Vec::new();
        for (i, task) in self.tasks.iter().enumerate() {
            if let Some(first) = names.insert(task.name().key(), task.name()) {
                return Err(invalid(format!(
                    "tasks {first} and {} have the same name (TASK-1)",
                    task.name()
                )));
            }
            if task.status() == TaskStatus::InProgress {
                in_progress.push(task.name().as_str());
            }
            if i >= checked {
                task.check()
                    .map_err(|e| invalid(format!("tasks[{i}]: {}", e.message())))?;
            }
            for d in task.devices() {
                let mac = d.device().mac();
                if let Some(other) = owners.insert(mac, task.name()) {
                    return Err(invalid(format!(
                        "device {mac} is in tasks {other} and {} (DEV-6)",
                        task.name()
                    )));
                }
            }
        }
        if in_progress.len() > 1 {
            return Err(invalid(format!(
                "tasks {} are all in progress; at most one may be (TASK-2)",
                in_progress.join(", ")
            )));
        }
        Ok(())
    }

    /// The board as a JSON document (format 1), which [`Board::from_json`] reads back as it
    /// was.
    pub fn to_json(&self) -> String {
        let embedded = EligibilityTable::by_name(self.eligibility.name())
            .is_some_and(|t| *t == *self.eligibility);
        let doc = BoardDocument {
            format: BOARD_FORMAT,
            eligibility: EligibilityDocument {
                name: self.eligibility.name().to_owned(),
                table: (!embedded).then(|| self.eligibility.to_csv()),
            },
            tasks: self.tasks.clone(),
        };
        serde_json::to_string(&doc).unwrap_or_default()
    }

    /// Reads a board saved by [`to_json`](Self::to_json). A document that is malformed, of
    /// another format version, or that breaks an invariant (two tasks in progress, a task of
    /// 1001 devices, a device in two tasks, a status that does not fit its devices) is refused
    /// as a whole: nothing is loaded half-way.
    ///
    /// Errors: [`ErrorCode::JsonInvalid`], [`ErrorCode::DocumentVersionUnsupported`],
    /// [`ErrorCode::DocumentInvalid`], [`ErrorCode::EligibilityTableInvalid`].
    pub fn from_json(text: &str) -> Result<Board> {
        #[derive(Deserialize)]
        struct Version {
            format: Option<u32>,
        }
        let version: Version = serde_json::from_str(text)
            .map_err(|e| Error::new(ErrorCode::JsonInvalid, format!("board JSON: {e}")))?;
        if version.format != Some(BOARD_FORMAT) {
            let found = match version.format {
                Some(format) => format!("board format {format} is not supported"),
                None => "the board document has no \"format\" number".to_owned(),
            };
            return Err(Error::new(
                ErrorCode::DocumentVersionUnsupported,
                format!("{found}; this library reads format {BOARD_FORMAT}"),
            ));
        }
        let doc: BoardDocument<TaskDocument> = serde_json::from_str(text)
            .map_err(|e| Error::new(ErrorCode::DocumentInvalid, format!("board JSON: {e}")))?;
        let eligibility = match doc.eligibility.table {
            Some(csv) => Arc::new(EligibilityTable::from_csv(
                &doc.eligibility.name,
                csv.as_bytes(),
            )?),
            None => EligibilityTable::by_name(&doc.eligibility.name).ok_or_else(|| {
                Error::new(
                    ErrorCode::DocumentInvalid,
                    format!(
                        "eligibility table {:?} is not embedded and the document does not carry it",
                        doc.eligibility.name
                    ),
                )
            })?,
        };
        let mut board = Board::with_eligibility(eligibility);
        let mut memo = EligibilityMemo::default();
        for (i, task) in doc.tasks.into_iter().enumerate() {
            let mut task = task.unchecked();
            task.load(&board.eligibility, &mut memo)
                .map_err(|e| Error::new(e.code(), format!("tasks[{i}]: {}", e.message())))?;
            board.tasks.push(task);
        }
        board.check_board(board.tasks.len())?;
        board.reindex();
        Ok(board)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BoardDocument<T> {
    format: u32,
    eligibility: EligibilityDocument,
    /// [`Task`] when saved, [`TaskDocument`] when read (then each is checked by the loader).
    tasks: Vec<T>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EligibilityDocument {
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    table: Option<String>,
}

/// An event for a person, to say which one of a refresh was refused.
fn describe(event: &TaskEvent) -> String {
    match event {
        TaskEvent::Prepared { mac } => format!("{mac} prepared"),
        TaskEvent::PreparationFailed { mac, .. } => format!("{mac} failed preparation"),
        TaskEvent::Migrated { mac } => format!("{mac} migrated"),
        TaskEvent::MigrationFailed { mac, .. } => format!("{mac} failed to migrate"),
        TaskEvent::MoveToReady { macs } => format!("move {} device(s) to Ready", macs.len()),
        TaskEvent::RemoveDevices { macs } => format!("remove {} device(s)", macs.len()),
        TaskEvent::SetIncludeUnknown(on) => {
            format!("include unknown {}", if *on { "on" } else { "off" })
        }
        TaskEvent::Complete { mode } => format!("complete {}", mode.as_str()),
        other => other.kind().as_str().replace('_', " "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_model;

    #[test]
    fn the_index_of_a_task_is_its_position_in_tasks() -> Result<()> {
        let mut board = Board::new();
        board.create_task("HQ-1", UploadOption::LicenseOnly)?;
        board.create_task("HQ-2", UploadOption::LicenseOnly)?;
        let mac = Mac::parse("001A2B3C4D5E")?;
        board.add_devices("HQ-2", [Device::new(mac, parse_model("8845")?)])?;
        board.apply("HQ-2", TaskEvent::StartPreparation)?;
        // TASK-1: a name is found regardless of case.
        assert_eq!(board.task_index("hq-2"), Some(1));
        assert_eq!(board.task_index("HQ-3"), None);
        // DEV-6, TASK-2.
        assert_eq!(board.task_index_of(mac), Some(1));
        assert_eq!(board.in_progress_index(), Some(1));
        assert_eq!(board.tasks()[1].name().as_str(), "HQ-2");
        Ok(())
    }
}
