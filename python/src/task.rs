//! Migration tasks in Python (TASK-1 to TASK-9, ELIG-1 to ELIG-5): `Task`, an immutable
//! snapshot of a core task; its devices as a lazy `TaskDeviceList` of `TaskDevice`; the
//! counters; the events a host reports (`TaskEvent`); what adding devices did (`AddOutcome`);
//! and the transition table (`transition`, `TRANSITIONS`).
//!
//! A `Task` owns an `Arc` of a copy of the core task taken when it was asked for, so it never
//! changes and stays valid whatever happens to the board it came from; the board gives a new
//! snapshot on each request.

use crate::sequence::{Cursor, Sequence};
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

use mpp_migration::{
    AddOutcome, CompletionMode, EligibilityCounts, ErrorCode, Finding, Mac, Outcome, TRANSITIONS,
    TabCounts, Task, TaskDevice, TaskEvent,
};

use crate::args::{boolean, mac_arg, macs_arg, string};
use crate::device::PyDevice;
use crate::enums::{eligibility_filter, member, parse};
use crate::errors::{PyFinding, type_name};
use crate::mac::mac_str;
use crate::upload::PyUploadCounts;

// --- Task ---------------------------------------------------------------------------------

crate::shapes::methods! {
class("Task", eq) pub(crate) struct PyTask(pub(crate) Arc<Task>);
json("Task", this; this.0.to_json());
repr(this; "Task(name={:?}, option={:?}, status={:?}, devices={})",
    this.0.name().as_str(), this.0.option().as_str(), this.0.status().as_str(),
    this.0.devices().len());
#[pymethods]
impl PyTask {
    fn device(&self, mac: &Bound<'_, PyAny>) -> PyResult<Option<PyTaskDevice>> {
        let mac = mac_arg("mac", mac)?;
        Ok(self.0.device(mac).cloned().map(PyTaskDevice))
    }
    #[pyo3(signature = (query = None, eligibility = None), text_signature = "(self, query='', eligibility=None)")]
    fn search(
        &self,
        py: Python<'_>,
        query: Option<&Bound<'_, PyAny>>,
        eligibility: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyTaskDeviceList> {
        let query = query.map_or(Ok(String::new()), |q| string("query", q))?;
        let filter = eligibility_filter(eligibility)?;
        let task = Arc::clone(&self.0);
        let picks = py.detach(|| task.search_indices(&query, filter));
        Ok(PyTaskDeviceList {
            task,
            picks: Some(picks.into()),
        })
    }
}
calls("Task", this) {
    fn device_list_csv<'py>(py) -> String { py.detach(|| this.0.device_list_csv()) }
    fn device_list_json<'py>(py) -> String { py.detach(|| this.0.device_list_json()) }
}
getters("Task", this) {
    fn name() -> &str { this.0.name().as_str() }
    fn option() -> &'static str { this.0.option().as_str() }
    fn status<'py>(py) -> PyResult<Bound<'py, PyAny>> { member(py, this.0.status()) }
    fn paused() -> bool { this.0.is_paused() }
    fn include_unknown() -> bool { this.0.include_unknown() }
    fn completion<'py>(py) -> PyResult<Option<Bound<'py, PyAny>>> {
        this.0.completion().map(|m| member(py, m)).transpose()
    }
    fn upload_counts() -> PyUploadCounts { PyUploadCounts(this.0.upload_counts()) }
    fn tab_counts() -> PyTabCounts { PyTabCounts(this.0.tab_counts()) }
    fn eligibility_counts() -> PyEligibilityCounts {
        PyEligibilityCounts(this.0.eligibility_counts())
    }
    fn devices() -> PyTaskDeviceList {
        PyTaskDeviceList {
            task: Arc::clone(&this.0),
            picks: None,
        }
    }
}
}

impl PyTask {
    /// A snapshot of `task`.
    pub(crate) fn snapshot(task: &Task) -> PyTask {
        PyTask(Arc::new(task.clone()))
    }

    /// `task` itself, which no one else holds.
    pub(crate) fn owned(task: Task) -> PyTask {
        PyTask(Arc::new(task))
    }
}

/// The `task` argument of the plan functions: a `Task`.
pub(crate) fn task_arg(obj: &Bound<'_, PyAny>) -> PyResult<Arc<Task>> {
    match obj.cast::<PyTask>() {
        Ok(t) => Ok(Arc::clone(&t.get().0)),
        Err(_) => Err(crate::args::wrong_type(format!(
            "task must be a Task (from Board.task), not {}",
            type_name(obj)
        ))),
    }
}

// --- devices of a task --------------------------------------------------------------------

crate::shapes::methods! {
class("TaskDevice", eq, hash) #[derive(Clone)] pub(crate) struct PyTaskDevice(TaskDevice);
repr(this, d = this.0.device(); "TaskDevice(mac={:?}, model={:?}, eligibility={:?}, tab={:?})",
    d.mac().to_string(), d.model().name(), this.0.eligibility().as_str(), this.0.tab().as_str());
getters("TaskDevice", this) {
    fn device() -> PyDevice { PyDevice(this.0.device().clone()) }
    fn eligibility<'py>(py) -> PyResult<Bound<'py, PyAny>> {
        member(py, this.0.eligibility())
    }
    fn reasons() -> Vec<PyFinding> { PyFinding::list(this.0.reasons()) }
    fn tab<'py>(py) -> PyResult<Bound<'py, PyAny>> { member(py, this.0.tab()) }
    fn last_error() -> Option<&str> { this.0.last_error() }
}
}

crate::shapes::methods! {
class("TaskDeviceList", sequence) pub(crate) struct PyTaskDeviceList {
    task: Arc<Task>,
    /// Positions in the task's devices; None for every device.
    picks: Option<Arc<[usize]>>,
}
sequence("TaskDeviceList", PyTaskDeviceIterator);
repr(this, n = this.len(); "<TaskDeviceList of {n} device{} of task {}>",
    if n == 1 { "" } else { "s" }, this.task.name());
#[pymethods]
impl PyTaskDeviceList {
    fn macs<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.iter().map(|d| mac_str(py, d.device().mac())))
    }
}
}

impl PyTaskDeviceList {
    fn position(&self, i: usize) -> usize {
        self.picks.as_ref().map_or(i, |p| p[i])
    }
}

impl Sequence for PyTaskDeviceList {
    type Item = TaskDevice;
    type Object = PyTaskDevice;
    fn len(&self) -> usize {
        self.picks
            .as_ref()
            .map_or(self.task.devices().len(), |p| p.len())
    }
    fn at(&self, i: usize) -> &TaskDevice {
        &self.task.devices()[self.position(i)]
    }
    fn view(&self, start: isize, step: isize, len: usize) -> PyTaskDeviceList {
        let picks: Vec<usize> = (0..len)
            .map(|k| self.position((start + k as isize * step) as usize))
            .collect();
        PyTaskDeviceList {
            task: Arc::clone(&self.task),
            picks: Some(picks.into()),
        }
    }
    fn object(item: &TaskDevice) -> PyTaskDevice {
        PyTaskDevice(item.clone())
    }
    fn item(object: &PyTaskDevice) -> &TaskDevice {
        &object.0
    }
}

crate::shapes::methods! {
class("TaskDeviceIterator") pub(crate) struct PyTaskDeviceIterator {
    list: Py<PyTaskDeviceList>,
    cursor: Cursor,
}
iterator(PyTaskDeviceList);
}

// --- counters -----------------------------------------------------------------------------

crate::shapes::methods! {
class("TabCounts", eq, hash) #[derive(Clone, Copy)] pub(crate) struct PyTabCounts(TabCounts);
json("TabCounts", this; mpp_migration::ToJson::to_json(&this.0));
repr(this, c = &this.0; "TabCounts(pending={}, error={}, ready={}, in_progress={}, completed={})",
    c.pending, c.error, c.ready, c.in_progress, c.completed);
getters("TabCounts", this) {
    fn pending() -> usize { this.0.pending }
    fn error() -> usize { this.0.error }
    fn ready() -> usize { this.0.ready }
    fn in_progress() -> usize { this.0.in_progress }
    fn completed() -> usize { this.0.completed }
    fn total() -> usize { this.0.total() }
}
}

crate::shapes::methods! {
class("EligibilityCounts", eq, hash)
#[derive(Clone, Copy)]
pub(crate) struct PyEligibilityCounts(EligibilityCounts);
repr(this, c = &this.0; "EligibilityCounts(total={}, eligible={}, not_eligible={}, unknown={})",
    c.total, c.eligible, c.not_eligible, c.unknown);
getters("EligibilityCounts", this) {
    fn total() -> usize { this.0.total }
    fn eligible() -> usize { this.0.eligible }
    fn not_eligible() -> usize { this.0.not_eligible }
    fn unknown() -> usize { this.0.unknown }
}
}

crate::shapes::methods! {
class("AddOutcome", eq, hash)
#[derive(Clone)]
pub(crate) struct PyAddOutcome(pub(crate) AddOutcome);
repr(this, codes: Vec<&str> = this.0.findings.iter().map(Finding::name).collect();
    "AddOutcome(added={}, findings={codes:?})",
    this.0.added);
getters("AddOutcome", this) {
    fn added() -> usize { this.0.added }
    fn findings() -> Vec<PyFinding> { PyFinding::list(&this.0.findings) }
}
}

// --- events -------------------------------------------------------------------------------

crate::shapes::class! {
    "TaskEvent", eq, hash;
    #[derive(Clone)]
    pub(crate) struct PyTaskEvent(pub(crate) TaskEvent);
}

/// An argument of an event as Python passes it to the event's constructor: text, a list of
/// texts or a flag.
enum Arg {
    Text(String),
    Texts(Vec<String>),
    Flag(bool),
}

impl Arg {
    /// The value: pickling passes it to the constructor again.
    fn value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(match self {
            Arg::Text(text) => text.into_pyobject(py)?.into_any(),
            Arg::Texts(texts) => texts.into_pyobject(py)?.into_any(),
            Arg::Flag(on) => on.into_pyobject(py)?.to_owned().into_any(),
        })
    }

    fn repr(&self) -> String {
        match self {
            Arg::Text(text) => format!("{text:?}"),
            Arg::Texts(texts) => format!("{texts:?}"),
            Arg::Flag(on) => (if *on { "True" } else { "False" }).to_owned(),
        }
    }
}

/// The [`Arg`] of each type of argument an event has.
trait EventArg {
    fn arg(&self) -> Arg;
}

macro_rules! event_args {
    ($($ty:ty => |$v:ident| $arg:expr;)*) => {
        $(impl EventArg for $ty {
            fn arg(&self) -> Arg {
                let $v = self;
                $arg
            }
        })*
    };
}

event_args! {
    Mac => |mac| Arg::Text(mac.to_string());
    Vec<Mac> => |macs| Arg::Texts(mac_list(macs));
    String => |text| Arg::Text(text.clone());
    CompletionMode => |mode| Arg::Text(mode.as_str().to_owned());
    bool => |on| Arg::Flag(*on);
}

fn mac_list(macs: &[Mac]) -> Vec<String> {
    macs.iter().map(|m| m.to_string()).collect()
}

/// The `#[pymethods]` of [`PyTaskEvent`] with its constructors, one line each: `fn name(arg:
/// read, ..) => Variant { arg, .. };` reads each argument (by `read(name, value)`) and makes
/// the event, with the stub's docstring of `TaskEvent.name`. The same line gives `parts()`,
/// the constructor and arguments of an event, from which `__repr__` and `__reduce__` are made.
macro_rules! task_event_methods {
    (@ $block:tt [$($done:tt)*] [$($arms:tt)*]
        $(#[$doc:meta])* fn $name:ident($($arg:ident: $read:path),*) =>
            $variant:ident $({ $($field:ident),* })? $(($tuple:ident))?; $($rest:tt)*) => {
        task_event_methods!(@ $block [$($done)*
            #[doc = stub_doc!("TaskEvent", $name)]
            $(#[$doc])*
            #[staticmethod]
            fn $name($($arg: &Bound<'_, PyAny>),*) -> PyResult<Self> {
                $(let $arg = $read(stringify!($arg), $arg)?;)*
                Ok(PyTaskEvent(TaskEvent::$variant $({ $($field),* })? $(($tuple))?))
            }
        ] [$($arms)*
            TaskEvent::$variant $({ $($field),* })? $(($tuple))? =>
                (stringify!($name), vec![$(EventArg::arg($arg)),*]),
        ] $($rest)*);
    };
    (@ { $($block:tt)* } [$($done:tt)*] [$($arms:tt)*]) => {
        impl PyTaskEvent {
            /// The constructor that makes this event, and its arguments.
            fn parts(&self) -> (&'static str, Vec<Arg>) {
                match &self.0 {
                    $($arms)*
                }
            }
        }
        crate::shapes::methods!(@ _ [$($done)*] $($block)*);
    };
    (#[pymethods] impl $ty:ident $body:tt getters $g:tt $gs:tt constructors { $($events:tt)* }) => {
        task_event_methods!(@ { #[pymethods] impl $ty $body getters $g $gs } [] [] $($events)*);
    };
}

task_event_methods! {
#[pymethods]
impl PyTaskEvent {
    fn __repr__(&self) -> String {
        let (constructor, args) = self.parts();
        let args: Vec<String> = args.iter().map(|a| a.repr()).collect();
        format!("TaskEvent.{constructor}({})", args.join(", "))
    }
    /// Pickling and copying: rebuilt by the constructor that made it.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<crate::shapes::Reduce<'py>> {
        let (constructor, args) = self.parts();
        let args = args.iter().map(|a| a.value(py));
        let args = PyTuple::new(py, args.collect::<PyResult<Vec<_>>>()?)?;
        Ok((py.get_type::<Self>().getattr(constructor)?, args))
    }
}
getters("TaskEvent", this) {
    fn kind<'py>(py) -> PyResult<Bound<'py, PyAny>> { member(py, this.0.kind()) }
    fn mac() -> Option<String> { this.0.mac().map(|m| m.to_string()) }
    fn macs() -> Vec<String> { mac_list(this.0.macs()) }
    fn reason() -> Option<&str> { this.0.reason() }
    fn mode<'py>(py) -> PyResult<Option<Bound<'py, PyAny>>> {
        this.0.mode().map(|m| member(py, m)).transpose()
    }
    fn include_unknown() -> Option<bool> { this.0.include_unknown() }
}

// --- the constructors: one line each ----------------------------------------------------
constructors {
    fn start_preparation() => StartPreparation;
    fn prepared(mac: mac_arg) => Prepared { mac };
    fn preparation_failed(mac: mac_arg, reason: string) => PreparationFailed { mac, reason };
    fn move_to_ready(macs: macs_arg) => MoveToReady { macs };
    fn complete(mode: parse) => Complete { mode };
    fn migrated(mac: mac_arg) => Migrated { mac };
    fn migration_failed(mac: mac_arg, reason: string) => MigrationFailed { mac, reason };
    fn pause() => Pause;
    fn resume() => Resume;
    fn cancel() => Cancel;
    fn set_include_unknown(on: boolean) => SetIncludeUnknown(on);
    fn remove_devices(macs: macs_arg) => RemoveDevices { macs };
}
}

/// The `events` argument of `Board.refresh`: any iterable of `TaskEvent`.
pub(crate) fn events_arg(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<TaskEvent>> {
    crate::args::objects(name, obj, "", true, |e: &PyTaskEvent| e.0.clone())
}

// --- the transition table -----------------------------------------------------------------

crate::shapes::methods! {
class("TransitionOutcome", eq, hash)
#[derive(Clone, Copy)]
pub(crate) struct PyTransitionOutcome(Outcome);
repr(this, detail = match this.0 {
    Outcome::To(s) => format!(", target={:?}", s.as_str()),
    Outcome::Refused(c) => format!(", refusal={:?}", c.as_str()),
    _ => String::new(),
}; "TransitionOutcome(kind={:?}{detail})", this.0.kind());
getters("TransitionOutcome", this) {
    fn kind() -> &'static str { this.0.kind() }
    fn target<'py>(py) -> PyResult<Option<Bound<'py, PyAny>>> {
        this.0.target().map(|s| member(py, s)).transpose()
    }
    fn refusal() -> Option<&'static str> { this.0.refusal().map(ErrorCode::as_str) }
    fn accepted() -> bool { this.0.is_accepted() }
}
}

crate::shapes::functions! {
    fn transition(status: parse, event: parse) -> PyTransitionOutcome =>
        Ok(PyTransitionOutcome(mpp_migration::transition(status, event)));
    fn transition_table_markdown() -> String => Ok(mpp_migration::transition_table_markdown());
}

/// `TRANSITIONS`: every (status, event kind, outcome) row of core's table.
pub(crate) fn transitions(py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
    let rows = TRANSITIONS
        .iter()
        .map(|&(status, event, outcome)| {
            Ok((
                member(py, status)?,
                member(py, event)?,
                PyTransitionOutcome(outcome),
            ))
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyTuple::new(py, rows)
}
