"""The validator's warning window: dates about to lapse warn, and fail with --fail-on-warnings.

Fixture data and fixed dates, derived from the data's own `verified` dates, never from
the calendar or the real data (which a maintainer re-verifies).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from project import FIXTURE_DATA_FILE as DATA_FILE, FIXTURE_TODAY
from macros.contract import CRISIS_LINE_MAX_AGE_DAYS, REVIEW_WARNING_DAYS
from macros.safety_data import load_safety_data
import validate_site

DATA = load_safety_data(DATA_FILE, today=FIXTURE_TODAY)
OLDEST = min(line.verified for country in DATA.countries for line in country.lines)
# The first day on which the oldest check counts as stale (a problem, not a warning).
LAPSES = OLDEST + dt.timedelta(days=CRISIS_LINE_MAX_AGE_DAYS + 1)
DUE = dt.date(2029, 10, 1)


def docs_folder(tmp_path: Path, due: dt.date = DUE) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(f"---\nlast_reviewed: 2026-10-01\nnext_review: {due.isoformat()}\n---\n# Page\n", encoding="utf-8")
    return docs


def test_crisis_line_warns_30_days_before_its_check_lapses(tmp_path):
    docs = docs_folder(tmp_path)
    before = validate_site.lapse_warnings(DATA, DATA_FILE, docs, LAPSES - dt.timedelta(days=REVIEW_WARNING_DAYS + 1))
    within = validate_site.lapse_warnings(DATA, DATA_FILE, docs, LAPSES - dt.timedelta(days=REVIEW_WARNING_DAYS))
    lapsed = validate_site.lapse_warnings(DATA, DATA_FILE, docs, LAPSES)
    assert not any(f"verified {OLDEST.isoformat()}" in w for w in before)
    assert any(w.startswith(f"{DATA_FILE}: warning: ") and f"(verified {OLDEST.isoformat()}) lapses within {REVIEW_WARNING_DAYS} days" in w for w in within), within
    # Once lapsed it is a problem (reported by validate), no longer a warning.
    assert not any(f"verified {OLDEST.isoformat()}" in w for w in lapsed)


def test_page_warns_30_days_before_its_review_is_due(tmp_path):
    docs = docs_folder(tmp_path)
    # The review lapses the day after it is due. Far from any crisis line's lapse, so
    # only the page can warn.
    lapses = DUE + dt.timedelta(days=1)
    before = lapses - dt.timedelta(days=REVIEW_WARNING_DAYS + 1)
    assert validate_site.lapse_warnings(DATA, DATA_FILE, docs, before) == []
    warned = validate_site.lapse_warnings(DATA, DATA_FILE, docs, lapses - dt.timedelta(days=REVIEW_WARNING_DAYS))
    assert warned == [f"{docs / 'index.md'}: warning: next_review 2029-10-01 is within {REVIEW_WARNING_DAYS} days: review the page soon"]
    assert validate_site.lapse_warnings(DATA, DATA_FILE, docs, DUE) == warned
    assert validate_site.lapse_warnings(DATA, DATA_FILE, docs, DUE + dt.timedelta(days=1)) == []


def test_warnings_fail_only_with_fail_on_warnings(tmp_path, capsys, monkeypatch):
    docs = docs_folder(tmp_path)
    site = tmp_path / "site"
    site.mkdir()
    # The page checks are the other tests' business: here only the exit status matters.
    monkeypatch.setattr(validate_site, "validate", lambda *args: (1, []))
    argv = ["--site", str(site), "--docs", str(docs), "--data", str(DATA_FILE), "--today", (DUE - dt.timedelta(days=1)).isoformat()]
    assert validate_site.main(argv) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "1 pages checked, 0 problems, 1 warnings"
    assert validate_site.main([*argv, "--fail-on-warnings"]) == 1
    long_before = DUE - dt.timedelta(days=REVIEW_WARNING_DAYS + 10)
    assert validate_site.main([*argv[:-1], long_before.isoformat(), "--fail-on-warnings"]) == 0
