"""Quiz attempts in the store: answers in progress (write-behind), durable submissions, checks."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.records.records_helpers import Populated
from vrlearn.records import RecordsStore, RecordsWriteError
from vrlearn.records.layout import attempts_file, progress_file

ANSWERS = {"q1": "b", "q2": {"c", "a"}, "q3": True, "q4": {"left": "right"}}
STORED = {"q1": "b", "q2": ["a", "c"], "q3": True, "q4": {"left": "right"}}


def attempt(attempt_id: str = "a1", **extra: object) -> dict[str, object]:
    return {"attempt_id": attempt_id, "seed": 42, "algorithm": 1, "answers": STORED, **extra}


def test_answers_in_progress_survive_a_reopen(populated: Populated) -> None:
    lid = populated.learner.learner_id
    with RecordsStore.open(populated.folder) as store:
        assert store.open_attempt(lid, "vr-basics", "check") is None
        store.save_attempt_answers(lid, "vr-basics", "check", "a1", 42, 1, {"q1": "a"})
        store.save_attempt_answers(lid, "vr-basics", "check", "a1", 42, 1, ANSWERS)
        current = store.open_attempt(lid, "vr-basics", "check")
        assert current is not None and current["answers"] == STORED
    with RecordsStore.open(populated.folder) as store:
        restored = store.open_attempt(lid, "vr-basics", "check")
        assert restored is not None
        assert (restored["attempt_id"], restored["seed"], restored["algorithm"]) == ("a1", 42, 1)
        assert restored["answers"] == STORED
        assert restored["started"] <= restored["updated"]
        assert store.attempts(lid, "vr-basics", "check") == []
        report = store.check()
        assert report.ok, report.problems
        assert (report.attempts, report.attempts_in_progress) == (0, 1)


def test_submission_is_on_disk_when_the_call_returns(populated: Populated) -> None:
    lid = populated.learner.learner_id
    path = populated.folder / attempts_file(lid, "vr-basics", "check")
    with RecordsStore.open(populated.folder, write_delay_s=60) as store:
        store.save_attempt_answers(lid, "vr-basics", "check", "a1", 42, 1, ANSWERS)
        store.submit_attempt(lid, "vr-basics", "check", attempt(score=80.0, passed=True))
        on_disk = json.loads(path.read_bytes())  # no flush, no close
        [saved] = on_disk["attempts"].values()
        assert saved["attempt_id"] == "a1" and saved["score"] == 80.0 and saved["passed"]
        assert saved["answers"] == STORED
        assert (saved["learner_id"], saved["module_id"], saved["quiz_id"]) == (
            lid,
            "vr-basics",
            "check",
        )
        assert on_disk.get("open", {}) == {}  # the attempt in progress ended in the same write
        assert store.open_attempt(lid, "vr-basics", "check") is None
        assert [a["attempt_id"] for a in store.attempts(lid, "vr-basics", "check")] == ["a1"]


def test_submission_does_not_rewrite_progress_and_vice_versa(populated: Populated) -> None:
    lid = populated.learner.learner_id
    progress = populated.folder / progress_file(lid)
    quiz = populated.folder / attempts_file(lid, "vr-basics", "check")
    with RecordsStore.open(populated.folder) as store:
        store.submit_attempt(lid, "vr-basics", "check", attempt("a0"))
        before = os.stat(progress)
        store.submit_attempt(lid, "vr-basics", "check", attempt("a1"))
        after = os.stat(progress)
        assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
        quiz_before = os.stat(quiz)
        store.mark_page_viewed(lid, "vr-basics", "p9")
        store.flush()
        assert os.stat(progress).st_ino != before.st_ino
        quiz_after = os.stat(quiz)
        assert (quiz_after.st_ino, quiz_after.st_mtime_ns) == (
            quiz_before.st_ino,
            quiz_before.st_mtime_ns,
        )


def test_attempts_are_kept_in_order_per_learner_and_quiz(populated: Populated) -> None:
    lid = populated.learner.learner_id
    with RecordsStore.open(populated.folder) as store:
        other = store.save_learner("Bob", "Nurse")
        for n in range(3):
            store.submit_attempt(lid, "vr-basics", "check", attempt(f"a{n}", score=n))
        store.submit_attempt(lid, "vr-basics", "final", attempt("f0"))
        store.submit_attempt(lid, "goal-setting", "check", attempt("g0"))
        store.submit_attempt(other.learner_id, "vr-basics", "check", attempt("b0"))
    with RecordsStore.open(populated.folder) as store:
        assert [a["score"] for a in store.attempts(lid, "vr-basics", "check")] == [0, 1, 2]
        assert [a["attempt_id"] for a in store.attempts(lid, "vr-basics", "final")] == ["f0"]
        assert [a["attempt_id"] for a in store.attempts(lid, "goal-setting", "check")] == ["g0"]
        ids = [a["attempt_id"] for a in store.attempts(other.learner_id, "vr-basics", "check")]
        assert ids == ["b0"]
        assert store.check().attempts == 6


def test_resubmitting_is_a_safe_retry_but_not_a_change(populated: Populated) -> None:
    lid = populated.learner.learner_id
    with RecordsStore.open(populated.folder) as store:
        store.submit_attempt(lid, "m", "q", attempt("a1", score=50))
        store.submit_attempt(lid, "m", "q", attempt("a1", score=50))
        assert len(store.attempts(lid, "m", "q")) == 1
        with pytest.raises(ValueError, match="already submitted"):
            store.submit_attempt(lid, "m", "q", attempt("a1", score=100))
        with pytest.raises(ValueError, match="already submitted"):
            store.save_attempt_answers(lid, "m", "q", "a1", 42, 1, {})


def test_a_new_attempt_replaces_the_one_in_progress_and_discard(populated: Populated) -> None:
    lid = populated.learner.learner_id
    with RecordsStore.open(populated.folder) as store:
        store.save_attempt_answers(lid, "m", "q", "a1", 1, 1, {"q1": "a"})
        store.save_attempt_answers(lid, "m", "q", "a2", 2, 1, {"q1": "b"})
        current = store.open_attempt(lid, "m", "q")
        assert current is not None and current["attempt_id"] == "a2" and current["seed"] == 2
        assert store.discard_open_attempt(lid, "m", "q", "a1") is False  # not the open one
        assert store.discard_open_attempt(lid, "m", "q") is True
        assert store.discard_open_attempt(lid, "m", "q") is False
        assert store.open_attempt(lid, "m", "q") is None
    with RecordsStore.open(populated.folder) as store:
        assert store.open_attempt(lid, "m", "q") is None


def test_bad_attempts_are_refused(populated: Populated) -> None:
    lid = populated.learner.learner_id
    with RecordsStore.open(populated.folder) as store:
        with pytest.raises(ValueError, match="no learner"):
            store.submit_attempt("nobody", "m", "q", attempt())
        with pytest.raises(ValueError, match="quiz id"):
            store.attempts(lid, "m", "")
        with pytest.raises(ValueError, match="attempt id"):
            store.submit_attempt(lid, "m", "q", {"seed": 1, "algorithm": 1, "answers": {}})
        with pytest.raises(ValueError, match="seed"):
            store.submit_attempt(lid, "m", "q", attempt(seed="x"))
        with pytest.raises(ValueError, match="seed"):
            store.save_attempt_answers(lid, "m", "q", "a1", True, 1, {})
        with pytest.raises(ValueError, match="answers"):
            store.submit_attempt(lid, "m", "q", attempt(answers=["a"]))
        with pytest.raises(ValueError, match="JSON"):
            store.save_attempt_answers(lid, "m", "q", "a1", 1, 1, {"q1": object()})
        with pytest.raises(ValueError, match="JSON"):
            store.submit_attempt(lid, "m", "q", attempt(score=float("nan")))
        with pytest.raises(ValueError, match="quiz_id"):
            store.submit_attempt(lid, "m", "q", attempt(quiz_id="other"))
        assert store.attempts(lid, "m", "q") == []
        assert not store.has_unsaved_changes


def test_failed_submission_changes_nothing_and_keeps_answers(
    populated: Populated, monkeypatch: pytest.MonkeyPatch
) -> None:
    lid = populated.learner.learner_id
    with RecordsStore.open(populated.folder, write_delay_s=60) as store:
        store.save_attempt_answers(lid, "m", "q", "a1", 42, 1, ANSWERS)
        with monkeypatch.context() as patch:

            def full(*args: object) -> None:
                raise OSError(28, "No space left on device")

            patch.setattr(os, "fsync", full)
            with pytest.raises(RecordsWriteError, match="the disk is full"):
                store.submit_attempt(lid, "m", "q", attempt("a1"))
        assert store.attempts(lid, "m", "q") == []
        current = store.open_attempt(lid, "m", "q")
        assert current is not None and current["answers"] == STORED  # not lost by the revert
        store.submit_attempt(lid, "m", "q", attempt("a1"))
    with RecordsStore.open(populated.folder) as store:
        assert [a["attempt_id"] for a in store.attempts(lid, "m", "q")] == ["a1"]
        assert store.open_attempt(lid, "m", "q") is None


def test_odd_ids_get_safe_distinct_file_names(populated: Populated) -> None:
    lid = populated.learner.learner_id
    odd = ["../../etc", "Quiz", "quiz", "a/b\\c", "ünï cødé", "x" * 400, "CON"]
    with RecordsStore.open(populated.folder) as store:
        for n, quiz_id in enumerate(odd):
            store.submit_attempt(lid, quiz_id, quiz_id, attempt(f"a{n}"))
        for n, quiz_id in enumerate(odd):
            assert [a["attempt_id"] for a in store.attempts(lid, quiz_id, quiz_id)] == [f"a{n}"]
        assert store.check().ok
    names = {attempts_file(lid, q, q) for q in odd}
    assert len(names) == len(odd)
    for name in names:
        path = Path(name)
        assert len(path.parts) == 3 and len(path.name) < 120
        assert (populated.folder / name).resolve().is_relative_to(populated.folder.resolve())


def test_check_finds_misplaced_and_broken_attempts(populated: Populated) -> None:
    lid = populated.learner.learner_id
    with RecordsStore.open(populated.folder) as store:
        store.submit_attempt(lid, "m", "q", attempt("a1"))
        store.save_attempt_answers(lid, "m", "q", "a2", 1, 1, {})
    path = populated.folder / attempts_file(lid, "m", "q")
    data = json.loads(path.read_bytes())
    data["attempts"]["2"] = {**data["attempts"]["1"], "quiz_id": "elsewhere"}
    data["attempts"]["3"] = {**data["attempts"]["1"], "seed": "x"}
    data["open"]["1"]["attempt_id"] = "a1"
    path.write_text(json.dumps(data))
    with RecordsStore.open(populated.folder) as store:
        report = store.check()
    text = "\n".join(report.problems)
    assert "belongs to another quiz" in text
    assert "no seed" in text
    assert "recorded twice" in text
    assert "both submitted and in progress" in text


def test_damaged_attempts_file_is_restored_from_its_copy(populated: Populated) -> None:
    lid = populated.learner.learner_id
    with RecordsStore.open(populated.folder) as store:
        store.submit_attempt(lid, "m", "q", attempt("a1"))
    path = populated.folder / attempts_file(lid, "m", "q")
    path.write_bytes(path.read_bytes()[:20])
    with RecordsStore.open(populated.folder) as store:
        assert store.notices == []  # read when first used, not at open
        assert [a["attempt_id"] for a in store.attempts(lid, "m", "q")] == ["a1"]
        [notice] = store.notices
        assert str(path) in notice and "last good copy" in notice
