"""The "Exit this page" address: what it may be, so it tells no other site where the reader came from."""

from __future__ import annotations

from urllib.parse import urlsplit

from .contract import EXIT_PAGE_HOSTS


def exit_page_problem(url: object) -> str:
    """Why `url` cannot be the "Exit this page" address (mkdocs.yml extra.exit_page_url), or "".

    It must be https, on a host of contract.EXIT_PAGE_HOSTS, with no query string, fragment
    or user name: nothing that could tell another site where the reader came from.
    """
    if not isinstance(url, str) or not url:
        return f"must be an https:// address on one of {', '.join(EXIT_PAGE_HOSTS)}, got {url!r}"
    parts = urlsplit(url)
    if parts.scheme != "https":
        return f"must be an https:// address, got {url!r}"
    if parts.query or parts.fragment or "?" in url or "#" in url:
        return f"must carry no query string or fragment (they can tell another site where the reader came from), got {url!r}"
    if parts.username or parts.password or parts.port or parts.hostname not in EXIT_PAGE_HOSTS:
        return f"must be on one of {', '.join(EXIT_PAGE_HOSTS)} (macros/contract.py EXIT_PAGE_HOSTS), got {url!r}"
    return ""
