"""Video items in module.toml: fields, the caption rule, safe files, completion and the index."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from tests.conftest import MANIFEST, ModuleFactory
from tests.video_samples import add_video, video_files, video_item
from vrlearn.modules.contents import CaptionSpec, VideoSpec
from vrlearn.modules.library import scan_library
from vrlearn.modules.manifest import load_module
from vrlearn.modules.model import BrokenModule, Module
from vrlearn.modules.progress import missing_items, module_progress, video_watched


def manifest_with(item: str | None = None) -> str:
    return add_video(MANIFEST.format(id="video-module", title="Video module"), item)


def load(make_module: ModuleFactory, item: str | None = None, **files: bytes) -> Module:
    folder = make_module("video-module", manifest=manifest_with(item), pages=video_files())
    for name, data in files.items():
        (folder / name).write_bytes(data)
    loaded = load_module(folder)
    assert isinstance(loaded, Module), getattr(loaded, "problems", loaded)
    return loaded


_folders = itertools.count()


def problems(
    make_module: ModuleFactory, item: str, files: dict[str, bytes] | None = None
) -> list[str]:
    """The problems of a module with `item`, each as "field: message"."""
    folder = make_module(
        f"video-module-{next(_folders)}",
        manifest=manifest_with(item),
        pages=files if files is not None else video_files(),
    )
    loaded = load_module(folder)
    assert isinstance(loaded, BrokenModule), "expected the module to be refused"
    return [f"{p.field}: {p.message}" for p in loaded.problems]


def test_a_video_item_loads_with_its_defaults(make_module: ModuleFactory) -> None:
    module = load(make_module)
    (video,) = module.videos
    assert video.is_video and not video.is_page
    assert video.file == "videos/intro.mp4" and video.required
    assert video.video == VideoSpec(
        captions=(CaptionSpec("en", "English", "videos/intro.en.vtt"),),
        poster="videos/intro.png",
        required_coverage=90,
    )
    assert video.files == ("videos/intro.mp4", "videos/intro.en.vtt", "videos/intro.png")
    assert [item.id for item in module.counted_items()] == ["page-one", "page-two", "intro-video"]


def test_fields_can_be_given(make_module: ModuleFactory) -> None:
    captions = (
        '{ language = "en", file = "videos/intro.en.vtt" }, '
        '{ language = "cy", label = "Cymraeg", file = "videos/intro.cy.vtt" }'
    )
    item = video_item(captions=captions, extra="  required_coverage = 75\n  required = false\n")
    module = load(make_module, item, **{"videos/intro.cy.vtt": b"WEBVTT\n"})
    (video,) = module.videos
    assert video.video is not None
    assert [c.label for c in video.video.captions] == ["en", "Cymraeg"]
    assert video.video.required_coverage == 75 and not video.required
    assert video not in module.counted_items()


def test_every_video_needs_captions(make_module: ModuleFactory) -> None:
    item = video_item().replace('  captions = [{ language = "en", label = "English", '
                                'file = "videos/intro.en.vtt" }]\n', "")  # fmt: skip
    (problem,) = problems(make_module, item)
    assert problem.startswith("lessons[0].items[2].captions: missing (required): every video needs")
    assert problems(make_module, video_item(captions="")) == [
        "lessons[0].items[2].captions: needs at least 1 entry"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"extra": "  required_coverage = 150\n"},
            "required_coverage: 150 is out of range (0-100)",
        ),
        ({"extra": '  required_coverage = "most"\n'}, "required_coverage: must be a whole number"),
        ({"extra": "  autoplay = true\n"}, "autoplay: unknown field"),
        (
            {"captions": '{ language = "en", file = "../outside.vtt" }'},
            "captions[0].file: '../outside.vtt' must not use '..'",
        ),
        (
            {"captions": '{ language = "en", file = "videos/intro.en.txt" }'},
            "captions[0].file: videos/intro.en.txt is not WebVTT (.vtt) or SubRip (.srt)",
        ),
        (
            {"captions": '{ language = "en", file = "videos/missing.vtt" }'},
            "captions[0].file: caption file not found: videos/missing.vtt",
        ),
        (
            {"captions": '{ language = "english!", file = "videos/intro.en.vtt" }'},
            "captions[0].language: 'english!' is not valid",
        ),
        (
            {
                "captions": f"{video_item().split('captions = [')[1].split(']')[0]}, "
                '{ language = "EN", file = "videos/intro.en.vtt" }'
            },
            "captions[1].language: a second caption file for 'EN'",
        ),  # fmt: skip
    ],
)
def test_bad_video_fields_are_named(
    make_module: ModuleFactory, change: dict[str, str], expected: str
) -> None:
    found = problems(make_module, video_item(**change))
    assert any(p.startswith(f"lessons[0].items[2].{expected}") for p in found), found


def test_video_and_poster_files_are_checked(make_module: ModuleFactory) -> None:
    files = video_files()
    del files["videos/intro.mp4"]
    files["videos/intro.png"] = b""
    found = problems(make_module, video_item().replace("intro.png", "intro.gif"), files)
    assert "lessons[0].items[2].file: video file not found: videos/intro.mp4" in found
    assert (
        "lessons[0].items[2].poster: videos/intro.gif is not a PNG or JPEG (.png, .jpg, .jpeg)"
        in found
    )
    wrong = problems(make_module, video_item().replace("videos/intro.mp4", "videos/intro.wav"))
    assert any("videos/intro.wav is not an MP4" in p for p in wrong)


def test_completion_counts_a_video_once_watched_enough(make_module: ModuleFactory) -> None:
    module = load(make_module)
    (video,) = module.videos
    assert not video_watched(video, None)
    assert not video_watched(video, 0.899)
    assert video_watched(video, 0.9)
    done = frozenset({"page-one", "page-two"})
    assert [item.id for item in missing_items(module, done)] == ["intro-video"]
    assert not module_progress(module, done).completed
    assert module_progress(module, done | {"intro-video"}).completed


def test_the_index_stamps_caption_and_poster_files(
    make_module: ModuleFactory, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    folder = make_module(
        "video-module", manifest=manifest_with(), pages=video_files(), parent=content
    )
    index = tmp_path / "index.json"
    fresh = scan_library([content])
    assert scan_library([content], index) == fresh == scan_library([content], index)
    captions = folder / "videos" / "intro.en.vtt"
    captions.write_bytes(captions.read_bytes() + b"\n")
    os.utime(captions, ns=(1, 1))
    assert scan_library([content], index).modules  # still fine, re-read
    captions.unlink()
    library = scan_library([content], index)
    assert not library.modules
    assert "caption file not found: videos/intro.en.vtt" in library.broken[0].reason
