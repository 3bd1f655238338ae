"""Load the safety data file (disclaimer text and crisis lines) into typed values.

The data is safety-critical: a wrong digit sends a reader in crisis to the wrong
place. So every problem stops the build with a message naming the file, the entry,
the field and the line, instead of publishing a half-filled block. The shape of each
field is in schemas/safety.schema.json (checked by macros/data_file.py); this module
checks what ties fields together: a number and its link, one compact line per country,
numbers that exist in their country, no date in the future, nothing listed twice.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .contract import CRISIS_LINE_MAX_AGE_DAYS, SAFETY_DATA_SCHEMA
from .data_file import SAFE_LOADER, fail_at, load_data_file, loaded_once_per_content
from .data_rules import checked_countries, date_problem, digits_match, number_problem, parse_date

__all__ = ["SAFE_LOADER", "SafetyData", "SafetyDataError", "digits_match", "load_safety_data"]


class SafetyDataError(ValueError):
    """The safety data file is missing or holds something the site must not publish."""


@dataclass(frozen=True)
class Phone:
    number: str
    tel: str
    note: str = ""


@dataclass(frozen=True)
class Text:
    number: str
    sms: str
    keyword: str = ""
    note: str = ""

    @property
    def href(self) -> str:
        return f"sms:{self.sms}?body={self.keyword}" if self.keyword else f"sms:{self.sms}"


@dataclass(frozen=True)
class Line:
    service: str
    hours: str
    confidence: str
    source: str
    verified: dt.date
    phones: tuple[Phone, ...] = ()
    texts: tuple[Text, ...] = ()
    other: str = ""
    url: str = ""
    emergency: bool = False
    compact: bool = False
    audience: str = ""  # "" means everyone; otherwise a value the schema allows (young-people)
    callout_text: bool = False


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Directory:
    name: str
    description: str
    url: str
    source: str
    verified: dt.date


@dataclass(frozen=True)
class Disclaimer:
    summary: str
    text: str
    full: tuple[str, ...]


@dataclass(frozen=True)
class SafetyData:
    disclaimer: Disclaimer
    crisis_callout: dict[str, str]
    directory: dict[str, str]
    countries: tuple[Country, ...]
    international: tuple[Directory, ...] = field(default=())

    def stale_entries(self, today: dt.date, *, max_age_days: int = CRISIS_LINE_MAX_AGE_DAYS) -> list[str]:
        """Entries last verified more than a year before `today`, as 'where (verified DATE)'."""
        oldest = today - dt.timedelta(days=max_age_days)
        stale = [
            f"{country.name} line {line.service!r} (verified {line.verified.isoformat()})"
            for country in self.countries
            for line in country.lines
            if line.verified < oldest
        ]
        stale += [f"international {d.name!r} (verified {d.verified.isoformat()})" for d in self.international if d.verified < oldest]
        return stale

    def all_numbers(self) -> frozenset[str]:
        """The digits of every number the data publishes, as shown to readers."""
        shown = [p.number for c in self.countries for line in c.lines for p in (*line.phones, *line.texts)]
        return frozenset(re.sub(r"\D", "", number) for number in shown)

    def compact_line(self, code: str) -> Line:
        """The compact line of the country with this ISO code (KeyError if none)."""
        for country, line in self.compact_lines():
            if country.code == code.upper():
                return line
        raise KeyError(f"no compact crisis line for country code {code!r} in the data file")

    def compact_lines(self) -> list[tuple[Country, Line]]:
        """Each country's main line in the crisis callout (`compact: true`), in the file's country order."""
        return [(c, line) for c in self.countries for line in c.lines if line.compact]

    def callout_lines(self) -> list[tuple[Country, Line]]:
        """Every line the crisis callout shows: each country's compact line, then its
        `callout_text` line if it has one, in the file's country order."""
        return [
            (c, line)
            for c in self.countries
            for line in sorted(c.lines, key=lambda line: not line.compact)
            if line.compact or line.callout_text
        ]


@loaded_once_per_content
def load_safety_data(path: Path | str, *, today: dt.date) -> SafetyData:
    """Read and check the data file; raise SafetyDataError naming the first problem."""
    path = Path(path)
    raw, lines = load_data_file(path, SAFETY_DATA_SCHEMA, SafetyDataError, "safety data file")

    def fail(place: tuple, problem: str) -> SafetyDataError:
        return fail_at(SafetyDataError, path, raw, lines, place, problem)

    def verified(entry: dict, place: tuple) -> dt.date:
        problem = date_problem(entry["verified"], today)
        if problem:
            raise fail(place + ("verified",), problem)
        return entry["verified"] if isinstance(entry["verified"], dt.date) else parse_date(entry["verified"])

    d = raw["disclaimer"]
    disclaimer = Disclaimer(summary=_text(d["summary"]), text=_text(d["text"]), full=tuple(_text(p) for p in d["full"]))
    crisis_callout = {name: _text(value) for name, value in sorted(raw["crisis_callout"].items())}
    directory = {name: _text(value) for name, value in sorted(raw["directory"].items())}

    countries = []
    for place, c in checked_countries(raw["countries"], fail):
        country_lines = tuple(_lines(c, place, fail, verified))
        countries.append(Country(code=c["code"], name=_text(c["name"]), lines=country_lines))
    if not any(line.compact for c in countries for line in c.lines):
        raise fail(("countries",), "no line has 'compact: true', so the block on every page would be empty")

    international = []
    seen_names: set[str] = set()
    for i, e in enumerate(raw["international"]):
        place = ("international", i)
        if e["name"].strip() in seen_names:
            raise fail(place, "duplicate entry: this directory is listed twice")
        seen_names.add(e["name"].strip())
        international.append(Directory(
            name=_text(e["name"]), description=_text(e["description"]), url=e["url"],
            source=_text(e["source"]), verified=verified(e, place),
        ))
    return SafetyData(disclaimer, crisis_callout, directory, tuple(countries), tuple(international))


def _text(value: str) -> str:
    return value.strip()


def _lines(country: dict, country_place: tuple, fail, verified):
    seen_services: set[str] = set()
    compact_place = callout_text_place = None
    compact_texts = False
    for j, e in enumerate(country["lines"]):
        place = country_place + ("lines", j)
        service = _text(e["service"])
        if service.casefold() in seen_services:
            raise fail(place, "duplicate entry: this service is listed twice for the country")
        seen_services.add(service.casefold())
        emergency = e.get("emergency", False)
        phones = tuple(
            Phone(number=p["number"].strip(), tel=p["tel"], note=_text(p.get("note", "")))
            for p in _numbers(e, "phones", "tel", country["code"], place, fail, emergency=emergency)
        )
        texts = tuple(
            Text(number=t["number"].strip(), sms=t["sms"], keyword=t.get("keyword", ""), note=_text(t.get("note", "")))
            for t in _numbers(e, "texts", "sms", country["code"], place, fail, emergency=False)
        )
        if not phones and not texts:
            raise fail(place, "field 'phones' or 'texts' is missing: a line needs a number to call or text")
        line = Line(
            service=service, hours=_text(e["hours"]), confidence=e["confidence"], source=_text(e["source"]),
            verified=verified(e, place), phones=phones, texts=texts, other=_text(e.get("other", "")),
            url=e.get("url", ""), emergency=emergency, compact=e.get("compact", False),
            audience=e.get("audience", ""), callout_text=e.get("callout_text", False),
        )
        if line.compact:
            if compact_place:
                raise fail(place + ("compact",), "only one line per country may be in the compact block")
            if not line.phones:
                raise fail(place + ("compact",), "a line in the compact block needs a phone number")
            if line.emergency:
                raise fail(place + ("compact",), "the compact block already tells readers to call their emergency number")
            compact_place, compact_texts = place, bool(line.texts)
        if line.callout_text:
            # The callout offers one way to text per country, beside its compact line.
            if callout_text_place:
                raise fail(place + ("callout_text",), "only one text line per country may be in the crisis callout")
            if not line.texts or line.phones:
                raise fail(place + ("callout_text",), "only a text line (with 'texts' and no 'phones') can add a text option to the crisis callout")
            if line.compact or line.emergency:
                raise fail(place + ("callout_text",), "cannot go with 'compact' or 'emergency' on the same line")
            callout_text_place = place
        yield line
    # Checked once the whole country is read: the compact line may come after the text line.
    if callout_text_place and not compact_place:
        raise fail(callout_text_place + ("callout_text",), "the country has no 'compact: true' line to go with it")
    if callout_text_place and compact_texts:
        raise fail(callout_text_place + ("callout_text",), "the country's compact line already has a number to text")


def _numbers(line: dict, kind: str, target_field: str, country: str, place: tuple, fail, *, emergency: bool) -> list[dict]:
    """The line's phones or texts, each number checked against its link and its country."""
    entries = line.get(kind) or []
    for k, entry in enumerate(entries):
        where = place + (kind, k)
        number, target = entry["number"], entry[target_field]
        if not digits_match(number, target):
            raise fail(
                where + ("number",),
                f"{number!r} and field {target_field!r} {target!r} are different numbers: correct the one that is wrong",
            )
        problem = number_problem(target, country, emergency=emergency, excused="unknown_to_phonenumbers" in entry)
        if problem:
            raise fail(where + (target_field,), problem)
    return entries
