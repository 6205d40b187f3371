//! Email addresses: the Username of a USER row (CSV-4).
//!
//! A pragmatic syntax check, not an RFC 5322 parser: exactly one `@`, a non-empty local part
//! without white space, a dotted domain of letters, digits and hyphens. Matching against the
//! organisation's users is case-insensitive and ignores surrounding spaces (DEC-7), so an
//! [`Email`] compares by its lower-cased form.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use crate::error::{Error, ErrorCode, Result};
use crate::text::{describe_char, quoted, trim};

/// Longest address SMTP carries (RFC 5321: 254 characters in a path).
pub(crate) const MAX_LEN: usize = 254;
/// Longest local part (RFC 5321).
pub(crate) const MAX_LOCAL_LEN: usize = 64;

/// A syntactically valid email address, compared case-insensitively (DEC-7).
///
/// ```
/// use mpp_migration::Email;
/// let a: Email = " Alice@Example.com ".parse()?;
/// assert_eq!(a.as_str(), "Alice@Example.com");
/// assert_eq!(a, "alice@example.com".parse()?);
/// assert_eq!(a.key(), "alice@example.com");
/// # Ok::<(), mpp_migration::Error>(())
/// ```
#[derive(Clone)]
pub struct Email {
    text: String,
    key: String,
}

impl Email {
    /// Checks the syntax of `input` (surrounding white space ignored).
    ///
    /// Errors: [`ErrorCode::EmailInvalid`], with a message naming the part that is wrong.
    pub fn parse(input: &str) -> Result<Email> {
        let text = trim(input);
        check(text)?;
        Ok(Email {
            text: text.to_owned(),
            key: email_key(text),
        })
    }

    /// The address as written (trimmed).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The lower-cased address used for matching (DEC-7).
    pub fn key(&self) -> &str {
        &self.key
    }
}

/// The form used to match email addresses: trimmed and lower-cased (DEC-7).
pub fn email_key(text: &str) -> String {
    text.trim().to_lowercase()
}

fn invalid(text: &str, why: impl fmt::Display) -> Error {
    Error::new(
        ErrorCode::EmailInvalid,
        format!("{} is not a valid email address: {why}", quoted(text)),
    )
}

/// The syntax check, shared by [`Email::parse`] and [`validate_email`].
fn check(text: &str) -> Result<()> {
    if text.is_empty() {
        return Err(Error::new(
            ErrorCode::EmailInvalid,
            "email address is empty",
        ));
    }
    if text.chars().count() > MAX_LEN {
        return Err(invalid(
            text,
            format_args!("longer than {MAX_LEN} characters"),
        ));
    }
    if let Some(c) = text.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid(
            text,
            format_args!("it contains {}", describe_char(c)),
        ));
    }
    let mut parts = text.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        let ats = text.matches('@').count();
        return Err(invalid(
            text,
            format_args!("expected exactly one '@', found {ats}"),
        ));
    };
    if local.is_empty() {
        return Err(invalid(text, "nothing before the '@'"));
    }
    if local.chars().count() > MAX_LOCAL_LEN {
        return Err(invalid(
            text,
            format_args!("the part before '@' is longer than {MAX_LOCAL_LEN} characters"),
        ));
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(invalid(
            text,
            "the part before '@' starts or ends with a dot, or has two dots in a row",
        ));
    }
    if let Some(c) = local.chars().find(|c| {
        matches!(
            c,
            ',' | ';' | '<' | '>' | '(' | ')' | '[' | ']' | '\\' | '"' | ':'
        )
    }) {
        return Err(invalid(
            text,
            format_args!("{} is not allowed before the '@'", describe_char(c)),
        ));
    }
    if domain.is_empty() {
        return Err(invalid(text, "nothing after the '@'"));
    }
    if !domain.contains('.') {
        return Err(invalid(
            text,
            format_args!("the domain {domain:?} has no dot"),
        ));
    }
    for label in domain.split('.') {
        if label.is_empty() {
            return Err(invalid(
                text,
                format_args!("the domain {domain:?} has an empty part"),
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(invalid(
                text,
                format_args!("the domain part {label:?} starts or ends with '-'"),
            ));
        }
        if let Some(c) = label.chars().find(|&c| !(c.is_alphanumeric() || c == '-')) {
            return Err(invalid(
                text,
                format_args!("{} is not allowed in the domain", describe_char(c)),
            ));
        }
    }
    let tld = domain.rsplit('.').next().unwrap_or("");
    if tld.chars().count() < 2 || tld.chars().all(|c| c.is_ascii_digit()) {
        return Err(invalid(
            text,
            format_args!("{tld:?} is not a top-level domain"),
        ));
    }
    Ok(())
}

/// Checks the syntax of an email address without keeping it (CSV-4).
///
/// ```
/// assert!(mpp_migration::validate_email("alice@example.com").is_ok());
/// assert!(mpp_migration::validate_email("alice@example").is_err());
/// ```
pub fn validate_email(input: &str) -> Result<()> {
    check(trim(input))
}

impl PartialEq for Email {
    fn eq(&self, other: &Email) -> bool {
        self.key == other.key
    }
}

impl Eq for Email {}

impl Hash for Email {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Email({:?})", self.text)
    }
}

impl FromStr for Email {
    type Err = Error;
    fn from_str(s: &str) -> Result<Email> {
        Email::parse(s)
    }
}

crate::text_serde::serde_as_text!(Email, |email| email.text, Email::parse);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn csv4_accepts_ordinary_addresses() {
        for ok in [
            "alice@example.com",
            "a.b+tag@sub.example.co.uk",
            "x@ex-ample.io",
            "ÅSA@exämple.se",
        ] {
            assert!(validate_email(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn csv4_refuses_with_the_reason() {
        let cases = [
            ("", "empty"),
            ("alice", "exactly one '@', found 0"),
            ("a@b@example.com", "found 2"),
            ("@example.com", "nothing before"),
            ("alice@", "nothing after"),
            ("alice@example", "has no dot"),
            ("alice@example..com", "empty part"),
            ("alice smith@example.com", "U+0020"),
            ("alice@-example.com", "starts or ends with '-'"),
            ("alice@example.c", "not a top-level domain"),
            ("alice@10.0.0.1", "not a top-level domain"),
            (".alice@example.com", "dot"),
            ("al,ice@example.com", "','"),
            ("alice@exa_mple.com", "'_'"),
        ];
        for (input, why) in cases {
            let err = Email::parse(input).unwrap_err();
            assert_eq!(err.code(), ErrorCode::EmailInvalid);
            assert!(err.message().contains(why), "{input}: {}", err.message());
        }
    }

    #[test]
    fn dec7_matching_ignores_case_and_spaces() {
        let a = Email::parse("  Bob@Example.COM").unwrap();
        let b = Email::parse("bob@example.com").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "Bob@Example.COM");
        assert_eq!(email_key(" Bob@Example.COM "), "bob@example.com");
    }

    proptest! {
        #[test]
        fn no_string_makes_the_check_panic(input in any::<String>()) {
            let _ = Email::parse(&input);
        }

        #[test]
        fn generated_addresses_are_accepted(local in "[a-z0-9]([a-z0-9._+-]{0,20}[a-z0-9])?", domain in "[a-z0-9]{1,10}(\\.[a-z0-9]{1,10}){0,2}\\.[a-z]{2,6}") {
            prop_assume!(!local.contains(".."));
            let address = format!("{local}@{domain}");
            prop_assert!(validate_email(&address).is_ok(), "{}", address);
        }
    }
}
