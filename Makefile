# Two commands do all the set-up: `make serve` and `make test`.
# Both create .venv from requirements.lock, and create it again from scratch whenever the
# lock or the Python changes.
#
# Written for GNU make 3.81 and later (macOS ships 3.81): no grouped targets (`&:`, 4.3),
# no `!=`, `$(file ...)`, .ONESHELL or `undefine` (all 3.82 or 4.x).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SITE_DIR ?= site
SERVE_ADDR ?= 127.0.0.1:8000
# `make test TESTED_SITE=site` runs the tests against that already-built folder instead
# of building their own (CI builds once, with the published address, and tests that).
TESTED_SITE ?=

# The stamp names the Python the venv was made with, so a new Python (a new `python3`
# on the PATH, or PYTHON=...) means a new venv rather than a broken one.
PYTHON_VERSION := $(shell $(PYTHON) -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])' 2>/dev/null)
STAMP := $(VENV)/.installed-from-lock-python$(PYTHON_VERSION)

# Material prints a banner about MkDocs 2 on every run; silence it in our commands.
export NO_MKDOCS_2_WARNING := 1

# The theme's copies of the safety blocks (the 404 page) and the search box's help (crisis
# callout for crisis queries, no-results block), rendered from the data like every page's.
THEME_BLOCKS := overrides/partials/generated/crisis-callout.html overrides/partials/generated/disclaimer.html \
	overrides/partials/generated/search-help.html
THEME_BLOCK_SOURCES := data/safety.yml data/search.yml macros/contract.py macros/render.py macros/safety_data.py \
	macros/search_data.py macros/search_render.py scripts/render_theme_blocks.py \
	macros/data_file.py macros/data_rules.py macros/escape.py $(wildcard schemas/*.schema.json)
# The one stylesheet and one script of ours that pages load, made without comments from
# their commented sources by scripts/build_assets.py.
ASSET_SOURCES := docs/assets/stylesheets/site.css \
	$(addprefix docs/assets/javascripts/,exit-page.js region-first.js header-buttons.js search-help.js)
ASSETS := docs/assets/stylesheets/site.min.css docs/assets/javascripts/site.min.js \
	overrides/partials/generated/defer-search-index.html overrides/partials/generated/first-paint.html

# The Nu HTML Checker (vnu-jar, locked in tools/html-checker/package-lock.json).
HTML_CHECKER := tools/html-checker/node_modules/.installed

.PHONY: serve build validate check readability test bench clean lock search-report

# From scratch, so a package dropped from the lock does not stay installed.
$(STAMP): requirements.lock
	@test -n "$(PYTHON_VERSION)" || { echo "$(PYTHON) not found: install Python 3.11 or newer (or set PYTHON=...)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

# All three files come from one run of the script. A pattern rule with several targets
# is "grouped" in every GNU make (the stem is `generated`), unlike an explicit `a b:` rule.
overrides/partials/%/crisis-callout.html overrides/partials/%/disclaimer.html overrides/partials/%/search-help.html: $(THEME_BLOCK_SOURCES) $(STAMP)
	$(PY) scripts/render_theme_blocks.py
	@touch $(THEME_BLOCKS)

# Both come from one run of the script: a pattern rule with two targets is "grouped"
# in every GNU make (the stem is `assets`). The stylesheet carries the colours of
# Material's palette that mkdocs.yml uses, so it follows mkdocs.yml and the lock too.
docs/%/stylesheets/site.min.css docs/%/javascripts/site.min.js: $(ASSET_SOURCES) scripts/build_assets.py mkdocs.yml $(STAMP)
	$(PY) scripts/build_assets.py
	@touch $(ASSETS)

# The inline scripts (the one that holds back the search index; the one that prepares the
# first paint, which carries mkdocs.yml's colour sets), minified into partials by the
# same script (one run writes every file; rules of their own, as their stems differ).
overrides/partials/generated/defer-search-index.html: docs/assets/javascripts/defer-search-index.js scripts/build_assets.py $(STAMP)
	$(PY) scripts/build_assets.py
	@touch $@

overrides/partials/generated/first-paint.html: docs/assets/javascripts/first-paint.js scripts/build_assets.py macros/render.py mkdocs.yml $(STAMP)
	$(PY) scripts/build_assets.py
	@touch $@

# The preview rebuilds on every file the site is built from (`watch:` in mkdocs.yml)
# and re-renders the 404 page's blocks and the minified assets when their sources change (scripts/serve.py).
serve: $(STAMP) $(THEME_BLOCKS) $(ASSETS)  ## Serve the site at http://127.0.0.1:8000, rebuilding on change
	$(PY) scripts/serve.py --dev-addr $(SERVE_ADDR)

build: $(STAMP) $(THEME_BLOCKS) $(ASSETS)  ## Build the site strictly into site/
	$(PY) -m mkdocs build --strict --site-dir $(SITE_DIR)

# VALIDATE_FLAGS=--fail-on-warnings makes dates about to lapse fail (the weekly CI run).
validate: build  ## Build, then check every page carries both safety blocks
	$(PY) scripts/validate_site.py --site $(SITE_DIR) --docs docs $(VALIDATE_FLAGS)

# The content editor's fast loop: build, validator, and every test that needs no browser.
# The tests build the site and run the validator on it themselves; -n 2 spreads them
# over two processes (pytest-xdist), which is what keeps this loop short.
check: $(STAMP) $(THEME_BLOCKS) $(ASSETS)  ## Build, validate, then the data, content and build tests (no browser)
	$(PY) -m pytest -q -n 2 --ignore=tests/browser -m "not slow"

test: $(STAMP) $(THEME_BLOCKS) $(ASSETS) $(HTML_CHECKER)  ## The full test suite (builds the site itself)
	TESTED_SITE="$(TESTED_SITE)" $(PY) -m pytest

# Without npm the HTML checker test skips with a reason (fails under REQUIRE_BROWSER=1).
# --ignore-scripts: vnu-jar's install script would download a Java when none is found;
# the test runs the jar with the machine's own Java (Debian: default-jre-headless).
$(HTML_CHECKER): tools/html-checker/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		echo "cd tools/html-checker && npm ci --ignore-scripts"; \
		(cd tools/html-checker && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) && touch $@; \
	else \
		echo "npm not found: the HTML checker test will skip (Debian: apt-get install npm)"; \
	fi

clean:
	rm -rf $(SITE_DIR) .pytest_cache

# Regenerate requirements.lock from requirements.in (needs network access to PyPI).
# Pinned pip-tools; the machine's own index and wheel folders stay out of the lock.
# pip-tools heads the setuptools pin with "...in a requirements file:", which reads like
# a `file:` location to a grep: reword it.
PIP_TOOLS_VERSION := 7.6.2
lock:
	rm -rf .cache/lock-venv
	$(PYTHON) -m venv .cache/lock-venv
	.cache/lock-venv/bin/pip install --quiet pip-tools==$(PIP_TOOLS_VERSION)
	CUSTOM_COMPILE_COMMAND="make lock" .cache/lock-venv/bin/pip-compile --quiet --generate-hashes \
		--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock requirements.in
	.cache/lock-venv/bin/python -c 'import pathlib; p = pathlib.Path("requirements.lock"); \
		p.write_text(p.read_text().replace("in a requirements file:", "in a requirements file (pinned on purpose):"))'

# What search gives for each reader query in tests/search_queries.yml (needs Chromium).
search-report: build  ## The top three search results for every reader query
	$(PY) scripts/search_report.py --site $(SITE_DIR)

readability: build  ## Reading level (Flesch-Kincaid grade, SMOG) of every page
	$(PY) scripts/readability.py --site $(SITE_DIR) --docs docs

# Benchmarks: build and validator times, and Lighthouse on every page (see scripts/bench.py).
# Figures, not tests: nothing here fails on a slow machine.
bench/node_modules/.installed: bench/package-lock.json
	cd bench && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

bench: $(STAMP) $(THEME_BLOCKS) $(ASSETS) bench/node_modules/.installed  ## Print the benchmark table; JSON in bench-results/
	$(PY) scripts/bench.py
