"""The stylesheet and script pages load are current with their commented sources."""

from __future__ import annotations

import re

import build_assets


def test_minified_assets_are_current():
    assert build_assets.main(["--check"]) == 0, "run make (or python scripts/build_assets.py)"


def test_minified_assets_keep_every_rule_and_drop_the_comments():
    for target, text in build_assets.rendered().items():
        body = text.split("\n", 1)[1]
        assert "/*" not in body, target
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
