# rejectcheck: two commands for a new user — `make serve` and `make test`.
# Everything installs into ./.venv from this repository's own files.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
# `make serve HOST=0.0.0.0 PORT=9000`; otherwise REJECTCHECK_HOST / REJECTCHECK_PORT, as for `rejectcheck serve`
HOST   ?= $(or $(REJECTCHECK_HOST),127.0.0.1)
PORT   ?= $(or $(REJECTCHECK_PORT),8000)
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install serve test test-fast train-install train evaluate bench clean

$(VENV)/.installed-dev: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

install: $(VENV)/.installed-dev

## Start the web form and JSON API on http://$(HOST):$(PORT) with the shipped model.
serve: install
	$(VENV)/bin/rejectcheck serve --host $(HOST) --port $(PORT)

## Run the whole test suite (browser tests need /usr/bin/chromium; .ci/run installs it).
test: install
	$(PY) -m pytest -q

test-fast: install
	$(PY) -m pytest -q -m "not browser and not slow"

$(VENV)/.installed-train: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e ".[train,dev]"
	touch $@

train-install: $(VENV)/.installed-train

## Rebuild the corpus and retrain, evaluate and package the shipped model.
train: train-install
	$(PY) -m training all

evaluate: install
	$(PY) -m training evaluate --model-dir model/artifacts

bench: install
	$(PY) bench/checker.py

clean:
	rm -rf $(VENV) runs .pytest_cache
