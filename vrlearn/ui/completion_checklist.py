"""The module's completion checklist as safe HTML: what is done, and what is still missing.

Marks are text ("✓ Done", "☐ To do"), so nothing depends on colour. Once nothing is missing the
checklist says "Module completed".
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from vrlearn.modules.contents import Item
from vrlearn.modules.model import Module
from vrlearn.modules.progress import missing_items, watched_percent

COMPLETED = "✓ Module completed"


def _what(item: Item, quiz_outcomes: Mapping[str, bool], coverage: Mapping[str, float]) -> str:
    if item.video is not None:
        needed = item.video.required_coverage
        watched = watched_percent(coverage.get(item.id))
        return (
            f"watch at least {needed} % of the video “{escape(item.title)}” "
            f"<span class='meta'>({watched} % watched so far)</span>"
        )
    if item.is_quiz:
        state = "not passed yet" if item.id in quiz_outcomes else "not attempted"
        return f"pass the quiz “{escape(item.title)}” <span class='meta'>({state})</span>"
    return f"read “{escape(item.title)}”"


def checklist_html(
    module: Module,
    done: frozenset[str],
    quiz_outcomes: Mapping[str, bool] | None = None,
    video_coverage: Mapping[str, float] | None = None,
) -> str:
    """The checklist for the overview; empty for a module with nothing to complete."""
    counted = module.counted_items()
    if not counted:
        return ""
    outcomes = quiz_outcomes or {}
    missing = missing_items(module, done)
    finished = len(counted) - len(missing)
    parts = ["<h2>Your checklist</h2>"]
    if not missing:
        parts.append(f"<p class='done'><b>{COMPLETED}.</b> You have done everything it asks.</p>")
        return "".join(parts)
    parts.append(f"<p>{finished} of {len(counted)} done. Still to do:</p>")
    coverage = video_coverage or {}
    rows = "".join(f"<li>☐ To do: {_what(item, outcomes, coverage)}</li>" for item in missing)
    parts.append(f"<ul class='checklist'>{rows}</ul>")
    return "".join(parts)
