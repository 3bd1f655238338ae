"""The stylesheet and script pages load are current with their commented sources, and
carry Material's colours for the palette in mkdocs.yml (and no other)."""

from __future__ import annotations

import html
import json
import re

import pytest

import build_assets


def test_minified_assets_are_current():
    assert build_assets.main(["--check"]) == 0, "run make (or python scripts/build_assets.py)"


def test_minified_assets_keep_every_rule_and_drop_the_comments():
    palette = build_assets.minify_css(build_assets.palette_rules(build_assets.material_palette_css().read_text(encoding="utf-8"), build_assets.palette_in_use()))
    for target, text in build_assets.rendered().items():
        body = text.split("\n", 1)[1]
        assert "/*" not in body, target
        if target.suffix == ".css":
            assert body.startswith(palette), f"{target}: does not start with Material's colour rules"
            body = body[len(palette):]
        if target.suffix == ".html":
            body = re.sub(r"^<script[^>]*>", "", body)  # the colour sets' JSON is not code
        code = "".join(re.sub(r"/\*.*?\*/", "", s.read_text(encoding="utf-8"), flags=re.S) for s in build_assets.BUNDLES[target])
        assert body.count("{") == code.count("{") and body.count("}") == code.count("}"), target


def test_a_changed_source_is_named(tmp_path, monkeypatch, capsys):
    css = tmp_path / "site.css"
    css.write_text(".a { color: red; } /* why */\n", encoding="utf-8")
    target = tmp_path / "site.min.css"
    monkeypatch.setattr(build_assets, "PROJECT_DIR", tmp_path)
    monkeypatch.setattr(build_assets, "BUNDLES", {target: [css]})
    assert build_assets.main([]) == 0
    assert target.read_text(encoding="utf-8").endswith(".a{color: red;}\n")
    css.write_text(".a { color: blue; }\n", encoding="utf-8")
    assert build_assets.main(["--check"]) == 1
    assert f"{target}: out of date with its sources" in capsys.readouterr().out


PALETTE = """
:root{--md-hue:225deg}
[data-md-color-accent=red]{--md-accent-fg-color:#ff1947}
[data-md-color-accent=indigo]{--md-accent-fg-color:#526cfe}
[data-md-color-primary=red],[data-md-color-primary=indigo],[data-md-color-primary=teal]{--md-primary-bg-color:#fff}
@media screen{[data-md-color-scheme=slate]{color-scheme:dark}[data-md-color-scheme=slate][data-md-color-primary=red]{--x:1}}
@media screen and (min-width:60em){[data-md-color-primary=white] .md-search__form{color:red}}
[data-md-color-switching] *{transition:none}
"""


def test_palette_keeps_the_rules_of_the_colours_in_use_and_drops_the_others():
    # ... and the rule that restyles every element while Material applies the colours.
    used = {"scheme": {"default", "slate"}, "primary": {"indigo"}, "accent": {"indigo"}}
    css = build_assets.palette_rules(PALETTE, used)
    assert css == (
        ":root{--md-hue:225deg}"
        "[data-md-color-accent=indigo]{--md-accent-fg-color:#526cfe}"
        "[data-md-color-primary=indigo]{--md-primary-bg-color:#fff}"
        "@media screen{[data-md-color-scheme=slate]{color-scheme:dark}}\n"
    )


def test_palette_in_use_is_read_from_mkdocs_yml(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_url: !ENV SITE_URL\ntheme:\n  name: material\n  palette:\n"
        "    - scheme: default\n      primary: deep purple\n      accent: teal\n"
        "    - scheme: slate\n      primary: indigo\n      accent: teal\n",
        encoding="utf-8",
    )
    assert build_assets.palette_in_use(config) == {"scheme": {"default", "slate"}, "primary": {"deep-purple", "indigo"}, "accent": {"teal"}}


def test_colour_sets_are_read_from_mkdocs_yml_with_materials_defaults(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_url: !ENV SITE_URL\ntheme:\n  name: material\n  palette:\n"
        "    - media: \"(prefers-color-scheme: light)\"\n      primary: deep purple\n"
        "    - media: \"(prefers-color-scheme: dark)\"\n      scheme: slate\n      accent: teal\n",
        encoding="utf-8",
    )
    assert build_assets.palettes(config) == [
        {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "deep-purple", "accent": "indigo"},
        {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "indigo", "accent": "teal"},
    ]


def test_every_page_carries_the_colour_sets_of_mkdocs_yml_for_the_early_script(built_site):
    # The early script picks the scheme on a first visit from these (first-paint.js).
    wanted = build_assets.palettes()
    assert [p["scheme"] for p in wanted] == ["default", "slate"]
    wrong = []
    for page in sorted(built_site.rglob("*.html")):
        found = re.findall(r"<script data-palettes='([^']*)'>", page.read_text(encoding="utf-8"))
        if [json.loads(html.unescape(f)) for f in found] != [wanted]:
            wrong.append(page.relative_to(built_site).as_posix())
    assert wrong == [], f"pages without mkdocs.yml's colour sets in <head>: {wrong}"


def test_pages_load_our_stylesheet_with_the_dark_scheme_and_not_materials_palette(built_site):
    sheets = {}
    for page in sorted(built_site.rglob("*.html")):
        for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.read_text(encoding="utf-8")):
            sheets.setdefault(href.rsplit("/", 1)[-1], []).append(page.relative_to(built_site).as_posix())
    stray = [name for name in sheets if name.startswith("palette.")]
    assert not stray, f"pages link Material's stylesheet of every colour ({stray}): its name changed with a Material upgrade? Update overrides/main.html"
    pages = len(list(built_site.rglob("*.html")))
    assert sorted((name.split(".")[0], len(linked)) for name, linked in sheets.items()) == [("main", pages), ("site", pages)], sheets
    ours = (built_site / "assets" / "stylesheets" / "site.min.css").read_text(encoding="utf-8")
    assert "[data-md-color-scheme=slate]{color-scheme:dark;" in ours


def test_a_script_that_does_not_parse_is_named_and_nothing_is_written(tmp_path, monkeypatch):
    script = tmp_path / "broken.js"
    script.write_text("(function () { var = 1; })();\n", encoding="utf-8")
    target = tmp_path / "site.min.js"
    monkeypatch.setattr(build_assets, "PROJECT_DIR", tmp_path)
    monkeypatch.setattr(build_assets, "BUNDLES", {target: [script]})
    with pytest.raises(SystemExit) as stop:
        build_assets.main([])
    assert str(stop.value).startswith(f"{script}: does not parse")
    assert not target.exists()


def test_scripts_are_minified_with_short_local_names_only():
    js = build_assets.minify_js("(function () {\n  var longName = 1; // why\n  window.regionFirst = longName;\n})();\n")
    assert js == "(function(){var a=1;window.regionFirst=a;})();\n"
