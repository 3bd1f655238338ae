"""Load and check data/search.yml: the crisis terms and the words shown beside search results.

A typo here would silently stop the crisis callout from showing for a reader who
types "suicide", so every problem stops the build with the file, the entry, the field
and the line named, like the safety data. The shape of every field is in
schemas/search.schema.json (plain words: no braces or angle brackets, which would open
a template tag in the generated partial); this module keeps the rules a schema cannot
say: no term listed twice (in any category), every term has letters, and every short
form or spelling is one word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .contract import SEARCH_DATA_SCHEMA
from .data_file import fail_at, load_data_file, loaded_once_per_content


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


def _words(value: str) -> str:
    return " ".join(str(value).split())


@loaded_once_per_content
def load_search_data(path: Path | str) -> SearchData:
    """Read and check the file; raise SearchDataError naming the first problem."""
    path = Path(path)
    raw, lines = load_data_file(path, SEARCH_DATA_SCHEMA, SearchDataError, "search data file")

    def fail(place: tuple, problem: str) -> SearchDataError:
        return fail_at(SearchDataError, path, raw, lines, place, problem)

    terms: list[str] = []
    categories: list[tuple[str, tuple[str, ...]]] = []
    seen: dict[str, str] = {}
    for category, entries in raw["crisis_terms"].items():
        mine = []
        for i, term in enumerate(entries):
            term = _words(term)
            key = normalise_query(term)
            if not key.replace("*", "").strip():
                raise fail(("crisis_terms", category, i), f"{term!r} has no letters or digits, so it could never match")
            if key in seen:
                raise fail(("crisis_terms", category, i), f"{term!r} is the same term as {seen[key]} once case and punctuation are ignored")
            seen[key] = f"crisis_terms {category}[{i}]"
            mine.append(term)
        terms += mine
        categories.append((str(category), tuple(mine)))

    def word_map(name: str) -> tuple[tuple[str, str], ...]:
        pairs = []
        for key, full in raw[name].items():
            short = normalise_query(str(key))
            if not short or " " in short:
                raise fail((name, key), f"{key!r} must be one word")
            pairs.append((short, _words(full)))
        return tuple(pairs)

    none = raw["no_results"]
    return SearchData(
        crisis_terms=tuple(terms),
        crisis_categories=tuple(categories),
        shorthand=word_map("shorthand"),
        typo_min_letters=raw["typo_min_letters"],
        everyday_phrases=tuple(_words(p) for p in raw["everyday_phrases"]),
        spellings=word_map("spellings"),
        crisis_heading=_words(raw["crisis_callout"]["heading"]),
        no_results=NoResults(**{name: _words(none[name]) for name in ("advice", "crisis_link", "topics_heading")}),
    )
