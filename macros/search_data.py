"""Load and check data/search.yml: the crisis terms and the words shown beside search results.

A typo here would silently stop the crisis callout from showing for a reader who
types "suicide", so every problem stops the build with the file, the entry and the
field named, like the safety data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .safety_data import read_yaml

# Characters that would open a template tag in the generated partial.
TEMPLATE_MARKERS = ("{", "}", "<", ">")


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
    raw = read_yaml(path, SearchDataError, "search data file")

    def fail(where: str, problem: str) -> SearchDataError:
        return SearchDataError(f"{path}: {where}: {problem}")

    def mapping(value: Any, where: str, fields: set[str]) -> dict:
        if not isinstance(value, dict):
            raise fail(where, f"expected a mapping of fields, got {type(value).__name__}")
        unknown = sorted(set(value) - fields)
        if unknown:
            raise fail(where, f"unknown field {unknown[0]!r} (allowed: {', '.join(sorted(fields))})")
        for name in sorted(fields):
            if name not in value:
                raise fail(where, f"field {name!r} is missing")
        return value

    def text(value: Any, where: str) -> str:
        if not isinstance(value, (str, int)) or isinstance(value, bool) or not str(value).strip():
            raise fail(where, "is missing or empty")
        value = " ".join(str(value).split())
        if any(marker in value for marker in TEMPLATE_MARKERS):
            raise fail(where, f"must be plain words, without any of {' '.join(TEMPLATE_MARKERS)}")
        return value

    top = mapping(raw, "top level", {"crisis_terms", "crisis_callout", "no_results"})
    if not isinstance(top["crisis_terms"], list) or not top["crisis_terms"]:
        raise fail("crisis_terms", "expected a non-empty list of words or phrases")
    terms: list[str] = []
    seen: dict[str, int] = {}
    for i, term in enumerate(top["crisis_terms"]):
        where = f"crisis_terms[{i}]"
        term = text(term, where)
        key = normalise_query(term)
        if not key:
            raise fail(f"{where} ({term!r})", "has no letters or digits, so it could never match")
        if key in seen:
            raise fail(f"{where} ({term!r})", f"is the same term as crisis_terms[{seen[key]}] once case and punctuation are ignored")
        seen[key] = i
        terms.append(term)

    callout = mapping(top["crisis_callout"], "crisis_callout", {"heading"})
    none_fields = {"advice", "crisis_link", "topics_heading"}
    none = mapping(top["no_results"], "no_results", none_fields)
    return SearchData(
        crisis_terms=tuple(terms),
        crisis_heading=text(callout["heading"], "crisis_callout.heading"),
        no_results=NoResults(**{name: text(none[name], f"no_results.{name}") for name in sorted(none_fields)}),
    )

