"""Render the help-routes data (routes to therapy, registers, carers' routes) as HTML.

Each country is a section with data-country inside a list marked data-region-list, so
region-first.js puts the reader's own country first, as it does in the crisis directory.
The blocks carry data-block names so the reading-level check, like for the crisis
directory, scores the page's prose rather than lists of service names.
"""

from __future__ import annotations

from .escape import escape
from .help_routes import HelpRoutes, Route


def render_therapy_routes(data: HelpRoutes) -> str:
    """Free or low-cost routes to talking therapy, by country."""
    return _by_country(data, "therapy-routes", "therapy", lambda c: c.therapy)


def render_therapist_registers(data: HelpRoutes) -> str:
    """Registers that show a therapist is qualified, by country."""
    return _by_country(data, "therapist-registers", "register", lambda c: c.registers)


def render_carer_routes(data: HelpRoutes) -> str:
    """Support routes for adoptive, kinship and foster families, by country."""
    return _by_country(data, "carer-routes", "carers", lambda c: c.carers)


def _by_country(data: HelpRoutes, block: str, prefix: str, pick) -> str:
    sections = []
    for country in data.countries:
        routes: tuple[Route, ...] = pick(country)
        if not routes:
            continue
        heading_id = f"{prefix}-{country.code.lower()}"
        sections.append(
            f'<section class="help-routes__country" data-country="{escape(country.code)}">'
            f'<h3 id="{heading_id}">{escape(country.name)}</h3>'
            f'<ul class="help-routes__list">{"".join(_route(r) for r in routes)}</ul></section>'
        )
    return f'<div class="help-routes" data-block="{block}" data-region-list>{"".join(sections)}</div>'


# Shown before an entry that says we could not confirm a route, so a reader does not
# take the general route that follows for a checked one.
NOT_CONFIRMED_LABEL = "Not confirmed"


def _route(route: Route) -> str:
    name = f'<a href="{escape(route.url)}">{escape(route.name)}</a>' if route.url else escape(route.name)
    if route.not_confirmed:
        return (f'<li class="help-routes__route" data-not-confirmed><strong>{NOT_CONFIRMED_LABEL}: {name}</strong>: '
                f'{escape(route.text)}</li>')
    return f'<li class="help-routes__route"><strong>{name}</strong>: {escape(route.text)}</li>'

