"""Quiz items in module.toml: found at load, checked deeply by validate, counted for completion."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import MANIFEST, ModuleFactory
from vrlearn.modules.manifest import load_module
from vrlearn.modules.model import BrokenModule, Module
from vrlearn.modules.progress import missing_items, module_progress
from vrlearn.modules.validate import validate_folders

QUIZ_ITEM = """
  [[lessons.items]]
  type = "quiz"
  id = "check"
  title = "Knowledge check"
  file = "quiz.toml"

[completion]"""

QUIZ = """\
format = 1
id = "test-check"
title = "Check"
pass_mark = 80

[[questions]]
id = "q1"
type = "true-false"
prompt = "Work can be unpaid."
answer = true
"""


def module_with_quiz(make_module: ModuleFactory, quiz: str | None = QUIZ) -> Path:
    manifest = MANIFEST.format(id="quiz-module", title="T").replace("\n[completion]", QUIZ_ITEM)
    pages: dict[str, str | bytes] = {"quiz.toml": quiz} if quiz is not None else {}
    return make_module("quiz-module", manifest=manifest, pages=pages)


def test_quiz_counts_towards_completion(make_module: ModuleFactory) -> None:
    module = load_module(module_with_quiz(make_module))
    assert isinstance(module, Module)
    assert [item.id for item in module.quizzes] == ["check"]
    pages_only = frozenset({"page-one", "page-two"})
    assert module_progress(module, pages_only).label == "66 %"
    assert [item.id for item in missing_items(module, pages_only)] == ["check"]
    assert module_progress(module, pages_only | {"check"}).completed


def test_missing_quiz_file_is_refused_at_load(make_module: ModuleFactory) -> None:
    loaded = load_module(module_with_quiz(make_module, quiz=None))
    assert isinstance(loaded, BrokenModule)
    assert loaded.reason == "lessons[0].items[2].file: quiz file not found: quiz.toml"


def test_validate_reports_a_broken_quiz_with_its_line(make_module: ModuleFactory) -> None:
    folder = module_with_quiz(make_module, quiz=QUIZ.replace("pass_mark = 80", "pass_mark = 120"))
    result = validate_folders([folder])
    assert not result.ok
    (problem,) = result.problems
    assert (problem.path, problem.line, problem.field) == (folder / "quiz.toml", 4, "pass_mark")
    assert "120 is out of range" in problem.message
