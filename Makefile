# Practice-Led: every command a contributor needs. Each target bootstraps .venv
# from requirements.lock when it is missing or older than the lock.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-lock
# Silence the end-of-life banners of Material and of mkdocs-redirects' properdocs dependency.
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: install serve build site-pages check test test-content lock clean urls

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { echo "Makefile: '$(PYTHON)' is not Python 3.11 or newer: install it, or run make with PYTHON=/path/to/python3.11 or newer"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "Makefile: '$(PYTHON) -m venv' failed: on Debian or Ubuntu install the python3-venv package (sudo apt install python3-venv), then run make again"; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@# The guide's MkDocs plugin (scripts/practice_led), editable, built with the setuptools in the lock.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	@touch $@

# Node tools for the quality gates (the Nu HTML Checker; ESLint; Lighthouse for scripts/bench/bench_pages.py),
# pinned in package-lock.json; no install scripts, no browser downloads. Without npm the HTML
# check and ESLint are skipped (CI fails instead).
NODE_STAMP := node_modules/.installed-from-lock
$(NODE_STAMP): package-lock.json
	@if command -v npm >/dev/null; then \
	  PUPPETEER_SKIP_DOWNLOAD=1 CHROMEDRIVER_SKIP_DOWNLOAD=true \
	    npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the HTML validity test and ESLint will be skipped (apt-get install npm)"; fi

## install: only set up .venv from the lock (every other target does this first)
install: $(STAMP)

## serve: build the guide and preview it at http://127.0.0.1:8000, rebuilt on every edit (overrides/ too)
## (another address: make serve SERVE_ADDR=127.0.0.1:8001)
SERVE_ADDR ?= 127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr $(SERVE_ADDR) --livereload --watch-theme

## build: strict build into site/ (any warning fails), with the offline copy's zip in it
build: site-pages
	$(BIN)/python scripts/tools/offline_copy.py

# The strict build alone, without the offline copy (what `make urls` reads).
site-pages: $(STAMP)
	$(BIN)/mkdocs build --strict

# The source texts the guide quotes, never committed (copyright): the paper in ../shared/source,
# the checked record of later law and regulation (currency.md) in ../shared. When they are next
# to the project, every checklist item's basis quotation is looked for in them, word for word.
SOURCE_TEXTS_DIRS := ../shared/source ../shared
SOURCE_TEXTS := $(foreach dir,$(SOURCE_TEXTS_DIRS),$(if $(wildcard $(dir)/.),--source-texts $(dir)))

## check: the fast content checks (every checklist item cited, with its basis; ids, bibliography)
check: $(STAMP)
	$(BIN)/python scripts/citecheck.py $(SOURCE_TEXTS)

## test: every check: the content checks, lint, then the whole test suite (strict build included)
test: check $(NODE_STAMP)
	$(BIN)/ruff check scripts tests
	@if [ -x node_modules/.bin/eslint ]; then echo "ESLint (eslint.config.mjs)" && node_modules/.bin/eslint; \
	elif [ -n "$$CI" ]; then echo "ESLint is not installed: CI needs npm (.ci/run)"; exit 1; \
	else echo "ESLint skipped: npm not found"; fi
	$(BIN)/python -m pytest -n auto

## test-content: what to run before pushing a change to pages or the bibliography (under a
## minute): the content checks, then the tests such a change can break, strict build included
test-content: check
	$(BIN)/python -m pytest -q -m "content and not browser"

## urls: build the pages, add new page addresses and ids to urls.txt, check none has gone (docs/trainers/linking.md)
urls: site-pages
	$(BIN)/python scripts/tools/url_manifest.py update
	$(BIN)/python scripts/tools/url_manifest.py check

## lock: re-pin every dependency after editing pyproject.toml (resolved for the oldest
## supported Python, 3.11, so the same lock installs on every newer one)
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet uv==0.13.9
	$(BIN)/uv pip compile --quiet --python-version 3.11 --extra test --generate-hashes \
	  --no-strip-extras pyproject.toml -o requirements.lock

clean:
	rm -rf site site-offline .cache
