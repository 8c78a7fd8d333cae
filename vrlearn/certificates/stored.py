"""A certificate as kept in the records, with the learner's reflection on it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .envelope import SignedCertificate

__all__ = ["Reflection", "StoredCertificate", "stored_certificate"]


@dataclass(frozen=True)
class Reflection:
    """What the learner wrote about a certificate (not part of what was signed)."""

    learned: str = ""
    practice: str = ""
    updated: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.learned.strip() or self.practice.strip())

    def as_text(self) -> str:
        """Both parts in one paragraph each, for the CPD log."""
        parts = []
        if self.learned.strip():
            parts.append(f"What I learned: {self.learned.strip()}")
        if self.practice.strip():
            parts.append(f"How it changes my practice: {self.practice.strip()}")
        return "\n".join(parts)


@dataclass(frozen=True)
class StoredCertificate:
    signed: SignedCertificate
    learner_id: str
    issued: str  # UTC time it was kept
    reflection: Reflection

    @property
    def certificate_id(self) -> str:
        return self.signed.certificate_id


def stored_certificate(
    doc: Mapping[str, Any], reflection: Mapping[str, Any] | None
) -> StoredCertificate:
    """Build from a records document; EnvelopeError / RecordError if it is damaged."""
    signed = SignedCertificate.from_envelope(doc.get("envelope") or {})
    notes = reflection or {}
    return StoredCertificate(
        signed=signed,
        learner_id=str(doc.get("learner_id", "")),
        issued=str(doc.get("issued", "")),
        reflection=Reflection(
            learned=str(notes.get("learned", "")),
            practice=str(notes.get("practice", "")),
            updated=str(notes.get("updated", "")),
        ),
    )
