//! What the files of exports share, imported by each with `use crate::prelude::*` rather than
//! item by item: the boundary (argument checks, status), the handle mechanism, the C strings,
//! the readers of arrays and enums, and every `mpp_*` type of the header.

pub(crate) use std::ffi::{CStr, CString, c_char};
pub(crate) use std::ptr;
pub(crate) use std::sync::{Arc, LazyLock, OnceLock};

pub(crate) use mpp_migration::{Error, ErrorCode, Finding};

pub(crate) use crate::args::*;
pub(crate) use crate::boundary::*;
pub(crate) use crate::eligibility::table_or_default;
pub(crate) use crate::handle::*;
pub(crate) use crate::model::model_handle;
pub(crate) use crate::output::{Files, add_files, write_files};
pub(crate) use crate::string::*;
pub(crate) use crate::upload::{upload_option, upload_out};
pub(crate) use crate::*;
