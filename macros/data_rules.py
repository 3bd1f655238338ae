"""The rules no single field can state, shared by the data files' loaders.

A country code that is a real one (pycountry's public API), a date that is not in the
future, a number that can exist in its country (phonenumbers), and a number shown to
readers that dials the same digits as its link. Each returns the problem in words, or
"" when there is none; the loader names the file, the entry, the field and the line.
"""

from __future__ import annotations

import datetime as dt
import re


def country_problem(code: str) -> str:
    """Why `code` is not an ISO 3166-1 alpha-2 code, or ""."""
    import pycountry

    if pycountry.countries.get(alpha_2=code) is None:
        return f"{code!r} is not an ISO 3166-1 two-letter country code"
    return ""


def checked_countries(countries: list, fail):
    """Each country entry with its place (("countries", i)), once its code is a real one
    and not listed before; `fail(place, problem)` makes the loader's error."""
    seen: set[str] = set()
    for i, country in enumerate(countries):
        place = ("countries", i)
        problem = country_problem(country["code"])
        if problem:
            raise fail(place + ("code",), problem)
        if country["code"] in seen:
            raise fail(place, "duplicate entry: this country is listed twice")
        seen.add(country["code"])
        yield place, country


def parse_date(text: str) -> dt.date | None:
    """The date written YYYY-MM-DD (the schema checked the shape), or None if there is no such day."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def date_problem(value, today: dt.date) -> str:
    """Why a `verified` date cannot be published, or ""."""
    day = value if isinstance(value, dt.date) else parse_date(str(value))
    if day is None:
        return f"must be a date written YYYY-MM-DD, got {value!r}"
    if day > today:
        return f"is {day.isoformat()}, a date in the future"
    return ""


def digits_match(shown: str, target: str) -> bool:
    """Whether a number as shown ('1-800-668-6868', '0800 543 354') dials `target`.

    The digits must be the same, except that a target in international form
    ('+44800…') may add a country code of one to three digits and drop the shown
    number's leading trunk zero.
    """
    shown_digits = re.sub(r"\D", "", shown)
    target_digits = target.removeprefix("+")
    if shown_digits == target_digits:
        return True
    national = shown_digits.lstrip("0")
    return (
        target.startswith("+")
        and bool(national)
        and target_digits.endswith(national)
        and 1 <= len(target_digits) - len(national) <= 3
    )


def number_known(target: str, country: str) -> bool:
    """Whether phonenumbers knows `target` as a number of `country`: a full number valid
    there, or a short number (helpline, emergency) valid for its region."""
    import phonenumbers
    from phonenumbers import shortnumberinfo

    try:
        number = phonenumbers.parse(target, country)
    except phonenumbers.NumberParseException:
        return False
    if phonenumbers.is_valid_number(number) and number.country_code == phonenumbers.country_code_for_region(country):
        return True
    return not target.startswith("+") and shortnumberinfo.is_valid_short_number_for_region(number, country)


def number_problem(target: str, country: str, *, emergency: bool, excused: bool) -> str:
    """Why a tel/sms target cannot be published for `country`, or "".

    `emergency`: the line is the country's emergency line, so the number must be one of
    its emergency numbers. `excused`: the entry says why a real number the library does
    not list is published anyway; the excuse is refused once the library knows it.
    """
    from phonenumbers import shortnumberinfo

    known = number_known(target, country)
    if emergency and not shortnumberinfo.is_emergency_number(target, country):
        return f"{target!r} is not an emergency number of {country} (phonenumbers): check it, or take 'emergency' off the line"
    if known and excused:
        return f"{target!r} is now known to phonenumbers for {country}: delete 'unknown_to_phonenumbers'"
    if not known and not excused:
        return (
            f"{target!r} is not a valid number for {country} (phonenumbers knows no such short or full number): "
            "check it at the source; if it is right, say so in 'unknown_to_phonenumbers'"
        )
    return ""
