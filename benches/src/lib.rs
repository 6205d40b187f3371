//! Deterministic generators of benchmark inputs, shared by the benches and their baselines.

/// A small deterministic pseudo-random generator (SplitMix64): the same seed gives the same
/// data on every machine, so benchmark inputs never need to be committed.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from a seed.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }
}

/// `n` MAC addresses in the spellings administrators type: plain upper and lower case, and
/// colon-separated pairs.
pub fn mac_spellings(n: usize, seed: u64) -> Vec<String> {
    let mut rng = SplitMix64::new(seed);
    (0..n)
        .map(|i| {
            let mac = rng.next_u64() & 0xFFFF_FFFF_FFFF;
            let plain = format!("{mac:012X}");
            match i % 3 {
                0 => plain,
                1 => plain.to_ascii_lowercase(),
                _ => plain
                    .as_bytes()
                    .chunks(2)
                    .map(|p| String::from_utf8_lossy(p).into_owned())
                    .collect::<Vec<_>>()
                    .join(":"),
            }
        })
        .collect()
}

/// The organisation of the generated fleet: 5,000 users, 50 locations (half of them Cisco
/// PSTN), 200 workspaces, and 1,000 devices already in Webex Calling.
pub fn fleet_directory_json() -> String {
    let users: Vec<String> = (0..5_000)
        .map(|i| format!("\"user{i}@example.com\""))
        .collect();
    let workspaces: Vec<String> = (0..200).map(|i| format!("\"Room {i}\"")).collect();
    let locations: Vec<String> = (0..50)
        .map(|i| {
            format!(
                "{{\"name\": \"Site {i}\", \"cisco_pstn\": {}, \"extensions_in_use\": [\"{}\"]}}",
                i % 2 == 0,
                1000 + i
            )
        })
        .collect();
    let mut rng = SplitMix64::new(7);
    let devices: Vec<String> = (0..1_000)
        .map(|_| format!("\"{:012X}\"", rng.next_u64() & 0xFFFF_FFFF_FFFF))
        .collect();
    format!(
        "{{\"users\": [{}], \"workspaces\": [{}], \"locations\": [{}], \"devices_in_webex_calling\": [{}]}}",
        users.join(","),
        workspaces.join(","),
        locations.join(","),
        devices.join(",")
    )
}

/// A *license and device* upload of `rows` data rows, as administrators write them: 70% users,
/// 30% workspaces, mixed spellings of MACs and models, and about 5% rows with a mistake
/// (an unknown user, a bad phone number, a duplicate MAC, a not-eligible model).
/// Deterministic for a seed.
pub fn fleet_upload_csv(rows: usize, seed: u64) -> Vec<u8> {
    const MODELS: [&str; 8] = [
        "8845",
        "CP-8865-K9=",
        "Cisco 8851",
        "8841",
        "CP-7841-K9=V05",
        "7811",
        "Cisco 8861",
        "7832",
    ];
    let mut rng = SplitMix64::new(seed);
    let mut out = Vec::with_capacity(rows * 80);
    out.extend_from_slice(
        b"Type,Username,Phone Number,Extension,Device Type,Model,MAC Address,Location,Call Plan\n",
    );
    for i in 0..rows {
        let mac = (i as u64).wrapping_mul(0x9E37_79B9) ^ seed;
        let mac = mac & 0xFFFF_FFFF_FFFF;
        let mac_text = if i % 2 == 0 {
            format!("{mac:012X}")
        } else {
            format!("{mac:012x}")
        };
        let model = MODELS[rng.below(MODELS.len() as u64) as usize];
        let site = rng.below(50);
        let mistake = rng.below(100);
        let line = if rng.below(10) < 7 {
            let user = if mistake == 0 {
                "nobody@example.com".to_owned()
            } else {
                format!("user{}@example.com", rng.below(5_000))
            };
            format!("USER,{user},,,IP,{model},{mac_text},Site {site},\n")
        } else {
            let phone = if mistake == 1 {
                "408 555 0100".to_owned()
            } else {
                format!("+1 408 {:03} {:04}", rng.below(1000), rng.below(10_000))
            };
            let plan = if site % 2 == 0 { "true" } else { "false" };
            format!(
                "WORKSPACE,Room {i},{phone},{},IP,{model},{mac_text},Site {site},{plan}\n",
                20_000 + i % 1_000_000
            )
        };
        let line = match mistake {
            2 => line.replace(&mac_text, "001A2B3C4D5E"),
            3 => line.replace(model, "8821"),
            _ => line,
        };
        out.extend_from_slice(line.as_bytes());
    }
    out
}
