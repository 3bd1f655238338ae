"""hooks/csp.py and scripts/add_policy.py: the policy goes first in <head>, hashing the page's own inline scripts."""

from __future__ import annotations

import importlib.util

import pytest
from lxml import html as lxml_html
from mkdocs.exceptions import PluginError

from macros.csp import script_hash, with_policy
from page_safety import policy_problems
from project import PROJECT_DIR
import add_policy

PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="a.css">'
    "<script>var a=1</script></head><body><p>x</p><script>var b=2</script></body></html>"
)


def load_hook():
    spec = importlib.util.spec_from_file_location("csp_hook", PROJECT_DIR / "hooks" / "csp.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_policy_goes_right_after_charset_and_hashes_every_inline_script():
    out = with_policy(PAGE)
    assert out.index("Content-Security-Policy") < out.index('name="referrer"') < out.index("a.css")
    for script in ("var a=1", "var b=2"):
        assert script_hash(script) in out
    assert policy_problems(lxml_html.document_fromstring(out)) == []


@pytest.mark.parametrize(
    "page, message",
    [
        (PAGE.replace('<meta charset="utf-8">', ""), 'no <meta charset="utf-8"> to put the Content-Security-Policy after'),
        (with_policy(PAGE), "already has a Content-Security-Policy"),
    ],
)
def test_a_page_it_cannot_place_the_policy_in_is_refused(page, message):
    with pytest.raises(ValueError, match=message):
        with_policy(page)


def test_the_hook_fails_the_build_naming_the_template():
    hook = load_hook()
    assert hook.on_post_template("<?xml version='1.0'?><urlset/>", template_name="sitemap.xml", config=None).startswith("<?xml")
    with pytest.raises(PluginError, match=r"^404\.html: no <meta charset"):
        hook.on_post_template("<html><head></head></html>", template_name="404.html", config=None)


def test_add_policy_names_each_page_it_cannot_change(tmp_path, capsys):
    (tmp_path / "good.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "bad.html").write_text("<html><head></head></html>", encoding="utf-8")
    assert add_policy.main(["--site", str(tmp_path)]) == 1
    assert capsys.readouterr().out.splitlines() == [f"{tmp_path / 'bad.html'}: no <meta charset=\"utf-8\"> to put the Content-Security-Policy after"]
    assert "Content-Security-Policy" in (tmp_path / "good.html").read_text(encoding="utf-8")
    assert add_policy.main(["--site", str(tmp_path / "missing")]) == 2


def test_only_the_live_preview_allows_inline_scripts():
    hook = load_hook()
    hook.on_startup(command="serve", dirty=False)
    preview = hook.on_post_template(PAGE, template_name="404.html", config=None)
    hook.on_startup(command="build", dirty=False)
    built = hook.on_post_template(PAGE, template_name="404.html", config=None)
    assert "script-src 'self' 'unsafe-inline';" in preview and "sha256-" not in preview
    assert "'unsafe-inline'" not in built and policy_problems(lxml_html.document_fromstring(built)) == []
