"""The help-routes data: the real file loads and is fresh, bad entries fail naming file, entry and field."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from project import PROJECT_DIR, yaml_text
from macros.contract import HELP_ROUTES_FILE
from macros.help_routes import HelpRoutesError, load_help_routes
from macros.render_help_routes import render_carer_routes, render_therapist_registers, render_therapy_routes
from macros.safety_data import load_safety_data

FIXTURE = Path(__file__).parent / "fixtures" / "help_routes" / "valid.yml"
REAL_FILE = PROJECT_DIR / HELP_ROUTES_FILE
TODAY = dt.date(2026, 11, 28)


def fixture_data() -> dict:
    return yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "help-routes.yml"
    path.write_text(yaml_text(data), encoding="utf-8")
    return path


def test_fixture_loads_with_every_field():
    data = load_help_routes(FIXTURE, today=TODAY)
    assert [c.code for c in data.countries] == ["GB", "AU"]
    register = data.countries[0].registers[0]
    assert (register.name, register.url, register.confidence) == ("Register A", "https://example.org/register", "official")
    assert register.verified == dt.date(2026, 6, 1)
    carers = data.countries[0].carers[0]
    assert (carers.name, carers.not_confirmed) == ("Carers route", False)
    assert data.countries[1].carers[0].not_confirmed is True


def test_stale_entries_are_those_checked_more_than_a_year_ago():
    data = load_help_routes(FIXTURE, today=TODAY)
    assert data.stale_entries(dt.date(2026, 12, 1)) == []
    assert data.stale_entries(dt.date(2027, 1, 16)) == ["United Kingdom therapy route 'Route A' (verified 2026-01-15)"]
    assert data.stale_entries(dt.date(2027, 6, 2)) == [
        "United Kingdom therapy route 'Route A' (verified 2026-01-15)",
        "United Kingdom register 'Register A' (verified 2026-06-01)",
        "United Kingdom carers' route 'Carers route' (verified 2026-02-01)",
    ]


def test_real_file_loads_with_a_route_and_a_register_for_every_country_in_the_crisis_block():
    routes = load_help_routes(REAL_FILE, today=dt.date.today())
    safety = load_safety_data(PROJECT_DIR / "data" / "safety.yml", today=dt.date.today())
    compact = [country.code for country, _ in safety.compact_lines()]
    assert [c.code for c in routes.countries] == compact
    assert all(c.therapy and c.registers for c in routes.countries)


def test_every_country_in_the_crisis_callout_has_a_carers_route_or_says_it_has_none():
    # The crisis callout's countries are the compact lines' countries: a foster carer in
    # any of them gets a route of their own country, or a plain "we have not confirmed one".
    routes = {c.code: c for c in load_help_routes(REAL_FILE, today=dt.date.today()).countries}
    safety = load_safety_data(PROJECT_DIR / "data" / "safety.yml", today=dt.date.today())
    for country, _ in safety.compact_lines():
        carers = routes[country.code].carers if country.code in routes else ()
        assert carers, f"{HELP_ROUTES_FILE}: {country.name}: no carers' route and no 'not confirmed' entry"
        for route in carers:
            if route.not_confirmed:
                assert route.text.startswith("We have not confirmed"), (
                    f"{HELP_ROUTES_FILE}: {country.name} carers entry {route.name!r}: a not_confirmed entry "
                    "starts 'We have not confirmed', so the reader is told plainly")


def test_uk_carers_routes_name_their_nation_and_cover_every_nation():
    # English law (the council's assessment, the fund, NICE) does not reach Scotland,
    # Wales or Northern Ireland: each UK entry says which nation it is for.
    gb = next(c for c in load_help_routes(REAL_FILE, today=dt.date.today()).countries if c.code == "GB")
    nations = ("England", "Scotland", "Wales", "Northern Ireland")
    for route in gb.carers:
        assert route.name.startswith(tuple(f"{n}:" for n in nations)), (
            f"{HELP_ROUTES_FILE}: United Kingdom carers entry {route.name!r}: start the name with the nation it is for")
    named = {n for n in nations for r in gb.carers if r.name.startswith(f"{n}:")}
    assert named == set(nations), f"{HELP_ROUTES_FILE}: United Kingdom carers: no entry for {set(nations) - named}"


def test_real_file_was_checked_within_the_last_year():
    # The real date, for the real data: this is the help routes' data-age check.
    stale = load_help_routes(REAL_FILE, today=dt.date.today()).stale_entries(dt.date.today())
    assert stale == [], f"{HELP_ROUTES_FILE}: check these again, then update 'verified': {stale}"


def test_real_file_leaves_out_what_the_notes_could_not_confirm():
    text = REAL_FILE.read_text(encoding="utf-8")
    # help-routes.md: CORU registers not confirmed open; Budget 2025 criteria not confirmed.
    assert "coru.ie" not in text
    assert "£" not in text  # the fund's yearly amounts are for 2025-26 only


def test_missing_file_and_bad_yaml_name_the_file(tmp_path):
    with pytest.raises(HelpRoutesError, match=r"nothere\.yml: help-routes file not found"):
        load_help_routes(tmp_path / "nothere.yml", today=TODAY)
    bad = tmp_path / "bad.yml"
    bad.write_text("countries: [unclosed\n", encoding="utf-8")
    with pytest.raises(HelpRoutesError, match=r"bad\.yml: not valid YAML"):
        load_help_routes(bad, today=TODAY)


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("source", "", r"field 'source' is missing or empty"),
        ("source", None, r"field 'source' is missing or empty"),
        ("confidence", "probably", r"field 'confidence' must be one of official, official-press, secondary, got 'probably'"),
        ("verified", "2026-12-01", r"field 'verified' is 2026-12-01, a date in the future"),
        ("verified", "1/12/2026", r"field 'verified' must be a date written YYYY-MM-DD"),
        ("url", "http://example.org", r"field 'url' must be an https:// address"),
        ("adress", "x", r"unknown field 'adress'"),
    ],
)
def test_bad_field_names_file_entry_and_field(tmp_path, field, value, message):
    data = fixture_data()
    data["countries"][0]["registers"][0][field] = value
    with pytest.raises(HelpRoutesError, match=r"help-routes\.yml: countries\[0\] \(GB\) registers\[0\] \(Register A\): " + message):
        load_help_routes(write(tmp_path, data), today=TODAY)


def test_missing_required_field_is_named(tmp_path):
    data = fixture_data()
    del data["countries"][0]["carers"][0]["verified"]
    with pytest.raises(HelpRoutesError, match=r"countries\[0\] \(GB\) carers\[0\] \(Carers route\): field 'verified' is missing"):
        load_help_routes(write(tmp_path, data), today=TODAY)


def test_bad_country_and_duplicates_are_refused(tmp_path):
    data = fixture_data()
    data["countries"][1]["code"] = "UK"
    with pytest.raises(HelpRoutesError, match=r"countries\[1\] \(UK\): field 'code': 'UK' is not an ISO 3166-1"):
        load_help_routes(write(tmp_path, data), today=TODAY)
    data = fixture_data()
    data["countries"][1]["code"] = "GB"
    with pytest.raises(HelpRoutesError, match=r"countries\[1\] \(GB\): duplicate entry"):
        load_help_routes(write(tmp_path, data), today=TODAY)
    data = fixture_data()
    data["countries"][0]["therapy"].append(dict(data["countries"][0]["therapy"][0]))
    with pytest.raises(HelpRoutesError, match=r"therapy\[1\] \(Route A\): duplicate entry"):
        load_help_routes(write(tmp_path, data), today=TODAY)


def test_empty_list_is_refused(tmp_path):
    data = fixture_data()
    data["countries"][0]["registers"] = []
    with pytest.raises(HelpRoutesError, match=r"countries\[0\] \(GB\): field 'registers' must be a non-empty list"):
        load_help_routes(write(tmp_path, data), today=TODAY)


def test_rendered_lists_are_by_country_for_region_first_and_escaped(tmp_path):
    # The loader refuses markup; the renderer escapes text all the same (defence in depth).
    routes = load_help_routes(FIXTURE, today=TODAY)
    gb = routes.countries[0]
    hostile = dataclasses.replace(gb.therapy[0], text="Free <b>route</b> & more.")
    routes = dataclasses.replace(routes, countries=(dataclasses.replace(gb, therapy=(hostile,)), *routes.countries[1:]))
    therapy = BeautifulSoup(render_therapy_routes(routes), "html.parser").find()
    assert therapy["data-block"] == "therapy-routes" and therapy.has_attr("data-region-list")
    assert [s["data-country"] for s in therapy.find_all("section")] == ["GB", "AU"]
    assert therapy.find("h3", id="therapy-gb").get_text() == "United Kingdom"
    assert "Free <b>route</b> & more." in therapy.get_text()
    registers = BeautifulSoup(render_therapist_registers(routes), "html.parser")
    assert registers.find("a", href="https://example.org/register").get_text() == "Register A"
    assert registers.find("h3", id="register-au")
    carers = BeautifulSoup(render_carer_routes(routes), "html.parser").find()
    assert carers["data-block"] == "carer-routes" and carers.has_attr("data-region-list")
    assert [s["data-country"] for s in carers.find_all("section")] == ["GB", "AU"]
    assert "Carers route" in carers.get_text()
    # An entry we could not confirm says so where it is shown, not only in the data.
    unconfirmed = carers.find("li", attrs={"data-not-confirmed": True})
    assert unconfirmed.get_text().startswith("Not confirmed: No route found")
    assert not carers.find("section", attrs={"data-country": "GB"}).find("li", attrs={"data-not-confirmed": True})

