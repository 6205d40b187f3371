//! Task statuses (TASK-4), device tabs (TASK-5), the events a host reports, and the one table
//! of task transitions that [`Task::apply`](crate::Task::apply) enforces.
//!
//! Decisions where the source is silent (TASK-4 to TASK-7 in docs/rules.md, and the Control Hub article):
//! - Statuses are the article's six, plus *Manual migration*: the status of a task whose
//!   migration was completed by the manual path (BAT files, MAN-1 to MAN-5), the twin of
//!   *Auto migration complete*.
//! - Before preparation a device is in no tab of the article: it is *Pending*.
//! - Pause and resume apply while something runs (preparation, or a migration); while paused
//!   only Resume, Cancel and Download status report are accepted (TASK-6).
//! - Cancel during preparation returns the task to Draft with every device pending; cancel
//!   during a migration returns the devices still in progress to Ready for migration, and the
//!   devices already migrated stay Completed.
//! - Complete migration needs Ready for migration (TASK-7). From Ready with errors (and after
//!   a migration, for devices moved back from Error) the ready devices continue as a subset:
//!   a new named task (TASK-7).
//! - Refresh device status (TASK-6) reports what Control Hub shows, so a result the task
//!   already records (a device prepared, migrated, or failed for the same reason, again) is a
//!   no-op, not an error; a refresh of many results is applied all or nothing.
//! - Retries: while preparation runs, a device in Error may be reported prepared (or failed
//!   again) when ELIG-2 lets it be prepared; in a completed migration every device in Error
//!   failed to migrate (the invariants allow no other way there), and it may be reported
//!   migrated after a retry, or failed again with a new reason.
//! - *Complete migration* by the automatic path needs the administrator's AUTO-1/AUTO-2
//!   choices: the bare event carries none and is refused; the routes that carry them are
//!   `Board::complete_automatic` and `Board::complete_subset_automatic`.
//! - A 6800 series phone (DEV-4, MPP only) is no enterprise phone and joins no task; a not
//!   eligible model with Enterprise firmware (DEV-2, the 8821) joins one and sits in Error.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::ErrorCode;

/// A task's status (TASK-4).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Not started.
    Draft,
    /// Preparation is running; no other task may run (TASK-2).
    InProgress,
    /// Preparation is done and every device is ready.
    ReadyForMigration,
    /// Preparation is done; some devices failed, the rest can continue.
    ReadyWithErrors,
    /// Preparation is done and every device failed.
    ReviewErrors,
    /// The migration was completed by the automatic path (AUTO-1 to AUTO-4).
    AutoMigrationComplete,
    /// The migration was completed by the manual path (MAN-1 to MAN-5).
    ManualMigration,
}

impl TaskStatus {
    /// The value with this snake_case name (`as_str`), if any.
    pub fn parse(name: &str) -> Option<TaskStatus> {
        TaskStatus::ALL.into_iter().find(|v| v.as_str() == name)
    }

    /// Every status.
    pub const ALL: [TaskStatus; 7] = [
        TaskStatus::Draft,
        TaskStatus::InProgress,
        TaskStatus::ReadyForMigration,
        TaskStatus::ReadyWithErrors,
        TaskStatus::ReviewErrors,
        TaskStatus::AutoMigrationComplete,
        TaskStatus::ManualMigration,
    ];

    /// The stable snake_case name: `"ready_for_migration"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            TaskStatus::Draft => "draft",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::ReadyForMigration => "ready_for_migration",
            TaskStatus::ReadyWithErrors => "ready_with_errors",
            TaskStatus::ReviewErrors => "review_errors",
            TaskStatus::AutoMigrationComplete => "auto_migration_complete",
            TaskStatus::ManualMigration => "manual_migration",
        }
    }

    /// The name Control Hub shows: `"Ready for migration"`.
    pub const fn label(self) -> &'static str {
        match self {
            TaskStatus::Draft => "Draft",
            TaskStatus::InProgress => "In progress",
            TaskStatus::ReadyForMigration => "Ready for migration",
            TaskStatus::ReadyWithErrors => "Ready with errors",
            TaskStatus::ReviewErrors => "Review errors",
            TaskStatus::AutoMigrationComplete => "Auto migration complete",
            TaskStatus::ManualMigration => "Manual migration",
        }
    }

    /// Whether a migration (by either path) has been completed.
    pub const fn is_migrating(self) -> bool {
        matches!(
            self,
            TaskStatus::AutoMigrationComplete | TaskStatus::ManualMigration
        )
    }
}

impl fmt::Display for TaskStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The tab a device sits in inside its task (TASK-5), or Pending before preparation.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeviceTab {
    /// Added, not prepared yet (Draft, or preparation running).
    Pending,
    /// Refused: not eligible, or preparation or migration failed.
    Error,
    /// Prepared; can be migrated.
    ReadyForMigration,
    /// Being migrated.
    InProgress,
    /// Migrated.
    Completed,
}

impl DeviceTab {
    /// The value with this snake_case name (`as_str`), if any.
    pub fn parse(name: &str) -> Option<DeviceTab> {
        DeviceTab::ALL.into_iter().find(|v| v.as_str() == name)
    }

    /// Every tab.
    pub const ALL: [DeviceTab; 5] = [
        DeviceTab::Pending,
        DeviceTab::Error,
        DeviceTab::ReadyForMigration,
        DeviceTab::InProgress,
        DeviceTab::Completed,
    ];

    /// The stable snake_case name: `"ready_for_migration"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            DeviceTab::Pending => "pending",
            DeviceTab::Error => "error",
            DeviceTab::ReadyForMigration => "ready_for_migration",
            DeviceTab::InProgress => "in_progress",
            DeviceTab::Completed => "completed",
        }
    }

    /// The name Control Hub shows: `"Ready for migration"`.
    pub const fn label(self) -> &'static str {
        match self {
            DeviceTab::Pending => "Pending",
            DeviceTab::Error => "Error",
            DeviceTab::ReadyForMigration => "Ready for migration",
            DeviceTab::InProgress => "In progress",
            DeviceTab::Completed => "Completed",
        }
    }
}

impl fmt::Display for DeviceTab {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a migration is completed (AUTO-1 to AUTO-4, MAN-1 to MAN-5).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompletionMode {
    /// Control Hub drives Unified CM, in batches of 200 (AUTO-3).
    Automatic,
    /// The administrator uploads BAT files to Unified CM (MAN-3).
    Manual,
}

impl CompletionMode {
    /// The value with this snake_case name (`as_str`), if any.
    pub fn parse(name: &str) -> Option<CompletionMode> {
        CompletionMode::ALL.into_iter().find(|v| v.as_str() == name)
    }

    /// Both modes.
    pub const ALL: [CompletionMode; 2] = [CompletionMode::Automatic, CompletionMode::Manual];

    /// `"automatic"` or `"manual"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            CompletionMode::Automatic => "automatic",
            CompletionMode::Manual => "manual",
        }
    }
}

/// The kinds of event a task receives, for the transition table.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventKind {
    /// Devices are added (an upload, CSV-14).
    AddDevices,
    /// Devices are removed.
    RemoveDevices,
    /// *Include unknown eligibility* is switched (ELIG-2).
    SetIncludeUnknown,
    /// *Prepare for migration* starts.
    StartPreparation,
    /// The host reports a device prepared, or failed (Refresh device status, TASK-6).
    PreparationResult,
    /// Fixed devices move from Error back to Ready for migration (TASK-5).
    MoveToReady,
    /// *Complete migration* for the whole task (TASK-7).
    Complete,
    /// *Complete migration* for some ready devices, into a new task (TASK-7).
    CompleteSubset,
    /// The host reports a device migrated, or failed (Refresh device status, TASK-6).
    MigrationResult,
    /// *Pause migration* (TASK-6).
    Pause,
    /// *Resume migration* (TASK-6).
    Resume,
    /// *Cancel migration* (TASK-6).
    Cancel,
    /// *Download status report* (TASK-6): never changes anything.
    StatusReport,
}

impl EventKind {
    /// The value with this snake_case name (`as_str`), if any.
    pub fn parse(name: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|v| v.as_str() == name)
    }

    /// Every event kind.
    pub const ALL: [EventKind; 13] = [
        EventKind::AddDevices,
        EventKind::RemoveDevices,
        EventKind::SetIncludeUnknown,
        EventKind::StartPreparation,
        EventKind::PreparationResult,
        EventKind::MoveToReady,
        EventKind::Complete,
        EventKind::CompleteSubset,
        EventKind::MigrationResult,
        EventKind::Pause,
        EventKind::Resume,
        EventKind::Cancel,
        EventKind::StatusReport,
    ];

    /// The stable snake_case name: `"start_preparation"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            EventKind::AddDevices => "add_devices",
            EventKind::RemoveDevices => "remove_devices",
            EventKind::SetIncludeUnknown => "set_include_unknown",
            EventKind::StartPreparation => "start_preparation",
            EventKind::PreparationResult => "preparation_result",
            EventKind::MoveToReady => "move_to_ready",
            EventKind::Complete => "complete",
            EventKind::CompleteSubset => "complete_subset",
            EventKind::MigrationResult => "migration_result",
            EventKind::Pause => "pause",
            EventKind::Resume => "resume",
            EventKind::Cancel => "cancel",
            EventKind::StatusReport => "status_report",
        }
    }
}

/// What an event does to a task's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// The status stays.
    Stay,
    /// The status becomes this one.
    To(TaskStatus),
    /// The status becomes *Auto migration complete* or *Manual migration*, by the mode.
    Completion,
    /// The status follows the devices' tabs (see [`status_from_tabs`]).
    FromDevices,
    /// Refused, with the code of the rule that refuses it.
    Refused(ErrorCode),
}

impl Outcome {
    /// The stable snake_case name of the kind of outcome: `stay`, `to`, `completion`,
    /// `from_devices` or `refused` (TASK-4), as the bindings name it.
    pub fn kind(self) -> &'static str {
        match self {
            Outcome::Stay => "stay",
            Outcome::To(_) => "to",
            Outcome::Completion => "completion",
            Outcome::FromDevices => "from_devices",
            Outcome::Refused(_) => "refused",
        }
    }

    /// The status the task takes, for [`Outcome::To`].
    pub fn target(self) -> Option<TaskStatus> {
        match self {
            Outcome::To(status) => Some(status),
            _ => None,
        }
    }

    /// The code of the rule that refuses the event, for [`Outcome::Refused`] (TASK-4).
    pub fn refusal(self) -> Option<ErrorCode> {
        match self {
            Outcome::Refused(code) => Some(code),
            _ => None,
        }
    }

    /// Whether the task accepts the event (every outcome but [`Outcome::Refused`]).
    pub fn is_accepted(self) -> bool {
        !matches!(self, Outcome::Refused(_))
    }
}

use EventKind as E;
use Outcome::*;
use TaskStatus as S;

/// The transition table: every (status, event) pair a task accepts, and the explicit
/// refusals that have a rule of their own. A pair that is not here is refused with
/// [`ErrorCode::TransitionRefused`] (TASK-4). The README's table is generated from this one
/// and a test checks they match.
pub const TRANSITIONS: &[(TaskStatus, EventKind, Outcome)] = &[
    (S::Draft, E::AddDevices, Stay),
    (S::Draft, E::RemoveDevices, Stay),
    (S::Draft, E::SetIncludeUnknown, Stay),
    (S::Draft, E::StartPreparation, To(S::InProgress)),
    (
        S::Draft,
        E::Complete,
        Refused(ErrorCode::CompleteRequiresReady),
    ),
    (
        S::Draft,
        E::CompleteSubset,
        Refused(ErrorCode::CompleteRequiresReady),
    ),
    (S::Draft, E::StatusReport, Stay),
    (S::InProgress, E::PreparationResult, FromDevices),
    (S::InProgress, E::Pause, Stay),
    (S::InProgress, E::Resume, Stay),
    (S::InProgress, E::Cancel, To(S::Draft)),
    (
        S::InProgress,
        E::Complete,
        Refused(ErrorCode::CompleteRequiresReady),
    ),
    (
        S::InProgress,
        E::CompleteSubset,
        Refused(ErrorCode::CompleteRequiresReady),
    ),
    (S::InProgress, E::StatusReport, Stay),
    (S::ReadyForMigration, E::Complete, Completion),
    (S::ReadyForMigration, E::CompleteSubset, FromDevices),
    (S::ReadyForMigration, E::StatusReport, Stay),
    (S::ReadyWithErrors, E::MoveToReady, FromDevices),
    (S::ReadyWithErrors, E::CompleteSubset, FromDevices),
    (
        S::ReadyWithErrors,
        E::Complete,
        Refused(ErrorCode::CompleteRequiresReady),
    ),
    (S::ReadyWithErrors, E::StatusReport, Stay),
    (S::ReviewErrors, E::MoveToReady, FromDevices),
    (
        S::ReviewErrors,
        E::Complete,
        Refused(ErrorCode::CompleteRequiresReady),
    ),
    (
        S::ReviewErrors,
        E::CompleteSubset,
        Refused(ErrorCode::CompleteRequiresReady),
    ),
    (S::ReviewErrors, E::StatusReport, Stay),
    (S::AutoMigrationComplete, E::MigrationResult, Stay),
    (S::AutoMigrationComplete, E::MoveToReady, Stay),
    (S::AutoMigrationComplete, E::CompleteSubset, Stay),
    (S::AutoMigrationComplete, E::Pause, Stay),
    (S::AutoMigrationComplete, E::Resume, Stay),
    (S::AutoMigrationComplete, E::Cancel, FromDevices),
    (
        S::AutoMigrationComplete,
        E::Complete,
        Refused(ErrorCode::CompleteRequiresReady),
    ),
    (S::AutoMigrationComplete, E::StatusReport, Stay),
    (S::ManualMigration, E::MigrationResult, Stay),
    (S::ManualMigration, E::MoveToReady, Stay),
    (S::ManualMigration, E::CompleteSubset, Stay),
    (S::ManualMigration, E::Pause, Stay),
    (S::ManualMigration, E::Resume, Stay),
    (S::ManualMigration, E::Cancel, FromDevices),
    (
        S::ManualMigration,
        E::Complete,
        Refused(ErrorCode::CompleteRequiresReady),
    ),
    (S::ManualMigration, E::StatusReport, Stay),
];

/// The outcome of `event` in `status`, from [`TRANSITIONS`].
pub fn transition(status: TaskStatus, event: EventKind) -> Outcome {
    TRANSITIONS
        .iter()
        .find(|(s, e, _)| *s == status && *e == event)
        .map_or(Refused(ErrorCode::TransitionRefused), |&(_, _, outcome)| {
            outcome
        })
}

/// How many devices sit in each tab.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TabCounts {
    /// Pending.
    pub pending: usize,
    /// Error.
    pub error: usize,
    /// Ready for migration.
    pub ready: usize,
    /// In progress.
    pub in_progress: usize,
    /// Completed.
    pub completed: usize,
}

impl TabCounts {
    /// The counts as a person reads them, naming only the tabs that hold devices: `1 pending,
    /// 2 in Ready for migration`; `none at all` when there are no devices.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = [
            (self.pending, "pending"),
            (self.error, "in Error"),
            (self.ready, "in Ready for migration"),
            (self.in_progress, "in In progress"),
            (self.completed, "in Completed"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        if parts.is_empty() {
            "none at all".to_owned()
        } else {
            parts.join(", ")
        }
    }

    /// Counts one device in `tab`.
    pub fn add(&mut self, tab: DeviceTab) {
        match tab {
            DeviceTab::Pending => self.pending += 1,
            DeviceTab::Error => self.error += 1,
            DeviceTab::ReadyForMigration => self.ready += 1,
            DeviceTab::InProgress => self.in_progress += 1,
            DeviceTab::Completed => self.completed += 1,
        }
    }

    /// All devices.
    pub fn total(&self) -> usize {
        self.pending + self.error + self.ready + self.in_progress + self.completed
    }
}

/// The status a task's devices call for, where the table says [`Outcome::FromDevices`] (the
/// same rule the loader checks, TASK-4):
/// - a migration that has devices in progress or completed stays where it is;
/// - devices still pending: preparation runs (*In progress*);
/// - otherwise, by the prepared devices: none in error → *Ready for migration*, some →
///   *Ready with errors*, all → *Review errors*;
/// - no device left at all (a subset took every one): the status stays.
pub fn status_from_tabs(current: TaskStatus, tabs: &TabCounts) -> TaskStatus {
    if current.is_migrating() && tabs.in_progress + tabs.completed > 0 {
        return current;
    }
    if tabs.total() == 0 {
        return current;
    }
    if tabs.pending > 0 {
        return TaskStatus::InProgress;
    }
    match (tabs.error, tabs.ready) {
        (0, _) => TaskStatus::ReadyForMigration,
        (_, 0) => TaskStatus::ReviewErrors,
        _ => TaskStatus::ReadyWithErrors,
    }
}

/// Whether a task may rest in `status` with these tabs: the invariant a loaded task must meet.
pub(crate) fn status_fits_tabs(status: TaskStatus, tabs: &TabCounts) -> bool {
    let prepared = tabs.error + tabs.ready + tabs.in_progress + tabs.completed;
    match status {
        TaskStatus::Draft => prepared == 0,
        TaskStatus::InProgress => tabs.pending > 0 && tabs.in_progress + tabs.completed == 0,
        TaskStatus::ReadyForMigration | TaskStatus::ReadyWithErrors | TaskStatus::ReviewErrors => {
            tabs.pending == 0
                && tabs.in_progress + tabs.completed == 0
                && (tabs.total() == 0 || status_from_tabs(status, tabs) == status)
        }
        TaskStatus::AutoMigrationComplete | TaskStatus::ManualMigration => tabs.pending == 0,
    }
}

/// The transition table as Markdown, for the README (a test checks the README holds it).
pub fn transition_table_markdown() -> String {
    let mut out = String::from("| status | event | outcome |\n|---|---|---|\n");
    for (status, event, outcome) in TRANSITIONS {
        let outcome = match outcome {
            Stay => "stays".to_owned(),
            To(s) => format!("→ {}", s.label()),
            Completion => "→ Auto migration complete / Manual migration (by mode)".to_owned(),
            FromDevices => "→ follows the device tabs".to_owned(),
            Refused(code) => format!("refused: `{}` ({})", code.as_str(), code.rule()),
        };
        out.push_str(&format!(
            "| {} | `{}` | {outcome} |\n",
            status.label(),
            event.as_str()
        ));
    }
    out.push_str("| any other pair | | refused: `transition_refused` (TASK-4) |\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_one_row_per_pair_and_status_report_everywhere() {
        for (i, (s, e, _)) in TRANSITIONS.iter().enumerate() {
            assert!(
                !TRANSITIONS[..i]
                    .iter()
                    .any(|(s2, e2, _)| s2 == s && e2 == e),
                "{s:?} {e:?} twice"
            );
        }
        for status in TaskStatus::ALL {
            assert_eq!(
                transition(status, EventKind::StatusReport),
                Stay,
                "{status:?}"
            );
        }
        assert_eq!(
            transition(TaskStatus::Draft, EventKind::Pause),
            Refused(ErrorCode::TransitionRefused)
        );
        assert_eq!(
            transition(TaskStatus::ReadyWithErrors, EventKind::Complete),
            Refused(ErrorCode::CompleteRequiresReady)
        );
    }

    #[test]
    fn task4_outcome_accessors_name_each_kind() {
        let refused = transition(TaskStatus::Draft, EventKind::Pause);
        assert_eq!(refused.kind(), "refused");
        assert_eq!(refused.refusal(), Some(ErrorCode::TransitionRefused));
        assert!(!refused.is_accepted() && refused.target().is_none());
        let to = To(TaskStatus::InProgress);
        assert_eq!(
            (to.kind(), to.target()),
            ("to", Some(TaskStatus::InProgress))
        );
        assert!(to.is_accepted() && to.refusal().is_none());
        let kinds: Vec<&str> = [Stay, Completion, FromDevices].map(Outcome::kind).to_vec();
        assert_eq!(kinds, ["stay", "completion", "from_devices"]);
        // Hash agrees with Eq: a set of the table's outcomes holds each distinct one once.
        let set: std::collections::HashSet<Outcome> = TRANSITIONS.iter().map(|r| r.2).collect();
        let mut distinct: Vec<Outcome> = Vec::new();
        for (_, _, outcome) in TRANSITIONS {
            if !distinct.contains(outcome) {
                distinct.push(*outcome);
            }
        }
        assert_eq!(set.len(), distinct.len());
        assert!(set.contains(&Stay) && set.contains(&Refused(ErrorCode::CompleteRequiresReady)));
    }

    #[test]
    fn task4_statuses_follow_the_tabs() {
        let tabs = |pending, error, ready| TabCounts {
            pending,
            error,
            ready,
            ..TabCounts::default()
        };
        assert_eq!(
            status_from_tabs(TaskStatus::InProgress, &tabs(1, 2, 3)),
            TaskStatus::InProgress
        );
        assert_eq!(
            status_from_tabs(TaskStatus::InProgress, &tabs(0, 0, 3)),
            TaskStatus::ReadyForMigration
        );
        assert_eq!(
            status_from_tabs(TaskStatus::InProgress, &tabs(0, 1, 3)),
            TaskStatus::ReadyWithErrors
        );
        assert_eq!(
            status_from_tabs(TaskStatus::InProgress, &tabs(0, 3, 0)),
            TaskStatus::ReviewErrors
        );
        let migrating = TabCounts {
            completed: 1,
            ..TabCounts::default()
        };
        assert_eq!(
            status_from_tabs(TaskStatus::AutoMigrationComplete, &migrating),
            TaskStatus::AutoMigrationComplete
        );
        assert!(status_fits_tabs(TaskStatus::Draft, &tabs(3, 0, 0)));
        assert!(!status_fits_tabs(TaskStatus::Draft, &tabs(2, 1, 0)));
        assert!(!status_fits_tabs(
            TaskStatus::ReadyForMigration,
            &tabs(0, 1, 2)
        ));
        assert!(status_fits_tabs(TaskStatus::ReviewErrors, &tabs(0, 2, 0)));
    }
}
