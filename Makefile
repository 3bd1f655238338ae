# Two commands do all the set-up: `make serve` and `make test`.
# Both create .venv from requirements.lock when it is missing or older than the lock.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-from-lock
SITE_DIR ?= site

# Material prints a banner about MkDocs 2 on every run; silence it in our commands.
export NO_MKDOCS_2_WARNING := 1

# The 404 page's copies of the safety blocks, rendered from the data like every page's.
THEME_BLOCKS := overrides/partials/generated/crisis-callout.html overrides/partials/generated/disclaimer.html
# The one stylesheet and one script pages load, made from their commented sources.
ASSET_SOURCES := docs/assets/stylesheets/site.css $(addprefix docs/assets/javascripts/,exit-page.js region-first.js header-buttons.js)
ASSETS := docs/assets/stylesheets/site.min.css docs/assets/javascripts/site.min.js

.PHONY: serve build validate check readability test bench clean lock

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

$(THEME_BLOCKS) &: data/safety.yml macros/render.py macros/safety_data.py scripts/render_theme_blocks.py $(STAMP)
	$(PY) scripts/render_theme_blocks.py
	@touch $(THEME_BLOCKS)

$(ASSETS) &: $(ASSET_SOURCES) scripts/build_assets.py
	$(PYTHON) scripts/build_assets.py
	@touch $(ASSETS)

serve: $(STAMP) $(THEME_BLOCKS) $(ASSETS)  ## Serve the site at http://127.0.0.1:8000, rebuilding on change
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP) $(THEME_BLOCKS) $(ASSETS)  ## Build the site strictly into site/
	$(PY) -m mkdocs build --strict --site-dir $(SITE_DIR)

validate: build  ## Build, then check every page carries both safety blocks
	$(PY) scripts/validate_site.py --site $(SITE_DIR) --docs docs

# The content editor's fast loop: build, validator, and every test that needs no browser.
check: validate  ## Build, validate, then the data, content and build tests (no browser)
	$(PY) -m pytest -q --ignore=tests/browser

test: $(STAMP) $(THEME_BLOCKS) $(ASSETS)  ## The full test suite (builds the site itself)
	$(PY) -m pytest

clean:
	rm -rf $(SITE_DIR) .pytest_cache

# Regenerate requirements.lock from requirements.in (needs network access to PyPI).
lock:
	$(PYTHON) -m venv .cache/lock-venv
	.cache/lock-venv/bin/pip install --quiet pip-tools
	.cache/lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--output-file requirements.lock requirements.in

readability: build  ## Reading level (Flesch-Kincaid grade, SMOG) of every page
	$(PY) scripts/readability.py --site $(SITE_DIR) --docs docs

# Benchmarks: build and validator times, and Lighthouse on every page (see scripts/bench.py).
# Figures, not tests: nothing here fails on a slow machine.
bench/node_modules/.installed: bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

bench: $(STAMP) $(THEME_BLOCKS) $(ASSETS) bench/node_modules/.installed  ## Print the benchmark table; JSON in bench-results/
	$(PY) scripts/bench.py
