//! The organisation in Python (CSV-3, CSV-6, CSV-11 to CSV-13): `Location` and `Directory`,
//! validated by core's `DirectoryBuilder::build` and `Directory::from_json`.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};

use mpp_migration::{Directory, Location, Mac};

use crate::args::{boolean, strings, wrong_type};
use crate::errors::{IntoPyResult, type_name};
use crate::shapes::copies;
use crate::source::read_json;

crate::shapes::methods! {
class("Location", eq, hash) #[derive(Clone)] pub(crate) struct PyLocation(pub(crate) Location);
repr(this; "Location({:?}, cisco_pstn={}, extensions_in_use={:?})",
    this.0.name(), if this.0.is_cisco_pstn() { "True" } else { "False" }, this.0.extensions());
/// Pickling and copying: rebuilt from its fields by `_restore`.
reduce(this; (this.0.name(), this.0.is_cisco_pstn(), this.0.extensions().to_vec()));
#[pymethods]
impl PyLocation {
    #[new]
    #[pyo3(
        signature = (name, *, cisco_pstn = None, extensions_in_use = None),
        text_signature = "(name, *, cisco_pstn=False, extensions_in_use=())"
    )]
    fn new(
        name: &Bound<'_, PyAny>,
        cisco_pstn: Option<&Bound<'_, PyAny>>,
        extensions_in_use: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyLocation> {
        let name = crate::args::string("name", name)?;
        let cisco_pstn = cisco_pstn.map_or(Ok(false), |b| boolean("cisco_pstn", b))?;
        let extensions = strings("extensions_in_use", extensions_in_use)?;
        Ok(Self::restore(name, cisco_pstn, extensions))
    }
    /// Rebuilds a pickled `Location`.
    #[staticmethod]
    #[pyo3(name = "_restore")]
    fn restore(name: String, cisco_pstn: bool, extensions_in_use: Vec<String>) -> Self {
        PyLocation(
            Location::new(name)
                .cisco_pstn(cisco_pstn)
                .extensions_in_use(extensions_in_use),
        )
    }
}
getters("Location", this) {
    fn name() -> &str { this.0.name() }
    fn cisco_pstn() -> bool { this.0.is_cisco_pstn() }
    fn extensions_in_use() -> Vec<String> { this.0.extensions().to_vec() }
}
}

crate::shapes::methods! {
class("Directory") #[derive(Clone)] pub(crate) struct PyDirectory(pub(crate) Arc<Directory>);
repr(this; "Directory(users={}, workspaces={}, locations={}, devices_in_webex_calling={})",
    this.0.users().len(), this.0.workspaces().len(), this.0.locations().len(),
    this.0.device_count());
/// Pickling and copying: rebuilt from its JSON document.
reduce(this; (this.0.to_json(),));
#[pymethods]
impl PyDirectory {
    #[new]
    #[pyo3(
        signature = (*, users = None, workspaces = None, locations = None, devices_in_webex_calling = None),
        text_signature = "(*, users=(), workspaces=(), locations=(), devices_in_webex_calling=())"
    )]
    fn new(
        py: Python<'_>,
        users: Option<&Bound<'_, PyAny>>,
        workspaces: Option<&Bound<'_, PyAny>>,
        locations: Option<&Bound<'_, PyAny>>,
        devices_in_webex_calling: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyDirectory> {
        // Every argument is read first (its errors in this order), then the directory is built
        // from the texts without the GIL.
        let users = entry_strings("users", users)?;
        let workspaces = entry_strings("workspaces", workspaces)?;
        let locations = location_list(locations)?;
        let devices = entry_strings("devices_in_webex_calling", devices_in_webex_calling)?;
        let directory = py
            .detach(|| {
                Directory::builder()
                    .users(users.iter())
                    .workspaces(workspaces.iter())
                    .locations(locations)
                    .devices_in_webex_calling(devices.iter())
                    .build()
            })
            .py()?;
        Ok(PyDirectory(Arc::new(directory)))
    }

    #[staticmethod]
    fn from_json(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<PyDirectory> {
        let directory = read_json(py, data, "Directory", Directory::from_json_bytes)?;
        Ok(PyDirectory(Arc::new(directory)))
    }

    #[staticmethod]
    fn from_json_file(py: Python<'_>, path: &Bound<'_, PyAny>) -> PyResult<PyDirectory> {
        let path = path_arg(path)?;
        let directory = py.detach(|| Directory::read_path(&path)).py()?;
        Ok(PyDirectory(Arc::new(directory)))
    }

    fn has_user(&self, email: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.0.has_user(&crate::args::string("email", email)?))
    }

    fn has_device(&self, mac: &Bound<'_, PyAny>) -> PyResult<bool> {
        let mac = Mac::parse(&crate::args::string("mac", mac)?).py()?;
        Ok(self.0.has_device(mac))
    }

    /// Rebuilds a pickled `Directory` from its JSON document.
    #[staticmethod]
    #[pyo3(name = "_restore")]
    fn restore(json: &str) -> PyResult<Self> {
        Ok(PyDirectory(Arc::new(
            Directory::from_json(json.as_bytes()).py()?,
        )))
    }
}
calls("Directory", this) {
    fn to_json<'py>(py) -> String { py.detach(|| this.0.to_json()) }
}
getters("Directory", this) {
    fn users() -> Vec<String> { this.0.users().to_vec() }
    fn workspaces() -> Vec<String> { this.0.workspaces().to_vec() }
    fn locations() -> Vec<PyLocation> { copies(this.0.locations(), PyLocation) }
    fn device_count() -> usize { this.0.device_count() }
}
}

/// The strings of a list argument of `Directory`, end to end in one text: no `String` each
/// (issue 13, target D).
#[derive(Default)]
struct Entries {
    text: String,
    /// Where each string ends in `text`.
    ends: Vec<usize>,
}

impl Entries {
    fn push(&mut self, entry: &str) {
        self.text.push_str(entry);
        self.ends.push(self.text.len());
    }

    /// The strings, in order.
    fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let entry = self.text.get(start..end).unwrap_or_default();
            start = end;
            entry
        })
    }
}

/// Appends the text of `s` to `out`, read as code points into `chars` (`PyUnicode_AsUCS4`: the
/// stable ABI of Python 3.9 does not lend a str's UTF-8 text, and encoding it would make a
/// `bytes` object a string, issue 13). `Some(false)` (nothing appended) for a str longer than
/// `chars`, `None` for one that is not text (a lone surrogate, which `to_cow` refuses too).
fn push_text(s: &Bound<'_, PyString>, chars: &mut [u32; 256], out: &mut String) -> Option<bool> {
    // SAFETY: `s` is a live str, for which PyUnicode_GetLength cannot fail.
    let len = unsafe { pyo3::ffi::PyUnicode_GetLength(s.as_ptr()) };
    let Some(chars) = usize::try_from(len)
        .ok()
        .and_then(|len| chars.get_mut(..len))
    else {
        return Some(false);
    };
    // SAFETY: `s` is a live str and `chars` holds `len` code points, as many as it has; no NUL
    // is added (copy_null 0).
    let copied = unsafe { pyo3::ffi::PyUnicode_AsUCS4(s.as_ptr(), chars.as_mut_ptr(), len, 0) };
    if copied.is_null() {
        // Not expected for a str of this length; the error is cleared and the entry read
        // again by `args::strings`.
        drop(PyErr::take(s.py()));
        return None;
    }
    // ASCII (nearly every entry) narrowed on the stack, others char by char.
    let mut ascii = [0u8; 256];
    let mut high = 0;
    for (b, &c) in ascii.iter_mut().zip(chars.iter()) {
        *b = c as u8;
        high |= c;
    }
    match std::str::from_utf8(&ascii[..chars.len()]) {
        Ok(text) if high < 0x80 => out.push_str(text),
        _ => {
            for &c in chars.iter() {
                out.push(char::from_u32(c)?);
            }
        }
    }
    Some(true)
}

/// A list argument of `Directory`: `args::strings` for any iterable, with a fast path for a
/// `list` or `tuple` of `str` that reads each string's UTF-8 text into [`Entries`] and
/// makes an entry's path (`users[3]`) only for its error (issue 13, target D). The errors are
/// `args::strings`' own: on any item that is not a valid `str` the argument is read again by it.
fn entry_strings(name: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Entries> {
    let Some(obj) = crate::args::given(obj) else {
        return Ok(Entries::default());
    };
    let read = |items: &mut dyn ExactSizeIterator<Item = Bound<'_, PyAny>>| {
        let mut out = Entries {
            text: String::new(),
            ends: Vec::with_capacity(items.len()),
        };
        let mut chars = [0; 256];
        for item in items {
            let s = item.cast::<PyString>().ok()?;
            if !push_text(s, &mut chars, &mut out.text)? {
                out.text.push_str(&s.to_cow().ok()?);
            }
            out.ends.push(out.text.len());
        }
        Some(out)
    };
    let fast = if let Ok(list) = obj.cast::<PyList>() {
        read(&mut list.iter())
    } else if let Ok(tuple) = obj.cast::<PyTuple>() {
        read(&mut tuple.iter())
    } else {
        None
    };
    match fast {
        Some(out) => Ok(out),
        None => {
            let mut out = Entries::default();
            for entry in strings(name, Some(obj))? {
                out.push(&entry);
            }
            Ok(out)
        }
    }
}

/// The `locations` argument: any iterable of `Location`.
fn location_list(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<Location>> {
    let Some(obj) = crate::args::given(obj) else {
        return Ok(Vec::new());
    };
    crate::args::objects("locations", obj, "", false, |l: &PyLocation| l.0.clone())
}

/// A `str` or `os.PathLike` path argument.
pub(crate) fn path_arg(obj: &Bound<'_, PyAny>) -> PyResult<PathBuf> {
    if obj.is_instance_of::<PyString>() || obj.hasattr(pyo3::intern!(obj.py(), "__fspath__"))? {
        if let Ok(path) = obj.extract::<PathBuf>() {
            return Ok(path);
        }
    }
    Err(wrong_type(format!(
        "path must be a str or os.PathLike, not {}",
        type_name(obj)
    )))
}

/// The `directory` argument of the upload functions: a `Directory` or None.
pub(crate) fn directory_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Arc<Directory>>> {
    let directory = crate::args::opt_object::<PyDirectory>("directory", obj)?;
    Ok(directory.map(|d| Arc::clone(&d.0)))
}
