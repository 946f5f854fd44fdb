# grensroutes — every target bootstraps its own virtual environment (.venv) on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site serve test test-fast lint types validate clean help bench bench-build lock audit css

help:  ## Show the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# Every Python dependency is pinned with its hashes in requirements.lock (`make lock` refreshes it from pyproject.toml);
# the project itself is installed without dependencies on top. constraints.txt keeps the lock installable on Debian 12's
# Python (3.11.2).
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

lock:  ## Re-pin every Python dependency with hashes (requirements.lock) after a change to pyproject.toml or constraints.txt
	$(BIN)/pip install --quiet pip-tools==7.6.2
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --all-build-deps --extra test --strip-extras \
	  --no-emit-index-url --no-emit-find-links -c constraints.txt -o requirements.lock pyproject.toml

site: $(STAMP)  ## Validate, generate and build the static site into site/
	$(BIN)/roadmaps build

serve: $(STAMP)  ## Live preview on http://127.0.0.1:8000/
	$(BIN)/roadmaps serve

validate: $(STAMP)  ## Check all roadmaps, write nothing
	$(BIN)/roadmaps validate

lint: $(STAMP)  ## ruff
	$(BIN)/ruff check generator tests bench

types: $(STAMP)  ## mypy, strict for generator/ (settings in pyproject.toml)
	$(BIN)/mypy

test-fast: $(STAMP)  ## Lint, types and every test that builds no site and starts no browser (under 2 minutes)
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy
	$(BIN)/pytest -m "not slow and not browser" -q

# Two processes (pytest-xdist), each test file whole in one of them (its fixtures and order kept), in the order the
# suite gives (tests/conftest.py: the files that need no shared build first, while the shared builds are made).
test: $(STAMP) node_modules/.installed  ## The whole test suite: lint, types, unit, full builds, browser, HTML checker
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy
	$(BIN)/pytest -n 2 --dist loadscope --no-loadscope-reorder

audit: site node_modules/.installed  ## Lighthouse gate: mobile scores of 7 kinds of page in every language (bench/audit.py)
	$(BIN)/python -m bench.audit

# After an update of Material or a change to the pages' markup (tests/test_material_css.py says when): the committed
# generator/assets/material.css is made from the built site, so building the site never needs Node.
MATERIAL_CSS = $(BIN)/python -c "import glob, material; print(*glob.glob(material.__path__[0] + '/templates/assets/stylesheets/main.*.min.css'))"
css: site node_modules/.installed  ## Reduce Material's stylesheet to the rules the built site uses (needs Node)
	node generator/vendor/material/purge-css.mjs "$$($(MATERIAL_CSS))" site generator/assets/material.css \
	  $(filter-out generator/assets/material.css,$(wildcard generator/assets/*.css))

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)  ## Benchmark the build at 21, 200 and 1,000 roadmaps (slow; see README "Benchmark"; BENCH_ARGS=...)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

bench-build: $(BENCH_STAMP)  ## Clean-build time of the real site: every PDF rendered, PDF cache kept, --no-pdfs (1 run)
	$(BIN)/python -m bench.run --sizes 0 --runs 1 --clean-builds $(BENCH_ARGS)

clean:  ## Remove generated files
	rm -rf site .build
