"""Loading the safety data: the real file loads, and every kind of bad input fails loudly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from project import DATA_FILE
from macros.safety_data import SafetyDataError, load_safety_data

TODAY = dt.date(2026, 11, 28)


def real_data() -> dict:
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "safety.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def line(data: dict, code: str, service: str) -> dict:
    country = next(c for c in data["countries"] if c["code"] == code)
    return next(entry for entry in country["lines"] if entry["service"] == service)


def test_real_file_loads_with_a_compact_line_for_each_main_country():
    data = load_safety_data(DATA_FILE, today=TODAY)
    compact = {country.code: entry for country, entry in data.compact_lines()}
    assert set(compact) == {"US", "CA", "GB", "IE", "AU", "NZ"}
    assert all(entry.phones and "24 hours" in entry.hours for entry in compact.values())


def test_real_file_publishes_none_of_the_retired_or_unconfirmed_numbers():
    text = DATA_FILE.read_text(encoding="utf-8")
    tels = {p.tel for c in load_safety_data(DATA_FILE, today=TODAY).countries for e in c.lines for p in e.phones}
    # Retired (crisis-lines.md): 1-800-273-8255, 1-833-456-4566, 08457 90 90 90, 1850 60 90 90.
    # Unconfirmed: KIRAN 1800-599-0019, Tele-MANAS 1-800 alternatives.
    for retired in ("18002738255", "18334564566", "08457909090", "1850609090", "18005990019", "18008914416", "1800914416"):
        assert retired not in tels and retired not in text.replace(" ", "").replace("-", "")
    assert "AASRA" not in text and "Vandrevala" not in text


def test_sms_lines_carry_their_keyword():
    data = load_safety_data(DATA_FILE, today=TODAY)
    shout = next(e for c in data.countries if c.code == "GB" for e in c.lines if e.service == "Shout")
    assert shout.texts[0].href == "sms:85258?body=SHOUT"


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(SafetyDataError, match=r"nothere\.yml: safety data file not found"):
        load_safety_data(tmp_path / "nothere.yml", today=TODAY)


def test_invalid_yaml_names_the_file(tmp_path):
    path = tmp_path / "safety.yml"
    path.write_text("countries: [unclosed\n", encoding="utf-8")
    with pytest.raises(SafetyDataError, match=r"safety\.yml: not valid YAML"):
        load_safety_data(path, today=TODAY)


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("hours", None, r"line 'Samaritans': field 'hours' is missing or empty"),
        ("hours", "   ", r"line 'Samaritans': field 'hours' is missing or empty"),
        ("source", "", r"line 'Samaritans': field 'source' is missing or empty"),
        ("verified", "2027-01-01", r"line 'Samaritans': field 'verified' is 2027-01-01, a date in the future"),
        ("verified", "28/11/2026", r"line 'Samaritans': field 'verified' must be a date written YYYY-MM-DD"),
        ("url", "http://www.samaritans.org", r"line 'Samaritans': field 'url' must be an https:// address"),
        ("confidence", "probably", r"line 'Samaritans': field 'confidence' must be one of"),
        ("verfied", "2026-01-01", r"line 'Samaritans': unknown field 'verfied'"),
    ],
)
def test_bad_line_field_names_file_entry_and_field(tmp_path, field, value, message):
    data = real_data()
    line(data, "GB", "Samaritans")[field] = value
    with pytest.raises(SafetyDataError, match=r"safety\.yml: countries\[2\] \(GB\) " + message):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_missing_field_is_named(tmp_path):
    data = real_data()
    del line(data, "AU", "Lifeline")["hours"]
    with pytest.raises(SafetyDataError, match=r"countries\[4\] \(AU\) line 'Lifeline': field 'hours' is missing"):
        load_safety_data(write(tmp_path, data), today=TODAY)


@pytest.mark.parametrize("tel", ["116 123", "116-123", "tel:116123", "+44 116123", "0800x", "++44"])
def test_tel_target_must_be_digits_with_optional_plus(tmp_path, tel):
    data = real_data()
    line(data, "GB", "Samaritans")["phones"][0]["tel"] = tel
    with pytest.raises(SafetyDataError, match=r"line 'Samaritans' phones\[0\]: field 'tel' must be digits"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_empty_phone_number_is_refused(tmp_path):
    data = real_data()
    line(data, "GB", "Samaritans")["phones"][0]["number"] = ""
    with pytest.raises(SafetyDataError, match=r"line 'Samaritans' phones\[0\]: field 'number' is missing or empty"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_sms_target_is_checked_like_tel(tmp_path):
    data = real_data()
    line(data, "GB", "Shout")["texts"][0]["sms"] = "SHOUT"
    with pytest.raises(SafetyDataError, match=r"line 'Shout' texts\[0\]: field 'sms' must be digits"):
        load_safety_data(write(tmp_path, data), today=TODAY)


@pytest.mark.parametrize("code", ["XX", "UK", "USA", "1"])
def test_unknown_country_code_is_refused(tmp_path, code):
    data = real_data()
    data["countries"][0]["code"] = code
    with pytest.raises(SafetyDataError, match=r"countries\[0\] .*field 'code': .* is not an ISO 3166-1 two-letter country code"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_duplicate_country_is_refused(tmp_path):
    data = real_data()
    data["countries"].append(data["countries"][0])
    with pytest.raises(SafetyDataError, match=r"\(US\): duplicate entry: this country is listed twice"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_duplicate_service_is_refused(tmp_path):
    data = real_data()
    ireland = next(c for c in data["countries"] if c["code"] == "IE")
    ireland["lines"].append(dict(line(data, "IE", "Pieta crisis helpline")))
    with pytest.raises(SafetyDataError, match=r"\(IE\) line 'Pieta crisis helpline': duplicate entry"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_line_without_any_number_is_refused(tmp_path):
    data = real_data()
    entry = line(data, "IE", "Pieta crisis helpline")
    del entry["phones"], entry["texts"]
    with pytest.raises(SafetyDataError, match=r"line 'Pieta crisis helpline': field 'phones' or 'texts' is missing"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_two_compact_lines_in_one_country_are_refused(tmp_path):
    data = real_data()
    line(data, "GB", "NHS 111 (England)")["compact"] = True
    with pytest.raises(SafetyDataError, match=r"line 'NHS 111 \(England\)': field 'compact': only one line per country"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_no_compact_line_at_all_is_refused(tmp_path):
    data = real_data()
    for country in data["countries"]:
        for entry in country["lines"]:
            entry.pop("compact", None)
            entry.pop("callout_text", None)
    with pytest.raises(SafetyDataError, match=r"no line has 'compact: true'"):
        load_safety_data(write(tmp_path, data), today=TODAY)


@pytest.mark.parametrize("section, field", [("disclaimer", "summary"), ("disclaimer", "text"), ("crisis_callout", "heading")])
def test_empty_block_text_is_refused(tmp_path, section, field):
    data = real_data()
    data[section][field] = ""
    with pytest.raises(SafetyDataError, match=rf"{section}: field '{field}' is missing or empty"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_missing_top_level_section_is_refused(tmp_path):
    data = real_data()
    del data["disclaimer"]
    with pytest.raises(SafetyDataError, match=r"top level: field 'disclaimer' is missing"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_duplicate_international_directory_is_refused(tmp_path):
    data = real_data()
    data["international"].append(data["international"][0])
    with pytest.raises(SafetyDataError, match=r"international\[2\] \(Find A Helpline\): duplicate entry"):
        load_safety_data(write(tmp_path, data), today=TODAY)
