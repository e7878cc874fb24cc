# Everything a contributor needs: `make serve` to preview, `make test` to check.
# Both create .venv and install the pinned versions on first use.

PYTHON ?= python3
export NO_MKDOCS_2_WARNING := 1
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve build test bench anchors schema linkcheck-external clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]"
	touch $(STAMP)

serve: $(STAMP) ## Preview on http://127.0.0.1:8000 with live reload
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP) ## Strict build into site/
	$(BIN)/mkdocs build --strict --clean

test: $(STAMP) ## Every test: strict build, HTML checks, data errors, browser tests
	$(BIN)/python -m pytest

bench: $(STAMP) ## Build time, Lighthouse (ours vs stock Material), 10x scale test; fails on a broken budget
	$(BIN)/python tools/bench.py

anchors: build ## Add the anchors of a new page or item to tests/published-anchors.txt
	$(BIN)/python tools/anchors.py site

schema: $(STAMP) ## Regenerate docs/schema/ladder.schema.json from ladder/schema.py
	$(BIN)/python -m ladder schema > docs/schema/ladder.schema.json

linkcheck-external: build ## Check external links (needs the network; not part of `make test`)
	$(BIN)/python tools/linkcheck_external.py site

clean:
	rm -rf $(VENV) site .bench
