# Two entry points (README): `make run` and `make test`. Both create .venv and install first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# slow tests (whole evaluation sets) run in CI (CI=true) and with `make test-all`
SLOW := $(if $(CI),,-m "not slow")

.PHONY: run test test-all typecheck eval bench bench-desk vendor clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# analyses the bundled examples into the default SQLite store (re-runs change nothing), shows the corpus,
# then serves the desk at http://127.0.0.1:8000/ until Ctrl-C (PORT=8001 make run for another port)
PORT ?= 8000
run: $(STAMP)
	$(BIN)/communique ingest examples/
	$(BIN)/communique overview
	$(BIN)/communique serve --port $(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest -q $(SLOW)

test-all: $(STAMP)
	$(BIN)/python -m pytest -q

typecheck: $(STAMP)
	$(BIN)/python -m mypy communique --ignore-missing-imports

bench: $(STAMP)
	$(BIN)/python bench/pipeline_bench.py

# p95 render time of the desk's actor and pair pages on the store bench/store_bench.py loads
bench-desk: $(STAMP)
	$(BIN)/python bench/desk_bench.py --db sqlite:///bench.db

# the desk's JavaScript libraries, from the npm registry into the package (with their licences)
VENDOR_JS := cytoscape@3.35.0
VENDOR_DIR := communique/web/static/vendor
vendor:
	rm -rf build/vendor && mkdir -p build/vendor $(VENDOR_DIR)
	cd build/vendor && npm pack --silent $(VENDOR_JS) && tar -xzf cytoscape-*.tgz
	cp build/vendor/package/dist/cytoscape.min.js $(VENDOR_DIR)/cytoscape.min.js
	cp build/vendor/package/LICENSE $(VENDOR_DIR)/cytoscape.LICENSE

eval: $(STAMP)
	$(BIN)/communique evaluate ../shared/dev-gold

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
