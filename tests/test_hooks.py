"""The MkDocs hooks: US spellings in the search index, and silent heading permalinks."""

from __future__ import annotations

import sys

from project import PROJECT_DIR

sys.path.insert(0, str(PROJECT_DIR / "hooks"))

from headerlinks import hide_headerlinks  # noqa: E402
from search_spellings import FIELD, add_spellings  # noqa: E402


def test_each_us_spelling_weighs_as_its_british_word_does_in_title_and_text():
    index = {
        "config": {"fields": {"title": {"boost": 10}, "text": {"boost": 1}, FIELD: {"boost": 1}}},
        "docs": [
            {"location": "cbt/", "title": "Cognitive behavioural therapy", "text": "<p>Behavioural therapy helps.</p>"},
            {"location": "x/", "title": "Play", "text": "<p>Counselling, and more counselling.</p>"},
            {"location": "y/", "title": "None", "text": "<p>Nothing here.</p>"},
        ],
    }
    assert add_spellings(index, (("behavioral", "behavioural"), ("counseling", "counselling"))) == 2
    cbt, play, none = index["docs"]
    assert cbt[FIELD].split() == ["behavioral"] * 11  # 10 for the title, 1 for the text
    assert play[FIELD].split() == ["counseling"] * 2
    assert FIELD not in none
    assert "behavioral" not in cbt["text"] and "behavioral" not in cbt["title"]  # nothing shown changes


def test_permalinks_leave_the_accessibility_tree_and_the_tab_order():
    html = '<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">&para;</a></h2>'
    assert hide_headerlinks(html) == (
        '<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link" aria-hidden="true" tabindex="-1">&para;</a></h2>'
    )
