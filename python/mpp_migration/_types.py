"""Python-level types of mpp_migration that the native module returns."""

from __future__ import annotations

from enum import Enum

__all__ = ["EligibilityStatus"]


class EligibilityStatus(str, Enum):
    """The eligibility of a device (ELIG-1): green, red or yellow in Control Hub.

    A ``str`` enum: each member compares equal to its value, so
    ``check_eligibility("8845").status == "eligible"`` holds.
    """

    ELIGIBLE = "eligible"
    """The device can migrate (green)."""
    NOT_ELIGIBLE = "not_eligible"
    """The device cannot migrate and is never prepared for migration (red, ELIG-2)."""
    UNKNOWN = "unknown"
    """Not enough information, e.g. the hardware version is not known (yellow, EXT-3)."""

    def __new__(cls, value: str) -> EligibilityStatus:
        # Spelled out so that the signature is the one Enum gives the class: by value.
        member = str.__new__(cls, value)
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)
