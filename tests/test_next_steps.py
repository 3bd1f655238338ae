"""Every content page ends with a next step a reader can act on (the reading level of every page,
new ones included, is checked against the contract's limits in test_content.py)."""

from __future__ import annotations

import re

import pytest

from project import DOCS_DIR

NEXT_STEP_HEADING = "## What you can do next"
# Pages that are not read for help (lists, policies), the crisis page (it is the next
# step), and the home page, whose routes by reader are its next step.
NOT_CONTENT = {"index.md", "references.md", "glossary.md", "privacy.md", "accessibility.md", "about.md", "crisis-resources.md"}
CONTENT_PAGES = sorted(
    p.relative_to(DOCS_DIR).as_posix() for p in DOCS_DIR.rglob("*.md") if p.relative_to(DOCS_DIR).as_posix() not in NOT_CONTENT
)
LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.mark.parametrize("page", CONTENT_PAGES)
def test_content_page_has_a_next_step_with_a_link_before_its_sources(page):
    text = (DOCS_DIR / page).read_text(encoding="utf-8")
    assert f"\n{NEXT_STEP_HEADING}\n" in text, f"{page}: no '{NEXT_STEP_HEADING}' section"
    section = text.split(f"\n{NEXT_STEP_HEADING}\n", 1)[1].split("\n## ", 1)[0]
    assert LINK.search(section), f"{page}: the next-step section links to nothing"
    if "\n## Sources\n" in text:
        assert text.index(NEXT_STEP_HEADING) < text.index("\n## Sources\n"), f"{page}: the next step comes after Sources"


def test_home_page_offers_one_route_per_reader():
    text = (DOCS_DIR / "index.md").read_text(encoding="utf-8")
    for label, target in [("For adults", "finding-therapy.md"), ("For parents and carers", "for-carers.md"),
                          ("For young people", "young-people.md"), ("For professionals", "for-professionals.md")]:
        assert f"**[{label}]({target})**" in text, label
    assert "young people" in text.split("{{ crisis_callout() }}", 1)[0], "the intro does not say the site is for young people"
