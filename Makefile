# Customer Service by the Numbers: the course's commands.
#   make lab        students start here: set up .venv and open JupyterLab on the welcome lesson
#   make install    set up .venv only: the course and its test tools, no JupyterLab started
#   make test       maintainers: set up .venv and run every test (unit, doctest, notebooks,
#                   grading, browser); about 10 minutes
#   make test-fast  maintainers: the same without the browser tests
#   make exercises  maintainers: regenerate exercises/ from solutions/ with nbgrader
#   make bench      maintainers: compare cxlib with its peers (Ciw, SimPy, pyworkforce)
#   make mutation   maintainers: mutation testing of cxlib (mutmut; long: about an hour on 2 cores)
# Needs Python 3.10+ with venv (Debian: apt-get install python3-venv) and make.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-test
BENCH_STAMP := $(VENV)/.installed-bench
PYTEST_ARGS ?=
# JupyterLab refuses to run as root (a fresh container) unless told it may.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: help install lab test test-fast exercises bench mutation browser-deps clean

help:
	@sed -n '2,11p' Makefile

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python 3.10 or newer is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 10) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(STAMP)

# The student's JupyterLab, as on Binder (binder/start): Validate on, instructor tools off.
# Instructors: `.venv/bin/jupyter lab` gives the whole nbgrader menu (INSTRUCTORS.md).
# The venv's bin goes first on PATH, so a terminal opened in JupyterLab finds `nbgrader validate`.
lab: $(STAMP)
	PATH="$(abspath $(BIN)):$$PATH" binder/start jupyter lab $(ROOT_FLAG) lessons/00_welcome.ipynb

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Everything but the browser suite: quicker while writing a lesson.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS)

exercises: $(STAMP)
	@for dir in solutions/*/; do \
		name=$$(basename $$dir); \
		echo "generating exercises/$$name"; \
		PATH="$(abspath $(BIN)):$$PATH" nbgrader generate_assignment "$$name" --force --log-level=WARN || exit 1; \
	done
	@rm -f gradebook.db

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	touch $@

bench: $(BENCH_STAMP)
	$(BIN)/python benchmarks/run.py

# Mutation testing (not part of `make test`): mutmut changes cxlib one small edit at a time and
# runs the tests that cover it; a mutant that no test notices "survives". Results stay in
# mutants/ (git-ignored); `$(BIN)/mutmut browse` shows each survivor.
MUTATION_STAMP := $(VENV)/.installed-mutation
$(MUTATION_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,mutation]"
	touch $@

mutation: $(MUTATION_STAMP)
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/mutmut run || true
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/mutmut export-cicd-stats
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/python benchmarks/mutation_report.py

# Debian's Chromium for the browser tests. Installs only when it is missing and we are root;
# otherwise it says what to do, and the browser tests skip with a message.
browser-deps:
	@if command -v chromium >/dev/null 2>&1; then \
		echo "chromium: $$(chromium --version 2>/dev/null)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		chromium --version; \
	else \
		echo "chromium is missing: install it (Debian: sudo apt-get install chromium) to run the browser tests"; \
	fi

clean:
	rm -rf $(VENV) build .pytest_cache gradebook.db submitted autograded feedback
