//! `docs/rules.md` defines every rule id anyone sees, and says which error codes enforce it.
//!
//! The test fails when
//! - a source file, a data table, a document or an error code cites an id (`CSV-5`, `DEC-3`, …)
//!   that `docs/rules.md` does not define;
//! - an error code's rule is not listed in its rule's row, or a row lists a code of another rule;
//! - a rule no error code enforces does not say why (`none: <reason>`);
//! - a code with no rule is missing from the table of codes that enforce no rule, with its reason;
//! - a file points at specification files that live outside the repository.
//!
//! The published crate carries `docs/`, its sources, tests and data, so this runs there too; in
//! the repository it also reads the C, Python and example trees beside the crate.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use mpp_migration::ErrorCode;

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One rule of docs/rules.md: its id, the line it is defined on, and its "enforced by" cell.
struct Rule {
    line: usize,
    enforced_by: String,
}

/// What docs/rules.md defines: the rules, and the codes that enforce none with their reasons.
struct Rules {
    rules: BTreeMap<String, Rule>,
    no_rule: BTreeMap<String, (u32, String)>,
    duplicates: Vec<String>,
}

fn cells(line: &str) -> Vec<String> {
    line.trim()
        .trim_matches('|')
        .split('|')
        .map(|c| c.trim().to_owned())
        .collect()
}

/// A rule id: upper-case letters, a dash, digits (`EXT-12`).
fn is_rule_id(s: &str) -> bool {
    match s.split_once('-') {
        Some((family, n)) => {
            !family.is_empty()
                && family.bytes().all(|b| b.is_ascii_uppercase())
                && !n.is_empty()
                && n.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// The `` `name` (number) `` references of a table cell.
fn code_refs(cell: &str) -> Vec<(String, Option<u32>)> {
    let mut out = Vec::new();
    let mut rest = cell;
    while let Some(start) = rest.find('`') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('`') else { break };
        let name = &after[..end];
        rest = &after[end + 1..];
        if !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            let number = rest
                .trim_start()
                .strip_prefix('(')
                .and_then(|r| r.split_once(')'))
                .and_then(|(n, _)| n.parse().ok());
            out.push((name.to_owned(), number));
        }
    }
    out
}

fn parse_rules() -> Rules {
    let path = crate_dir().join("docs/rules.md");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{} cannot be read: {e}", path.display()));
    let mut rules = BTreeMap::new();
    let mut no_rule = BTreeMap::new();
    let mut duplicates = Vec::new();
    let mut in_no_rule_section = false;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("## ") {
            in_no_rule_section = line.contains("enforce no rule");
            continue;
        }
        if !line.starts_with('|') {
            continue;
        }
        let cells = cells(line);
        if in_no_rule_section {
            if let [code, reason] = &cells[..] {
                if let [(name, Some(number))] = &code_refs(code)[..] {
                    no_rule.insert(name.clone(), (*number, reason.clone()));
                }
            }
        } else if cells.len() == 4 && is_rule_id(&cells[0]) {
            let rule = Rule {
                line: i + 1,
                enforced_by: cells[3].clone(),
            };
            if rules.insert(cells[0].clone(), rule).is_some() {
                duplicates.push(cells[0].clone());
            }
        }
    }
    Rules {
        rules,
        no_rule,
        duplicates,
    }
}

#[test]
fn every_rule_is_defined_once_and_says_what_enforces_it() {
    let doc = parse_rules();
    assert!(doc.rules.len() > 60, "docs/rules.md: rule tables not found");
    assert!(
        doc.duplicates.is_empty(),
        "defined twice: {:?}",
        doc.duplicates
    );
    let mut problems = Vec::new();
    for (id, rule) in &doc.rules {
        let cited = ErrorCode::ALL
            .iter()
            .filter(|c| c.rule() == id)
            .collect::<Vec<_>>();
        // The codes listed, as `name` (number); other backticked words are function names.
        let listed: Vec<_> = code_refs(&rule.enforced_by)
            .into_iter()
            .filter(|(_, n)| n.is_some())
            .collect();
        for code in &cited {
            if !listed.iter().any(|(n, _)| n == code.as_str()) {
                problems.push(format!(
                    "{id} (docs/rules.md:{}): list `{}` ({}) in its \"enforced by\" cell",
                    rule.line,
                    code.as_str(),
                    code.number()
                ));
            }
        }
        let says_none = rule.enforced_by.starts_with("none:");
        if cited.is_empty() {
            // A rule no error code enforces says why, in more than a word or two.
            let reason = rule.enforced_by.strip_prefix("none:").unwrap_or("").trim();
            if !says_none || reason.split_whitespace().count() < 4 {
                problems.push(format!(
                    "{id} (docs/rules.md:{}): no error code enforces it; say why as \"none: <reason>\"",
                    rule.line
                ));
            }
        } else {
            if says_none {
                problems.push(format!(
                    "{id} (docs/rules.md:{}): says \"none:\" but codes enforce it",
                    rule.line
                ));
            }
            for (name, number) in &listed {
                match ErrorCode::ALL.iter().find(|c| c.as_str() == name) {
                    Some(code) if code.rule() == id && *number == Some(code.number()) => {}
                    Some(code) => problems.push(format!(
                        "{id} (docs/rules.md:{}): `{name}` is {} with rule {:?}, listed as ({})",
                        rule.line,
                        code.number(),
                        code.rule(),
                        number.map_or("no number".into(), |n| n.to_string())
                    )),
                    None => problems.push(format!(
                        "{id} (docs/rules.md:{}): no error code is named `{name}`",
                        rule.line
                    )),
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_error_code_has_a_defined_rule_or_a_reason_for_none() {
    let doc = parse_rules();
    let mut problems = Vec::new();
    for code in ErrorCode::ALL {
        let (name, number, rule) = (code.as_str(), code.number(), code.rule());
        match (rule.is_empty(), doc.no_rule.get(name)) {
            (false, None) if doc.rules.contains_key(rule) => {}
            (false, None) => problems.push(format!(
                "{name} ({number}) cites {rule}, which docs/rules.md does not define"
            )),
            (false, Some(_)) => problems.push(format!(
                "{name} ({number}) has rule {rule} but is in the table of codes that enforce no rule"
            )),
            (true, None) => problems.push(format!(
                "{name} ({number}) has no rule: add it to docs/rules.md's table of codes that \
                 enforce no rule, with the reason"
            )),
            (true, Some((n, reason))) => {
                if *n != number {
                    problems.push(format!("{name} is listed as ({n}); its number is {number}"));
                }
                if reason.split_whitespace().count() < 4 {
                    problems.push(format!("{name} ({number}): give a reason for having no rule"));
                }
            }
        }
    }
    for name in doc.no_rule.keys() {
        if !ErrorCode::ALL.iter().any(|c| c.as_str() == name) {
            problems.push(format!(
                "docs/rules.md lists `{name}` among codes with no rule; no code has that name"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The trees to read: the crate's own (also in the published package), and in the repository
/// the C library, the Python package, the examples, benches and scripts beside it.
fn roots() -> Vec<PathBuf> {
    let here = crate_dir();
    let mut roots: Vec<PathBuf> = ["src", "tests", "data", "docs", "README.md", "Cargo.toml"]
        .iter()
        .map(|p| here.join(p))
        .collect();
    let repo = here.join("..");
    let in_repository = std::fs::read_to_string(repo.join("Cargo.toml"))
        .is_ok_and(|t| t.contains("[workspace]") && t.contains("\"core\""));
    if in_repository {
        for p in [
            "ffi/src",
            "ffi/tests",
            "ffi/cbindgen.toml",
            "ffi/Cargo.toml",
            "include",
            "python/src",
            "python/mpp_migration",
            "python/tests",
            "python/pyproject.toml",
            "python/Cargo.toml",
            "examples",
            "benches",
            "scripts",
            ".ci",
            "Cargo.toml",
        ] {
            let path = repo.join(p);
            assert!(
                path.exists(),
                "{} is missing from the repository",
                path.display()
            );
            roots.push(path);
        }
    }
    roots
}

fn text_files(path: &Path, out: &mut Vec<PathBuf>) {
    let Ok(meta) = std::fs::metadata(path) else {
        return;
    };
    if meta.is_dir() {
        let skip = path.file_name().is_some_and(|n| {
            matches!(
                n.to_str(),
                Some("target" | "build" | "__pycache__" | ".venv" | ".mypy_cache" | "dist")
            )
        });
        if skip {
            return;
        }
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for entry in entries {
            text_files(&entry, out);
        }
    } else if meta.len() < 4 << 20 {
        // Canonical, so a file reached through a symlink (core/README.md) is read once.
        out.push(path.canonicalize().unwrap_or_else(|_| path.to_owned()));
    }
}

/// The ids a text cites, of the families docs/rules.md defines (`CP-8845` or `UTF-8` are not
/// rule ids: no family `CP` or `UTF` is defined).
fn cited_ids(text: &str, families: &BTreeSet<&str>) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_uppercase() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            let mut j = i;
            while j < bytes.len() && bytes[j].is_ascii_uppercase() {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'-' && families.contains(&text[start..j]) {
                let mut k = j + 1;
                while k < bytes.len() && bytes[k].is_ascii_digit() {
                    k += 1;
                }
                let ends_word = k == bytes.len() || !bytes[k].is_ascii_alphanumeric();
                if k > j + 1 && ends_word {
                    out.push(text[start..k].to_owned());
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn every_cited_rule_id_is_defined_and_nothing_points_outside_the_repository() {
    let doc = parse_rules();
    let families: BTreeSet<&str> = doc
        .rules
        .keys()
        .filter_map(|id| id.split_once('-').map(|(f, _)| f))
        .collect();
    // Spelled in pieces so that this file does not cite them itself.
    let outside = [
        ["DOMAIN", ".md"].concat(),
        ["API", ".md"].concat(),
        ["../", "shared"].concat(),
    ];
    let mut files = Vec::new();
    for root in roots() {
        text_files(&root, &mut files);
    }
    files.sort();
    files.dedup();
    assert!(files.len() > 50, "too few files read: {}", files.len());
    let base = crate_dir()
        .parent()
        .and_then(|p| p.canonicalize().ok())
        .unwrap_or_default();
    let mut problems = Vec::new();
    for file in &files {
        let shown = file.strip_prefix(&base).unwrap_or(file).display();
        let Ok(text) = std::fs::read_to_string(file) else {
            continue; // binary or not UTF-8 (the corpus has such files on purpose)
        };
        for (n, line) in text.lines().enumerate() {
            for id in cited_ids(line, &families) {
                if !doc.rules.contains_key(&id) {
                    problems.push(format!(
                        "{shown}:{}: cites {id}, which docs/rules.md does not define",
                        n + 1
                    ));
                }
            }
            for needle in &outside {
                if line.contains(needle.as_str()) {
                    problems.push(format!(
                        "{shown}:{}: points at {needle}, which is not in the repository; cite \
                         docs/rules.md instead",
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_id_scanner_tells_rule_ids_from_part_numbers() {
    let families: BTreeSet<&str> = ["CSV", "DEV", "EXT"].into_iter().collect();
    assert_eq!(
        cited_ids(
            "CSV-5, (DEV-6) CP-8845 UTF-8 XCSV-1 CSV-12a EXT-12. CSV-",
            &families
        ),
        ["CSV-5", "DEV-6", "EXT-12"]
    );
    assert_eq!(
        code_refs("`mac_missing` (319), `x` `e164_too_long` (212)"),
        [
            ("mac_missing".to_owned(), Some(319)),
            ("x".to_owned(), None),
            ("e164_too_long".to_owned(), Some(212)),
        ]
    );
}
