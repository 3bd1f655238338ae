"""Relative links between pages, as MkDocs writes page URLs (for example 'causes/')."""

from __future__ import annotations


def relative_href(target_url: str, page_url: str) -> str:
    """Link from a page to a site URL (both as MkDocs writes them, e.g. 'causes/')."""
    if target_url == page_url:
        return ""
    page_dir = page_url.rsplit("/", 1)[0] if "/" in page_url else ""
    page_parts = [p for p in page_dir.split("/") if p]
    target_parts = target_url.split("/")
    common = 0
    while common < len(page_parts) and common < len(target_parts) - 1 and page_parts[common] == target_parts[common]:
        common += 1
    up = [".."] * (len(page_parts) - common)
    return "/".join(up + target_parts[common:]) or "./"
