"""A Python port of benches/src/lib.rs `fleet_upload_csv` and `fleet_directory_json`: the same
deterministic fleet, for tests that need a big upload (streaming, the GIL, a quick timing)."""

from __future__ import annotations

MASK64 = (1 << 64) - 1
MASK48 = (1 << 48) - 1

FLEET_MODELS = (
    "8845",
    "CP-8865-K9=",
    "Cisco 8851",
    "8841",
    "CP-7841-K9=V05",
    "7811",
    "Cisco 8861",
    "7832",
)
FLEET_HEADER = "Type,Username,Phone Number,Extension,Device Type,Model,MAC Address,Location,Call Plan\n"


class SplitMix64:
    """SplitMix64, as the Rust benches use it."""

    def __init__(self, seed: int) -> None:
        self.state = seed & MASK64

    def next_u64(self) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        return self.next_u64() % max(n, 1)


def fleet_line(i: int, seed: int, rng: SplitMix64) -> str:
    """Data row `i` of the fleet upload."""
    mac = (((i * 0x9E3779B9) & MASK64) ^ seed) & MASK48
    mac_text = f"{mac:012X}" if i % 2 == 0 else f"{mac:012x}"
    model = FLEET_MODELS[rng.below(len(FLEET_MODELS))]
    site = rng.below(50)
    mistake = rng.below(100)
    if rng.below(10) < 7:
        user = "nobody@example.com" if mistake == 0 else f"user{rng.below(5000)}@example.com"
        line = f"USER,{user},,,IP,{model},{mac_text},Site {site},\n"
    else:
        if mistake == 1:
            phone = "408 555 0100"
        else:
            phone = f"+1 408 {rng.below(1000):03} {rng.below(10000):04}"
        plan = "true" if site % 2 == 0 else "false"
        line = (
            f"WORKSPACE,Room {i},{phone},{20000 + i % 1000000},IP,{model},{mac_text},"
            f"Site {site},{plan}\n"
        )
    if mistake == 2:
        return line.replace(mac_text, "001A2B3C4D5E")
    if mistake == 3:
        return line.replace(model, "8821")
    return line


def fleet_upload_csv(rows: int, seed: int) -> bytes:
    """A *license and device* upload of `rows` data rows (see the Rust original)."""
    rng = SplitMix64(seed)
    return (FLEET_HEADER + "".join(fleet_line(i, seed, rng) for i in range(rows))).encode()


def fleet_directory_json() -> str:
    """The organisation of the fleet: 5,000 users, 50 locations, 200 workspaces, 1,000 devices."""
    users = ",".join(f'"user{i}@example.com"' for i in range(5000))
    workspaces = ",".join(f'"Room {i}"' for i in range(200))
    locations = ",".join(
        f'{{"name": "Site {i}", "cisco_pstn": {"true" if i % 2 == 0 else "false"}, '
        f'"extensions_in_use": ["{1000 + i}"]}}'
        for i in range(50)
    )
    rng = SplitMix64(7)
    devices = ",".join(f'"{rng.next_u64() & MASK48:012X}"' for _ in range(1000))
    return (
        f'{{"users": [{users}], "workspaces": [{workspaces}], "locations": [{locations}], '
        f'"devices_in_webex_calling": [{devices}]}}'
    )
