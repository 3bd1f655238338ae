# Two commands do all the set-up: `make serve` and `make test`.
# Both create .venv from requirements.txt, and create it again from scratch whenever the
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

# The Nu HTML Checker (vnu-jar, locked in tools/html-checker/package-lock.json).
HTML_CHECKER := tools/html-checker/node_modules/.installed

.PHONY: serve build validate check readability test ci tree-unchanged zensical-canary bench clean lock search-report

# From scratch, so a package dropped from the lock does not stay installed.
$(STAMP): requirements.txt
	@test -n "$(PYTHON_VERSION)" || { echo "$(PYTHON) not found: install Python 3.11 or newer (or set PYTHON=...)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	@touch $@

# `mkdocs serve` itself: the hooks in mkdocs.yml re-render the theme's blocks and the
# minified assets on every rebuild, watch every input (`watch:`), and keep the last
# good build served when the data is wrong (hooks/preview.py).
serve: $(STAMP)  ## Serve the site at http://127.0.0.1:8000, rebuilding on change
	$(PY) -m mkdocs serve --dev-addr $(SERVE_ADDR)

build: $(STAMP)  ## Build the site strictly into site/
	$(PY) -m mkdocs build --strict --site-dir $(SITE_DIR)

# VALIDATE_FLAGS=--fail-on-warnings makes dates about to lapse fail (the weekly CI run).
validate: build  ## Build, then check every page carries both safety blocks
	$(PY) scripts/validate_site.py --site $(SITE_DIR) --docs docs $(VALIDATE_FLAGS)

# The content editor's fast loop: build, validator, and every test that needs no browser and is
# not marked slow (pytest.ini says which are; make test runs them).
# The tests build the site and run the validator on it themselves; -n 2 spreads them
# over two processes (pytest-xdist), which is what keeps this loop short.
check: $(STAMP)  ## Build, validate, then the data, content and build tests (no browser)
	$(PY) -m pytest -q -n 2 --ignore=tests/browser -m "not slow"

# Two processes (pytest-xdist), each with its own browser and server; the real site is
# built once and shared by both (tests/conftest.py); browser tests run per page.
test: $(STAMP) $(HTML_CHECKER)  ## The full test suite (builds the site itself)
	TESTED_SITE="$(TESTED_SITE)" $(PY) -m pytest -n 2

# What CI runs, here and on GitHub (.ci/run and .github/workflows/publish.yml both call
# it): the one strict build, the validator on it, every test on that very folder, and
# then a check that nothing in the build or the tests changed a tracked file.
ci: validate
	$(MAKE) test TESTED_SITE=$(SITE_DIR)
	$(MAKE) tree-unchanged

# Fails, naming them, when a tracked file was changed (by the build or the tests).
tree-unchanged:
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && [ -n "$$(git status --porcelain --untracked-files=no)" ]; then \
		echo "The build or the tests changed tracked files (nothing should be written into the tree):" >&2; \
		git status --porcelain --untracked-files=no >&2; exit 1; \
	fi

# Zensical, Material's successor, as a canary: builds the site with the locked Zensical
# and runs the validator on it. Not part of make test or make ci; CI runs it as a job that
# may fail (Zensical does not run MkDocs hooks, so it is expected to fail until it can).
# It builds into site/, like make build.
zensical-canary: $(STAMP)  ## Build with Zensical into site/ and validate (informative: may fail)
	$(VENV)/bin/zensical build --strict --clean
	$(PY) scripts/add_policy.py --site site
	$(PY) scripts/validate_site.py --site site --docs docs

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

# Regenerate requirements.txt from requirements.in (needs network access to PyPI).
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
		--output-file requirements.txt requirements.in
	.cache/lock-venv/bin/python -c 'import pathlib; p = pathlib.Path("requirements.txt"); \
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

bench: $(STAMP) bench/node_modules/.installed  ## Print the benchmark table; JSON in bench-results/
	$(PY) scripts/bench.py
