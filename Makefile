# Two entry points for a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint taxonomy bench fuzz golden clean

# (Re)create the virtual environment when it is missing or pyproject.toml changed.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/ixtag demo

test: $(STAMP)
	$(BIN)/ruff check taxonomy tagger xbrl tests scripts
	bash scripts/install-chromium.sh
	$(BIN)/python -m pytest -q
	$(BIN)/python scripts/fuzz.py --runs 8 --seed 11  # a small fixed budget of damaged inputs

lint: $(STAMP)
	$(BIN)/ruff check taxonomy tagger xbrl tests scripts

# Rebuild the taxonomy packages shipped inside the Python package.
taxonomy: $(STAMP)
	$(BIN)/ixtag taxonomy build -o taxonomy/packages

bench: $(STAMP)
	$(BIN)/python scripts/bench.py --pdf

# Damage the example at random: every run must end in a one-line error or a clean report.
fuzz: $(STAMP)
	$(BIN)/python scripts/fuzz.py --runs 50 --keep out/fuzz

# Rewrite tests/golden from the bundled examples; read the diff before committing it.
golden: $(STAMP)
	$(BIN)/python scripts/golden.py

clean:
	rm -rf $(VENV) build *.egg-info
