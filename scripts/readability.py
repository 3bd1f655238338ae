#!/usr/bin/env python3
"""Report the reading level of every content page of the built site.

Usage: python scripts/readability.py [--site DIR] [--docs DIR] [--max-grade N] [--max-smog N]

For each page built from docs/, prints the Flesch-Kincaid grade and the SMOG index of
its prose: the text a reader reads, without headings, navigation, the safety blocks,
code, tables, the review dates and the Sources list. Targets and limits (the defaults
of --max-grade and --max-smog) are in macros/contract.py; pages above a limit fail.
Exit status: 0 when every page is within the limits, 1 when any is not, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import re
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

with warnings.catch_warnings():
    # textstat 0.7.4 (the last release that works offline) imports pkg_resources.
    warnings.simplefilter("ignore")
    import textstat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validate_site import built_path_for  # noqa: E402

from macros.contract import MAX_GRADE, MAX_SMOG, TARGET_GRADE, TARGET_SMOG  # noqa: E402

NOT_PROSE = [
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "pre", "code", "script", "style", "nav",
    "[data-block]", ".review-dates", ".page-address", ".headerlink", ".admonition-title",
]
BLOCKS = ["p", "li", "dd", "dt", "blockquote", "figcaption"]
# Pages that are lists of citations, not prose for reading.
NOT_CONTENT_PAGES = {"references.md"}


@dataclass(frozen=True)
class Score:
    page: str
    grade: float
    smog: float
    words: int


def page_prose(html: str) -> str:
    """The prose of a built page's article, one sentence-ending per block element."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.find("article") or soup
    sources = article.find(id="sources")
    if sources is not None:
        # The Sources section is a list of citations, not prose: drop it and what follows it.
        for element in list(sources.find_all_next()):
            element.decompose()
        sources.decompose()
    for selector in NOT_PROSE:
        for element in article.select(selector):
            element.decompose()
    sentences = []
    for block in article.find_all(BLOCKS):
        if block.find(BLOCKS):
            continue  # the inner blocks are counted on their own
        text = " ".join(block.get_text(" ").split())
        if not text:
            continue
        # A list item or a line with no full stop is still a unit of reading.
        sentences.append(text if re.search(r"[.!?:]$", text) else text + ".")
    return " ".join(sentences)


def score(page: str, html: str) -> Score:
    prose = page_prose(html)
    return Score(
        page=page,
        grade=round(textstat.flesch_kincaid_grade(prose), 1),
        smog=round(textstat.smog_index(prose), 1),
        words=textstat.lexicon_count(prose),
    )


def scores_for(site: Path, docs: Path) -> list[Score]:
    results = []
    for doc in sorted(docs.rglob("*.md")):
        rel = doc.relative_to(docs)
        if rel.as_posix() in NOT_CONTENT_PAGES:
            continue
        built = next((site / c for c in built_path_for(rel) if (site / c).is_file()), None)
        if built is None:
            raise FileNotFoundError(f"{doc}: has no built page in {site}: build the site first (make build)")
        results.append(score(rel.as_posix(), built.read_text(encoding="utf-8")))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--docs", type=Path, default=Path("docs"))
    parser.add_argument("--max-grade", type=float, default=MAX_GRADE)
    parser.add_argument("--max-smog", type=float, default=MAX_SMOG)
    args = parser.parse_args(argv)
    for folder in (args.site, args.docs):
        if not folder.is_dir():
            print(f"{folder}: directory not found (build the site first: make build)", file=sys.stderr)
            return 2
    try:
        results = scores_for(args.site, args.docs)
    except FileNotFoundError as err:
        print(err, file=sys.stderr)
        return 2

    width = max(len(r.page) for r in results)
    print(f"{'page':<{width}}  {'FK grade':>8}  {'SMOG':>5}  {'words':>5}")
    failures = 0
    for r in results:
        over_target = r.grade > TARGET_GRADE or r.smog > TARGET_SMOG
        failed = r.grade > args.max_grade or r.smog > args.max_smog
        failures += failed
        mark = "  FAIL" if failed else ("  above target" if over_target else "")
        print(f"{r.page:<{width}}  {r.grade:>8.1f}  {r.smog:>5.1f}  {r.words:>5}{mark}")
    print(
        f"{len(results)} pages; target FK grade <= {TARGET_GRADE:g} and SMOG <= {TARGET_SMOG:g}; "
        f"{failures} above the limit (grade {args.max_grade:g}, SMOG {args.max_smog:g})"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
