//! The tests of the C ABI, from Rust: every export called as a C host calls it, through the
//! crate's Rust library (`rlib`), with the assertions of the C programs of examples/c and more.

mod e164;
mod identifiers;
mod inventory;
mod json;
mod plan;
mod safety;
mod support;
mod task;
mod upload;
