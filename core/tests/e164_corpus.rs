//! Agreement with libphonenumber's `is_valid_number` (EXT-18, CSV-5) on a corpus built from
//! libphonenumber's own example numbers: `tests/data/e164_corpus.tsv`, written by
//! `scripts/gen-e164-metadata` from the `phonenumbers` package (see its docstring). Each row
//! holds libphonenumber's verdict and the national number its parser kept.
//!
//! Excepted, as the rules say:
//! - numbers of more than 15 digits, which EXT-12 refuses whatever libphonenumber says;
//! - numbers libphonenumber's parser rewrote before judging them (it strips a national prefix
//!   written after `+CC`, e.g. `+44 020 …`): E.164 never holds one, so we refuse those with
//!   `e164_trunk_prefix` (or judge the digits as written). They are counted and listed apart.

use mpp_migration::{E164, E164_METADATA_VERSION, ErrorCode};

const CORPUS: &str = include_str!("data/e164_corpus.tsv");

struct Row<'a> {
    input: &'a str,
    kind: &'a str,
    region: &'a str,
    valid: bool,
    /// What libphonenumber's parser read: country calling code and national number.
    parsed: String,
    /// How libphonenumber's parser rewrote the digits: `-`, `national_prefix`, `transform`.
    rewrite: &'a str,
}

fn rows() -> Vec<Row<'static>> {
    CORPUS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 7, "malformed corpus row {line:?}");
            Row {
                input: f[0],
                kind: f[1],
                region: f[2],
                valid: match f[3] {
                    "1" => true,
                    "0" => false,
                    v => panic!("bad verdict {v:?} in {line:?}"),
                },
                parsed: format!("{}{}", f[4], f[5]),
                rewrite: f[6],
            }
        })
        .collect()
}

fn digits(input: &str) -> String {
    input.chars().filter(char::is_ascii_digit).collect()
}

#[test]
fn the_corpus_is_of_the_embedded_metadata_version() {
    let first = CORPUS.lines().next().unwrap_or("");
    assert!(
        first.contains(&format!("libphonenumber {E164_METADATA_VERSION} ")),
        "corpus header {first:?} is not of metadata {E164_METADATA_VERSION}; rerun scripts/gen-e164-metadata"
    );
}

#[test]
fn ext18_agrees_with_libphonenumber_on_its_own_examples() {
    let rows = rows();
    assert!(rows.len() > 5000, "only {} corpus rows", rows.len());
    let mut judged = 0usize;
    let mut over_15 = 0usize;
    let mut rewritten = Vec::new();
    let mut disagreements = Vec::new();
    for row in &rows {
        let ours = E164::parse(row.input);
        let all = digits(row.input);
        if all.len() > 15 {
            over_15 += 1;
            assert_eq!(
                ours.as_ref().map_err(|e| e.code()).err(),
                Some(ErrorCode::E164TooLong),
                "{} has over 15 digits (EXT-12)",
                row.input
            );
            continue;
        }
        if row.rewrite != "-" {
            // libphonenumber's parser stripped digits (a national prefix) before judging.
            rewritten.push((row, ours.as_ref().map_err(|e| e.code()).err()));
            continue;
        }
        judged += 1;
        if ours.is_ok() != row.valid {
            disagreements.push(format!(
                "{} ({} of {}): libphonenumber {}, we {}",
                row.input,
                row.kind,
                row.region,
                if row.valid { "valid" } else { "invalid" },
                match &ours {
                    Ok(_) => "valid".to_owned(),
                    Err(e) => format!("refuse: {}", e.message()),
                }
            ));
        }
    }
    let agreement = 1.0 - disagreements.len() as f64 / judged as f64;
    println!(
        "{judged} judged, {} disagree ({:.3} % agreement); {over_15} over 15 digits; {} rewritten by libphonenumber's parser",
        disagreements.len(),
        agreement * 100.0,
        rewritten.len()
    );
    for d in &disagreements {
        println!("  {d}");
    }
    assert!(
        agreement >= 0.999,
        "agreement {:.3} % below 99.9 %:\n{}",
        agreement * 100.0,
        disagreements.join("\n")
    );
    // The deliberate difference is consistent: every number libphonenumber only accepts after
    // stripping a national prefix right after the country calling code is refused as keeping
    // that prefix. Its parser also rewrites a few local forms (MG and NF expand 6- or 7-digit
    // local numbers, GA drops a leading 0 of a 9-digit one): as written those are not E.164
    // numbers of their country, and they must be refused, whatever the code.
    let mut stripped = 0usize;
    let mut wrong = Vec::new();
    let mut transformed = Vec::new();
    for (row, code) in &rewritten {
        if row.rewrite == "national_prefix" && row.valid {
            stripped += 1;
            if *code != Some(ErrorCode::E164TrunkPrefix) {
                wrong.push(format!(
                    "{} ({}): {code:?}, expected the trunk prefix refused",
                    row.input, row.kind
                ));
            }
        } else {
            transformed.push(format!(
                "{} ({} of {}): libphonenumber read +{}, we {code:?}",
                row.input, row.kind, row.region, row.parsed
            ));
            if code.is_none() {
                wrong.push(format!("{} ({}): accepted as written", row.input, row.kind));
            }
        }
    }
    println!(
        "{stripped} refused for a national prefix kept; {} rewritten otherwise by libphonenumber's parser:",
        transformed.len()
    );
    for t in &transformed {
        println!("  {t}");
    }
    assert!(
        stripped > 500,
        "only {stripped} national prefixes kept in the corpus"
    );
    assert!(transformed.len() < 20, "{transformed:#?}");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
