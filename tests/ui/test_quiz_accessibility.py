"""Quiz screens: every control named (options by their words, questions by their prompt)."""

from __future__ import annotations

from pathlib import Path

from vrlearn.quiz.model import ChoiceQuestion, MatchingQuestion
from vrlearn.records import RecordsStore
from vrlearn.ui import messages
from vrlearn.ui.question_widgets import ChoiceBox, MatchingBox
from vrlearn.ui.quiz_text import plain_text

from .conftest import WindowFactory
from .quiz_helpers import click_answer, copy_bundled, open_quiz, right_answer
from .test_accessibility import tab_chain, unnamed_controls


def test_every_quiz_control_is_named(
    content_dir: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    copy_bundled(content_dir)
    copy_bundled(content_dir, "vr-in-services")
    window = open_window(learner_store)
    _reader, quiz_view = open_quiz(window)
    assert unnamed_controls(window) == []
    quiz_view.start_attempt()
    paper = quiz_view.paper_view
    assert paper is not None
    for index, box in enumerate(paper.boxes):
        paper.show_question(index)
        assert unnamed_controls(window) == [], box.accessibleName()
        question = box.entry.question
        assert box.accessibleName() == (f"Question {index + 1} of 8: {plain_text(question.prompt)}")
        assert box.accessibleDescription()
        if isinstance(box, ChoiceBox) and isinstance(question, ChoiceQuestion):
            for option in question.options:
                name = box.option_row(option.id).button.accessibleName()
                assert name == plain_text(option.text) and name
        elif isinstance(box, MatchingBox) and isinstance(question, MatchingQuestion):
            for pair in question.pairs:
                assert box.lists[pair.id].accessibleName() == plain_text(pair.prompt)
        else:
            assert isinstance(box, ChoiceBox)
            names = [row.button.accessibleName() for row in box.rows.values()]
            assert names == ["True", "False"]
        click_answer(box, right_answer(box.entry))
    assert paper.answered_bar.accessibleName() == "Questions answered"
    assert paper.answered_bar.accessibleDescription() == "8 of 8 answered"
    messages.queue_answer("Submit answers")
    assert quiz_view.submit()
    assert unnamed_controls(window) == []
    review = quiz_view.review
    assert review is not None
    assert tab_chain(review.browser, 2) == [review.back_button, review.retake_button]

    _reader, all_on_one = open_quiz(window, "vr-in-services")
    all_on_one.start_attempt()
    assert all_on_one.paper_view is not None and not all_on_one.paper_view.one_per_screen
    assert unnamed_controls(window) == []


def test_markdown_in_options_is_rendered_not_run(
    content_dir: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    folder = copy_bundled(content_dir)
    quiz_file = folder / "quiz.toml"
    text = quiz_file.read_text(encoding="utf-8")
    text = text.replace(
        'text = "Job retention"',
        'text = "**Job** retention <b>raw</b> ![x](images/vr-pathway.svg)"',
    )
    quiz_file.write_text(text, encoding="utf-8")
    window = open_window(learner_store)
    _reader, quiz_view = open_quiz(window)
    quiz_view.start_attempt()
    paper = quiz_view.paper_view
    assert paper is not None
    box = next(b for b in paper.boxes if b.question_id == "kind-of-vr")
    assert isinstance(box, ChoiceBox)
    row = box.option_row("retention")
    assert "<strong>Job</strong>" in row.label.text()
    assert "&lt;b&gt;raw&lt;/b&gt;" in row.label.text()  # raw HTML shows as text
    assert "<img" not in row.label.text()  # images are never loaded by a label
    assert row.button.accessibleName().startswith("Job retention <b>raw</b>")


def test_tab_reaches_the_quiz_where_the_page_would_be(
    content_dir: Path, learner_store: RecordsStore, open_window: WindowFactory
) -> None:
    copy_bundled(content_dir)
    window = open_window(learner_store)
    reader, quiz_view = open_quiz(window)
    assert quiz_view.intro is not None
    assert tab_chain(reader.contents, 1) == [quiz_view.intro.start_button]
    quiz_view.start_attempt()
    paper = quiz_view.paper_view
    assert paper is not None
    box = paper.current_box()
    assert isinstance(box, ChoiceBox)
    first = next(iter(box.rows.values())).button
    assert tab_chain(reader.contents, 1) == [first]
    assert paper.next_button in tab_chain(first, len(box.rows))  # after the options
    assert reader.module is not None
    reader.go_to(reader.module.pages[0].id)
    expected = [reader.browser, reader.previous_button, reader.next_button]
    assert tab_chain(reader.contents, 3) == expected
