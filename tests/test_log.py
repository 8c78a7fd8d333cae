"""Logging goes to a rotating file in the data folder; an unwritable folder is survivable."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from vrlearn import log


@pytest.fixture
def clean_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def test_log_file_in_the_data_folder(tmp_path: Path, clean_root_logger: None) -> None:
    log_file = log.configure(tmp_path / "logs")
    assert log_file == tmp_path / "logs" / "vrlearn.log"
    logging.getLogger("vrlearn.test").info("a line for the log")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "INFO vrlearn.test: a line for the log" in log_file.read_text(encoding="utf-8")


def test_unwritable_log_folder_is_not_fatal(tmp_path: Path, clean_root_logger: None) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert log.configure(blocker / "logs") is None


def test_a_large_log_is_rotated_at_start(tmp_path: Path) -> None:
    log_file = tmp_path / "vrlearn.log"
    log_file.write_text("new", encoding="utf-8")
    log.rotate(log_file, max_bytes=10)
    assert log_file.read_text(encoding="utf-8") == "new"  # small: left alone
    log_file.write_text("x" * 20, encoding="utf-8")
    (tmp_path / "vrlearn.log.1").write_text("one", encoding="utf-8")
    (tmp_path / "vrlearn.log.3").write_text("oldest", encoding="utf-8")
    log.rotate(log_file, max_bytes=10, keep=3)
    assert (tmp_path / "vrlearn.log.1").read_text(encoding="utf-8") == "x" * 20
    assert (tmp_path / "vrlearn.log.2").read_text(encoding="utf-8") == "one"
    assert (tmp_path / "vrlearn.log.3").read_text(encoding="utf-8") == "oldest"
