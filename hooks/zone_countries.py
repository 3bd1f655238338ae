"""Which country each time zone is in, for the countries the data lists (from the tzdata package).

first-paint.js puts the reader's country first when no language setting names one,
from the browser's time zone. The table comes from tzdata's zone.tab (one country per
zone) and the links in tzdata.zi (old names such as Asia/Calcutta, which browsers still
report), so a country added to data/safety.yml gets its zones with no hand list.
"""

from __future__ import annotations

from importlib.resources import files


def _tzdata_text(name: str) -> str:
    return files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")


def zone_countries(countries: set[str]) -> dict[str, str]:
    """Zone name -> ISO 3166 code, for every zone and zone alias of `countries`."""
    table: dict[str, str] = {}
    for line in _tzdata_text("zone.tab").splitlines():
        if line and not line.startswith("#"):
            code, _, zone = line.split("\t")[:3]
            if code in countries:
                table[zone] = code
    # A link line in tzdata.zi: "L <target zone> <alias>".
    for line in _tzdata_text("tzdata.zi").splitlines():
        if line.startswith("L "):
            _, target, alias = line.split()
            if target in table and alias not in table:
                table[alias] = table[target]
    return dict(sorted(table.items()))


def zones_by_country(countries: set[str]) -> dict[str, str]:
    """ISO 3166 code -> its zones, space-separated: the table as first-paint.js reads it
    (a third fewer bytes than one entry per zone)."""
    grouped: dict[str, list[str]] = {}
    for zone, code in zone_countries(countries).items():
        grouped.setdefault(code, []).append(zone)
    return {code: " ".join(zones) for code, zones in sorted(grouped.items())}
