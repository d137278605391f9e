# Runnerly — one Makefile for developers and CI. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SERVICES := runnerly-core runnerly-tokendealer runnerly-data runnerly-strava runnerly-training runnerly-dashboard runnerly-import
TESTED := $(SERVICES) runnerly-gateway
STAMP := $(VENV)/.installed
FRONTEND := runnerly-dashboard/frontend
NPM_STAMP := $(FRONTEND)/node_modules/.installed
DIST := $(FRONTEND)/dist/index.html
# Locust's pytest plugin monkey-patches the standard library with gevent as it loads; no
# suite uses it (the load smoke runs Locust itself), so no pytest session loads it.
export PYTEST_ADDOPTS := -p no:locust

.PHONY: help install run status test test-live test-compose lint docs bench clean constraints frontend test-frontend test-e2e
.PHONY: gateway-deps gateway-methods
.PHONY: test-faults test-attacks load audit

help: ## List the targets
	@grep -hE '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(VENV)/bin/python constraints.txt requirements-dev.txt $(foreach s,$(SERVICES),$(s)/pyproject.toml)
	$(BIN)/pip install --quiet -c constraints.txt -r requirements-dev.txt \
		$(foreach s,$(SERVICES),-e ./$(s))
	@touch $(STAMP)

install: $(STAMP) $(NPM_STAMP) ## Create .venv and node_modules; every package pinned (constraints.txt, package-lock.json)

# The gateway runs on Debian's nginx with the Lua and ModSecurity modules (runnerly-gateway/).
GATEWAY_PACKAGES := nginx libnginx-mod-http-lua lua-resty-core lua-cjson libnginx-mod-http-modsecurity modsecurity-crs

gateway-deps: ## Install nginx with the Lua and ModSecurity modules (Debian packages) when missing
	@missing=$$(for p in $(GATEWAY_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null \
		| grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing the gateway's packages:" $$missing; \
		{ apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 \
			install -y -q --no-install-recommends $$missing; } >/dev/null \
		|| echo "Could not install" $$missing "(root and Debian's archive needed): no gateway"; \
	fi

# The gateway's table of each route's methods, from the services' specs (its 405s before the
# WAF); runnerly-gateway/tests/test_route_methods.py fails while it is out of date.
gateway-methods: install ## Rewrite runnerly-gateway/conf/http/methods.json from the services' OpenAPI specs
	$(BIN)/python runnerly-gateway/route_methods.py

run: install gateway-deps ## Start the whole suite on embedded defaults; prints URLs and demo logins
	$(BIN)/python scripts/run_suite.py

# Tests publish events on an exchange of their own: a local suite's queues never see them.
test: export RUNNERLY_EVENTS_EXCHANGE ?= runnerly.events.tests
test: install gateway-deps ## Run every test (PostgreSQL when RUNNERLY_TEST_DATABASE_URL is set)
	@set -e; for pkg in $(TESTED); do \
		echo "== $$pkg"; (cd $$pkg && ../$(BIN)/pytest -q -p no:cacheprovider); \
	done
	@echo "== runnerly-strava integration on SQLite (the make run configuration: worker locks)"
	cd runnerly-strava && RUNNERLY_TEST_DATABASE_URL=sqlite ../$(BIN)/pytest -q -p no:cacheprovider tests/integration
	@echo "== runnerly-import integration on SQLite (the make run configuration: worker locks)"
	cd runnerly-import && RUNNERLY_TEST_DATABASE_URL=sqlite ../$(BIN)/pytest -q -p no:cacheprovider tests/integration
	@echo "== deployment (docker-compose.yml, Dockerfile, Kubernetes manifests)"
	$(BIN)/pytest -q -p no:cacheprovider tests --ignore=tests/compose --ignore=tests/attacks
	@echo "== the dashboard's React app (Vitest, type-checked build)"
	$(MAKE) --no-print-directory test-frontend
	@echo "== the dashboard's end-to-end walks (headless Chromium against a suite on make run's ports)"
	$(E2E_LOCKED)

# Root: installs Debian's docker.io when missing and starts (then stops) dockerd if none answers.
test-compose: install ## Start docker-compose.yml for real (stand-in images, Debian's Docker) and check it
	$(BIN)/pytest -q -p no:cacheprovider tests/compose

status: install ## Health of every process `make run` started (services, workers, broker); 1 when one is down
	@$(BIN)/python scripts/status.py

# Fault tests: outages of their own broker (a private RabbitMQ node) and of the data service,
# Strava faults, repeated webhooks, key rotation, account deletion. About 8 minutes.
test-faults: export RUNNERLY_EVENTS_EXCHANGE ?= runnerly.events.tests
test-faults: install ## Fault tests on the real stack (own RabbitMQ node, data service, sandbox, workers)
	cd runnerly-strava && ../$(BIN)/pytest -q -p no:cacheprovider --durations=0 tests/faults
	cd runnerly-import && ../$(BIN)/pytest -q -p no:cacheprovider --durations=0 tests/faults

# Attacks (OWASP API Top 10 cases, schemathesis on every contract) and the Locust load smoke,
# through the real gateway of one suite started as make run starts it (under its lock).
test-attacks: export RUNNERLY_EVENTS_EXCHANGE ?= runnerly.events.tests
test-attacks: install gateway-deps ## Attacks and the load smoke through the real gateway (docs/security-testing.md)
	@# In a network namespace of its own (root): make run's fixed ports are free there.
	@if unshare --net true 2>/dev/null; then \
		unshare --net -- sh -c 'ip link set lo up && RUNNERLY_PRIVATE_NETWORK=1 exec $(BIN)/pytest -q -p no:cacheprovider --durations=10 tests/attacks'; \
	else \
		$(BIN)/pytest -q -p no:cacheprovider --durations=10 tests/attacks; \
	fi

load: install gateway-deps ## The full Locust scenario, headless, against a suite started for it (loadtest/out/)
	@if unshare --net true 2>/dev/null; then \
		unshare --net -- sh -c 'ip link set lo up && RUNNERLY_PRIVATE_NETWORK=1 exec $(BIN)/python loadtest/run.py --profile full'; \
	else \
		$(BIN)/python loadtest/run.py --profile full; \
	fi

audit: install ## pip-audit of constraints.txt (says so when its vulnerability data is out of reach)
	$(BIN)/python scripts/audit.py

test-live: install ## Run the functional tests against the suite started by `make run`
	$(BIN)/python scripts/run_suite.py --live-tests

lint: install ## ruff (rules in ruff.toml, bandit's S rules included), ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check $(SERVICES) runnerly-gateway scripts benchmarks tests loadtest

docs: install ## Build the Sphinx documentation into docs/_build/html
	$(BIN)/sphinx-build -q -W -b html docs docs/_build/html

bench: install gateway-deps ## Benchmarks (see benchmarks/README.md); writes benchmarks/out/report.json and report.md
	@command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null 2>&1 \
		|| echo "wrk is missing (apt-get install -y wrk): the Python load client stands in"
	@# Each benchmark writes its measure to benchmarks/out/; one that fails is reported as missing.
	-$(BIN)/python benchmarks/list_runs.py
	-$(BIN)/python benchmarks/gateway_overhead.py
	-$(BIN)/python benchmarks/strava_backfill.py
	-$(BIN)/python benchmarks/file_import.py
	-$(BIN)/python benchmarks/stack.py
	-$(MAKE) --no-print-directory $(DIST) && $(BIN)/python benchmarks/dashboard.py
	$(BIN)/python benchmarks/report.py

constraints: ## Re-pin constraints.txt from the current .venv
	$(BIN)/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean: ## Remove the virtual environment, local run state and build output
	rm -rf $(VENV) .run docs/_build .pytest_cache

# --- the dashboard's React app ----------------------------------------------------------
FRONTEND_SOURCES := $(shell find $(FRONTEND)/src -type f 2>/dev/null) $(FRONTEND)/index.html \
	$(FRONTEND)/vite.config.ts runnerly-dashboard/runnerly_dashboard/openapi/dashboard.yaml \
	$(wildcard runnerly-core/runnerly_core/openapi/*.yaml)

# The machine's Node.js and npm; never a global install, never a browser download.
$(NPM_STAMP): $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(DIST): $(NPM_STAMP) $(FRONTEND_SOURCES)
	cd $(FRONTEND) && npm run --silent build

frontend: $(DIST) ## Build the dashboard's React app when it is missing or stale

test-frontend: $(NPM_STAMP) ## Unit tests of the React app (Vitest), its type-checked build and its JS budget
	cd $(FRONTEND) && npm test --silent && npm run --silent build && npm run --silent budget

# Debian's Chromium drives the end-to-end walks (Playwright uses it, downloads nothing).
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null

test-e2e: install $(DIST) $(CHROMIUM) ## End-to-end walks in headless Chromium against a suite started for them
	env -u RUNNERLY_EVENTS_EXCHANGE $(BIN)/python scripts/run_suite.py --e2e

# The e2e suite binds make run's fixed ports (5000-5005, 5090, 8080, 8025). `make test` waits
# for this lock, the one a running `flock /tmp/runnerly-make-run.lock make run` holds, so the
# two never meet; an unlocked `make run` is caught by run_suite.py's check of its ports.
RUN_LOCK ?= /tmp/runnerly-make-run.lock
E2E_LOCKED = flock --wait 3600 $(RUN_LOCK) $(MAKE) --no-print-directory test-e2e
