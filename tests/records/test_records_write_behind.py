"""Write-behind progress and the update of version 1 records (one progress.json) to version 2."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from tests.records.records_helpers import Populated
from vrlearn.records import RecordsError, RecordsStore, migrations
from vrlearn.records.layout import progress_file

LID_A = "a" * 32
LID_B = "b" * 32
T = "2030-01-01T09:00:00+00:00"


def test_progress_reaches_the_disk_without_flush(populated: Populated) -> None:
    """The background writer saves on its own, while the store stays open. (How soon, 0.2-0.5 s
    normally, is measured by `make bench`: timings are not pass/fail here.)"""
    lid = populated.learner.learner_id
    with RecordsStore.open(populated.folder) as store:
        started = time.monotonic()
        store.mark_page_viewed(lid, "vr-basics", "late-page")
        assert store.has_unsaved_changes
        while store.has_unsaved_changes and time.monotonic() - started < 30:
            time.sleep(0.005)
        on_disk = json.loads(populated.progress.read_bytes())
        pages = {p for doc in on_disk["modules"].values() for p in doc["viewed"]}
        assert "late-page" in pages


def test_a_burst_of_events_is_one_write(populated: Populated) -> None:
    lid = populated.learner.learner_id
    with RecordsStore.open(populated.folder, write_delay_s=0.3) as store:
        storage = store._files.storage(progress_file(lid))
        saves = storage.saves
        for n in range(100):
            store.mark_page_viewed(lid, "vr-basics", f"burst-{n}")
            store.set_last_position(lid, "vr-basics", f"burst-{n}")
        store.flush()
        assert storage.saves == saves + 1
        assert not store.has_unsaved_changes


def test_close_writes_what_is_waiting(populated: Populated) -> None:
    lid = populated.learner.learner_id
    store = RecordsStore.open(populated.folder, write_delay_s=60)
    store.set_last_position(lid, "goal-setting", "end")
    store.close()
    with pytest.raises(RecordsError, match="closed"):
        store.flush()
    with RecordsStore.open(populated.folder) as again:
        assert again.last_position(lid, "goal-setting") == "end"


def test_writes_from_many_threads_while_flushing(populated: Populated) -> None:
    lid = populated.learner.learner_id
    errors: list[BaseException] = []
    with RecordsStore.open(populated.folder, write_delay_s=0.001) as store:

        def work(worker: int) -> None:
            try:
                for n in range(40):
                    store.mark_page_viewed(lid, f"t{worker}", f"p{n}")
                    if n % 2:
                        store.save_attempt_answers(lid, f"t{worker}", "q", "a", 1, 1, {"n": n})
                    if n % 10 == 9:
                        store.flush()
                store.submit_attempt(
                    lid, f"t{worker}", "q", {"attempt_id": "a", "seed": 1, "algorithm": 1,
                                             "answers": {"n": 39}},
                )  # fmt: skip
            except BaseException as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
    with RecordsStore.open(populated.folder) as store:
        for worker in range(4):
            assert len(store.viewed_items(lid, f"t{worker}")) == 40
            assert store.open_attempt(lid, f"t{worker}", "q") is None
            assert len(store.attempts(lid, f"t{worker}", "q")) == 1
        assert store.check().ok


def write_v1_store(folder: Path) -> None:
    folder.mkdir(parents=True)
    meta = {"schema_version": 1, "created": T, "files": ["learners.json", "progress.json"]}
    (folder / "store.json").write_text(json.dumps({"meta": {"1": meta}}))
    people = {
        "1": {"learner_id": LID_A, "name": "Ann", "role": "OT", "created": T, "updated": T},
        "2": {"learner_id": LID_B, "name": "Bob", "role": "PT", "created": T, "updated": T},
    }
    state = {"1": {"current_learner_id": LID_A}}
    (folder / "learners.json").write_text(json.dumps({"learners": people, "state": state}))
    view = {"first_viewed": T, "last_viewed": T}
    modules = {
        str(n + 1): {"learner_id": lid, "module_id": module, "started": T, "updated": T,
                     "last_position": "p1", "viewed": {"p1": view}}
        for n, (lid, module) in enumerate([(LID_A, "m1"), (LID_A, "m2"), (LID_B, "m1")])
    }  # fmt: skip
    (folder / "progress.json").write_text(json.dumps({"modules": modules}))


def test_version_1_records_are_split_per_learner(records_dir: Path) -> None:
    write_v1_store(records_dir)
    with RecordsStore.open(records_dir) as store:
        assert store.notices == []
        assert store.schema_version == migrations.SCHEMA_VERSION == 3
        assert store.progress_summary(LID_A) == {"m1": {"p1"}, "m2": {"p1"}}
        assert store.progress_summary(LID_B) == {"m1": {"p1"}}
        assert store.last_position(LID_B, "m1") == "p1"
        assert len(store.store_id) == 32
        report = store.check()
        assert report.ok, report.problems
        assert (report.learners, report.modules_started, report.pages_viewed) == (2, 3, 3)
    assert not (records_dir / "progress.json").exists()
    assert not (records_dir / "progress.json.bak").exists()
    assert (records_dir / "progress.json.before-v3").exists()
    assert (records_dir / progress_file(LID_A)).exists()
    meta = json.loads((records_dir / "store.json").read_bytes())["meta"]["1"]
    assert meta["files"] == ["learners.json", "certificates.json"]
    assert meta["schema_version"] == 3


def test_interrupted_update_is_finished_by_the_next_open(
    records_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_v1_store(records_dir)
    real = migrations.MIGRATIONS[1]

    def split_then_fail(store: RecordsStore) -> None:
        real(store)
        raise RuntimeError("power cut")

    monkeypatch.setitem(migrations.MIGRATIONS, 1, split_then_fail)
    with pytest.raises(RecordsError, match="power cut"):
        RecordsStore.open(records_dir)
    assert not (records_dir / progress_file(LID_A)).exists()  # removed when put back
    assert (records_dir / "progress.json").exists()
    monkeypatch.undo()
    with RecordsStore.open(records_dir) as store:
        assert store.progress_summary(LID_A) == {"m1": {"p1"}, "m2": {"p1"}}
        assert store.check().ok


def test_lost_store_json_with_a_version_1_progress_file(records_dir: Path) -> None:
    write_v1_store(records_dir)
    (records_dir / "store.json").unlink()
    with RecordsStore.open(records_dir) as store:
        [notice] = store.notices
        assert "assuming the records are version 1" in notice
        assert store.progress_summary(LID_B) == {"m1": {"p1"}}
        assert store.check().ok
