"""Records at scale: progress events and quiz submissions with 10,000 records in the store.

Both stores hold the same 10,000 records: 10 learners, each with 500 module progress records
(5 pages viewed in each) and 500 submitted quiz attempts (100 quizzes x 5 attempts). Then:

- progress event: `mark_page_viewed` of a new page or `set_last_position` (alternating), on a
  random learner and module. Ours is written behind; we also measure how long until it is on
  disk (target <= 1 s).
- quiz submission: `submit_attempt` on a random learner and quiz; on disk (fsynced) when the
  call returns.

The baseline is TinyDB with its default JSONStorage (`tinydb.TinyDB(path)`, one file) doing the
same writes: `Table.update` of the module record, `Table.insert` of the attempt. Note that it
does not fsync, so even its "submission" is not durable when the call returns.

`run()` returns the rows for `make bench`; run as a script to print the table.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from tinydb import Query, TinyDB  # noqa: E402

from vrlearn.records import RecordsStore  # noqa: E402
from vrlearn.records.layout import (  # noqa: E402
    ATTEMPTS_TABLE,
    LEARNERS,
    LEARNERS_TABLE,
    MODULES_TABLE,
    STATE_TABLE,
    STORE,
    attempts_file,
    progress_file,
)
from vrlearn.records.opening import new_meta  # noqa: E402
from vrlearn.records.storage import encode_tinydb  # noqa: E402

LEARNER_COUNT = 10
MODULES_PER_LEARNER = 500
QUIZZES_PER_LEARNER = 100
ATTEMPTS_PER_QUIZ = 5
RECORDS = LEARNER_COUNT * (MODULES_PER_LEARNER + QUIZZES_PER_LEARNER * ATTEMPTS_PER_QUIZ)
NOW = "2030-01-01T09:00:00+00:00"

PROGRESS_SAMPLES = 2000
SUBMIT_SAMPLES = 200
TO_DISK_SAMPLES = 10
BASELINE_SAMPLES = 25

Fill = tuple[list[str], list[dict[str, Any]], list[dict[str, Any]]]


def make_records(seed: int = 1) -> Fill:
    """(learner ids, module progress records, submitted attempts): 10,000 records in all."""
    rng = random.Random(seed)
    learners = [f"{rng.getrandbits(128):032x}" for _ in range(LEARNER_COUNT)]
    modules: list[dict[str, Any]] = []
    attempts: list[dict[str, Any]] = []
    for learner_id in learners:
        for m in range(MODULES_PER_LEARNER):
            viewed = {f"page-{p}": {"first_viewed": NOW, "last_viewed": NOW} for p in range(5)}
            modules.append(
                {
                    "learner_id": learner_id,
                    "module_id": f"module-{m}",
                    "started": NOW,
                    "updated": NOW,
                    "last_position": "page-4",
                    "viewed": viewed,
                }
            )
        for q in range(QUIZZES_PER_LEARNER):
            for a in range(ATTEMPTS_PER_QUIZ):
                attempts.append(attempt_doc(learner_id, f"module-{q}", "quiz", f"a{q}-{a}", rng))
    return learners, modules, attempts


def attempt_doc(
    learner_id: str, module_id: str, quiz_id: str, attempt_id: str, rng: random.Random
) -> dict[str, Any]:
    return {
        "learner_id": learner_id,
        "module_id": module_id,
        "quiz_id": quiz_id,
        "attempt_id": attempt_id,
        "seed": rng.getrandbits(31),
        "algorithm": 1,
        "answers": {f"q{n}": ["a", "c"] if n % 3 else "b" for n in range(8)},
        "score": 75.0,
        "passed": True,
        "submitted": NOW,
    }


def fill_store(folder: Path, fill: Fill) -> None:
    """Write the records straight into the store's files (version 2 layout)."""
    learners, modules, attempts = fill
    folder.mkdir(parents=True)
    (folder / STORE.name).write_bytes(encode_tinydb(new_meta(2)))
    people = {str(n + 1): {"learner_id": lid, "name": f"L{n}", "role": "OT", "created": NOW}
              for n, lid in enumerate(learners)}  # fmt: skip
    state = {"1": {"current_learner_id": learners[0]}}
    (folder / LEARNERS.name).write_bytes(
        encode_tinydb({LEARNERS_TABLE: people, STATE_TABLE: state})
    )
    shards: dict[str, dict[str, dict[str, Any]]] = {}
    for doc in modules:
        table = shards.setdefault(progress_file(doc["learner_id"]), {})
        table[str(len(table) + 1)] = doc
    for name, table in shards.items():
        _write(folder / name, {MODULES_TABLE: table})
    quiz_files: dict[str, dict[str, dict[str, Any]]] = {}
    for doc in attempts:
        name = attempts_file(doc["learner_id"], doc["module_id"], doc["quiz_id"])
        table = quiz_files.setdefault(name, {})
        table[str(len(table) + 1)] = doc
    for name, table in quiz_files.items():
        _write(folder / name, {ATTEMPTS_TABLE: table})


def _write(path: Path, data: dict[str, dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(encode_tinydb(data))


def p95_ms(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[18] * 1000


def bench_ours(folder: Path, fill: Fill, rng: random.Random) -> dict[str, float]:
    learners = fill[0]
    fill_store(folder, fill)
    with RecordsStore.open(folder) as store:
        for learner_id in learners:  # the app reads a learner's progress before recording it
            store.progress_summary(learner_id)
        progress: list[float] = []
        for n in range(PROGRESS_SAMPLES):
            learner_id = rng.choice(learners)
            module_id = f"module-{rng.randrange(MODULES_PER_LEARNER)}"
            record = store.set_last_position if n % 2 else store.mark_page_viewed
            started = time.perf_counter()
            record(learner_id, module_id, f"new-{n}")
            progress.append(time.perf_counter() - started)
            if n % 50 == 49:
                time.sleep(0.02)  # let the background writer run between bursts, as in use
        store.flush()
        to_disk: list[float] = []
        for n in range(TO_DISK_SAMPLES):
            started = time.perf_counter()
            store.mark_page_viewed(learners[0], "module-1", f"disk-{n}")
            while store.has_unsaved_changes:
                time.sleep(0.002)
            to_disk.append(time.perf_counter() - started)
        submits: list[float] = []
        for n in range(SUBMIT_SAMPLES):
            learner_id = rng.choice(learners)
            module_id = f"module-{rng.randrange(QUIZZES_PER_LEARNER)}"
            doc = attempt_doc(learner_id, module_id, "quiz", f"new-{n}", rng)
            started = time.perf_counter()
            store.submit_attempt(learner_id, module_id, "quiz", doc)
            submits.append(time.perf_counter() - started)
        assert store.check().ok
    return {"progress": p95_ms(progress), "submit": p95_ms(submits), "to_disk": p95_ms(to_disk)}


def bench_tinydb(path: Path, fill: Fill, rng: random.Random) -> dict[str, float]:
    learners, modules, attempts = fill
    db = TinyDB(path)  # the default JSONStorage
    db.table("progress").insert_multiple(modules)
    db.table("attempts").insert_multiple(attempts)
    record = Query()
    progress: list[float] = []
    for n in range(BASELINE_SAMPLES):
        learner_id = rng.choice(learners)
        module_id = f"module-{rng.randrange(MODULES_PER_LEARNER)}"
        fields = {"last_position": f"new-{n}", "updated": NOW}
        query = (record.learner_id == learner_id) & (record.module_id == module_id)
        started = time.perf_counter()
        db.table("progress").update(fields, query)
        progress.append(time.perf_counter() - started)
    submits: list[float] = []
    for n in range(BASELINE_SAMPLES):
        learner_id = rng.choice(learners)
        doc = attempt_doc(learner_id, f"module-{n}", "quiz", f"new-{n}", rng)
        started = time.perf_counter()
        db.table("attempts").insert(doc)
        submits.append(time.perf_counter() - started)
    db.close()
    return {"progress": p95_ms(progress), "submit": p95_ms(submits)}


def run() -> list[dict[str, Any]]:
    """Rows {name, value, unit, baseline_value, ratio, target} (ratio = ours / TinyDB)."""
    fill = make_records()
    with tempfile.TemporaryDirectory(prefix="vrlearn-records-bench-") as tmp:
        ours = bench_ours(Path(tmp) / "records", fill, random.Random(2))
        base = bench_tinydb(Path(tmp) / "tinydb.json", fill, random.Random(2))
    return [
        {
            "name": f"records: progress event p95 ({RECORDS:,} records)",
            "value": round(ours["progress"], 3),
            "unit": "ms",
            "baseline_value": round(base["progress"], 1),
            "ratio": round(ours["progress"] / base["progress"], 4),
            "target": "<= 5 ms",
        },
        {
            "name": f"records: quiz submission p95, fsynced ({RECORDS:,} records)",
            "value": round(ours["submit"], 2),
            "unit": "ms",
            "baseline_value": round(base["submit"], 1),
            "ratio": round(ours["submit"] / base["submit"], 4),
            "target": "<= 50 ms",
        },
        {
            "name": "records: progress event to disk p95 (written behind)",
            "value": round(ours["to_disk"], 1),
            "unit": "ms",
            "baseline_value": None,
            "ratio": None,
            "target": "<= 1000 ms",
        },
    ]


def main() -> int:
    rows = run()
    print(f"{'measure':<58} {'ours':>10} {'TinyDB':>10} {'ratio':>8}  target")
    for row in rows:
        base = "-" if row["baseline_value"] is None else f"{row['baseline_value']:.1f}"
        ratio = "-" if row["ratio"] is None else f"{row['ratio']:.4f}"
        print(
            f"{row['name']:<58} {row['value']:>7.3f} {row['unit']} {base:>7} {row['unit']} "
            f"{ratio:>8}  {row['target']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
