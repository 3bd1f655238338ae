"""Data text as inert text, the same in HTML and in Markdown.

Every text field of the data files is text, never markup. `html.escape` makes it safe
in HTML, but a macro's output is Markdown too (a country's name in a `## heading`, a
reference's entry in a list): there `[call now](javascript:…)` or `*` would still
become a link or emphasis. So the characters Markdown (and the theme's Jinja templates,
for the pre-rendered partials) give a meaning to are written as numeric character
references, which HTML and Markdown both show as the character itself.
"""

from __future__ import annotations

import html

# Markdown's link, emphasis, code, escape and attribute-list characters, and
# the braces that open a Jinja tag in a generated partial.
_MARKDOWN = {ord(ch): f"&#{ord(ch)};" for ch in "\\`*_[]{}"}


def escape(text: str, quote: bool = True) -> str:
    """`text` as inert HTML and Markdown: html.escape, then Markdown's characters as references."""
    return html.escape(str(text), quote=quote).translate(_MARKDOWN)
