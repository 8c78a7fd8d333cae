"""Damaged, missing and foreign files: moved aside, restored from the last good copy, and told."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tests.records.records_helpers import (
    Populated,
    assert_populated,
    populate,
    snapshot,
    temp_files,
)
from vrlearn.records import RecordsError, RecordsStore, RecordsWriteError, migrations, recovery
from vrlearn.records.layout import progress_file

NOW = migrations.SCHEMA_VERSION

DAMAGE = {
    "truncated": lambda good: good[: len(good) // 2],
    "garbage": lambda good: b"\x00\xff\xfe\x80 not json \x9d\x00" * 3,
    "empty": lambda good: b"",
    "wrong-top-level": lambda good: b"[1, 2, 3]",
    "wrong-table-type": lambda good: b'{"learners": [], "modules": "x", "meta": 1}',
}
FILES = ["learners.json", "progress", "store.json"]


def corrupt_files(folder: Path, name: str) -> list[Path]:
    return sorted(folder.glob(f"{name}.corrupt-*"))


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_damaged_file_is_moved_aside_and_restored(
    populated: Populated, name: str, damage: str
) -> None:
    path = populated.path(name)
    bad = DAMAGE[damage](path.read_bytes())
    path.write_bytes(bad)

    with RecordsStore.open(populated.folder) as store:
        assert_populated(store, populated.learner)
        assert len(store.notices) == 1
        notice = store.notices[0]
        assert store.check().ok

    [moved] = corrupt_files(path.parent, path.name)
    assert moved.read_bytes() == bad
    assert str(path) in notice and str(moved) in notice
    assert "last good copy" in notice
    json.loads(path.read_bytes())
    with RecordsStore.open(populated.folder) as store:  # repaired for good: no new notice
        assert store.notices == []
        assert_populated(store, populated.learner)


def test_damaged_file_without_backup_starts_empty_and_says_so(populated: Populated) -> None:
    learners = populated.folder / "learners.json"
    learners.write_bytes(b'{"learners": {"1": {"name": "Zo')
    (populated.folder / "learners.json.bak").unlink()

    with RecordsStore.open(populated.folder) as store:
        assert store.current_learner() is None
        assert store.learners() == []
        # the other files are untouched
        assert store.viewed_items(populated.learner.learner_id, "vr-basics") == {
            "intro",
            "p1",
            "p2",
        }
        [notice] = store.notices
        report = store.check()

    [moved] = corrupt_files(populated.folder, "learners.json")
    assert f"kept at {moved}" in notice
    assert "could not be restored" in notice
    assert "no learner profiles" in notice
    assert moved.read_bytes() == b'{"learners": {"1": {"name": "Zo'
    assert any("unknown learner" in problem for problem in report.problems)


def test_damaged_file_and_damaged_backup(populated: Populated) -> None:
    progress = populated.progress
    progress.write_bytes(b"\xff")
    (progress.parent / f"{progress.name}.bak").write_bytes(b"{")
    with RecordsStore.open(populated.folder) as store:
        assert store.progress_summary(populated.learner.learner_id) == {}
        assert store.current_learner() == populated.learner
        [notice] = store.notices
    [moved] = corrupt_files(progress.parent, progress.name)
    [moved_backup] = corrupt_files(progress.parent, f"{progress.name}.bak")
    assert str(moved) in notice and str(moved_backup) in notice
    assert "could not be restored" in notice


def test_missing_file_with_backup_is_restored(populated: Populated) -> None:
    # As after a crash between "move the damaged file aside" and "restore the copy".
    progress = populated.progress
    progress.rename(progress.parent / f"{progress.name}.corrupt-x")
    with RecordsStore.open(populated.folder) as store:
        assert_populated(store, populated.learner)
        [notice] = store.notices
    assert str(progress) in notice and "missing" in notice and "last good copy" in notice


def test_every_main_file_missing_is_restored_from_backups(populated: Populated) -> None:
    for name in FILES:
        populated.path(name).unlink()
    with RecordsStore.open(populated.folder) as store:
        assert_populated(store, populated.learner)
        assert len(store.notices) == 3


def test_missing_file_without_backup_is_reported(populated: Populated) -> None:
    (populated.folder / "learners.json").unlink()
    (populated.folder / "learners.json.bak").unlink()
    with RecordsStore.open(populated.folder) as store:
        assert store.current_learner() is None
        [notice] = store.notices
    assert "learners.json" in notice and "could not be restored" in notice


def test_lost_store_json_keeps_the_data(populated: Populated) -> None:
    (populated.folder / "store.json").unlink()
    (populated.folder / "store.json.bak").write_bytes(b"")
    with RecordsStore.open(populated.folder) as store:
        assert_populated(store, populated.learner)
        assert store.schema_version == migrations.SCHEMA_VERSION
        [notice] = store.notices
        assert store.check().ok
    assert (
        "store.json" in notice
        and f"assuming the records are version {migrations.SCHEMA_VERSION}" in notice
    )


def test_interrupted_creation_is_a_new_store(records_dir: Path) -> None:
    # A first open stopped after writing one empty data file, before store.json.
    records_dir.mkdir()
    (records_dir / "learners.json").write_bytes(b"{}")
    with RecordsStore.open(records_dir) as store:
        assert store.notices == []
        assert store.check().ok


def test_newer_schema_is_refused_untouched(populated: Populated) -> None:
    store_json = populated.folder / "store.json"
    data = json.loads(store_json.read_bytes())
    data["meta"]["1"]["schema_version"] = 99
    store_json.write_text(json.dumps(data))
    (populated.folder / "learners.json").write_bytes(b"damaged")  # must not be repaired
    before = snapshot(populated.folder)

    with pytest.raises(RecordsError, match="newer version of VR Learn") as caught:
        RecordsStore.open(populated.folder)
    assert "version 99" in str(caught.value) and "not changed" in str(caught.value)
    assert snapshot(populated.folder) == before


def test_newer_schema_in_backup_is_refused_untouched(populated: Populated) -> None:
    backup = populated.folder / "store.json.bak"
    data = json.loads(backup.read_bytes())
    data["meta"]["1"]["schema_version"] = migrations.SCHEMA_VERSION + 1
    backup.write_text(json.dumps(data))
    (populated.folder / "store.json").write_bytes(b"{")
    before = snapshot(populated.folder)
    with pytest.raises(RecordsError, match="newer"):
        RecordsStore.open(populated.folder)
    assert snapshot(populated.folder) == before


def test_migration_hook_runs_once(populated: Populated, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def upper_names(store: RecordsStore) -> None:
        calls.append(store.schema_version)
        learners = store.database("learners.json").table("learners")
        with store.batch("learners.json"):
            for doc in learners.all():
                learners.update({"name": doc["name"].upper()}, doc_ids=[doc.doc_id])

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", NOW + 1)
    monkeypatch.setitem(migrations.MIGRATIONS, NOW, upper_names)
    with RecordsStore.open(populated.folder) as store:
        assert calls == [NOW]
        assert store.schema_version == NOW + 1
        current = store.current_learner()
        assert current is not None and current.name == "ZOË ŴYN ŁUKASIEWICZ"
        assert store.notices == []
        assert store.check().ok

    meta = json.loads((populated.folder / "store.json").read_bytes())["meta"]["1"]
    assert meta["schema_version"] == NOW + 1
    old = json.loads((populated.folder / f"store.json.before-v{NOW + 1}").read_bytes())
    assert old["meta"]["1"]["schema_version"] == NOW
    progress = populated.progress
    assert (progress.parent / f"{progress.name}.before-v{NOW + 1}").exists()
    assert (populated.folder / "store.json.bak").read_bytes() == (
        populated.folder / "store.json"
    ).read_bytes()
    with RecordsStore.open(populated.folder) as store:
        assert calls == [NOW]


def test_missing_migration_step_is_refused(
    populated: Populated, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", NOW + 2)
    monkeypatch.setitem(migrations.MIGRATIONS, NOW, lambda store: None)
    with pytest.raises(RecordsError, match=f"from version {NOW + 1} to {NOW + 2}"):
        RecordsStore.open(populated.folder)
    meta = json.loads((populated.folder / "store.json").read_bytes())["meta"]["1"]
    assert meta["schema_version"] == NOW


def test_stale_temp_files_are_removed(populated: Populated) -> None:
    old = populated.folder / ".progress.json.tmp-123-deadbeef"
    young = populated.folder / ".learners.json.tmp-456-cafebabe"
    for path in (old, young):
        path.write_bytes(b"{")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    with RecordsStore.open(populated.folder) as store:
        assert store.notices == []
    assert temp_files(populated.folder) == [young.name]


def test_folder_in_place_of_a_file_is_moved_aside_not_deleted(populated: Populated) -> None:
    # A folder in place of a file is "damaged" (moved aside); it must not be deleted.
    target = populated.progress
    target.unlink()
    target.mkdir()
    (target / "keep.txt").write_text("x")
    with RecordsStore.open(populated.folder) as store:
        assert_populated(store, populated.learner)
    [moved] = corrupt_files(target.parent, target.name)
    assert (moved / "keep.txt").read_text() == "x"


def test_populate_twice_keeps_one_current(records_dir: Path) -> None:
    first = populate(records_dir)
    second = populate(records_dir)
    with RecordsStore.open(records_dir) as store:
        assert store.current_learner() == second
        assert first in store.learners()


def test_failing_migration_puts_the_records_back(
    populated: Populated, monkeypatch: pytest.MonkeyPatch
) -> None:
    progress = progress_file(populated.learner.learner_id)

    def wipe(store: RecordsStore) -> None:
        with store.batch(progress):
            store.database(progress).table("modules").truncate()
        with store.batch("attempts/x/new.json"):  # a file the failed update created
            store.database("attempts/x/new.json").table("attempts").insert({"a": 1})
        raise RuntimeError("step two went wrong")

    monkeypatch.setattr(migrations, "SCHEMA_VERSION", NOW + 1)
    monkeypatch.setitem(migrations.MIGRATIONS, NOW, wipe)
    with pytest.raises(RecordsError, match="step two went wrong") as caught:
        RecordsStore.open(populated.folder)
    assert "put back as they were" in str(caught.value)
    assert not (populated.folder / "attempts/x/new.json").exists()
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", NOW)
    with RecordsStore.open(populated.folder) as store:
        assert_populated(store, populated.learner)
        assert store.notices == []


def test_repairs_are_reported_even_if_a_later_repair_fails(
    populated: Populated, monkeypatch: pytest.MonkeyPatch
) -> None:
    (populated.folder / "learners.json").write_bytes(b"")
    populated.progress.write_bytes(b"")
    real_write = recovery.atomic_write_bytes

    def write(path: Path, payload: bytes, *, what: str = "records") -> None:
        if path == populated.progress:
            raise RecordsWriteError(f"Could not save {path}: the disk is full.")
        real_write(path, payload, what=what)

    monkeypatch.setattr(recovery, "atomic_write_bytes", write)
    with pytest.raises(RecordsWriteError) as caught:
        RecordsStore.open(populated.folder)
    message = str(caught.value)
    assert "the disk is full" in message and "Before that: The learner profiles file" in message

    monkeypatch.undo()
    with RecordsStore.open(populated.folder) as store:  # the rest is repaired next time
        assert_populated(store, populated.learner)
        [notice] = store.notices
        assert f"{populated.progress} was missing" in notice
