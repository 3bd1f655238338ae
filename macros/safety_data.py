"""Load and check the safety data file (disclaimer text and crisis lines).

The data is safety-critical: a wrong digit sends a reader in crisis to the wrong
place. So every problem stops the build with a message naming the file, the entry
and the field, instead of publishing a half-filled block.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .contract import CRISIS_LINE_MAX_AGE_DAYS

DIAL_TARGET = re.compile(r"^\+?[0-9]+$")
CONFIDENCE_LEVELS = ("official", "official-press", "secondary")
# Who a line is for, when it is not for everyone: the directory marks these lines.
AUDIENCES = ("young-people",)


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
    audience: str = ""  # "" means everyone; otherwise one of AUDIENCES
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


class _Checker:
    """Walks the parsed YAML, collecting typed values or raising with a precise place."""

    def __init__(self, path: Path, today: dt.date):
        self.path = path
        self.today = today

    def fail(self, where: str, problem: str) -> SafetyDataError:
        return SafetyDataError(f"{self.path}: {where}: {problem}")

    def mapping(self, value: Any, where: str, required: set[str], optional: set[str] = frozenset()) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected a mapping of fields, got {type(value).__name__}")
        unknown = sorted(set(value) - required - set(optional))
        if unknown:
            raise self.fail(where, f"unknown field {unknown[0]!r} (allowed: {', '.join(sorted(required | set(optional)))})")
        for name in sorted(required):
            if name not in value:
                raise self.fail(where, f"field {name!r} is missing")
        return value

    def text(self, value: dict, name: str, where: str, *, required: bool = True) -> str:
        raw = value.get(name)
        if raw is None and not required:
            return ""
        if not isinstance(raw, (str, int)) or isinstance(raw, bool) or not str(raw).strip():
            raise self.fail(where, f"field {name!r} is missing or empty")
        return str(raw).strip()

    def quoted(self, value: dict, name: str, where: str) -> str:
        """A phone field: it must be a YAML string, because YAML reads an unquoted
        +18006686868 as the integer 18006686868 (losing the +) and 0121 as octal 81."""
        raw = value.get(name)
        if raw is not None and not isinstance(raw, str):
            raise self.fail(
                where, f"field {name!r} must be a quoted string such as \"0121\", got the {type(raw).__name__} {raw!r}"
            )
        return self.text(value, name, where)

    def dial(self, value: dict, name: str, where: str) -> str:
        target = self.quoted(value, name, where)
        if not DIAL_TARGET.match(target):
            raise self.fail(where, f"field {name!r} must be digits with an optional leading '+', got {target!r}")
        return target

    def https(self, value: dict, name: str, where: str, *, required: bool = True) -> str:
        url = self.text(value, name, where, required=required)
        if url and not url.startswith("https://"):
            raise self.fail(where, f"field {name!r} must be an https:// address, got {url!r}")
        return url

    def flag(self, value: dict, name: str, where: str) -> bool:
        raw = value.get(name, False)
        if not isinstance(raw, bool):
            raise self.fail(where, f"field {name!r} must be true or false, got {raw!r}")
        return raw

    def date(self, value: dict, name: str, where: str) -> dt.date:
        raw = value.get(name)
        if isinstance(raw, str):
            try:
                raw = dt.date.fromisoformat(raw.strip())
            except ValueError:
                raise self.fail(where, f"field {name!r} must be a date written YYYY-MM-DD, got {raw!r}") from None
        if isinstance(raw, dt.datetime) or not isinstance(raw, dt.date):
            raise self.fail(where, f"field {name!r} is missing or not a date (YYYY-MM-DD)")
        if raw > self.today:
            raise self.fail(where, f"field {name!r} is {raw.isoformat()}, a date in the future")
        return raw

    def items(self, value: Any, where: str, *, allow_empty: bool = False) -> list:
        if value is None and allow_empty:
            return []
        if not isinstance(value, list) or (not value and not allow_empty):
            raise self.fail(where, "expected a non-empty list")
        return value


# libyaml's safe loader when PyYAML was built with it: ten times faster than the pure
# Python one, and it builds the same plain data.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, error: type[ValueError], what: str) -> Any:
    """A data file's YAML, or `error` naming the file when it is missing or not YAML."""
    if not path.is_file():
        raise error(f"{path}: {what} not found")
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except yaml.YAMLError as err:
        raise error(f"{path}: not valid YAML: {err}") from None


def load_safety_data(path: Path | str, *, today: dt.date) -> SafetyData:
    """Read and check the data file; raise SafetyDataError naming the first problem."""
    path = Path(path)
    raw = read_yaml(path, SafetyDataError, "safety data file")
    check = _Checker(path, today)
    top = check.mapping(raw, "top level", {"disclaimer", "crisis_callout", "directory", "countries", "international"})

    d = check.mapping(top["disclaimer"], "disclaimer", {"summary", "text", "full"})
    full = check.items(d["full"], "disclaimer.full")
    disclaimer = Disclaimer(
        summary=check.text(d, "summary", "disclaimer"),
        text=check.text(d, "text", "disclaimer"),
        full=tuple(check.text({"paragraph": p}, "paragraph", f"disclaimer.full[{i}]") for i, p in enumerate(full)),
    )

    block_fields = {"heading", "emergency", "intro", "directory_link"}
    # other_countries (optional): the button that shows the other countries' lines once
    # the reader's own country leads the callout (region-first.js).
    b = check.mapping(top["crisis_callout"], "crisis_callout", block_fields, {"other_countries"})
    crisis_callout = {name: check.text(b, name, "crisis_callout") for name in sorted(block_fields | ({"other_countries"} & set(b)))}

    directory_fields = {"other_countries_heading", "other_countries_intro"}
    dirs = check.mapping(top["directory"], "directory", directory_fields)
    directory = {name: check.text(dirs, name, "directory") for name in sorted(directory_fields)}

    countries = tuple(_countries(check, top["countries"]))
    if not any(line.compact for c in countries for line in c.lines):
        raise check.fail("countries", "no line has 'compact: true', so the block on every page would be empty")

    international = []
    seen_names: set[str] = set()
    for i, item in enumerate(check.items(top["international"], "international")):
        where = f"international[{i}]"
        e = check.mapping(item, where, {"name", "description", "url", "source", "verified"})
        name = check.text(e, "name", where)
        where = f"international[{i}] ({name})"
        if name in seen_names:
            raise check.fail(where, "duplicate entry: this directory is listed twice")
        seen_names.add(name)
        international.append(Directory(
            name=name,
            description=check.text(e, "description", where),
            url=check.https(e, "url", where),
            source=check.text(e, "source", where),
            verified=check.date(e, "verified", where),
        ))

    return SafetyData(disclaimer, crisis_callout, directory, countries, tuple(international))


LINE_REQUIRED = {"service", "hours", "confidence", "source", "verified"}
LINE_OPTIONAL = {"phones", "texts", "other", "url", "emergency", "compact", "callout_text", "audience"}


@functools.cache
def iso_country_codes() -> frozenset[str]:
    """ISO 3166-1 two-letter codes, read from pycountry's own data file.

    `import pycountry` reads every installed package's metadata for its version number:
    a large part of the build's start-up. Only the codes are needed, so read them alone.
    """
    spec = importlib.util.find_spec("pycountry")
    table = Path(next(iter(spec.submodule_search_locations))) / "databases" / "iso3166-1.json"
    return frozenset(entry["alpha_2"] for entry in json.loads(table.read_text(encoding="utf-8"))["3166-1"])


def _countries(check: _Checker, value: Any):
    seen_codes: set[str] = set()
    for i, item in enumerate(check.items(value, "countries")):
        where = f"countries[{i}]"
        c = check.mapping(item, where, {"code", "name", "lines"})
        code = check.text(c, "code", where).upper()
        name = check.text(c, "name", where)
        where = f"countries[{i}] ({code})"
        if len(code) != 2 or code not in iso_country_codes():
            raise check.fail(where, f"field 'code': {code!r} is not an ISO 3166-1 two-letter country code")
        if code in seen_codes:
            raise check.fail(where, "duplicate entry: this country is listed twice")
        seen_codes.add(code)
        yield Country(code=code, name=name, lines=tuple(_lines(check, c["lines"], where)))


def _lines(check: _Checker, value: Any, country_where: str):
    seen_services: set[str] = set()
    compact_seen = False
    compact_texts = False
    callout_text_where = ""
    for j, item in enumerate(check.items(value, f"{country_where}.lines")):
        # Name the entry by its service as early as possible: it is what editors search for.
        named = item.get("service") if isinstance(item, dict) else None
        where = f"{country_where} line {str(named).strip()!r}" if named else f"{country_where}.lines[{j}]"
        e = check.mapping(item, where, LINE_REQUIRED, LINE_OPTIONAL)
        service = check.text(e, "service", where)
        if service.casefold() in seen_services:
            raise check.fail(where, "duplicate entry: this service is listed twice for the country")
        seen_services.add(service.casefold())

        phones = tuple(
            _phone(check, p, f"{where} phones[{k}]")
            for k, p in enumerate(check.items(e.get("phones"), f"{where} phones", allow_empty=True))
        )
        texts = tuple(
            _text(check, t, f"{where} texts[{k}]")
            for k, t in enumerate(check.items(e.get("texts"), f"{where} texts", allow_empty=True))
        )
        if not phones and not texts:
            raise check.fail(where, "field 'phones' or 'texts' is missing: a line needs a number to call or text")

        confidence = check.text(e, "confidence", where)
        if confidence not in CONFIDENCE_LEVELS:
            raise check.fail(where, f"field 'confidence' must be one of {', '.join(CONFIDENCE_LEVELS)}, got {confidence!r}")

        line = Line(
            service=service,
            hours=check.text(e, "hours", where),
            confidence=confidence,
            source=check.text(e, "source", where),
            verified=check.date(e, "verified", where),
            phones=phones,
            texts=texts,
            other=check.text(e, "other", where, required=False),
            url=check.https(e, "url", where, required=False),
            emergency=check.flag(e, "emergency", where),
            compact=check.flag(e, "compact", where),
            audience=_audience(check, e, where),
            callout_text=check.flag(e, "callout_text", where),
        )
        if line.compact:
            if compact_seen:
                raise check.fail(where, "field 'compact': only one line per country may be in the compact block")
            if not line.phones:
                raise check.fail(where, "field 'compact': a line in the compact block needs a phone number")
            if line.emergency:
                raise check.fail(where, "field 'compact': the compact block already tells readers to call their emergency number")
            compact_seen = True
            compact_texts = bool(line.texts)
        if line.callout_text:
            # The callout offers one way to text per country, beside its compact line.
            if callout_text_where:
                raise check.fail(where, "field 'callout_text': only one text line per country may be in the crisis callout")
            if not line.texts or line.phones:
                raise check.fail(where, "field 'callout_text': only a text line (with 'texts' and no 'phones') can add a text option to the crisis callout")
            if line.compact or line.emergency:
                raise check.fail(where, "field 'callout_text': cannot go with 'compact' or 'emergency' on the same line")
            callout_text_where = where
        yield line
    # Checked once the whole country is read: the compact line may come after the text line.
    if callout_text_where and not compact_seen:
        raise check.fail(callout_text_where, "field 'callout_text': the country has no 'compact: true' line to go with it")
    if callout_text_where and compact_texts:
        raise check.fail(callout_text_where, "field 'callout_text': the country's compact line already has a number to text")


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


def _matching(check: _Checker, where: str, number: str, target_field: str, target: str) -> None:
    if not digits_match(number, target):
        raise check.fail(
            where, f"field 'number' {number!r} and field {target_field!r} {target!r} are different numbers: correct the one that is wrong"
        )


def _audience(check: _Checker, value: dict, where: str) -> str:
    audience = check.text(value, "audience", where, required=False)
    if audience and audience not in AUDIENCES:
        raise check.fail(where, f"field 'audience' must be one of {', '.join(AUDIENCES)}, got {audience!r}")
    return audience


def _phone(check: _Checker, value: Any, where: str) -> Phone:
    p = check.mapping(value, where, {"number", "tel"}, {"note"})
    number, tel = check.quoted(p, "number", where), check.dial(p, "tel", where)
    _matching(check, where, number, "tel", tel)
    return Phone(number=number, tel=tel, note=check.text(p, "note", where, required=False))


def _text(check: _Checker, value: Any, where: str) -> Text:
    t = check.mapping(value, where, {"number", "sms"}, {"keyword", "note"})
    number, sms = check.quoted(t, "number", where), check.dial(t, "sms", where)
    _matching(check, where, number, "sms", sms)
    return Text(
        number=number,
        sms=sms,
        keyword=check.text(t, "keyword", where, required=False),
        note=check.text(t, "note", where, required=False),
    )
