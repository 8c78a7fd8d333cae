"""The certificate record: everything a certificate states, as the signature covers it.

A record is self-contained. It copies the learner's details and the module's title, version,
outcomes and content hash at the moment of completion, so it stays meaningful (and verifiable)
after the module is updated or removed and after the learner edits their profile.

The record as JSON (flat, so that it is easy to read in a text editor)::

    {"format": "vrlearn-certificate", "format_version": 1,
     "certificate_id": "VRL-7K3M-9Q2X-PT4D-H8WE",
     "learner_name": "Siân Ŵyn-Łukasiewicz", "learner_role": "Occupational therapist",
     "learner_registration": "OT12345",            # "" when not given
     "module_id": "vr-essentials", "module_title": "...", "module_version": "1.0.0",
     "module_sha256": "<64 hex>",                  # see vrlearn.modules.content_hash
     "learning_outcomes": ["...", ...],
     "completed_local": "2025-03-14T15:42:07+00:00",  # the computer's local time, with offset
     "completed_utc": "2025-03-14T15:42:07+00:00",
     "score_percent": 90,                          # null when the module has no quiz
     "cpd_minutes": 30,                            # declared by the module (estimated_minutes)
     "active_minutes": 27,                         # measured, see `activity`
     "active_minutes_method": "event-gaps-capped-10min",
     "issuer_app": "VR Learn 0.1.0",
     "issuer_fingerprint": "<32 hex>"}             # of the signing key, see `keys`

The compact record (`compact_record`) is the part that fits a printable QR code: the id, the
learner's name and registration, the module id and version, the first 128 bits of the content
hash, the completion time (UTC), the CPD and active minutes and the score.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from .ids import is_certificate_id

__all__ = [
    "COMPACT_FORMAT",
    "RECORD_FORMAT",
    "RECORD_FORMAT_VERSION",
    "CertificateRecord",
    "CompactRecord",
    "RecordError",
    "compact_record",
]

RECORD_FORMAT = "vrlearn-certificate"
RECORD_FORMAT_VERSION = 1
COMPACT_FORMAT = "vrlc"
COMPACT_HASH_CHARS = 32  # 128 bits of the module's SHA-256 in the QR summary

_HEX = re.compile(r"[0-9a-f]+")


class RecordError(ValueError):
    """A record that does not have the shape of a certificate (after its signature checked)."""


@dataclass(frozen=True)
class CertificateRecord:
    """One issued certificate (see the module docstring for the meaning of each field)."""

    certificate_id: str
    learner_name: str
    learner_role: str
    learner_registration: str
    module_id: str
    module_title: str
    module_version: str
    module_sha256: str
    learning_outcomes: tuple[str, ...]
    completed_local: str
    completed_utc: str
    score_percent: int | None
    cpd_minutes: int
    active_minutes: int
    active_minutes_method: str
    issuer_app: str
    issuer_fingerprint: str

    def to_dict(self) -> dict[str, Any]:
        """The record as signed: plain JSON data, with the format name and version."""
        data = asdict(self)
        data["learning_outcomes"] = list(self.learning_outcomes)
        return {"format": RECORD_FORMAT, "format_version": RECORD_FORMAT_VERSION, **data}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CertificateRecord:
        """Read a record; RecordError naming the first field that is missing or wrong."""
        if not isinstance(data, Mapping):
            raise RecordError("the certificate record is not a JSON object")
        if data.get("format") != RECORD_FORMAT:
            raise RecordError(
                f"this is not a VR Learn certificate record (format {data.get('format')!r})"
            )
        if data.get("format_version") != RECORD_FORMAT_VERSION:
            raise RecordError(
                f"certificate record version {data.get('format_version')!r} is not one this "
                "version of VR Learn understands"
            )
        record = cls(
            certificate_id=_text(data, "certificate_id"),
            learner_name=_text(data, "learner_name"),
            learner_role=_text(data, "learner_role", required=False),
            learner_registration=_text(data, "learner_registration", required=False),
            module_id=_text(data, "module_id"),
            module_title=_text(data, "module_title"),
            module_version=_text(data, "module_version"),
            module_sha256=_text(data, "module_sha256"),
            learning_outcomes=_texts(data, "learning_outcomes"),
            completed_local=_text(data, "completed_local"),
            completed_utc=_text(data, "completed_utc"),
            score_percent=_whole(data, "score_percent", optional=True),
            cpd_minutes=_minutes(data, "cpd_minutes"),
            active_minutes=_minutes(data, "active_minutes"),
            active_minutes_method=_text(data, "active_minutes_method"),
            issuer_app=_text(data, "issuer_app"),
            issuer_fingerprint=_text(data, "issuer_fingerprint"),
        )
        record.check()
        return record

    def check(self) -> None:
        """RecordError if a field has the right type but an impossible value."""
        if not is_certificate_id(self.certificate_id):
            raise RecordError(f"{self.certificate_id!r} is not a certificate id")
        if len(self.module_sha256) != 64 or not _HEX.fullmatch(self.module_sha256):
            raise RecordError("module_sha256 is not a SHA-256 in hexadecimal")
        if not _HEX.fullmatch(self.issuer_fingerprint):
            raise RecordError("issuer_fingerprint is not hexadecimal")
        for name in ("completed_local", "completed_utc"):
            value = getattr(self, name)
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                raise RecordError(f"{name} {value!r} is not a date and time") from None
            if moment.utcoffset() is None:
                raise RecordError(f"{name} {value!r} has no time zone offset")
        if self.score_percent is not None and not 0 <= self.score_percent <= 100:
            raise RecordError(f"score_percent {self.score_percent} is not between 0 and 100")

    @property
    def completed_at(self) -> datetime:
        """The completion time in the issuing computer's local time (with its offset)."""
        return datetime.fromisoformat(self.completed_local)

    @property
    def cpd_hours(self) -> float:
        return self.cpd_minutes / 60


@dataclass(frozen=True)
class CompactRecord:
    """The summary of a record carried by a QR code when the whole record does not fit."""

    certificate_id: str
    learner_name: str
    learner_registration: str
    module_id: str
    module_version: str
    module_sha256_prefix: str
    completed_utc: str
    cpd_minutes: int
    active_minutes: int
    score_percent: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "f": COMPACT_FORMAT,
            "v": 1,
            "id": self.certificate_id,
            "n": self.learner_name,
            "r": self.learner_registration,
            "m": self.module_id,
            "mv": self.module_version,
            "h": self.module_sha256_prefix,
            "t": self.completed_utc,
            "c": self.cpd_minutes,
            "a": self.active_minutes,
            "s": self.score_percent,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CompactRecord:
        if not isinstance(data, Mapping) or data.get("f") != COMPACT_FORMAT or data.get("v") != 1:
            raise RecordError("this is not a VR Learn certificate summary")
        record = cls(
            certificate_id=_text(data, "id"),
            learner_name=_text(data, "n"),
            learner_registration=_text(data, "r", required=False),
            module_id=_text(data, "m"),
            module_version=_text(data, "mv"),
            module_sha256_prefix=_text(data, "h"),
            completed_utc=_text(data, "t"),
            cpd_minutes=_minutes(data, "c"),
            active_minutes=_minutes(data, "a"),
            score_percent=_whole(data, "s", optional=True),
        )
        if not is_certificate_id(record.certificate_id):
            raise RecordError(f"{record.certificate_id!r} is not a certificate id")
        return record


def compact_record(record: CertificateRecord) -> CompactRecord:
    """The QR summary of a full record (a pure function: issuing and checking agree on it)."""
    return CompactRecord(
        certificate_id=record.certificate_id,
        learner_name=record.learner_name,
        learner_registration=record.learner_registration,
        module_id=record.module_id,
        module_version=record.module_version,
        module_sha256_prefix=record.module_sha256[:COMPACT_HASH_CHARS],
        completed_utc=record.completed_utc,
        cpd_minutes=record.cpd_minutes,
        active_minutes=record.active_minutes,
        score_percent=record.score_percent,
    )


def _text(data: Mapping[str, Any], key: str, *, required: bool = True) -> str:
    value = data.get(key)
    if not isinstance(value, str) or (required and not value.strip()):
        raise RecordError(f"the field {key!r} is missing or not text")
    return value


def _texts(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RecordError(f"the field {key!r} is not a list of text")
    return tuple(value)


def _whole(data: Mapping[str, Any], key: str, *, optional: bool = False) -> int | None:
    value = data.get(key)
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordError(f"the field {key!r} is not a whole number")
    return value


def _minutes(data: Mapping[str, Any], key: str) -> int:
    value = _whole(data, key)
    assert value is not None
    if value < 0:
        raise RecordError(f"the field {key!r} is negative")
    return value
