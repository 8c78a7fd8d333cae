"""Video progress in the records: position and watched stretches per learner per video."""

from __future__ import annotations

import json
import math

import pytest

from tests.records.records_helpers import Populated, assert_populated
from vrlearn.records import RecordsStore
from vrlearn.records.videos import clean_video_state, covered_fraction

MODULE, VIDEO = "vr-basics", "overview-video"


def test_state_is_saved_behind_and_survives_reopening(populated: Populated) -> None:
    lid = populated.learner.learner_id
    with RecordsStore.open(populated.folder) as store:
        assert store.video_state(lid, MODULE, VIDEO) is None
        store.save_video_state(lid, MODULE, VIDEO, 12.5, [[0.0, 12.5]], 50.0)
        assert store.has_unsaved_changes
    with RecordsStore.open(populated.folder) as store:
        state = store.video_state(lid, MODULE, VIDEO)
        assert state == {
            "position": 12.5,
            "intervals": [[0.0, 12.5]],
            "duration": 50.0,
            "coverage": 0.25,
        }
        assert_populated(store, populated.learner)  # pages viewed and position are untouched
        assert store.check().ok
    on_disk = json.loads(populated.progress.read_bytes())
    (record,) = [d for d in on_disk["modules"].values() if d["module_id"] == MODULE]
    entry = record["videos"][VIDEO]
    assert entry["position_s"] == 12.5 and entry["watched"] == [[0.0, 12.5]]
    assert entry["duration_s"] == 50.0 and entry["updated"]


def test_watched_stretches_only_grow(populated: Populated) -> None:
    lid = populated.learner.learner_id
    with RecordsStore.open(populated.folder) as store:
        store.save_video_state(lid, MODULE, VIDEO, 10.0, [[0.0, 10.0]], 40.0)
        store.save_video_state(lid, MODULE, VIDEO, 35.0, [[30.0, 35.0], [5.0, 12.0]], 0.0)
        state = store.video_state(lid, MODULE, VIDEO)
        assert state is not None
        assert state["intervals"] == [[0.0, 12.0], [30.0, 35.0]]
        assert state["position"] == 35.0
        assert state["duration"] == 40.0  # 0 keeps the duration saved before
        assert math.isclose(state["coverage"], 17 / 40)
        store.save_video_state(lid, MODULE, VIDEO, 3.0, [], 40.0)  # back near the start
        state = store.video_state(lid, MODULE, VIDEO)
        assert state is not None and state["position"] == 3.0
        assert state["intervals"] == [[0.0, 12.0], [30.0, 35.0]]


def test_each_learner_and_video_has_its_own_state(populated: Populated) -> None:
    lid = populated.learner.learner_id
    with RecordsStore.open(populated.folder) as store:
        other = store.save_learner("Sam Taylor", "Physiotherapist").learner_id
        store.save_video_state(lid, MODULE, VIDEO, 5.0, [[0.0, 5.0]], 10.0)
        store.save_video_state(lid, MODULE, "second", 1.0, [[0.0, 1.0]], 10.0)
        store.save_video_state(other, "new-module", VIDEO, 9.0, [[0.0, 9.0]], 10.0)
        assert set(store.video_states(lid, MODULE)) == {VIDEO, "second"}
        assert store.video_states(other, MODULE) == {}
        assert store.video_state(other, "new-module", VIDEO) is not None
        assert store.progress_summary(other) == {"new-module": frozenset()}


@pytest.mark.parametrize(
    ("position", "intervals", "duration"),
    [
        (-1.0, [], 10.0),
        (math.nan, [], 10.0),
        (1.0, [[2.0, 1.0]], 10.0),
        (1.0, [[0.0]], 10.0),
        (1.0, [[0.0, math.inf]], 10.0),
        (1.0, [], -5.0),
        ("1", [], 10.0),
    ],
)
def test_bad_values_are_refused(
    populated: Populated, position: float, intervals: list[list[float]], duration: float
) -> None:
    lid = populated.learner.learner_id
    with RecordsStore.open(populated.folder) as store:
        with pytest.raises(ValueError):
            store.save_video_state(lid, MODULE, VIDEO, position, intervals, duration)
        with pytest.raises(ValueError):
            store.save_video_state("nobody", MODULE, VIDEO, 1.0, [], 1.0)
        assert store.video_state(lid, MODULE, VIDEO) is None


def test_damaged_video_entries_are_read_safely_and_reported(populated: Populated) -> None:
    lid = populated.learner.learner_id
    with RecordsStore.open(populated.folder) as store:
        store.save_video_state(lid, MODULE, VIDEO, 5.0, [[0.0, 5.0]], 10.0)
    data = json.loads(populated.progress.read_bytes())
    for record in data["modules"].values():
        if record["module_id"] == MODULE:
            record["videos"][VIDEO]["watched"] = [[0, 5], "junk", [9, 8]]
            record["videos"]["other"] = "not a mapping"
    populated.progress.write_text(json.dumps(data), encoding="utf-8")
    with RecordsStore.open(populated.folder) as store:
        state = store.video_state(lid, MODULE, VIDEO)
        assert state is not None and state["intervals"] == [[0.0, 5.0]]
        assert store.video_state(lid, MODULE, "other") is None
        report = store.check()
        assert not report.ok
        assert any("video 'overview-video'" in problem for problem in report.problems)


def test_clean_state_and_coverage_helpers() -> None:
    assert clean_video_state(1.23456, [(5, 6), (0, 2), (1, 3)], 10) == (
        1.235,
        [[0.0, 3.0], [5.0, 6.0]],
        10.0,
    )
    assert covered_fraction([[0, 3], [2, 5], [8, 20]], 10) == 0.7
    assert covered_fraction([[0, 3]], 0) == 0.0
