# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: demo test install lint typecheck imports pytest bench clean catalogs compile-catalogs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

# axe-core, which the browser tests run in each page (package.json, package-lock.json).
# Without npm the accessibility checks are skipped (outside CI, where they must run).
NODE_STAMP := node_modules/.installed

$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm is missing: the accessibility checks (axe-core) will be skipped"; \
	fi

install: $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/isonomia demo

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy src

imports: $(STAMP)
	$(BIN)/lint-imports

pytest: $(STAMP) $(NODE_STAMP)
	$(BIN)/pytest -n 2 -q --durations=30

# The interface's message catalogs (P14): extract the marked messages, merge them into each
# language's catalog (translate what is new there), and compile the .mo files the package ships.
LOCALE := src/isonomia/locale
CATALOG_LANGUAGES := uk ka

catalogs: $(STAMP)
	$(BIN)/pybabel extract --no-default-keywords -k _ -k N_ --no-location \
		--sort-output -o $(LOCALE)/isonomia.pot src/isonomia
	for lang in $(CATALOG_LANGUAGES); do \
		$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete \
			-D isonomia -i $(LOCALE)/isonomia.pot -d $(LOCALE) -l $$lang; \
	done
	$(MAKE) compile-catalogs

compile-catalogs: $(STAMP)
	$(BIN)/pybabel compile -D isonomia -d $(LOCALE) --statistics

test: compile-catalogs lint typecheck imports pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules isonomia.db isonomia.db.keys
