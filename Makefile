# The commands a newcomer needs: `make run` and `make test`. Everything else is optional.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
UV_VERSION := 0.13.9
DEV_SETTINGS := jtai.config.settings.development
LETTERS ?= ../shared/data/published-letters

.PHONY: run test install-production test-postgres test-browser test-browser-postgres test-api test-workers lint typecheck check install assets migrate demo serve bench load eval-letters browser-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv==$(UV_VERSION)

# Install exactly the locked versions; --inexact keeps uv itself in the environment.
$(VENV)/.installed: $(BIN)/python pyproject.toml uv.lock
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --inexact --extra dev --quiet
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

## make install-production: only what the service needs to run (no test tools), for deploy/
install-production: $(BIN)/python node_modules/.installed
	UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --inexact --quiet

assets: install
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/jtai collectstatic --noinput --verbosity 0

migrate: install
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/jtai migrate --noinput

demo: migrate
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/jtai load_demo --if-empty

## make run: install, migrate, load demo data into an empty database, serve on :8000
run: demo assets
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(BIN)/jtai runserver 127.0.0.1:8000

## make test: lint, type-check, architecture contracts and the whole test suite (SQLite)
test: install check
	$(BIN)/pytest -q -p no:cacheprovider $(PYTEST_ARGS)

check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=jtai.config.settings.test $(BIN)/jtai makemigrations --check --dry-run >/dev/null

## make test-postgres: the suite against PostgreSQL (DATABASE_URL, default a throwaway local database)
test-postgres: install
	bash .ci/with-postgres $(BIN)/pytest -q -p no:cacheprovider -m "not browser"

## make test-browser: the browser tests in headless Chromium (SQLite)
test-browser: install
	$(BIN)/pytest -q -p no:cacheprovider -m browser tests/browser

## make test-browser-postgres: the browser tests against PostgreSQL
test-browser-postgres: install
	bash .ci/with-postgres $(BIN)/pytest -q -p no:cacheprovider -m browser tests/browser

## make test-api: fuzz the API from its OpenAPI schema (schemathesis, in-process; part of make test)
test-api: install
	$(BIN)/pytest -q -p no:cacheprovider tests/api

## make test-workers: real worker processes: scheduled runs once, a killed worker's task again once (part of make test)
test-workers: install
	$(BIN)/pytest -q -p no:cacheprovider tests/core/test_workers.py tests/core/test_scheduler.py

## make load: 50 simulated users against gunicorn and PostgreSQL (DURATION seconds, default 300)
load: install
	$(BIN)/python bench/load.py --duration $${DURATION:-300}

bench: install
	$(BIN)/python bench/timeline.py

eval-letters: install
	$(BIN)/python -m jtai.letters.evaluate $(LETTERS)

browser-deps:
	apt-get update -qq && apt-get install -y -qq chromium

clean:
	rm -rf $(VENV) node_modules var .mypy_cache .ruff_cache .pytest_cache
