"""Torture test of the records store: kills and power cuts while a child process is writing.

Each cycle starts a child process that opens the real store and writes progress events, answers
in progress and quiz submissions as fast as it can. After every call that the store's API
declares durable it prints an acknowledgement line on its stdout pipe:

- ``L <learner>`` after `save_learner` returned;
- ``A <learner> <module> <attempt> <k>`` after `submit_attempt` returned;
- ``P <learner> <module> <page>`` and ``O <learner> <module> <attempt> <k>`` for the progress
  events and answers recorded before a `flush()` (or `close()`) that returned.

The parent SIGKILLs the child 5-150 ms after it is ready, then checks the store:

- kill cycles: only the process dies; the OS keeps what it buffered;
- power cycles: the child records every fsync (file contents by inode, folder listings), and
  after the kill the folder is rebuilt as a power cut could leave it, where fsync is the only
  durability: folders as at their last fsync (or as they are now, when the file system happened
  to commit everything), files that were never fsynced cut at a random byte (torn writes).

Then the store must open with no notice (a file restored from its .bak copy counts as
corrupted too, even if nothing acknowledged was lost: with atomic writes it must never be
needed), `check()` must be ok, and every acknowledged write must be there (else it is lost).

    python tests/torture.py --cycles 200 [--mode mixed|kill|power] [--seed N] [--keep DIR]

prints ``cycles=N corrupted=C lost=L`` and exits 1 if C or L is above 0.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import select
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from vrlearn.records import RecordsError, RecordsStore  # noqa: E402

MODULES = ("m0", "m1", "m2", "m3")
QUIZ = "q"
PAGES_PER_MODULE = 200
KILL_AFTER_S = (0.005, 0.150)
START_TIMEOUT_S = 20.0


# ---------------------------------------------------------------------- the child


class FsyncRecorder:
    """Replaces os.fsync in the child: after each real fsync, log what it made durable."""

    def __init__(self, root: Path, log_path: Path) -> None:
        self.root = root.resolve()
        self.blobs = log_path.parent / "blobs"
        self.blobs.mkdir(exist_ok=True)
        self.log = open(log_path, "a", buffering=1)  # noqa: SIM115 - lives as long as the child
        self.real_fsync = os.fsync
        self.lock = threading.Lock()
        self.count = 0

    def install(self) -> None:
        os.fsync = self.fsync

    def fsync(self, fd: Any) -> None:
        self.real_fsync(fd)
        try:
            path = Path(os.readlink(f"/proc/self/fd/{fd}"))
            rel = path.relative_to(self.root)
        except (OSError, ValueError):
            return  # not in the records folder
        mode = os.fstat(fd).st_mode
        with self.lock:
            if stat.S_ISDIR(mode):
                entries = {
                    e.name: [e.inode(), e.is_dir(follow_symlinks=False)] for e in os.scandir(path)
                }
                line: dict[str, Any] = {"t": "dir", "path": rel.as_posix(), "entries": entries}
            elif stat.S_ISREG(mode):
                self.count += 1
                blob = self.blobs / str(self.count)
                blob.write_bytes(path.read_bytes())
                line = {"t": "file", "ino": os.fstat(fd).st_ino, "blob": blob.name}
            else:
                return
            self.log.write(json.dumps(line) + "\n")


def child(folder: Path, seed: int, power_log: Path | None) -> None:
    """Write through the store until killed, acknowledging durable writes on stdout."""
    if power_log is not None:
        FsyncRecorder(folder, power_log).install()
    rng = random.Random(seed)
    out = sys.stdout

    def ack(*parts: object) -> None:
        out.write(" ".join(str(p) for p in parts) + "\n")
        out.flush()

    delay = rng.choice([0.0, 0.002, 0.02])
    store = RecordsStore.open(folder, write_delay_s=delay)
    learners = [p.learner_id for p in store.learners()]
    while len(learners) < 2 or (len(learners) < 4 and rng.random() < 0.05):
        learners.append(store.save_learner(f"Learner {len(learners)}", "OT").learner_id)
        ack("L", learners[-1])
    # Resume the attempts in progress, as the app does after a crash.
    open_state: dict[tuple[str, str], tuple[str, int]] = {}
    for lid in learners:
        for module in MODULES:
            current = store.open_attempt(lid, module, QUIZ)
            if current is not None:
                open_state[(lid, module)] = (current["attempt_id"], int(current["answers"]["k"]))
    ack("ready")
    pending: list[tuple[object, ...]] = []
    n = 0
    while True:
        n += 1
        lid, module = rng.choice(learners), rng.choice(MODULES)
        op = rng.random()
        if op < 0.55:
            page = f"p{rng.randrange(PAGES_PER_MODULE)}"
            store.mark_page_viewed(lid, module, page)
            store.set_last_position(lid, module, page)
            pending.append(("P", lid, module, page))
        elif op < 0.8:
            attempt_id, k = open_state.get((lid, module), (f"a{seed}-{n}", 0))
            k += 1
            answers = {"k": k, "q1": "x" * (k % 40), "q2": ["a", "c"]}
            store.save_attempt_answers(lid, module, QUIZ, attempt_id, seed, 1, answers)
            open_state[(lid, module)] = (attempt_id, k)
            pending.append(("O", lid, module, attempt_id, k))
        elif op < 0.9:
            attempt_id, k = open_state.pop((lid, module), (f"a{seed}-{n}", 0))
            attempt = {"attempt_id": attempt_id, "seed": seed, "algorithm": 1,
                       "answers": {"k": k}, "score": k, "passed": k > 2}  # fmt: skip
            store.submit_attempt(lid, module, QUIZ, attempt)
            ack("A", lid, module, attempt_id, k)
        elif op < 0.985:
            store.flush()
            for item in pending:
                ack(*item)
            pending.clear()
        else:  # closing saves everything and refreshes the .bak copies: kill that too
            store.close()
            for item in pending:
                ack(*item)
            pending.clear()
            store = RecordsStore.open(folder, write_delay_s=delay)


# ---------------------------------------------------------------------- power-cut simulation

Listing = dict[str, tuple[int, bool, bytes | None]]  # name -> (inode, is folder, content)


def capture(root: Path) -> dict[str, Listing]:
    """Every folder's listing with file contents, as it is now (relative folder -> listing)."""
    tree: dict[str, Listing] = {}
    for folder, dirs, files in os.walk(root):
        rel = Path(folder).relative_to(root).as_posix()
        listing: Listing = {}
        for name in dirs:
            listing[name] = (os.lstat(Path(folder) / name).st_ino, True, None)
        for name in files:
            path = Path(folder) / name
            listing[name] = (os.lstat(path).st_ino, False, path.read_bytes())
        tree[rel] = listing
    return tree


def durable_state(
    baseline: dict[str, Listing], log_path: Path
) -> tuple[dict[str, Listing], dict[int, bytes]]:
    """Folder listings as at their last fsync, each file with its content as fsynced by then,
    and the last fsynced content of every inode."""
    tree = {rel: dict(listing) for rel, listing in baseline.items()}
    synced: dict[int, bytes] = {}
    for listing in baseline.values():
        for ino, is_dir, content in listing.values():
            if not is_dir and content is not None:
                synced[ino] = content
    if log_path.exists():
        for raw in log_path.read_text().splitlines():
            try:
                line = json.loads(raw)
            except ValueError:
                continue  # the last line, cut by the kill
            if line["t"] == "file":
                try:
                    synced[line["ino"]] = (log_path.parent / "blobs" / line["blob"]).read_bytes()
                except OSError:
                    continue
            else:
                rel = "." if line["path"] in ("", ".") else line["path"]
                tree[rel] = {
                    name: (ino, bool(is_dir), None if is_dir else synced.get(ino))
                    for name, (ino, is_dir) in line["entries"].items()
                }
    return tree, synced


def torn(data: bytes, rng: random.Random) -> bytes:
    """What an unsynced file may hold after a power cut: nothing, a prefix, or everything."""
    roll = rng.random()
    if roll < 0.3 or not data:
        return b""
    if roll < 0.8:
        return data[: rng.randrange(len(data))]
    return data


def power_cut(root: Path, baseline: dict[str, Listing], log_path: Path, rng: random.Random) -> str:
    """Rebuild `root` as a power cut could have left it; returns which variant was used."""
    durable, synced_content = durable_state(baseline, log_path)
    now = capture(root)
    variant = rng.choice(["as-synced", "all-committed"])
    tree = durable if variant == "as-synced" else now
    rebuilt = root.with_name(root.name + ".rebuilt")
    shutil.rmtree(rebuilt, ignore_errors=True)

    def build(rel: str, target: Path) -> None:
        target.mkdir()
        for name, (ino, is_dir, content) in tree.get(rel, {}).items():
            child_rel = name if rel == "." else f"{rel}/{name}"
            if is_dir:
                build(child_rel, target / name)
                continue
            if variant == "as-synced":
                data = content if content is not None else torn(_current(now, ino), rng)
            else:
                current = content if content is not None else b""
                data = current if synced_content.get(ino) == current else torn(current, rng)
            (target / name).write_bytes(data)

    build(".", rebuilt)
    shutil.rmtree(root)
    rebuilt.rename(root)
    return variant


def _current(now: dict[str, Listing], ino: int) -> bytes:
    for listing in now.values():
        for entry_ino, is_dir, content in listing.values():
            if entry_ino == ino and not is_dir and content is not None:
                return content
    return b""


# ---------------------------------------------------------------------- the parent


@dataclass
class Acked:
    """Everything the children acknowledged as durable, across cycles."""

    learners: set[str] = field(default_factory=set)
    pages: set[tuple[str, str, str]] = field(default_factory=set)
    submitted: dict[tuple[str, str, str], int] = field(default_factory=dict)
    open: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)

    def add(self, parts: list[str]) -> None:
        kind = parts[0]
        if kind == "L":
            self.learners.add(parts[1])
        elif kind == "P":
            self.pages.add((parts[1], parts[2], parts[3]))
        elif kind == "A":
            self.submitted[(parts[1], parts[2], parts[3])] = int(parts[4])
        elif kind == "O":
            self.open[(parts[1], parts[2])] = (parts[3], int(parts[4]))


@dataclass
class TortureResult:
    cycles: int = 0
    corrupted: int = 0
    lost: int = 0
    acked: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return f"cycles={self.cycles} corrupted={self.corrupted} lost={self.lost}"


def missing_acks(store: RecordsStore, acked: Acked) -> list[str]:
    """Acknowledged writes that are not in the store."""
    missing: list[str] = []
    known = {p.learner_id for p in store.learners()}
    missing += [f"learner {lid}" for lid in sorted(acked.learners - known)]
    viewed: dict[tuple[str, str], frozenset[str]] = {}
    for lid, module, page in sorted(acked.pages):
        key = (lid, module)
        if key not in viewed:
            viewed[key] = store.viewed_items(lid, module)
        if page not in viewed[key]:
            missing.append(f"page {lid[:8]}/{module}/{page}")
    submitted: dict[tuple[str, str], dict[str, int]] = {}
    for (lid, module, attempt_id), k in sorted(acked.submitted.items()):
        if (lid, module) not in submitted:
            submitted[(lid, module)] = {
                a["attempt_id"]: a["answers"]["k"] for a in store.attempts(lid, module, QUIZ)
            }
        if submitted[(lid, module)].get(attempt_id) != k:
            missing.append(f"submitted attempt {lid[:8]}/{module}/{attempt_id}")
    for (lid, module), (attempt_id, k) in sorted(acked.open.items()):
        if attempt_id in {a["attempt_id"] for a in store.attempts(lid, module, QUIZ)}:
            continue  # submitted since: fine
        current = store.open_attempt(lid, module, QUIZ)
        if current is None or current["attempt_id"] != attempt_id or current["answers"]["k"] < k:
            missing.append(f"answers {lid[:8]}/{module}/{attempt_id} (k={k})")
    return missing


def run_cycle(
    folder: Path, work: Path, rng: random.Random, power: bool, acked: Acked
) -> tuple[list[str], int]:
    """One kill; returns (lines the child printed, pending lines ignored)."""
    log_path = work / "fsync.log"
    if power:
        shutil.rmtree(work / "blobs", ignore_errors=True)
        log_path.unlink(missing_ok=True)
    baseline = capture(folder) if power and folder.exists() else {".": {}}
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(folder),
               "--seed", str(rng.randrange(1 << 30))]  # fmt: skip
    if power:
        command += ["--power-log", str(log_path)]
    err_path = work / "child.err"
    with open(err_path, "wb") as err:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err)
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    buffer = b""
    deadline = time.monotonic() + START_TIMEOUT_S
    while b"ready\n" not in buffer:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(fd, 65536) if ready else b""
        if not chunk:
            proc.kill()
            proc.wait()
            raise RuntimeError(f"the writer did not start: {err_path.read_text()[-3000:]}")
        buffer += chunk
    time.sleep(rng.uniform(*KILL_AFTER_S))
    alive = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    buffer += proc.stdout.read()
    proc.stdout.close()
    if not alive:
        raise RuntimeError(f"the writer died by itself: {err_path.read_text()[-3000:]}")
    lines = buffer.decode().split("\n")
    complete, cut = lines[:-1], lines[-1]  # a line without its newline was not acknowledged
    for line in complete:
        if line and line != "ready":
            acked.add(line.split(" "))
    if power:
        power_cut(folder, baseline, log_path, rng)
    return complete, int(bool(cut))


def verify(folder: Path, acked: Acked) -> tuple[list[str], list[str]]:
    """(corruption problems, lost writes) of the store in `folder`."""
    try:
        store = RecordsStore.open(folder)
    except RecordsError as exc:
        return [f"does not open: {exc}"], []
    try:
        lost = missing_acks(store, acked)
        report = store.check()
        corrupt = list(store.notices) + list(report.problems)
    finally:
        store.close()
    return corrupt, lost


def run_torture(
    cycles: int,
    folder: Path,
    *,
    seed: int | None = None,
    mode: str = "mixed",
    log: Callable[[str], None] = lambda line: None,
) -> TortureResult:
    """Run `cycles` kill (or power-cut) cycles against the store in `folder`."""
    seed = random.randrange(1 << 30) if seed is None else seed
    rng = random.Random(seed)
    work = folder.with_name(folder.name + ".torture")
    work.mkdir(parents=True, exist_ok=True)
    acked = Acked()
    result = TortureResult()
    started = time.perf_counter()
    for cycle in range(cycles):
        power = mode == "power" or (mode == "mixed" and cycle % 2 == 1)
        lines, _ = run_cycle(folder, work, rng, power, acked)
        corrupt, lost = verify(folder, acked)
        result.cycles += 1
        result.acked += len(lines)
        kind = "power" if power else "kill"
        if corrupt:
            result.corrupted += 1
            result.problems.append(f"cycle {cycle} ({kind}, seed {seed}): {corrupt[:3]}")
            log(result.problems[-1])
        if lost:
            result.lost += len(lost)
            result.problems.append(f"cycle {cycle} ({kind}, seed {seed}) lost: {lost[:5]}")
            log(result.problems[-1])
        if corrupt or lost:
            break  # the records are no longer a valid basis for the next cycle
    result.seconds = time.perf_counter() - started
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--mode", choices=["mixed", "kill", "power"], default="mixed")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--power-log", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        try:
            child(args.child, args.seed, args.power_log)
        except BaseException:
            traceback.print_exc()
            return 3
        return 0

    seed = random.randrange(1 << 30) if args.seed is None else args.seed
    print(f"torture: {args.cycles} cycles, mode {args.mode}, seed {seed}", flush=True)
    with tempfile.TemporaryDirectory(prefix="vrlearn-torture-") as tmp:
        base = args.keep if args.keep is not None else Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        result = run_torture(args.cycles, base / "records", seed=seed, mode=args.mode, log=print)
    print(f"acknowledged writes: {result.acked}, time: {result.seconds:.1f} s")
    print(result.line())
    return 1 if result.corrupted or result.lost else 0


if __name__ == "__main__":
    sys.exit(main())
