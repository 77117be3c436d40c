# Two commands for a fresh machine: `make build` and `make test` (each installs what it needs).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test serve clean setup

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

build: $(STAMP)
	$(BIN)/briefing build

test: $(STAMP)
	$(BIN)/python -m pytest

serve: build
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory output 8000

clean:
	rm -rf output .briefing-cache $(VENV)
