# Two entry points (README): `make run` and `make test`. Both create .venv and install first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# slow tests (whole evaluation sets) run in CI (CI=true) and with `make test-all`
SLOW := $(if $(CI),,-m "not slow")

.PHONY: run test test-all eval bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/communique analyze examples/*.txt --format markdown

test: $(STAMP)
	$(BIN)/python -m pytest -q $(SLOW)

test-all: $(STAMP)
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/communique evaluate ../shared/dev-gold

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
