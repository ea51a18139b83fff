# gongkai — 政务公开工作台
#   make run    create .venv if missing, install, open the app on the default database
#   make test   create .venv if missing, install with test extras, run the whole suite headless
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint bench clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "需要 Python 3.11 或更高版本")'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test]'
	@touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	@bash installer/system-deps.sh run
	$(PY) -m app

test: $(VENV)/.installed-test
	@bash installer/system-deps.sh test
	$(PY) -m ruff check app ui tests
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

lint: $(VENV)/.installed-test
	$(PY) -m ruff check app ui tests

bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/benchmarks -s --timeout=0

clean:
	rm -rf $(VENV) build *.egg-info
