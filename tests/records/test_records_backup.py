"""Backup and restore: the happy path, and every kind of archive restore must refuse untouched."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.records.records_helpers import Populated, assert_populated, populate, snapshot
from vrlearn.records import RecordsError, RecordsStore, migrations
from vrlearn.records.backup import (
    MANIFEST_NAME,
    create_backup,
    read_backup_info,
    restore_backup,
)
from vrlearn.records.restore_journal import finish_interrupted_restore, write_journal

ATTEMPT = {"attempt_id": "a1", "seed": 7, "algorithm": 1, "answers": {"q1": "b"}, "score": 100}


@pytest.fixture
def archive(populated: Populated, tmp_path: Path) -> Path:
    lid = populated.learner.learner_id
    with RecordsStore.open(populated.folder) as store:
        store.submit_attempt(lid, "vr-basics", "check", ATTEMPT)
        store.save_attempt_answers(lid, "goal-setting", "check", "g1", 3, 1, {"q1": "a"})
        info = create_backup(store, tmp_path / "backups" / "records.zip")
    assert info.files == 6 and info.schema_version == migrations.SCHEMA_VERSION
    return info.archive


def test_backup_then_restore_brings_the_records_back(
    populated: Populated, archive: Path, tmp_path: Path
) -> None:
    lid = populated.learner.learner_id
    with zipfile.ZipFile(archive) as zf:
        assert zf.namelist()[0] == MANIFEST_NAME
        manifest = json.loads(zf.read(MANIFEST_NAME))
        for entry in manifest["files"]:
            assert hashlib.sha256(zf.read(entry["path"])).hexdigest() == entry["sha256"]
        assert not any(name.endswith(".bak") for name in zf.namelist())
    assert manifest["app"] == "VR Learn" and len(manifest["store_id"]) == 32

    with RecordsStore.open(populated.folder) as store:  # changes after the backup
        store.mark_page_viewed(lid, "vr-basics", "after-backup")
        store.save_learner("Someone New", "Nurse")
    changed = snapshot(populated.folder)

    result = restore_backup(populated.folder, archive)
    assert result.same_store and result.previous is not None
    assert result.previous.name.startswith("records.before-restore-")
    assert snapshot(result.previous) == changed  # the replaced records are kept as they were
    with RecordsStore.open(populated.folder) as store:
        assert store.notices == []
        assert_populated(store, populated.learner)
        assert len(store.learners()) == 1
        assert [a["score"] for a in store.attempts(lid, "vr-basics", "check")] == [100]
        current = store.open_attempt(lid, "goal-setting", "check")
        assert current is not None and current["answers"] == {"q1": "a"}
        assert store.check().ok
    leftovers = [p.name for p in populated.folder.parent.iterdir() if ".restore" in p.name]
    assert leftovers == []


def test_backup_of_a_closed_folder_and_restore_into_a_new_place(
    populated: Populated, tmp_path: Path
) -> None:
    info = create_backup(populated.folder, tmp_path / "b.zip")
    assert read_backup_info(info.archive).store_id == info.store_id
    target = tmp_path / "elsewhere" / "records"
    result = restore_backup(target, info.archive)
    assert result.previous is None and not result.same_store
    with RecordsStore.open(target) as store:
        assert_populated(store, populated.learner)


def test_backup_refuses_a_target_inside_the_records(populated: Populated) -> None:
    with pytest.raises(RecordsError, match="outside the records folder"):
        create_backup(populated.folder, populated.folder / "b.zip")


def rewrite(archive: Path, change: Callable[[dict[str, bytes]], None]) -> Path:
    """A copy of `archive` with its members changed by `change` (name -> bytes)."""
    with zipfile.ZipFile(archive) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    change(members)
    out = archive.with_name("changed.zip")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out


def edit_manifest(**fields: object) -> Callable[[dict[str, bytes]], None]:
    def change(members: dict[str, bytes]) -> None:
        manifest = json.loads(members[MANIFEST_NAME])
        manifest.update(fields)
        members[MANIFEST_NAME] = json.dumps(manifest).encode()

    return change


def first_data_file(members: dict[str, bytes]) -> str:
    return next(name for name in members if name.startswith("progress/"))


def flip_a_byte(members: dict[str, bytes]) -> None:
    name = first_data_file(members)
    data = bytearray(members[name])
    data[5] ^= 0x20
    members[name] = bytes(data)


def drop_a_file(members: dict[str, bytes]) -> None:
    del members[first_data_file(members)]


def drop_manifest(members: dict[str, bytes]) -> None:
    del members[MANIFEST_NAME]


def add_unlisted(members: dict[str, bytes]) -> None:
    members["progress/extra.json"] = b"{}"


def unsafe_name(name: str) -> Callable[[dict[str, bytes]], None]:
    def change(members: dict[str, bytes]) -> None:
        manifest = json.loads(members[MANIFEST_NAME])
        manifest["files"].append(
            {"path": name, "size": 2, "sha256": hashlib.sha256(b"{}").hexdigest()}
        )
        members[MANIFEST_NAME] = json.dumps(manifest).encode()
        members[name] = b"{}"

    return change


def bad_records(members: dict[str, bytes]) -> None:
    """Checksums right, but the records inside are not consistent (an unknown learner)."""
    name = first_data_file(members)
    data = json.loads(members[name])
    data["modules"]["1"]["learner_id"] = "ghost"
    members[name] = json.dumps(data).encode()
    manifest = json.loads(members[MANIFEST_NAME])
    for entry in manifest["files"]:
        if entry["path"] == name:
            entry["size"] = len(members[name])
            entry["sha256"] = hashlib.sha256(members[name]).hexdigest()
    members[MANIFEST_NAME] = json.dumps(manifest).encode()


REFUSALS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "checksum mismatch": (lambda a: rewrite(a, flip_a_byte), "checksum of progress/"),
    "missing file": (lambda a: rewrite(a, drop_a_file), "listed but missing"),
    "unlisted file": (lambda a: rewrite(a, add_unlisted), "manifest does not list"),
    "no manifest": (lambda a: rewrite(a, drop_manifest), "no manifest"),
    "foreign manifest": (lambda a: rewrite(a, edit_manifest(format="other")), "another kind"),
    "newer records": (
        lambda a: rewrite(a, edit_manifest(schema_version=migrations.SCHEMA_VERSION + 1)),
        "newer version of VR Learn",
    ),
    "newer backup format": (lambda a: rewrite(a, edit_manifest(format_version=99)), "newer"),
    "path traversal": (lambda a: rewrite(a, unsafe_name("../escape.json")), "unsafe file name"),
    "absolute path": (lambda a: rewrite(a, unsafe_name("/etc/x.json")), "unsafe file name"),
    "backslash": (lambda a: rewrite(a, unsafe_name("progress\\x.json")), "unsafe file name"),
    "stray file": (lambda a: rewrite(a, unsafe_name("notes.txt")), "does not belong"),
    "store id mismatch": (
        lambda a: rewrite(a, edit_manifest(store_id="f" * 32)),
        "manifest does not match",
    ),
    "inconsistent records": (lambda a: rewrite(a, bad_records), "not consistent"),
}


def truncated(archive: Path) -> Path:
    out = archive.with_name("truncated.zip")
    data = archive.read_bytes()
    out.write_bytes(data[: len(data) * 2 // 3])
    return out


def not_a_zip(archive: Path) -> Path:
    out = archive.with_name("photo.jpg")
    out.write_bytes(b"\xff\xd8\xff\xe0 JFIF" + bytes(200))
    return out


def corrupt_entry(archive: Path) -> Path:
    """Same sizes and directory, but compressed bytes damaged: the CRC (or inflate) fails."""
    out = archive.with_name("crc.zip")
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo(next(n for n in zf.namelist() if n.startswith("progress/")))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 2, start + min(info.compress_size, 40)):
        data[offset] ^= 0x55
    out.write_bytes(bytes(data))
    return out


REFUSALS.update(
    {
        "truncated zip": (truncated, "damaged or incomplete"),
        "not a zip": (not_a_zip, "not a zip archive"),
        "damaged entry": (corrupt_entry, "damaged"),
        "missing archive": (lambda a: a.with_name("nothing-here.zip"), "does not exist"),
    }
)


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_restore_refuses_and_changes_nothing(
    populated: Populated, archive: Path, case: str
) -> None:
    make, expected = REFUSALS[case]
    bad = make(archive)
    parent = populated.folder.parent
    before = snapshot(populated.folder)
    siblings = sorted(p.name for p in parent.iterdir())
    with pytest.raises(RecordsError) as caught:
        restore_backup(populated.folder, bad)
    message = str(caught.value)
    assert expected in message, message
    assert "Your current records were not changed." in message
    assert snapshot(populated.folder) == before
    assert sorted(p.name for p in parent.iterdir()) == siblings  # no staging folder left


def test_a_restore_cut_short_between_its_renames_is_finished_at_open(
    records_dir: Path, tmp_path: Path
) -> None:
    learner = populate(records_dir)
    staging = records_dir.with_name(".records.restore-x")
    aside = records_dir.with_name("records.before-restore-x")
    write_journal(records_dir, staging, aside)
    records_dir.rename(aside)
    populate(staging)  # the verified new records, not yet in place
    with RecordsStore.open(records_dir) as store:
        [notice] = store.notices
        assert "interrupted" in notice and str(aside) in notice
        assert len(store.learners()) == 1 and store.learners()[0] != learner
    assert finish_interrupted_restore(records_dir) is None
