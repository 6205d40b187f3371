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
//!   no-op); owned strings go back through `mpp_string_free`; static strings are documented so.
//!
//! No rule of the domain lives here: every check is the core crate's.

mod boundary;
mod e164;
mod email;
mod error;
mod firmware;
mod hardware;
mod mac;
mod model;
mod string;
mod version;

#[cfg(test)]
mod tests;

pub use boundary::{MPP_OK, mpp_status};
pub use e164::*;
pub use email::*;
pub use error::*;
pub use firmware::*;
pub use hardware::*;
pub use mac::*;
pub use model::*;
pub use string::*;
pub use version::*;
