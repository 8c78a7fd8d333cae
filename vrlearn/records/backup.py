"""Backups of the records: one zip archive with a manifest of SHA-256 checksums.

`create_backup(store_or_folder, target)` saves everything waiting, reads the records files (no
.bak or damaged copies) while nothing can be saved, and writes the archive atomically (temp
file, fsync, rename). The archive holds `manifest.json` first::

    {"format": "vrlearn-records-backup", "format_version": 1, "app": "VR Learn",
     "app_version": "0.1.0", "schema_version": 2, "store_id": "<random hex>",
     "created": "<UTC time>", "files": [{"path": "learners.json", "size": 123,
     "sha256": "<hex>"}, ...]}

`restore_backup(records_dir, archive)` refuses (RecordsError, records unchanged) anything that is
not exactly such an archive: not a zip, a truncated zip, no or another manifest, records of a
newer version, unsafe or unexpected names, a file missing or extra, a size or checksum that does
not match, an entry that fails its CRC. It extracts into a staging folder beside the records,
opens and checks the result there (updating older records), and only then swaps folders: the
current records are renamed to `<records>.before-restore-<UTC time>` and kept, and the staging
folder is renamed into place. A journal makes the swap complete even after a crash (see
`restore_journal`). The app must not have the records open meanwhile (hold the data-folder lock).
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import stat
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any, TypeGuard

import vrlearn
from vrlearn.atomic_file import unique_tag

from . import migrations
from .errors import RecordsError, describe_os_error
from .files import shard_files_on_disk
from .layout import DATA_FILES, LEARNERS, LEGACY_PROGRESS, STORE, is_shard_path
from .restore_journal import remove_journal, write_journal
from .storage import ensure_dir, fsync_dir
from .store import RecordsStore

__all__ = [
    "BACKUP_FORMAT",
    "BACKUP_FORMAT_VERSION",
    "MANIFEST_NAME",
    "BackupInfo",
    "RestoreResult",
    "create_backup",
    "read_backup_info",
    "restore_backup",
]

BACKUP_FORMAT = "vrlearn-records-backup"
BACKUP_FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
APP_NAME = "VR Learn"

MAX_MANIFEST_BYTES = 16 * 1024 * 1024
MAX_FILES = 200_000
MAX_TOTAL_BYTES = 4 * 1024 * 1024 * 1024
MAX_RATIO = 1000  # uncompressed / compressed, per entry (JSON compresses well, bombs better)
_CHUNK = 1024 * 1024
_SAFE_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_FIXED_NAMES = (STORE.name, *(spec.name for spec in DATA_FILES), LEGACY_PROGRESS.name)
_UNCHANGED = "Your current records were not changed."


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds (from its manifest)."""

    archive: Path
    store_id: str
    schema_version: int
    created: str
    app_version: str
    files: int
    total_bytes: int

    def summary(self) -> str:
        return (
            f"{self.archive}: records version {self.schema_version} from VR Learn "
            f"{self.app_version}, made {self.created}, {self.files} files, "
            f"{self.total_bytes:,} bytes (store {self.store_id})"
        )


@dataclass(frozen=True)
class RestoreResult:
    """A finished restore."""

    records_dir: Path
    previous: Path | None  # where the records that were replaced are kept (None: there were none)
    backup: BackupInfo
    same_store: bool  # the backup was made from these records (not another computer's)


# ---------------------------------------------------------------------- backup


def create_backup(source: RecordsStore | Path, target: Path) -> BackupInfo:
    """Write a backup of the records to `target` (a zip file, replaced atomically if it exists).

    `source` is an open store (the app's), or a records folder that is not open anywhere (it is
    opened, repaired if needed, and closed). RecordsError when the records cannot be read or
    the archive cannot be written; nothing is left at `target` then.
    """
    if isinstance(source, RecordsStore):
        return _backup(source, Path(target))
    with RecordsStore.open(Path(source)) as store:
        return _backup(store, Path(target))


def _backup(store: RecordsStore, target: Path) -> BackupInfo:
    target = target.expanduser().absolute()
    root = store.records_dir.absolute()
    if target == root or root in target.parents:
        raise RecordsError(f"Please save the backup outside the records folder {root}.")
    for name in shard_files_on_disk(root):
        store.database(name)  # read (and repair, if needed) every file before copying it
    store_id = store.store_id
    with store.consistent_files():
        names = [STORE.name, *(spec.name for spec in DATA_FILES), *shard_files_on_disk(root)]
        contents: dict[str, bytes] = {}
        for name in names:
            try:
                contents[name] = (root / name).read_bytes()
            except OSError as exc:
                raise RecordsError(
                    f"Could not read the records file {root / name} for the backup: "
                    f"{describe_os_error(exc)}."
                ) from exc
        version = store.schema_version
    manifest: dict[str, Any] = {
        "format": BACKUP_FORMAT,
        "format_version": BACKUP_FORMAT_VERSION,
        "app": APP_NAME,
        "app_version": vrlearn.__version__,
        "schema_version": version,
        "store_id": store_id,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "files": [
            {"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in contents.items()
        ],
    }
    _write_archive(target, manifest, contents)
    return _info(target, manifest)


def _write_archive(target: Path, manifest: dict[str, Any], contents: dict[str, bytes]) -> None:
    temp = target.with_name(f".{target.name}.tmp-{unique_tag()}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(temp, "xb") as handle:
            with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(MANIFEST_NAME, json.dumps(manifest, indent=1))
                for name, data in contents.items():
                    archive.writestr(name, data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except OSError as exc:
        try:
            temp.unlink()
        except OSError:
            pass
        raise RecordsError(
            f"Could not write the backup to {target}: {describe_os_error(exc)}."
        ) from exc
    fsync_dir(target.parent)


# ---------------------------------------------------------------------- reading an archive


def _refuse(archive: Path, why: str) -> RecordsError:
    return RecordsError(f"Cannot restore from {archive}: {why}. {_UNCHANGED}")


def _open_zip(archive: Path) -> zipfile.ZipFile:
    try:
        with open(archive, "rb") as handle:
            head = handle.read(4)
    except FileNotFoundError:
        raise _refuse(archive, "the file does not exist") from None
    except IsADirectoryError:
        raise _refuse(archive, "it is a folder, not a backup file") from None
    except OSError as exc:
        raise _refuse(archive, f"it cannot be read ({describe_os_error(exc)})") from exc
    try:
        return zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, EOFError, ValueError, OSError) as exc:
        if head == b"PK\x03\x04":
            raise _refuse(
                archive, f"the backup is damaged or incomplete (truncated?): {exc}"
            ) from None
        raise _refuse(archive, "it is not a VR Learn records backup (not a zip archive)") from None


def _read_manifest(archive: Path, zf: zipfile.ZipFile) -> dict[str, Any]:
    try:
        info = zf.getinfo(MANIFEST_NAME)
    except KeyError:
        raise _refuse(
            archive, "it is not a VR Learn records backup (it has no manifest.json)"
        ) from None
    if info.file_size > MAX_MANIFEST_BYTES:
        raise _refuse(archive, "its manifest is far too large")
    try:
        with zf.open(info) as handle:
            manifest = json.loads(handle.read(MAX_MANIFEST_BYTES + 1))
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError) as exc:
        raise _refuse(archive, f"its manifest is damaged ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != BACKUP_FORMAT:
        raise _refuse(archive, "it is not a VR Learn records backup (its manifest is another kind)")
    format_version = manifest.get("format_version")
    if not _is_int(format_version) or format_version < 1:
        raise _refuse(archive, "its manifest is damaged (no format version)")
    if format_version > BACKUP_FORMAT_VERSION:
        raise _refuse(archive, "it was made by a newer version of VR Learn; please update VR Learn")
    version = manifest.get("schema_version")
    if not _is_int(version) or version < 1:
        raise _refuse(archive, "its manifest is damaged (no records version)")
    if version > migrations.SCHEMA_VERSION:
        raise _refuse(
            archive,
            f"it holds records version {version}, from a newer version of VR Learn (this one "
            f"understands up to {migrations.SCHEMA_VERSION}); please update VR Learn",
        )
    if not isinstance(manifest.get("store_id"), str) or not manifest["store_id"]:
        raise _refuse(archive, "its manifest is damaged (no store id)")
    files = manifest.get("files")
    if not isinstance(files, list) or not files or len(files) > MAX_FILES:
        raise _refuse(archive, "its manifest is damaged (no list of files)")
    for entry in files:
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("path"), str)
            and _is_int(entry.get("size"))
            and entry["size"] >= 0
            and isinstance(entry.get("sha256"), str)
            and len(entry["sha256"]) == 64
        ):
            raise _refuse(archive, f"its manifest is damaged (bad file entry {entry!r:.80})")
    return manifest


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _name_problem(name: str) -> str | None:
    """Why `name` is not an acceptable records file name inside a backup, or None."""
    if not name or "\\" in name or "\0" in name or name.startswith("/") or ":" in name:
        return "an unsafe file name"
    parts = PurePosixPath(name).parts
    if any(part in ("", ".", "..") for part in parts) or name != str(PurePosixPath(name)):
        return "an unsafe file name"
    if name not in _FIXED_NAMES and not is_shard_path(name):
        return "a file that does not belong in the records"
    return None


def _check_entries(archive: Path, zf: zipfile.ZipFile, manifest: dict[str, Any]) -> None:
    listed: dict[str, dict[str, Any]] = {}
    folded: set[str] = set()
    total = 0
    for entry in manifest["files"]:
        name = entry["path"]
        problem = _name_problem(name)
        if problem:
            raise _refuse(archive, f"its manifest lists {problem}: {name!r}")
        key = unicodedata.normalize("NFC", name).casefold()
        if name in listed or key in folded:
            raise _refuse(archive, f"its manifest lists {name!r} twice")
        listed[name] = entry
        folded.add(key)
        total += entry["size"]
    if STORE.name not in listed or LEARNERS.name not in listed:
        raise _refuse(archive, "it is damaged: store.json or learners.json is missing")
    if total > MAX_TOTAL_BYTES:
        raise _refuse(archive, "it is far larger than any records could be")
    seen: set[str] = set()
    for info in zf.infolist():
        name = info.filename
        if name in seen:
            raise _refuse(archive, f"it holds {name!r} twice")
        seen.add(name)
        if name == MANIFEST_NAME:
            continue
        if name not in listed:
            problem = _name_problem(name) or "a file that its manifest does not list"
            raise _refuse(archive, f"it holds {problem}: {name!r}")
        if info.flag_bits & 0x1:
            raise _refuse(archive, f"{name} is encrypted")
        if info.compress_type not in _SAFE_COMPRESSION:
            raise _refuse(archive, f"{name} uses a compression method VR Learn does not read")
        if stat.S_ISLNK(info.external_attr >> 16) or info.is_dir():
            raise _refuse(archive, f"{name} is not a plain file")
        if info.file_size != listed[name]["size"]:
            raise _refuse(archive, f"it is damaged: the size of {name} does not match")
        if info.file_size > MAX_RATIO * max(info.compress_size, 1024):
            raise _refuse(archive, f"{name} is compressed suspiciously well")
    missing = sorted(set(listed) - seen)
    if missing:
        raise _refuse(archive, f"it is damaged: {', '.join(missing[:5])} listed but missing")


def _info(archive: Path, manifest: dict[str, Any]) -> BackupInfo:
    return BackupInfo(
        archive=archive,
        store_id=str(manifest["store_id"]),
        schema_version=int(manifest["schema_version"]),
        created=str(manifest.get("created", "")),
        app_version=str(manifest.get("app_version", "")),
        files=len(manifest["files"]),
        total_bytes=sum(int(entry["size"]) for entry in manifest["files"]),
    )


def read_backup_info(archive: Path) -> BackupInfo:
    """What a backup holds, after checking its manifest and entries (not yet its checksums)."""
    archive = Path(archive)
    with _open_zip(archive) as zf:
        manifest = _read_manifest(archive, zf)
        _check_entries(archive, zf, manifest)
        return _info(archive, manifest)


# ---------------------------------------------------------------------- restore


def restore_backup(records_dir: Path, archive: Path) -> RestoreResult:
    """Replace the records in `records_dir` with those in the backup `archive`.

    Raises RecordsError (with the reason, the current records unchanged) when the archive is
    damaged or foreign or its records do not open and check cleanly. The replaced records are
    kept in the folder named by `RestoreResult.previous`.
    """
    records_dir = Path(records_dir).expanduser().absolute()
    archive = Path(archive).expanduser()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    with _open_zip(archive) as zf:
        manifest = _read_manifest(archive, zf)
        _check_entries(archive, zf, manifest)
        info = _info(archive, manifest)
        staging = records_dir.with_name(
            f".{records_dir.name}.restore-{stamp}-{secrets.token_hex(3)}"
        )
        try:
            _extract(archive, zf, manifest, staging)
            _verify(archive, staging, info)
            previous = _swap(records_dir, staging, stamp)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    current_id = _store_id_of(previous) if previous else None
    return RestoreResult(records_dir, previous, info, same_store=current_id == info.store_id)


def _extract(archive: Path, zf: zipfile.ZipFile, manifest: dict[str, Any], staging: Path) -> None:
    try:
        staging.parent.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
    except OSError as exc:
        raise _refuse(
            archive, f"a folder to unpack it could not be made ({describe_os_error(exc)})"
        ) from exc
    for entry in manifest["files"]:
        name, size, expected = entry["path"], entry["size"], entry["sha256"].lower()
        path = staging / name
        ensure_dir(path.parent, staging)
        digest = hashlib.sha256()
        written = 0
        try:
            with zf.open(name) as source, open(path, "xb") as out:
                while chunk := _read(source):
                    written += len(chunk)
                    if written > size:
                        raise _refuse(archive, f"it is damaged: {name} is longer than listed")
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
            raise _refuse(archive, f"it is damaged: {name} cannot be unpacked ({exc})") from None
        except OSError as exc:
            raise _refuse(
                archive, f"{name} could not be unpacked ({describe_os_error(exc)})"
            ) from exc
        if written != size or digest.hexdigest() != expected:
            raise _refuse(archive, f"it is damaged: the checksum of {name} does not match")
    for folder in {p.parent for p in staging.rglob("*.json")}:
        fsync_dir(folder)


def _read(source: IO[bytes]) -> bytes:
    return source.read(_CHUNK)


def _verify(archive: Path, staging: Path, info: BackupInfo) -> None:
    """Open the unpacked records (updating older ones) and check them; refuse on any doubt."""
    try:
        store = RecordsStore.open(staging)
    except RecordsError as exc:
        raise _refuse(archive, f"its records do not open ({exc})") from exc
    try:
        for name in shard_files_on_disk(staging):
            store.database(name)  # read every file now, so any repair shows in the notices
        if store.notices:
            raise _refuse(archive, f"its records needed repairs ({' '.join(store.notices)})")
        if store.store_id != info.store_id:
            raise _refuse(archive, "it is damaged: its manifest does not match its records")
        report = store.check()
        if not report.ok:
            raise _refuse(archive, f"its records are not consistent ({' '.join(report.problems)})")
    finally:
        store.close()


def _swap(records_dir: Path, staging: Path, stamp: str) -> Path | None:
    """Rename the current records aside and the staging folder into place."""
    aside: Path | None = None
    if records_dir.exists():
        aside = records_dir.with_name(f"{records_dir.name}.before-restore-{stamp}")
        counter = 2
        while aside.exists():
            aside = records_dir.with_name(f"{records_dir.name}.before-restore-{stamp}-{counter}")
            counter += 1
    write_journal(records_dir, staging, aside)
    try:
        if aside is not None:
            os.rename(records_dir, aside)
    except OSError as exc:
        remove_journal(records_dir)
        raise RecordsError(
            f"Could not move the current records {records_dir} aside "
            f"({describe_os_error(exc)}); is VR Learn still running? {_UNCHANGED}"
        ) from exc
    try:
        os.rename(staging, records_dir)
    except OSError as exc:
        if aside is not None:
            os.rename(aside, records_dir)
        remove_journal(records_dir)
        raise RecordsError(
            f"Could not put the restored records in place ({describe_os_error(exc)}). {_UNCHANGED}"
        ) from exc
    fsync_dir(records_dir.parent)
    remove_journal(records_dir)
    return aside


def _store_id_of(folder: Path) -> str | None:
    try:
        meta = json.loads((folder / STORE.name).read_bytes())["meta"]["1"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    store_id = meta.get("store_id") if isinstance(meta, dict) else None
    return store_id if isinstance(store_id, str) else None
