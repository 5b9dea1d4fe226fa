# One entry point for set-up, run, test, lint and bench. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# `make run PORT=8001`: the port to serve on; SITE_URL (links in emails) follows it unless set.
PORT ?= 8000
SITE_URL ?= http://127.0.0.1:$(PORT)
export PYTHONDONTWRITEBYTECODE := 1

.DEFAULT_GOAL := help
.PHONY: help setup lock run serve test test-python lint check-deploy audit bench load worker backup clean

help:
	@echo "make run    serve Upon with demo data on http://127.0.0.1:8000 (SQLite; PORT=8001 for another)"
	@echo "make serve  the production server (gunicorn) and settings, over plain HTTP on 127.0.0.1"
	@echo "make test   the whole suite: lint, migrations check, deploy check, audit, pytest"
	@echo "make audit  bandit over the code, pip-audit over the locked packages"
	@echo "make lock   compile requirements/lock.txt again after changing pyproject.toml"
	@echo "make bench  benchmarks; writes bench/results.json and prints a table"
	@echo "make load   the real mix of people under load on make serve and PostgreSQL (~7 min)"

# The packages are locked (CONTRIBUTING.md, "Dependencies"): requirements/lock.txt pins every one
# with its hashes, compiled from pyproject.toml by `make lock`, and setup installs exactly that:
# wheels only, each checked against its hash. A package that publishes no wheel is named in
# BUILT_FROM_SOURCE and built from its hashed source with the locked setuptools
# (requirements/build.txt), so the build too installs nothing unlocked.
LOCK := requirements/lock.txt
BUILD_LOCK := requirements/build.txt
BUILT_FROM_SOURCE := autograd-gamma
LOCK_PYTHON := 3.11
# `make lock LOCK_FLAGS=--upgrade` (or `--upgrade-package django`) to move pins forward.
LOCK_FLAGS ?=

$(VENV)/.installed: $(LOCK) $(BUILD_LOCK)
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --require-hashes --no-deps -r $(BUILD_LOCK)
	$(VENV)/bin/pip install --quiet --require-hashes --only-binary :all: \
		--no-binary $(BUILT_FROM_SOURCE) --no-build-isolation -r $(LOCK)
	@touch $@

# Compile the lock again from pyproject.toml after changing a dependency there: for every
# Python the project supports (--universal), keeping each pin that still fits.
lock: $(VENV)/.installed
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --universal \
		--python-version $(LOCK_PYTHON) --quiet $(LOCK_FLAGS) -o $(LOCK)
	$(VENV)/bin/uv pip compile requirements/build.in --generate-hashes --universal \
		--python-version $(LOCK_PYTHON) --quiet $(LOCK_FLAGS) -o $(BUILD_LOCK)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

frontend/dist/.built: node_modules/.installed frontend/build.mjs $(wildcard frontend/scss/*.scss frontend/js/*.mjs)
	npm run --silent build
	@touch $@

setup: $(VENV)/.installed frontend/dist/.built

run: setup
	DEBUG=true $(PY) manage.py migrate --no-input -v0
	DEBUG=true $(PY) manage.py seed_demo --if-empty
	@cat docs/demo-sign-ins.txt
	@echo "Emails sent: $(SITE_URL)/dev/outbox/   Team admin: $(SITE_URL)/$${ADMIN_PATH:-team-admin/}"
	DEBUG=true SITE_URL=$(SITE_URL) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The production server and settings (gunicorn.conf.py, DEBUG off, HTTPS settings on) on this
# machine, over plain HTTP to try them: ALLOW_PLAIN_HTTP drops only the HTTPS redirect, HSTS and
# secure cookies, and is refused for any host but 127.0.0.1 and localhost. The secret key is made
# once and kept in tmp/ (unless SECRET_KEY is set). DATABASE_URL, REDIS_URL, WEB_CONCURRENCY and
# the rest come from the environment (docs/operations.md).
SERVE_ENV = HTTPS=true ALLOW_PLAIN_HTTP=true DEBUG=false ALLOWED_HOSTS=127.0.0.1,localhost \
	SITE_URL=$(SITE_URL) DATABASE_CONN_MAX_AGE=$${DATABASE_CONN_MAX_AGE:-60} \
	SECRET_KEY="$${SECRET_KEY:-$$(cat tmp/serve-secret-key)}"
serve: setup
	@mkdir -p tmp && test -s tmp/serve-secret-key || \
		od -An -N32 -tx1 /dev/urandom | tr -d ' \n' > tmp/serve-secret-key
	$(SERVE_ENV) $(PY) manage.py migrate --no-input -v0
	$(SERVE_ENV) $(PY) manage.py seed_demo --if-empty
	$(SERVE_ENV) $(PY) manage.py collectstatic --no-input -v0
	@echo "Serving http://127.0.0.1:$(PORT)/ (readiness: /readyz); Ctrl-C stops it"
	$(SERVE_ENV) WEB_BIND=127.0.0.1:$(PORT) $(VENV)/bin/gunicorn

# Two processes, stopped together: the schedule (periodic jobs, upon/service/schedule.py) and
# django-tasks' worker (the emails and other work the site queues with TASKS_BACKEND=database).
worker: setup
	@trap 'kill $$schedule 2>/dev/null; wait $$schedule' EXIT; \
	TASKS_BACKEND=database $(PY) manage.py run_schedule & schedule=$$!; \
	TASKS_BACKEND=database $(PY) manage.py db_worker

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run -v0

# Production settings must pass Django's deployment checklist.
check-deploy: setup
	HTTPS=true DEBUG=false SECRET_KEY=check-deploy-$$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n') \
		ALLOWED_HOSTS=upon.example $(PY) manage.py check --deploy --fail-level WARNING

test-python: setup
	$(VENV)/bin/pytest -n 2 -q

test: lint check-deploy audit test-python

# The code and the supply chain: bandit over our code (its settings in pyproject.toml), and
# pip-audit over every locked package. pip-audit asks PyPI's JSON API for each package's known
# vulnerabilities; where that API does not answer from this machine it would report every
# package as skipped, so it is probed first and, if silent, the audit says loudly that it did
# not run. PIP_AUDIT=required makes that an error.
VULNERABILITY_PROBE := https://pypi.org/pypi/pip/24.0/json
audit: setup
	@mkdir -p tmp && $(VENV)/bin/bandit -q -c pyproject.toml -r upon demo bench gunicorn.conf.py manage.py \
		2>tmp/bandit.log || { cat tmp/bandit.log; exit 1; }
	@grep -v 'nosec encountered' tmp/bandit.log || true
	@echo "bandit: no issues"
	@if [ "$${PIP_AUDIT:-auto}" = required ] || $(PY) -c "import urllib.request; \
		urllib.request.urlopen('$(VULNERABILITY_PROBE)', timeout=20)" 2>/dev/null; then \
		$(VENV)/bin/pip-audit --strict --disable-pip --require-hashes --progress-spinner off \
			-r $(LOCK); \
	else \
		echo "pip-audit NOT RUN: PyPI's vulnerability API ($(VULNERABILITY_PROBE)) does not"; \
		echo "answer from this machine. Run make audit where it does (PIP_AUDIT=required)."; \
	fi

bench: setup
	$(PY) bench/run.py

# Load (bench/load.py): a fresh PostgreSQL database on 127.0.0.1 (LOAD_DATABASE_URL, default
# postgres://postgres@127.0.0.1:5432/upon_load, dropped first), `make serve` on it (LOAD_PORT,
# 8765), locust's simulated people in three phases that stop by themselves, then a check that no
# write was lost; merges load_* into bench/results.json. LOAD_ARGS="--users 50 --seconds 60".
load: setup
	$(PY) bench/load.py $(LOAD_ARGS)

# A backup of the database and the uploads in one file (docs/operations.md): BACKUP=path to choose.
backup: setup
	$(PY) manage.py backup $(BACKUP)

clean:
	rm -rf $(VENV) node_modules frontend/dist staticfiles db.sqlite3*
