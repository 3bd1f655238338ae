"""The bibliography module on its own, without MkDocs: loading, checking, formatting, citing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from project import PROJECT_DIR, yaml_text
from macros import references, references_cache
from macros.references import (
    ReferencesError,
    cited_keys,
    load_references,
    render_bibliography,
    render_citation,
    render_sources,
)

REAL = PROJECT_DIR / "data" / "references.yml"

ARTICLE = {
    "id": "bratton2005",
    "type": "article-journal",
    "author": [{"family": "Bratton", "given": "S. C."}, {"family": "Ray", "given": "D."}, {"family": "Rhine", "given": "T."}],
    "issued": {"date-parts": [[2005]]},
    "title": "The efficacy of play therapy with children: A meta-analytic review of treatment outcomes",
    "container-title": "Professional Psychology: Research and Practice",
    "volume": "36",
    "issue": "4",
    "page": "376-390",
    "DOI": "10.1037/0735-7028.36.4.376",
    "keyword": "play",
}


def write(tmp_path: Path, *entries: dict) -> Path:
    path = tmp_path / "references.yml"
    path.write_text(yaml_text(list(entries)), encoding="utf-8")
    return path


def changed(**fields) -> dict:
    entry = {**ARTICLE, **fields}
    return {k: v for k, v in entry.items() if v is not None}


def test_the_real_file_loads_and_every_entry_is_formatted():
    works = load_references(REAL)
    assert len(works) >= 20
    assert all(work.entry and work.in_text for work in works.values())


def test_a_journal_article_is_formatted_in_apa_7(tmp_path):
    work = load_references(write(tmp_path, ARTICLE))["bratton2005"]
    assert work.entry == (
        "Bratton, S. C., Ray, D., &amp; Rhine, T. (2005). The efficacy of play therapy with children: "
        "A meta-analytic review of treatment outcomes. *Professional Psychology: Research and Practice*, "
        "*36*(4), 376–390. [https://doi.org/10.1037/0735-7028.36.4.376](<https://doi.org/10.1037/0735-7028.36.4.376>)"
    )


@pytest.mark.parametrize(
    ("authors", "expected"),
    [
        ([{"family": "Phillips", "given": "R. D."}], "Phillips, 2005"),
        ([{"family": "Lin"}, {"family": "Bratton"}], "Lin and Bratton, 2005"),
        ([{"family": "Bratton"}, {"family": "Ray"}, {"family": "Rhine"}], "Bratton and others, 2005"),
        ([{"family": "Diamond"}, {"literal": "others"}], "Diamond and others, 2005"),
        ([{"literal": "National Institute for Health and Care Excellence (NICE)"}], "NICE, 2005"),
    ],
)
def test_in_text_citations_say_and_others_in_plain_english(tmp_path, authors, expected):
    assert load_references(write(tmp_path, changed(author=authors)))["bratton2005"].in_text == expected


def test_a_citation_links_to_the_entry_in_the_pages_sources(tmp_path):
    works = load_references(write(tmp_path, ARTICLE, changed(id="lin2015", author=[{"family": "Lin"}, {"family": "Bratton"}])))
    assert render_citation(works, ["bratton2005", "lin2015"], "p.md") == (
        "([Bratton and others, 2005](#ref-bratton2005); [Lin and Bratton, 2005](#ref-lin2015))"
    )


def test_citing_an_unknown_key_names_the_page_and_the_key(tmp_path):
    works = load_references(write(tmp_path, ARTICLE))
    with pytest.raises(ReferencesError, match=r"^therapy/x\.md: cites 'nobody2020', which data/references\.yml does not hold$"):
        render_citation(works, ["nobody2020"], "therapy/x.md")
    with pytest.raises(ReferencesError, match=r"^therapy/x\.md: cites 'nobody2020'"):
        render_sources(works, ["bratton2005", "nobody2020"], "therapy/x.md")


def test_sources_list_exactly_the_cited_works_with_anchors(tmp_path):
    works = load_references(write(tmp_path, ARTICLE, changed(id="lin2015", keyword="other")))
    sources = render_sources(works, ["lin2015"], "p.md")
    assert "{ #ref-lin2015 }" in sources and "ref-bratton2005" not in sources
    assert sources.count("\n- ") + sources.startswith("- ") == 1
    with pytest.raises(ReferencesError, match="cites nothing"):
        render_sources(works, [], "p.md")


def test_the_bibliography_lists_a_keyword_and_fails_on_an_unknown_one(tmp_path):
    works = load_references(write(tmp_path, ARTICLE, changed(id="lin2015", keyword="other")))
    assert "Bratton" in render_bibliography(works, "play") and "lin2015" not in render_bibliography(works, "play")
    with pytest.raises(ReferencesError, match="no work has keyword 'plya'"):
        render_bibliography(works, "plya")


def test_cited_keys_are_read_from_the_markdown_in_order_each_once():
    markdown = 'A {{ cite("b2001") }} and {{ cite("a2002", "b2001") }} and {{cite(\'c2003\')}}. {{ sources() }}'
    assert cited_keys(markdown) == ["b2001", "a2002", "c2003"]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (changed(author=None), "entry 1 (bratton2005): field 'author' is missing"),
        (changed(issued=None), "entry 1 (bratton2005): field 'issued' is missing"),
        (changed(issued={"date-parts": [["2005"]]}), "entry 1 (bratton2005) issued date-parts[0][0]: must be a four-digit year, got '2005'"),
        (changed(title=None), "entry 1 (bratton2005): field 'title' is missing"),
        (changed(volume=None), "entry 1 (bratton2005): field 'volume' is missing: a journal article needs it"),
        (changed(**{"container-title": None}), "entry 1 (bratton2005): field 'container-title' is missing"),
        (changed(page=None), "entry 1 (bratton2005): field 'page' is missing"),
        (changed(DOI=None), "entry 1 (bratton2005): field 'DOI' is missing"),
        (changed(DOI="https://doi.org/10.1037/0735-7028.36.4.376"), "entry 1 (bratton2005): field 'DOI' must be a DOI such as 10.1234/abc"),
        (changed(doi="10.1/x"), "entry 1 (bratton2005): unknown field 'doi'"),
        (changed(volume=36), "entry 1 (bratton2005): field 'volume' must be text"),
        (changed(id="Bratton 2005"), "entry 1 (Bratton 2005): field 'id' must be lower-case"),
        (changed(type="journal"), "entry 1 (bratton2005): field 'type' must be one of"),
        (changed(author=[{"surname": "Bratton"}]), "entry 1 (bratton2005) author[0]: unknown field 'surname'"),
        (changed(author=[{"literal": "others"}]), "entry 1 (bratton2005): field 'author': the first author must be named"),
        (changed(URL="http://example.org"), "entry 1 (bratton2005): field 'URL' must be an https:// address"),
        (changed(keyword=None), "entry 1 (bratton2005): field 'keyword' is missing"),
    ],
)
def test_bad_data_names_the_file_the_entry_and_the_field(tmp_path, entry, message):
    path = write(tmp_path, entry)
    with pytest.raises(ReferencesError) as error:
        load_references(path)
    assert str(error.value).startswith(f"{path}: {message}")


def test_a_note_excuses_missing_journal_details_and_is_shown(tmp_path):
    note = "The volume and pages could not be confirmed for this site."
    work = load_references(write(tmp_path, changed(volume=None, page=None, DOI=None, note=note)))["bratton2005"]
    assert work.entry.endswith(note)


def test_a_duplicate_id_is_refused(tmp_path):
    path = write(tmp_path, ARTICLE, ARTICLE)
    with pytest.raises(ReferencesError, match=r"entry 2 \(bratton2005\): field 'id': 'bratton2005' is used by an earlier entry"):
        load_references(path)


def test_a_missing_or_broken_file_is_named(tmp_path):
    with pytest.raises(ReferencesError, match="cannot be read"):
        load_references(tmp_path / "none.yml")
    broken = tmp_path / "broken.yml"
    broken.write_text("- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(ReferencesError, match=f"{broken}: not valid YAML"):
        load_references(broken)


# The on-disk cache of formatted entries (macros/references_cache.py).


def load_fresh(path: Path, cache_dir: Path) -> dict:
    """Load as a new build would: without the in-memory copy of the last load."""
    references.load_references.cache_clear()
    return load_references(path, cache_dir=cache_dir)


def test_the_cache_is_used_on_the_next_load(tmp_path, monkeypatch):
    path, cache = write(tmp_path, ARTICLE), tmp_path / "cache"
    first = load_fresh(path, cache)
    assert list(cache.glob("*.json")), "the first load stores the formatted entries"

    def no_citeproc(entries):
        raise AssertionError("citeproc was called although the cache holds the entries")

    monkeypatch.setattr(references, "_format_entries", no_citeproc)
    assert load_fresh(path, cache) == first


def test_a_changed_entry_is_formatted_again_not_read_from_the_cache(tmp_path):
    path, cache = write(tmp_path, ARTICLE), tmp_path / "cache"
    load_fresh(path, cache)
    write(tmp_path, changed(title="A new title for the same work"))
    work = load_fresh(path, cache)["bratton2005"]
    assert "A new title for the same work" in work.entry
    assert len(list(cache.glob("*.json"))) == 1, "only the current key is kept"


def test_a_new_library_version_is_a_new_key(monkeypatch):
    before = references_cache.cache_key(b"data", b"code")
    monkeypatch.setattr(references_cache, "_version", lambda name: "99.0")
    assert references_cache.cache_key(b"data", b"code") != before
    assert references_cache.cache_key(b"data", b"code2") != references_cache.cache_key(b"data", b"code")


@pytest.mark.parametrize(
    "content",
    ["not json {", '{"key": "other", "entries": {}}', "[1, 2]", '{"key": "KEY", "entries": {"bratton2005": 3}}',
     '{"key": "KEY", "entries": {"someone-else": "Wrong (2001)."}}'],
)
def test_a_corrupt_cache_file_is_ignored_and_replaced(tmp_path, content):
    path, cache = write(tmp_path, ARTICLE), tmp_path / "cache"
    expected = load_fresh(path, cache)
    [stored] = cache.glob("*.json")
    stored.write_text(content.replace("KEY", stored.stem), encoding="utf-8")
    assert load_fresh(path, cache) == expected
    assert json.loads(stored.read_text(encoding="utf-8"))["key"] == stored.stem


def test_a_cache_that_cannot_be_written_does_not_stop_the_build(tmp_path):
    path, blocked = write(tmp_path, ARTICLE), tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    assert load_fresh(path, blocked / "cache") == load_fresh(path, tmp_path / "cache")


def test_bad_data_is_refused_even_with_a_warm_cache(tmp_path):
    path, cache = write(tmp_path, ARTICLE), tmp_path / "cache"
    load_fresh(path, cache)
    write(tmp_path, changed(DOI="https://doi.org/10.1037/x"))
    with pytest.raises(ReferencesError, match=r"entry 1 \(bratton2005\): field 'DOI'"):
        load_fresh(path, cache)


def test_a_file_that_is_not_utf8_is_named(tmp_path):
    path = tmp_path / "references.yml"
    path.write_bytes(b"- id: caf\xe9\n")
    with pytest.raises(ReferencesError, match=f"{path}: is not UTF-8 text"):
        load_references(path)


def test_an_edit_to_the_formatting_code_is_not_answered_from_the_cache(tmp_path, monkeypatch):
    path, cache = write(tmp_path, ARTICLE), tmp_path / "cache"
    load_fresh(path, cache)
    monkeypatch.setattr(references, "_THIS_CODE", references._THIS_CODE + b"\n# an edit\n")
    monkeypatch.setattr(references, "_format_entries", lambda entries: {e["id"]: "Formatted by the new code." for e in entries})
    assert load_fresh(path, cache)["bratton2005"].entry == "Formatted by the new code."
