"""The keys this installation trusts: `DATA/keys/trusted-keys.json`.

A signature only says which key signed a record. Whether that key belongs to someone whose word
counts is a separate decision, recorded here: this installation's own key is added when it is
made (so its certificates stay trusted here even if the private key is later lost), and
`vrlearn keys trust FILE` adds another installation's or an organisation's key.

```
{"format": "vrlearn-trusted-keys", "format_version": 1,
 "keys": [{"fingerprint": "<32 hex>", "public_key": "<base64url raw 32 bytes>",
           "label": "this installation", "added": "<UTC time>"}, ...]}
```

The file is replaced atomically (temp file, fsync, rename). An unreadable file is treated as
trusting nothing (verification then says "untrusted", never "valid") and is not overwritten
until the user adds a key, when it is moved aside first.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from vrlearn.atomic_file import write_file_atomically

from .b64 import b64decode, b64encode
from .keys import SigningKeyError, fingerprint, public_key_from_raw, raw_public_key

__all__ = ["OWN_KEY_LABEL", "TRUST_FILE", "TrustedKey", "TrustedKeys", "trusted_labels"]

log = logging.getLogger(__name__)

TRUST_FILE = "trusted-keys.json"
TRUST_FORMAT = "vrlearn-trusted-keys"
OWN_KEY_LABEL = "this installation"


@dataclass(frozen=True)
class TrustedKey:
    fingerprint: str
    public_key: bytes  # 32 raw bytes
    label: str
    added: str


class TrustedKeys:
    """The trusted keys in one keys folder (read on creation; `add` saves at once)."""

    def __init__(self, keys_dir: Path) -> None:
        self.path = keys_dir / TRUST_FILE
        self.problem = ""  # why the file could not be read, if it could not
        self._keys: dict[str, TrustedKey] = {}
        self._read()

    def _read(self) -> None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            self.problem = f"could not read {self.path}: {exc.strerror or exc}"
            log.warning("%s", self.problem)
            return
        try:
            data = json.loads(raw)
            if data.get("format") != TRUST_FORMAT:
                raise ValueError("not a trusted-keys file")
            for entry in data.get("keys", []):
                key = _entry(entry)
                self._keys[key.fingerprint] = key
        except (ValueError, KeyError, AttributeError, TypeError) as exc:
            self._keys.clear()
            self.problem = f"{self.path} is damaged ({exc}); no key is trusted until it is fixed"
            log.warning("%s", self.problem)

    def __contains__(self, fingerprint_hex: object) -> bool:
        return fingerprint_hex in self._keys

    def get(self, fingerprint_hex: str) -> TrustedKey | None:
        return self._keys.get(fingerprint_hex)

    def all(self) -> list[TrustedKey]:
        return list(self._keys.values())

    def add(self, key: Ed25519PublicKey, label: str) -> TrustedKey:
        """Trust `key` (saved at once); adding a key already trusted only keeps its label."""
        fp = fingerprint(key)
        existing = self._keys.get(fp)
        if existing is not None:
            return existing
        entry = TrustedKey(
            fingerprint=fp,
            public_key=raw_public_key(key),
            label=label.strip() or "added by hand",
            added=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        self._keys[fp] = entry
        self._save()
        return entry

    def _save(self) -> None:
        if self.problem and self.path.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            os.replace(self.path, self.path.with_name(f"{self.path.name}.damaged-{stamp}"))
            self.problem = ""
        data: dict[str, Any] = {
            "format": TRUST_FORMAT,
            "format_version": 1,
            "keys": [
                {
                    "fingerprint": key.fingerprint,
                    "public_key": b64encode(key.public_key),
                    "label": key.label,
                    "added": key.added,
                }
                for key in self._keys.values()
            ],
        }
        payload = (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_file_atomically(self.path, payload)
        except OSError as exc:
            raise SigningKeyError(
                f"Could not save the trusted keys in {self.path}: {exc.strerror or exc}"
            ) from exc


def _entry(entry: Any) -> TrustedKey:
    raw = b64decode(str(entry["public_key"]))
    public_key_from_raw(raw)  # ValueError if it is not a key
    fp = fingerprint(raw)
    if entry.get("fingerprint") != fp:
        raise ValueError(f"the fingerprint of key {entry.get('fingerprint')!r} does not match")
    return TrustedKey(
        fingerprint=fp,
        public_key=raw,
        label=str(entry.get("label", "")),
        added=str(entry.get("added", "")),
    )


def trusted_labels(keys_dir: Path) -> dict[str, str]:
    """Fingerprint -> label of every key trusted here: the trusted-keys file, plus this
    installation's current key (if it has one; it is never made here)."""
    from .keys import InstallationKey

    labels = {key.fingerprint: key.label for key in TrustedKeys(keys_dir).all()}
    try:
        own = InstallationKey.load(keys_dir)
    except SigningKeyError as exc:
        log.warning("%s", exc)
        own = None
    if own is not None:
        labels.setdefault(own.fingerprint, OWN_KEY_LABEL)
    return labels
