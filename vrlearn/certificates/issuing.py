"""Issuing certificates: from a completed module and the learner's records to a kept, signed record.

`CertificateIssuer` is the service the app and the command line share. `issue(learner, module)`

1. refuses a learner without a name (`MissingLearnerName`: the app asks for the profile first);
2. returns the certificate already issued to this learner for this module version, if any
   (completing a module again, or a second click, never makes a second certificate);
3. otherwise builds the record (module content hash, completion time, score and measured
   active time from the records, see `activity`), signs it with the installation key (made on
   first use, see `keys`) and keeps it in the records, durably, before returning it.

No Qt here; the GUI calls it from `ui.certificate_flow` when `module_completed` is emitted.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import vrlearn
from vrlearn.modules.content_hash import module_content_sha256
from vrlearn.modules.model import Module
from vrlearn.records import LearnerProfile, RecordsStore

from . import activity
from .envelope import EnvelopeError, SignedCertificate, sign_record
from .ids import new_certificate_id, normalise_certificate_id
from .keys import InstallationKey
from .record import CertificateRecord, RecordError
from .stored import StoredCertificate, stored_certificate
from .trust import OWN_KEY_LABEL, TrustedKeys, trusted_labels

__all__ = [
    "CertificateError",
    "CertificateIssuer",
    "MissingLearnerName",
    "build_record",
    "installation_key",
]

log = logging.getLogger(__name__)


class CertificateError(Exception):
    """A certificate could not be issued or read; the message says why in plain words."""


class MissingLearnerName(CertificateError):
    """The learner has no name yet: a certificate needs one."""


def build_record(
    *,
    certificate_id: str,
    learner: LearnerProfile,
    module: Module,
    content_sha256: str,
    completed: datetime,
    score_percent: int | None,
    active_minutes: int,
    issuer_fingerprint: str,
) -> CertificateRecord:
    """The record of one completion (`completed` must carry its time zone offset)."""
    if completed.utcoffset() is None:
        raise ValueError("the completion time needs a time zone")
    return CertificateRecord(
        certificate_id=certificate_id,
        learner_name=learner.name.strip(),
        learner_role=learner.role.strip(),
        learner_registration=learner.registration_number.strip(),
        module_id=module.id,
        module_title=module.title,
        module_version=module.version,
        module_sha256=content_sha256,
        learning_outcomes=tuple(module.learning_outcomes),
        completed_local=completed.isoformat(timespec="seconds"),
        completed_utc=completed.astimezone(UTC).isoformat(timespec="seconds"),
        score_percent=score_percent,
        cpd_minutes=module.estimated_minutes,
        active_minutes=active_minutes,
        active_minutes_method=activity.METHOD,
        issuer_app=f"VR Learn {vrlearn.__version__}",
        issuer_fingerprint=issuer_fingerprint,
    )


def installation_key(keys_dir: Path) -> InstallationKey:
    """This installation's signing key, made if there is none, and trusted here: its public key
    is added to the trusted keys, so certificates it signed stay trusted on this computer even
    if the private key is later lost and replaced. Raises SigningKeyError."""
    key = InstallationKey.load_or_create(keys_dir)
    trust = TrustedKeys(keys_dir)
    if key.fingerprint not in trust:
        made = datetime.now(UTC).date().isoformat()
        trust.add(key.public_key, f"{OWN_KEY_LABEL}, key made {made}")
    return key


class CertificateIssuer:
    """Issues, lists and finds the certificates of one installation."""

    def __init__(self, store: RecordsStore, keys_dir: Path) -> None:
        self._store = store
        self.keys_dir = keys_dir
        self._key: InstallationKey | None = None
        self.notices: list[str] = []  # e.g. a damaged key was replaced: tell the user once

    @property
    def store(self) -> RecordsStore:
        return self._store

    def signing_key(self) -> InstallationKey:
        """This installation's key, made on first use (see `installation_key`)."""
        if self._key is None:
            key = installation_key(self.keys_dir)
            if key.notice:
                self.notices.append(key.notice)
            self._key = key
        return self._key

    def trusted(self) -> dict[str, str]:
        """Fingerprint -> label of the keys this installation trusts."""
        return trusted_labels(self.keys_dir)

    # ------------------------------------------------------------------ issuing

    def issue(
        self, learner: LearnerProfile, module: Module, *, now: datetime | None = None
    ) -> StoredCertificate:
        """The learner's certificate for this module version, issued now if there is none.

        Raises MissingLearnerName, CertificateError (module files unreadable), SigningKeyError
        or RecordsError (could not be kept; then nothing was issued).
        """
        if not learner.name.strip():
            raise MissingLearnerName("A certificate needs the learner's name: add it first.")
        existing = self.existing(learner.learner_id, module.id, module.version)
        if existing is not None:
            return existing
        try:
            content_sha256 = module_content_sha256(module.folder)
        except OSError as exc:
            raise CertificateError(
                f"The files of “{module.title}” could not be read to fingerprint them: {exc}"
            ) from exc
        key = self.signing_key()
        moment = now or datetime.now()
        completed = moment if moment.utcoffset() is not None else moment.astimezone()
        record = build_record(
            certificate_id=new_certificate_id(),
            learner=learner,
            module=module,
            content_sha256=content_sha256,
            completed=completed,
            score_percent=self._score(learner, module),
            active_minutes=self._active_minutes(learner, module),
            issuer_fingerprint=key.fingerprint,
        )
        signed = sign_record(record, key)
        self._store.add_certificate(
            learner.learner_id, record.certificate_id, module.id, module.version, signed.envelope()
        )
        log.info(
            "issued certificate %s for %s %s", record.certificate_id, module.id, module.version
        )
        found = self.find(record.certificate_id)
        assert found is not None
        return found

    def _attempts_by_quiz(
        self, learner: LearnerProfile, module: Module
    ) -> dict[str, list[dict[str, Any]]]:
        return {
            item.id: self._store.attempts(learner.learner_id, module.id, item.id)
            for item in module.quizzes
        }

    def _score(self, learner: LearnerProfile, module: Module) -> int | None:
        return activity.best_score(self._attempts_by_quiz(learner, module))

    def _active_minutes(self, learner: LearnerProfile, module: Module) -> int:
        progress = self._store.module_progress_record(learner.learner_id, module.id)
        attempts = [a for group in self._attempts_by_quiz(learner, module).values() for a in group]
        return activity.active_minutes(progress, attempts)

    # ------------------------------------------------------------------ reading

    def all(self) -> list[StoredCertificate]:
        """Every certificate kept, oldest first (a damaged one is logged and left out)."""
        reflections = self._store.reflections()
        out: list[StoredCertificate] = []
        for doc in self._store.certificates():
            cid = str(doc.get("certificate_id", ""))
            try:
                out.append(stored_certificate(doc, reflections.get(cid)))
            except (EnvelopeError, RecordError, KeyError) as exc:
                log.warning("certificate %s in the records cannot be read: %s", cid, exc)
        return out

    def find(self, certificate_id: str) -> StoredCertificate | None:
        """A certificate by its id, as typed by a person (see `ids.normalise_certificate_id`)."""
        cid = normalise_certificate_id(certificate_id)
        if cid is None:
            return None
        doc = self._store.certificate(cid)
        if doc is None:
            return None
        try:
            return stored_certificate(doc, self._store.reflections().get(cid))
        except (EnvelopeError, RecordError, KeyError) as exc:
            raise CertificateError(f"Certificate {cid} in the records is damaged: {exc}") from exc

    def existing(
        self, learner_id: str, module_id: str, module_version: str
    ) -> StoredCertificate | None:
        for doc in self._store.certificates():
            same = (doc.get("learner_id"), doc.get("module_id"), doc.get("module_version"))
            if same == (learner_id, module_id, module_version):
                return self.find(str(doc.get("certificate_id")))
        return None

    def save_reflection(self, certificate_id: str, learned: str, practice: str) -> None:
        """Keep the learner's reflection (durable on return); ValueError or RecordsError."""
        self._store.save_reflection(certificate_id, learned, practice)

    def signed(self, certificate_id: str) -> SignedCertificate | None:
        found = self.find(certificate_id)
        return found.signed if found is not None else None
