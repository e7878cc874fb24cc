# Everything a contributor needs: `make serve` to preview, `make test` to check.
# Both create .venv and install the pinned versions on first use.

PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve build build-zensical zensical test browser bench anchors release schema linkcheck-external clean

$(STAMP): pyproject.toml requirements.lock package.json package-lock.json
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "The ladder needs Python 3.11 or newer; $(PYTHON) is Python " + sys.version.split()[0] + ".")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]"
	$(BIN)/npm ci --no-audit --no-fund --loglevel=error  # CSS and JS linters, HTML validator
	touch $(STAMP)

serve: $(STAMP) ## Preview on http://127.0.0.1:8000 with live reload; a mistake shows in the log and the page
	$(BIN)/mkdocs serve --no-strict --dev-addr 127.0.0.1:$(PORT)

build: $(STAMP) ## Strict build into site/
	$(BIN)/mkdocs build --strict --clean

# Zensical, the successor of Material for MkDocs, in an environment of its own (requirements-zensical.lock).
ZENSICAL_VENV ?= .venv-zensical
ZENSICAL_STAMP := $(ZENSICAL_VENV)/.installed

$(ZENSICAL_STAMP): requirements-zensical.lock
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet -r requirements-zensical.lock
	touch $(ZENSICAL_STAMP)

zensical: ## Install Zensical where it installs; elsewhere say so in one line and go on
	@$(MAKE) --no-print-directory $(ZENSICAL_STAMP) >/dev/null 2>&1 || echo "Zensical does not install here: the tests that compare it with MkDocs are skipped."

build-zensical: $(STAMP) $(ZENSICAL_STAMP) ## The same site built with Zensical into .zensical/site/
	$(BIN)/python -m ladder render .zensical
	rm -rf .zensical/site
	$(ZENSICAL_VENV)/bin/zensical build -f .zensical/mkdocs.yml
	$(BIN)/python -m ladder postbuild .zensical/site

browser: $(STAMP) ## Make sure the browser tests have a Chromium (Debian's or Playwright's)
	@$(BIN)/python tools/chromium.py

test: browser zensical ## Every test: strict build, HTML checks, data errors, browser tests
	$(BIN)/python -m pytest

bench: browser zensical tools/bench/node_modules/.installed ## Builds, preview, Lighthouse CI, axe and 10x scale vs budgets
	$(BIN)/python -m tools.bench

tools/bench/node_modules/.installed: tools/bench/package-lock.json $(STAMP)
	$(BIN)/npm ci --prefix tools/bench --no-audit --no-fund --loglevel=error  # Lighthouse CI
	touch $@

anchors: build ## Add the anchors of a new page or item to docs/data/published-anchors.txt
	$(BIN)/python -m tools.anchors site

release: $(STAMP) ## Freeze the data file's version in docs/data/releases/ and publish its anchors
	$(BIN)/python -m ladder release
	$(MAKE) -o $(STAMP) anchors  # .venv is up to date by now, and make passes no -o on to a sub-make

schema: $(STAMP) ## Regenerate docs/schema/ladder.schema.json from ladder/schema.py
	$(BIN)/python -m ladder schema > docs/schema/ladder.schema.json

linkcheck-external: build ## Check external links with lychee (needs the network; not part of `make test`)
	$(BIN)/lychee --config tools/lychee.toml --root-dir $(CURDIR)/site site

clean:
	rm -rf $(VENV) $(ZENSICAL_VENV) site .zensical .bench node_modules tools/bench/node_modules
