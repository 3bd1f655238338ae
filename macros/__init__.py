"""Registers the site's macros with mkdocs-macros (and Zensical): wiring only.

Only `define_env` lives here, with no per-page hooks, so the site can also be built
by Zensical. The work is done by plain functions in the sibling modules.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from mkdocs.utils import get_relative_url

try:
    from .contract import CRISIS_DIRECTORY_ANCHOR, CRISIS_PAGE_URL, HELP_ROUTES_FILE, SAFETY_DATA_FILE, YOUNG_PEOPLE_PAGE_AUDIENCE
    from .help_routes import load_help_routes
    from .references_cache import CACHE_DIR as REFERENCES_CACHE_DIR
    from .references import REFERENCES_FILE, cited_keys, load_references, render_bibliography, render_citation, render_sources
    from .render import render_crisis_callout, render_crisis_directory, render_crisis_phone, render_disclaimer, render_full_disclaimer
    from .render import YOUNG_PEOPLE, render_young_people_lines
    from .render_help_routes import render_carer_routes, render_therapist_registers, render_therapy_routes
    from .safety_data import load_safety_data
    from .urls import OPTIONAL_LINKS, exit_page_problem, optional_link_problem
except ImportError:
    # Zensical loads this file as a plain module, not as a package: import the
    # package from the project folder instead.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from macros.contract import CRISIS_DIRECTORY_ANCHOR, CRISIS_PAGE_URL, HELP_ROUTES_FILE, SAFETY_DATA_FILE, YOUNG_PEOPLE_PAGE_AUDIENCE
    from macros.help_routes import load_help_routes
    from macros.references_cache import CACHE_DIR as REFERENCES_CACHE_DIR
    from macros.references import REFERENCES_FILE, cited_keys, load_references, render_bibliography, render_citation, render_sources
    from macros.render import render_crisis_callout, render_crisis_directory, render_crisis_phone, render_disclaimer, render_full_disclaimer
    from macros.render import YOUNG_PEOPLE, render_young_people_lines
    from macros.render_help_routes import render_carer_routes, render_therapist_registers, render_therapy_routes
    from macros.safety_data import load_safety_data
    from macros.urls import OPTIONAL_LINKS, exit_page_problem, optional_link_problem


def define_env(env) -> None:
    """Load the safety data and the references once, then register the macros that render them."""
    project_dir = Path(env.project_dir)
    config_file = getattr(env.conf, "config_file_path", None) or "mkdocs.yml"
    problem = exit_page_problem(env.conf["extra"].get("exit_page_url"))
    if problem:
        raise ValueError(f"{config_file}: extra.exit_page_url {problem}")
    for key in OPTIONAL_LINKS:
        problem = optional_link_problem(env.conf["extra"].get(key))
        if problem:
            raise ValueError(f"{config_file}: extra.{key} {problem}")
    data = load_safety_data(project_dir / SAFETY_DATA_FILE, today=dt.date.today())
    routes = load_help_routes(project_dir / HELP_ROUTES_FILE, today=dt.date.today())
    works = load_references(project_dir / REFERENCES_FILE, cache_dir=project_dir / REFERENCES_CACHE_DIR)

    def page_source() -> tuple[str, Path]:
        """The current page's path in docs/ (for messages) and its Markdown file.

        MkDocs gives the page's File; Zensical gives only its path inside docs/.
        """
        file = getattr(env.page, "file", None)
        if file is not None and getattr(file, "abs_src_path", None):
            return file.src_uri, Path(file.abs_src_path)
        docs_dir = project_dir / env.conf.get("docs_dir", "docs")
        return env.page.path, docs_dir / env.page.path

    @env.macro
    def disclaimer() -> str:
        """The short disclaimer: call it once, at the end of every page."""
        return render_disclaimer(data.disclaimer)

    @env.macro
    def full_disclaimer() -> str:
        """The full disclaimer, for the About page."""
        return render_full_disclaimer(data.disclaimer)

    @env.macro
    def crisis_callout() -> str:
        """The short crisis callout: call it once, after the intro of every page."""
        # On the crisis page itself the callout points at the directory further down.
        href = CRISIS_DIRECTORY_ANCHOR if env.page.url == CRISIS_PAGE_URL else get_relative_url(CRISIS_PAGE_URL, env.page.url)
        # A page for young people says so in its front matter (the audience its JSON-LD
        # names too): its callout leads with each country's young people's line.
        audience = (getattr(env.page, "meta", None) or {}).get("audience", "")
        return render_crisis_callout(data, href, YOUNG_PEOPLE if audience == YOUNG_PEOPLE_PAGE_AUDIENCE else "")

    @env.macro
    def crisis_phone(country_code: str, service: str = "") -> str:
        """A crisis number as a link, for prose: crisis_phone("US") for the country's
        main line, crisis_phone("FR", "119 Allô Enfance en Danger") for a named one."""
        return render_crisis_phone(data, country_code, service)

    @env.macro
    def crisis_directory() -> str:
        """The full directory of crisis lines, for the crisis-resources page."""
        return render_crisis_directory(data)

    @env.macro
    def young_people_lines() -> str:
        """Helplines for children and young people, by country (text options first)."""
        return render_young_people_lines(data)

    @env.macro
    def therapy_routes() -> str:
        """Free or low-cost routes to talking therapy, by country."""
        return render_therapy_routes(routes)

    @env.macro
    def therapist_registers() -> str:
        """Registers that show a therapist is qualified, by country."""
        return render_therapist_registers(routes)

    @env.macro
    def carer_routes() -> str:
        """Support routes for adoptive, kinship and foster families, by country."""
        return render_carer_routes(routes)

    @env.macro
    def cite(*keys: str) -> str:
        """An in-text citation, linked to the page's Sources: {{ cite("bratton2005") }}."""
        return render_citation(works, list(keys), page_source()[0])

    @env.macro
    def sources() -> str:
        """The page's Sources list: every work the page's own Markdown cites, no more.

        Read from the page's file rather than collected from cite() calls, so the list
        does not depend on the order macros run in, in MkDocs or in Zensical.
        """
        name, path = page_source()
        return render_sources(works, cited_keys(path.read_text(encoding="utf-8")), name)

    @env.macro
    def bibliography(keyword: str) -> str:
        """Every work filed under one keyword, for the References page."""
        return render_bibliography(works, keyword)

    @env.macro
    def feedback_link() -> str:
        """A link to where readers can report a problem (extra.feedback_url)."""
        url = env.conf["extra"].get("feedback_url") or ""
        if not url:
            return "The link for feedback is added when the site is published."
        return f"[Report a problem or suggest a change]({url})."
