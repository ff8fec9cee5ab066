# Quick start: `make run` builds the warehouse, `make test` runs the tests. `make help` lists all.
SHELL := /bin/bash
PYTHON ?= python3
# uv from PATH, else the uv module of python3 (installed with pip on first use)
UV := $(or $(shell command -v uv 2>/dev/null),$(PYTHON) -m uv)
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
export DAGSTER_DISABLE_TELEMETRY := 1
export UV_LINK_MODE := copy
RUN := $(UV) run --frozen --no-sync

.PHONY: help env browser run full-refresh ui test extract sql bench eval catalogue clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

env: ## create .venv from uv.lock (uv is installed with pip if missing)
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	@# compiled bytecode is written at install time: every run and test then starts in about a
	@# third of the time (Great Expectations imports in ~4 s instead of ~12 s), also where
	@# PYTHONDONTWRITEBYTECODE is set
	@$(UV) sync --frozen --quiet --compile-bytecode
	@mkdir -p $(DAGSTER_HOME)
	@# the instance's settings (pools, run monitoring): copied when missing or older than the project's
	@cp -u pipelines/dagster.yaml $(DAGSTER_HOME)/dagster.yaml
	@# create the Dagster instance's storage once, so a run and the UI never race to create it
	@test -d $(DAGSTER_HOME)/history || $(RUN) python -c "import dagster; dagster.DagsterInstance.get().get_runs(limit=1)"

run: env ## build or refresh the warehouse (SEEDS_DIR → WAREHOUSE_PATH) and print a summary
	@$(RUN) python -m pipelines.run

full-refresh: env ## re-extract every article from scratch
	@$(RUN) python -m pipelines.run --full-refresh

ui: env ## start the Dagster UI on http://127.0.0.1:3000
	@$(RUN) dagster dev -h 127.0.0.1 -p $${PORT:-3000}

extract: env ## print the facts of FILES as JSON lines: make extract FILES="seeds/*.txt"
	@$(RUN) python -m pipelines.extract $(FILES)

# The browser test drives Debian's Chromium (Playwright never downloads a browser here); the
# CJK font makes entity names readable in the charts.
APT_PACKAGES := chromium fonts-wqy-microhei
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
browser: ## install Debian's chromium and a CJK font when missing (needs root or sudo)
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi wqy; then \
	  echo "installing $(APT_PACKAGES) with apt-get"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_PACKAGES) >/dev/null \
	    || echo "could not install $(APT_PACKAGES): the browser test will fail until they are installed"; \
	fi

sql: env ## run a read-only query: make sql Q="SELECT * FROM token_usage_series" [FORMAT=csv|json]
	@$(RUN) python -m warehouse.query --format $${FORMAT:-table} "$(Q)"

bench: env ## measure throughput, scaling, memory and accuracy (SIZES=1000,10000,100000); writes bench/RESULTS.md
	@$(RUN) python -m bench.run --sizes $${SIZES:-1000,10000}

eval: env ## score extraction on annotated articles: EVAL_DIR (default ../shared/eval/dev/articles) against the gold folder beside it [VERBOSE=1]
	@$(RUN) python -m bench.evaluate $(if $(VERBOSE),--verbose)

catalogue: env ## regenerate the registry's catalogue of model ids (lexicon/catalogue.yaml) from the model-prices package
	@$(RUN) python -m pipelines.extraction.catalogue

test: env browser ## run the whole test suite (installs chromium for the browser test if missing)
	@$(RUN) pytest $(PYTEST_ARGS)

clean: ## delete the built warehouse and the local Dagster instance's runs
	rm -f warehouse/*.duckdb warehouse/*.duckdb.wal
	find $(DAGSTER_HOME) -mindepth 1 ! -name dagster.yaml -exec rm -rf {} +
