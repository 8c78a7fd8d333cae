"""`vrlearn records check|backup|restore` as a user runs them: a real process and real files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO
from vrlearn.records import RecordsStore


def vrlearn(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "vrlearn", "--data-dir", str(data_dir), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def learner_names(data_dir: Path) -> list[str]:
    with RecordsStore.open(data_dir / "records") as store:
        return sorted(learner.name for learner in store.learners())


def test_backup_then_restore_brings_back_the_records(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with RecordsStore.open(data / "records") as store:
        learner = store.save_learner("Zoë Ó Briain", "Physiotherapist")
        store.mark_page_viewed(learner.learner_id, "vr-essentials", "definition")
    archive = tmp_path / "backup.zip"
    made = vrlearn(data, "records", "backup", str(archive))
    assert made.returncode == 0, made.stderr
    assert archive.is_file()
    with RecordsStore.open(data / "records") as store:
        store.save_learner("Someone Else", "Nurse")
    assert learner_names(data) == ["Someone Else", "Zoë Ó Briain"]
    restored = vrlearn(data, "records", "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert "kept in" in restored.stdout
    assert learner_names(data) == ["Zoë Ó Briain"]
    checked = vrlearn(data, "records", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_damaged_backup_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with RecordsStore.open(data / "records") as store:
        store.save_learner("Alex Morgan", "Occupational therapist")
    archive = tmp_path / "backup.zip"
    assert vrlearn(data, "records", "backup", str(archive)).returncode == 0
    archive.write_bytes(archive.read_bytes()[:-200])
    with RecordsStore.open(data / "records") as store:
        store.save_learner("Later Learner", "Nurse")
    refused = vrlearn(data, "records", "restore", str(archive))
    assert refused.returncode == 2
    assert "Your current records were not changed." in refused.stderr
    assert learner_names(data) == ["Alex Morgan", "Later Learner"]


def test_check_reports_a_repaired_file(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with RecordsStore.open(data / "records") as store:
        store.save_learner("Alex Morgan", "Occupational therapist")
    (data / "records" / "learners.json").write_bytes(b'{"learners": {"1": {"name": "Al')
    checked = vrlearn(data, "records", "check")
    assert "notice:" in checked.stderr and "learners.json" in checked.stderr
    assert learner_names(data) == ["Alex Morgan"]
