"""The words a certificate and a CPD log use for dates, times and durations (British English).

Month names are spelled out here rather than taken from the system locale, so a certificate
reads the same on every computer.
"""

from __future__ import annotations

from datetime import datetime, timedelta

__all__ = [
    "PROOF_STATEMENT",
    "cpd_hours",
    "long_date",
    "minutes_phrase",
    "offset_phrase",
    "short_date",
    "time_with_offset",
]

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

PROOF_STATEMENT = (
    "What the signature proves: this record was issued by the VR Learn installation whose key "
    "fingerprint is shown, and has not been changed since. It is not an endorsement by an "
    "employer or a professional body unless they have registered that key. To check it, open "
    "this PDF or scan the QR code in VR Learn (File ▸ Verify a certificate…), or run "
    "“vrlearn certificates verify”."
)


def long_date(moment: datetime) -> str:
    """`14 March 2025`."""
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year}"


def short_date(moment: datetime) -> str:
    """`2025-03-14` (for tables and CSV: sorts, and spreadsheets read it as a date)."""
    return moment.date().isoformat()


def offset_phrase(moment: datetime) -> str:
    """`UTC`, `UTC+01:00` or `UTC-05:30`."""
    offset = moment.utcoffset() or timedelta(0)
    if not offset:
        return "UTC"
    sign = "+" if offset >= timedelta(0) else "-"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def time_with_offset(moment: datetime) -> str:
    """`15:42 (UTC+01:00)`."""
    return f"{moment:%H:%M} ({offset_phrase(moment)})"


def minutes_phrase(minutes: int) -> str:
    """`45 minutes`, `1 hour`, `1 hour 30 minutes`, `2 hours 5 minutes`."""
    hours, rest = divmod(max(0, minutes), 60)
    parts = []
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if rest or not hours:
        parts.append(f"{rest} minute{'s' if rest != 1 else ''}")
    return " ".join(parts)


def cpd_hours(minutes: int) -> str:
    """Hours with two decimals, as CPD portfolios ask for them: `0.50`, `1.25`."""
    return f"{minutes / 60:.2f}"
