# Two commands for a fresh machine: `make build` and `make test` (each installs what it needs).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
SYSTEM_STAMP := $(VENV)/.system
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: build test serve clean setup eval

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The browser tests need Debian's Chromium, the HTML checker Java: installed when missing.
$(SYSTEM_STAMP): $(STAMP)
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; }
	@command -v java >/dev/null 2>&1 || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q openjdk-17-jre-headless; }
	touch $(SYSTEM_STAMP)

# axe-core and the Nu HTML Checker, pinned by package-lock.json.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

setup: $(STAMP)

build: $(STAMP)
	$(BIN)/briefing build

test: $(STAMP) $(SYSTEM_STAMP) $(NODE_STAMP)
	$(BIN)/python -m pytest

# Summary quality on the BBC development data (../shared/eval/bbc); SAMPLE=0 scores all of it.
SAMPLE ?= 300
eval: $(STAMP)
	$(BIN)/briefing eval $(if $(filter 0,$(SAMPLE)),,--sample $(SAMPLE)) --json benchmarks/eval-results.json

serve: build
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory output 8000

clean:
	rm -rf output .briefing-cache $(VENV) node_modules test-artifacts
