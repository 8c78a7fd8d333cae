"""Importing a 200 MB, 2,000-file package against `unzip` of the same file, in the same run.

The package is a realistic module: 1,800 pictures and clips of random (incompressible) bytes,
stored as `vrlearn pack` stores media, and 200 text files that deflate; built once in a
temporary folder. Both sides read the package from the page cache (it is read once first) and
write into a fresh folder on the same disk. `vrlearn import` runs as a child process (the way a
user runs it, start-up included); its peak memory is that child's ru_maxrss from `os.wait4`.
Targets (issue 6): throughput >= 0.7x unzip's, peak memory < 150 MB. Also reported: the same
import without fsync (what durability costs) and the time to pack.
Run alone: `python tests/bench/import_bench.py`.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

MEDIA_FILES = 1_800
TEXT_FILES = 200
MEDIA_BYTES = 100_000
TEXT_BYTES = 100_000
RUNS = 3
WORDS = "patient stroke therapist goal work return employer plan hours task fatigue".split()

MANIFEST = """\
format = 1
id = "bench-module"
version = "1.0.0"
title = "Benchmark module"
summary = "A large module for the import benchmark."
audience = ["Occupational therapists"]
estimated_minutes = 30
language = "en-GB"
licence = "CC BY 4.0"
learning_outcomes = ["Import a large module."]

[[authors]]
name = "Bench"

[[lessons]]
id = "lesson-one"
title = "Lesson"

  [[lessons.items]]
  type = "page"
  id = "page-one"
  title = "Page one"
  file = "pages/one.md"
"""


def build_module(folder: Path) -> int:
    """Write the module folder; returns its total size in bytes."""
    (folder / "pages").mkdir(parents=True)
    (folder / "module.toml").write_text(MANIFEST, encoding="utf-8")
    (folder / "pages" / "one.md").write_text("# One\n\nA page.\n", encoding="utf-8")
    for number in range(MEDIA_FILES):
        kind = "clips" if number % 10 == 0 else "pictures"
        suffix = ".mp4" if kind == "clips" else ".jpg"
        path = folder / "media" / kind / f"{number:04d}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(MEDIA_BYTES))
    rng = __import__("random").Random(6)
    for number in range(TEXT_FILES):
        path = folder / "notes" / f"{number:03d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = " ".join(rng.choice(WORDS) for _ in range(TEXT_BYTES // 7))
        path.write_text(text[:TEXT_BYTES], encoding="utf-8")
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# Runs the command in a grandchild forked from this small launcher: a child forked (or
# vforked) straight from the bench would inherit the bench's own peak RSS in its ru_maxrss.
LAUNCHER = """\
import os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.execvp(sys.argv[1], sys.argv[1:])
_pid, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - started, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def timed_child(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one process running `command`; raises if it fails.

    Dirty pages left by whatever ran before (earlier benchmarks in `make bench`, the previous
    side) are written out first, so neither side pays for another's writeback."""
    os.sync()
    done = subprocess.run([sys.executable, "-c", LAUNCHER, *command], capture_output=True,
                          text=True, check=True)  # fmt: skip
    seconds, peak_kib, code = done.stdout.split()
    if code != "0":
        raise RuntimeError(f"{command[:4]} failed ({code}): {done.stderr}")
    return float(seconds), int(peak_kib) / 1024  # Linux reports KiB


def measure(root: Path) -> dict[str, Any]:
    from vrlearn.packages import pack_module

    folder = root / "authoring" / "bench-module"
    size = build_module(folder)
    started = time.perf_counter()
    package = pack_module(folder, root / "bench.vrmod")
    pack_s = time.perf_counter() - started
    with open(package, "rb") as handle:  # into the page cache for both sides
        while handle.read(1 << 20):
            pass
    python = [sys.executable, "-m", "vrlearn"]
    no_fsync = (
        "import sys; from pathlib import Path; from vrlearn.packages import import_module; "
        "import_module(Path(sys.argv[1]), Path(sys.argv[2]), durable=False)"
    )
    unzip_s, import_s, quick_s, rss = [], [], [], []
    for run in range(RUNS):
        target = root / f"unzip-{run}"
        unzip_s.append(timed_child(["unzip", "-q", str(package), "-d", str(target)])[0])
        shutil.rmtree(target)
        data = root / f"data-{run}"
        seconds, peak = timed_child([*python, "--data-dir", str(data), "--content-dir",
                                     str(data / "modules"), "import", str(package)])  # fmt: skip
        import_s.append(seconds)
        rss.append(peak)
        shutil.rmtree(data)
        seconds, _ = timed_child([sys.executable, "-c", no_fsync, str(package), str(data)])
        quick_s.append(seconds)
        shutil.rmtree(data)
    return {
        "bytes": size,
        "package_bytes": package.stat().st_size,
        "pack_s": pack_s,
        "unzip_s": statistics.median(unzip_s),
        "import_s": statistics.median(import_s),
        "import_no_fsync_s": statistics.median(quick_s),
        "peak_rss_mb": max(rss),
    }


def run() -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="vrlearn-bench-import-", dir=_scratch()) as tmp:
        m = measure(Path(tmp))
    mb = m["bytes"] / 1e6
    unzip_rate, import_rate = mb / m["unzip_s"], mb / m["import_s"]
    ratio = import_rate / unzip_rate
    return [
        _row(f"import {mb:.0f} MB, 2,000 files: throughput", import_rate, "MB/s", unzip_rate,
             ">= 0.7x unzip", ratio >= 0.7),
        _row("import: peak memory (child ru_maxrss)", m["peak_rss_mb"], "MB", None, "< 150 MB",
             m["peak_rss_mb"] < 150),
        _row("import without fsync (durability cost)", mb / m["import_no_fsync_s"], "MB/s",
             unzip_rate, "report", True),
        _row("pack the same module", m["pack_s"], "s", None, "report", True),
    ]  # fmt: skip


def _scratch() -> str | None:
    """A scratch folder on a real disk (not a RAM tmpfs) when the default one is tmpfs."""
    return os.environ.get("VRLEARN_BENCH_TMP")


def _row(
    name: str, value: float, unit: str, baseline: float | None, target: str, ok: bool
) -> dict[str, Any]:
    ratio = value / baseline if baseline else None
    return {"name": name, "value": round(value, 2), "unit": unit,
            "baseline": round(baseline, 2) if baseline else None,
            "ratio": round(ratio, 2) if ratio else None, "target": target, "met": ok}  # fmt: skip


if __name__ == "__main__":
    for result in run():
        print(result)
