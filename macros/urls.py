"""The addresses mkdocs.yml takes from its settings: what each may be.

The "Exit this page" address tells no other site where the reader came from; the
feedback and publisher links (set from the environment when the site is published)
are https and nothing else.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .contract import EXIT_PAGE_HOSTS


def _https_problem(url: str, why_no_query: str) -> str:
    """Why `url` is not a plain https:// address (no user name, query string or fragment), or ""."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return f"must be an https:// address, got {url!r}"
    if parts.username or parts.password:
        return f"must carry no user name or password, got {url!r}"
    if parts.query or parts.fragment or "?" in url or "#" in url:
        return f"must carry no query string or fragment ({why_no_query}), got {url!r}"
    return ""


def exit_page_problem(url: object) -> str:
    """Why `url` cannot be the "Exit this page" address (mkdocs.yml extra.exit_page_url), or "".

    It must be https, on a host of contract.EXIT_PAGE_HOSTS, with no query string, fragment,
    port or user name: nothing that could tell another site where the reader came from.
    """
    if not isinstance(url, str) or not url:
        return f"must be an https:// address on one of {', '.join(EXIT_PAGE_HOSTS)}, got {url!r}"
    problem = _https_problem(url, "they can tell another site where the reader came from")
    if problem:
        return problem
    parts = urlsplit(url)
    if parts.port or parts.hostname not in EXIT_PAGE_HOSTS:
        return f"must be on one of {', '.join(EXIT_PAGE_HOSTS)} (macros/contract.py EXIT_PAGE_HOSTS), got {url!r}"
    return ""


# mkdocs.yml extra keys whose value, when set, is a link on every page.
OPTIONAL_LINKS = ("feedback_url", "publisher_contact_url")


def optional_link_problem(url: object) -> str:
    """Why `url` cannot be a feedback or publisher link (empty means not set), or "".

    It must be a plain https address (never javascript: or http:): the feedback link
    gets the page's title appended as ?title=...
    """
    if url in (None, ""):
        return ""
    if not isinstance(url, str):
        return f"must be an https:// address, got {url!r}"
    return _https_problem(url, "the feedback link adds the page's title")
