"""Load and check data/search.yml: the crisis terms and the words shown beside search results.

A typo here would silently stop the crisis callout from showing for a reader who
types "suicide", so every problem stops the build with the file, the entry, the field
and the line named, like the safety data. The shape of every field is in
schemas/search.schema.json (plain words: no braces or angle brackets, which would open
a template tag in the generated partial); this module refuses a term listed twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .contract import SEARCH_DATA_SCHEMA
from .data_file import fail_at, load_data_file


class SearchDataError(ValueError):
    """The search data file is missing or holds something the site must not publish."""


@dataclass(frozen=True)
class NoResults:
    advice: str
    crisis_link: str
    topics_heading: str


@dataclass(frozen=True)
class SearchData:
    crisis_terms: tuple[str, ...]
    crisis_heading: str
    no_results: NoResults


def normalise_query(text: str) -> str:
    """Lower case, every run of punctuation and spaces as one space.

    The reader's browser does the same (docs/assets/javascripts/search-help.js), so
    "Self-harm!" and "self harm" are one query there and one term here.
    """
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def load_search_data(path: Path | str) -> SearchData:
    """Read and check the file; raise SearchDataError naming the first problem."""
    path = Path(path)
    raw, lines = load_data_file(path, SEARCH_DATA_SCHEMA, SearchDataError, "search data file")
    terms: list[str] = []
    seen: dict[str, int] = {}
    for i, term in enumerate(raw["crisis_terms"]):
        term = " ".join(term.split())
        key = normalise_query(term)
        if not key:
            raise fail_at(SearchDataError, path, raw, lines, ("crisis_terms", i), f"{term!r} has no letters or digits, so it could never match")
        if key in seen:
            raise fail_at(
                SearchDataError, path, raw, lines, ("crisis_terms", i),
                f"{term!r} is the same term as crisis_terms[{seen[key]}] once case and punctuation are ignored",
            )
        seen[key] = i
        terms.append(term)
    none = raw["no_results"]
    return SearchData(
        crisis_terms=tuple(terms),
        crisis_heading=" ".join(raw["crisis_callout"]["heading"].split()),
        no_results=NoResults(**{name: " ".join(none[name].split()) for name in ("advice", "crisis_link", "topics_heading")}),
    )
