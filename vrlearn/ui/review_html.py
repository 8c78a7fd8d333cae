"""The review of a submitted attempt as safe HTML: each question, both answers, and the feedback.

Right and wrong are said in words with a mark ("✓ Correct", "✗ Incorrect"); colour only accents
them. All quiz text is Markdown rendered without raw HTML or images; matching answers are escaped.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from html import escape

from vrlearn.quiz.attempt import AttemptPaper, AttemptResult, PaperQuestion, Response
from vrlearn.quiz.model import ChoiceQuestion, MatchingQuestion, TrueFalseQuestion
from vrlearn.ui.quiz_text import inline_html, markdown_html

RIGHT = "✓ Correct"
WRONG = "✗ Incorrect"
NOT_ANSWERED = "✗ Incorrect (not answered)"


def review_html(paper: AttemptPaper, answers: Mapping[str, Response], result: AttemptResult) -> str:
    """Every question of the paper, in paper order, marked and with its feedback."""
    total = len(paper.questions)
    questions = []
    for number, entry in enumerate(paper.questions, start=1):
        parts = []
        marked = result.result_for(entry.question.id)
        correct = marked is not None and marked.correct
        answered = marked is not None and marked.answered
        verdict = RIGHT if correct else WRONG if answered else NOT_ANSWERED
        css = "right" if correct else "wrong"
        parts.append(
            f"<h3><a name='question-{number}'></a>Question {number} of {total} &nbsp;·&nbsp; "
            f"<span class='{css}'>{verdict}</span></h3>"
        )
        parts.append(markdown_html(entry.question.prompt))
        parts.append(_answers_html(entry, answers.get(entry.question.id)))
        feedback = marked.feedback if marked is not None else ()
        if feedback:
            texts = "".join(markdown_html(text) for text in feedback)
            parts.append(
                "<table class='feedback' width='100%' cellpadding='10'><tr><td>"
                f"<p class='label'>Feedback</p>{texts}</td></tr></table>"
            )
        questions.append("".join(parts))
    return "<hr/>".join(questions)


def _line(label: str, html: str) -> str:
    return f"<p><b>{label}:</b> {html}</p>"


def _list(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _answers_html(entry: PaperQuestion, response: Response | None) -> str:
    question = entry.question
    if isinstance(question, MatchingQuestion):
        return _matching_html(question, response)
    if isinstance(question, TrueFalseQuestion):
        given = "Not answered" if not isinstance(response, bool) else str(response)
        return _line("Your answer", given) + _line("Right answer", str(question.answer))
    assert isinstance(question, ChoiceQuestion)
    if isinstance(response, str):
        chosen = {response}
    elif isinstance(response, Collection) and not isinstance(response, Mapping):
        chosen = {str(key) for key in response}
    else:
        chosen = set()
    by_id = {option.id: option for option in question.options}
    yours = [inline_html(by_id[key].text) for key in entry.order if key in chosen]
    right = [inline_html(by_id[key].text) for key in entry.order if by_id[key].correct]
    label = "Right answers" if len(right) > 1 else "Right answer"
    your_label = "Your answers" if len(yours) > 1 else "Your answer"
    return _line(your_label, _list(yours) if yours else "Not answered") + _line(label, _list(right))


def _matching_html(question: MatchingQuestion, response: Response | None) -> str:
    chosen = response if isinstance(response, Mapping) else {}
    rows = []
    for pair in question.pairs:
        given = chosen.get(pair.id)
        mark = "✓" if given == pair.answer else "✗"
        css = "right" if given == pair.answer else "wrong"
        yours = escape(given) if given else "Not answered"
        rows.append(
            f"<tr><td>{inline_html(pair.prompt)}</td><td><span class='{css}'>{mark}</span> "
            f"{yours}</td><td>{escape(pair.answer)}</td></tr>"
        )
    return (
        "<table class='matching' width='100%' cellpadding='6' cellspacing='0' border='1'>"
        "<tr><th align='left'>Prompt</th><th align='left'>Your answer</th>"
        "<th align='left'>Right answer</th></tr>" + "".join(rows) + "</table>"
    )
