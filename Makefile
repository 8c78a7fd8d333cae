# VR Learn — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint typecheck pytest bench bench-instructions torture system-deps screenshots package smoke clean

run: $(STAMP) system-deps
	$(PY) -m vrlearn --content-dir content

test: $(STAMP) system-deps lint typecheck pytest

system-deps:
	@.ci/system-deps

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

lint: $(STAMP)
	$(VENV)/bin/ruff check vrlearn tests content packaging
	$(VENV)/bin/ruff format --check vrlearn tests content packaging

typecheck: $(STAMP)
	$(VENV)/bin/mypy
	$(VENV)/bin/mypy packaging/*.py

# Most tests run offscreen; the few that need a real window run under Xvfb with the xcb platform.
pytest: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -m "not display"
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x800x24" $(PY) -m pytest -m display

bench: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) tests/bench/run.py

bench-instructions: $(STAMP) system-deps
	QT_QPA_PLATFORM=offscreen $(PY) tests/bench/instructions.py

# SIGKILL and simulated power cuts against the real store; prints cycles=… corrupted=… lost=…
torture: $(STAMP)
	$(PY) tests/torture.py --cycles 200

# The packaged app, dist/VRLearn/ (PyInstaller, one folder, with libVLC): see packaging/.
PACKAGE_STAMP := $(VENV)/.package-installed
$(PACKAGE_STAMP): $(STAMP)
	$(PY) -m pip install -q -c constraints.txt -e '.[package]'
	touch $(PACKAGE_STAMP)

package: $(PACKAGE_STAMP) system-deps
	PY=$(PY) packaging/build.sh

# The packaged app with every system VLC file hidden (root: unshare), then its GUI under Xvfb.
smoke: package
	PY=$(PY) packaging/smoke_test.sh

screenshots: $(STAMP) system-deps
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1280x800x24" $(PY) tests/screenshots.py docs/screenshots

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache
