# Two entry points: `make build` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: build test test-fast setup system-fonts system-deps lint bench clean

build: $(STAMP)
	$(BIN)/studypress build source -o output
	$(BIN)/studypress build source -o output --only book --only png

test: $(TEST_STAMP)
	$(BIN)/python -m pytest -n auto

# The quick loop while editing: everything but the tests that read PDFs or drive Anki.
test-fast: $(TEST_STAMP)
	$(BIN)/python -m pytest -n auto -m 'not slow'

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests bench

bench: $(BENCH_STAMP)
	$(BIN)/python bench/run_all.py

setup: $(STAMP)

# Fonts the PDFs fall back on for scripts the package's own fonts lack, found through fontconfig:
# Chinese and Japanese (WenQuanYi Micro Hei, TrueType), emoji in monochrome (Symbola), Hebrew
# (DejaVu Sans). The tests also need Debian's chromium, in which tests/test_card_render.py lays
# out the cards, and poppler-utils, whose pdftotext tests/test_cloze_outputs.py reads a PDF
# with. Installed when missing on Debian/Ubuntu as root; elsewhere a note says so.
SYSTEM_FONTS := fontconfig fonts-wqy-microhei fonts-symbola fonts-dejavu-core
SYSTEM_TEST := chromium poppler-utils

# $(call apt-install,packages,what they are for)
define apt-install
	@if command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	  if [ -n "$$missing" ]; then \
	    echo "installing $(2):" $$missing; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  fi; \
	elif ! command -v fc-match >/dev/null 2>&1; then \
	  echo "note: no fontconfig here, so only the package's own fonts are used (see README: Fonts)"; \
	fi
endef

system-fonts:
	$(call apt-install,$(SYSTEM_FONTS),fonts for other scripts)

# Everything the tests need from the system: the fonts, chromium, and poppler-utils (pdftotext).
system-deps:
	$(call apt-install,$(SYSTEM_FONTS) $(SYSTEM_TEST),fonts for other scripts and the test tools chromium and pdftotext)

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | system-fonts $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e .
	touch $(STAMP)

# The test extra adds pytest (and xdist, to use every core), hypothesis, pypdf and the anki
# library used to import decks.
$(TEST_STAMP): pyproject.toml | system-deps $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP) $(TEST_STAMP)

# The bench extra adds pandoc and Typst, which bench/compare.py measures studypress against.
$(BENCH_STAMP): pyproject.toml | system-deps $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e '.[bench]'
	touch $(STAMP) $(BENCH_STAMP)

clean:
	rm -rf $(VENV) output .pytest_cache .hypothesis
