//! Strings end to end, borrowed: the one view of the crate's string lists that are kept as one
//! text with where each string ends (issue 13: a string costs its bytes and four, no allocation
//! of its own). A refused row's cells ([`Cells`](crate::Cells)) and a directory's users and
//! workspaces ([`Names`](crate::Names)) are this view.

use std::fmt;
use std::iter::FusedIterator;

/// Strings borrowed from where they are kept end to end: [`len`](Self::len),
/// [`get`](Self::get) and [`iter`](Self::iter) of `&str`, and equal to a slice, array or
/// vector of the same strings.
///
/// ```
/// use mpp_migration::{validate_upload, UploadOption, UploadOptions};
/// let csv = "Model,MAC Address\n8845,001A2B3C4DZZ\n";
/// let report = validate_upload(csv.as_bytes(), UploadOptions::new(UploadOption::LicenseOnly))?;
/// let row = report.rejected_rows().next().unwrap();
/// assert_eq!(row.row(), 2);
/// assert_eq!(row.cells().len(), 2);
/// assert_eq!(row.cells().get(1), Some("001A2B3C4DZZ"));
/// assert_eq!(row.cells().iter().collect::<Vec<_>>(), ["8845", "001A2B3C4DZZ"]);
/// assert_eq!(row.cells(), ["8845", "001A2B3C4DZZ"]);
/// # Ok::<(), mpp_migration::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Texts<'a>(pub(crate) Repr<'a>);

#[derive(Clone, Copy)]
pub(crate) enum Repr<'a> {
    /// This many empty texts.
    Empty(usize),
    /// Text `i` is `text[ends[i - 1]..ends[i]]`, the first starting at `start`.
    Packed {
        text: &'a str,
        start: u32,
        ends: &'a [u32],
    },
    /// Texts too long to pack.
    Owned(&'a [String]),
}

impl Default for Texts<'_> {
    /// No texts.
    fn default() -> Self {
        Texts(Repr::Empty(0))
    }
}

impl<'a> Texts<'a> {
    /// How many texts.
    pub fn len(&self) -> usize {
        match self.0 {
            Repr::Empty(n) => n,
            Repr::Packed { ends, .. } => ends.len(),
            Repr::Owned(cells) => cells.len(),
        }
    }
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Text `i` (from 0), if there is one.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        match self.0 {
            Repr::Empty(n) => (i < n).then_some(""),
            Repr::Packed { text, start, ends } => {
                let end = *ends.get(i)?;
                let start = match i.checked_sub(1) {
                    Some(before) => ends.get(before).copied().unwrap_or(start),
                    None => start,
                };
                Some(text.get(start as usize..end as usize).unwrap_or(""))
            }
            Repr::Owned(cells) => cells.get(i).map(String::as_str),
        }
    }
    /// The texts in order.
    pub fn iter(&self) -> TextsIter<'a> {
        TextsIter {
            texts: *self,
            front: 0,
            back: self.len(),
        }
    }
    /// The texts as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }
}

impl fmt::Debug for Texts<'_> {
    /// As a list of the strings.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for Texts<'_> {
    /// The same texts, however they are stored.
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Texts<'_> {}

impl<S: AsRef<str>> PartialEq<[S]> for Texts<'_> {
    /// The same texts as the strings of a slice.
    fn eq(&self, other: &[S]) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter().map(AsRef::as_ref))
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for Texts<'_> {
    /// The same texts as the strings of an array.
    fn eq(&self, other: &[S; N]) -> bool {
        *self == other[..]
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for Texts<'_> {
    /// The same texts as the strings of a vector.
    fn eq(&self, other: &Vec<S>) -> bool {
        *self == other[..]
    }
}

impl<'a> IntoIterator for Texts<'a> {
    type Item = &'a str;
    type IntoIter = TextsIter<'a>;
    fn into_iter(self) -> TextsIter<'a> {
        self.iter()
    }
}

impl<'a> IntoIterator for &Texts<'a> {
    type Item = &'a str;
    type IntoIter = TextsIter<'a>;
    fn into_iter(self) -> TextsIter<'a> {
        self.iter()
    }
}

/// The texts of a [`Texts`] in order (see [`Texts::iter`]).
#[derive(Clone, Debug)]
pub struct TextsIter<'a> {
    texts: Texts<'a>,
    front: usize,
    back: usize,
}

impl<'a> Iterator for TextsIter<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        if self.front == self.back {
            return None;
        }
        self.front += 1;
        self.texts.get(self.front - 1)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }
}

impl<'a> DoubleEndedIterator for TextsIter<'a> {
    fn next_back(&mut self) -> Option<&'a str> {
        if self.front == self.back {
            return None;
        }
        self.back -= 1;
        self.texts.get(self.back)
    }
}

impl ExactSizeIterator for TextsIter<'_> {}
impl FusedIterator for TextsIter<'_> {}

impl<'a> Texts<'a> {
    /// The texts of `text` that end at `ends`, the first starting at `start`.
    pub(crate) fn packed(text: &'a str, start: u32, ends: &'a [u32]) -> Texts<'a> {
        Texts(Repr::Packed { text, start, ends })
    }
}
