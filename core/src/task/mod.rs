//! Migration tasks (TASK-1 to TASK-9, ELIG-1 to ELIG-5): names, statuses and the transition
//! table, devices and their tabs, the board of an organisation's tasks, search and download
//! of the device list, fleet planning, and the saved form.

mod board;
mod device_list;
mod fleet;
mod name;
mod split;
mod status;
#[allow(clippy::module_inception)]
mod task;

pub use board::{BOARD_FORMAT, Board};
pub use device_list::DEVICE_LIST_COLUMNS;
pub use fleet::{FleetGrouping, FleetOptions, FleetPlan, plan_fleet};
pub use name::{MAX_TASK_NAME, TaskName};
pub(crate) use split::{check_max_devices, split_into_tasks};
pub use status::{
    CompletionMode, DeviceTab, EventKind, Outcome, TRANSITIONS, TabCounts, TaskStatus,
    status_from_tabs, transition, transition_table_markdown,
};
#[cfg(test)]
pub(crate) use task::TaskDocument;
pub use task::{
    AddOutcome, EligibilityCounts, MAX_TASK_DEVICES, MAX_UPLOAD_COUNT, Task, TaskDevice, TaskEvent,
};
