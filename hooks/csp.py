"""MkDocs hook: put the Content-Security-Policy and the referrer policy first in every page's <head>.

Runs on the final HTML of every page (on_post_page) and of the theme's 404 page
(on_post_template), after every other plugin and hook (lowest priority), so the policy
hashes exactly the inline scripts the page carries. Both go right after <meta charset>,
before any stylesheet or script: a meta policy covers only what comes after it.
What the policy allows is in macros/contract.py; the validator checks every page.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from lxml import html as lxml_html
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from macros.csp import head_elements, inline_scripts, policy, script_hash, script_text  # noqa: E402

_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.I)


def with_policy(output: str, name: str) -> str:
    """The page with its policy and referrer policy inserted after <meta charset>."""
    charset = _CHARSET.search(output)
    if charset is None:
        raise PluginError(f"{name}: no <meta charset=\"utf-8\"> to put the Content-Security-Policy after")
    root = lxml_html.document_fromstring(output)
    hashes = [script_hash(script_text(s)) for s in inline_scripts(root)]
    return output[: charset.end()] + head_elements(policy(hashes)) + output[charset.end():]


@event_priority(-100)
def on_post_page(output: str, page, config) -> str:
    return with_policy(output, page.file.src_uri)


@event_priority(-100)
def on_post_template(output: str, template_name: str, config) -> str:
    if not template_name.endswith(".html"):
        return output
    return with_policy(output, template_name)
