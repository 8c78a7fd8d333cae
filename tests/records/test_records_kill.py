"""Kill-safety smoke test: a writer process SIGKILLed at random moments never breaks the store.

A fuller torture test (power cuts, many processes) is a later issue; this one runs 20 kills.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import vrlearn
from tests.records.records_helpers import temp_files
from vrlearn.records import RecordsStore

WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from vrlearn.records import RecordsStore

    folder = Path(sys.argv[1])
    store = RecordsStore.open(folder)
    learner = store.current_learner() or store.save_learner("Kill Test", "Nurse")
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        store.mark_page_viewed(learner.learner_id, f"m{n % 3}", f"page-{n}-{sys.argv[2]}")
        store.set_last_position(learner.learner_id, f"m{n % 3}", f"page-{n}-{sys.argv[2]}")
        if n % 7 == 0:
            store.save_learner(f"Kill Test {n}", "Nurse", learner_id=learner.learner_id)
        if n % 25 == 0:  # closing and opening refresh the .bak copies: kill those too
            store.close()
            store = RecordsStore.open(folder)
    """
)

CYCLES = 20


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_store_always_opens_after_sigkill(records_dir: Path, tmp_path: Path) -> None:
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    env = dict(os.environ)
    source_root = str(Path(vrlearn.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [source_root, env.get("PYTHONPATH")]))
    rng = random.Random()
    seed = rng.randrange(1 << 30)
    rng.seed(seed)
    pages = 0
    for cycle in range(CYCLES):
        delay = rng.uniform(0.0, 0.12)
        where = f"cycle {cycle}, delay {delay:.3f} s, seed {seed}"
        with (
            open(tmp_path / "writer.err", "wb") as err,
            subprocess.Popen(
                [sys.executable, str(script), str(records_dir), str(cycle)],
                stdout=subprocess.PIPE,
                stderr=err,
                env=env,
            ) as proc,
        ):
            assert proc.stdout is not None
            line = proc.stdout.readline()
            if line.strip() != b"ready":
                proc.kill()
                proc.wait()
                pytest.fail(
                    f"writer did not start ({where}): {(tmp_path / 'writer.err').read_text()}"
                )
            time.sleep(delay)
            assert proc.poll() is None, f"writer died by itself ({where})"
            proc.send_signal(signal.SIGKILL)
            assert proc.wait(timeout=10) == -signal.SIGKILL

        with RecordsStore.open(records_dir) as store:
            assert store.notices == [], where
            report = store.check()
            assert report.ok, (where, report.problems)
            assert report.learners == 1, where
            assert report.pages_viewed >= pages, where
            pages = report.pages_viewed
    assert pages > 0
    # Leftover temp files of killed saves are harmless and removed by a later open once stale.
    assert all(Path(name).name.startswith(".") for name in temp_files(records_dir))
