"""The Content-Security-Policy of a built page: its inline scripts, their hashes, the policy.

hooks/csp.py writes the policy into every page with with_policy (scripts/add_policy.py
does the same for a site built without MkDocs hooks), and the validator checks every
page with the same functions, so they cannot disagree on what a hash covers.
"""

from __future__ import annotations

import base64
import hashlib
import re

from lxml import html as lxml_html

from macros.contract import CSP_DIRECTIVES, CSP_HASHED_DIRECTIVE, REFERRER_POLICY

# The types a browser runs as a script (HTML's "JavaScript MIME type essence matches",
# plus modules); any other type makes the element a data block that never runs.
_JAVASCRIPT_TYPES = {
    "", "module", "application/ecmascript", "application/javascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript",
}


def runs(script) -> bool:
    """Whether the browser runs this <script> element, or reads it as rules under the
    policy (import maps, speculation rules). Any other type is a data block that never runs."""
    kind = (script.get("type") or "").strip().lower()
    return kind.split(";")[0].strip() in _JAVASCRIPT_TYPES or kind in ("importmap", "speculationrules")


def inline_scripts(root) -> list:
    """The page's <script> elements without src that the browser runs, in page order."""
    return [s for s in root.iter("script") if s.get("src") is None and runs(s)]


def script_text(script) -> str:
    """What the browser hashes: the element's text as written (the HTML parser keeps
    a script's content raw: no entity is decoded)."""
    return script.text or ""


def script_hash(text: str) -> str:
    """The CSP source that allows exactly this inline script: 'sha256-<base64>'."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(hashes: list[str], *, preview: bool = False) -> str:
    """The policy for a page whose inline scripts have these hashes (each listed once).

    preview: for the local live preview only (`make serve`), whose server adds an inline
    live-reload script to every page as it sends it, different each time: no hash can
    allow it, so script-src allows inline scripts there. Published pages never get this.
    """
    unique = list(dict.fromkeys(hashes))
    parts = []
    for name, sources in CSP_DIRECTIVES:
        if name == CSP_HASHED_DIRECTIVE:
            sources = " ".join([sources, "'unsafe-inline'"] if preview else [sources, *unique])
        parts.append(f"{name} {sources}")
    return "; ".join(parts)


def parse_policy(text: str) -> dict[str, list[str]]:
    """A policy's directives and their sources (names lower-cased; a repeated directive
    is ignored by browsers, so only the first counts)."""
    directives: dict[str, list[str]] = {}
    for part in text.split(";"):
        tokens = part.split()
        if tokens and tokens[0].lower() not in directives:
            directives[tokens[0].lower()] = tokens[1:]
    return directives


def head_elements(policy_text: str) -> str:
    """What follows <meta charset> in every page's <head>: the policy, then the referrer policy."""
    return (
        f'<meta http-equiv="Content-Security-Policy" content="{policy_text}">'
        f'<meta name="referrer" content="{REFERRER_POLICY}">'
    )


_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.I)
_HAS_POLICY = re.compile(r"<meta\s+http-equiv=[\"']?content-security-policy", re.I)


def with_policy(page: str, *, preview: bool = False) -> str:
    """The page with its policy and the referrer policy right after <meta charset>
    (preview: see policy()).

    Raises ValueError when the page has no <meta charset="utf-8"> or already has a policy.
    """
    charset = _CHARSET.search(page)
    if charset is None:
        raise ValueError('no <meta charset="utf-8"> to put the Content-Security-Policy after')
    if _HAS_POLICY.search(page):
        raise ValueError("already has a Content-Security-Policy")
    root = lxml_html.document_fromstring(page)
    hashes = [script_hash(script_text(s)) for s in inline_scripts(root)]
    return page[: charset.end()] + head_elements(policy(hashes, preview=preview)) + page[charset.end():]
