//! `mpp_migration._native`: the Python face of mpp-migration. It translates types and errors
//! and adds no rule of its own; the typed package `mpp_migration` re-exports it.

use pyo3::prelude::*;

mod args;
mod board;
mod device;
mod directory;
mod e164;
mod eligibility;
mod email;
mod enums;
mod errors;
mod files;
mod firmware;
mod fleet;
mod gil;
mod hardware;
mod inventory;
mod json;
mod loads;
mod mac;
mod model;
mod plan;
mod sequence;
mod source;
mod task;
mod upload;

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", mpp_migration::VERSION)?;
    errors::register(m)?;
    mac::register(m)?;
    e164::register(m)?;
    email::register(m)?;
    model::register(m)?;
    hardware::register(m)?;
    firmware::register(m)?;
    directory::register(m)?;
    eligibility::register(m)?;
    device::register(m)?;
    upload::register(m)?;
    enums::register(m)?;
    task::register(m)?;
    board::register(m)?;
    fleet::register(m)?;
    loads::register(m)?;
    files::register(m)?;
    plan::register(m)?;
    inventory::register(m)?;
    Ok(())
}
