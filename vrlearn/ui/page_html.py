"""The HTML around a rendered page: its lesson, and what to show when the page cannot open."""

from __future__ import annotations

from html import escape


def page_html(lesson_title: str, page_title: str, body: str) -> str:
    """A rendered page under its lesson name; adds the page title if the page has no heading."""
    heading = "" if body.lstrip().startswith("<h1") else f"<h1>{escape(page_title)}</h1>"
    return f"<p class='crumb'>{escape(lesson_title)}</p>{heading}{body}"


def problem_html(page_title: str, message: str) -> str:
    """Shown in place of a page that cannot be read; the learner can carry on with the others."""
    return (
        f"<h1>{escape(page_title)}</h1>"
        "<p class='problem'>⚠ This page cannot be shown.</p>"
        f"<p>{escape(message)}</p>"
        "<p>You can carry on with the other pages. Please tell whoever looks after your "
        "training modules, so the module can be fixed.</p>"
    )
