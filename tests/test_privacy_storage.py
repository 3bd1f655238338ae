"""first-paint.js keeps Material's colour key unsaved until the reader chooses: tied to one Material version.

Material's bundle saves the colour scheme on every page load; first-paint.js wraps the
global __md_set that the bundle calls, and names the Material version it was written
for. A new Material fails here until someone checks the wrapper still works (and
tests/browser/test_privacy.py shows it in a browser).
"""

from __future__ import annotations

import re
from importlib.metadata import version

from macros.known_scripts import MATERIAL_TEMPLATES
from project import PROJECT_DIR

FIRST_PAINT_SOURCE = PROJECT_DIR / "docs" / "assets" / "javascripts" / "first-paint.js"
MATERIAL_HEAD_SCRIPT = MATERIAL_TEMPLATES / "partials" / "javascripts" / "base.html"


def written_for() -> str:
    match = re.search(r"Written for Material (\d+\.\d+\.\d+)", FIRST_PAINT_SOURCE.read_text(encoding="utf-8"))
    assert match, f"{FIRST_PAINT_SOURCE}: no 'Written for Material X.Y.Z'"
    return match.group(1)


def test_the_wrapper_was_written_for_the_installed_material():
    installed = version("mkdocs-material")
    assert installed == written_for(), (
        f"Material is {installed}, {FIRST_PAINT_SOURCE.name} was written for {written_for()}: check that Material still "
        "saves the colour scheme only through the global __md_set (tests/browser/test_privacy.py), then update the version"
    )


def test_materials_bundle_saves_the_colour_scheme_through_the_global_md_set():
    bundles = sorted((MATERIAL_TEMPLATES / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1, bundles
    assert '__md_set("__palette",' in bundles[0].read_text(encoding="utf-8")
    assert re.search(r"<script>__md_scope=.*,__md_set=\(", MATERIAL_HEAD_SCRIPT.read_text(encoding="utf-8"))
