"""Load and check the help-routes data file: free routes to therapy, registers, carers' routes.

These are dated facts about services (who can use them, how to get referred), so they
are kept like crisis lines: each entry names its source, how firmly it was confirmed and
when it was last checked. Bad data stops the build with a message naming the file, the
entry and the field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any


from .contract import HELP_ROUTE_MAX_AGE_DAYS
from .safety_data import CONFIDENCE_LEVELS, _Checker, iso_country_codes, read_yaml

ENTRY_REQUIRED = {"name", "text", "source", "confidence", "verified"}
ENTRY_OPTIONAL = {"url", "not_confirmed"}


class HelpRoutesError(ValueError):
    """The help-routes file is missing or holds something the site must not publish."""


@dataclass(frozen=True)
class Route:
    name: str
    text: str
    source: str
    confidence: str
    verified: dt.date
    url: str = ""
    # True for an entry that says plainly we could not confirm a route, and names the
    # nearest general one: a country is never left with another country's law only.
    not_confirmed: bool = False


@dataclass(frozen=True)
class CountryRoutes:
    code: str
    name: str
    therapy: tuple[Route, ...]
    registers: tuple[Route, ...]
    carers: tuple[Route, ...]


@dataclass(frozen=True)
class HelpRoutes:
    countries: tuple[CountryRoutes, ...]

    def stale_entries(self, today: dt.date, *, max_age_days: int = HELP_ROUTE_MAX_AGE_DAYS) -> list[str]:
        """Entries last verified more than max_age_days before `today`, as 'where (verified DATE)'."""
        oldest = today - dt.timedelta(days=max_age_days)
        entries = [(f"{c.name} {kind} {r.name!r}", r) for c in self.countries for kind, routes in
                   (("therapy route", c.therapy), ("register", c.registers), ("carers' route", c.carers))
                   for r in routes]
        return [f"{where} (verified {r.verified.isoformat()})" for where, r in entries if r.verified < oldest]


class _RoutesChecker(_Checker):
    """The safety data's checker, raising this file's own error."""

    def fail(self, where: str, problem: str) -> HelpRoutesError:
        return HelpRoutesError(f"{self.path}: {where}: {problem}")


def load_help_routes(path: Path | str, *, today: dt.date) -> HelpRoutes:
    """Read and check the file; raise HelpRoutesError naming the first problem."""
    path = Path(path)
    raw = read_yaml(path, HelpRoutesError, "help-routes file")
    check = _RoutesChecker(path, today)
    top = check.mapping(raw, "top level", {"countries"})

    countries = []
    seen_codes: set[str] = set()
    for i, item in enumerate(check.items(top["countries"], "countries")):
        where = f"countries[{i}]"
        c = check.mapping(item, where, {"code", "name", "therapy", "registers", "carers"})
        code = check.text(c, "code", where).upper()
        where = f"countries[{i}] ({code})"
        if len(code) != 2 or code not in iso_country_codes():
            raise check.fail(where, f"field 'code': {code!r} is not an ISO 3166-1 two-letter country code")
        if code in seen_codes:
            raise check.fail(where, "duplicate entry: this country is listed twice")
        seen_codes.add(code)
        countries.append(CountryRoutes(
            code=code,
            name=check.text(c, "name", where),
            therapy=_routes(check, c["therapy"], f"{where} therapy"),
            registers=_routes(check, c["registers"], f"{where} registers"),
            carers=_routes(check, c["carers"], f"{where} carers"),
        ))
    return HelpRoutes(tuple(countries))


def _routes(check: _RoutesChecker, value: Any, list_where: str) -> tuple[Route, ...]:
    routes = []
    seen: set[str] = set()
    for j, item in enumerate(check.items(value, list_where)):
        # Name the entry as early as possible: it is what editors search for.
        named = item.get("name") if isinstance(item, dict) else None
        where = f"{list_where} entry {str(named).strip()!r}" if named else f"{list_where}[{j}]"
        e = check.mapping(item, where, ENTRY_REQUIRED, ENTRY_OPTIONAL)
        name = check.text(e, "name", where)
        if name.casefold() in seen:
            raise check.fail(where, "duplicate entry: this name is listed twice here")
        seen.add(name.casefold())
        confidence = check.text(e, "confidence", where)
        if confidence not in CONFIDENCE_LEVELS:
            raise check.fail(where, f"field 'confidence' must be one of {', '.join(CONFIDENCE_LEVELS)}, got {confidence!r}")
        routes.append(Route(
            name=name,
            text=check.text(e, "text", where),
            source=check.text(e, "source", where),
            confidence=confidence,
            verified=check.date(e, "verified", where),
            url=check.https(e, "url", where, required=False),
            not_confirmed=check.flag(e, "not_confirmed", where),
        ))
    return tuple(routes)
