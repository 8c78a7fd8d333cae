"""Watched coverage: only the stretches actually played count, each once."""

from __future__ import annotations

import json

import pytest

from vrlearn.media.coverage import WatchedCoverage


def play(
    coverage: WatchedCoverage, start: float, end: float, step: float = 0.25, rate: float = 1.0
) -> None:
    """Report positions as libVLC does while playing from `start` to `end`."""
    position = start
    while position < end:
        coverage.observe(position, rate=rate)
        position = round(position + step * rate, 6)
    coverage.observe(end, rate=rate)


def test_playing_straight_through_counts_everything_played() -> None:
    coverage = WatchedCoverage()
    play(coverage, 0.0, 60.0)
    assert coverage.intervals == ((0.0, 60.0),)
    assert coverage.fraction(60.0) == 1.0
    assert coverage.fraction(120.0) == 0.5


def test_a_jump_forward_is_a_seek_and_does_not_count() -> None:
    coverage = WatchedCoverage()
    play(coverage, 0.0, 10.0)
    play(coverage, 50.0, 60.0)  # jumped from 10 s to 50 s
    assert coverage.intervals == ((0.0, 10.0), (50.0, 60.0))
    assert coverage.seconds() == 20.0
    assert coverage.fraction(60.0) == pytest.approx(1 / 3)


def test_jumping_to_the_end_counts_only_what_played_after_the_jump() -> None:
    coverage = WatchedCoverage()
    coverage.observe(0.3)
    coverage.observe(59.9)  # the seek
    coverage.finish(60.0)  # "ended": the last 0.1 s did play
    assert coverage.intervals == ((59.9, 60.0),)
    assert coverage.fraction(60.0) < 0.002


def test_going_back_is_a_seek_and_watching_again_counts_once() -> None:
    coverage = WatchedCoverage()
    play(coverage, 0.0, 30.0)
    play(coverage, 10.0, 40.0)  # went back to 10 s and watched on
    play(coverage, 5.0, 20.0)  # and again
    assert coverage.intervals == ((0.0, 40.0),)
    assert coverage.fraction(80.0) == 0.5


def test_double_speed_still_counts_as_watching() -> None:
    coverage = WatchedCoverage()
    play(coverage, 0.0, 30.0, step=0.4, rate=2.0)  # 0.8 s of video between reports
    assert coverage.intervals == ((0.0, 30.0),)
    stalled = WatchedCoverage()
    stalled.observe(10.0, rate=2.0)
    stalled.observe(12.8, rate=2.0)  # a slow report at 2x: 2.8 s <= 1.5 s * 2
    assert stalled.seconds() == pytest.approx(2.8)


def test_half_speed_counts_and_a_gap_over_the_limit_does_not() -> None:
    coverage = WatchedCoverage()
    play(coverage, 0.0, 10.0, step=0.5, rate=0.5)
    assert coverage.seconds() == pytest.approx(10.0)
    coverage.observe(11.6)  # 1.6 s after 10.0 at 1x: a seek
    assert coverage.seconds() == pytest.approx(10.0)


def test_an_explicit_interruption_starts_a_new_run() -> None:
    coverage = WatchedCoverage()
    coverage.observe(5.0)
    coverage.interrupt()  # e.g. the reader seeked 1 s ahead
    coverage.observe(6.0)
    coverage.observe(6.25)
    assert coverage.intervals == ((6.0, 6.25),)


def test_pause_and_resume_loses_nothing() -> None:
    coverage = WatchedCoverage()
    play(coverage, 0.0, 12.0)
    # paused for a long time: no reports; then it carries on
    play(coverage, 12.25, 20.0)
    assert coverage.intervals == ((0.0, 20.0),)


def test_the_last_stretch_counts_when_the_video_ends_after_watching() -> None:
    coverage = WatchedCoverage()
    play(coverage, 0.0, 59.7)
    coverage.finish(60.0)
    assert coverage.fraction(60.0) == 1.0


def test_round_trip_through_json_and_merge_with_stored_coverage() -> None:
    today = WatchedCoverage()
    play(today, 30.0, 45.0)
    stored = json.loads(json.dumps(today.to_json()))
    assert stored == [[30.0, 45.0]]
    tomorrow = WatchedCoverage.from_json(stored)
    play(tomorrow, 40.0, 50.0)
    play(tomorrow, 0.0, 10.0)
    assert tomorrow.intervals == ((0.0, 10.0), (30.0, 50.0))
    merged = WatchedCoverage([(0.0, 5.0)]).merge([(4.0, 12.0), (55.0, 60.0)])
    assert merged.to_json() == [[0.0, 12.0], [55.0, 60.0]]
    assert merged.merge(tomorrow).to_json() == [[0.0, 12.0], [30.0, 50.0], [55.0, 60.0]]


def test_stored_coverage_that_is_malformed_is_ignored_not_raised() -> None:
    data = [[0, 10], "x", [5], [3, 2], [None, 4], [True, 5], [float("nan"), 3], [-5, 2], [20, 25]]
    assert WatchedCoverage.from_json(data).to_json() == [[0.0, 10.0], [20.0, 25.0]]
    assert WatchedCoverage.from_json({"not": "a list"}).intervals == ()
    assert WatchedCoverage.from_json(None).intervals == ()


def test_coverage_beyond_the_duration_is_not_counted() -> None:
    coverage = WatchedCoverage([(0.0, 70.0)])
    assert coverage.fraction(60.0) == 1.0
    assert coverage.seconds(60.0) == 60.0
    assert coverage.fraction(0.0) == 0.0


def test_nonsense_positions_are_ignored() -> None:
    coverage = WatchedCoverage()
    coverage.observe(float("nan"))
    coverage.observe(-1.0)
    coverage.observe(1.0)
    coverage.observe(float("inf"))
    coverage.observe(1.5)
    assert coverage.intervals == ((1.0, 1.5),)
