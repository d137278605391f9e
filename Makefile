# Runnerly — one Makefile for developers and CI. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SERVICES := runnerly-core runnerly-tokendealer runnerly-data runnerly-strava runnerly-training
TESTED := $(SERVICES)
STAMP := $(VENV)/.installed

.PHONY: help install run test test-live test-compose lint docs bench clean constraints

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(VENV)/bin/python constraints.txt requirements-dev.txt $(foreach s,$(SERVICES),$(s)/pyproject.toml)
	$(BIN)/pip install --quiet -c constraints.txt -r requirements-dev.txt \
		$(foreach s,$(SERVICES),-e ./$(s))
	@touch $(STAMP)

install: $(STAMP) ## Create .venv and install every package (editable) with pinned versions

run: install ## Start the whole suite on embedded defaults; prints URLs and demo logins
	$(BIN)/python scripts/run_suite.py

# Tests publish events on an exchange of their own: a local suite's queues never see them.
test: export RUNNERLY_EVENTS_EXCHANGE ?= runnerly.events.tests
test: install ## Run every test (PostgreSQL when RUNNERLY_TEST_DATABASE_URL is set)
	@set -e; for pkg in $(TESTED); do \
		echo "== $$pkg"; (cd $$pkg && ../$(BIN)/pytest -q -p no:cacheprovider); \
	done
	@echo "== runnerly-strava integration on SQLite (the make run configuration: worker locks)"
	cd runnerly-strava && RUNNERLY_TEST_DATABASE_URL=sqlite ../$(BIN)/pytest -q -p no:cacheprovider tests/integration
	@echo "== deployment (docker-compose.yml, Dockerfile)"
	$(BIN)/pytest -q -p no:cacheprovider tests --ignore=tests/compose

# Root: installs Debian's docker.io when missing and starts (then stops) dockerd if none answers.
test-compose: install ## Start docker-compose.yml for real (stand-in images, Debian's Docker) and check it
	$(BIN)/pytest -q -p no:cacheprovider tests/compose

test-live: install ## Run the functional tests against the suite started by `make run`
	$(BIN)/python scripts/run_suite.py --live-tests

lint: install ## ruff (rules in ruff.toml), ruff format --check, bandit
	$(BIN)/ruff check .
	$(BIN)/ruff format --check $(SERVICES) scripts benchmarks tests
	$(BIN)/bandit -q -c pyproject.toml -r $(foreach s,$(SERVICES),$(s)/runnerly_*)

docs: install ## Build the Sphinx documentation into docs/_build/html
	$(BIN)/sphinx-build -q -W -b html docs docs/_build/html

bench: install ## Benchmarks: listing runs vs a plain-Flask anchor; Strava backfill vs direct writes
	@command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null 2>&1 \
		|| echo "wrk is missing (apt-get install -y wrk): the Python load client stands in"
	$(BIN)/python benchmarks/list_runs.py
	$(BIN)/python benchmarks/strava_backfill.py

constraints: ## Re-pin constraints.txt from the current .venv
	$(BIN)/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean: ## Remove the virtual environment, local run state and build output
	rm -rf $(VENV) .run docs/_build .pytest_cache
