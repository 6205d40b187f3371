//! The C ABI of mpp-migration: `libmpp_migration` and `include/mpp_migration.h`.
//!
//! Conventions, kept by every export:
//! - fallible functions return an `mpp_status` (`MPP_OK` or an `mpp_error_code` number), write
//!   their outputs through trailing out-parameters only on success, and take an optional
//!   `mpp_error **err` that receives the message, rule, suggestion, row and column;
//! - every pointer argument is checked for NULL, every string for UTF-8;
//! - every body runs behind a panic boundary: a bug becomes `MPP_ERROR_CODE_PANIC`, never an
//!   unwind into C;
//! - handles come from `mpp_*_new`/`_parse` and go back through `mpp_*_free` (NULL is a
//!   no-op); owned strings go back through `mpp_string_free`; static strings are documented so;
//! - borrowed results (`const mpp_finding *`, `const mpp_device *`, `const char *` of a
//!   handle) live as long as the handle they come from, as each export documents; handles that
//!   share data (a directory or table used by upload options) hold their own reference count,
//!   so the order in which a host frees them never matters.
//!
//! One mechanism keeps them: every `mpp_x` type is a `Handle` (handle.rs) marked owned or
//! lent, and each export, a real `#[unsafe(no_mangle)]` function with its doc comment (what
//! cbindgen writes into the header), has for body one macro of macros.rs (`run!`, `read!`,
//! `lend!`, `text_out!`, `free_box!`, `name_of!`) over the generic helpers of handle.rs and
//! boundary.rs (`put_new` for a handle made after the arguments, `with_mut`). The strings and
//! views a handle lends are built on first read (`CStrings`, `LazySlots::view`), and the files
//! of exports import all this through `prelude`.
//!
//! No rule of the domain lives here: every check is the core crate's.

// The C names of the types (`mpp_board`, `mpp_status`) are the header's.
#![allow(non_camel_case_types)]

#[macro_use]
mod macros;

mod args;
mod auto_plan;
mod board;
mod boundary;
mod cursor;
mod device;
mod directory;
mod e164;
mod eligibility;
mod email;
mod error;
mod firmware;
mod fleet;
mod handle;
mod hardware;
mod inventory;
mod json;
mod mac;
mod manual_plan;
mod model;
mod output;
mod prelude;
mod reader;
mod report;
mod status;
mod string;
mod task;
mod upload;
mod version;

pub use auto_plan::*;
pub use board::*;
pub use boundary::{MPP_OK, mpp_status};
pub use cursor::*;
pub use device::*;
pub use directory::*;
pub use e164::*;
pub use eligibility::*;
pub use email::*;
pub use error::*;
pub use firmware::*;
pub use fleet::*;
pub use hardware::*;
pub use inventory::*;
pub use json::*;
pub use mac::*;
pub use manual_plan::*;
pub use model::*;
pub use output::*;
pub use reader::*;
pub use report::*;
pub use status::*;
pub use string::*;
pub use task::*;
pub use upload::*;
pub use version::*;
