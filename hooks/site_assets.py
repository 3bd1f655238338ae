"""MkDocs hook: the site's one stylesheet and one script, minified from their commented sources on every build.

Every page loads assets/stylesheets/site.min.css and assets/javascripts/site.min.js:
on_config adds them to extra_css and extra_javascript, on_files adds them to the
build from the commented sources in docs/assets/ (the sources are what you edit; the
.min files exist only in the built site, never in the repository). Minified by kept
libraries: rcssmin (strings stay as written) and rjsmin (any JavaScript syntax).

The stylesheet starts with the rules of Material's colour stylesheet for the colours
mkdocs.yml uses (hooks/material_palette.py). The two scripts that must run
inline, before Material's bundle (the search index held back; the class js and the
reader's colour scheme and country before the first paint, with mkdocs.yml's colour
sets in a data-palettes attribute and the time zones of the countries in
data/safety.yml from hooks/zone_countries.py), become the in-memory templates named
in INLINE, which overrides/main.html includes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jinja2
import rcssmin
import rjsmin
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

import material_palette
import zone_countries

# Output (a path in the built site): its sources in docs/, in the order they are joined.
STYLESHEET = "assets/stylesheets/site.min.css"
SCRIPT = "assets/javascripts/site.min.js"
BUNDLES = {
    STYLESHEET: ["assets/stylesheets/site.css"],
    SCRIPT: [
        "assets/javascripts/exit-page.js",
        "assets/javascripts/region-first.js",
        "assets/javascripts/header-buttons.js",
        "assets/javascripts/nav-sections.js",
        "assets/javascripts/search-help.js",
        "assets/javascripts/search-every-input.js",
    ],
}
# Template name (what overrides/main.html includes): its source in docs/.
FIRST_PAINT = "partials/generated/first-paint.html"
INLINE = {
    "partials/generated/defer-search-index.html": "assets/javascripts/defer-search-index.js",
    FIRST_PAINT: "assets/javascripts/first-paint.js",
}
# Every source above: read by the build, not published.
SOURCES = [uri for sources in BUNDLES.values() for uri in sources] + list(INLINE.values())
# Where the first-paint script (which puts the reader's country first) takes the table
# of time zones by country (hooks/zone_countries.py).
ZONES_MARKER = "{/* zones by country */}"
ZONES_SOURCE = "assets/javascripts/first-paint.js"


def minify_css(text: str) -> str:
    return rcssmin.cssmin(text).strip() + "\n"


def minify_js(text: str) -> str:
    return rjsmin.jsmin(text).strip() + "\n"


def _project_module(name: str):
    """A module of the project's macros package (imported here, not at load time, so a
    live preview that drops the package from sys.modules gets the code as it is now)."""
    import importlib

    return importlib.import_module(f"macros.{name}")


def _source(docs_dir: Path, uri: str, country_codes: set[str]) -> str:
    path = docs_dir / uri
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise PluginError(f"{path}: cannot be read: {error.strerror}") from None
    if uri == ZONES_SOURCE:
        if ZONES_MARKER not in text:
            raise PluginError(f"{path}: no {ZONES_MARKER} for the table of time zones by country")
        zones = zone_countries.zones_by_country(country_codes)
        text = text.replace(ZONES_MARKER, json.dumps(zones, separators=(",", ":")))
    return text


def country_codes(project_dir: Path) -> set[str]:
    """The country codes of data/safety.yml (read as plain YAML: the macros load and check it)."""
    import yaml

    contract = _project_module("contract")
    path = project_dir / contract.SAFETY_DATA_FILE
    with path.open(encoding="utf-8") as file:
        # libyaml's loader where PyYAML has it: the pure-Python one took a third of a second.
        data = yaml.load(file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    return {str(c.get("code")) for c in data.get("countries") or [] if isinstance(c, dict) and c.get("code")}


def bundles(docs_dir: Path, palette, codes: set[str]) -> dict[str, str]:
    """Each bundle's minified text, by its path in the built site."""
    out = {}
    for target, sources in BUNDLES.items():
        minify = minify_css if target.endswith(".css") else minify_js
        text = "".join(minify(_source(docs_dir, uri, codes)) for uri in sources)
        if target.endswith(".css"):
            # Material's colours first, so the site's own rules win where both set a property.
            css = material_palette.material_palette_css().read_text(encoding="utf-8")
            text = minify_css(material_palette.palette_rules(css, material_palette.palette_in_use(palette))) + text
        out[target] = text
    return out


def inline_templates(docs_dir: Path, palette, codes: set[str]) -> dict[str, str]:
    """The inline scripts, as templates (the first-paint script with the colour sets and
    the time zones of the countries in `codes`)."""
    json_attribute = _project_module("render").json_attribute
    out = {}
    for name, uri in INLINE.items():
        attributes = f" data-palettes='{json_attribute(material_palette.palettes(palette))}'" if name == FIRST_PAINT else ""
        code = minify_js(_source(docs_dir, uri, codes)).strip()
        # {% raw %}: the script is code, not a template, whatever braces it holds.
        out[name] = f"<script{attributes}>{{% raw %}}{code}{{% endraw %}}</script>\n"
    return out


def _project_dir(config) -> Path:
    project = Path(config.config_file_path).resolve().parent
    if str(project) not in sys.path:
        sys.path.insert(0, str(project))
    return project


def on_config(config):
    _project_dir(config)
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    if SCRIPT not in [str(s) for s in config.extra_javascript]:
        script = ExtraScriptValue(SCRIPT)
        script.defer = True
        config.extra_javascript.append(script)
    return config


def on_files(files, config):
    texts = bundles(Path(config.docs_dir), config.theme.get("palette"), country_codes(_project_dir(config)))
    for uri, text in texts.items():
        stale = files.get_file_from_path(uri)
        if stale is not None:  # a copy left in docs/ from before the build made them
            files.remove(stale)
        files.append(File.generated(config, uri, content=text))
    # The sources are read from docs/ above; published as they are, they would be files
    # no page uses (the first-paint script still with its placeholder for the zones).
    for uri in SOURCES:
        source = files.get_file_from_path(uri)
        if source is not None:
            files.remove(source)
    return files


def on_env(env, config, files):
    templates = inline_templates(Path(config.docs_dir), config.theme.get("palette"), country_codes(_project_dir(config)))
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader(templates), env.loader])
    # overrides/main.html drops the link to this stylesheet (its name has a hash).
    env.globals["material_palette_stylesheet"] = f"assets/stylesheets/{material_palette.material_palette_css().name}"
    return env
