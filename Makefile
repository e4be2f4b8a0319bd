# Mesh Studio: `make run` opens the studio on the ERP sample, `make test` runs the whole suite.
# Both set everything up on a fresh Debian machine first (virtualenv, package, Graphviz).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SAMPLE := samples/erp-mesh.mesh.yaml

WHEELHOUSE := $(VENV)/wheelhouse

.PHONY: run test setup graphviz chromium lint bench wheel clean

run: setup
	$(BIN)/mesh-studio gui $(SAMPLE)

test: setup chromium
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

setup: $(STAMP) graphviz

# The wheelhouse holds every dependency as a wheel: the pre-commit test installs the hooks
# from it with no index, as pre-commit would from PyPI.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip 'setuptools>=77'
	$(BIN)/pip install --quiet -e '.[test,dev]'
	$(BIN)/pip wheel --quiet --wheel-dir $(WHEELHOUSE) . 'setuptools>=77'
	touch $(STAMP)

# Graphviz's `dot` gives the best auto-layout; without it Mesh Studio falls back to networkx.
graphviz:
	@if command -v dot >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Graphviz (dot) with apt-get ..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq graphviz >/dev/null) \
		|| echo "note: could not install Graphviz; layout uses the built-in networkx engine"; \
	else echo "note: Graphviz 'dot' is missing (install the graphviz package); layout uses the built-in engine"; fi

# The portal's browser tests run its search script in Debian's headless chromium.
chromium:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing chromium (for the portal's browser tests) with apt-get ..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "note: could not install chromium; the portal's browser tests will fail"; \
	else echo "note: chromium is missing (install the chromium package) for the portal's browser tests"; fi

lint: setup
	$(BIN)/ruff check studio resources tests benchmarks
	$(BIN)/mypy studio --exclude studio/gui

bench: setup
	$(BIN)/python benchmarks/run.py

# The wheel users install (dist/mesh_studio-*.whl); .ci/run smoke-tests it outside the checkout.
wheel: setup
	rm -rf dist
	$(BIN)/pip wheel --quiet --no-deps --no-build-isolation --wheel-dir dist .

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build dist
