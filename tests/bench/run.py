"""`make bench`: VR Learn's benchmarks, each against a baseline measured in the same run.

Prints a table and writes the rows to bench-results.json. Timings are medians unless named p95.
Targets are from the issues; a row that misses its target is marked, but the run still exits 0:
benchmarks report, tests decide.
"""

from __future__ import annotations

import compileall
import json
import os
import platform
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.bench import startup, ui_bench  # noqa: E402
from tests.bench.library_fixture import long_page_module, make_content  # noqa: E402
from tests.conftest import CONTENT  # noqa: E402

Row = dict[str, Any]


def row(name: str, value: float, unit: str, baseline: float | None, target: str, ok: bool) -> Row:
    ratio = value / baseline if baseline else None
    return {"name": name, "value": round(value, 2), "unit": unit,
            "baseline": round(baseline, 2) if baseline else None,
            "ratio": round(ratio, 2) if ratio else None, "target": target, "met": ok}  # fmt: skip


def prepared_data_dir(root: Path) -> Path:
    """A data folder with a learner profile, so start-up goes straight to the library."""
    from vrlearn.records import RecordsStore

    data = root / "data"
    store = RecordsStore.open(data / "records")
    store.save_learner("Bench Learner", "Occupational therapist")
    store.close()
    return data


def startup_rows(root: Path, runs: int) -> list[Row]:
    """Start-up with 3 and with 300 modules. The runs are interleaved (bare, 3, 300, the two
    reference list windows, bare, …) so that the app and its baseline see the same load on a
    shared machine; the baseline is the median of all the bare window's runs. The list windows
    (list_window.py) are no target: they show the floor for any window that paints its rows."""
    content_300 = make_content(root / "content-300", 300)
    cases: list[tuple[str, Path, Path, float, list[float]]] = []
    for label, content, limit in (("3", CONTENT, 1.3), ("300", content_300, 1.6)):
        data = prepared_data_dir(root / f"startup-{label}")
        startup.vrlearn_startup(content, data, 1)  # first run builds the library index
        cases.append((label, content, data, limit, []))
    startup.bare_window(1)  # warm-up, like the apps' first runs
    bare_runs: list[float] = []
    pen_runs: list[float] = []
    default_pen_runs: list[float] = []
    for _ in range(runs):
        bare_runs += startup.bare_window(1)
        for _label, content, data, _limit, samples in cases:
            samples += startup.vrlearn_startup(content, data, 1)
        pen_runs += startup.list_window(1)
        default_pen_runs += startup.list_window(1, set_pen=False)
    bare = startup.median_ms(bare_runs)
    rows = [row("start-up: bare PySide6 window", bare, "ms", None, "baseline", True)]
    for label, _content, _data, limit, samples in cases:
        app = startup.median_ms(samples)
        rows.append(row(f"start-up to library shown, {label} modules", app, "ms", bare,
                        f"<= {limit}x bare", app <= limit * bare))  # fmt: skip
    for name, samples in (("reference: list window, rows set their pen", pen_runs),
                          ("reference: list window, default pen", default_pen_runs)):  # fmt: skip
        rows.append(row(name, startup.median_ms(samples), "ms", bare, "reference", True))
    return rows


def gui_rows(root: Path) -> list[Row]:
    searches = ui_bench.search_latency_ms(root / "content-300")
    median_search = sorted(searches)[len(searches) // 2]
    renders, words = ui_bench.page_render_ms(long_page_module(root / "long"))
    median_render = sorted(renders)[len(renders) // 2]
    return [
        row("search as you type, 300 modules (median)", median_search, "ms", None, "<= 30 ms",
            median_search <= 30),
        row("search as you type, 300 modules (p95)", ui_bench.p95(searches), "ms", None,
            "report", True),
        row(f"page render, {words:,} words (median)", median_render, "ms", None, "<= 50 ms",
            median_render <= 50),
    ]  # fmt: skip


def records_rows() -> list[Row]:
    """The records store against TinyDB's default JSONStorage doing the same writes."""
    from tests.bench import records_bench

    rows = []
    for r in records_bench.run():
        target = str(r["target"])
        limit = float(target.split()[1]) if target.startswith("<=") else None
        met = limit is None or float(r["value"]) <= limit
        rows.append(row(r["name"], float(r["value"]), r["unit"], r["baseline_value"], target, met))
    return rows


def video_rows() -> list[Row]:
    """Click to first frame and memory while playing, through the real libVLC backend."""
    from tests.bench import video_bench

    return video_bench.run()


def certificate_rows() -> list[Row]:
    """One certificate to PDF, and the CPD-log PDF of 200 certificates."""
    from tests.bench import certificates_bench

    return certificates_bench.run()


def import_rows() -> list[Row]:
    """Importing a 200 MB, 2,000-file package against unzip of the same file."""
    from tests.bench import import_bench

    return import_bench.run()


def download_rows() -> list[Row]:
    """Downloading 200 MB on loopback against curl from the same server (another process)."""
    from tests.bench import download_bench

    return download_bench.run()


def package_rows(root: Path) -> list[Row]:
    """The packaged app (dist/VRLearn, built first if missing): its size, and its start-up
    against a bare PySide6 window measured in the same run."""
    from tests.bench import package_bench

    return package_bench.run(prepared_data_dir(root / "startup-frozen"))


def print_table(rows: list[Row]) -> None:
    header = f"{'benchmark':<48} {'value':>10} {'baseline':>10} {'ratio':>7}  {'target':<16} met"
    print(header)
    print("-" * len(header))
    for r in rows:
        baseline = f"{r['baseline']:.1f}" if r["baseline"] is not None else "-"
        ratio = f"{r['ratio']:.2f}x" if r["ratio"] is not None else "-"
        value = f"{r['value']:.1f} {r['unit']}"
        print(f"{r['name']:<48} {value:>10} {baseline:>10} {ratio:>7}  {r['target']:<16} "
              f"{'yes' if r['met'] else 'NO'}")  # fmt: skip


def main() -> int:
    runs = 15  # start-up runs of each kind; a shared machine makes single runs noisy
    # An installed or frozen app has bytecode; compile it even where PYTHONDONTWRITEBYTECODE is set.
    compileall.compile_dir(REPO / "vrlearn", quiet=1)
    with tempfile.TemporaryDirectory(prefix="vrlearn-bench-") as tmp:
        root = Path(tmp)
        if not os.environ.get("XDG_RUNTIME_DIR"):  # as a desktop session has (Qt and VLC ask)
            runtime = root / "xdg-runtime"
            runtime.mkdir(mode=0o700)
            os.environ["XDG_RUNTIME_DIR"] = str(runtime)
        rows = startup_rows(root, runs) + gui_rows(root) + records_rows() + video_rows()
        rows += certificate_rows()
        rows += package_rows(root)
        rows += import_rows()
        rows += download_rows()
    print_table(rows)
    results = {"machine": platform.platform(), "python": platform.python_version(), "rows": rows}
    out = REPO / "bench-results.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
