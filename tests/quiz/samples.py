"""Small quizzes built in code, shared by the engine tests."""

from __future__ import annotations

from dataclasses import replace

from vrlearn.quiz.model import (
    MatchingQuestion,
    MatchPair,
    MultipleResponseQuestion,
    Option,
    QuestionFeedback,
    Quiz,
    SingleChoiceQuestion,
    TrueFalseQuestion,
)

SINGLE = SingleChoiceQuestion(
    id="single",
    prompt="When should work be discussed?",
    options=(
        Option("early", "Early, in the first weeks", correct=True, feedback="Yes: early."),
        Option("late", "Only at discharge", feedback="Too late."),
        Option("never", "Never", feedback="It matters to most people."),
        Option("asked", "Only if the patient asks"),
    ),
    feedback=QuestionFeedback(correct="Well done.", incorrect="Not quite.", general="See NG236."),
)

MULTIPLE = MultipleResponseQuestion(
    id="multiple",
    prompt="Which are vocational rehabilitation goals?",
    options=(
        Option("return", "Returning to work", correct=True, feedback="A goal."),
        Option("stay", "Staying in work", correct=True),
        Option("drive", "Passing a driving test"),
        Option("volunteer", "Starting volunteering", correct=True),
        Option("none", "None of these", feedback="Work matters."),
    ),
    feedback=QuestionFeedback(general="Work covers paid, voluntary and study roles."),
)

TRUE_FALSE = TrueFalseQuestion(
    id="true-false",
    prompt="Fatigue is common after stroke.",
    answer=True,
    true_feedback="Right: it is very common.",
    false_feedback="It is in fact very common.",
    feedback=QuestionFeedback(incorrect="Review lesson 2."),
)

MATCHING = MatchingQuestion(
    id="matching",
    prompt="Match each role to a task.",
    pairs=(
        MatchPair("ot", "Occupational therapist", "Workplace assessment"),
        MatchPair("slt", "Speech and language therapist", "Communication at work"),
        MatchPair("emp", "Employer", "Reasonable adjustments"),
    ),
    distractors=("Prescribing medication",),
    feedback=QuestionFeedback(correct="All matched."),
)


def four_kinds(**changes: object) -> Quiz:
    """A quiz with one question of each kind, pass mark 75, changed by keyword arguments."""
    quiz = Quiz(
        id="four-kinds",
        title="Four kinds",
        questions=(SINGLE, MULTIPLE, TRUE_FALSE, MATCHING),
        pass_mark=75,
    )
    return replace(quiz, **changes)  # type: ignore[arg-type]


def bank(size: int, **changes: object) -> Quiz:
    """A bank of `size` true/false questions `b0`, `b1`, ... (all true)."""
    questions = tuple(TrueFalseQuestion(f"b{i}", f"Statement {i}", True) for i in range(size))
    return replace(Quiz("bank", "Bank", questions, pass_mark=50), **changes)  # type: ignore[arg-type]
