//! The manual completion (MAN-1 to MAN-5, EXT-7, EXT-10, EXT-11): the BAT files in MAN-4's two
//! groups, what to do with each in Unified CM, and the device licenses.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::error::{ErrorCode, Finding, Result};
use crate::mac::Mac;
use crate::task::{DeviceTab, Task, TaskName};

use super::bat::{bat_file_content, check_bat_file_name, safe_stem};
use super::files::OutputFile;
use super::loads::{CLOUD_UPGRADE_SERVER, PhoneLoad, PhoneLoadTable};
use super::{device_cautions, require_ready};
use crate::eligibility::needs_cop;

/// How the manual plan is made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManualPlanOptions {
    /// The start of every file name (MAN-2); by default the task's name made safe.
    pub file_prefix: Option<String>,
    /// The phone loads (MAN-4 by default, EXT-10).
    pub loads: Arc<PhoneLoadTable>,
}

impl Default for ManualPlanOptions {
    fn default() -> ManualPlanOptions {
        ManualPlanOptions {
            file_prefix: None,
            loads: PhoneLoadTable::man_4(),
        }
    }
}

/// MAN-4's two groups of files.
#[repr(u32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BatGroup {
    /// Group 1: phones of mixed models; a COP file is installed, no load server is set.
    MixedModels,
    /// Group 2: one model per file, hence one phone load per file; Load Server
    /// `cloudupgrader.webex.com` and the model's load of MAN-4's table. (The name predates
    /// the one-model-per-file rule and is kept for compatibility: each file still has exactly
    /// one load.)
    PerLoad,
}

impl BatGroup {
    /// The value with this snake_case name (`as_str`), if any.
    pub fn parse(name: &str) -> Option<BatGroup> {
        BatGroup::ALL.into_iter().find(|v| v.as_str() == name)
    }

    /// Both groups.
    pub const ALL: [BatGroup; 2] = [BatGroup::MixedModels, BatGroup::PerLoad];

    /// `"mixed_models"` or `"per_load"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            BatGroup::MixedModels => "mixed_models",
            BatGroup::PerLoad => "per_load",
        }
    }
}

/// One BAT file and how to use it (MAN-3).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BatFile {
    name: String,
    group: BatGroup,
    models: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone_load: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    load_server: Option<&'static str>,
    devices: Vec<Mac>,
    steps: Vec<String>,
    #[serde(skip)]
    content: String,
}

impl BatFile {
    /// The file name (MAN-2, EXT-11).
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Group 1 or Group 2 (MAN-4).
    pub fn group(&self) -> BatGroup {
        self.group
    }
    /// The models of its phones.
    pub fn models(&self) -> &[&'static str] {
        &self.models
    }
    /// The Phone Load Name to set (Group 2).
    pub fn phone_load(&self) -> Option<&str> {
        self.phone_load.as_deref()
    }
    /// The Load Server to set (Group 2): `cloudupgrader.webex.com`.
    pub fn load_server(&self) -> Option<&str> {
        self.load_server
    }
    /// Its devices, in the task's order.
    pub fn devices(&self) -> &[Mac] {
        &self.devices
    }
    /// What the administrator does with it in Unified CM (MAN-3, MAN-5).
    pub fn steps(&self) -> &[String] {
        &self.steps
    }
    /// The file's content (EXT-11).
    pub fn content(&self) -> &str {
        &self.content
    }
}

/// A device license: the file Control Hub generates for a phone (EXT-7).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct License {
    /// The phone.
    pub mac: Mac,
    /// `001A2B3C4D5E.lic`.
    pub file_name: String,
    /// `https://cloudupgrader.webex.com/licenses/e2m/001A2B3C4D5E.lic`.
    pub url: String,
}

/// The manual completion of a task.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ManualPlan {
    task: TaskName,
    files: Vec<BatFile>,
    licenses: Vec<License>,
    findings: Vec<Finding>,
}

/// Plans the manual completion of a task that is Ready for migration (TASK-7): one Group 1 file
/// of all its ready phones (mixed models, COP file, no load server), one Group 2 file per
/// model with that model's phone load (MAN-4: "each text file has one model of phones"), the
/// steps for each (MAN-3, MAN-5), the device licenses (EXT-7), and the cautions: firmware to
/// upgrade first (MAN-1, EXT-6), Wi-Fi phones on Ethernet (DEV-8), models without a load in the
/// table (MAN-4).
///
/// The firmware floor (DEC-11) is honoured for every phone whose Enterprise load is known: one
/// below 12.5(1) is in no file and gets no license (the eligibility check already keeps it out
/// of Ready; this guards a task loaded from elsewhere); one from 12.5(1) to below 14.1 is in the
/// Group 1 file only, since it takes the COP-file path alone. Group 2 files are named
/// `<prefix>_group2_<model>.txt`.
///
/// Errors: [`ErrorCode::CompleteRequiresReady`]; a `file_prefix` that makes file names MAN-2 or
/// EXT-11 refuse ([`ErrorCode::FileNameInvalid`], [`ErrorCode::FileNameComma`]).
pub fn plan_manual(task: &Task, options: &ManualPlanOptions) -> Result<ManualPlan> {
    require_ready(task)?;
    let prefix = match &options.file_prefix {
        Some(prefix) => {
            check_bat_file_name(&format!("{prefix}_group1_mixed.txt"))?;
            prefix.clone()
        }
        None => safe_stem(task.name().as_str()),
    };
    let in_ready: Vec<&crate::Device> = task
        .devices()
        .iter()
        .filter(|d| d.tab() == DeviceTab::ReadyForMigration)
        .map(|d| d.device())
        .collect();
    // The firmware cautions are said below, with what they mean for this plan's files.
    let mut findings: Vec<Finding> = in_ready
        .iter()
        .flat_map(|d| device_cautions(d, true))
        .filter(|f| {
            !matches!(
                f.code(),
                ErrorCode::FirmwareBelowMinimum | ErrorCode::FirmwareNeedsCop
            )
        })
        .collect();
    // DEC-11: below 12.5(1) a phone cannot migrate at all; it is in no file.
    let ready: Vec<&crate::Device> = in_ready
        .into_iter()
        .filter(|d| {
            let below = d.firmware().is_some_and(|f| {
                f.kind() == crate::FirmwareKind::Enterprise
                    && *f < crate::FirmwareVersion::new(12, 5, 1)
            });
            if below {
                findings.push(Finding::new(
                    ErrorCode::FirmwareBelowMinimum,
                    format!(
                        "{} is left out of every BAT file and gets no license: its firmware is below 12.5(1); upgrade it first (DEC-11)",
                        d.mac()
                    ),
                ));
            }
            !below
        })
        .collect();
    let models = |devices: &[&crate::Device]| {
        let mut m: Vec<&'static str> = devices.iter().map(|d| d.model().name()).collect();
        m.sort_unstable();
        m.dedup();
        m
    };
    let mut files = vec![BatFile {
        name: format!("{prefix}_group1_mixed.txt"),
        group: BatGroup::MixedModels,
        models: models(&ready),
        phone_load: None,
        load_server: None,
        devices: ready.iter().map(|d| d.mac()).collect(),
        steps: Vec::new(),
        content: bat_file_content(ready.iter().copied()),
    }];
    // MAN-4 group 2: one file per model, in catalogue order, each with its load.
    let mut by_model: BTreeMap<usize, (&PhoneLoad, Vec<&crate::Device>)> = BTreeMap::new();
    for &d in &ready {
        if d.firmware().is_some_and(needs_cop) {
            findings.push(Finding::new(
                ErrorCode::FirmwareNeedsCop,
                format!(
                    "{} is in the Group 1 file only: its Enterprise firmware {} is below 14.1, so it takes the COP-file path (MAN-4, DEC-11)",
                    d.mac(),
                    d.firmware().map(ToString::to_string).unwrap_or_default()
                ),
            ));
            continue;
        }
        match options.loads.load_for(d.model()) {
            Some(load) => by_model
                .entry(d.model().index())
                .or_insert((load, Vec::new()))
                .1
                .push(d),
            None => findings.push(Finding::new(
                ErrorCode::NoPhoneLoad,
                format!(
                    "phone-load table {:?} has no load for {} ({}); it is in the Group 1 file only",
                    options.loads.name(),
                    d.model().name(),
                    d.mac()
                ),
            )),
        }
    }
    // DEC-11: an unknown load is a warning; said once for the plan, not per phone.
    let unknown: Vec<String> = by_model
        .values()
        .flat_map(|(_, ds)| {
            ds.iter()
                .filter(|d| d.firmware().is_none())
                .map(|d| d.mac().to_string())
        })
        .collect();
    if !unknown.is_empty() {
        let shown: Vec<&str> = unknown.iter().take(5).map(String::as_str).collect();
        let more = if unknown.len() > shown.len() {
            ", …"
        } else {
            ""
        };
        findings.push(Finding::new(
            ErrorCode::FirmwareUnknown,
            format!(
                "{} phone(s) in Group 2 files have no known Enterprise load ({}{more}): confirm each runs 14.1 or later before using a Group 2 file, or migrate them with the Group 1 file and the COP file (DEC-11, MAN-1)",
                unknown.len(),
                shown.join(", ")
            ),
        ));
    }
    for (load, devices) in by_model.into_values() {
        files.push(BatFile {
            name: format!("{prefix}_group2_{}.txt", safe_stem(load.model().name())),
            group: BatGroup::PerLoad,
            models: models(&devices),
            phone_load: Some(load.load_name().to_owned()),
            load_server: Some(CLOUD_UPGRADE_SERVER),
            devices: devices.iter().map(|d| d.mac()).collect(),
            steps: Vec::new(),
            content: bat_file_content(devices.iter().copied()),
        });
    }
    for f in &mut files {
        f.steps = steps(f);
    }
    let licenses = ready
        .iter()
        .map(|d| License {
            mac: d.mac(),
            file_name: d.mac().license_file_name(),
            url: d.mac().license_url(),
        })
        .collect();
    Ok(ManualPlan {
        task: task.name().clone(),
        files,
        licenses,
        findings,
    })
}

/// The Unified CM steps for one file (MAN-3, MAN-5).
fn steps(f: &BatFile) -> Vec<String> {
    let mut steps = vec![
        format!(
            "Bulk Administration > Upload/Download Files > Add New: choose {}, Target \"Phones\", Transaction Type \"Update Phones - Custom File\", tick \"Overwrite File if it exists\", Save.",
            f.name
        ),
        format!(
            "Bulk Administration > Phones > Update Phones > Custom File: Update Phones where Device Name is in the custom file {}, Find, Next.",
            f.name
        ),
    ];
    match (&f.phone_load, f.load_server) {
        (Some(load), Some(server)) => steps.push(format!("Set Load Server to {server} and Phone Load Name to {load}.")),
        _ => steps.push(
            "Install the E2M COP file for these phones on Unified CM first (from software.cisco.com); leave Load Server empty.".to_owned(),
        ),
    }
    steps.push("Run Immediately (or Run Later), Submit, and follow the job in Bulk Administration > Job Scheduler.".to_owned());
    steps.push("Check completion in Control Hub's device list (MAN-5).".to_owned());
    steps
}

impl ManualPlan {
    /// The task planned.
    pub fn task(&self) -> &TaskName {
        &self.task
    }
    /// The BAT files: Group 1 first, then one Group 2 file per model, in catalogue order.
    pub fn bat_files(&self) -> &[BatFile] {
        &self.files
    }
    /// The device licenses (EXT-7).
    pub fn licenses(&self) -> &[License] {
        &self.licenses
    }
    /// The cautions (MAN-1, EXT-6, DEV-8, MAN-4).
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
    /// The Group 2 file holding `mac`, or the Group 1 file when it is in no Group 2 file.
    pub fn file_of(&self, mac: Mac) -> Option<&str> {
        self.file_index_of(mac).map(|i| self.files[i].name())
    }

    /// The position in [`bat_files`](Self::bat_files) of the file [`file_of`](Self::file_of)
    /// names, for a binding that keeps one view per file.
    pub fn file_index_of(&self, mac: Mac) -> Option<usize> {
        let holds = |group: BatGroup| {
            self.files
                .iter()
                .position(|f| f.group == group && f.devices.contains(&mac))
        };
        holds(BatGroup::PerLoad).or_else(|| holds(BatGroup::MixedModels))
    }

    /// What the administrator does, file by file (MAN-1, MAN-3, MAN-4, MAN-5).
    pub fn instructions_text(&self) -> String {
        let mut out = format!("Manual completion of task {}\n\n", self.task);
        out.push_str("Before you start (MAN-1): every phone load must be 14.1 or later (or have the E2M COP file applied), and Wi-Fi phones must be on Ethernet (DEV-8).\n");
        out.push_str("Phones whose load is below 14.1 are in the Group 1 file only; phones below 12.5(1) are in no file until upgraded (DEC-11).\n");
        out.push_str("Use EITHER the Group 1 file (install the COP file, no load server) OR the Group 2 files (Cisco's upgrade server, no COP file) (MAN-4).\n");
        for f in &self.files {
            let group = match f.group {
                BatGroup::MixedModels => "Group 1 (mixed models, COP file)",
                BatGroup::PerLoad => "Group 2 (one model, one phone load)",
            };
            out.push_str(&format!(
                "\n{} — {group}, {} phone(s), models {}\n",
                f.name,
                f.devices.len(),
                f.models.join(", ")
            ));
            for (i, step) in f.steps.iter().enumerate() {
                out.push_str(&format!("  {}. {step}\n", i + 1));
            }
        }
        super::push_cautions(&mut out, &self.findings);
        out
    }

    /// The plan as JSON: files (without their content) with steps, licenses, cautions.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The device licenses as CSV: MAC Address, License File, URL (EXT-7).
    pub fn licenses_csv(&self) -> String {
        let mut out = String::from("MAC Address,License File,URL\r\n");
        for l in &self.licenses {
            out.push_str(&format!("{},{},{}\r\n", l.mac, l.file_name, l.url));
        }
        out
    }

    /// The plan's files: the BAT files, the instructions as text and JSON, the licenses.
    pub fn files(&self) -> Vec<OutputFile> {
        let stem = safe_stem(self.task.as_str());
        let mut files: Vec<OutputFile> = self
            .files
            .iter()
            .map(|f| OutputFile {
                name: f.name.clone(),
                content: f.content.clone(),
            })
            .collect();
        files.push(OutputFile {
            name: format!("{stem}_manual_instructions.txt"),
            content: self.instructions_text(),
        });
        files.push(OutputFile {
            name: format!("{stem}_manual_plan.json"),
            content: self.to_json(),
        });
        files.push(OutputFile {
            name: format!("{stem}_licenses.csv"),
            content: self.licenses_csv(),
        });
        files
    }
}
