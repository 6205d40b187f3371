//! A phone as the library knows it once its inputs are read: normalised identity (DEV-6), model
//! (EXT-9), what is known of its hardware and firmware (EXT-1, EXT-6), and, for the *Generate
//! device license and add device* option, whom it is for (CSV-1 to CSV-12).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::e164::E164;
use crate::error::{ErrorCode, Finding};
use crate::firmware::FirmwareVersion;
use crate::hardware::HardwareVersion;
use crate::mac::Mac;
use crate::model::{Model, ModelLabel};
use crate::upload::Column;

/// USER or WORKSPACE (CSV-3).
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum OwnerType {
    /// A user of the organisation, who must already exist (CSV-3).
    User,
    /// A workspace, created if it does not exist (CSV-3).
    Workspace,
}

impl OwnerType {
    /// Both types.
    pub const ALL: [OwnerType; 2] = [OwnerType::User, OwnerType::Workspace];

    /// `"USER"` or `"WORKSPACE"`, as the CSV writes them.
    pub const fn as_str(self) -> &'static str {
        match self {
            OwnerType::User => "USER",
            OwnerType::Workspace => "WORKSPACE",
        }
    }

    /// Reads `USER` or `WORKSPACE`, case-insensitively, ignoring surrounding spaces (DEC-7).
    pub fn parse(text: &str) -> Option<OwnerType> {
        let text = crate::text::trim(text);
        // The spellings of nearly every row first, byte for byte, then any case.
        if text == "USER" {
            Some(OwnerType::User)
        } else if text == "WORKSPACE" {
            Some(OwnerType::Workspace)
        } else if text.eq_ignore_ascii_case("USER") {
            Some(OwnerType::User)
        } else if text.eq_ignore_ascii_case("WORKSPACE") {
            Some(OwnerType::Workspace)
        } else {
            None
        }
    }
}

impl fmt::Display for OwnerType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whom a device is added for (the *Generate device license and add device* option, CSV-1).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Assignment {
    /// USER or WORKSPACE.
    pub owner_type: OwnerType,
    /// The user's email, or the workspace's name (CSV-4).
    pub username: String,
    /// The workspace's phone number (CSV-5); `None` for a user.
    pub phone_number: Option<E164>,
    /// The workspace's extension (CSV-6); `None` when not given.
    pub extension: Option<String>,
    /// The location's name, as the organisation spells it (CSV-11).
    pub location: String,
    /// Whether a new workspace gets an unlimited outgoing call plan (CSV-12).
    pub call_plan: bool,
}

impl Assignment {
    /// The first rule this assignment breaks, as a finding naming what is wrong and how to fix
    /// it; `None` when it is one an upload could have produced. Checked when a device joins a
    /// task and when a saved board or task is loaded, so that no task holds an assignment the
    /// upload (CSV-3 to CSV-12) would refuse:
    /// - a USER's username is the user's email (CSV-4); a WORKSPACE's is its non-empty name;
    /// - a USER has no phone number (CSV-5) and no extension (CSV-6), and no call plan (DEC-6);
    /// - a WORKSPACE has a phone number (CSV-5; an [`E164`] is valid by construction);
    /// - the location is named (CSV-11).
    ///
    /// ```
    /// use mpp_migration::{Assignment, ErrorCode, OwnerType};
    /// let mut a = Assignment {
    ///     owner_type: OwnerType::User,
    ///     username: "alice@example.com".into(),
    ///     phone_number: None,
    ///     extension: None,
    ///     location: "HQ".into(),
    ///     call_plan: false,
    /// };
    /// assert!(a.problem().is_none());
    /// a.username = "alice".into();
    /// assert_eq!(a.problem().unwrap().code(), ErrorCode::EmailInvalid);
    /// ```
    pub fn problem(&self) -> Option<Finding> {
        let column = |c: Column| Some(c.header());
        let found = |code: ErrorCode, c: Column, message: String| {
            Some(Finding::new(code, message).at(None, column(c)))
        };
        let username = crate::text::trim(&self.username);
        match self.owner_type {
            OwnerType::User => {
                if let Err(e) = crate::email::validate_email(username) {
                    return found(
                        ErrorCode::EmailInvalid,
                        Column::Username,
                        format!(
                            "the username of a USER must be the user's email (CSV-4): {}",
                            e.message()
                        ),
                    );
                }
                if let Some(n) = self.phone_number {
                    return found(
                        ErrorCode::PhoneNumberNotAllowed,
                        Column::PhoneNumber,
                        format!(
                            "USER {username} has phone number {n}; a USER has none, remove it (CSV-5)"
                        ),
                    );
                }
                if let Some(x) = &self.extension {
                    return found(
                        ErrorCode::ExtensionNotAllowed,
                        Column::Extension,
                        format!(
                            "USER {username} has extension {x:?}; a USER has none, remove it (CSV-6)"
                        ),
                    );
                }
                if self.call_plan {
                    return found(
                        ErrorCode::CallPlanForUser,
                        Column::CallPlan,
                        format!(
                            "USER {username} has Call Plan true; a call plan is only for new workspaces, set it to false (CSV-12, DEC-6)"
                        ),
                    );
                }
            }
            OwnerType::Workspace => {
                if username.is_empty() {
                    return found(
                        ErrorCode::UsernameMissing,
                        Column::Username,
                        "a WORKSPACE needs its name as username (CSV-4)".to_owned(),
                    );
                }
                if self.phone_number.is_none() {
                    return found(
                        ErrorCode::PhoneNumberMissing,
                        Column::PhoneNumber,
                        format!(
                            "WORKSPACE {username} has no phone number; a WORKSPACE needs one in E.164 form, e.g. +14085550100 (CSV-5)"
                        ),
                    );
                }
            }
        }
        if crate::text::trim(&self.location).is_empty() {
            return found(
                ErrorCode::LocationMissing,
                Column::Location,
                format!(
                    "{} {username} has no location; name the location it belongs to (CSV-11)",
                    self.owner_type
                ),
            );
        }
        None
    }
}

/// A phone: a MAC and a model, with what else is known of it.
///
/// ```
/// use mpp_migration::{Device, Mac, parse_model};
/// let d = Device::new(Mac::parse("001A2B3C4D5E")?, parse_model("8845")?);
/// assert_eq!(d.device_name(), "SEP001A2B3C4D5E");
/// # Ok::<(), mpp_migration::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Device {
    mac: Mac,
    model: &'static Model,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hardware_version: Option<HardwareVersion>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    firmware: Option<Box<FirmwareVersion>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assignment: Option<Assignment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    row: Option<u64>,
}

impl Device {
    /// A device with only its identity and model known.
    pub fn new(mac: Mac, model: &'static Model) -> Device {
        Device {
            mac,
            model,
            hardware_version: None,
            firmware: None,
            assignment: None,
            row: None,
        }
    }

    /// A device from a host's inventory, in text: a MAC in a spelling DEV-6 accepts, a model in
    /// any spelling EXT-9 lists (a label such as `CP-7821-K9=V03` carries the hardware version),
    /// and, where known, the hardware version (`V03`, EXT-1) and current firmware (`14.1(1)`,
    /// `sip78xx.14-1-1-0001-136`, EXT-6). Empty texts count as unknown.
    ///
    /// Errors: the identifier's own (MAC, model, VID, firmware), or
    /// [`ErrorCode::InvalidArgument`](crate::ErrorCode::InvalidArgument) when the label's VID
    /// and `hardware_version` disagree.
    ///
    /// ```
    /// use mpp_migration::Device;
    /// let d = Device::from_text("00:1a:2b:3c:4d:5e", "CP-7821-K9=V03", None, Some("14.1(1)"))?;
    /// assert_eq!((d.model().name(), d.hardware_version().map(|v| v.number())), ("7821", Some(3)));
    /// # Ok::<(), mpp_migration::Error>(())
    /// ```
    pub fn from_text(
        mac: &str,
        model: &str,
        hardware_version: Option<&str>,
        firmware: Option<&str>,
    ) -> crate::Result<Device> {
        let mac = Mac::parse(mac)?;
        let (model, vid, firmware) = read_phone(model, hardware_version, firmware)?;
        Ok(Device::new(mac, model)
            .with_hardware_version(vid)
            .with_firmware(firmware))
    }

    /// The same device with its hardware version known (EXT-1).
    #[must_use]
    pub fn with_hardware_version(mut self, vid: Option<HardwareVersion>) -> Device {
        self.hardware_version = vid;
        self
    }

    /// The same device with its current firmware known (EXT-6).
    #[must_use]
    pub fn with_firmware(mut self, firmware: Option<FirmwareVersion>) -> Device {
        // Boxed: rarely known at upload, and a device is moved around once per row.
        self.firmware = firmware.map(Box::new);
        self
    }

    /// The same device assigned to a user or workspace (CSV-1).
    #[must_use]
    pub fn with_assignment(mut self, assignment: Option<Assignment>) -> Device {
        self.assignment = assignment;
        self
    }

    /// The same device remembering the upload row it came from.
    #[must_use]
    pub fn with_row(mut self, row: Option<u64>) -> Device {
        self.row = row;
        self
    }

    /// The device of upload row `row`, made in one piece: the upload makes one per row, and
    /// building it step by step moved it whole at every step.
    pub(crate) fn uploaded(
        mac: Mac,
        label: ModelLabel,
        assignment: Option<Assignment>,
        row: u64,
    ) -> Device {
        Device {
            mac,
            model: label.model,
            hardware_version: label.hardware_version,
            firmware: None,
            assignment,
            row: Some(row),
        }
    }

    /// The MAC, the device's identity (DEV-6).
    pub fn mac(&self) -> Mac {
        self.mac
    }
    /// The model.
    pub fn model(&self) -> &'static Model {
        self.model
    }
    /// The hardware version, when known.
    pub fn hardware_version(&self) -> Option<HardwareVersion> {
        self.hardware_version
    }
    /// The current Enterprise firmware, when known.
    pub fn firmware(&self) -> Option<&FirmwareVersion> {
        self.firmware.as_deref()
    }
    /// Whom it is added for, for the *license and device* option.
    pub fn assignment(&self) -> Option<&Assignment> {
        self.assignment.as_ref()
    }
    /// The upload row it came from (header = 1), when it came from one.
    pub fn row(&self) -> Option<u64> {
        self.row
    }
    /// The Unified CM device name, `SEP` + MAC (DEV-7).
    pub fn device_name(&self) -> String {
        self.mac.device_name()
    }
}

/// A phone's model, hardware version and firmware read from text, the label's VID (EXT-1)
/// and `hardware_version` agreeing; empty texts count as unknown. Shared by
/// [`Device::from_text`] and the eligibility check of text inputs.
pub(crate) fn read_phone(
    model: &str,
    hardware_version: Option<&str>,
    firmware: Option<&str>,
) -> crate::Result<(
    &'static Model,
    Option<HardwareVersion>,
    Option<FirmwareVersion>,
)> {
    let label = crate::model::parse_model_label(model)?;
    let known = |text: Option<&str>| {
        text.map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let vid = match known(hardware_version) {
        Some(text) => {
            let vid = HardwareVersion::parse(&text)?;
            if let Some(on_label) = label.hardware_version.filter(|&l| l != vid) {
                return Err(crate::Error::invalid_argument(format!(
                    "the model label says {on_label} but hardware_version says {vid}"
                )));
            }
            Some(vid)
        }
        None => label.hardware_version,
    };
    let firmware = known(firmware)
        .map(|f| FirmwareVersion::parse(&f))
        .transpose()?;
    Ok((label.model, vid, firmware))
}
