//! The columns of *Generate device license and add device* besides Model and MAC Address, one
//! checker each, beside the rule it enforces (CSV-3 to CSV-7, CSV-11, CSV-12, DEC-4 to DEC-7).
//! Each reports its own column's findings and returns what the device is built from; the row
//! ([`super::row`]) runs them in column order and refuses the row if any reported an error.

use crate::device::OwnerType;
use crate::directory::{Directory, MAX_LOCATION_NAME, NameMatch, extension_code};
use crate::e164::E164;
use crate::email::validate_email;
use crate::error::{ErrorCode, Finding};
use crate::text::{quoted, trim};

use super::row::{Cell, Findings, RowValidator};
use super::schema::Column;

/// A location as a row names it: the name as written and, with a directory, its position there.
pub(super) type RowLocation<'a> = Option<(&'a str, Option<usize>)>;

/// CSV-3: Type, USER or WORKSPACE.
pub(super) fn owner_type(out: &mut Findings, cell: Cell<'_>) -> Option<OwnerType> {
    if cell.is_unreadable() {
        return None;
    }
    match cell.text() {
        None => {
            out.missing(
                Column::Type,
                cell,
                ErrorCode::TypeMissing,
                "it must be USER or WORKSPACE",
            );
            None
        }
        Some(text) => OwnerType::parse(text).or_else(|| {
            out.error(
                Column::Type,
                ErrorCode::TypeInvalid,
                format!("Type {} is neither USER nor WORKSPACE", quoted(text)),
            );
            None
        }),
    }
}

/// CSV-4, CSV-3: Username, and whether it names a workspace that exists. An email matches
/// ignoring surrounding spaces, a workspace's name exactly (DEC-7). Returns the username and
/// whether the workspace exists.
pub(super) fn username<'a>(
    out: &mut Findings,
    cell: Cell<'a>,
    owner: Option<OwnerType>,
    directory: Option<&Directory>,
) -> (Option<&'a str>, bool) {
    let username = match owner {
        Some(OwnerType::Workspace) => cell.exact(),
        _ => cell.text(),
    };
    let mut existing_workspace = false;
    match (owner, username) {
        (_, None) if cell.is_unreadable() => {}
        (_, None) => out.missing(
            Column::Username,
            cell,
            ErrorCode::UsernameMissing,
            "give the user's email for a USER or the workspace's name for a WORKSPACE",
        ),
        // A user of the directory has a valid email (the directory checked it): the syntax
        // check runs only for addresses it does not know.
        (Some(OwnerType::User), Some(email)) if directory.is_some_and(|d| d.has_user(email)) => {}
        (Some(OwnerType::User), Some(email)) => match validate_email(email) {
            Err(e) => out.add(Column::Username, e.into_finding()),
            Ok(()) => {
                if directory.is_some() {
                    out.error(
                        Column::Username,
                        ErrorCode::UserNotFound,
                        format!("user {} does not exist in the organisation; a USER must exist before its device is added", quoted(email)),
                    );
                }
            }
        },
        (Some(OwnerType::Workspace), Some(name)) => match directory.map(|d| d.match_workspace(name)) {
            Some(NameMatch::Exact) => existing_workspace = true,
            Some(NameMatch::NearMiss(existing)) => out.add(
                Column::Username,
                Finding::new(
                    ErrorCode::WorkspaceNameMismatch,
                    format!("workspace {} differs from the existing workspace {} only in case or spacing; write it exactly as {}, or choose a distinct name for a new workspace", quoted(name), quoted(existing), quoted(existing)),
                )
                .with_suggestion(existing),
            ),
            // A workspace that does not exist is created (CSV-3), under the name as written.
            Some(NameMatch::Missing) | None => {
                if name.len() != trim(name).len() {
                    out.add(Column::Username, spaced_name("workspace", name));
                }
            }
        },
        (None, Some(_)) => {}
    }
    (username, existing_workspace)
}

/// CSV-11: Location, matched by exact name (DEC-7, EXT-12).
pub(super) fn location<'a>(
    out: &mut Findings,
    cell: Cell<'a>,
    directory: Option<&Directory>,
) -> RowLocation<'a> {
    if cell.is_unreadable() {
        return None;
    }
    let Some(name) = cell.exact() else {
        out.missing(
            Column::Location,
            cell,
            ErrorCode::LocationMissing,
            "give the name of a location of the organisation",
        );
        return None;
    };
    // A name of at most 80 bytes has at most 80 characters: counted only if longer.
    if name.len() > MAX_LOCATION_NAME && name.chars().count() > MAX_LOCATION_NAME {
        out.error(
            Column::Location,
            ErrorCode::LocationNameTooLong,
            format!(
                "location {} has {} characters; a location name has at most {MAX_LOCATION_NAME}",
                quoted(name),
                name.chars().count()
            ),
        );
        return None;
    }
    match directory.map(|d| d.match_location_index(name)) {
        None => {
            if name.len() != trim(name).len() {
                out.add(Column::Location, spaced_name("location", name));
            }
            Some((name, None))
        }
        Some((NameMatch::Exact, found)) => Some((name, found)),
        Some((NameMatch::NearMiss(existing), _)) => {
            out.add(
                Column::Location,
                Finding::new(
                    ErrorCode::LocationNameMismatch,
                    format!("location {} differs from the location {} only in case or spacing; locations match by exact name", quoted(name), quoted(existing)),
                )
                .with_suggestion(existing),
            );
            None
        }
        Some((NameMatch::Missing, _)) => {
            out.error(
                Column::Location,
                ErrorCode::LocationNotFound,
                format!("no location of the organisation is named {}; locations match by name, not by UUID or site id", quoted(name)),
            );
            None
        }
    }
}

/// CSV-5, DEC-4: Phone Number, empty for a USER, in E.164 form and mandatory for a WORKSPACE.
pub(super) fn phone_number(
    out: &mut Findings,
    cell: Cell<'_>,
    owner: Option<OwnerType>,
) -> Option<E164> {
    let Some(text) = cell.text() else {
        if owner == Some(OwnerType::Workspace) && !cell.is_unreadable() {
            out.missing(
                Column::PhoneNumber,
                cell,
                ErrorCode::PhoneNumberMissing,
                "a WORKSPACE row needs one in E.164 form, e.g. +14085550100",
            );
        }
        return None;
    };
    if owner == Some(OwnerType::User) {
        out.error(
            Column::PhoneNumber,
            ErrorCode::PhoneNumberNotAllowed,
            format!(
                "a USER row must have no Phone Number; found {}",
                quoted(text)
            ),
        );
        return None;
    }
    E164::parse(text)
        .map_err(|e| out.add(Column::PhoneNumber, e.into_finding()))
        .ok()
}

impl RowValidator {
    /// CSV-6, DEC-5: Extension, empty for a USER, 2 to 10 digits, not in use in the location
    /// and not used by an earlier row of the file in the same location.
    pub(super) fn extension<'a>(
        &mut self,
        out: &mut Findings,
        cell: Cell<'a>,
        owner: Option<OwnerType>,
        location: RowLocation<'_>,
        directory: Option<&Directory>,
    ) -> Option<&'a str> {
        let text = cell.text()?;
        if owner == Some(OwnerType::User) {
            out.error(
                Column::Extension,
                ErrorCode::ExtensionNotAllowed,
                format!("a USER row must have no Extension; found {}", quoted(text)),
            );
            return None;
        }
        let Some(code) = extension_code(text) else {
            out.error(
                Column::Extension,
                ErrorCode::ExtensionInvalid,
                format!("extension {} is not 2 to 10 digits", quoted(text)),
            );
            return None;
        };
        if let Some((loc_name, index)) = location {
            if directory
                .zip(index)
                .is_some_and(|(d, i)| d.extension_code_in_use(i, code))
            {
                out.error(
                    Column::Extension,
                    ErrorCode::ExtensionInUse,
                    format!(
                        "extension {text} is already in use in location {}",
                        quoted(loc_name)
                    ),
                );
            }
            let first = self.first_row_of_extension(loc_name, index, code, out.row);
            if first != out.row {
                out.error(Column::Extension, ErrorCode::ExtensionDuplicate, format!("extension {text} in location {} is already used by row {first} of this file", quoted(loc_name)));
            }
        }
        Some(text)
    }
}

/// CSV-7: Device Type, which must be IP (any case).
pub(super) fn device_type(out: &mut Findings, cell: Cell<'_>) {
    if cell.is_unreadable() {
        return;
    }
    match cell.text() {
        None => out.missing(
            Column::DeviceType,
            cell,
            ErrorCode::DeviceTypeMissing,
            "it must be IP",
        ),
        Some(t) if t == "IP" || t.eq_ignore_ascii_case("IP") => {}
        Some(t) => out.error(
            Column::DeviceType,
            ErrorCode::DeviceTypeInvalid,
            format!("Device Type {} is not IP, the only valid value", quoted(t)),
        ),
    }
}

/// CSV-12, DEC-6: Call Plan, true or false; true only for a new workspace in a Cisco PSTN
/// location, and ignored with a warning for a workspace that exists.
pub(super) fn call_plan(
    out: &mut Findings,
    cell: Cell<'_>,
    owner: Option<OwnerType>,
    location: RowLocation<'_>,
    directory: Option<&Directory>,
    existing_workspace: bool,
) -> bool {
    let Some(text) = cell.text() else {
        return false;
    };
    let Some(call_plan) = parse_call_plan(text) else {
        out.error(
            Column::CallPlan,
            ErrorCode::CallPlanInvalid,
            format!(
                "Call Plan {} is not true or false (yes/no and 1/0 are accepted too)",
                quoted(text)
            ),
        );
        return false;
    };
    if !call_plan {
        return false;
    }
    if owner == Some(OwnerType::User) {
        out.error(
            Column::CallPlan,
            ErrorCode::CallPlanForUser,
            "Call Plan is true on a USER row; it applies to newly added workspaces only".to_owned(),
        );
    } else if let (Some((loc_name, Some(i))), Some(d)) = (location, directory) {
        if !d.locations()[i].is_cisco_pstn() {
            out.error(
                Column::CallPlan,
                ErrorCode::CallPlanNotCiscoPstn,
                format!(
                    "Call Plan is true but location {} is not a Cisco PSTN location",
                    quoted(loc_name)
                ),
            );
        } else if existing_workspace {
            out.add(
                Column::CallPlan,
                Finding::new(ErrorCode::CallPlanExistingWorkspace, "Call Plan is true for a workspace that already exists; it applies to newly added workspaces only, so it is ignored"),
            );
            return false;
        }
    }
    true
}

/// DEC-7 for a name no directory entry was matched against: its surrounding spaces are part
/// of it, which is worth a warning, as the same name without them is another name.
fn spaced_name(kind: &str, name: &str) -> Finding {
    Finding::new(
        ErrorCode::NameSurroundingSpaces,
        format!(
            "the {kind} name {} starts or ends with a space; names match exactly (DEC-7), so the spaces are part of it; remove them unless they are meant",
            quoted(name)
        ),
    )
    .with_suggestion(trim(name))
}

/// DEC-6: Call Plan values, any case.
fn parse_call_plan(text: &str) -> Option<bool> {
    let is = |value: &str| text.eq_ignore_ascii_case(value);
    if ["", "false", "no", "0"].into_iter().any(is) {
        Some(false)
    } else if ["true", "yes", "1"].into_iter().any(is) {
        Some(true)
    } else {
        None
    }
}
