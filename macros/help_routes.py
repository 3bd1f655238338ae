"""Load and check the help-routes data file: free routes to therapy, registers, carers' routes.

These are dated facts about services (who can use them, how to get referred), so they
are kept like crisis lines: each entry names its source, how firmly it was confirmed and
when it was last checked. Bad data stops the build with a message naming the file, the
entry, the field and the line. The shape of every field is in
schemas/help-routes.schema.json; this module checks real country codes, no entry
twice and no date in the future.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .contract import HELP_ROUTE_MAX_AGE_DAYS, HELP_ROUTES_SCHEMA
from .data_file import fail_at, load_data_file, loaded_once_per_content
from .data_rules import checked_countries, date_problem, parse_date


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


@loaded_once_per_content
def load_help_routes(path: Path | str, *, today: dt.date) -> HelpRoutes:
    """Read and check the file; raise HelpRoutesError naming the first problem."""
    path = Path(path)
    raw, lines = load_data_file(path, HELP_ROUTES_SCHEMA, HelpRoutesError, "help-routes file")

    def fail(place: tuple, problem: str) -> HelpRoutesError:
        return fail_at(HelpRoutesError, path, raw, lines, place, problem)

    def routes(items: list, list_place: tuple) -> tuple[Route, ...]:
        found, seen = [], set()
        for j, e in enumerate(items):
            place = list_place + (j,)
            name = e["name"].strip()
            if name.casefold() in seen:
                raise fail(place, "duplicate entry: this name is listed twice here")
            seen.add(name.casefold())
            problem = date_problem(e["verified"], today)
            if problem:
                raise fail(place + ("verified",), problem)
            verified = e["verified"] if isinstance(e["verified"], dt.date) else parse_date(e["verified"])
            found.append(Route(
                name=name, text=" ".join(e["text"].split()), source=e["source"].strip(),
                confidence=e["confidence"], verified=verified, url=e.get("url", ""),
                not_confirmed=e.get("not_confirmed", False),
            ))
        return tuple(found)

    countries = []
    for place, c in checked_countries(raw["countries"], fail):
        countries.append(CountryRoutes(
            code=c["code"], name=c["name"].strip(),
            therapy=routes(c["therapy"], place + ("therapy",)),
            registers=routes(c["registers"], place + ("registers",)),
            carers=routes(c["carers"], place + ("carers",)),
        ))
    return HelpRoutes(tuple(countries))
