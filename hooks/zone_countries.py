"""Which country each time zone is in, for the countries the data lists (from the tzdata package).

first-paint.js puts the reader's country first when no language setting names one,
from the browser's time zone. The table comes from tzdata, so a country added to
data/safety.yml gets its zones with no hand list:
- zone.tab names the one country of every zone it lists, including the zones that
  tzdata now keeps as links to another country's (Europe/Oslo is a link to
  Europe/Berlin, but Oslo is in Norway);
- an old name that zone.tab does not list (Asia/Calcutta, which browsers still report)
  is in its link target's country when zone1970.tab gives that target one country
  only; when the target serves several (Europe/Berlin: DE, DK, NO, SE, SJ), the old
  name could be in any of them, so it is left out rather than guessed.
"""

from __future__ import annotations

from importlib.resources import files


def _tzdata_text(name: str) -> str:
    return files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")


def _tab_rows(name: str):
    """(countries, zone) for each row of a zone*.tab file."""
    for line in _tzdata_text(name).splitlines():
        if line and not line.startswith("#"):
            codes, _, zone = line.split("\t")[:3]
            yield codes.split(","), zone


def zone_countries(countries: set[str]) -> dict[str, str]:
    """Zone name -> ISO 3166 code, for every zone and old zone name of `countries`."""
    country_of = {zone: codes[0] for codes, zone in _tab_rows("zone.tab")}
    served_by = {zone: codes for codes, zone in _tab_rows("zone1970.tab")}
    table = {zone: code for zone, code in country_of.items() if code in countries}
    # A link line in tzdata.zi: "L <target zone> <old name>".
    for line in _tzdata_text("tzdata.zi").splitlines():
        if line.startswith("L "):
            _, target, alias = line.split()
            if alias in country_of:
                continue  # a zone of its own country, above
            codes = served_by.get(target, [])
            if len(codes) == 1 and codes[0] in countries:
                table[alias] = codes[0]
    return dict(sorted(table.items()))


def zones_by_country(countries: set[str]) -> dict[str, str]:
    """ISO 3166 code -> its zones, space-separated: the table as first-paint.js reads it
    (a third fewer bytes than one entry per zone)."""
    grouped: dict[str, list[str]] = {}
    for zone, code in zone_countries(countries).items():
        grouped.setdefault(code, []).append(zone)
    return {code: " ".join(zones) for code, zones in sorted(grouped.items())}
