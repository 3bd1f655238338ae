"""Loading the safety data: the real file loads, and every kind of bad input fails loudly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from project import DATA_FILE, FIXTURE_DATA_FILE, FIXTURE_TODAY, yaml_text
from macros.safety_data import SafetyDataError, digits_match, load_safety_data

TODAY = FIXTURE_TODAY


def fixture_data() -> dict:
    """The fixture data as plain YAML values, to break one field at a time."""
    return yaml.safe_load(FIXTURE_DATA_FILE.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "safety.yml"
    path.write_text(yaml_text(data), encoding="utf-8")
    return path


def line(data: dict, code: str, service: str) -> dict:
    country = next(c for c in data["countries"] if c["code"] == code)
    return next(entry for entry in country["lines"] if entry["service"] == service)


# -- The real data, against the real date ----------------------------------------


def test_real_file_loads_with_a_compact_line_for_each_main_country():
    data = load_safety_data(DATA_FILE, today=dt.date.today())
    compact = {country.code: entry for country, entry in data.compact_lines()}
    assert set(compact) == {"US", "CA", "GB", "IE", "AU", "NZ"}
    assert all(entry.phones and "24 hours" in entry.hours for entry in compact.values())


def test_real_file_publishes_none_of_the_retired_or_unconfirmed_numbers():
    text = DATA_FILE.read_text(encoding="utf-8")
    tels = {p.tel for c in load_safety_data(DATA_FILE, today=dt.date.today()).countries for e in c.lines for p in e.phones}
    # Retired (crisis-lines.md): 1-800-273-8255, 1-833-456-4566, 08457 90 90 90, 1850 60 90 90.
    # Unconfirmed: KIRAN 1800-599-0019, Tele-MANAS 1-800 alternatives.
    for retired in ("18002738255", "18334564566", "08457909090", "1850609090", "18005990019", "18008914416", "1800914416"):
        assert retired not in tels and retired not in text.replace(" ", "").replace("-", "")
    assert "AASRA" not in text and "Vandrevala" not in text


# -- The loader, on fixture data with a fixed date --------------------------------


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
        ("hours", None, r"lines\[\d+\] \(Samaritans\): field 'hours' is missing or empty"),
        ("hours", "   ", r"lines\[\d+\] \(Samaritans\): field 'hours' is missing or empty"),
        ("source", "", r"lines\[\d+\] \(Samaritans\): field 'source' is missing or empty"),
        ("verified", "2027-01-01", r"lines\[\d+\] \(Samaritans\): field 'verified' is 2027-01-01, a date in the future"),
        ("verified", "28/11/2026", r"lines\[\d+\] \(Samaritans\): field 'verified' must be a date written YYYY-MM-DD"),
        ("url", "http://www.samaritans.org", r"lines\[\d+\] \(Samaritans\): field 'url' must be an https:// address"),
        ("confidence", "probably", r"lines\[\d+\] \(Samaritans\): field 'confidence' must be one of"),
        ("verfied", "2026-01-01", r"lines\[\d+\] \(Samaritans\): unknown field 'verfied'"),
    ],
)
def test_bad_line_field_names_file_entry_and_field(tmp_path, field, value, message):
    data = fixture_data()
    line(data, "GB", "Samaritans")[field] = value
    with pytest.raises(SafetyDataError, match=r"safety\.yml: countries\[1\] \(GB\) " + message):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_missing_field_is_named(tmp_path):
    data = fixture_data()
    del line(data, "AU", "Lifeline")["hours"]
    with pytest.raises(SafetyDataError, match=r"countries\[2\] \(AU\) lines\[\d+\] \(Lifeline\): field 'hours' is missing"):
        load_safety_data(write(tmp_path, data), today=TODAY)


@pytest.mark.parametrize("tel", ["116 123", "116-123", "tel:116123", "+44 116123", "0800x", "++44"])
def test_tel_target_must_be_digits_with_optional_plus(tmp_path, tel):
    data = fixture_data()
    line(data, "GB", "Samaritans")["phones"][0]["tel"] = tel
    with pytest.raises(SafetyDataError, match=r"lines\[\d+\] \(Samaritans\) phones\[0\]: field 'tel' must be digits"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_empty_phone_number_is_refused(tmp_path):
    data = fixture_data()
    line(data, "GB", "Samaritans")["phones"][0]["number"] = ""
    with pytest.raises(SafetyDataError, match=r"lines\[\d+\] \(Samaritans\) phones\[0\]: field 'number' is missing or empty"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_sms_target_is_checked_like_tel(tmp_path):
    data = fixture_data()
    line(data, "GB", "Shout")["texts"][0]["sms"] = "SHOUT"
    with pytest.raises(SafetyDataError, match=r"lines\[\d+\] \(Shout\) texts\[0\]: field 'sms' must be digits"):
        load_safety_data(write(tmp_path, data), today=TODAY)


@pytest.mark.parametrize("code", ["XX", "UK", "USA", "1"])
def test_unknown_country_code_is_refused(tmp_path, code):
    data = fixture_data()
    data["countries"][0]["code"] = code
    with pytest.raises(SafetyDataError, match=r"countries\[0\] .*field 'code': .* is not an ISO 3166-1 two-letter country code"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_duplicate_country_is_refused(tmp_path):
    data = fixture_data()
    data["countries"].append(data["countries"][0])
    with pytest.raises(SafetyDataError, match=r"\(US\): duplicate entry: this country is listed twice"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_duplicate_service_is_refused(tmp_path):
    data = fixture_data()
    britain = next(c for c in data["countries"] if c["code"] == "GB")
    britain["lines"].append(dict(line(data, "GB", "Shout")))
    with pytest.raises(SafetyDataError, match=r"\(GB\) lines\[\d+\] \(Shout\): duplicate entry"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_line_without_any_number_is_refused(tmp_path):
    data = fixture_data()
    entry = line(data, "GB", "Shout")
    entry.pop("phones", None), entry.pop("texts")
    with pytest.raises(SafetyDataError, match=r"lines\[\d+\] \(Shout\): field 'phones' or 'texts' is missing"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_two_compact_lines_in_one_country_are_refused(tmp_path):
    data = fixture_data()
    line(data, "GB", "NHS 111 (England)")["compact"] = True
    with pytest.raises(SafetyDataError, match=r"lines\[\d+\] \(NHS 111 \(England\)\): field 'compact': only one line per country"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_no_compact_line_at_all_is_refused(tmp_path):
    data = fixture_data()
    for country in data["countries"]:
        for entry in country["lines"]:
            entry.pop("compact", None)
            entry.pop("callout_text", None)
    with pytest.raises(SafetyDataError, match=r"no line has 'compact: true'"):
        load_safety_data(write(tmp_path, data), today=TODAY)


@pytest.mark.parametrize("section, field", [("disclaimer", "summary"), ("disclaimer", "text"), ("crisis_callout", "heading")])
def test_empty_block_text_is_refused(tmp_path, section, field):
    data = fixture_data()
    data[section][field] = ""
    with pytest.raises(SafetyDataError, match=rf"{section}: field '{field}' is missing or empty"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_missing_top_level_section_is_refused(tmp_path):
    data = fixture_data()
    del data["disclaimer"]
    with pytest.raises(SafetyDataError, match=r"top level: field 'disclaimer' is missing"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_duplicate_international_directory_is_refused(tmp_path):
    data = fixture_data()
    data["international"].append(data["international"][0])
    with pytest.raises(SafetyDataError, match=r"international\[2\] \(Find A Helpline\): duplicate entry"):
        load_safety_data(write(tmp_path, data), today=TODAY)


@pytest.mark.parametrize(
    "kind, index, field, value, message",
    [
        ("phones", 0, "tel", 18006686868, r"field 'tel' must be a quoted string such as \"0121\", got the int 18006686868"),
        ("phones", 0, "number", 116123, r"field 'number' must be a quoted string"),
        ("texts", 0, "sms", 85258, r"field 'sms' must be a quoted string"),
    ],
)
def test_phone_fields_must_be_quoted_strings(tmp_path, kind, index, field, value, message):
    data = fixture_data()
    service = "Samaritans" if kind == "phones" else "Shout"
    line(data, "GB", service)[kind][index][field] = value
    with pytest.raises(SafetyDataError, match=rf"lines\[\d+\] \({service}\) {kind}\[{index}\]: {message}"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_unquoted_tel_in_the_file_is_refused_not_read_as_a_number(tmp_path):
    """What YAML does to an unquoted +1800… or 0121: refused, naming file, entry and field."""
    text = FIXTURE_DATA_FILE.read_text(encoding="utf-8").replace("tel: '116123'", "tel: 0121", 1)
    path = tmp_path / "safety.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SafetyDataError, match=rf"{path}: countries\[1\] \(GB\) lines\[\d+\] \(Samaritans\) phones\[0\]: field 'tel' must be a quoted string"):
        load_safety_data(path, today=TODAY)


@pytest.mark.parametrize("kind, field, value", [("phones", "tel", "116124"), ("phones", "number", "116 113"), ("texts", "sms", "85259")])
def test_number_and_its_dial_target_must_be_the_same_digits(tmp_path, kind, field, value):
    data = fixture_data()
    service = "Samaritans" if kind == "phones" else "Shout"
    line(data, "GB", service)[kind][0][field] = value
    with pytest.raises(SafetyDataError, match=rf"lines\[\d+\] \({service}\) {kind}\[0\]: field 'number': .* are different numbers"):
        load_safety_data(write(tmp_path, data), today=TODAY)


@pytest.mark.parametrize(
    "shown, target, same",
    [
        ("116 123", "116123", True),
        ("1-800-668-6868", "+18006686868", True),
        ("0800 543 354", "+64800543354", True),
        ("0800 543 354", "0800543354", True),
        ("0800 543 354", "+6480054335", False),
        ("13 11 14", "131115", False),
        ("988", "+1988", True),
        ("988", "+12345988", False),
    ],
)
def test_digits_match(shown, target, same):
    assert digits_match(shown, target) is same


def test_real_file_lists_a_line_for_young_people_in_each_main_english_speaking_country():
    data = load_safety_data(DATA_FILE, today=dt.date.today())
    young = {c.code for c in data.countries for e in c.lines if e.audience == "young-people"}
    assert {"GB", "IE", "AU", "NZ", "CA"} <= young
    # crisis-lines.md: no PAPYRUS text number, no Teen Line (both unconfirmed).
    text = DATA_FILE.read_text(encoding="utf-8")
    for unconfirmed in ("07860039967", "07786209697", "88247", "Teen Line"):
        assert unconfirmed not in text.replace(" ", "")


@pytest.mark.parametrize("value", ["teens", "Young People", 1])
def test_unknown_audience_names_file_entry_and_field(tmp_path, value):
    data = fixture_data()
    line(data, "GB", "Childline")["audience"] = value
    with pytest.raises(SafetyDataError, match=r"safety\.yml: countries\[1\] \(GB\) lines\[\d+\] \(Childline\): field 'audience' must be one of young-people"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_a_misspelt_field_is_named_as_the_typo_before_the_field_it_replaced(tmp_path):
    data = fixture_data()
    entry = line(data, "GB", "Samaritans")
    entry["verfied"] = entry.pop("verified")
    with pytest.raises(SafetyDataError, match=r"lines\[\d+\] \(Samaritans\): unknown field 'verfied' \(allowed: .*\) \(line \d+\)$"):
        load_safety_data(write(tmp_path, data), today=TODAY)


def test_every_audience_the_schema_allows_has_a_label_in_the_directory():
    import json

    from macros.data_file import SCHEMAS_DIR
    from macros.render import AUDIENCE_LABELS

    schema = json.loads((SCHEMAS_DIR / "safety.schema.json").read_text(encoding="utf-8"))
    assert set(schema["$defs"]["line"]["properties"]["audience"]["enum"]) == set(AUDIENCE_LABELS)


def test_every_schema_is_a_valid_draft_2020_12_schema():
    # The build trusts the schemas (macros/data_file.validator); this is where a broken one is caught.
    import json

    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    from macros.data_file import SCHEMAS_DIR

    problems = []
    for schema in sorted(SCHEMAS_DIR.glob("*.schema.json")):
        try:
            Draft202012Validator.check_schema(json.loads(schema.read_text(encoding="utf-8")))
        except SchemaError as error:
            problems.append(f"{schema.name}: {error.message}")
    assert not problems


def test_a_data_file_edited_after_it_was_read_is_read_again(tmp_path):
    # A live preview (and a test) reads the same path again after an edit; the loaders keep
    # the last result per file, and must never serve it for the edited bytes.
    data = fixture_data()
    path = write(tmp_path, data)
    first = load_safety_data(path, today=TODAY)
    assert load_safety_data(path, today=TODAY) is first
    phone = line(data, "GB", "Samaritans")["phones"][0]
    phone["number"], phone["tel"] = "116 000", "116000"
    write(tmp_path, data)
    numbers = {p.number for c in load_safety_data(path, today=TODAY).countries for li in c.lines for p in li.phones}
    assert "116 000" in numbers
