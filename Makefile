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

.PHONY: serve build check test lock clean

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || { echo "Python 3.10 or newer is needed (found $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

## serve: build the guide and preview it at http://127.0.0.1:8000 with live reload
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

## build: strict build into site/ (any warning fails)
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## check: the fast content checks (every checklist item cited, ids, bibliography)
check: $(STAMP)
	$(BIN)/python scripts/citecheck.py

## test: every check: the content checks, then the whole test suite (strict build included)
test: check
	$(BIN)/python -m pytest

## lock: re-pin every dependency after editing pyproject.toml
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools==7.6.2
	$(BIN)/pip-compile --quiet --extra test --generate-hashes --strip-extras --allow-unsafe \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf site .cache
