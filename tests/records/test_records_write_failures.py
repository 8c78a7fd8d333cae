"""Saving when the disk says no: clear errors, the old file kept, and no pretend success.

The read-only and full-disk cases use real tmpfs mounts (root only); the others make single
system calls fail with monkeypatch.
"""

from __future__ import annotations

import errno
import json
import os
import time
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
from vrlearn.records import RecordsError, RecordsStore, RecordsWriteBehindError, RecordsWriteError
from vrlearn.records import storage as storage_module
from vrlearn.records.layout import progress_file


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
    progress = records_dir / progress_file(learner.learner_id)
    with RecordsStore.open(records_dir, write_delay_s=60) as store:
        before = snapshot(records_dir)
        with monkeypatch.context() as patch:
            patch.setattr(os, call, _fail_with(errno.ENOSPC))
            # A progress event is written behind: recorded in memory, reported by flush().
            store.mark_page_viewed(learner.learner_id, "vr-basics", "p3")
            with pytest.raises(RecordsWriteBehindError, match="the disk is full") as caught:
                store.flush()
            # A learner is saved at once: the call itself fails and nothing changes.
            with pytest.raises(RecordsWriteError, match="the disk is full") as direct:
                store.save_learner("Someone Else", "Nurse")
            assert not isinstance(direct.value, RecordsWriteBehindError)
        message = str(caught.value)
        assert str(progress) in message and "tries again" in message
        assert temp_files(records_dir) == []
        assert snapshot(records_dir) == before
        # The progress is kept in memory and waits; the learner was not added.
        assert "p3" in store.viewed_items(learner.learner_id, "vr-basics")
        assert store.has_unsaved_changes
        assert len(store.learners()) == 1
        # ... and it is saved once the disk has room.
        store.flush()
        assert not store.has_unsaved_changes
        assert "p3" in json.loads(progress.read_bytes())["modules"]["1"]["viewed"]
    with RecordsStore.open(records_dir) as store:
        assert "p3" in store.viewed_items(learner.learner_id, "vr-basics")
        assert len(store.learners()) == 1


def test_background_write_errors_are_reported_then_retried(
    records_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    learner = populate(records_dir)
    with RecordsStore.open(records_dir, write_delay_s=0.01) as store:
        store._writer.retry_s = 0.05
        with monkeypatch.context() as patch:
            patch.setattr(os, "fsync", _fail_with(errno.ENOSPC))
            store.mark_page_viewed(learner.learner_id, "vr-basics", "p4")
            deadline = time.monotonic() + 5
            while not store.write_errors and time.monotonic() < deadline:
                time.sleep(0.01)
            assert store.write_errors, "the background writer did not report the failure"
            assert "the disk is full" in str(store.write_errors[-1])
            # The next progress call raises it (the event itself is recorded) ...
            with pytest.raises(RecordsWriteBehindError, match="the disk is full"):
                store.set_last_position(learner.learner_id, "vr-basics", "p4")
            assert store.last_position(learner.learner_id, "vr-basics") == "p4"
        # ... and the writer keeps trying until it works.
        deadline = time.monotonic() + 5
        while store.has_unsaved_changes and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not store.has_unsaved_changes
        store.flush()
        assert store.write_errors == []
    with RecordsStore.open(records_dir) as store:
        assert store.last_position(learner.learner_id, "vr-basics") == "p4"


def test_replace_failing_keeps_the_old_file(
    records_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    learner = populate(records_dir)
    with RecordsStore.open(records_dir, write_delay_s=60) as store:
        before = snapshot(records_dir)
        with monkeypatch.context() as patch:
            patch.setattr(storage_module.os, "replace", _fail_with(errno.EIO))
            with pytest.raises(RecordsWriteError, match="read/write error"):
                store.save_learner("Ann Other", "OT", learner_id=learner.learner_id)
            store.set_last_position(learner.learner_id, "vr-basics", "intro")
            with pytest.raises(RecordsWriteBehindError, match="read/write error"):
                store.flush()
        assert snapshot(records_dir) == before
        assert temp_files(records_dir) == []
        assert store.current_learner() == learner
        assert store.last_position(learner.learner_id, "vr-basics") == "intro"
        with monkeypatch.context() as patch:  # closing cannot save it either: it says so
            patch.setattr(storage_module.os, "replace", _fail_with(errno.EIO))
            with pytest.raises(RecordsWriteBehindError, match="could not be kept"):
                store.close()
    assert snapshot(records_dir) == before
    with RecordsStore.open(records_dir) as store:
        assert_populated(store, learner)
        assert store.notices == []


def test_failed_save_inside_a_batch_drops_every_change(
    records_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    learner = populate(records_dir)
    with RecordsStore.open(records_dir) as store:
        progress = progress_file(learner.learner_id)
        table = store.database(progress).table("modules")
        with monkeypatch.context() as patch:
            patch.setattr(os, "fsync", _fail_with(errno.EDQUOT))
            with pytest.raises(RecordsWriteError, match="quota"), store.batch(progress):
                table.truncate()
                assert store.progress_summary(learner.learner_id) == {}
        assert_populated(store, learner)
        with pytest.raises(KeyError), store.batch(progress):
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
        store.save_learner("Ann", "OT")
    store.mark_page_viewed(learner.learner_id, "vr-basics", "p9")
    with pytest.raises(RecordsWriteBehindError, match="read-only"):
        store.flush()
    assert "p9" in store.viewed_items(learner.learner_id, "vr-basics")
    with pytest.raises(RecordsWriteBehindError, match="read-only"):
        store.close()  # refreshing the copies fails quietly; the lost progress is reported


def test_full_disk_on_a_real_file_system(tmpfs: Callable[..., Path]) -> None:
    mount = tmpfs(size="64k")
    folder = mount / "records"
    learner = populate(folder)
    store = RecordsStore.open(folder, write_delay_s=60)
    before = snapshot(folder)

    filler = fill_disk(mount)

    store.mark_page_viewed(learner.learner_id, "vr-basics", "p3")
    with pytest.raises(RecordsWriteBehindError) as caught:
        store.flush()
    message = str(caught.value)
    assert (
        "the disk is full" in message and str(folder / progress_file(learner.learner_id)) in message
    )
    assert temp_files(folder) == []
    assert snapshot(folder) == before
    with pytest.raises(RecordsWriteBehindError, match="the disk is full"):
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
