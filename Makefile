# One command for each job, on a fresh clone:
#   make serve   set everything up, then serve the site at http://127.0.0.1:8000/
#   make check   check the exercises (make check NAME=mse: one function or lecture)
#   make test    set everything up, then run every test of the project
# torch comes from PyTorch's CPU index; TORCH_INDEX=<index URL> asks for another build
# (CUDA), see scripts/install_torch.sh.
VENV := .venv
PY := $(VENV)/bin/python
NAME ?=

.PHONY: setup serve serve-instructor check test build stubs figures font catalogs bench release

$(VENV)/.installed: pyproject.toml scripts/install_torch.sh
	@echo "Setting up $(VENV): torch, the grader's and the site's packages (once)..."
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	sh scripts/install_torch.sh $(PY)
	@echo "Installing the other packages (grader, site, tests)..."
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

setup: $(VENV)/.installed

serve: setup
	$(PY) -m mkdocs serve

serve-instructor: setup
	COURSE_INSTRUCTOR=1 $(PY) -m mkdocs serve

build: setup
	$(PY) -m mkdocs build --strict

figures: setup
	$(PY) scripts/make_figures.py
	$(PY) scripts/make_figures.py --notebooks

# The site's own Chinese font, cut to the characters the site uses (needs Debian's
# fonts-noto-cjk); a test fails while a character of the site is missing from it.
font: setup
	$(PY) scripts/make_site_font.py
	$(PY) scripts/make_site_font.py --figures

# The grader's translations: new sentences into grader/locale/*/grader.po, then compiled.
catalogs: setup
	$(PY) scripts/catalogs.py

bench: setup
	$(PY) scripts/bench_check.py
	$(PY) scripts/bench_batch.py
	$(PY) scripts/bench_site_build.py
	$(PY) scripts/bench_report.py

check: setup
	$(PY) -m grader check $(NAME)

test: setup
	sh scripts/install_browser.sh
	$(PY) -m pytest tests

stubs: setup
	$(PY) scripts/make_stubs.py
