"""Running the self-test checks and reporting them as JSON or as lines for people."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "ok": self.ok, "detail": self.detail}


@dataclass(frozen=True)
class CheckContext:
    """What checks may use: the app's data folder, and a scratch folder of their own."""

    data_dir: Path
    scratch_dir: Path  # a temporary folder (or the folder given with --keep, kept afterwards)
    window: bool = False  # --window: also show a video in a window (needs a display)


Check = Callable[[CheckContext], CheckResult]


def _checks() -> list[tuple[str, Check]]:
    from vrlearn.self_test import basic_checks, certificate_checks, video_checks, vlc_files

    return [
        ("app", basic_checks.check_app),
        ("qt", basic_checks.check_qt),
        ("data_folder", basic_checks.check_data_folder),
        ("records", basic_checks.check_records),
        ("video_backend", video_checks.check_video_backend),
        ("video_playback", video_checks.check_video_playback),
        ("captions", video_checks.check_captions),
        ("certificate", certificate_checks.check_certificate),
        ("vlc_files", vlc_files.check_vlc_files),  # after playback: its plugins are loaded
    ]


#: (name, check) in the order they run; later issues append theirs.
CHECKS: list[tuple[str, Check]] = []


def _window_check() -> tuple[str, Check]:
    from vrlearn.self_test.video_window import check_video_window

    return ("video_window", check_video_window)


def run_checks(context: CheckContext) -> list[CheckResult]:
    if not CHECKS:
        CHECKS.extend(_checks())
    results = []
    for name, check in CHECKS + ([_window_check()] if context.window else []):
        try:
            result = check(context)
        except Exception as error:  # a broken check is a failed check, not a crashed self-test
            log.exception("self-test check %s raised", name)
            result = CheckResult(name, False, f"the check itself failed: {error!r}")
        results.append(result)
    return results


def report(results: list[CheckResult]) -> dict[str, Any]:
    """{"ok": every check passed, "checks": [...]} for `--json`."""
    return {"ok": all(r.ok for r in results), "checks": [r.to_json() for r in results]}


def lines(results: list[CheckResult]) -> list[str]:
    """One line per check for people: "✓ name: detail" or "✗ name: detail"."""
    shown = [f"{'✓' if r.ok else '✗'} {r.name}: {r.detail}" for r in results]
    passed = sum(r.ok for r in results)
    verdict = "all checks passed" if passed == len(results) else "SOME CHECKS FAILED"
    return [*shown, f"{passed} of {len(results)} checks passed: {verdict}"]
