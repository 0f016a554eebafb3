# Elternbeiträge – Entwicklungs- und CI-Befehle
#
#   make run      Einrichten, DB migrieren, Demodaten laden, Server starten
#   make test     Einrichten (inkl. Testwerkzeuge), pytest gegen SQLite und PostgreSQL
#                 (zusätzliche pytest-Argumente: make test PYTEST_ARGS="-k foo")
#   make install  Nur einrichten (Systempakete, .venv, npm-Pakete)
#   make lint     ruff check und mypy (streng für elternbeitraege/fees, workflows, pdf)
#   make clean    .venv, node_modules und SQLite-Datenbanken in instance/ löschen
#
# Systempakete werden per dpkg geprüft und nur bei Bedarf per apt-get
# installiert (als root; sonst Abbruch mit Hinweis auf den nötigen Befehl).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON      ?= python3
VENV        := .venv
VENV_PY     := $(VENV)/bin/python
PIP         := $(VENV_PY) -m pip --quiet
FLASK       := $(VENV)/bin/flask --app wsgi
HOST        ?= 127.0.0.1
PORT        ?= 5000
PYTEST_ARGS ?=

# Stempeldateien: neu installieren, sobald setup.cfg/pyproject.toml bzw.
# package.json/package-lock.json neuer sind.
STAMP       := $(VENV)/.installed
STAMP_TEST  := $(VENV)/.installed-test
NODE_STAMP  := node_modules/.package-lock.json

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export PIP_NO_INPUT := 1

# Für "test" (und alles, was dafür gebaut wird) auch die Test-Systempakete.
test install-test: SYSTEM_PACKAGES_ARGS := --test
SYSTEM_PACKAGES_ARGS ?=

.PHONY: help install install-test system-packages run test lint clean

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

install: $(STAMP) $(NODE_STAMP)

install-test: $(STAMP_TEST) $(NODE_STAMP)

system-packages:
	@bash scripts/ensure-system-packages.sh $(SYSTEM_PACKAGES_ARGS)

$(VENV_PY): | system-packages
	$(PYTHON) -m venv $(VENV)

$(STAMP): setup.cfg pyproject.toml | $(VENV_PY) system-packages
	@echo "== pip install -e . =="
	$(PIP) install -e .
	@touch $@

$(STAMP_TEST): setup.cfg pyproject.toml | $(VENV_PY) system-packages
	@echo "== pip install -e '.[test]' =="
	$(PIP) install -e '.[test]'
	@touch $@ $(STAMP)

$(NODE_STAMP): package.json package-lock.json | system-packages
	@echo "== npm ci =="
	npm ci --no-audit --no-fund
	@touch $@

# The demo's letters point where the app is served: seed-demo reads the address from these too.
run: export FLASK_RUN_HOST := $(HOST)
run: export FLASK_RUN_PORT := $(PORT)
run: install
	@mkdir -p instance
	$(FLASK) db-upgrade
	$(FLASK) seed-demo
	$(FLASK) run

test: install-test
	bash scripts/test-both-databases.sh $(PYTEST_ARGS)

lint: $(STAMP_TEST)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy --strict elternbeitraege/fees workflows pdf

clean:
	rm -rf $(VENV) node_modules
	rm -f instance/*.sqlite instance/*.sqlite3
