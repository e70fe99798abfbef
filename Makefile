# Customer Service by the Numbers: the course's commands.
#   make lab          students start here: set up .venv and open JupyterLab on the welcome lesson
#   make grade-me EXERCISE=04_queueing_theory   score your own exercise, with feedback
#   make install      set up .venv only: the course and its test tools, no JupyterLab started
#   make test         maintainers: set up .venv and run the tests: unit, doctest, every lesson and
#                     its claims, every wrong answer, the browser, and the whole-course round
#                     trips (INSTRUCTORS.md's term, grading, self-grading) for one assignment
#   make test-extended  maintainers: the long tier: those round trips for every other
#                     assignment, grading at class scale, the sandbox, the JupyterHub round trip;
#                     CI runs it after make test
#   make test-fast    maintainers: make test without the browser tests
#   make instructor   JupyterLab for instructors: the whole course, with the formgrader
#   make backup       archive the gradebook and all student work into backups/
#   make exercises    regenerate exercises/ from solutions/ (never touches gradebook.db)
#   make bench        maintainers: compare cxlib with its peers (Ciw, SimPy, pyworkforce)
#   make bench-grading N=100 WORKERS=2 ASSIGNMENTS=00_welcome   grading at class scale: N
#                     synthetic students, serial (SQLite) and parallel (PostgreSQL), every grade
#                     checked; long: 25 minutes for 100 students of 00_welcome on 2 busy cores
#   make postgres-deps  Debian's PostgreSQL server, for parallel grading and its test
#   make mutation SAMPLE=0.1   maintainers: mutation testing of cxlib (mutmut) on a random tenth
#                     of its 23,000 mutants, score with a 95 % interval; without SAMPLE, all of
#                     them (many hours on 2 cores)
#   make clean        remove .venv and build files (never student work: see make clean-grading)
# Needs Python 3.10+ with venv (Debian: apt-get install python3-venv) and make.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-test
BENCH_STAMP := $(VENV)/.installed-bench
PYTEST_ARGS ?=
# JupyterLab refuses to run as root (a fresh container) unless told it may.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: help install lab instructor grade-me test test-extended test-fast exercises bench bench-grading mutation \
	browser-deps postgres-deps backup clean clean-grading

help:
	@sed -n '2,/^# Needs/p' Makefile

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python 3.10 or newer is needed, found " + sys.version.split()[0]) if sys.version_info < (3, 10) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

install: $(STAMP)

# The student's JupyterLab, as on Binder (binder/start): Validate on, instructor tools off. It
# serves the repository root, so the file browser reaches lessons/ and exercises/, and opens the
# welcome lesson (also through the URL it prints). JUPYTER_PORT and JUPYTER_TOKEN set the port
# and the token, as for any Jupyter server.
# The venv's bin goes first on PATH, so a terminal opened in JupyterLab finds `nbgrader validate`.
WELCOME := /lab/tree/lessons/00_welcome.ipynb
lab: $(STAMP)
	PATH="$(abspath $(BIN)):$$PATH" binder/start jupyter lab $(ROOT_FLAG) \
		--ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=$(WELCOME)

# The instructor's JupyterLab: the repository root, every nbgrader tool (Nbgrader menu ->
# Formgrader), none of the student configuration. Run it where nbgrader_config.py is.
instructor: $(STAMP)
	PATH="$(abspath $(BIN)):$$PATH" jupyter lab $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate

# A self-learner's score for their own exercise (cxlib.selfgrade): autograded in a temporary
# course with the hidden tests from solutions/; prints a table and writes feedback HTML next to
# the notebook. Touches neither the notebook nor gradebook.db.
grade-me: $(STAMP)
	@test -n "$(EXERCISE)" || { echo "usage: make grade-me EXERCISE=04_queueing_theory"; exit 2; }
	$(BIN)/python -m cxlib.selfgrade "$(EXERCISE)"

# Two tiers (CONTRIBUTING.md, "Test tiers"): tests marked `extended` are the long ones, each
# a repeat for another assignment of what `make test` already runs for one, or the class-scale
# machinery. CI runs both tiers.
test: $(STAMP)
	$(BIN)/python -m pytest -m "not extended" $(PYTEST_ARGS)

test-extended: $(STAMP)
	$(BIN)/python -m pytest -m extended $(PYTEST_ARGS)

# make test without the browser suite: quicker while writing a lesson.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not browser and not extended" $(PYTEST_ARGS)

# Regenerates the release with a throwaway gradebook in a temporary folder: the course's
# gradebook.db (students, grades, comments) is never opened, let alone deleted.
exercises: $(STAMP)
	@db="$$(mktemp -d)"; trap 'rm -rf "$$db"' EXIT; \
	for dir in solutions/*/; do \
		name=$$(basename $$dir); \
		echo "generating exercises/$$name"; \
		PATH="$(abspath $(BIN)):$$PATH" nbgrader generate_assignment "$$name" --force \
			--log-level=WARN --CourseDirectory.db_url="sqlite:///$$db/gradebook.db" || exit 1; \
	done

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	touch $@

bench: $(BENCH_STAMP)
	$(BIN)/python benchmarks/run.py

# Grading at class scale (benchmarks/grading_scale.py): N seeded synthetic submissions per
# assignment, autograded serially on SQLite and by WORKERS processes on a throwaway PostgreSQL
# gradebook; fails if any grade differs from its intended score or the two grades.csv differ.
# ASSIGNMENTS empty: every assignment. Needs PostgreSQL's server (make postgres-deps).
N ?= 100
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
ASSIGNMENTS ?=
bench-grading: $(STAMP)
	$(BIN)/python benchmarks/grading_scale.py --students $(N) --workers $(WORKERS) $(ASSIGNMENTS)

# Mutation testing (not part of `make test`): mutmut changes cxlib one small edit at a time and
# runs the tests that cover it; a mutant that no test notices "survives". SAMPLE=0.1 tests a
# seeded random tenth of each module's mutants (benchmarks/mutation_sample.py). Results stay in
# mutants/ (git-ignored); `$(BIN)/mutmut browse` shows each survivor.
MUTATION_STAMP := $(VENV)/.installed-mutation
$(MUTATION_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[test,mutation]"
	touch $@

# MUTATION_ARGS=--only-unkilled retests only the sampled mutants no earlier run killed (after
# adding tests; see benchmarks/mutation_sample.py).
SAMPLE ?=
MUTATION_ARGS ?=
mutation: $(MUTATION_STAMP)
	@if [ -n "$(SAMPLE)" ]; then \
		PATH="$(abspath $(BIN)):$$PATH" $(BIN)/python benchmarks/mutation_sample.py $(SAMPLE) $(MUTATION_ARGS) || true; \
	else \
		PATH="$(abspath $(BIN)):$$PATH" $(BIN)/mutmut run || true; \
	fi
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/mutmut export-cicd-stats
	PATH="$(abspath $(BIN)):$$PATH" $(BIN)/python benchmarks/mutation_report.py

# Debian's Chromium for the browser tests, and npm for the JavaScript the tests use (pinned in
# package.json and package-lock.json, installed into node_modules/ by npm ci): axe-core, the
# accessibility engine the browser suite injects into each page, and configurable-http-proxy,
# JupyterHub's proxy for the hub round trip (tests/test_hub.py). Installs only what is missing,
# with apt when we are root; otherwise it says what to do, and the browser and hub tests skip
# with a message.
browser-deps:
	@if command -v chromium >/dev/null 2>&1; then \
		echo "chromium: $$(chromium --version 2>/dev/null)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		chromium --version; \
	else \
		echo "chromium is missing: install it (Debian: sudo apt-get install chromium) to run the browser tests"; \
	fi
	@if ! command -v npm >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; \
	fi
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && echo "axe-core: $$(node -p 'require("axe-core/package.json").version')" \
			&& echo "configurable-http-proxy: $$(node_modules/.bin/configurable-http-proxy --version)"; \
	else \
		echo "npm is missing: install it (Debian: sudo apt-get install npm) for the accessibility check and the hub test"; \
	fi

# Debian's PostgreSQL server for parallel grading (tools/pg_gradebook.py starts a throwaway
# cluster from its programs). Installs only when it is missing and we are root; otherwise it says
# what to do, and the parallel-grading test skips with a message.
postgres-deps:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; then \
		echo "postgresql: $$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null || command -v initdb)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
		ls -d /usr/lib/postgresql/*/bin; \
	else \
		echo "postgresql is missing: install it (Debian: sudo apt-get install postgresql) to test parallel grading"; \
	fi

# Archive gradebook.db and every folder with student work (tools/backup_grades.py).
backup:
	$(PYTHON) tools/backup_grades.py

# Build files only. Student work and grades are never removed here (make clean-grading).
clean:
	rm -rf $(VENV) build .pytest_cache
	@echo "kept: gradebook.db and student work, if any (make clean-grading removes them, after asking)"

# Ends a term: lists the grading data, asks, backs it up into backups/, then removes it.
GRADING_DATA := gradebook.db submitted autograded feedback downloaded grades.csv \
	grades_report.csv round.log .nbgrader.log
clean-grading:
	@echo "This removes the course's grading data:"; \
	for f in $(GRADING_DATA); do [ -e "$$f" ] && echo "  $$f"; done; \
	printf 'It is backed up into backups/ first. Type DELETE to go on: '; \
	read answer || true; \
	if [ "$$answer" != "DELETE" ]; then echo "nothing removed"; exit 1; fi; \
	$(PYTHON) tools/backup_grades.py && rm -rf $(GRADING_DATA) && echo "removed"
