"""Helpers shared by the records store tests."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from vrlearn.records import LearnerProfile, RecordsStore
from vrlearn.records.layout import progress_file


@dataclass(frozen=True)
class Populated:
    """A closed store holding one learner with some progress (and fresh .bak copies)."""

    folder: Path
    learner: LearnerProfile

    @property
    def progress(self) -> Path:
        """The learner's progress file."""
        return self.folder / progress_file(self.learner.learner_id)

    def path(self, name: str) -> Path:
        """A file of the store by name; "progress" is the learner's progress file."""
        return self.progress if name == "progress" else self.folder / name


def populate(folder: Path) -> LearnerProfile:
    """Create a store in `folder` with a learner and progress in two modules, then close it."""
    with RecordsStore.open(folder) as store:
        learner = store.save_learner("Zoë Ŵyn Łukasiewicz", "Occupational therapist", "OT12345")
        for page in ("intro", "p1", "p2"):
            store.mark_page_viewed(learner.learner_id, "vr-basics", page)
        store.set_last_position(learner.learner_id, "vr-basics", "p2")
        store.mark_page_viewed(learner.learner_id, "goal-setting", "intro")
    return learner


def assert_populated(store: RecordsStore, learner: LearnerProfile) -> None:
    """The store holds exactly what `populate` saved."""
    assert store.current_learner() == learner
    assert store.viewed_items(learner.learner_id, "vr-basics") == {"intro", "p1", "p2"}
    assert store.last_position(learner.learner_id, "vr-basics") == "p2"
    assert store.progress_summary(learner.learner_id) == {
        "vr-basics": frozenset({"intro", "p1", "p2"}),
        "goal-setting": frozenset({"intro"}),
    }


def temp_files(folder: Path) -> list[str]:
    """Temporary files left behind by a save, in the folder and the folders below it."""
    return sorted(
        str(p.relative_to(folder)) for p in folder.rglob("*") if ".tmp-" in p.name and p.is_file()
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in a folder and below it with its content, to prove nothing changed."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def run_command(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=False)


def remount_read_only(folder: Path) -> None:
    result = run_command("mount", "-o", "remount,ro", str(folder))
    assert result.returncode == 0, result.stderr
