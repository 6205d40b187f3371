//! Fleet planning in Python (ELIG-3, TASK-1): `plan_fleet` splits any number of devices into
//! tasks of at most 1000, without the GIL; `FleetPlan` holds the tasks (snapshots) and the
//! findings of the devices left out.

use std::sync::Arc;

use pyo3::prelude::*;

use mpp_migration::{Finding, FleetGrouping, FleetOptions, Task};

use crate::args::{count, string, upload_option};
use crate::device::device_args;
use crate::eligibility::table_arg;
use crate::enums::parse;
use crate::errors::{IntoPyResult, PyFinding};
use crate::task::PyTask;

crate::shapes::methods! {
class("FleetPlan", eq) pub(crate) struct PyFleetPlan {
    pub(crate) tasks: Vec<Arc<Task>>,
    findings: Vec<Finding>,
}
repr(this, devices: usize = this.tasks.iter().map(|t| t.devices().len()).sum();
    "FleetPlan(tasks={}, devices={devices}, findings={})",
    this.tasks.len(), this.findings.len());
getters("FleetPlan", this) {
    fn tasks() -> Vec<PyTask> { this.tasks.iter().map(|t| PyTask(Arc::clone(t))).collect() }
    fn findings() -> Vec<PyFinding> { PyFinding::list(&this.findings) }
}
}

/// The tasks of a `FleetPlan` argument.
pub(crate) fn fleet_tasks(name: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<Arc<Task>>> {
    Ok(crate::args::object::<PyFleetPlan>(name, obj)?.tasks.clone())
}

#[doc = stub_doc!("plan_fleet")]
#[pyfunction]
#[pyo3(
    signature = (devices, prefix, *, option, group_by = None, max_devices = None, eligibility = None),
    text_signature = "(devices, prefix, *, option, group_by='none', max_devices=1000, eligibility=None)"
)]
pub(crate) fn plan_fleet(
    py: Python<'_>,
    devices: &Bound<'_, PyAny>,
    prefix: &Bound<'_, PyAny>,
    option: &Bound<'_, PyAny>,
    group_by: Option<&Bound<'_, PyAny>>,
    max_devices: Option<&Bound<'_, PyAny>>,
    eligibility: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyFleetPlan> {
    let devices = device_args("devices", devices)?;
    let mut options =
        FleetOptions::new(&string("prefix", prefix)?, upload_option("option", option)?);
    if let Some(g) = crate::args::given(group_by) {
        options.group_by = parse::<FleetGrouping>("group_by", g)?;
    }
    if let Some(n) = max_devices {
        options.max_devices = count("max_devices", n)?;
    }
    options.eligibility = table_arg("eligibility", eligibility)?;
    let plan = py
        .detach(|| mpp_migration::plan_fleet(&devices, &options))
        .py()?;
    Ok(PyFleetPlan {
        tasks: plan.tasks.into_iter().map(Arc::new).collect(),
        findings: plan.findings,
    })
}
