# Two entry points: `make build` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: build test test-fast setup system-deps lint bench clean

build: $(STAMP)
	$(BIN)/studypress build source -o output

test: $(TEST_STAMP)
	$(BIN)/python -m pytest -n auto

# The quick loop while editing: everything but the tests that read PDFs or drive Anki.
test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest -n auto -m 'not slow'

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests bench

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

setup: $(STAMP)

# reportlab's PNG backend (rlPyCairo → pycairo) compiles against the cairo headers; pycairo ships
# no Linux wheels, so a fresh Debian machine needs libcairo2-dev before pip can install it.
system-deps:
	@if ! pkg-config --exists cairo 2>/dev/null; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "installing cairo headers (libcairo2-dev) for the PNG backend"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcairo2-dev pkg-config >/dev/null; \
	  else \
	    echo "error: the cairo development headers are missing; install libcairo2-dev and pkg-config (Debian/Ubuntu) or cairo (Homebrew), then run make again" >&2; \
	    exit 1; \
	  fi; \
	fi

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | system-deps $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e .
	touch $(STAMP)

# The test extra adds pytest (and xdist, to use every core), hypothesis, pypdf and the anki
# library used to import decks.
$(TEST_STAMP): pyproject.toml | system-deps $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP) $(TEST_STAMP)

clean:
	rm -rf $(VENV) output .pytest_cache .hypothesis
