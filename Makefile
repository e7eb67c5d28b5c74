# PCRU Publish — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
# pytest-xdist workers for the unit tests (browser tests run in one process)
PYTEST_WORKERS ?= auto
CATALOGUE_IGNORE := .venv tests docs static media node_modules collected_static test-output locale

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements-dev.txt
	touch $@

define apt_install
	@if ! dpkg -s $(1) >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(1) >/dev/null; \
	fi
endef
BASE_PACKAGES := gettext fonts-thai-tlwg libpango-1.0-0 libpangoft2-1.0-0
TEST_PACKAGES := chromium

system-packages: ## Debian packages the site needs (gettext, Thai fonts, WeasyPrint's Pango)
	$(call apt_install,$(BASE_PACKAGES))

test-packages: system-packages ## Debian packages the tests need too (chromium for browser tests)
	$(call apt_install,$(TEST_PACKAGES))

E2E_DIR := tests/e2e
$(E2E_DIR)/node_modules/.installed: $(E2E_DIR)/package.json $(E2E_DIR)/package-lock.json
	@command -v npm >/dev/null 2>&1 || { if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null; }
	cd $(E2E_DIR) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

e2e-packages: test-packages $(E2E_DIR)/node_modules/.installed ## axe-core and Lighthouse for the browser tests (npm ci in tests/e2e)

setup: $(VENV)/.installed ## Create the virtualenv and install the requirements

messages: setup system-packages ## Compile the Thai message catalogue
	$(PY) manage.py compilemessages -l th -v0 --ignore=.venv

catalogue: setup system-packages ## Re-extract our message ids into locale/th (then translate new entries)
	$(PY) manage.py makemessages -l th --no-obsolete -v0 $(addprefix --ignore=,$(CATALOGUE_IGNORE))
	$(PY) manage.py compilemessages -l th -v0 --ignore=.venv

migrate: setup messages ## Apply migrations (SQLite by default; DATABASE_URL for PostgreSQL)
	$(PY) manage.py migrate --noinput -v0

demo: migrate ## Create the demo university (idempotent)
	$(PY) manage.py bootstrap_demo

# The django-tasks worker (e-mails, Wagtail's background jobs) runs beside the web server, so no
# request waits on SMTP, and stops with it however the server ends (Ctrl+C, an error, a port in use).
run: demo ## Run the site with Thai demo data on SQLite at http://127.0.0.1:8000, with its task worker
	@$(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: setup ## ruff check + import contracts (docs/architecture.md) + Django checks + missing migrations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=pcru_site.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=pcru_site.settings.test $(PY) manage.py makemigrations --check --dry-run

format: setup ## Format with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test: setup messages test-packages ## Run the test suite on SQLite, browser tests included (set DATABASE_URL for PostgreSQL)
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS)
	@if [ -z "$(DATABASE_URL)" ]; then $(MAKE) --no-print-directory e2e; \
	else echo "== browser tests run on SQLite only (make e2e)"; fi

e2e: setup messages e2e-packages ## Browser tests: Playwright + Debian chromium, axe-core, on a SQLite file database
	$(VENV)/bin/pytest tests/e2e -m e2e

lighthouse: setup messages e2e-packages ## Lighthouse scores of the public pages → test-output/lighthouse/summary.txt
	$(PY) tests/e2e/lighthouse.py

test-pg: setup messages ## Run the test suite on PostgreSQL ($(PG_URL))
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -n $(PYTEST_WORKERS)

bench: setup ## Run the benchmarks (figures to quote in issue notes)
	@for f in tests/benchmarks/bench_*.py; do echo "== $$f"; $(PY) $$f; done

clean: ## Remove the virtualenv, local database and media
	rm -rf $(VENV) db.sqlite3 media .test-media collected_static test-output $(E2E_DIR)/node_modules

.PHONY: help system-packages test-packages e2e-packages setup messages catalogue migrate demo run lint format test e2e lighthouse test-pg bench clean
