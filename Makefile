# Two commands do all the set-up: `make serve` and `make test`.
# Both create .venv from requirements.lock when it is missing or older than the lock.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-from-lock
SITE_DIR ?= site

# Material prints a banner about MkDocs 2 on every run; silence it in our commands.
export NO_MKDOCS_2_WARNING := 1

# The 404 page's copies of the safety blocks, rendered from the data like every page's,
# and the search box's help (crisis callout for crisis queries, no-results block).
THEME_BLOCKS := overrides/partials/generated/crisis-callout.html overrides/partials/generated/disclaimer.html \
	overrides/partials/generated/search-help.html

.PHONY: serve build validate check readability test bench clean lock search-report

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

$(THEME_BLOCKS) &: data/safety.yml data/search.yml macros/render.py macros/safety_data.py macros/search_data.py \
		macros/search_render.py scripts/render_theme_blocks.py $(STAMP)
	$(PY) scripts/render_theme_blocks.py
	@touch $(THEME_BLOCKS)

serve: $(STAMP) $(THEME_BLOCKS)  ## Serve the site at http://127.0.0.1:8000, rebuilding on change
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP) $(THEME_BLOCKS)  ## Build the site strictly into site/
	$(PY) -m mkdocs build --strict --site-dir $(SITE_DIR)

validate: build  ## Build, then check every page carries both safety blocks
	$(PY) scripts/validate_site.py --site $(SITE_DIR) --docs docs

# The content editor's fast loop: build, validator, and every test that needs no browser.
check: validate  ## Build, validate, then the data, content and build tests (no browser)
	$(PY) -m pytest -q --ignore=tests/browser

test: $(STAMP) $(THEME_BLOCKS)  ## The full test suite (builds the site itself)
	$(PY) -m pytest

clean:
	rm -rf $(SITE_DIR) .pytest_cache

# Regenerate requirements.lock from requirements.in (needs network access to PyPI).
lock:
	$(PYTHON) -m venv .cache/lock-venv
	.cache/lock-venv/bin/pip install --quiet pip-tools
	.cache/lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--output-file requirements.lock requirements.in

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

bench: $(STAMP) $(THEME_BLOCKS) bench/node_modules/.installed  ## Print the benchmark table; JSON in bench-results/
	$(PY) scripts/bench.py
