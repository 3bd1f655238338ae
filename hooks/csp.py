"""MkDocs hook: put the Content-Security-Policy and the referrer policy first in every page's <head>.

Runs on the final HTML of every page (on_post_page) and of the theme's 404 page
(on_post_template), after every other plugin and hook (lowest priority), so the policy
hashes exactly the inline scripts the page carries. Both go right after <meta charset>,
before any stylesheet or script: a meta policy covers only what comes after it.
What the policy allows is in macros/contract.py (written by macros/csp.py); the
validator checks every page. In the local live preview only, script-src allows inline
scripts, so the preview server's live-reload script runs (macros/csp.py, policy()).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from macros.csp import with_policy  # noqa: E402


# `mkdocs serve` (and `make serve`, which runs it) start with command "serve", `mkdocs
# build` with "build"; MkDocs keeps this module loaded across the preview's rebuilds.
_command = {"name": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _command["name"] = command


def _with_policy(output: str, name: str) -> str:
    try:
        return with_policy(output, preview=_command["name"] == "serve")
    except ValueError as error:
        raise PluginError(f"{name}: {error}") from None


@event_priority(-100)
def on_post_page(output: str, page, config) -> str:
    return _with_policy(output, page.file.src_uri)


@event_priority(-100)
def on_post_template(output: str, template_name: str, config) -> str:
    if not template_name.endswith(".html"):
        return output
    return _with_policy(output, template_name)
