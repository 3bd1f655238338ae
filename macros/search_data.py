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
    crisis_terms: tuple[str, ...]  # every category's terms, in the file's order
    crisis_heading: str
    no_results: NoResults
    crisis_categories: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (category, its terms)
    shorthand: tuple[tuple[str, str], ...] = ()  # (reader's short form, the words it stands for)
    typo_min_letters: int = 5
    everyday_phrases: tuple[str, ...] = ()
    spellings: tuple[tuple[str, str], ...] = ()  # (US spelling, British spelling)

    def matcher(self) -> dict:
        """What search-help.js needs to tell a crisis query, as plain JSON values."""
        return {
            "terms": [normalise_query(t) for t in self.crisis_terms],
            "shorthand": {short: normalise_query(full) for short, full in self.shorthand},
            "min": self.typo_min_letters,
            "everyday": [normalise_query(p) for p in self.everyday_phrases],
        }


# Apostrophes are dropped, not made spaces: "can't" with or without one is one word.
APOSTROPHES = "'\u2019\u2018\u02bc`"


def normalise_query(text: str) -> str:
    """Lower case, apostrophes dropped, every other run of punctuation and spaces as one
    space ("*", a term's any-one-word, kept).

    The reader's browser does the same (docs/assets/javascripts/search-help.js), so
    "Self-harm!" and "self harm" are one query there and one term here.
    """
    text = re.sub(f"[{APOSTROPHES}]", "", text.lower())
    return re.sub(r"[^\w*]+|_", " ", text).strip()


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

    top = mapping(
        raw, "top level",
        {"crisis_terms", "crisis_callout", "no_results", "shorthand", "typo_min_letters", "everyday_phrases", "spellings"},
    )
    if not isinstance(top["crisis_terms"], dict) or not top["crisis_terms"]:
        raise fail("crisis_terms", "expected categories (a mapping), each a non-empty list of words or phrases")
    terms: list[str] = []
    categories: list[tuple[str, tuple[str, ...]]] = []
    seen: dict[str, str] = {}
    for category, entries in top["crisis_terms"].items():
        if not isinstance(entries, list) or not entries:
            raise fail(f"crisis_terms.{category}", "expected a non-empty list of words or phrases")
        mine = []
        for i, term in enumerate(entries):
            where = f"crisis_terms.{category}[{i}]"
            term = text(term, where)
            key = normalise_query(term)
            if not key.replace("*", "").strip():
                raise fail(f"{where} ({term!r})", "has no letters or digits, so it could never match")
            if key in seen:
                raise fail(f"{where} ({term!r})", f"is the same term as {seen[key]} once case and punctuation are ignored")
            seen[key] = where
            mine.append(term)
        terms += mine
        categories.append((str(category), tuple(mine)))

    def word_map(name: str) -> tuple[tuple[str, str], ...]:
        value = top[name]
        if not isinstance(value, dict) or not value:
            raise fail(name, "expected a mapping of words")
        pairs = []
        for key, full in value.items():
            where = f"{name}.{key}"
            short = text(key, where)
            if " " in normalise_query(short) or not normalise_query(short):
                raise fail(where, "must be one word")
            pairs.append((normalise_query(short), text(full, where)))
        return tuple(pairs)

    minimum = top["typo_min_letters"]
    if not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < 4:
        raise fail("typo_min_letters", "expected a whole number of at least 4 (shorter words would match too much)")
    if not isinstance(top["everyday_phrases"], list):
        raise fail("everyday_phrases", "expected a list of phrases")
    everyday = tuple(text(p, f"everyday_phrases[{i}]") for i, p in enumerate(top["everyday_phrases"]))

    callout = mapping(top["crisis_callout"], "crisis_callout", {"heading"})
    none_fields = {"advice", "crisis_link", "topics_heading"}
    none = mapping(top["no_results"], "no_results", none_fields)
    return SearchData(
        crisis_terms=tuple(terms),
        crisis_categories=tuple(categories),
        shorthand=word_map("shorthand"),
        typo_min_letters=minimum,
        everyday_phrases=everyday,
        spellings=word_map("spellings"),
        crisis_heading=text(callout["heading"], "crisis_callout.heading"),
        no_results=NoResults(**{name: text(none[name], f"no_results.{name}") for name in sorted(none_fields)}),
    )

