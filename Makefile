# grensroutes — every target bootstraps its own virtual environment (.venv) on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test lint validate clean help bench audit

help:  ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)  ## Validate, generate and build the static site into site/
	$(BIN)/roadmaps build

serve: $(STAMP)  ## Live preview on http://127.0.0.1:8000/
	$(BIN)/roadmaps serve

validate: $(STAMP)  ## Check all roadmaps, write nothing
	$(BIN)/roadmaps validate

lint: $(STAMP)  ## ruff
	$(BIN)/ruff check generator tests

test: $(STAMP) node_modules/.installed  ## The whole test suite, browser tests included
	$(BIN)/ruff check generator tests
	$(BIN)/pytest

audit: site node_modules/.installed  ## Lighthouse gate: mobile scores of 7 kinds of page in every language (bench/audit.py)
	$(BIN)/python -m bench.audit

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)  ## Benchmark the build at 21, 200 and 1,000 roadmaps (slow; see README "Benchmark"; BENCH_ARGS=...)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:  ## Remove generated files
	rm -rf site .build
