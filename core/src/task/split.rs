//! Splitting grouped items into tasks of at most `max_devices` (ELIG-3) with unique valid names
//! (TASK-1), written once for fleet planning and upload generation.

use std::collections::BTreeMap;

use foldhash::{HashSet, HashSetExt};

use crate::error::{Error, Result};

use super::name::TaskName;
use super::task::MAX_TASK_DEVICES;

/// Refuses a task size outside `1..=MAX_TASK_DEVICES` (ELIG-3).
pub(crate) fn check_max_devices(max_devices: usize) -> Result<()> {
    if !(1..=MAX_TASK_DEVICES).contains(&max_devices) {
        return Err(Error::invalid_argument(format!(
            "max_devices {max_devices} is not between 1 and {MAX_TASK_DEVICES} (ELIG-3)"
        )));
    }
    Ok(())
}

/// Splits each group (in key order) into chunks of at most `max_devices`, and gives `each` the
/// chunk with its name: `prefix-key-001` (`prefix-001` for the empty key), numbered with at
/// least three digits, made distinct case-insensitively by a `-2`, `-3`… suffix (TASK-1).
pub(crate) fn split_into_tasks<T>(
    prefix: &TaskName,
    groups: BTreeMap<String, Vec<T>>,
    max_devices: usize,
    mut each: impl FnMut(TaskName, &[T]) -> Result<()>,
) -> Result<()> {
    let mut names = HashSet::new();
    for (key, members) in groups {
        let chunks = members.len().div_ceil(max_devices);
        let width = chunks.to_string().len().max(3);
        for (n, chunk) in members.chunks(max_devices).enumerate() {
            let base = if key.is_empty() {
                format!("{prefix}-{:0width$}", n + 1)
            } else {
                format!("{prefix}-{key}-{:0width$}", n + 1)
            };
            each(unique_name(&base, &mut names), chunk)?;
        }
    }
    Ok(())
}

/// A valid name from `base`, distinct (case-insensitively) from every name in `taken`.
fn unique_name(base: &str, taken: &mut HashSet<String>) -> TaskName {
    let mut name = TaskName::suggest(base);
    let mut n = 2;
    while !taken.insert(name.key()) {
        name = TaskName::suggest(&format!("{base}-{n}"));
        n += 1;
    }
    name
}
