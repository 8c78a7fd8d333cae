"""The CPD log: every certificate as a row for a CPD portfolio, and the log as CSV.

Columns (the same in the CSV and the PDF table, see `cpd_pdf`): date, activity, type
("e-learning"), hours (the module's declared CPD time, two decimals), learning outcomes,
certificate ID, reflection; the CSV adds the measured active time, the module version and the
learner, which a table on paper has no room for.

The CSV is UTF-8 with a byte order mark (so Excel shows "Siân" rather than mojibake), with
Windows line ends. A cell that a spreadsheet would take for a formula (starting with =, +, -,
@, a tab or a carriage return) is prefixed with an apostrophe: module text and reflections are
shown, never run.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from vrlearn.atomic_file import write_file_atomically

from . import wording
from .stored import StoredCertificate

__all__ = [
    "CSV_COLUMNS",
    "CpdRow",
    "cpd_csv_bytes",
    "cpd_rows",
    "total_hours",
    "write_cpd_csv",
]

ACTIVITY_TYPE = "e-learning"
CSV_COLUMNS = (
    "Date",
    "Activity",
    "Type",
    "Hours",
    "Learning outcomes",
    "Certificate ID",
    "Reflection",
    "Active learning time measured (minutes)",
    "Module version",
    "Learner",
    "Registration number",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CpdRow:
    date: str  # 2025-03-14 (local date of completion)
    activity: str  # the module title
    type: str
    hours: str  # "0.50"
    minutes: int  # declared CPD minutes
    outcomes: tuple[str, ...]
    certificate_id: str
    reflection: str
    active_minutes: int
    module_version: str
    learner: str
    registration: str
    completed: datetime


def cpd_rows(certificates: Iterable[StoredCertificate]) -> list[CpdRow]:
    """One row per certificate, oldest completion first (then in the order given)."""
    rows = []
    for stored in certificates:
        r = stored.signed.record
        completed = datetime.fromisoformat(r.completed_local)
        rows.append(
            CpdRow(
                date=wording.short_date(completed),
                activity=r.module_title,
                type=ACTIVITY_TYPE,
                hours=wording.cpd_hours(r.cpd_minutes),
                minutes=r.cpd_minutes,
                outcomes=r.learning_outcomes,
                certificate_id=r.certificate_id,
                reflection=stored.reflection.as_text(),
                active_minutes=r.active_minutes,
                module_version=r.module_version,
                learner=r.learner_name,
                registration=r.learner_registration,
                completed=completed,
            )
        )
    rows.sort(key=lambda row: row.completed)  # stable: the same second keeps issue order
    return rows


def total_hours(rows: Iterable[CpdRow]) -> str:
    return wording.cpd_hours(sum(row.minutes for row in rows))


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def cpd_csv_bytes(rows: Iterable[CpdRow]) -> bytes:
    """The log as CSV (see the module docstring)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        values = [
            row.date,
            row.activity,
            row.type,
            row.hours,
            "\n".join(f"• {outcome}" for outcome in row.outcomes),
            row.certificate_id,
            row.reflection,
            str(row.active_minutes),
            row.module_version,
            row.learner,
            row.registration,
        ]
        writer.writerow([_cell(value) for value in values])
    return out.getvalue().encode("utf-8-sig")


def write_cpd_csv(rows: Iterable[CpdRow], path: Path) -> None:
    """Save the CSV (atomically); OSError if it cannot be written."""
    write_file_atomically(path, cpd_csv_bytes(rows))
