"""Render the safety blocks as HTML from checked safety data.

Markup contract (names in contract.py; the validator and the browser tests rely on it):
- each block's outermost element names it in data-block (disclaimer, crisis callout,
  crisis directory);
- every phone number is a tel: link, every text line an sms: link, and each link's
  accessible name says the service, the country and the number;
- the blocks repeated on every page carry data-search-exclude, so Material's search
  sends a reader looking for "988" to the crisis page rather than to every page.
"""

from __future__ import annotations

import html
import json

from .contract import (
    CRISIS_CALLOUT_BLOCK,
    CRISIS_CALLOUT_CLASS,
    CRISIS_DIRECTORY_BLOCK,
    CRISIS_DIRECTORY_CLASS,
    CRISIS_LINK_CLASS,
    DISCLAIMER_BLOCK,
    DISCLAIMER_CLASS,
    DISCLAIMER_LABEL,
    SAFETY_BLOCK_CLASS,
    SEARCH_EXCLUDE_ATTRIBUTE,
)
from .escape import escape
from .safety_data import Country, Disclaimer, Line, Phone, SafetyData, Text


def render_disclaimer(disclaimer: Disclaimer) -> str:
    """The short disclaimer shown at the foot of every page."""
    return (
        f'<div class="{SAFETY_BLOCK_CLASS} {DISCLAIMER_CLASS}" data-block="{DISCLAIMER_BLOCK}" {SEARCH_EXCLUDE_ATTRIBUTE}'
        f' role="note" aria-label="{DISCLAIMER_LABEL}">'
        f"<p><strong>{escape(disclaimer.summary)}</strong> {escape(disclaimer.text)}</p>"
        "</div>"
    )


def render_full_disclaimer(disclaimer: Disclaimer) -> str:
    """The full disclaimer for the About page (not a safety block: it is not repeated)."""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in disclaimer.full)
    return f'<div class="disclaimer-full" data-block="disclaimer-full">{paragraphs}</div>'


def json_attribute(value) -> str:
    """`value` as compact JSON for an attribute written in single quotes: JSON's double
    quotes need no &quot; (a fifth of the bytes), so only &, <, > and ' are escaped."""
    return html.escape(json.dumps(value, ensure_ascii=False, separators=(",", ":")), quote=False).replace("'", "&#x27;")


# The data's audience of a line for young people (safety.yml `audience`): the callout of
# a page for young people (contract.YOUNG_PEOPLE_PAGE_AUDIENCE) leads with these lines.
YOUNG_PEOPLE = "young-people"


def render_crisis_callout(data: SafetyData, directory_href: str, audience: str = "") -> str:
    """The crisis callout near the top of every page: who answers, by name, in a few lines.

    A list with an item per country: its name, its emergency number (shown only for
    the reader's own country, once region-first.js knows it), then each line of the
    callout by name with its numbers to call and to text. With `audience`
    "young-people" each country's first line for young people leads. Each link's
    accessible name says service, country and number. `directory_href` is the link to
    the full directory, relative to the page being rendered (pages live at different
    depths).
    """
    block = data.crisis_callout
    items = "".join(render_country_lines(country, lines) for country, lines in callout_lines_by_country(data, audience))
    marked = f' data-audience="{escape(audience)}"' if audience else ""
    # Shown by site.css only once the reader's country leads (first-paint.js), which
    # also makes it open and close the list.
    others = (
        f'<button type="button" class="crisis-callout__others" aria-expanded="false">{escape(block["other_countries"])}</button>'
        if block.get("other_countries") else ""
    )
    return (
        f'<section class="{SAFETY_BLOCK_CLASS} {CRISIS_CALLOUT_CLASS}" data-block="{CRISIS_CALLOUT_BLOCK}" {SEARCH_EXCLUDE_ATTRIBUTE}'
        f' aria-labelledby="crisis-callout-title"{marked}>'
        f'<h2 class="crisis-callout__title" id="crisis-callout-title">{escape(block["heading"])}'
        f' <span class="crisis-callout__intro">{escape(block["intro"])}</span></h2>'
        f'<p class="crisis-callout__emergency"><strong>{escape(block["emergency"])}</strong></p>'
        f'<ul class="crisis-callout__lines">{items}</ul>{others}'
        f'<p class="crisis-callout__more"><a href="{html.escape(directory_href)}">{escape(block["directory_link"])}</a></p>'
        "</section>"
    )


def render_crisis_phone(data: SafetyData, code: str, service: str = "") -> str:
    """A country's crisis number as a tel: link, for a page's prose: its compact
    line's, or the named service's.

    Pages never type a number: this keeps every number in the data file.
    """
    for country in data.countries:
        if country.code != code.upper():
            continue
        for line in country.lines:
            if line.phones and (line.service == service if service else line.compact):
                return _phone_link(line.phones[0], line, country)
    wanted = f"a line {service!r} with a phone number" if service else "a compact line"
    raise KeyError(f"crisis_phone({code!r}{', ' + repr(service) if service else ''}): the data file has no country with that code and {wanted}")


def render_country_lines(country: Country, lines: list[Line]) -> str:
    """A country's lines as one list item named by its country code:
    "United Kingdom: Emergency services: call 999 or 112. Samaritans: call 116 123.
    Shout: text SHOUT to 85258."

    The emergency line comes first, in its own span: site.css shows it for the
    reader's own country only (and search-help.js keeps only that country). A service
    named by its number ("Text 50808") is not named twice.
    """
    parts = []
    for line in lines:
        kind = "crisis-callout__way crisis-callout__way--emergency" if line.emergency else "crisis-callout__way"
        name = "" if _named_by_its_number(line) else f'<span class="crisis-callout__service">{escape(line.service)}{_joint(line)}</span> '
        parts.append(f'<span class="{kind}">{name}{_ways_to_reach(line, country, lower=bool(name), labelled=False)}</span>')
    return (
        f'<li class="crisis-callout__line" data-country="{escape(country.code)}">'
        f'<span class="crisis-callout__country">{escape(country.name)}:</span> {" ".join(parts)}</li>'
    )


def _joint(line: Line) -> str:
    # "1737 Need to talk?" already ends a sentence: no colon after it.
    return "" if line.service.endswith(("?", "!", ".")) else ":"


def callout_lines_by_country(data: SafetyData, audience: str = "") -> list[tuple[Country, list[Line]]]:
    """The crisis callout's lines (SafetyData.callout_lines) by country in the file's
    order, each country's emergency line first; for an audience, its first line for
    that audience before the others."""
    grouped = _by_country(data.callout_lines())
    result = []
    for country, lines in grouped:
        first = [line for line in country.lines if line.emergency][:1]
        if audience:
            first += [line for line in country.lines if line.audience == audience][:1]
        result.append((country, first + [line for line in lines if line not in first]))
    return result


def _by_country(pairs: list[tuple[Country, Line]]) -> list[tuple[Country, list[Line]]]:
    grouped: list[tuple[Country, list[Line]]] = []
    for country, line in pairs:
        if grouped and grouped[-1][0] is country:
            grouped[-1][1].append(line)
        else:
            grouped.append((country, [line]))
    return grouped


def render_crisis_directory(data: SafetyData) -> str:
    """The full directory for the crisis page: by country, emergency numbers first.

    Country headings are Markdown so they reach the page's table of contents and
    the search index; the lines themselves are HTML.
    """
    parts = [
        f'<div class="{CRISIS_DIRECTORY_CLASS}" data-block="{CRISIS_DIRECTORY_BLOCK}" id="{CRISIS_DIRECTORY_BLOCK}" markdown>',
        "",
    ]
    for country in data.countries:
        parts += [
            f'<section class="crisis-directory__country" data-country="{escape(country.code)}" markdown>',
            "",
            f"## {escape(country.name)} {{ #crisis-{country.code.lower()} }}",
            "",
            '<ul class="crisis-directory__lines">'
            + "".join(_directory_line(country, line) for line in _emergency_first(country.lines))
            + "</ul>",
            "",
            "</section>",
            "",
        ]
    directory = data.directory
    links = "".join(
        f'<li class="crisis-directory__line"><strong><a href="{escape(d.url)}">{escape(d.name)}</a></strong>: '
        f"{escape(d.description)}</li>"
        for d in data.international
    )
    parts += [
        '<section class="crisis-directory__country" data-country="other" markdown>',
        "",
        f"## {escape(directory['other_countries_heading'])} {{ #crisis-other }}",
        "",
        f"<p>{escape(directory['other_countries_intro'])}</p>",
        "",
        f'<ul class="crisis-directory__lines">{links}</ul>',
        "",
        "</section>",
        "",
        "</div>",
    ]
    return "\n".join(parts)


def _emergency_first(lines: tuple[Line, ...]) -> list[Line]:
    return sorted(lines, key=lambda line: not line.emergency)


# The visible marker for a line with an audience (its values: schemas/safety.schema.json).
AUDIENCE_LABELS = {"young-people": "For young people"}


def _directory_line(country: Country, line: Line) -> str:
    kind = " crisis-directory__line--emergency" if line.emergency else ""
    marker = ""
    if line.audience:
        marker = f' <span class="audience-marker" data-audience="{escape(line.audience)}">{escape(AUDIENCE_LABELS[line.audience])}</span>'
    return f'<li class="crisis-directory__line{kind}"><strong>{escape(line.service)}</strong>{marker}{_line_details(line, country)}</li>'


def _line_details(line: Line, country: Country, *, texts_first: bool = False) -> str:
    """How to reach a line, other ways in, its hours and its website, as paragraphs."""
    details = [f"<p>{_ways_to_reach(line, country, texts_first=texts_first)}</p>"]
    if line.other:
        details.append(f"<p>{escape(line.other)}</p>")
    details.append(f'<p class="crisis-directory__hours">{escape(line.hours)}</p>')
    if line.url:
        site = line.url.removeprefix("https://").rstrip("/")
        details.append(f'<p>Website: <a href="{escape(line.url)}">{escape(site)}</a></p>')
    return "".join(details)


def _ways_to_reach(line: Line, country: Country, *, texts_first: bool = False, lower: bool = False, labelled: bool = True) -> str:
    """'Call <a>988</a> or text <a>988</a>.' with descriptive accessible names.

    With texts_first, a text line comes before a phone number: for readers who
    cannot talk out loud where they are (the young people's list). A link that ends
    the sentence keeps its full stop on the same line.
    """
    ways = []
    if line.phones:
        ways.append(("call", _join(_phone_link(p, line, country, labelled) for p in line.phones)))
    if line.texts:
        ways.append(("text", _join(_text_link(t, line, country, labelled) for t in line.texts)))
    if texts_first:
        ways.reverse()
    joined = " or ".join(f"{verb} {links}" for verb, links in ways)
    sentence = joined if lower else joined[0].upper() + joined[1:]
    if not sentence.endswith("</a>"):  # it ends with a note in words
        return sentence + "."
    cut = sentence.rfind("<a ")
    return f'{sentence[:cut]}<span class="nowrap">{sentence[cut:]}.</span>'


def _label(text: str, labelled: bool) -> str:
    """An aria-label, or none where the words just before the link name the service
    and the country (the callout's lines): a screen reader would say the name twice."""
    return f' aria-label="{escape(text)}"' if labelled else ""


def _phone_link(phone: Phone, line: Line, country: Country, labelled: bool = True) -> str:
    label = _label(f"Call {line.service} ({country.name}) on {phone.number}", labelled)
    link = f'<a class="{CRISIS_LINK_CLASS}" href="tel:{escape(phone.tel)}"{label}>{escape(phone.number)}</a>'
    return f"{link} {escape(phone.note)}" if phone.note else link


def _text_link(text: Text, line: Line, country: Country, labelled: bool = True) -> str:
    shown = _shown_text(text)
    label = f"Text {shown} ({country.name})" if _named_by_its_number(line) else f"Text {shown}: {line.service} ({country.name})"
    link = f'<a class="{CRISIS_LINK_CLASS}" href="{escape(text.href)}"{_label(label, labelled)}>{escape(shown)}</a>'
    return f"{link} {escape(text.note)}" if text.note else link


def _shown_text(text: Text) -> str:
    return f"{text.keyword} to {text.number}" if text.keyword else text.number


def _named_by_its_number(line: Line) -> bool:
    """A service whose name is how to reach it ("Text 50808"): naming it again before
    "Text 50808." would read "Text 50808 Text 50808."."""
    return not line.phones and len(line.texts) == 1 and line.service.casefold() == f"text {_shown_text(line.texts[0])}".casefold()


def _join(links) -> str:
    links = list(links)
    return links[0] if len(links) == 1 else ", ".join(links[:-1]) + " or " + links[-1]



def render_young_people_lines(data: SafetyData) -> str:
    """Helplines for children and young people, by country, for the young people's page.

    Lines with a text option come first, and text comes before calling: a young person
    in a shared home may not be able to talk out loud. A country with no line marked for
    young people shows its main line, which is open to everyone. Each country is a
    section with data-country, so region-first.js can put the reader's country first.
    """
    sections = []
    for country in data.countries:
        lines = [line for line in country.lines if line.audience == "young-people"]
        intro = ""
        if not lines:
            lines = [line for line in country.lines if line.compact]
            intro = "<p>We do not list a separate line for young people here. This line is for everyone, of any age:</p>"
        if not lines:
            continue
        lines.sort(key=lambda line: not line.texts)
        items = "".join(_young_people_line(country, line) for line in lines)
        sections.append(
            f'<section class="young-people-lines__country" data-country="{escape(country.code)}">'
            f'<h3 id="young-{country.code.lower()}">{escape(country.name)}</h3>{intro}'
            f'<ul class="crisis-directory__lines">{items}</ul></section>'
        )
    # Kept out of search like the other blocks of lines: a search for a number leads to the crisis page.
    return (
        f'<div class="young-people-lines" data-block="young-people-lines" data-region-list {SEARCH_EXCLUDE_ATTRIBUTE}>'
        f'{"".join(sections)}</div>'
    )


def _young_people_line(country: Country, line: Line) -> str:
    return f'<li class="crisis-directory__line"><strong>{escape(line.service)}</strong>{_line_details(line, country, texts_first=True)}</li>'
