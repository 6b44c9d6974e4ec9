# Two commands set everything up: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= $(or $(STREAMLIT_SERVER_PORT),8501)
# Serve on this machine only; `make run ADDRESS=0.0.0.0` serves the team on the network (set an
# admin password first, see README "Serving a team").
ADDRESS ?= $(or $(STREAMLIT_SERVER_ADDRESS),localhost)
BENCH_CUSTOMERS ?= 1000000

.PHONY: run test bench bench-scale demo clean

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { rm -rf $(VENV); \
	  echo "python -m venv failed (Debian needs the python3-venv package); trying virtualenv"; \
	  $(PYTHON) -m pip install --user --quiet virtualenv && $(PYTHON) -m virtualenv --quiet $(VENV); } \
	  || { echo "error: cannot create $(VENV): install python3-venv (apt-get install python3-venv)"; exit 1; }
	@$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.run-installed

run: $(VENV)/.run-installed
	$(BIN)/python -m lib demo --if-missing
	@$(BIN)/python -m lib.access --address $(ADDRESS)
	$(BIN)/python -m lib serve --port $(PORT) --address $(ADDRESS)

test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest

demo: $(VENV)/.run-installed
	$(BIN)/python -m lib demo

bench: $(VENV)/.dev-installed
	$(BIN)/python -m bench --customers $(BENCH_CUSTOMERS)

# The cost curve (README "Cost curve"): every step at 100k, 1M and 5M customers, about an hour on
# 2 cores and 25 GB of disk in SCALE_DIR; then the plot and the README table from its JSON.
SCALE_SIZES ?= 100000 1000000 5000000
SCALE_DIR ?= data/scale
bench-scale: $(VENV)/.dev-installed
	$(BIN)/python -m bench.scale --sizes $(SCALE_SIZES) --dir $(SCALE_DIR)
	$(BIN)/python -m bench.scale --plot

clean:
	rm -rf $(VENV) .pytest_cache
