# tuquan — two commands from a fresh clone:
#   make run   set up, migrate SQLite, load Khánh Hòa and the demo data, serve on :8000
#   make test  set up and run the whole suite (lint, checks, unit, integration, browser)
SHELL := /bin/bash
.DEFAULT_GOAL := help

# A Python >= 3.12: $(PYTHON) if given, else the first suitable one on PATH or under pyenv.
PYTHON ?= $(shell for p in python3.12 python3.13 python3 $$HOME/.pyenv/versions/3.12*/bin/python3 $$HOME/.pyenv/versions/3.13*/bin/python3 /root/.pyenv/versions/3.12*/bin/python3 /root/.pyenv/versions/3.13*/bin/python3; do \
  if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info[:2] < (3, 12))' 2>/dev/null; then command -v $$p; break; fi; done)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
VENDOR := tuquan/core/static/vendor
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help setup run test lint check audit bench lock clean

help:
	@echo "make run    - set up and start tuquan on http://$(HOST):$(PORT) (SQLite, demo data)"
	@echo "make test   - set up and run the whole test suite"
	@echo "make bench  - run the benchmarks in bench/"

$(VENV)/.python-ok:
	@if [ -z "$(PYTHON)" ]; then echo "tuquan needs Python 3.12 or newer: install python3.12 (e.g. 'apt-get install python3.12 python3.12-venv' or pyenv) or run make with PYTHON=/path/to/python3.12." >&2; exit 1; fi
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	touch $@

$(VENV)/.installed: $(VENV)/.python-ok requirements.txt
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	touch $@

$(VENDOR)/.installed: package.json package-lock.json Makefile
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/bootstrap $(VENDOR)/bootstrap-icons $(VENDOR)/htmx $(VENDOR)/chartjs $(VENDOR)/datepicker
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/css/bootstrap.min.css.map \
	   node_modules/bootstrap/dist/js/bootstrap.bundle.min.js node_modules/bootstrap/dist/js/bootstrap.bundle.min.js.map $(VENDOR)/bootstrap/
	cp -r node_modules/bootstrap-icons/font/bootstrap-icons.min.css node_modules/bootstrap-icons/font/fonts $(VENDOR)/bootstrap-icons/
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/
	cp node_modules/chart.js/dist/chart.umd.min.js node_modules/chart.js/dist/chart.umd.min.js.map $(VENDOR)/chartjs/
	cp node_modules/vanillajs-datepicker/dist/js/datepicker.min.js node_modules/vanillajs-datepicker/dist/js/locales/vi.js \
	   node_modules/vanillajs-datepicker/dist/css/datepicker-bs5.min.css $(VENDOR)/datepicker/
	touch $@

setup: $(VENV)/.installed $(VENDOR)/.installed

run: setup
	$(MANAGE) migrate --no-input
	$(MANAGE) load_places --province 56
	$(MANAGE) load_demo
	@echo
	@echo "  tuquan: http://$(HOST):$(PORT)/"
	@$(MANAGE) demo_logins
	@echo
	@# The background worker (imports, large exports) runs beside the web server and stops with it.
	@trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	  $(MANAGE) db_worker --no-reload --interval 0.5 & worker=$$!; \
	  $(MANAGE) runserver $(HOST):$(PORT)

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "Browser tests need Chromium at $(CHROMIUM): sudo apt-get install chromium" >&2; exit 1; fi; fi

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: setup
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# Supply chain (docs/security.md): bandit fails on any medium/high finding not reviewed with a
# "# nosec <id>" and a reason; pip-audit fails on a known vulnerability in requirements.txt and
# says NOT AUDITED (without failing) when no vulnerability database is reachable.
audit: setup
	@echo "bandit: tuquan config bench (medium and high severity)"
	@set -o pipefail; $(VENV)/bin/bandit -q -r tuquan config bench -x "*/tests/*,*/migrations/*" -ll 2>&1 \
	  | { grep -v -e "nosec encountered" -e "Test in comment" || true; }
	@$(PY) tests/security/audit_dependencies.py

test: setup chromium lint check audit
	$(VENV)/bin/pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 1; fi; exit $$rc

bench: setup
	@if ! command -v wrk >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; \
	  else echo "The load benchmark needs wrk: sudo apt-get install wrk" >&2; fi; fi
	$(PY) -m bench $(BENCH_ARGS)

# Re-pin the whole dependency tree with hashes after editing requirements*.in.
lock:
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe -o requirements.txt requirements-dev.in

clean:
	rm -rf $(VENV) node_modules $(VENDOR)
