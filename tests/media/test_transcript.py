"""The transcript helpers: the cue showing at a time, search, saved text, and clock times."""

from __future__ import annotations

from vrlearn.media.captions import Cue
from vrlearn.media.clock import clock
from vrlearn.media.transcript import cue_at, match_spans, search, transcript_text

CUES = (
    Cue(0.0, 4.0, "Welcome to the module."),
    Cue(4.0, 9.5, "Fatigue after stroke\nis common."),
    Cue(9.0, 12.0, "Pacing helps: plan rest."),  # overlaps the previous cue
    Cue(20.0, 25.0, "Café breaks count as rest."),
)


def test_cue_at_finds_the_cue_showing() -> None:
    assert cue_at(CUES, 0.0) == 0
    assert cue_at(CUES, 3.999) == 0
    assert cue_at(CUES, 4.0) == 1  # a cue ends as the next begins
    assert cue_at(CUES, 9.2) == 2  # overlapping: the one that started last
    assert cue_at(CUES, 10.0) == 2
    assert cue_at(CUES, 15.0) is None  # between cues
    assert cue_at(CUES, 30.0) is None
    assert cue_at(CUES, -1.0) is None
    assert cue_at((), 1.0) is None


def test_cue_at_is_fast_enough_for_long_transcripts() -> None:
    many = tuple(Cue(n * 2.0, n * 2.0 + 1.0, f"cue {n}") for n in range(20000))
    assert cue_at(many, 30000.5) == 15000
    assert cue_at(many, 30001.5) is None


def test_search_ignores_case_accents_and_line_breaks() -> None:
    assert search(CUES, "fatigue") == [1]
    assert search(CUES, "STROKE IS") == [1]
    assert search(CUES, "cafe") == [3]
    assert search(CUES, "rest") == [2, 3]
    assert search(CUES, "  ") == []
    assert search(CUES, "wheelchair") == []


def test_transcript_text_for_saving() -> None:
    text = transcript_text(CUES, title="Fatigue and pacing")
    assert text == (
        "Fatigue and pacing\n\n"
        "[0:00] Welcome to the module.\n"
        "[0:04] Fatigue after stroke is common.\n"
        "[0:09] Pacing helps: plan rest.\n"
        "[0:20] Café breaks count as rest.\n"
    )
    assert transcript_text(CUES[:1], times=False) == "Welcome to the module.\n"


def test_rolling_captions_repeat_once_in_the_transcript() -> None:
    rolling = (Cue(0, 1, "one"), Cue(1, 2, "one"), Cue(2, 3, ""), Cue(3, 4, "two"))
    assert transcript_text(rolling, times=False) == "one\ntwo\n"


def test_clock() -> None:
    assert clock(0) == "0:00"
    assert clock(7.9) == "0:07"
    assert clock(65) == "1:05"
    assert clock(3723.5) == "1:02:03"
    assert clock(7.25, exact=True) == "0:07.250"
    assert clock(-3) == "0:00"
    assert clock(float("nan")) == "0:00"


def test_match_spans_find_what_search_matches_in_the_shown_text() -> None:
    text = "Return to  WORK after Straße and cafe\u0301. Work it."
    spans = match_spans(text, "work")
    assert [text[a:b] for a, b in spans] == ["WORK", "Work"]
    assert [text[a:b] for a, b in match_spans(text, "to work")] == ["to  WORK"]
    assert [text[a:b] for a, b in match_spans(text, "STRASSE")] == ["Straße"]
    assert [text[a:b] for a, b in match_spans(text, "café")] == ["cafe\u0301"]  # accent kept
    assert match_spans(text, "") == [] and match_spans(text, "   ") == []
    assert match_spans(text, "holiday") == []


def test_match_spans_agree_with_search() -> None:
    cues = [
        Cue(0, 1, "Fit notes and the GP"),
        Cue(1, 2, "Fatigue at work"),
        Cue(2, 3, "fit\nnotes"),
    ]
    for query in ("fit notes", "WORK", "gp", "zzz"):
        matched = [i for i, cue in enumerate(cues) if match_spans(cue.text, query)]
        assert matched == search(cues, query)
