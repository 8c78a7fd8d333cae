"""The records store API: round trip, validation, idempotence, time stamps, threads, check()."""

from __future__ import annotations

import json
import os
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.records.records_helpers import Populated, assert_populated, populate, temp_files
from vrlearn.records import RecordsError, RecordsStore, StoreReport, migrations
from vrlearn.records import store as store_module
from vrlearn.records.layout import progress_file


def test_new_store_creates_its_files(records_dir: Path) -> None:
    with RecordsStore.open(records_dir) as store:
        assert store.notices == []
        assert store.current_learner() is None
        assert store.schema_version == migrations.SCHEMA_VERSION == 3
        assert len(store.store_id) == 32
    names = set(os.listdir(records_dir))
    data_files = {"store.json", "learners.json", "certificates.json"}
    assert names == data_files | {f"{name}.bak" for name in data_files}


def test_round_trip(populated: Populated) -> None:
    with RecordsStore.open(populated.folder) as store:
        assert store.notices == []
        assert_populated(store, populated.learner)
        assert store.learners() == [populated.learner]
        assert store.last_position(populated.learner.learner_id, "goal-setting") is None
        assert store.viewed_items(populated.learner.learner_id, "unknown") == frozenset()
        assert store.progress_summary("nobody") == {}


def test_saving_leaves_no_temp_files_and_matching_backups(populated: Populated) -> None:
    assert temp_files(populated.folder) == []
    for name in ("store.json", "learners.json", "progress"):
        path = populated.path(name)
        main = path.read_bytes()
        assert path.with_name(f"{path.name}.bak").read_bytes() == main
        json.loads(main)


def test_profile_fields_are_stripped_and_checked(records_dir: Path) -> None:
    with RecordsStore.open(records_dir) as store:
        profile = store.save_learner("  Ann Lee ", " Physiotherapist ", " PH 123 ", " a@nhs.uk ")
        assert (profile.name, profile.role) == ("Ann Lee", "Physiotherapist")
        assert (profile.registration_number, profile.email) == ("PH 123", "a@nhs.uk")
        assert len(profile.learner_id) == 32
        assert store.current_learner() == profile

        with pytest.raises(ValueError, match="name"):
            store.save_learner("   ", "OT")
        with pytest.raises(ValueError, match="role"):
            store.save_learner("Ann", "")
        with pytest.raises(ValueError, match="too long"):
            store.save_learner("x" * 201, "OT")
        with pytest.raises(ValueError, match="email"):
            store.save_learner("Ann", "OT", email="not-an-address")
        with pytest.raises(ValueError, match="one line"):
            store.save_learner("Ann\nLee", "OT")
        with pytest.raises(ValueError, match="no learner"):
            store.save_learner("Ann", "OT", learner_id="0" * 32)
        assert store.learners() == [profile]


def test_update_keeps_id_and_switches_current(records_dir: Path) -> None:
    with RecordsStore.open(records_dir) as store:
        ann = store.save_learner("Ann", "OT")
        bob = store.save_learner("Bob", "Nurse")
        assert store.current_learner() == bob
        ann2 = store.save_learner("Ann Lee", "OT", email="ann@nhs.uk", learner_id=ann.learner_id)
        assert ann2.learner_id == ann.learner_id
        assert store.current_learner() == ann2
    with RecordsStore.open(records_dir) as store:
        assert store.current_learner() == ann2
        assert store.learners() == [ann2, bob]


def test_progress_needs_a_known_learner_and_ids(records_dir: Path) -> None:
    with RecordsStore.open(records_dir) as store:
        learner = store.save_learner("Ann", "OT")
        with pytest.raises(ValueError, match="no learner"):
            store.mark_page_viewed("nobody", "m", "p")
        with pytest.raises(ValueError, match="module id"):
            store.mark_page_viewed(learner.learner_id, "", "p")
        with pytest.raises(ValueError, match="item id"):
            store.set_last_position(learner.learner_id, "m", "")
        assert store.progress_summary(learner.learner_id) == {}


def test_mark_page_viewed_is_idempotent_and_does_not_rewrite(populated: Populated) -> None:
    progress = populated.progress
    with RecordsStore.open(populated.folder) as store:
        before = os.stat(progress)
        for _ in range(3):
            store.mark_page_viewed(populated.learner.learner_id, "vr-basics", "p1")
        after = os.stat(progress)
        assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
        assert store.viewed_items(populated.learner.learner_id, "vr-basics") == {
            "intro",
            "p1",
            "p2",
        }


def test_time_stamps_are_utc_and_last_view_follows_position(
    records_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    times = iter(["2030-01-01T09:00:00+00:00", "2030-01-02T10:00:00+00:00"])
    with RecordsStore.open(records_dir) as store:
        learner = store.save_learner("Ann", "OT")
        store.mark_page_viewed(learner.learner_id, "m", "p")
        monkeypatch.setattr(store_module, "utc_now", lambda: next(times))
        store.mark_page_viewed(learner.learner_id, "m", "q")
        store.set_last_position(learner.learner_id, "m", "q")
    progress = records_dir / progress_file(learner.learner_id)
    doc = json.loads(progress.read_text())["modules"]["1"]
    first = datetime.fromisoformat(doc["viewed"]["p"]["first_viewed"])
    assert first.utcoffset() == timedelta(0)
    assert doc["viewed"]["q"] == {
        "first_viewed": "2030-01-01T09:00:00+00:00",
        "last_viewed": "2030-01-02T10:00:00+00:00",
    }
    assert doc["last_position"] == "q"
    assert doc["updated"] == "2030-01-02T10:00:00+00:00"


def test_set_last_position_without_views(records_dir: Path) -> None:
    with RecordsStore.open(records_dir) as store:
        learner = store.save_learner("Ann", "OT")
        store.set_last_position(learner.learner_id, "m", "page-3")
        store.set_last_position(learner.learner_id, "m", "page-4")
        assert store.last_position(learner.learner_id, "m") == "page-4"
        assert store.viewed_items(learner.learner_id, "m") == frozenset()
        assert store.progress_summary(learner.learner_id) == {"m": frozenset()}


def test_threads_are_serialised(records_dir: Path) -> None:
    with RecordsStore.open(records_dir) as store:
        learner = store.save_learner("Ann", "OT")
        errors: list[BaseException] = []

        def work(worker: int) -> None:
            try:
                for page in range(15):
                    store.mark_page_viewed(learner.learner_id, f"m{worker % 2}", f"{worker}-{page}")
                    store.set_last_position(
                        learner.learner_id, f"m{worker % 2}", f"{worker}-{page}"
                    )
                    store.progress_summary(learner.learner_id)
            except BaseException as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
    with RecordsStore.open(records_dir) as store:
        summary = store.progress_summary(learner.learner_id)
        assert sum(len(pages) for pages in summary.values()) == 60
        assert store.check().ok


def test_closed_store_refuses_calls(records_dir: Path) -> None:
    store = RecordsStore.open(records_dir)
    store.close()
    store.close()  # twice is fine
    with pytest.raises(RecordsError, match="closed"):
        store.current_learner()


def test_check_reports_a_healthy_store(populated: Populated) -> None:
    with RecordsStore.open(populated.folder) as store:
        report = store.check()
    assert isinstance(report, StoreReport)
    assert report.ok and report.problems == ()
    assert report.data_dir == populated.folder
    assert report.schema_version == 3
    assert [name for name, _ in report.files] == [
        "store.json",
        "learners.json",
        "certificates.json",
        "progress/ (1 files)",
        "attempts/ (0 files)",
    ]
    assert all(size > 0 for _, size in report.files[:3])
    assert (report.learners, report.modules_started, report.pages_viewed) == (1, 2, 4)
    text = "\n".join(report.lines())
    assert "Pages viewed: 4" in text and "Status: OK" in text


def test_check_reports_inconsistent_ids_and_outside_changes(records_dir: Path) -> None:
    learner = populate(records_dir)
    progress = records_dir / progress_file(learner.learner_id)
    data = json.loads(progress.read_text())
    data["modules"]["1"]["learner_id"] = "ghost"
    data["modules"]["9"] = dict(data["modules"]["2"])  # the same module twice
    progress.write_text(json.dumps(data))
    learners = records_dir / "learners.json"
    data = json.loads(learners.read_text())
    data["state"]["1"]["current_learner_id"] = "nobody"
    learners.write_text(json.dumps(data))
    with RecordsStore.open(records_dir) as store:
        assert store.current_learner() is None
        (records_dir / "learners.json").write_text('{"learners": {}}')
        report = store.check()
    assert not report.ok
    text = "\n".join(report.problems)
    assert "unknown learner 'ghost'" in text
    assert "recorded twice" in text
    assert "learners.json was changed by another program" in text
    assert "problems found" in "\n".join(report.lines())


def test_check_reports_a_damaged_file(populated: Populated) -> None:
    with RecordsStore.open(populated.folder) as store:
        populated.progress.write_bytes(b'{"modules": {"1": ')
        report = store.check()
    assert not report.ok
    name = progress_file(populated.learner.learner_id)
    assert any(name in p and "cannot be read" in p for p in report.problems)
