# Peerpath — the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := LMS_ENVIRONMENT=development $(BIN)/flask --app lms
# axe-core, for the browser tests' accessibility checks (test-only, never served).
AXE := build/axe/node_modules/axe-core/axe.min.js

.PHONY: run setup test lint bench i18n-extract i18n-update i18n-compile

## Set everything up and serve the site on http://127.0.0.1:5000
run: setup
	$(FLASK) run --host 127.0.0.1 --port 5000

## Everything `run` needs, without serving: packages, database, courses, demo accounts.
setup: $(VENV)/.installed
	@scripts/system-deps.sh run
	$(FLASK) db upgrade
	$(FLASK) courses sync
	$(FLASK) demo

$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## Lint and the import contracts, then the whole test suite (browser tests included) on SQLite,
## or on the database named by LMS_SQLALCHEMY_DATABASE_URI.
test: $(VENV)/.installed $(AXE)
	@scripts/system-deps.sh test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/pytest

$(AXE):
	@command -v npm >/dev/null || scripts/system-deps.sh npm
	npm install --silent --no-audit --no-fund --prefix build/axe axe-core@4

lint: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Benchmarks (see bench/README.md): all of them, the load benchmark last.
bench: setup
	@scripts/system-deps.sh bench
	$(BIN)/python -m bench

## Translations (docs/translation.md): find marked text, merge it into each catalog, compile.
# PYTHONPATH: babel.cfg names an extractor in lms (lms.i18n_lint), so pybabel must import it.
PYBABEL := PYTHONPATH=. $(BIN)/pybabel
CATALOGS := lms/translations
i18n-extract: $(VENV)/.installed
	$(PYBABEL) extract -F babel.cfg -k _l -k lazy_gettext -k N_ --no-location --sort-output \
		--project Peerpath -o $(CATALOGS)/messages.pot .

i18n-update: i18n-extract
	$(PYBABEL) update --no-fuzzy-matching --ignore-obsolete -i $(CATALOGS)/messages.pot -d $(CATALOGS)

i18n-compile: $(VENV)/.installed
	$(PYBABEL) compile --statistics -d $(CATALOGS)
