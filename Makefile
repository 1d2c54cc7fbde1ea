# newsledger: two commands set everything up on a fresh machine.
#   make demo   creates .venv, installs, runs the pipeline on examples/corpus, writes out/report.html
#   make test   creates .venv if needed, installs (dev extras too), runs the whole test suite
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: help demo test lint eval bench install chromium clean-out

help:
	@echo "make demo   - install into .venv and run the pipeline on examples/corpus (out/report.html)"
	@echo "make test   - install (with dev extras) and run the whole test suite"
	@echo "make lint   - ruff, mypy --strict, import-linter"
	@echo "make eval   - per-stage quality metrics on ../shared/data (eval/results.json, eval/results.md)"
	@echo "make bench  - speed and memory benchmarks (bench/results.json)"

$(PY):
	$(PYTHON) -m venv $(VENV)

# torch 2.13.0 (CPU wheel) first: otherwise a dependency pulls a multi-GB CUDA build.
$(STAMP): pyproject.toml | $(PY)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the browser tests (never `playwright install`).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "installing Debian chromium for browser tests"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

demo: $(STAMP)
	@mkdir -p out
	rm -f out/demo.duckdb out/demo.duckdb.wal
	$(VENV)/bin/newsledger run examples/corpus --db out/demo.duckdb
	$(VENV)/bin/newsledger export --db out/demo.duckdb --format json --out out/ledger.json
	$(VENV)/bin/newsledger report --db out/demo.duckdb --out out/report.html
	@echo "report: $(CURDIR)/out/report.html"
	@echo "export: $(CURDIR)/out/ledger.json"

test: $(STAMP) chromium
	$(VENV)/bin/pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests eval bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

eval: $(STAMP)
	$(PY) -m eval.run

bench: $(STAMP)
	$(PY) -m bench.run
