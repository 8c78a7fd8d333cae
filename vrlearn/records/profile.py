"""Learner profiles: the value object the app shows, and the checks applied before saving one."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "MAX_EMAIL_LENGTH",
    "MAX_FIELD_LENGTH",
    "MAX_ID_LENGTH",
    "LearnerProfile",
    "check_record_id",
    "clean_learner_fields",
    "new_learner_id",
    "profile_from_doc",
]

MAX_FIELD_LENGTH = 200
MAX_EMAIL_LENGTH = 254  # the longest address SMTP allows
MAX_ID_LENGTH = 500

_EMAIL_SHAPE = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")


@dataclass(frozen=True)
class LearnerProfile:
    """One learner, as stored in learners.json."""

    learner_id: str  # uuid4 hex, created by the store
    name: str
    role: str
    registration_number: str = ""  # optional professional registration (e.g. HCPC OT12345)
    email: str = ""  # optional work email


def new_learner_id() -> str:
    import uuid  # on first use: uuid imports platform, not needed at start-up

    return uuid.uuid4().hex


def _clean(value: object, label: str, *, required: bool, limit: int = MAX_FIELD_LENGTH) -> str:
    if not isinstance(value, str):
        raise ValueError(f"The {label} must be text.")
    text = value.strip()
    if required and not text:
        raise ValueError(f"Please enter the {label}.")
    if len(text) > limit:
        raise ValueError(
            f"The {label} is too long ({len(text)} characters); please use at most {limit}."
        )
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text):
        raise ValueError(f"The {label} must be one line of text, without control characters.")
    return text


def clean_learner_fields(
    name: str, role: str, registration_number: str = "", email: str = ""
) -> dict[str, str]:
    """Strip and check the fields of a profile; raise ValueError with a message for the user."""
    fields = {
        "name": _clean(name, "learner's name", required=True),
        "role": _clean(role, "learner's role (for example: Occupational therapist)", required=True),
        "registration_number": _clean(
            registration_number, "professional registration number", required=False
        ),
        "email": _clean(email, "email address", required=False, limit=MAX_EMAIL_LENGTH),
    }
    if fields["email"] and not _EMAIL_SHAPE.fullmatch(fields["email"]):
        raise ValueError(
            f"{fields['email']!r} does not look like an email address (name@example.nhs.uk)."
        )
    return fields


def check_record_id(value: object, label: str) -> str:
    """Check a learner, module or item id passed by the app (ids are not stripped)."""
    if not isinstance(value, str) or not value:
        raise ValueError(f"The {label} must be a non-empty string, not {value!r}.")
    if len(value) > MAX_ID_LENGTH:
        raise ValueError(f"The {label} is too long ({len(value)} characters).")
    return value


def profile_from_doc(doc: Mapping[str, Any]) -> LearnerProfile:
    """Build a profile from a stored record, tolerating fields that were edited by hand."""

    def text(key: str) -> str:
        value = doc.get(key, "")
        return value if isinstance(value, str) else str(value)

    return LearnerProfile(
        learner_id=text("learner_id"),
        name=text("name"),
        role=text("role"),
        registration_number=text("registration_number"),
        email=text("email"),
    )
