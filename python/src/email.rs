//! Email addresses in Python (CSV-4).

use crate::args::string;

crate::shapes::functions! {
    fn validate_email(email: string) -> () => mpp_migration::validate_email(&email);
}
