"""Caption files: webvtt-py's own test files (good ones read, bad ones explained) and our checks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import corpus_dir
from vrlearn.media.captions import CaptionError, Cue, check_captions, read_cues

GOOD = {  # file: (number of cues, first cue)
    "sample.vtt": (16, Cue(0.5, 7.0, "Caption text #1")),
    "sample.srt": (5, Cue(0.5, 7.0, "Caption text #1")),
    "one_caption.vtt": (1, Cue(0.5, 7.0, "Caption text #1")),
    "one_caption.srt": (1, Cue(0.5, 7.0, "Caption text #1")),
    "captions_with_bom.vtt": (4, Cue(0.5, 7.0, "Caption text #1")),
    "comments.vtt": (3, Cue(135.0, 140.0, "- Ta en kopp varmt te.\n- Det är inte varmt.")),
    "cue_tags.vtt": (3, Cue(16.5, 18.5, "When the moon hits your eye")),
    "metadata_headers.vtt": (2, Cue(0.5, 7.0, "Caption text #1")),
    "metadata_headers_multiline.vtt": (2, Cue(0.5, 7.0, "Caption text #1")),
    "styles.vtt": (1, Cue(0.0, 10.0, "- Hello world.")),
    "using_identifiers.vtt": (6, Cue(0.5, 7.0, "Caption text #1")),
    "netflix_chicas_del_cable.vtt": (865, Cue(7.96, 9.48, "[Alba] En 1928,")),
    "youtube_dl.vtt": (4, Cue(286.07, 286.47, "yeah")),
}

# file: (line, words the message must contain)
BAD = {
    "empty.vtt": (None, "is empty"),
    "invalid.vtt": (1, 'does not start with the line "WEBVTT"'),
    "no_captions.vtt": (None, "has no captions in it"),
    "invalid_format1.srt": (1, "is not a SubRip caption file"),
    "invalid_format2.srt": (1, "is not a SubRip caption file"),
    "invalid_format3.srt": (1, "is not a SubRip caption file"),
    "invalid_format4.srt": (1, "is not a SubRip caption file"),
    "invalid_timeframe.vtt": (6, 'the timing line "00:00:07.000 --> 00:00:1d.890" is not valid'),
    "invalid_timeframe.srt": (6, "uses a full stop before the milliseconds"),
    "invalid_timeframe_in_cue_text.vtt": (6, "the caption at 0:07.000 has no text"),
    "missing_caption_text.vtt": (6, "the caption at 0:07.000 has no text"),
    "missing_caption_text.srt": (6, "the caption at 0:07.000 has no text"),
    "missing_timeframe.vtt": (6, "this text has no timing line"),
    "missing_timeframe.srt": (5, "this text has no timing line"),
    "sample.sbv": (None, "is not a caption file: use WebVTT (.vtt) or SubRip (.srt)"),
}


def webvtt_py(name: str) -> Path:
    return corpus_dir("captions", "webvtt-py") / name


@pytest.mark.parametrize("name", sorted(GOOD))
def test_good_files_read_and_pass_the_checks(name: str) -> None:
    count, first = GOOD[name]
    cues = read_cues(webvtt_py(name))
    assert len(cues) == count
    assert cues[0] == first
    assert check_captions(webvtt_py(name)) == cues
    assert all(cue.start <= cue.end for cue in cues)


def test_a_byte_order_mark_does_not_end_up_in_the_text() -> None:
    cues = read_cues(webvtt_py("captions_with_bom.vtt"))
    assert not any("\ufeff" in cue.text for cue in cues)
    assert read_cues(webvtt_py("sample.vtt"))[:4] == cues


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_files_are_explained_with_the_file_and_line(name: str) -> None:
    line, words = BAD[name]
    with pytest.raises(CaptionError) as caught:
        check_captions(webvtt_py(name))
    error = caught.value
    assert error.path.name == name
    assert error.line == line
    assert words in str(error)
    assert str(error).startswith(f"{name}, line {line}: " if line else f"{name}: ")


@pytest.mark.parametrize(
    "name", ["invalid_timeframe.vtt", "missing_caption_text.vtt", "missing_timeframe.vtt"]
)
def test_reading_for_playback_skips_a_broken_cue_and_keeps_the_rest(name: str) -> None:
    cues = read_cues(webvtt_py(name))
    assert cues[0] == Cue(0.5, 7.0, "Caption text #1")
    assert len(cues) >= 5


@pytest.mark.parametrize("name", ["empty.vtt", "invalid.vtt", "no_captions.vtt"])
def test_reading_for_playback_fails_when_nothing_can_be_shown(name: str) -> None:
    with pytest.raises(CaptionError):
        read_cues(webvtt_py(name))


def test_cues_after_the_end_of_the_video_are_one_problem_naming_the_first() -> None:
    with pytest.raises(CaptionError) as caught:
        check_captions(webvtt_py("sample.vtt"), duration=30.0)
    (problem,) = caught.value.problems
    assert problem.line == 24
    assert "9 captions end after the video ends at 0:30.000" in problem.message
    assert "the first, at 0:30.280, ends at 0:36.510" in problem.message
    check_captions(webvtt_py("sample.vtt"), duration=64.3)


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_a_cue_ending_before_it_starts(tmp_path: Path) -> None:
    path = write(tmp_path, "back.vtt", "WEBVTT\n\n00:05.000 --> 00:02.000\nBackwards\n")
    assert read_cues(path) == (Cue(5.0, 2.0, "Backwards"),)
    with pytest.raises(CaptionError, match=r"back.vtt, line 3: .* ends \(0:02.000\) before"):
        check_captions(path)


def test_text_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, "latin1.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nZoë\n".encode("latin-1")
    )
    with pytest.raises(CaptionError) as caught:
        read_cues(path)
    assert caught.value.line == 4
    assert "is not UTF-8 text" in str(caught.value)


def test_utf16_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\nŁukasiewicz\n"
    path = write(tmp_path, "wide.vtt", text.encode("utf-16"))
    assert read_cues(path) == (Cue(1.0, 2.0, "Łukasiewicz"),)


def test_a_missing_file_and_a_wrongly_named_file(tmp_path: Path) -> None:
    with pytest.raises(CaptionError, match="gone.vtt: is missing"):
        read_cues(tmp_path / "gone.vtt")
    srt_named_vtt = write(tmp_path, "x.vtt", "1\n00:00:01,000 --> 00:00:02,000\nHello\n")
    with pytest.raises(CaptionError, match="looks like a SubRip caption file: rename it"):
        read_cues(srt_named_vtt)
    vtt_named_srt = write(tmp_path, "x.srt", "WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n")
    with pytest.raises(CaptionError, match="looks like a WebVTT caption file: rename it"):
        read_cues(vtt_named_srt)


def test_tags_and_character_references_become_plain_text(tmp_path: Path) -> None:
    text = (
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Therapist><b>Lift</b> &amp; hold &lt;3&gt;\n"
        "\n00:03.000 --> 00:04.000\n<i>Fatigue</i>\n"
    )
    cues = read_cues(write(tmp_path, "tags.vtt", text))
    assert [cue.text for cue in cues] == ["Lift & hold <3>", "Fatigue"]


def test_cues_are_sorted_by_start_time(tmp_path: Path) -> None:
    text = "WEBVTT\n\n00:05.000 --> 00:06.000\nSecond\n\n00:01.000 --> 00:02.000\nFirst\n"
    assert [cue.text for cue in read_cues(write(tmp_path, "order.vtt", text))] == [
        "First",
        "Second",
    ]


def test_many_problems_are_counted_not_all_spelled_out(tmp_path: Path) -> None:
    blocks = "".join(f"\nNo timing {n}\n" for n in range(15))
    path = write(tmp_path, "many.vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\nOne\n" + blocks)
    with pytest.raises(CaptionError) as caught:
        check_captions(path)
    assert len(caught.value.problems) == 15
    assert str(caught.value).splitlines()[-1] == "… and 5 more problems"
