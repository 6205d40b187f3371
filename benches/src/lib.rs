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

/// The models of the generated fleet, in the spellings administrators use (EXT-9, EXT-1).
const FLEET_MODELS: [&str; 8] = [
    "8845",
    "CP-8865-K9=",
    "Cisco 8851",
    "8841",
    "CP-7841-K9=V05",
    "7811",
    "Cisco 8861",
    "7832",
];

/// The header line of the generated uploads (CSV-1).
const FLEET_HEADER: &[u8] =
    b"Type,Username,Phone Number,Extension,Device Type,Model,MAC Address,Location,Call Plan\n";

/// The lines of a generated *license and device* upload (see [`fleet_upload_csv`]), made one
/// at a time, so that a file of any size can be streamed without being held in memory.
///
/// Two variants isolate the memory that an upload must keep per distinct key (the first row of
/// each MAC, DEC-2; of each extension in a location, DEC-5):
/// [`repeating_macs`](FleetRows::repeating_macs) and [`cycling`](FleetRows::cycling).
#[derive(Clone, Debug)]
pub struct FleetRows {
    rows: usize,
    seed: u64,
    rng: SplitMix64,
    next: usize,
    header_done: bool,
    mac_period: Option<usize>,
    row_period: Option<usize>,
}

impl FleetRows {
    /// The `rows` data rows of [`fleet_upload_csv`] for `seed`, header first.
    pub fn new(rows: usize, seed: u64) -> FleetRows {
        FleetRows {
            rows,
            seed,
            rng: SplitMix64::new(seed),
            next: 0,
            header_done: false,
            mac_period: None,
            row_period: None,
        }
    }

    /// The same rows, except that row `i` has the MAC of row `i % distinct`: only `distinct`
    /// MACs, every later row a duplicate (DEC-2). Everything else is unchanged.
    #[must_use]
    pub fn repeating_macs(mut self, distinct: usize) -> FleetRows {
        self.mac_period = Some(distinct.max(1));
        self
    }

    /// The first `period` rows, repeated to the end: every key (MAC, extension, workspace)
    /// of a later row is one of the first `period` rows'.
    #[must_use]
    pub fn cycling(mut self, period: usize) -> FleetRows {
        self.row_period = Some(period.max(1));
        self
    }

    /// How many data rows are still to come.
    pub fn remaining(&self) -> usize {
        self.rows - self.next
    }

    /// Appends the next line (the header first) to `out`; `false` when every line was made.
    pub fn write_next(&mut self, out: &mut Vec<u8>) -> bool {
        if !self.header_done {
            self.header_done = true;
            out.extend_from_slice(FLEET_HEADER);
            return true;
        }
        if self.next >= self.rows {
            return false;
        }
        let mut i = self.next;
        self.next += 1;
        if let Some(period) = self.row_period {
            if i % period == 0 {
                self.rng = SplitMix64::new(self.seed);
            }
            i %= period;
        }
        let mac_row = self.mac_period.map_or(i, |period| i % period);
        let line = fleet_line(i, mac_row, self.seed, &mut self.rng);
        out.extend_from_slice(line.as_bytes());
        true
    }
}

/// Data row `i` of the fleet upload, with the MAC of row `mac_row`.
fn fleet_line(i: usize, mac_row: usize, seed: u64, rng: &mut SplitMix64) -> String {
    let mac = (mac_row as u64).wrapping_mul(0x9E37_79B9) ^ seed;
    let mac = mac & 0xFFFF_FFFF_FFFF;
    let mac_text = if mac_row % 2 == 0 {
        format!("{mac:012X}")
    } else {
        format!("{mac:012x}")
    };
    let model = FLEET_MODELS[rng.below(FLEET_MODELS.len() as u64) as usize];
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
            // NANP exchanges start with 2 to 9: +1 408 0xx/1xx are no numbers (EXT-18).
            format!(
                "+1 408 {:03} {:04}",
                200 + rng.below(800),
                rng.below(10_000)
            )
        };
        let plan = if site % 2 == 0 { "true" } else { "false" };
        format!(
            "WORKSPACE,Room {i},{phone},{},IP,{model},{mac_text},Site {site},{plan}\n",
            20_000 + i % 1_000_000
        )
    };
    match mistake {
        2 => line.replace(&mac_text, "001A2B3C4D5E"),
        3 => line.replace(model, "8821"),
        _ => line,
    }
}

/// A [`Read`](std::io::Read) over [`FleetRows`]: the generated file as a stream, holding one
/// line at a time.
#[derive(Clone, Debug)]
pub struct FleetReader {
    rows: FleetRows,
    line: Vec<u8>,
    pos: usize,
}

impl FleetReader {
    /// A stream of the lines of `rows`.
    pub fn new(rows: FleetRows) -> FleetReader {
        FleetReader {
            rows,
            line: Vec::with_capacity(128),
            pos: 0,
        }
    }
}

impl std::io::Read for FleetReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut written = 0;
        while written < buf.len() {
            if self.pos == self.line.len() {
                self.line.clear();
                self.pos = 0;
                if !self.rows.write_next(&mut self.line) {
                    break;
                }
            }
            let n = (self.line.len() - self.pos).min(buf.len() - written);
            buf[written..written + n].copy_from_slice(&self.line[self.pos..self.pos + n]);
            self.pos += n;
            written += n;
        }
        Ok(written)
    }
}

/// A *license and device* upload of `rows` data rows, as administrators write them: 70% users,
/// 30% workspaces, mixed spellings of MACs and models, and about 5% rows with a mistake
/// (an unknown user, a bad phone number, a duplicate MAC, a not-eligible model).
/// Deterministic for a seed.
pub fn fleet_upload_csv(rows: usize, seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(rows * 80 + FLEET_HEADER.len());
    let mut lines = FleetRows::new(rows, seed);
    while lines.write_next(&mut out) {}
    out
}

/// `n` phones with a user or workspace each, spread over 50 sites, of the common models: the
/// devices of a fleet already accepted by an upload. Deterministic for a seed.
pub fn fleet_devices(n: usize, seed: u64) -> Vec<mpp_migration::Device> {
    use mpp_migration::{Assignment, Device, E164, Mac, OwnerType, parse_model};
    const MODELS: [&str; 6] = ["8845", "8865", "8851", "8841", "7841", "7821"];
    let models: Vec<_> = MODELS
        .iter()
        .map(|m| parse_model(m).expect("catalogue model"))
        .collect();
    let mut rng = SplitMix64::new(seed);
    (0..n)
        .map(|i| {
            let mac = ((i as u64).wrapping_mul(0x9E37_79B9) ^ seed) & 0xFFFF_FFFF_FFFF;
            let octets = mac.to_be_bytes();
            let mac = Mac::from_octets([
                octets[2], octets[3], octets[4], octets[5], octets[6], octets[7],
            ]);
            let model = models[rng.below(models.len() as u64) as usize];
            let site = rng.below(50);
            let workspace = rng.below(10) < 3;
            let assignment = Assignment {
                owner_type: if workspace {
                    OwnerType::Workspace
                } else {
                    OwnerType::User
                },
                username: if workspace {
                    format!("Room {i}")
                } else {
                    format!("user{i}@example.com")
                },
                phone_number: workspace
                    .then(|| {
                        // A valid NANP number (exchange 200 to 999) for every workspace.
                        let exchange = 200 + (i / 10_000) % 800;
                        E164::parse(&format!("+1408{exchange:03}{:04}", i % 10_000)).ok()
                    })
                    .flatten(),
                extension: workspace.then(|| format!("{}", 20_000 + i % 1_000_000)),
                location: format!("Site {site}"),
                call_plan: false,
            };
            Device::new(mac, model).with_assignment(Some(assignment))
        })
        .collect()
}

/// The organisation of issue 13's scale, as lists: 80,000 users, 12,000 workspaces, 200
/// locations (every third a Cisco PSTN location, each with 20 extensions in use) and 5,000
/// devices already in Webex Calling. Every fifth email has capitals (matched ignoring case,
/// DEC-7); the users, workspaces and locations overlap those that [`fleet_upload_csv`] names.
pub struct OrgDirectory {
    /// The users' emails.
    pub users: Vec<String>,
    /// The workspaces' names.
    pub workspaces: Vec<String>,
    /// The locations: name, Cisco PSTN, extensions in use.
    pub locations: Vec<(String, bool, Vec<String>)>,
    /// The MACs of devices already in Webex Calling.
    pub devices: Vec<String>,
}

impl OrgDirectory {
    /// The organisation above; `scale` divides every count (1 for issue 13's sizes).
    pub fn new(scale: usize) -> OrgDirectory {
        let scale = scale.max(1);
        let users = (0..80_000 / scale)
            .map(|i| {
                if i % 5 == 0 {
                    format!("User{i}@Example.com")
                } else {
                    format!("user{i}@example.com")
                }
            })
            .collect();
        let workspaces = (0..12_000 / scale).map(|i| format!("Room {i}")).collect();
        let locations = (0..200 / scale)
            .map(|i| {
                let extensions = (0..20).map(|j| format!("{}", 1000 + i * 20 + j)).collect();
                (format!("Site {i}"), i % 3 == 0, extensions)
            })
            .collect();
        let mut rng = SplitMix64::new(11);
        let devices = (0..5_000 / scale)
            .map(|_| format!("{:012X}", rng.next_u64() & 0xFFFF_FFFF_FFFF))
            .collect();
        OrgDirectory {
            users,
            workspaces,
            locations,
            devices,
        }
    }

    /// How many entries it has (users, workspaces, locations and devices).
    pub fn entries(&self) -> usize {
        self.users.len() + self.workspaces.len() + self.locations.len() + self.devices.len()
    }

    /// The directory, through the builder.
    pub fn build(&self) -> mpp_migration::Result<mpp_migration::Directory> {
        mpp_migration::Directory::builder()
            .users(self.users.iter().map(String::as_str))
            .workspaces(self.workspaces.iter().map(String::as_str))
            .locations(self.locations.iter().map(|(name, pstn, ext)| {
                mpp_migration::Location::new(name.as_str())
                    .cisco_pstn(*pstn)
                    .extensions_in_use(ext.iter().map(String::as_str))
            }))
            .devices_in_webex_calling(self.devices.iter().map(String::as_str))
            .build()
    }

    /// Its JSON document (the format [`Directory::from_json`](mpp_migration::Directory::from_json) reads).
    pub fn json(&self) -> String {
        let list = |items: &[String]| {
            items
                .iter()
                .map(|s| format!("\"{s}\""))
                .collect::<Vec<_>>()
                .join(",")
        };
        let locations: Vec<String> = self
            .locations
            .iter()
            .map(|(name, pstn, ext)| {
                format!(
                    "{{\"name\": \"{name}\", \"cisco_pstn\": {pstn}, \"extensions_in_use\": [{}]}}",
                    list(ext)
                )
            })
            .collect();
        format!(
            "{{\"format\": 1, \"users\": [{}], \"workspaces\": [{}], \"locations\": [{}], \"devices_in_webex_calling\": [{}]}}",
            list(&self.users),
            list(&self.workspaces),
            locations.join(","),
            list(&self.devices)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_reader_streams_the_same_bytes() {
        let whole = fleet_upload_csv(2_000, 42);
        let mut streamed = Vec::new();
        let mut reader = FleetReader::new(FleetRows::new(2_000, 42));
        let mut chunk = [0u8; 777];
        loop {
            let n = reader.read(&mut chunk).unwrap();
            if n == 0 {
                break;
            }
            streamed.extend_from_slice(&chunk[..n]);
        }
        assert_eq!(whole, streamed);
        assert_eq!(whole.iter().filter(|&&b| b == b'\n').count(), 2_001);
    }

    #[test]
    fn the_variants_repeat_what_they_say() {
        let lines = |rows: FleetRows| -> Vec<String> {
            let mut out = Vec::new();
            let mut rows = rows;
            while rows.write_next(&mut out) {}
            String::from_utf8(out)
                .unwrap()
                .lines()
                .map(str::to_owned)
                .collect()
        };
        let plain = lines(FleetRows::new(30, 9));
        let cycled = lines(FleetRows::new(30, 9).cycling(10));
        assert_eq!(cycled[1..11], plain[1..11]);
        assert_eq!(cycled[11..21], plain[1..11]);
        let mac = |line: &str| line.split(',').nth(6).unwrap().to_ascii_uppercase();
        let strip = |line: &str| {
            let mut fields: Vec<&str> = line.split(',').collect();
            fields.remove(6);
            fields.join(",")
        };
        let repeated = lines(FleetRows::new(30, 9).repeating_macs(10));
        let mistake = "001A2B3C4D5E";
        for (j, (r, p)) in repeated.iter().zip(&plain).enumerate().skip(1) {
            // Only the MAC differs, and it is the MAC of row j - 10 (or the planted duplicate).
            assert_eq!(strip(r), strip(p));
            if j > 10 && mac(r) != mistake && mac(&repeated[j - 10]) != mistake {
                assert_eq!(mac(r), mac(&repeated[j - 10]));
            }
        }
    }
}
