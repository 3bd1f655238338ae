"""MkDocs hook: the safety blocks for theme templates (the 404 page, the search box), rendered from the data on every build.

Markdown pages get the blocks from macros. The 404 page is a theme template, which
cannot call a macro, and the search box is part of the theme on every page; so on
every build (and every rebuild of `mkdocs serve`) this renders them with the same
functions from the same data, and gives them to the theme as in-memory templates
that overrides/404.html and the search box (hooks/theme_patches.py) include.
Nothing is written to the repository, so no copy can be stale.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError

# The 404 page is served at any depth, so its link to the directory is built by the
# theme's own `url` filter, which makes it absolute for error pages.
DIRECTORY_PLACEHOLDER = "__CRISIS_DIRECTORY_URL__"
# The list of topics under "no results" comes from the site's navigation at build time.
TOPICS_INCLUDE = '{% include "partials/search-topics.html" %}'
TEMPLATE_DIR = "partials/generated/"


def _macros(name: str):
    # Imported on each build, not at load time: a live preview that drops the package
    # from sys.modules (hooks/preview.py) renders with the code as it is now.
    return importlib.import_module(f"macros.{name}")


def rendered(project_dir: Path, today: dt.date) -> dict[str, str]:
    """The theme's templates of the blocks, by template name. Raises the data loaders'
    errors, which name the file, the entry and the field."""
    contract = _macros("contract")
    render = _macros("render")
    data = _macros("safety_data").load_safety_data(project_dir / contract.SAFETY_DATA_FILE, today=today)
    search = _macros("search_data").load_search_data(project_dir / contract.SEARCH_DATA_FILE)
    directory_href = "{{ '" + contract.CRISIS_PAGE_URL + "' | url }}"
    crisis = render.render_crisis_callout(data, DIRECTORY_PLACEHOLDER).replace(DIRECTORY_PLACEHOLDER, directory_href)
    search_help = _macros("search_render").render_search_help(search, data, directory_href, TOPICS_INCLUDE)
    return {
        f"{TEMPLATE_DIR}{contract.CRISIS_CALLOUT_BLOCK}.html": crisis + "\n",
        f"{TEMPLATE_DIR}{contract.DISCLAIMER_BLOCK}.html": render.render_disclaimer(data.disclaimer) + "\n",
        f"{TEMPLATE_DIR}{contract.SEARCH_HELP_PARTIAL}": search_help + "\n",
    }


def on_config(config):
    project = str(Path(config.config_file_path).resolve().parent)
    if project not in sys.path:
        sys.path.insert(0, project)
    return config


def on_env(env, config, files):
    project_dir = Path(config.config_file_path).resolve().parent
    errors = (_macros("safety_data").SafetyDataError, _macros("search_data").SearchDataError)
    try:
        templates = rendered(project_dir, dt.date.today())
    except errors as error:
        raise PluginError(str(error)) from None
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader(templates), env.loader])
    return env
