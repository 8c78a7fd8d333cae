"""A quick run of the torture test (tests/torture.py): kills and simulated power cuts."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.torture import run_torture

CYCLES = 16


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="the power-cut mode needs /proc")
def test_torture_smoke(tmp_path: Path) -> None:
    result = run_torture(CYCLES, tmp_path / "records", mode="mixed")
    assert result.cycles == CYCLES, result.problems
    assert (result.corrupted, result.lost) == (0, 0), result.problems
    assert result.acked > CYCLES  # the children did acknowledge writes
