"""The packaged app (dist/VRLearn): its size, and its start-up against a bare PySide6 window.

Targets from the packaging issue: the bundle <= 250 MB on disk; the frozen app's start-up to the
library shown <= 1.5x the bare PySide6 window (tests/bench/bare_window.py, run from the venv)
measured in the same run. If dist/VRLearn is missing it is built first (`make package`).
Run alone: `python tests/bench/package_bench.py`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tests.bench import startup  # noqa: E402

BUNDLE = REPO / "dist" / "VRLearn"
EXE = BUNDLE / ("vrlearn.exe" if sys.platform == "win32" else "vrlearn")
SIZE_TARGET_MB = 250
STARTUP_TARGET = 1.5


def ensure_bundle() -> None:
    if not EXE.is_file():
        print("package bench: dist/VRLearn is missing; building it with `make package`")
        subprocess.run(["make", "package"], cwd=REPO, check=True)


def size_mb(folder: Path) -> float:
    """Bytes of every file under `folder`, in MB; symbolic links (PyInstaller links some
    libraries to the top of _internal) are not counted twice."""
    files = (f for f in folder.rglob("*") if f.is_file() and not f.is_symlink())
    return sum(f.stat().st_size for f in files) / 1_000_000


def biggest(folder: Path, count: int = 8) -> list[tuple[str, float]]:
    """The largest files and top-level folders of `_internal`, in MB."""
    internal = folder / "_internal"
    items = [
        (p.name, size_mb(p) if p.is_dir() else p.stat().st_size / 1e6)
        for p in internal.iterdir()
        if not p.is_symlink()
    ]
    return sorted(items, key=lambda item: -item[1])[:count]


def frozen_startup(data_dir: Path, runs: int) -> list[float]:
    command = [str(EXE), "--data-dir", str(data_dir), "--no-crash-dialog"]
    env = startup.bench_env()
    return [startup.time_until_line(command, "library-shown", env) for _ in range(runs)]


def _row(name: str, value: float, unit: str, baseline: float | None, target: str, met: bool
         ) -> dict[str, Any]:  # fmt: skip
    ratio = value / baseline if baseline else None
    return {"name": name, "value": round(value, 2), "unit": unit,
            "baseline": round(baseline, 2) if baseline else None,
            "ratio": round(ratio, 2) if ratio else None, "target": target, "met": met}  # fmt: skip


def run(data_dir: Path, runs: int = 15) -> list[dict[str, Any]]:
    """Rows for tests/bench/run.py; `data_dir` holds a learner so start-up ends at the library.

    The runs are interleaved (bare, frozen, bare, …) so both see the same load on a shared
    machine; each figure is the median of its runs."""
    ensure_bundle()
    total = size_mb(BUNDLE)
    print("package bench: biggest parts of dist/VRLearn/_internal: " + ", ".join(
        f"{name} {mb:.0f} MB" for name, mb in biggest(BUNDLE)))  # fmt: skip
    frozen_startup(data_dir, 1)  # first run: builds the library index, warms the disk cache
    startup.bare_window(1)
    bare_runs: list[float] = []
    frozen_runs: list[float] = []
    for _ in range(runs):
        bare_runs += startup.bare_window(1)
        frozen_runs += frozen_startup(data_dir, 1)
    baseline = statistics.median(bare_runs) * 1000
    frozen = statistics.median(frozen_runs) * 1000
    return [
        _row("packaged app: size of dist/VRLearn", total, "MB", None,
             f"<= {SIZE_TARGET_MB} MB", total <= SIZE_TARGET_MB),
        _row("packaged app: start-up to library shown", frozen, "ms", baseline,
             f"<= {STARTUP_TARGET}x bare", frozen <= STARTUP_TARGET * baseline),
    ]  # fmt: skip


def main() -> int:
    from tests.bench.run import prepared_data_dir, print_table

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="vrlearn-package-bench-") as tmp:
        print_table(run(prepared_data_dir(Path(tmp))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
