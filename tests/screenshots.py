"""Write screenshots of the library, the reader and a quiz for the docs: `make screenshots`.

Usage: python tests/screenshots.py OUTPUT_DIR (run under Xvfb with QT_QPA_PLATFORM=xcb).

Starts VR Learn on the bundled content/ modules with a throw-away data folder that already holds
a profile and a little progress, then saves OUTPUT_DIR/library.png and OUTPUT_DIR/reader.png
(the reader on the page with the pathway diagram of vr-essentials, when that module is present),
OUTPUT_DIR/video.png (its overview video playing with a caption on the picture and the
transcript beside it; libVLC draws in its own window, so this one is grabbed from the screen),
OUTPUT_DIR/quiz-question.png (a question of that module's quiz, partly answered) and
OUTPUT_DIR/quiz-review.png (the review after submitting, with right and wrong answers) and
OUTPUT_DIR/library-import.png (the File menu open on Import module…),
OUTPUT_DIR/get-modules.png (the Get modules screen mid-download, from a catalogue served on
loopback whose package route sends part of the file and then goes quiet, so the picture always
catches the download part-way).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QApplication, QTextBrowser

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run from a source checkout without installing

from vrlearn.app import build_main_window, create_application  # noqa: E402
from vrlearn.media.choose import BackendChoice, choose_backend  # noqa: E402
from vrlearn.media.probe import probe_video  # noqa: E402
from vrlearn.modules.model import Module  # noqa: E402
from vrlearn.paths import AppPaths  # noqa: E402
from vrlearn.quiz.attempt import Response  # noqa: E402
from vrlearn.quiz.engine import build_attempt, score  # noqa: E402
from vrlearn.quiz.model import (  # noqa: E402
    ChoiceQuestion,
    MultipleResponseQuestion,
    TrueFalseQuestion,
)
from vrlearn.quiz.record import new_attempt_id, new_seed, submitted_attempt, utc_now  # noqa: E402
from vrlearn.quiz.toml_quiz import load_quiz  # noqa: E402
from vrlearn.records import RecordsStore  # noqa: E402
from vrlearn.settings import Settings, save_settings  # noqa: E402
from vrlearn.ui import messages, quiz_view  # noqa: E402
from vrlearn.ui.main_window import MainWindow  # noqa: E402
from vrlearn.ui.question_widgets import ChoiceBox  # noqa: E402
from vrlearn.ui.quiz_view import QuizView  # noqa: E402
from vrlearn.ui.reader_view import ReaderView  # noqa: E402
from vrlearn.ui.video_hooks import hooks  # noqa: E402

WINDOW_SIZE = (1200, 760)
WRONG_QUESTION = 1  # the quiz screenshots answer this question (0-based) wrongly
VIDEO_START = 7.4  # seconds: the video screenshot shows the slide and caption from here on
VIDEO_WATCHED = [[0.0, 31.0]]  # what the learner had watched before (about half)
DIAGRAM_MODULE = "vr-essentials"
QUIZ_SEED = 2  # one fixed paper, so the quiz pictures change only when the quiz or screen does


def settle(app: QApplication, seconds: float = 0.4) -> None:
    """Let Qt lay out and paint for a moment."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def page_with_diagram(module: Module) -> str | None:
    """The first page of `module` whose Markdown shows an SVG image."""
    for item in module.pages:
        try:
            if ".svg" in module.item_path(item).read_text(encoding="utf-8"):
                return item.id
        except OSError:
            continue
    return None


def pass_quizzes(store: RecordsStore, learner_id: str, module: Module) -> None:
    """Record a passing attempt (every answer right) at each quiz of `module`."""
    for item in module.quizzes:
        quiz = load_quiz(module.item_path(item))
        if isinstance(quiz, list):
            continue
        paper = build_attempt(quiz, new_seed())
        answers: dict[str, Response] = {}
        for entry in paper.questions:
            question = entry.question
            if isinstance(question, MultipleResponseQuestion):
                answers[question.id] = question.correct_option_ids
            elif isinstance(question, ChoiceQuestion):
                answers[question.id] = next(iter(question.correct_option_ids))
            elif isinstance(question, TrueFalseQuestion):
                answers[question.id] = question.answer
            else:
                answers[question.id] = {pair.id: pair.answer for pair in question.pairs}
        attempt = submitted_attempt(
            attempt_id=new_attempt_id(),
            quiz_item_id=item.id,
            module_version=module.version,
            paper=paper,
            answers=answers,
            result=score(paper, answers),
            started=utc_now(),
        )
        store.submit_attempt(learner_id, module.id, item.id, attempt)


def add_sample_progress(store: RecordsStore, learner_id: str, modules: list[Module]) -> None:
    """One module completed and one part-way through, so the library shows every state."""
    ordered = sorted(modules, key=lambda module: module.id)
    for index, module in enumerate(ordered):
        pages = module.pages
        if module.id == DIAGRAM_MODULE:
            viewed = pages[:2]
        elif index == len(ordered) - 1:
            viewed = pages
            pass_quizzes(store, learner_id, module)
        else:
            continue
        for item in viewed:
            store.mark_page_viewed(learner_id, module.id, item.id)


def scroll_to_first_image(browser: QTextBrowser) -> None:
    """Scroll the page so that its first image is in view, from the heading above it."""
    document = browser.document()
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            if fragments.fragment().charFormat().isImageFormat():
                start = block
                for _ in range(4):
                    if start.blockFormat().headingLevel() or not start.previous().isValid():
                        break
                    start = start.previous()
                top = document.documentLayout().blockBoundingRect(start).top()
                gap = browser.fontMetrics().height() * 2
                browser.verticalScrollBar().setValue(int(top - gap))
                return
            fragments += 1
        block = block.next()


def take_quiz(app: QApplication, reader: ReaderView, window: MainWindow, output: Path) -> None:
    """Answer the module's quiz (mostly right), saving a question and then the review."""
    module = reader.module
    quiz_item = module.quizzes[0] if module is not None and module.quizzes else None
    if quiz_item is None:
        return
    reader.go_to(quiz_item.id)
    quiz_view = reader.quiz_view
    assert isinstance(quiz_view, QuizView)
    quiz_view.start_attempt()
    paper = quiz_view.paper_view
    assert paper is not None
    shown = next(
        (n for n, box in enumerate(paper.boxes) if isinstance(box.entry.question, ChoiceQuestion)),
        0,
    )
    for index, box in enumerate(paper.boxes):
        question = box.entry.question
        if isinstance(box, ChoiceBox) and isinstance(question, ChoiceQuestion):
            right = question.correct_option_ids
            wrong = next(o.id for o in question.options if not o.correct)
            wanted = {wrong} if index == WRONG_QUESTION else set(right)
            if isinstance(question, MultipleResponseQuestion):
                wanted = set(right)
            for key in wanted:
                box.option_row(key).button.click()
        elif isinstance(box, ChoiceBox):  # true/false
            box.set_answer(getattr(question, "answer", True))
        if index == shown:
            break
    paper.show_question(shown)
    QCursor.setPos(window.mapToGlobal(window.rect().bottomLeft()))  # no hover on the options
    settle(app)
    save(window, output / "quiz-question.png")

    for index, box in enumerate(paper.boxes):
        question = box.entry.question
        if index <= shown:
            continue
        if isinstance(box, ChoiceBox) and isinstance(question, ChoiceQuestion):
            wrong_one = index == WRONG_QUESTION
            keys = question.correct_option_ids
            if wrong_one:
                keys = frozenset({next(o.id for o in question.options if not o.correct)})
            for key in keys:
                box.option_row(key).button.click()
        elif isinstance(box, ChoiceBox):
            box.set_answer(getattr(question, "answer", True))
        else:
            pairs = getattr(question, "pairs", ())
            box.set_answer({pair.id: pair.answer for pair in pairs})
    messages.set_dialogs_enabled(False)
    messages.queue_answer("Submit answers")
    quiz_view.submit()
    messages.set_dialogs_enabled(True)
    settle(app)
    review = quiz_view.review
    if review is not None:  # show the wrong answer and its feedback, then a right one
        review.browser.scrollToAnchor(f"question-{WRONG_QUESTION + 1}")
        bar = review.browser.verticalScrollBar()
        bar.setValue(bar.value() - review.browser.fontMetrics().height())  # a little air above
    settle(app)
    save(window, output / "quiz-review.png")


FATIGUE = "Recognising post-stroke fatigue at work and planning paced, graded tasks with employers."
DRIVING = "When and how stroke survivors can return to driving, and the DVLA rules that apply."
RETENTION = "Keeping a job after stroke: early contact, adjustments and a plan the employer agrees."
CATALOGUE = (  # (copied from, id, new title, new summary, version, minimum VR Learn version)
    ("vr-essentials", "vr-essentials", None, None, "1.0.0", "0.1.0"),  # installed
    ("assessing-work", "assessing-work", None, None, "1.1.0", "0.1.0"),  # an update
    ("vr-in-services", "fatigue-at-work", "Managing fatigue at work", FATIGUE, "1.0.0", "0.1.0"),
    ("vr-in-services", "return-to-driving", "Returning to driving", DRIVING, "1.0.0", "0.1.0"),
    ("assessing-work", "job-retention", "Job retention after stroke", RETENTION, "1.0.0", "2.0.0"),
)
DOWNLOADING = "fatigue-at-work"  # its route goes quiet part-way, so it is mid-download on screen


def manifest_value(text: str, key: str) -> str:
    """The first top-level `key = "value"` of a module.toml."""
    line = next(line for line in text.splitlines() if line.startswith(f"{key} ="))
    return line.split("=", 1)[1].strip().strip('"')


CatalogueRow = tuple[str, str, str | None, str | None, str, str]


def catalogue_entry(row: CatalogueRow, folder: Path) -> dict[str, object]:
    """Pack a copy of a bundled module (another id, title or version) into `folder`; its entry."""
    from vrlearn.packages import pack_module

    source, module_id, title, summary, version, min_app = row
    copy = folder / "authoring" / module_id
    shutil.copytree(REPO / "content" / source, copy)
    manifest = copy / "module.toml"
    text = manifest.read_text(encoding="utf-8")
    text = text.replace(f'id = "{source}"', f'id = "{module_id}"', 1)
    text = text.replace('version = "1.0.0"', f'version = "{version}"', 1)
    if title is not None:
        text = text.replace(f'title = "{manifest_value(text, "title")}"', f'title = "{title}"', 1)
    if summary is not None:
        old = manifest_value(text, "summary")
        text = text.replace(f'summary = "{old}"', f'summary = "{summary}"', 1)
    manifest.write_text(text, encoding="utf-8")
    (folder / "packages").mkdir(exist_ok=True)
    file = pack_module(copy, folder / "packages" / f"{module_id}-{version}.vrmod")
    data = file.read_bytes()
    return {
        "id": module_id,
        "version": version,
        "title": manifest_value(text, "title"),
        "summary": manifest_value(text, "summary"),
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "url": f"packages/{file.name}",
        "min_app_version": min_app,
    }


def file_menu(app: QApplication, window: MainWindow, output: Path) -> None:
    """The library with File open on Import module… (menus are windows: grabbed from the screen)."""
    bar = window.menuBar()
    menu = bar.actions()[0].menu()
    menu.popup(bar.mapToGlobal(bar.actionGeometry(bar.actions()[0]).bottomLeft()))
    menu.setActiveAction(window.commands.import_module)
    settle(app)
    grab_screen(window, output / "library-import.png")
    menu.close()
    settle(app, 0.2)


def get_modules(app: QApplication, window: MainWindow, paths: AppPaths, output: Path) -> None:
    """The Get modules screen with one download part-way, one update and one installed module."""
    from tests.catalogue.loopback import LoopbackServer, Route

    with tempfile.TemporaryDirectory(prefix="vrlearn-feed-") as temp, LoopbackServer() as server:
        folder = Path(temp)
        entries = [catalogue_entry(row, folder) for row in CATALOGUE]
        for entry in entries:
            data = (folder / str(entry["url"])).read_bytes()
            quiet_after = len(data) * 60 // 100 if entry["id"] == DOWNLOADING else None
            server.routes[f"/{entry['url']}"] = Route(
                body=data, stall_after=quiet_after, stall_seconds=60
            )
        feed = json.dumps({"format": 1, "modules": entries}).encode("utf-8")
        server.routes["/catalogue.json"] = Route(body=feed, content_type="application/json")
        settings = Settings().with_catalogue_url(server.url("/catalogue.json"))
        save_settings(paths.settings_file, settings)
        window.show_library()
        view = window.show_get_modules()
        deadline = time.monotonic() + 20
        while view.refresh_job is not None and view.refresh_job.running:
            if time.monotonic() > deadline:
                raise SystemExit(f"the catalogue was not fetched: {view.state_label.text()}")
            settle(app, 0.05)
        row = view.rows.get(DOWNLOADING)
        if row is None:
            raise SystemExit(f"Get modules did not list {DOWNLOADING}: {view.state_label.text()}")
        view.start_download(row.entry)
        while row.bar.value() <= 0 and time.monotonic() < deadline:
            settle(app, 0.05)
        QCursor.setPos(window.mapToGlobal(window.rect().bottomLeft()))
        settle(app)
        save(window, output / "get-modules.png")
        view.pause_downloads()
        settle(app)
        window.show_library()


def silent_player(parent: QObject | None) -> BackendChoice:
    """The usual player, without sound output (there is no sound device under Xvfb)."""
    return choose_backend(audio_output=False, parent=parent)


def play_video(app: QApplication, reader: ReaderView, window: MainWindow, output: Path) -> None:
    """Play the module's video from part-way through and grab the screen once a caption shows."""
    module = reader.module
    video_item = module.videos[0] if module is not None and module.videos else None
    if video_item is None:
        return
    reader.go_to(video_item.id)
    view = reader.video_view
    if view is None or view.backend is None:
        return
    view.play()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and view.backend.position < VIDEO_START + 1.6:
        settle(app, 0.05)
    QCursor.setPos(window.mapToGlobal(window.rect().bottomLeft()))
    settle(app, 0.3)
    grab_screen(window, output / "video.png")
    view.pause()


def grab_screen(window: MainWindow, path: Path) -> None:
    """The window as it is on the screen, video included (`QWidget.grab` cannot see libVLC)."""
    frame = window.frameGeometry()
    screen = window.screen() or QGuiApplication.primaryScreen()
    shot = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
    if not shot.save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path}")


def save(window: MainWindow, path: Path) -> None:
    if not window.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path}")


def main(argv: list[str]) -> int:
    output = Path(argv[1] if len(argv) > 1 else "docs/screenshots")
    output.mkdir(parents=True, exist_ok=True)
    app = create_application(argv[:1])
    hooks.make_backend = silent_player
    quiz_view.new_seed = lambda: QUIZ_SEED
    with tempfile.TemporaryDirectory(prefix="vrlearn-screens-") as data:
        paths = AppPaths.create(Path(data), (REPO / "content",))
        store = RecordsStore.open(paths.records_dir)
        try:
            learner = store.save_learner("Alex Morgan", "Occupational therapist")
            window = build_main_window(paths, store)
            modules = list(window.library_view.model.modules())
            add_sample_progress(store, learner.learner_id, modules)
            module = next((m for m in modules if m.id == DIAGRAM_MODULE), modules[0])
            for video in module.videos:
                length = probe_video(module.item_path(video)).duration
                lid = learner.learner_id
                store.save_video_state(lid, module.id, video.id, VIDEO_START, VIDEO_WATCHED, length)
            window.session.set_modules(modules)
            window.library_view.set_all_progress(window.session.progress_summary())
            window.resize(*WINDOW_SIZE)
            window.move(0, 0)
            window.show()
            settle(app)
            save(window, output / "library.png")
            file_menu(app, window, output)

            reader = window.open_module(module)
            page = page_with_diagram(module)
            if page is not None:
                reader.go_to(page)
                settle(app)
                scroll_to_first_image(reader.browser)
            settle(app)
            save(window, output / "reader.png")
            play_video(app, reader, window, output)
            take_quiz(app, reader, window, output)
            get_modules(app, window, paths, output)
            window.close()
        finally:
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
