# Mesh Studio: `make run` opens the studio on the ERP sample, `make test` runs the whole suite.
# Both set everything up on a fresh Debian machine first (virtualenv, package, Graphviz).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SAMPLE := samples/erp-mesh.mesh.yaml

WHEELHOUSE := $(VENV)/wheelhouse

.PHONY: run test setup graphviz chromium test-tools js-harness lint bench wheel clean install-desktop \
	uninstall-desktop

run: setup
	$(BIN)/mesh-studio gui $(SAMPLE)

test: setup chromium test-tools js-harness
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

setup: $(STAMP) graphviz

# The wheelhouse holds every dependency as a wheel: the pre-commit test installs the hooks
# from it with no index, as pre-commit would from PyPI.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip 'setuptools>=77.0.1'
	$(BIN)/pip install --quiet -e '.[test,dev]'
	$(BIN)/pip wheel --quiet --wheel-dir $(WHEELHOUSE) . 'setuptools>=77.0.1'
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

# The official AsyncAPI parser the export tests run (test-only, pinned in tests/js: never a
# runtime dependency). `npm ci` again whenever the lock file changes; no install scripts run.
JS_STAMP := tests/js/node_modules/.installed
js-harness: $(JS_STAMP)
$(JS_STAMP): tests/js/package-lock.json
	cd tests/js && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(JS_STAMP)

# Tools the tests run: zsh checks the completion script, groff renders the man page,
# desktop-file-validate checks the launcher.
test-tools:
	@if command -v zsh >/dev/null 2>&1 && command -v groff >/dev/null 2>&1 \
		&& command -v desktop-file-validate >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing zsh, groff-base and desktop-file-utils (for the tests) with apt-get ..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			zsh groff-base desktop-file-utils >/dev/null) \
		|| echo "note: could not install zsh, groff-base, desktop-file-utils; their tests will fail"; \
	else echo "note: install zsh, groff-base and desktop-file-utils for the tests"; fi

# The house's checks, as CI runs them (.ci/run) and as .pre-commit-config.yaml runs them
lint: setup
	$(BIN)/ruff check studio resources tests benchmarks
	$(BIN)/ruff format --check studio resources tests benchmarks
	$(BIN)/mypy studio
	$(BIN)/lint-imports

bench: setup
	$(BIN)/python benchmarks/run.py

# The wheel users install (dist/mesh_studio-*.whl); .ci/run smoke-tests it outside the checkout.
wheel: setup
	rm -rf dist
	$(BIN)/pip wheel --quiet --no-deps --no-build-isolation --wheel-dir dist .

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis build dist

# Desktop integration of this checkout into PREFIX (~/.local by default, where desktops, man and
# bash-completion look): the launcher, which runs this virtualenv's mesh-studio-gui so nothing
# needs activating, its icon, and the man page and bash/zsh completion the installed command
# generates. `make uninstall-desktop PREFIX=...` removes the same five files.
PREFIX ?= $(HOME)/.local
SHARE  := $(PREFIX)/share
DESKTOP_FILES := applications/mesh-studio.desktop icons/hicolor/scalable/apps/mesh-studio.svg \
	man/man1/mesh-studio.1 bash-completion/completions/mesh-studio zsh/site-functions/_mesh-studio

install-desktop: setup
	for file in $(DESKTOP_FILES); do mkdir -p "$(SHARE)/$$(dirname $$file)"; done
	sed 's|^Exec=mesh-studio-gui|Exec="$(abspath $(BIN))/mesh-studio-gui"|' \
		resources/desktop/mesh-studio.desktop > "$(SHARE)/applications/mesh-studio.desktop"
	cp resources/desktop/mesh-studio.svg "$(SHARE)/icons/hicolor/scalable/apps/mesh-studio.svg"
	$(BIN)/mesh-studio manpage > "$(SHARE)/man/man1/mesh-studio.1"
	$(BIN)/mesh-studio completion bash > "$(SHARE)/bash-completion/completions/mesh-studio"
	$(BIN)/mesh-studio completion zsh > "$(SHARE)/zsh/site-functions/_mesh-studio"
	@echo "Installed into $(SHARE). zsh: add $(SHARE)/zsh/site-functions to fpath before compinit."

uninstall-desktop:
	for file in $(DESKTOP_FILES); do rm -f "$(SHARE)/$$file"; done
