"""The validator refuses unsafe markup and a missing or wrong Content-Security-Policy.

Each rule is shown on a small page that passes, with one thing broken on purpose.
"""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from macros.contract import KNOWN_INLINE_SCRIPT_TEMPLATES
from macros.csp import head_elements, policy, script_hash
from macros.known_scripts import MATERIAL_TEMPLATES, generated_inline_patterns, inline_patterns, load_known_scripts, template_paths
from project import PROJECT_DIR
from page_safety import policy_problems, unsafe_markup_problems
from test_validator import make_site, run

KNOWN = load_known_scripts()
BUNDLE = next(name for name in KNOWN.files if "bundle" in name and name in (MATERIAL_TEMPLATES / "base.html").read_text(encoding="utf-8"))
# Material's head script as the build writes it one folder down, and the search index's
# stand-in (whose template has no {{ value }}), taken from the known templates themselves.
HEAD_SCRIPT = (
    '__md_scope=new URL("..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
    '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
)
SAFE_BODY = (
    '<form class="md-search__form" name="search" method="dialog"><input name="query"></form>'
    '<p><a href="https://www.samaritans.org/" rel="noreferrer">Samaritans</a> <a href="tel:116123">116 123</a></p>'
    '<img src="../assets/images/favicon.svg" alt="">'
    f'<script src="../{BUNDLE}"></script><script src="../assets/javascripts/site.min.js" defer></script>'
    '<script id="__config" type="application/json">{"base": ".."}</script>'
)


def page(body: str = SAFE_BODY, head_extra: str = "", scripts: list[str] | None = None, head_start: str | None = None) -> str:
    inline = [HEAD_SCRIPT] if scripts is None else scripts
    if head_start is None:
        head_start = '<meta charset="utf-8">' + head_elements(policy([script_hash(s) for s in inline]))
    script_tags = "".join(f"<script>{s}</script>" for s in inline)
    return (
        f'<!doctype html><html lang="en"><head>{head_start}<title>t</title>'
        f'<link rel="stylesheet" href="../assets/stylesheets/site.min.css">{script_tags}{head_extra}</head>'
        f"<body>{body}</body></html>"
    )


def problems(html: str) -> list[str]:
    root = lxml_html.document_fromstring(html)
    return unsafe_markup_problems(root, "causes/index.html", KNOWN) + policy_problems(root)


def test_the_safe_page_passes():
    assert problems(page()) == []


@pytest.mark.parametrize(
    "body, problem",
    [
        # Event handlers.
        ('<img src="x.png" onerror="alert(1)" alt="">', "<img onerror=…> has an event-handler attribute"),
        ('<svg><circle ONLOAD="alert(1)"/></svg>', "<circle onload=…> has an event-handler attribute"),
        ('<p onmouseover=alert(1)>hi</p>', "<p onmouseover=…> has an event-handler attribute"),
        # Addresses that run a script or open a document.
        ('<a href="javascript:alert(1)">Read more</a>', "holds a javascript: address"),
        ('<a href=" JaVa&#x09;Script:alert(1)">x</a>', "holds a javascript: address"),
        ('<a href="vbscript:msgbox(1)">x</a>', "holds a vbscript: address"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "holds a data:text/html address"),
        ('<a href="data:image/svg+xml,&lt;svg onload=alert(1)&gt;">x</a>', "holds a data: address to follow"),
        ('<form method="dialog" action="javascript:alert(1)"></form>', "<form action='javascript:alert(1)'> holds a javascript: address"),
        ('<form method="dialog"><button formaction="javascript:alert(1)">x</button></form>', "holds a javascript: address"),
        ('<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', "holds a javascript: address"),
        ('<a href="data:,hello">x</a>', "holds a data: address to follow"),
        # Embedding.
        ('<iframe src="https://example.org/"></iframe>', "has a <iframe>"),
        ('<object data="x.swf"></object>', "has a <object>"),
        ('<embed src="x.swf">', "has a <embed>"),
        ('<base href="https://example.org/">', "has a <base>"),
        ('<meta http-equiv="refresh" content="0;url=https://example.org/">', 'has a <meta http-equiv="refresh">'),
        # Forms that can submit.
        ('<form name="search"><input name="query"></form>', "has a <form name='search'> that can submit"),
        ('<form method="get" action="."><input name="q"></form>', "that can submit"),
        ('<form method="dialog"><button formmethod="get">Go</button></form>', "overrides its form's address or method"),
        ('<form method="dialog"><button formaction="/search">Go</button></form>', "overrides its form's address or method"),
        # Resources from another host.
        ('<img src="https://tracker.example/p.gif" alt="">', "<img src> loads 'https://tracker.example/p.gif' from another host"),
        ('<img src="//tracker.example/p.gif" alt="">', "from another host"),
        ('<img src="a.png" srcset="a.png 1x, https://cdn.example/b.png 2x" alt="">', "<img srcset> loads 'https://cdn.example/b.png'"),
        ('<picture><source srcset="https://cdn.example/a.webp"><img src="a.png" alt=""></picture>', "<source srcset> loads"),
        ('<video poster="https://cdn.example/p.jpg"></video>', "<video poster> loads"),
        ('<svg><image href="https://cdn.example/i.png"/></svg>', "<image href> loads"),
        ('<link rel="stylesheet" href="https://fonts.googleapis.com/css">', "<link rel='stylesheet'> loads 'https://fonts.googleapis.com/css'"),
        ('<link rel="preconnect" href="https://fonts.gstatic.com">', "<link rel='preconnect'> loads"),
        ('<link rel="icon" href="https://cdn.example/i.png">', "<link rel='icon'> loads"),
        # Scripts that are not the site's own.
        ('<script src="https://cdn.example/a.js"></script>', "<script src='https://cdn.example/a.js'> is not one of the site's own script files"),
        ('<script src="../assets/javascripts/evil.js"></script>', "is not one of the site's own script files"),
        ('<script type="module" src="../assets/javascripts/site.js"></script>', "is not one of the site's own script files"),
        # Inline styles, which the policy blocks.
        ('<p style="color:red">x</p>', "<p> carries an inline style"),
        ("<style>p{color:red}</style>", "<style> carries an inline style"),
    ],
)
def test_unsafe_markup_is_refused(body, problem):
    found = problems(page(SAFE_BODY + body))
    assert any(problem in line for line in found), found


def test_an_unknown_inline_script_is_refused_even_with_its_hash_in_the_policy():
    # The hook hashes whatever inline scripts a page carries; the validator decides what is known.
    found = problems(page(scripts=[HEAD_SCRIPT, "alert(document.domain)"]))
    assert found == ["an inline <script> (starts 'alert(document.domain)') is not one the build emits (KNOWN_INLINE_SCRIPT_TEMPLATES in macros/contract.py)"]


def test_a_known_script_with_a_quote_in_its_value_is_not_known():
    # {{ value }} in a known template stands for a short value: it cannot close the string.
    hostile = HEAD_SCRIPT.replace('new URL("..",location)', 'new URL("",alert(1),"",location)')
    found = problems(page(scripts=[hostile]))
    assert any("is not one the build emits" in line for line in found), found


def test_an_image_as_a_data_address_is_not_a_document():
    assert problems(page(SAFE_BODY + '<img src="data:image/svg+xml,%3Csvg%3E%3C/svg%3E" alt="">')) == []


def test_a_data_block_needs_no_hash_and_is_not_a_script():
    assert problems(page(SAFE_BODY + '<script type="application/json">{"a": 1}</script>')) == []
    found = problems(page(SAFE_BODY + '<script type="text/plain">x</script>'))
    assert any("is not one the build emits" in line for line in found), found


def test_every_known_template_holds_a_script_and_a_value_stays_a_value():
    # A renamed or emptied template would otherwise make its script unknown on every page.
    known = load_known_scripts()
    generated = generated_inline_patterns(PROJECT_DIR, {})
    for name in KNOWN_INLINE_SCRIPT_TEMPLATES:
        if name in generated:  # made by hooks/site_assets.py at build time
            assert generated[name], f"{name}: no <script> in it"
            assert all(pattern in known.inline for pattern in generated[name]), name
            continue
        for path in template_paths(name):
            assert inline_patterns(path.read_text(encoding="utf-8")), f"{path}: no <script> in it"
    pattern = inline_patterns('<script>var a="{{ x }}";</script>')[0]
    assert pattern.fullmatch('var a="../..";') and not pattern.fullmatch('var a="",alert(1),"";')


HEAD_SCRIPT_HASH = script_hash(HEAD_SCRIPT)


@pytest.mark.parametrize(
    "head_start, problem",
    [
        ("", "<head> does not start with <meta charset>"),
        ('<meta charset="utf-8">', "the Content-Security-Policy (<meta http-equiv=\"Content-Security-Policy\">) is not first in <head>"),
        # The policy after a stylesheet covers nothing before it.
        ('<meta charset="utf-8"><link rel="stylesheet" href="a.css">' + head_elements(policy([HEAD_SCRIPT_HASH])), "is not first in <head>"),
        # The referrer policy after the stylesheets: their requests carry the page's address.
        ('<meta charset="utf-8">' + head_elements(policy([HEAD_SCRIPT_HASH])).split("<meta name")[0],
         '<meta name="referrer" content="no-referrer"> does not follow the Content-Security-Policy'),
        # One hash left out: the script would be blocked.
        ('<meta charset="utf-8">' + head_elements(policy([])),
         "inline script 1 (starts '__md_scope=new URL(\"..\",location),__md_hash=e=>[...e].reduce') has no hash"),
        ('<meta charset="utf-8">' + head_elements(policy([HEAD_SCRIPT_HASH]).replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")),
         "the Content-Security-Policy's script-src is \"'self' 'unsafe-inline'\", expected \"'self'\""),
        ('<meta charset="utf-8">' + head_elements(policy([HEAD_SCRIPT_HASH]).replace("form-action 'none'", "form-action 'self'")),
         "the Content-Security-Policy's form-action is \"'self'\", expected \"'none'\""),
        ('<meta charset="utf-8">' + head_elements(policy([HEAD_SCRIPT_HASH]).replace("; base-uri 'none'", "")),
         "the Content-Security-Policy has no base-uri (expected base-uri 'none')"),
        ('<meta charset="utf-8">' + head_elements(policy([HEAD_SCRIPT_HASH]) + "; connect-src *"),
         "has directives macros/contract.py does not name: connect-src"),
    ],
    ids=["no-charset", "no-policy", "policy-after-stylesheet", "no-referrer-policy", "hash-missing", "unsafe-inline",
         "form-action-self", "no-base-uri", "extra-directive"],
)
def test_policy_problems(head_start, problem):
    found = problems(page(head_start=head_start))
    assert any(problem in line for line in found), found


def test_the_validator_names_the_page(tmp_path, capsys):
    # End to end: one bad page among good ones, named with its path.
    site, docs = make_site(tmp_path)
    causes = site / "causes" / "index.html"
    causes.write_text(causes.read_text(encoding="utf-8").replace("<main>", '<main><a href="javascript:alert(1)">x</a>'), encoding="utf-8")
    code, out = run(site, docs, capsys)
    assert code == 1
    assert [line for line in out if "javascript" in line] == [
        f"{causes}: <a href='javascript:alert(1)'> holds a javascript: address, which runs or opens a document"
    ]


def test_the_built_site_passes(built_site):
    import datetime as dt

    import validate_site
    from project import DATA_FILE, DOCS_DIR

    count, found = validate_site.validate(built_site, DOCS_DIR, DATA_FILE, dt.date.today())
    assert [line for line in found if "script" in line or "Content-Security-Policy" in line or "form" in line] == []
