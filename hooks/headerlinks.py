"""MkDocs hook: a heading's permalink (the toc extension's "¶") is not read aloud.

A screen reader said "pilcrow" (or "Permanent link") after every heading. The link
stays for a mouse, as the toc extension writes it, but is taken out of the
accessibility tree and of the Tab order: it repeats the heading it follows.
"""

from __future__ import annotations

import re

# What Python-Markdown's toc extension writes with `permalink: true`.
HEADERLINK = re.compile(r'<a class="headerlink" (href="#[^"]*")([^>]*)>')


def hide_headerlinks(html: str) -> str:
    return HEADERLINK.sub(r'<a class="headerlink" \1\2 aria-hidden="true" tabindex="-1">', html)


def on_page_content(html: str, **kwargs) -> str:
    return hide_headerlinks(html)
