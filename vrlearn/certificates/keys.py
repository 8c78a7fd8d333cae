"""This installation's signing key: an Ed25519 key pair made on first use, kept in the data folder.

```
DATA/keys/installation-key.pem    the private key (PKCS#8 PEM, unencrypted), owner-only (0600)
DATA/keys/trusted-keys.json       public keys this installation trusts (see `trust`)
```

The folder is made owner-only (0700) and the key file is created with mode 0600, so other
accounts on the computer cannot read it (on Windows the user's profile folder does that job).
It is not encrypted with a passphrase: VR Learn must sign unattended, and anyone who can read
the learner's own files could also read a passphrase kept beside it.

A key's fingerprint is the first 128 bits of the SHA-256 of its 32-byte raw public key, in
hexadecimal; people see it in groups of four (`7F3A 9C21 0B4E ...`). Every signed certificate
carries its public key, so losing or replacing the private key never invalidates certificates
already issued; it only means new ones are signed by a new key, which organisations that
trusted the old one must register again. A damaged key file is moved aside (never deleted) and
a new key is made.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from vrlearn.atomic_file import fsync_folder, unique_tag

__all__ = [
    "KEY_FILE",
    "FINGERPRINT_HEX",
    "InstallationKey",
    "SigningKeyError",
    "exported_public_key",
    "fingerprint",
    "format_fingerprint",
    "load_public_key_file",
    "public_key_from_raw",
    "raw_public_key",
]

log = logging.getLogger(__name__)

KEY_FILE = "installation-key.pem"
FINGERPRINT_HEX = 32  # 128 bits
_PEM_BLOCK = re.compile(rb"-----BEGIN PUBLIC KEY-----\s+[A-Za-z0-9+/=\s]+?-----END PUBLIC KEY-----")


class SigningKeyError(Exception):
    """The key could not be read or saved; the message says why in plain words."""


def raw_public_key(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_key_from_raw(raw: bytes) -> Ed25519PublicKey:
    """An Ed25519 public key from its 32 raw bytes; ValueError if they are not one."""
    return Ed25519PublicKey.from_public_bytes(raw)


def fingerprint(key: Ed25519PublicKey | bytes) -> str:
    """The key's fingerprint: 32 lower-case hex digits (128 bits of SHA-256 of the raw key)."""
    raw = key if isinstance(key, bytes) else raw_public_key(key)
    return hashlib.sha256(raw).hexdigest()[:FINGERPRINT_HEX]


def format_fingerprint(value: str) -> str:
    """A fingerprint for people: upper case, in groups of four (`7F3A 9C21 ...`)."""
    upper = value.upper()
    return " ".join(upper[i : i + 4] for i in range(0, len(upper), 4))


def exported_public_key(key: Ed25519PublicKey, label: str = "") -> str:
    """The public key as PEM, preceded by comment lines with its fingerprint."""
    pem = key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")
    lines = [
        "# VR Learn certificate signing key (public part)",
        f"# Fingerprint: {format_fingerprint(fingerprint(key))}",
    ]
    if label:
        lines.append(f"# Installation: {label}")
    lines.append(f"# Exported: {datetime.now(UTC).isoformat(timespec='seconds')}")
    return "\n".join(lines) + "\n" + pem


def load_public_key_file(path: Path) -> Ed25519PublicKey:
    """The Ed25519 public key in a PEM file (as written by `vrlearn keys export`).

    Raises SigningKeyError saying what is wrong: unreadable, no PEM public key, or not Ed25519.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningKeyError(f"Could not read {path}: {exc.strerror or exc}") from exc
    match = _PEM_BLOCK.search(data)
    if match is None:
        raise SigningKeyError(f"{path} does not contain a public key (-----BEGIN PUBLIC KEY-----).")
    try:
        key = serialization.load_pem_public_key(match.group(0))
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise SigningKeyError(f"The public key in {path} cannot be read: {exc}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise SigningKeyError(
            f"The key in {path} is not an Ed25519 key, so it cannot sign certificates."
        )
    return key


@dataclass(frozen=True)
class InstallationKey:
    """The private key of this installation and where it is kept."""

    private_key: Ed25519PrivateKey
    path: Path
    created: bool = False  # made just now (first use, or the old one was damaged)
    notice: str = ""  # something the user should be told (a damaged key was replaced)

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def sign(self, payload: bytes) -> bytes:
        return self.private_key.sign(payload)

    @classmethod
    def load(cls, keys_dir: Path) -> InstallationKey | None:
        """The key if one was made already (None if not); SigningKeyError if it cannot be read."""
        path = keys_dir / KEY_FILE
        if not path.exists():
            return None
        return cls(_read_private_key(path), path)

    @classmethod
    def load_or_create(cls, keys_dir: Path) -> InstallationKey:
        """The key, made now if there is none; a damaged key file is moved aside and replaced.

        Raises SigningKeyError when the folder or the file cannot be read or written.
        """
        path = keys_dir / KEY_FILE
        notice = ""
        if path.exists():
            try:
                return cls(_read_private_key(path), path)
            except _DamagedKey as exc:
                moved = _move_aside(path)
                notice = (
                    f"The certificate signing key {path} could not be read ({exc}); it was moved "
                    f"to {moved.name} and a new key was made. Certificates issued before stay "
                    "valid. If an organisation registered the old key, send them the new one "
                    "(vrlearn keys export)."
                )
                log.warning("%s", notice)
        key = Ed25519PrivateKey.generate()
        _write_private_key(path, key)
        log.info("made a new certificate signing key %s", fingerprint(key.public_key()))
        return cls(key, path, created=True, notice=notice)


class _DamagedKey(SigningKeyError):
    """The key file exists but does not hold an Ed25519 private key."""


def _read_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningKeyError(
            f"Could not read the certificate signing key {path}: {exc.strerror or exc}"
        ) from exc
    _tighten_permissions(path)
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise _DamagedKey("it is not a readable private key") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise _DamagedKey("it is not an Ed25519 key")
    return key


def _tighten_permissions(path: Path) -> None:
    """Make a key file that others can read owner-only again (POSIX only)."""
    if sys.platform == "win32":
        return
    try:
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            os.chmod(path, 0o600)
            log.warning("%s could be read by other accounts (mode %o); it is now 0600", path, mode)
    except OSError as exc:
        log.warning("could not check the permissions of %s: %s", path, exc)


def _write_private_key(path: Path, key: Ed25519PrivateKey) -> None:
    """Write the key owner-only and durably: temp file (0600), fsync, rename, fsync folder."""
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    folder = path.parent
    temp = folder / f".{path.name}.tmp-{unique_tag()}"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if sys.platform != "win32":
            os.chmod(folder, 0o700)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            os.write(fd, pem)
            os.fsync(fd)
        finally:
            os.close(fd)
        if sys.platform != "win32":
            os.chmod(temp, 0o600)  # whatever the umask was
        os.replace(temp, path)
        fsync_folder(folder)
    except OSError as exc:
        try:
            temp.unlink()
        except OSError:
            pass
        raise SigningKeyError(
            f"Could not save the certificate signing key in {folder}: {exc.strerror or exc}"
        ) from exc


def _move_aside(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    try:
        os.replace(path, target)
    except OSError as exc:
        raise SigningKeyError(
            f"Could not move the damaged key {path} aside: {exc.strerror}"
        ) from exc
    return target
