"""Saving when the disk says no: clear errors, the old file kept, and no pretend success.

The read-only and full-disk cases use real tmpfs mounts (root only); the others make single
system calls fail with monkeypatch.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.records.records_helpers import (
    assert_populated,
    populate,
    remount_read_only,
    snapshot,
    temp_files,
)
from vrlearn.records import RecordsError, RecordsStore, RecordsWriteError
from vrlearn.records import storage as storage_module


def fill_disk(mount: Path) -> Path:
    """Fill a file system until it reports ENOSPC; return the filler file."""
    filler = mount / "filler"
    with open(filler, "wb", buffering=0) as handle, pytest.raises(OSError) as full:
        while True:
            handle.write(b"\0" * 4096)
    assert full.value.errno == errno.ENOSPC
    return filler


def _fail_with(code: int) -> Callable[..., object]:
    def fail(*args: object, **kwargs: object) -> object:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize("call", ["write", "fsync"])
def test_disk_full_during_save(
    records_dir: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    learner = populate(records_dir)
    with RecordsStore.open(records_dir) as store:
        before = snapshot(records_dir)
        with monkeypatch.context() as patch:
            patch.setattr(os, call, _fail_with(errno.ENOSPC))
            with pytest.raises(RecordsWriteError, match="the disk is full") as caught:
                store.mark_page_viewed(learner.learner_id, "vr-basics", "p3")
            with pytest.raises(RecordsWriteError, match="the disk is full"):
                store.save_learner("Someone Else", "Nurse")
        message = str(caught.value)
        assert str(records_dir / "progress.json") in message
        assert temp_files(records_dir) == []
        assert snapshot(records_dir) == before
        # The store itself does not pretend the saves worked ...
        assert_populated(store, learner)
        assert len(store.learners()) == 1
        # ... and works again once the disk has room.
        store.mark_page_viewed(learner.learner_id, "vr-basics", "p3")
    with RecordsStore.open(records_dir) as store:
        assert "p3" in store.viewed_items(learner.learner_id, "vr-basics")
        assert len(store.learners()) == 1


def test_replace_failing_keeps_the_old_file(
    records_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    learner = populate(records_dir)
    with RecordsStore.open(records_dir) as store:
        before = snapshot(records_dir)
        with monkeypatch.context() as patch:
            patch.setattr(storage_module.os, "replace", _fail_with(errno.EIO))
            with pytest.raises(RecordsWriteError, match="read/write error"):
                store.save_learner("Ann Other", "OT", learner_id=learner.learner_id)
            with pytest.raises(RecordsWriteError):
                store.set_last_position(learner.learner_id, "vr-basics", "intro")
        assert snapshot(records_dir) == before
        assert temp_files(records_dir) == []
        assert_populated(store, learner)
    with RecordsStore.open(records_dir) as store:
        assert_populated(store, learner)
        assert store.notices == []


def test_failed_save_inside_a_batch_drops_every_change(
    records_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    learner = populate(records_dir)
    with RecordsStore.open(records_dir) as store:
        table = store.database("progress.json").table("modules")
        with monkeypatch.context() as patch:
            patch.setattr(os, "fsync", _fail_with(errno.EDQUOT))
            with pytest.raises(RecordsWriteError, match="quota"), store.batch("progress.json"):
                table.truncate()
                assert store.progress_summary(learner.learner_id) == {}
        assert_populated(store, learner)
        with pytest.raises(KeyError), store.batch("progress.json"):
            table.truncate()
            raise KeyError("not saved")
        assert_populated(store, learner)


def test_read_only_folder_is_refused_at_open(tmpfs: Callable[..., Path]) -> None:
    mount = tmpfs()
    folder = mount / "records"
    learner = populate(folder)
    before = snapshot(folder)
    remount_read_only(mount)

    with pytest.raises(RecordsError) as caught:
        RecordsStore.open(folder)
    message = str(caught.value)
    assert str(folder) in message and "cannot be written" in message and "read-only" in message
    assert not isinstance(caught.value, RecordsWriteError)
    assert snapshot(folder) == before
    del learner


def test_read_only_disk_without_folder_is_refused(tmpfs: Callable[..., Path]) -> None:
    folder = tmpfs(read_only=True) / "records"
    with pytest.raises(RecordsError, match="cannot be written") as caught:
        RecordsStore.open(folder)
    assert str(folder) in str(caught.value)


def test_disk_turning_read_only_while_open(tmpfs: Callable[..., Path]) -> None:
    mount = tmpfs()
    folder = mount / "records"
    learner = populate(folder)
    store = RecordsStore.open(folder)
    remount_read_only(mount)
    with pytest.raises(RecordsWriteError, match="read-only"):
        store.mark_page_viewed(learner.learner_id, "vr-basics", "p9")
    assert_populated(store, learner)
    store.close()  # refreshing the copies fails quietly


def test_full_disk_on_a_real_file_system(tmpfs: Callable[..., Path]) -> None:
    mount = tmpfs(size="64k")
    folder = mount / "records"
    learner = populate(folder)
    store = RecordsStore.open(folder)
    before = snapshot(folder)

    filler = fill_disk(mount)

    with pytest.raises(RecordsWriteError) as caught:
        store.mark_page_viewed(learner.learner_id, "vr-basics", "p3")
    message = str(caught.value)
    assert "the disk is full" in message and str(folder / "progress.json") in message
    assert temp_files(folder) == []
    assert snapshot(folder) == before
    assert_populated(store, learner)
    store.close()

    with RecordsStore.open(folder) as reopened:  # still full: opening needs no space
        assert_populated(reopened, learner)
        assert reopened.notices == []

    filler.unlink()
    with RecordsStore.open(folder) as reopened:
        reopened.mark_page_viewed(learner.learner_id, "vr-basics", "p3")
        assert "p3" in reopened.viewed_items(learner.learner_id, "vr-basics")


def test_new_store_on_a_full_disk(tmpfs: Callable[..., Path]) -> None:
    mount = tmpfs(size="64k")
    filler = fill_disk(mount)
    folder = mount / "records"
    with pytest.raises(RecordsWriteError, match="the disk is full"):
        RecordsStore.open(folder)
    assert temp_files(folder) == []

    filler.unlink()
    with RecordsStore.open(folder) as store:  # an interrupted creation is not a loss
        assert store.notices == []
        assert store.current_learner() is None
