# Workbench developer commands. `make run` and `make test` work on a fresh Debian machine.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint unit screenshots bench package package-test clean

$(STAMP): pyproject.toml setup.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test,package]"
	@touch $@

## Start the desktop app on the embedded SQLite store (in a virtual screen if there is no display).
run: $(STAMP)
	@bash packaging/system-deps.sh run
	@if [ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then $(BIN)/workbench; \
	else echo "No display found: starting Workbench on a virtual screen (Xvfb)."; xvfb-run -a $(BIN)/workbench; fi

## Install what the tests need (system packages too) and run every check.
test: $(STAMP)
	@bash packaging/system-deps.sh test
	$(MAKE) --no-print-directory lint unit

lint: $(STAMP)
	$(BIN)/ruff check workbench tests benchmarks packaging
	$(BIN)/lint-imports

unit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -p no:cacheprovider

## PNGs of every main view with demo data, into docs/screenshots/ (no system fonts: only the shipped ones).
screenshots: $(STAMP)
	@bash packaging/system-deps.sh test
	FONTCONFIG_FILE=$(CURDIR)/packaging/fontconfig-no-system-fonts.conf QT_QPA_PLATFORM=offscreen \
		$(BIN)/python -m workbench.ui.screenshots docs/screenshots

## Benchmarks (figures go to docs/PERFORMANCE.md).
bench: $(STAMP)
	@for b in benchmarks/*_bench.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

## Build the desktop app into dist/Workbench/ (PyInstaller, one folder; the executable also runs the CLI).
package: $(STAMP)
	@bash packaging/system-deps.sh package
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build packaging/workbench.spec
	@du -sh dist/Workbench

## Smoke-test the built app: window on a fresh data dir, screen, suppliers import, memo, verify.
package-test: $(STAMP)
	@bash packaging/system-deps.sh package
	@test -x dist/Workbench/Workbench || $(MAKE) --no-print-directory package
	$(BIN)/python packaging/smoke_test.py

clean:
	rm -rf build dist .pytest_cache .ruff_cache
