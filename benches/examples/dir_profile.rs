//! Builds the organisation of issue 13's size once, for instruction counts under callgrind:
//! `valgrind --tool=callgrind target/release/examples/dir_profile json|build|none`; the
//! difference between `json` (or `build`) and `none` (the generator alone) is the cost of
//! building the directory (target D).

fn main() {
    let org = mpp_migration_benches::OrgDirectory::new(1);
    let json = org.json();
    let which = std::env::args().nth(1).unwrap_or_default();
    let n = match which.as_str() {
        "json" => mpp_migration::Directory::from_json(json.as_bytes()).map(|d| d.device_count()),
        "build" => org.build().map(|d| d.device_count()),
        _ => Ok(json.len()),
    };
    match n {
        Ok(n) => println!("{n}"),
        Err(e) => eprintln!("dir_profile: {e}"),
    }
}
