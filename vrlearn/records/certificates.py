"""Issued certificates and the learner's reflection on each, in `certificates.json`.

A certificate is kept whole: the signed envelope (record, signatures and public key, see
`vrlearn.certificates.envelope`) is stored as issued and never changed, so it can be shown,
printed and verified again after the module was updated or removed, or the profile edited.
Reflections are the learner's own notes and can be edited; they are kept in their own table
and are not part of what was signed.

```
certificates.json
  "certificates": {"certificate_id", "learner_id", "module_id", "module_version",
                   "issued": iso, "envelope": {...}}        # issue order, never changed
  "reflections":  {"certificate_id", "learned": str, "practice": str, "updated": iso}
```

Adding a certificate and saving a reflection are durable (fsynced) when they return, like
`save_learner`: each is one atomic save of this one file. The caller (the store) holds the lock.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tinydb.table import Table

from .attempts import json_copy
from .files import FileSet
from .layout import CERTIFICATES, CERTIFICATES_TABLE, REFLECTIONS_TABLE
from .profile import check_record_id

__all__ = ["MAX_REFLECTION_LENGTH", "CertificateBook"]

MAX_REFLECTION_LENGTH = 20_000


class CertificateBook:
    """Reads and records certificates and reflections."""

    def __init__(self, files: FileSet) -> None:
        self._files = files

    def _table(self, name: str) -> Table:
        return self._files.db(CERTIFICATES.name).table(name)

    def _docs(self, table: str) -> list[dict[str, Any]]:
        data = self._files.storages[CERTIFICATES.name].read().get(table, {})
        if not isinstance(data, dict):
            return []
        ordered = sorted(data.items(), key=lambda item: int(item[0]))
        return [doc for _, doc in ordered if isinstance(doc, dict)]

    def all(self) -> list[dict[str, Any]]:
        """Every certificate, in the order issued (deep copies)."""
        copied: list[dict[str, Any]] = json_copy(self._docs(CERTIFICATES_TABLE), "certificates")
        return copied

    def find(self, certificate_id: str) -> dict[str, Any] | None:
        for doc in self._docs(CERTIFICATES_TABLE):
            if doc.get("certificate_id") == certificate_id:
                found: dict[str, Any] = json_copy(doc, "certificate")
                return found
        return None

    def add(
        self,
        *,
        certificate_id: str,
        learner_id: str,
        module_id: str,
        module_version: str,
        envelope: Mapping[str, Any],
        now: str,
    ) -> None:
        """Keep an issued certificate; ValueError if its id is already used."""
        check_record_id(certificate_id, "certificate id")
        if self.find(certificate_id) is not None:
            raise ValueError(f"There is already a certificate {certificate_id}.")
        if not isinstance(envelope, Mapping):
            raise ValueError("The signed certificate must be a mapping.")
        doc = {
            "certificate_id": certificate_id,
            "learner_id": learner_id,
            "module_id": module_id,
            "module_version": module_version,
            "issued": now,
            "envelope": json_copy(dict(envelope), "signed certificate"),
        }
        with self._files.batch(CERTIFICATES.name):
            self._table(CERTIFICATES_TABLE).insert(doc)

    def reflections(self) -> dict[str, dict[str, Any]]:
        """Certificate id -> its reflection (deep copies)."""
        out: dict[str, dict[str, Any]] = {}
        for doc in self._docs(REFLECTIONS_TABLE):
            cid = doc.get("certificate_id")
            if isinstance(cid, str):
                out[cid] = json_copy(doc, "reflection")
        return out

    def save_reflection(self, certificate_id: str, learned: str, practice: str, now: str) -> None:
        """Replace the reflection on a certificate (empty text clears it); durable on return."""
        if self.find(certificate_id) is None:
            raise ValueError(f"There is no certificate {certificate_id}.")
        fields = {"learned": learned, "practice": practice}
        for label, text in fields.items():
            if not isinstance(text, str):
                raise ValueError(f"The reflection ({label}) must be text.")
            if len(text) > MAX_REFLECTION_LENGTH:
                raise ValueError(
                    f"The reflection is too long ({len(text):,} characters); please keep each "
                    f"part under {MAX_REFLECTION_LENGTH:,}."
                )
        table = self._table(REFLECTIONS_TABLE)
        existing = [
            doc_id
            for doc_id, doc in self._files.storages[CERTIFICATES.name]
            .read()
            .get(REFLECTIONS_TABLE, {})
            .items()
            if isinstance(doc, dict) and doc.get("certificate_id") == certificate_id
        ]
        doc = {"certificate_id": certificate_id, **fields, "updated": now}
        with self._files.batch(CERTIFICATES.name):
            if existing:
                table.remove(doc_ids=[int(doc_id) for doc_id in existing])
            table.insert(doc)
