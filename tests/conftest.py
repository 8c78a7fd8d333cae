"""Fixtures shared by every test: module folders written to disk, and the path to the corpus."""

from __future__ import annotations

import os
import subprocess
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import pytest

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content"
CORPUS = REPO.parent / "shared" / "corpus"

MANIFEST = """\
format = 1
id = "{id}"
version = "1.0.0"
title = "{title}"
summary = "A short module used by the tests."
audience = ["Occupational therapists"]
estimated_minutes = 20
language = "en-GB"
licence = "CC BY 4.0"
learning_outcomes = ["Describe what a test module is."]

[[authors]]
name = "Test author"

[[references]]
id = "ref-one"
citation = "Author A. A reference. Journal 2024."
url = "https://example.org/ref"

[[lessons]]
id = "lesson-one"
title = "First lesson"

  [[lessons.items]]
  type = "page"
  id = "page-one"
  title = "Page one"
  file = "pages/one.md"

  [[lessons.items]]
  type = "page"
  id = "page-two"
  title = "Page two"
  file = "pages/two.md"

[completion]
pages = "all"
"""

ModuleFactory = Callable[..., Path]


@pytest.fixture
def make_module(tmp_path: Path) -> ModuleFactory:
    """Write a valid two-page module folder; keyword arguments change its parts."""

    def make(
        module_id: str = "test-module",
        *,
        title: str = "A test module",
        manifest: str | None = None,
        pages: dict[str, str | bytes] | None = None,
        parent: Path | None = None,
    ) -> Path:
        folder = (parent or tmp_path) / module_id
        (folder / "pages").mkdir(parents=True)
        text = manifest if manifest is not None else MANIFEST.format(id=module_id, title=title)
        (folder / "module.toml").write_text(textwrap.dedent(text), encoding="utf-8")
        files: dict[str, str | bytes] = {
            "pages/one.md": "# One\n\nFirst page text [@ref-one].\n",
            "pages/two.md": "# Two\n\nSecond page text.\n",
        }
        files.update(pages or {})
        for name, body in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(body, bytes):
                path.write_bytes(body)
            else:
                path.write_text(body, encoding="utf-8")
        return folder

    return make


def unavailable(reason: str) -> NoReturn:
    """Skip for a missing part on a developer's machine; in CI (where `.ci/run` installs every
    part) the same gap is a failure, never a silent skip."""
    if os.environ.get("CI"):
        pytest.fail(f"must be available in CI: {reason}")
    pytest.skip(reason)


def corpus_dir(*parts: str) -> Path:
    """A folder of the shared corpus; absent outside CI means skip, in CI it is a failure."""
    path = CORPUS.joinpath(*parts)
    if not path.is_dir():
        unavailable(f"shared corpus folder not present: {path}")
    return path


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """A small real tmpfs: `tmpfs("1m") -> folder`, unmounted at teardown (needs root)."""
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        if not (hasattr(os, "geteuid") and os.geteuid() == 0):
            unavailable("the disk-full tests mount a tmpfs and need root")
        folder = tmp_path / f"tmpfs{len(mounted)}"
        folder.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            pytest.fail(f"mount tmpfs failed: {done.stderr.strip()}")
        mounted.append(folder)
        return folder

    yield mount
    for folder in reversed(mounted):
        if subprocess.run(["umount", str(folder)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], check=False)
