"""The first screen of a module: what it covers, who it is for, how long it takes, its sources."""

from __future__ import annotations

from html import escape

from vrlearn.modules.contents import Lesson
from vrlearn.modules.model import Module


def _list(items: list[str], tag: str = "ul") -> str:
    return f"<{tag}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def _counts(lesson: Lesson) -> str:
    pages = sum(1 for item in lesson.items if item.is_page)
    quizzes = sum(1 for item in lesson.items if item.is_quiz)
    parts = []
    if pages or not quizzes:
        parts.append("1 page" if pages == 1 else f"{pages} pages")
    if quizzes:
        parts.append("1 quiz" if quizzes == 1 else f"{quizzes} quizzes")
    return ", ".join(parts)


def overview_html(module: Module, progress_label: str = "", checklist: str = "") -> str:
    """Safe HTML for the module overview; every value from the manifest is escaped.

    `checklist` is already safe HTML (see `completion_checklist`), shown below the facts.
    """
    facts = [f"<b>Time:</b> about {module.estimated_minutes} min"]
    if module.audience:
        facts.append(f"<b>For:</b> {escape(', '.join(module.audience))}")
    if progress_label:
        facts.append(f"<b>Your progress:</b> {escape(progress_label)}")
    parts = [
        "<p class='crumb'>Module overview</p>",
        f"<h1>{escape(module.title)}</h1>",
        f"<p>{escape(module.summary)}</p>",
        f"<p class='meta'>{' &nbsp;·&nbsp; '.join(facts)}</p>",
    ]
    if checklist:
        parts.append(checklist)
    if module.learning_outcomes:
        parts.append("<h2>Learning outcomes</h2>")
        parts.append("<p>By the end of this module you will be able to:</p>")
        parts.append(_list([escape(outcome) for outcome in module.learning_outcomes]))
    lessons = []
    for lesson in module.lessons:
        lessons.append(f"{escape(lesson.title)} <span class='meta'>({_counts(lesson)})</span>")
    if lessons:
        parts.append("<h2>Lessons</h2>" + _list(lessons, "ol"))
    parts.append("<p>Press <b>Next</b> (Alt+Right) to begin.</p>")
    if module.references:
        references = [
            escape(reference.citation)
            + (f" <span class='url'>{escape(reference.url)}</span>" if reference.url else "")
            for reference in module.references
        ]
        parts.append("<h2>References</h2>" + _list(references, "ol"))
    credits = [escape(a.name) + (f" ({escape(a.role)})" if a.role else "") for a in module.authors]
    about = f"Version {escape(module.version)} · Licence: {escape(module.licence)}"
    if credits:
        about = f"Written by {', '.join(credits)}. {about}"
    parts.append(f"<p class='meta'>{about}</p>")
    return "".join(parts)
