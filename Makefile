# revitalize — two commands:
#   make report   set up .venv, install the package with all extras, write the Northeast report
#   make test     set up .venv if needed, install test dependencies, run lint, types and tests

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
REPORT ?= build/northeast-report.html

.PHONY: report test lint typecheck pytest data bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-all: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[all]"
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[all,test]"
	touch $@

report: $(VENV)/.installed-all
	$(BIN)/revitalize report --output $(REPORT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests scripts benchmarks
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

pytest: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

test: lint typecheck pytest

data: $(VENV)/.installed-test
	$(BIN)/python scripts/build_data.py

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/bench_data.py
	$(BIN)/python benchmarks/bench_population.py
	$(BIN)/python benchmarks/bench_complexity.py
	$(BIN)/python benchmarks/bench_indicators.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
