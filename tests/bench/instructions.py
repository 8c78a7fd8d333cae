"""`make bench-instructions`: start-up counted in instructions, which a busy machine cannot blur.

Wall-clock start-up on the 2-core bench machine moves by 15 % or more from one batch of runs to the
next, more than most start-up changes are worth. Valgrind's callgrind counts the instructions a
process runs, the same from run to run within about 0.1 %, so a change can be judged from one run.
Counts leave out waiting (disk, scheduling) and system calls, and each process runs to its exit,
so they complement `make bench`, never replace it.

Counted: the bare PySide6 window, the two reference list windows and VR Learn with 3 and with 300
modules (each started once beforehand, so its library index exists, as on a learner's laptop).
"""

from __future__ import annotations

import compileall
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.bench import startup  # noqa: E402
from tests.bench.library_fixture import CONTENT, make_content  # noqa: E402
from tests.bench.run import prepared_data_dir  # noqa: E402

COLLECTED = re.compile(r"Collected : (\d+)")


def instructions(command: list[str]) -> int:
    """Instructions `command` runs from start to exit, counted by callgrind."""
    valgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    result = subprocess.run(
        [*valgrind, *command], cwd=REPO, env=startup.bench_env(), capture_output=True,
        text=True, timeout=600, check=False,
    )  # fmt: skip
    found = COLLECTED.search(result.stderr)
    if result.returncode != 0 or found is None:
        raise RuntimeError(f"{command} under callgrind failed: {result.stderr[-2000:]}")
    return int(found.group(1))


def main() -> int:
    if shutil.which("valgrind") is None:
        print("valgrind is needed: sudo apt-get install valgrind", file=sys.stderr)
        return 1
    python = sys.executable
    bench = REPO / "tests" / "bench"
    compileall.compile_dir(REPO / "vrlearn", quiet=1)  # as run.py: the app as installed
    with tempfile.TemporaryDirectory(prefix="vrlearn-instructions-") as tmp:
        root = Path(tmp)
        if not os.environ.get("XDG_RUNTIME_DIR"):  # as run.py: as a desktop session has
            runtime = root / "xdg-runtime"
            runtime.mkdir(mode=0o700)
            os.environ["XDG_RUNTIME_DIR"] = str(runtime)
        cases: list[tuple[str, list[str]]] = [
            ("bare PySide6 window", [python, str(bench / "bare_window.py")]),
            ("reference: list window, rows set their pen", [python, str(bench / "list_window.py")]),
            ("reference: list window, default pen",
             [python, str(bench / "list_window.py"), "--default-pen"]),
        ]  # fmt: skip
        for label, content in (("3", CONTENT), ("300", make_content(root / "content-300", 300))):
            data = prepared_data_dir(root / f"startup-{label}")
            startup.vrlearn_startup(content, data, 1)  # writes the library index
            command = [python, "-m", "vrlearn", "--data-dir", str(data), "--content-dir",
                       str(content)]  # fmt: skip
            cases.append((f"VR Learn to library shown, {label} modules", command))
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            counts = list(pool.map(instructions, [command for _, command in cases]))
    bare = counts[0]
    print(f"{'start-up, whole process':<48} {'instructions':>14} {'ratio':>7}")
    print("-" * 71)
    rows = []
    for (name, _), count in zip(cases, counts, strict=True):
        print(f"{name:<48} {count / 1e6:>12.1f} M {count / bare:>6.2f}x")
        rows.append({"name": name, "instructions": count, "ratio": round(count / bare, 3)})
    out = REPO / "bench-instructions.json"
    out.write_text(json.dumps({"rows": rows}, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
