//! An organisation's tasks in Python (TASK-1 to TASK-9, ELIG-2, ELIG-3, DEV-6): `Board`, the
//! one mutable object of the module. Every call locks the core board without the GIL, works,
//! and unlocks before taking the GIL back, so threads share a board safely and a long call
//! (a big document, a fleet) lets other Python threads run. Tasks come out as snapshots
//! (`Task`): a copy of the core task at the time of the call, never a reference into the board.

use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard};

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

use mpp_migration::{Board, Directory, Error, ErrorCode, Mac, Task, TaskEvent, TaskStatus};

use crate::args::{boolean, invalid, mac_arg, macs_arg, string, upload_option, wrong_type};
use crate::device::device_args;
use crate::directory::{PyDirectory, directory_arg};
use crate::eligibility::{PyEligibilityTable, table_arg};
use crate::enums::{Member, member, parse};
use crate::errors::{IntoPyResult, to_py_err, type_name};
use crate::fleet::fleet_tasks;
use crate::plan::{PyAutoPlan, PyManualPlan, auto_options, manual_options};
use crate::task::{PyAddOutcome, PyTask, events_arg};
use crate::upload::report_arg;

/// The board and the directory it was given (core keeps it but does not hand it back).
struct State {
    board: Board,
    directory: Option<Arc<Directory>>,
}

crate::shapes::class! { "Board"; pub(crate) struct PyBoard(RwLock<State>); }

impl PyBoard {
    fn from_board(board: Board, directory: Option<Arc<Directory>>) -> PyBoard {
        let mut board = board;
        if let Some(d) = &directory {
            board.set_directory(Arc::clone(d));
        }
        PyBoard(RwLock::new(State { board, directory }))
    }

    /// The board, read-locked (a lock a panic poisoned is read as it was left).
    fn state(&self) -> RwLockReadGuard<'_, State> {
        self.0.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `f` on the board, read-locked, without the GIL.
    fn read<R: Send>(&self, py: Python<'_>, f: impl FnOnce(&State) -> R + Send) -> R {
        py.detach(|| f(&self.state()))
    }

    /// Runs `f` on the board, write-locked, without the GIL.
    fn write<R: Send>(&self, py: Python<'_>, f: impl FnOnce(&mut State) -> R + Send) -> R {
        py.detach(|| f(&mut self.0.write().unwrap_or_else(PoisonError::into_inner)))
    }

    /// Runs `f` on the board, write-locked, without the GIL; its error as the exception.
    fn change<R: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut Board) -> mpp_migration::Result<R> + Send,
    ) -> PyResult<R> {
        self.write(py, |s| f(&mut s.board)).py()
    }

    /// Applies one event to a task and returns the new status as a `TaskStatus`.
    fn apply<'py>(
        &self,
        py: Python<'py>,
        task: &Bound<'py, PyAny>,
        event: TaskEvent,
    ) -> PyResult<Bound<'py, PyAny>> {
        let name = string("task", task)?;
        member(py, self.change(py, |b| b.apply(&name, event))?)
    }
}

/// The error of a task name no task has (core's `task_not_found`).
fn not_found(name: &str) -> PyErr {
    to_py_err(Error::new(
        ErrorCode::TaskNotFound,
        format!("no task is named {name:?}"),
    ))
}

/// The `#[pymethods]` of [`PyBoard`] with its one-event methods: each `fn name(arg: read, ..)
/// => event;` reads the task's name and each argument (by `read(name, value)`) and applies
/// the event ([`PyBoard::apply`]); and its one-call methods: `fn name(arg: read, ..) -> T =>
/// |board| call;` reads each argument and makes the core call ([`PyBoard::change`]). Each has
/// the stub's docstring of `Board.name`.
macro_rules! board_methods {
    (@ $block:tt [$($done:tt)*]
        $(#[$doc:meta])* fn $name:ident($($arg:ident: $read:path),*) => $event:expr; $($rest:tt)*) => {
        board_methods!(@ $block [$($done)*
            #[doc = stub_doc!("Board", $name)]
            $(#[$doc])*
            fn $name<'py>(
                &self,
                py: Python<'py>,
                task: &Bound<'py, PyAny>,
                $($arg: &Bound<'py, PyAny>),*
            ) -> PyResult<Bound<'py, PyAny>> {
                $(let $arg = $read(stringify!($arg), $arg)?;)*
                self.apply(py, task, $event)
            }
        ] $($rest)*);
    };
    (@ { $($block:tt)* } [$($done:tt)*]) => {
        crate::shapes::methods!(@ _ [$($done)*] $($block)*);
    };
    (@ $block:tt [$($done:tt)*]
        fn $name:ident($($arg:ident: $read:path),*) -> $t:ty => |$b:ident| $call:expr;
        $($rest:tt)*) => {
        board_methods!(@ $block [$($done)*
            #[doc = stub_doc!("Board", $name)]
            fn $name(&self, py: Python<'_>, $($arg: &Bound<'_, PyAny>),*) -> PyResult<$t> {
                $(let $arg = $read(stringify!($arg), $arg)?;)*
                self.change(py, |$b| $call)
            }
        ] $($rest)*);
    };
    (#[pymethods] impl $ty:ident $body:tt $(getters $g:tt $gs:tt)? events { $($events:tt)* }
        calls { $($calls:tt)* }) => {
        board_methods!(@ { #[pymethods] impl $ty $body $(getters $g $gs)? } [] $($events)* $($calls)*);
    };
}

board_methods! {
#[pymethods]
impl PyBoard {
    #[new]
    #[pyo3(
        signature = (*, eligibility = None, directory = None),
        text_signature = "(*, eligibility=None, directory=None)"
    )]
    fn new(
        eligibility: Option<&Bound<'_, PyAny>>,
        directory: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyBoard> {
        let table = table_arg("eligibility", eligibility)?;
        Ok(PyBoard::from_board(
            Board::with_eligibility(table),
            directory_arg(directory)?,
        ))
    }

    fn set_directory(&self, py: Python<'_>, directory: &Bound<'_, PyAny>) -> PyResult<()> {
        let Some(directory) = directory_arg(Some(directory))? else {
            return Err(invalid("directory must be a Directory, not None"));
        };
        self.write(py, |s| {
            s.board.set_directory(Arc::clone(&directory));
            s.directory = Some(directory);
        });
        Ok(())
    }

    fn task(&self, py: Python<'_>, name: &Bound<'_, PyAny>) -> PyResult<PyTask> {
        let name = string("name", name)?;
        self.read(py, |s| s.board.task(&name).map(PyTask::snapshot))
            .ok_or_else(|| not_found(&name))
    }

    fn task_of(&self, py: Python<'_>, mac: &Bound<'_, PyAny>) -> PyResult<Option<PyTask>> {
        let mac: Mac = mac_arg("mac", mac)?;
        Ok(self.read(py, |s| s.board.task_of(mac).map(PyTask::snapshot)))
    }

    fn suggest_task_name(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<String> {
        let text = string("text", text)?;
        Ok(self.read(py, |s| s.board.suggest_task_name(&text).as_str().to_owned()))
    }

    #[pyo3(
        signature = (task, *, cloud_connected_uc, tftp_server_type, load_server, batch_size = None),
        text_signature = "(self, task, *, cloud_connected_uc, tftp_server_type, load_server, batch_size=200)"
    )]
    fn complete_automatic(
        &self,
        py: Python<'_>,
        task: &Bound<'_, PyAny>,
        cloud_connected_uc: &Bound<'_, PyAny>,
        tftp_server_type: &Bound<'_, PyAny>,
        load_server: &Bound<'_, PyAny>,
        batch_size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyAutoPlan> {
        let name = string("task", task)?;
        let options = auto_options(
            cloud_connected_uc,
            tftp_server_type,
            load_server,
            batch_size,
        )?;
        let plan = self.change(py, |b| b.complete_automatic(&name, &options))?;
        Ok(PyAutoPlan(Arc::new(plan)))
    }

    #[pyo3(
        signature = (task, macs, new_name, *, cloud_connected_uc, tftp_server_type, load_server, batch_size = None),
        text_signature = "(self, task, macs, new_name, *, cloud_connected_uc, tftp_server_type, load_server, batch_size=200)"
    )]
    #[allow(clippy::too_many_arguments)]
    fn complete_subset_automatic(
        &self,
        py: Python<'_>,
        task: &Bound<'_, PyAny>,
        macs: &Bound<'_, PyAny>,
        new_name: &Bound<'_, PyAny>,
        cloud_connected_uc: &Bound<'_, PyAny>,
        tftp_server_type: &Bound<'_, PyAny>,
        load_server: &Bound<'_, PyAny>,
        batch_size: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyAutoPlan> {
        let name = string("task", task)?;
        let macs = macs_arg("macs", macs)?;
        let new_name = string("new_name", new_name)?;
        let options = auto_options(
            cloud_connected_uc,
            tftp_server_type,
            load_server,
            batch_size,
        )?;
        let plan = self.change(py, |b| {
            b.complete_subset_automatic(&name, &macs, &new_name, &options)
        })?;
        Ok(PyAutoPlan(Arc::new(plan)))
    }

    #[pyo3(signature = (task, *, file_prefix = None, loads = None))]
    fn complete_manual(
        &self,
        py: Python<'_>,
        task: &Bound<'_, PyAny>,
        file_prefix: Option<&Bound<'_, PyAny>>,
        loads: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyManualPlan> {
        let name = string("task", task)?;
        let options = manual_options(file_prefix, loads)?;
        let plan = self.change(py, |b| b.complete_manual(&name, &options))?;
        Ok(PyManualPlan(Arc::new(plan)))
    }

    // --- the saved form -------------------------------------------------------------------

    fn to_json(&self, py: Python<'_>) -> String {
        self.read(py, |s| s.board.to_json())
    }

    #[staticmethod]
    #[pyo3(signature = (data, *, directory = None))]
    fn from_json(
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        directory: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyBoard> {
        let directory = directory_arg(directory)?;
        let board = if let Ok(s) = data.cast::<PyString>() {
            let text = crate::args::text("data", s)?;
            py.detach(|| Board::from_json(&text))
        } else if let Ok(b) = data.cast::<PyBytes>() {
            let text = std::str::from_utf8(b.as_bytes()).map_err(|e| {
                to_py_err(Error::new(
                    ErrorCode::ArgumentNotUtf8,
                    format!("the board document is not UTF-8: {e}"),
                ))
            })?;
            py.detach(|| Board::from_json(text))
        } else {
            return Err(wrong_type(format!(
                "data must be str or bytes (the JSON text), not {}",
                type_name(data)
            )));
        };
        Ok(PyBoard::from_board(board.py()?, directory))
    }

    fn __len__(&self, py: Python<'_>) -> usize {
        self.read(py, |s| s.board.tasks().len())
    }

    /// Whether a task has this name (case-insensitive).
    fn __contains__(&self, py: Python<'_>, name: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Some(name) = name
            .cast::<PyString>()
            .ok()
            .and_then(|n| n.to_cow().ok().map(|n| n.into_owned()))
        else {
            return Ok(false);
        };
        Ok(self.read(py, |s| s.board.task(&name).is_some()))
    }

    /// Boards are equal when their tasks and eligibility tables are (the directory aside).
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> bool {
        let Ok(other) = other.cast::<PyBoard>() else {
            return false;
        };
        let other = other.get();
        if std::ptr::eq(self, other) {
            return true;
        }
        // Two locks at once: always in the same order (by address), so that two threads
        // comparing the same boards both ways cannot wait on each other.
        let (first, second) = if (self as *const PyBoard) < (other as *const PyBoard) {
            (self, other)
        } else {
            (other, self)
        };
        first.read(py, |a| a.board == second.state().board)
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        self.read(py, |s| {
            format!(
                "Board(tasks={}, eligibility={:?}, in_progress={}, directory={})",
                s.board.tasks().len(),
                s.board.eligibility().name(),
                s.board
                    .in_progress()
                    .map_or("None".to_owned(), |t| format!("{:?}", t.name().as_str())),
                if s.directory.is_some() { "set" } else { "None" }
            )
        })
    }

    /// Pickling and copying: rebuilt from its JSON document and its directory (a copy is an
    /// independent board).
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<crate::shapes::Reduce<'py>> {
        let (json, directory) = self.read(py, |s| (s.board.to_json(), s.directory.clone()));
        let args = (json, directory.map(PyDirectory));
        crate::shapes::restore::<Self>(py, args)
    }

    /// Rebuilds a pickled `Board`.
    #[staticmethod]
    #[pyo3(name = "_restore")]
    fn restore(
        py: Python<'_>,
        json: &Bound<'_, PyAny>,
        directory: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyBoard> {
        PyBoard::from_json(py, json, directory)
    }
}
getters("Board", this) {
    fn eligibility<'py>(py) -> PyEligibilityTable {
        PyEligibilityTable(this.read(py, |s| Arc::clone(s.board.eligibility())))
    }
    fn directory<'py>(py) -> Option<PyDirectory> {
        this.read(py, |s| s.directory.clone()).map(PyDirectory)
    }
    fn tasks<'py>(py) -> Vec<PyTask> {
        this.read(py, |s| {
            s.board.tasks().iter().map(PyTask::snapshot).collect()
        })
    }
    fn task_names<'py>(py) -> Vec<String> {
        this.read(py, |s| {
            s.board
                .tasks()
                .iter()
                .map(|t| t.name().as_str().to_owned())
                .collect()
        })
    }
    fn in_progress<'py>(py) -> Option<PyTask> {
        this.read(py, |s| s.board.in_progress().map(PyTask::snapshot))
    }
}

// --- events: one line each -------------------------------------------------------------
events {
    fn start_preparation() => TaskEvent::StartPreparation;
    fn report_prepared(mac: mac_arg) => TaskEvent::Prepared { mac };
    fn report_preparation_failed(mac: mac_arg, reason: string) =>
        TaskEvent::PreparationFailed { mac, reason };
    fn move_to_ready(macs: macs_arg) => TaskEvent::MoveToReady { macs };
    fn complete(mode: parse) => TaskEvent::Complete { mode };
    fn report_migrated(mac: mac_arg) => TaskEvent::Migrated { mac };
    fn report_migration_failed(mac: mac_arg, reason: string) =>
        TaskEvent::MigrationFailed { mac, reason };
    fn pause() => TaskEvent::Pause;
    fn resume() => TaskEvent::Resume;
    fn cancel() => TaskEvent::Cancel;
    fn set_include_unknown(on: boolean) => TaskEvent::SetIncludeUnknown(on);
    fn remove_devices(macs: macs_arg) => TaskEvent::RemoveDevices { macs };
}

// --- one core call each ----------------------------------------------------------------
calls {
    fn create_task(name: string, option: upload_option) -> PyTask =>
        |b| b.create_task(&name, option).map(PyTask::snapshot);
    fn remove_task(name: string) -> PyTask => |b| b.remove_task(&name).map(PyTask::owned);
    fn add_devices(task: string, devices: device_args) -> PyAddOutcome =>
        |b| b.add_devices(&task, devices).map(PyAddOutcome);
    fn add_upload(task: string, report: report_arg) -> PyAddOutcome =>
        |b| b.add_upload(&task, &report).map(PyAddOutcome);
    fn create_default_task(name: string, option: upload_option, devices: device_args)
        -> PyAddOutcome => |b| b.create_default_task(&name, option, devices).map(PyAddOutcome);
    fn add_tasks(tasks: tasks_arg) -> () => |b| b.add_tasks(tasks);
    fn add_fleet_plan(plan: fleet_tasks) -> () =>
        |b| b.add_tasks(plan.iter().map(|t| Task::clone(t)).collect());
    fn refresh(task: string, events: events_arg) -> Member<TaskStatus> =>
        |b| b.refresh(&task, events).map(Member);
    fn complete_subset(task: string, macs: macs_arg, new_name: string, mode: parse)
        -> Member<TaskStatus> => |b| b.complete_subset(&task, &macs, &new_name, mode).map(Member);
}
}

/// The `tasks` argument of `add_tasks`: any iterable of `Task`.
fn tasks_arg(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<Task>> {
    crate::args::objects(name, obj, "", true, |t: &PyTask| Task::clone(&t.0))
}
