"""Which scripts are the site's own: decided here, once, for the validator and the tests.

Known script files: the theme's bundle (its name, with its hash, read from the theme's
own base.html), mkdocs.yml's extra_javascript and the script hooks/site_assets.py adds,
as paths inside the built site. Known inline scripts: the <script> bodies of the
templates named in KNOWN_INLINE_SCRIPT_TEMPLATES (macros/contract.py): those that
hooks/site_assets.py makes at build time exactly as it makes them, the others looked up
as MkDocs does (overrides/ first, then the theme's templates), each `{{ value }}` in
them standing for a short value without quotes, backslashes or angle brackets (the
page's depth, such as ".." or "/").
The theme is Material for MkDocs, or Zensical's copy of it when Zensical builds the site
(both are locked in requirements.txt).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import material
from mkdocs.utils.yaml import yaml_load

from macros.contract import KNOWN_INLINE_SCRIPT_TEMPLATES

PROJECT_DIR = Path(__file__).resolve().parent.parent
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def _theme_templates() -> list[Path]:
    """Material's templates, and Zensical's when it is installed."""
    folders = [MATERIAL_TEMPLATES]
    try:
        import zensical
    except ImportError:
        return folders
    return folders + [Path(zensical.__file__).parent / "templates"]


THEME_TEMPLATES = _theme_templates()
_BUNDLE = re.compile(r"""['"](assets/javascripts/bundle\.[0-9a-f]+\.min\.js)['"]""")
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_SCRIPT_BODY = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S | re.I)
_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
# What a {{ value }} inside a known script may render to: it cannot end the string
# it sits in, nor the script.
_VALUE = r"[^\"'`\\<>]*"


@dataclass(frozen=True)
class KnownScripts:
    files: frozenset[str]  # paths inside the built site, e.g. "assets/javascripts/site.min.js"
    inline: tuple[re.Pattern, ...]  # each matches the whole text of one known inline script

    def knows_inline(self, text: str) -> bool:
        return any(pattern.fullmatch(text) for pattern in self.inline)


def template_paths(name: str, project: Path = PROJECT_DIR) -> list[Path]:
    """Where the builders find a theme template: overrides/ first, else each theme's own."""
    if (project / "overrides" / name).is_file():
        return [project / "overrides" / name]
    found = [folder / name for folder in THEME_TEMPLATES if (folder / name).is_file()]
    if not found:
        raise FileNotFoundError(f"{name}: a known inline script's template, in neither overrides/ nor the theme's templates")
    return found


def inline_patterns(template_text: str) -> list[re.Pattern]:
    """One pattern per <script> body of a template, with {{ … }} as a plain value."""
    text = _JINJA_COMMENT.sub("", template_text)
    patterns = []
    for body in _SCRIPT_BODY.findall(text):
        parts = _EXPRESSION.split(body)
        patterns.append(re.compile(_VALUE.join(re.escape(part) for part in parts), re.S))
    return patterns


def _site_assets(project: Path):
    """The project's hooks/site_assets.py, which makes our script file and inline scripts."""
    import importlib

    hooks = str(project / "hooks")
    if hooks not in sys.path:
        sys.path.insert(0, hooks)
    return importlib.import_module("site_assets")


def generated_inline_patterns(project: Path, config: dict) -> dict[str, list[re.Pattern]]:
    """Each build-made inline script template's <script> bodies, as exact patterns."""
    site_assets = _site_assets(project)
    palette = (config.get("theme") or {}).get("palette")
    templates = site_assets.inline_templates(project / "docs", palette, site_assets.country_codes(project))
    return {
        name: [re.compile(re.escape(body), re.S)
               for body in _SCRIPT_BODY.findall(text.replace("{% raw %}", "").replace("{% endraw %}", ""))]
        for name, text in templates.items()
    }


def load_known_scripts(project: Path = PROJECT_DIR) -> KnownScripts:
    files = set()
    for folder in THEME_TEMPLATES:
        bundle = _BUNDLE.search((folder / "base.html").read_text(encoding="utf-8"))
        if bundle is None:
            raise ValueError(f"{folder / 'base.html'}: no assets/javascripts/bundle.*.min.js in it")
        files.add(bundle.group(1))
    with (project / "mkdocs.yml").open(encoding="utf-8") as file:
        config = yaml_load(file)
    extra = config.get("extra_javascript") or []
    files |= {entry["path"] if isinstance(entry, dict) else str(entry) for entry in extra}
    files.add(_site_assets(project).SCRIPT)
    generated = generated_inline_patterns(project, config)
    inline = [
        pattern
        for name in KNOWN_INLINE_SCRIPT_TEMPLATES
        for pattern in (generated.get(name) or [
            pattern
            for path in template_paths(name, project)
            for pattern in inline_patterns(path.read_text(encoding="utf-8"))
        ])
    ]
    return KnownScripts(files=frozenset(files), inline=tuple(inline))
