# One command for each job, on a fresh clone:
#   make serve   set everything up, then serve the site at http://127.0.0.1:8000/
#   make test    set everything up, then run every test
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: setup serve test build stubs

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

setup: $(VENV)/.installed

serve: setup
	$(PY) -m mkdocs serve

build: setup
	$(PY) -m mkdocs build --strict

test: setup
	sh scripts/install_browser.sh
	$(PY) -m pytest tests

stubs: setup
	$(PY) scripts/make_stubs.py
