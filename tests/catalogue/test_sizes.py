"""Sizes as the learner reads them: megabytes for packages, GB or MB for free disk space."""

from __future__ import annotations

from pathlib import Path

import pytest

from vrlearn.catalogue.sizes import disk_size, free_space, megabytes

MB = 1024 * 1024
GB = 1024 * MB


@pytest.mark.parametrize(
    ("size", "shown"),
    [(0, "0.0 MB"), (1, "0.1 MB"), (12_900_000, "12.3 MB"), (3 * GB, "3,072.0 MB")],
)
def test_megabytes(size: int, shown: str) -> None:
    assert megabytes(size) == shown


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (1, "0.1 MB"),
        (500 * MB, "500.0 MB"),
        (GB - 1, "1,024.0 MB"),
        (GB, "1.0 GB"),
        (int(74.5 * GB), "74.5 GB"),
        (2048 * GB, "2,048.0 GB"),
    ],
)
def test_disk_size_shows_gigabytes_from_one_gigabyte(size: int, shown: str) -> None:
    assert disk_size(size) == shown


def test_free_space_asks_the_nearest_folder_that_exists(tmp_path: Path) -> None:
    missing = tmp_path / "not" / "made" / "yet"  # asking the OS about it raises FileNotFoundError
    assert free_space(missing) > 0
    assert not missing.parent.parent.exists()
