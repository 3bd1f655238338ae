#!/usr/bin/env python3
"""Prove that every built page carries both safety blocks, and every docs page calls them.

Usage: python scripts/validate_site.py [--site DIR] [--docs DIR] [--data FILE] [--today YYYY-MM-DD]
                                       [--fail-on-warnings]

Also checks that every page has the "Exit this page" button and hidden link, carries
the Content-Security-Policy and no unsafe markup (scripts/page_safety.py), each
page's review dates (front matter `last_reviewed` and `next_review`:
present, real dates, at most three years apart, next review not yet passed) and that no
crisis line in the data file was last verified more than twelve months ago.

Warns (`path: warning: ...`) when one of those dates lapses within the next 30 days
(REVIEW_WARNING_DAYS); warnings fail only with --fail-on-warnings (the weekly CI run).

Prints one line per problem, `path: what is wrong`, then `N pages checked, M problems`
(and `, K warnings` when there are any).
Exit status: 0 when every page passes, 1 when any page fails, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import posixpath
import re
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.utils.meta import YAML_RE, get_data
from lxml import etree
from lxml import html as lxml_html

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))

from macros.contract import (  # noqa: E402
    CRISIS_CALLOUT_BLOCK as CRISIS,
    CRISIS_DIRECTORY_ANCHOR,
    CRISIS_DIRECTORY_BLOCK as DIRECTORY,
    DISCLAIMER_BLOCK as DISCLAIMER,
    EXIT_BUTTON_CLASS,
    EXIT_SKIP_LINK_CLASS,
    LAST_REVIEWED_LABEL,
    NEXT_REVIEW_LABEL,
    PAGE_REVIEW_MAX_YEARS as MAX_REVIEW_YEARS,
    REQUIRED_BLOCKS,
    REVIEW_DATES_CLASS,
    REVIEW_FIELDS,
    SAFETY_DATA_FILE,
    SEARCH_CRISIS_BLOCK,
    VISUALLY_HIDDEN_CLASS,
)
from macros.render import (  # noqa: E402
    YOUNG_PEOPLE,
    callout_lines_by_country,
    render_country_lines,
    render_crisis_callout,
    render_disclaimer,
)
from macros.contract import REVIEW_WARNING_DAYS  # noqa: E402
from macros.safety_data import SafetyDataError, load_safety_data  # noqa: E402
from macros.known_scripts import KnownScripts, load_known_scripts  # noqa: E402
from page_safety import policy_problems, unsafe_markup_problems  # noqa: E402

MACRO_CALLS = {f"{macro}()": re.compile(r"\{\{-?\s*" + macro + r"\(\s*\)\s*-?\}\}") for macro in REQUIRED_BLOCKS.values()}
UNRENDERED = ("{{", "{%", "Macro Rendering Error")
# Markup inside these does not reach a reader as a working block.
INERT_CONTAINERS = {"template", "pre", "code", "script", "noscript", "textarea"}


@dataclass(frozen=True)
class Expectations:
    """What the blocks must show (rendered from the data), and where the directory lives."""

    compact_numbers: tuple[tuple[str, str], ...]  # (tel target, number as shown)
    directory_page: str | None  # site-relative URL path of the page with the directory, e.g. "crisis-resources/"
    # The words each block shows, as the data renders them (white space folded), and the
    # callout's tel:/sms: targets: a hand-written look-alike differs in one or the other.
    disclaimer_text: str = ""
    callout_text: str = ""
    callout_dial_targets: frozenset[str] = frozenset()
    # The site's own scripts (macros/known_scripts.py); None: the project's.
    known_scripts: KnownScripts | None = None
    # The same for the callout of a page marked for an audience (data-audience on the
    # block, from the page's front matter): {audience: (words, tel:/sms: targets)}.
    callout_variants: tuple[tuple[str, str, frozenset[str]], ...] = ()
    # The search's crisis callout, kept in a <template> until a crisis query: its
    # lines, each country's words and tel:/sms: targets as the data renders them.
    search_lines: tuple[tuple[str, str, frozenset[str]], ...] = ()


def _html_parser(**options) -> etree.HTMLParser:
    """lxml's HTML parser, every element an HtmlElement (text_content, drop_tree).

    lxml.html's own parser picks each element's class in Python (a form, an input...),
    which was a tenth of the validator's time; none of those classes is used here.
    """
    parser = etree.HTMLParser(**options)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(element=lxml_html.HtmlElement))
    return parser


# Built pages are UTF-8 (MkDocs writes them so): read as bytes, they parse about a tenth
# faster than as text. The parser is told the encoding rather than left to guess it.
_UTF8_PARSER = _html_parser(encoding="utf-8")
_TEXT_PARSER = _html_parser()


def parse(html: str | bytes):
    """The page (text, or UTF-8 bytes) as an lxml tree. Comments stay comment nodes, so
    nothing inside one is an element."""
    return lxml_html.document_fromstring(html, parser=_UTF8_PARSER if isinstance(html, bytes) else _TEXT_PARSER)


def visible_blocks(root, name: str) -> list:
    """Elements with data-block=name that a reader actually gets."""
    return blocks_by_name(root).get(name, [])


# An inline style that takes an element away from every reader.
_HIDING_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))\s*(?:!important)?\s*(?=;|$)", re.I)


def hidden_by(element) -> str | None:
    """Why a reader does not get this element (it or an ancestor hides it), or None.

    Hidden means: inside <template>, code or a script; the hidden, inert or
    aria-hidden="true" attribute; an inline display:none or visibility:hidden; the
    site's visually-hidden class; or inside a closed <details> (its <summary> shows).
    """
    below = None
    for e in [element, *element.iterancestors()]:
        tag = e.tag if isinstance(e.tag, str) else ""
        if tag in INERT_CONTAINERS:
            return f"inside <{tag}>"
        if e.get("hidden") is not None:
            return f"the hidden attribute on <{tag}>"
        if e.get("inert") is not None:
            return f"the inert attribute on <{tag}>"
        if (e.get("aria-hidden") or "").strip().lower() == "true":
            return f'aria-hidden="true" on <{tag}>'
        if _HIDING_STYLE.search(e.get("style") or ""):
            return f"style={e.get('style')!r} on <{tag}>"
        if VISUALLY_HIDDEN_CLASS in (e.get("class") or "").split():
            return f"the {VISUALLY_HIDDEN_CLASS} class on <{tag}>"
        if tag == "details" and e.get("open") is None and not (below is not None and below.tag == "summary"):
            return "a closed <details>"
        below = e
    return None


def blocks_by_name(root, hidden: dict[str, list[str]] | None = None) -> dict[str, list]:
    """Every data-block element a reader actually gets, by block name, in one pass.

    A block inside <!-- --> is never an element; hidden ones (see hidden_by) are
    skipped, and their reasons collected in `hidden` when a dict is given.
    """
    found: dict[str, list] = {}
    for element in root.xpath("//*[@data-block]"):
        reason = hidden_by(element)
        if reason is None:
            found.setdefault(element.get("data-block"), []).append(element)
        elif hidden is not None:
            hidden.setdefault(element.get("data-block"), []).append(reason)
    return found


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def page_url(site_path: str) -> str:
    """The URL path MkDocs serves a built file at ('causes/index.html' -> 'causes/')."""
    return site_path.removesuffix("index.html")


def resolves_to(href: str, from_url: str, target_url: str) -> bool:
    """Whether a link on the page served at from_url leads to the page at target_url."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return False
    target = _normalise("/" + target_url)
    if not parts.path:
        return _normalise("/" + from_url) == target
    if parts.path.startswith("/"):
        # Absolute links (the 404 page's) carry the site's path prefix, if it has one.
        return _normalise(parts.path).endswith(target)
    return _normalise(posixpath.join(posixpath.dirname("/" + from_url), parts.path)) == target


def _normalise(url_path: str) -> str:
    return posixpath.normpath(url_path.removesuffix("index.html"))


def check_built_page(html: str | bytes, site_path: str, expect: Expectations, *, content_page: bool = False) -> list[str]:
    """Problems with one built page, given its HTML (text, or UTF-8 bytes) and its path inside the site.

    A content page (built from docs/) must also show its review dates.
    """
    root = parse(html)
    problems = []

    hidden: dict[str, list[str]] = {}
    by_name = blocks_by_name(root, hidden)
    for name in (DISCLAIMER, CRISIS):
        blocks = by_name.get(name, [])
        if not blocks:
            why = f"; one is hidden from readers by {hidden[name][0]}" if name in hidden else ""
            problems.append(f'no {name} block (an element with data-block="{name}" that readers get){why}')
        elif len(blocks) > 1:
            problems.append(f"{len(blocks)} {name} blocks, expected exactly one")
        elif not text_of(blocks[0]):
            problems.append(f"the {name} block is empty")

    disclaimer = by_name.get(DISCLAIMER, [])
    if len(disclaimer) == 1 and text_of(disclaimer[0]) and expect.disclaimer_text:
        problems += _same_words(DISCLAIMER, text_of(disclaimer[0]), expect.disclaimer_text)
    crisis = by_name.get(CRISIS, [])
    if len(crisis) == 1 and text_of(crisis[0]):
        problems += _crisis_callout_problems(crisis[0], site_path, expect)

    problems += _exit_problems(root)
    problems += unsafe_markup_problems(root, site_path, expect.known_scripts or _project_scripts())
    problems += policy_problems(root)
    problems += _search_callout_problems(root, expect)

    if content_page and not _shows_review_dates(root):
        problems.append("does not show 'Page last reviewed' and 'Next review due'")

    # The markers are ASCII, so in UTF-8 bytes they occur exactly where they do in the text.
    found = [marker for marker in UNRENDERED if (marker.encode() if isinstance(html, bytes) else marker) in html]
    if found:
        # Look again without script bodies, which hold Material's JSON config.
        for element in root.xpath("//script | //style"):
            element.drop_tree()
        text = lxml_html.tostring(root, encoding="unicode")
        problems += [f"contains unrendered macro syntax or a macro error: {m!r}" for m in found if m in text]
    return problems


@functools.cache
def _project_scripts() -> KnownScripts:
    """The project's own scripts, read once (for callers whose Expectations name none)."""
    return load_known_scripts()


EXIT_LINKS = {EXIT_BUTTON_CLASS: "Exit this page button", EXIT_SKIP_LINK_CLASS: "hidden Exit this page link"}
# What separates class names: XPath's white space (normalize-space), as the check always read it.
_XML_SPACE = re.compile(r"[ \t\r\n]+")


def _same_words(name: str, shown: str, expected: str) -> list[str]:
    """A block whose words are not the data's is a look-alike (or a stale copy)."""
    if shown == expected:
        return []
    at = next((i for i, (a, b) in enumerate(zip(shown, expected)) if a != b), min(len(shown), len(expected)))
    start = max(0, at - 20)
    return [
        f"the {name} block's words are not the ones rendered from the data file "
        f"(from character {at}: shows {shown[start:at + 30]!r}, the data gives {expected[start:at + 30]!r})"
    ]


def _exit_problems(root) -> list[str]:
    """The quick exit: one button and one hidden link, to the same neutral site, sending no referrer."""
    problems, targets = [], set()
    # One walk over the page's links for both classes.
    with_class = [(a, _XML_SPACE.split(a.get("class") or "")) for a in root.iter("a")]
    for css_class, name in EXIT_LINKS.items():
        links = [a for a, classes in with_class if css_class in classes and hidden_by(a) is None]
        if len(links) != 1:
            problems.append(f"{len(links)} {name}s, expected exactly one")
            continue
        rel = set((links[0].get("rel") or "").split())
        if not {"nofollow", "noreferrer"} <= rel:
            problems.append(f"the {name} lacks rel=\"nofollow noreferrer\"")
        targets.add(links[0].get("href") or "")
    if len(targets) > 1 or "" in targets:
        problems.append(f"the Exit this page links do not share one destination: {sorted(targets)}")
    return problems


def _crisis_callout_problems(block, site_path: str, expect: Expectations) -> list[str]:
    audience = block.get("data-audience") or ""
    if audience:
        variant = next(((text, dial) for name, text, dial in expect.callout_variants if name == audience), None)
        if variant is None:
            return [f"the crisis callout is marked for data-audience={audience!r}, which the data has no callout for"]
        expect = Expectations(expect.compact_numbers, expect.directory_page, expect.disclaimer_text, *variant)
    problems = []
    hrefs = [a.get("href") for a in block.xpath(".//a[@href]")]
    tel_targets = {href.removeprefix("tel:") for href in hrefs if href.startswith("tel:")}
    if not tel_targets:
        problems.append("the crisis callout has no tel: link")
    text = text_of(block)
    for tel, shown in expect.compact_numbers:
        if tel not in tel_targets:
            problems.append(f"the crisis callout has no tel:{tel} link (for {shown}, from the data file)")
        elif shown not in text:
            problems.append(f"the crisis callout does not show the number {shown!r}")
    if expect.callout_dial_targets:
        dial = {href for href in hrefs if href.startswith(("tel:", "sms:"))}
        extra, missing = sorted(dial - expect.callout_dial_targets), sorted(expect.callout_dial_targets - dial)
        if extra:
            problems.append(f"the crisis callout links to {', '.join(extra)}, which the data file does not put in it")
        if missing and not problems:
            problems.append(f"the crisis callout has no {', '.join(missing)} link (from the data file)")
    if expect.callout_text and not problems:
        problems += _same_words(CRISIS, text, expect.callout_text)
    if expect.directory_page is None:
        problems.append("no built page holds the crisis directory, so the crisis callout cannot link to it")
    elif not any(resolves_to(href, page_url(site_path), expect.directory_page) for href in hrefs):
        problems.append(f"the crisis callout has no link to the crisis directory ({expect.directory_page})")
    return problems


def _search_callout_problems(root, expect: Expectations) -> list[str]:
    """The search's crisis callout sits in a <template> (so blocks_by_name skips it),
    but a reader who searches gets it: each country's line must be the data's."""
    if not expect.search_lines:
        return []
    problems = []
    for template in root.xpath('//template[@data-search-help-for="crisis"]'):
        # lxml keeps a <template>'s markup as its children.
        shown = {li.get("data-country"): li for li in template.xpath(f'.//*[@data-search-help-block="{SEARCH_CRISIS_BLOCK}"]//li[@data-country]')}
        if not shown:
            problems.append("the search's crisis callout has no lines by country")
            continue
        for code, words, dial in expect.search_lines:
            li = shown.pop(code, None)
            if li is None:
                problems.append(f"the search's crisis callout has no line for {code} (from the data file)")
            elif _dial_targets(li) != dial:
                problems.append(f"the search's crisis callout for {code} links to {sorted(_dial_targets(li))}, the data file gives {sorted(dial)}")
            else:
                problems += [p.replace("block's", f"line for {code}'s") for p in _same_words("search crisis callout", text_of(li), words)]
        problems += [f"the search's crisis callout has a line for {code}, which the data file does not put in it" for code in shown]
    return problems


def check_docs_page(markdown: str, today: dt.date, data_numbers: frozenset[str] = frozenset()) -> list[str]:
    """Problems with one Markdown source page: both safety macros, no typed phone
    number, and its review dates. `data_numbers` holds the digits of every number in
    the data file."""
    problems = [f"does not call {name}" for name, pattern in MACRO_CALLS.items() if not pattern.search(markdown)]
    problems += [
        f"types the phone number {number!r}: numbers come from the data file (use a macro such as "
        f"{{{{ crisis_phone('US') }}}}), so a correction there reaches every page"
        for number in typed_phone_numbers(markdown, data_numbers)
    ]
    return problems + review_date_problems(front_matter(markdown), today)


# What is not prose a reader reads as a number: front matter, macro calls, links, DOIs.
# The lookahead names the characters a match can start with, so the regex engine skips
# every other position at once (three times faster on a page).
_NOT_PROSE = re.compile(
    r"(?=[-{\]h\d])(?:\A---\n.*?\n---\n|\{\{.*?\}\}|\{%.*?%\}|\]\([^)]*\)|https?://\S+|\b10\.\d{4,}/\S+|\d{4}-\d{2}-\d{2})",
    re.S,
)
# A run of digits, possibly grouped by single spaces or dashes ('0800 543 354', '1-800-273-8255').
# (The lookahead first, as in _NOT_PROSE: only a '+' or a digit can start one.)
_DIGIT_RUN = re.compile(r"(?=[+\d])(?<![\w/])(?<!\d[.,])\+?\d(?:[ -]?\d)*(?![\w/]|[.,]\d)")
# Shorter data numbers ('15' in France) are too common in prose to tell apart.
MIN_DATA_NUMBER_DIGITS = 3


def typed_phone_numbers(markdown: str, data_numbers: frozenset[str]) -> list[str]:
    """Phone numbers typed into a page instead of coming from the data.

    A number counts when its digits are those of any number of three or more digits
    in the data file (988, 999, 116 123…), or when it looks like a phone number: a leading '+', a leading 0
    and six or more digits, or eight or more digits in groups. Years and page ranges
    ('2016', '990-1003') do not.
    """
    prose = _NOT_PROSE.sub(" ", markdown)
    found = []
    for match in _DIGIT_RUN.finditer(prose):
        shown = match.group()
        digits = re.sub(r"\D", "", shown)
        grouped = len(shown) > len(digits)
        if (
            (digits in data_numbers and len(digits) >= MIN_DATA_NUMBER_DIGITS)
            or shown.startswith("+")
            or (digits.startswith("0") and len(digits) >= 6)
            or (grouped and len(digits) >= 8)
        ):
            found.append(shown)
    return found


# What the review-date check says when MkDocs cannot read a page's front matter block.
UNREADABLE_FRONT_MATTER = (
    "front matter does not parse as MkDocs reads it, so the build drops all of it "
    "(title and description too): look for a date that does not exist, or a stray colon"
)


def front_matter(markdown: str) -> dict | None:
    """The page's front matter as the build reads it (MkDocs' own mkdocs.utils.meta.get_data),
    dates as ISO strings; {} when there is none; None when there is a block MkDocs cannot read."""
    _, meta = get_data(markdown)
    if not meta and YAML_RE.match(markdown):
        return None
    return {key: value.isoformat() if isinstance(value, dt.date) else value for key, value in meta.items()}


def review_date_problems(meta: dict | None, today: dt.date) -> list[str]:
    if meta is None:
        return [UNREADABLE_FRONT_MATTER]
    dates = {}
    for name in REVIEW_FIELDS:
        value = meta.get(name)
        if value is None:
            return [f"front matter has no {name} date (YYYY-MM-DD)"]
        try:
            dates[name] = dt.date.fromisoformat(str(value))
        except ValueError:
            return [f"front matter {name} is {str(value)!r}, not a date written YYYY-MM-DD"]
    reviewed, due = dates["last_reviewed"], dates["next_review"]
    problems = []
    if reviewed > today:
        problems.append(f"last_reviewed {reviewed.isoformat()} is in the future")
    if due <= reviewed:
        problems.append(f"next_review {due.isoformat()} is not after last_reviewed {reviewed.isoformat()}")
    elif due > _add_years(reviewed, MAX_REVIEW_YEARS):
        problems.append(f"next_review {due.isoformat()} is more than {MAX_REVIEW_YEARS} years after last_reviewed {reviewed.isoformat()}")
    if due < today:
        problems.append(f"next_review {due.isoformat()} has passed: review the page, then update last_reviewed and next_review")
    return problems



def lapse_warnings(data, data_file: Path, docs: Path, today: dt.date, days: int = REVIEW_WARNING_DAYS) -> list[str]:
    """Dates that are still good today but lapse within `days`: one line per date, naming the file."""
    soon = today + dt.timedelta(days=days)
    stale_now = set(data.stale_entries(today))
    warnings = [
        f"{data_file}: warning: {entry} lapses within {days} days: check it again, then update 'verified'"
        for entry in data.stale_entries(soon)
        if entry not in stale_now
    ]
    for doc in sorted(docs.rglob("*.md")):
        due = (front_matter(doc.read_text(encoding="utf-8")) or {}).get("next_review")
        try:
            due = dt.date.fromisoformat(str(due))
        except ValueError:
            continue  # a missing or malformed date is already a problem
        if today <= due < soon:
            warnings.append(f"{doc}: warning: next_review {due.isoformat()} is within {days} days: review the page soon")
    return warnings


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def shows_review_dates(html: str) -> bool:
    return _shows_review_dates(parse(html))


def _shows_review_dates(root) -> bool:
    blocks = root.xpath("//*[@class=$c]", c=REVIEW_DATES_CLASS)
    text = text_of(blocks[0]) if blocks else ""
    return LAST_REVIEWED_LABEL in text and NEXT_REVIEW_LABEL in text


def built_path_for(doc: Path) -> list[str]:
    """Where MkDocs may write a docs page (with or without directory URLs)."""
    stem = doc.with_suffix("").as_posix()
    if doc.stem in ("index", "README"):
        parent = doc.parent.as_posix()
        return [posixpath.join(parent, "index.html") if parent != "." else "index.html"]
    return [f"{stem}/index.html", f"{stem}.html"]


def find_directory_page(site: Path, pages: list[Path]) -> str | None:
    for page in pages:
        text = page.read_text(encoding="utf-8")
        # Cheap test first: only pages that mention the directory are parsed.
        if f'data-block="{DIRECTORY}"' in text and visible_blocks(parse(text), DIRECTORY):
            return page_url(page.relative_to(site).as_posix())
    return None


def load_expectations(data_file: Path, site: Path, pages: list[Path], today: dt.date) -> Expectations:
    return expectations_from(load_safety_data(data_file, today=today), site, pages)


def _dial_targets(element) -> frozenset[str]:
    return frozenset(href for href in element.xpath(".//a/@href") if href.startswith(("tel:", "sms:")))


def expectations_from(data, site: Path, pages: list[Path]) -> Expectations:
    numbers = tuple((p.tel, p.number) for _, line in data.compact_lines() for p in line.phones)
    callout = parse(render_crisis_callout(data, CRISIS_DIRECTORY_ANCHOR))
    young = parse(render_crisis_callout(data, CRISIS_DIRECTORY_ANCHOR, YOUNG_PEOPLE))
    lines = parse("<ul>" + "".join(render_country_lines(c, ls) for c, ls in callout_lines_by_country(data)) + "</ul>")
    return Expectations(
        callout_variants=((YOUNG_PEOPLE, text_of(young), _dial_targets(young)),),
        search_lines=tuple(
            (li.get("data-country"), text_of(li), _dial_targets(li)) for li in lines.xpath("//li[@data-country]")
        ),
        compact_numbers=numbers,
        directory_page=find_directory_page(site, pages),
        disclaimer_text=text_of(parse(render_disclaimer(data.disclaimer))),
        callout_text=text_of(callout),
        callout_dial_targets=frozenset(
            href for href in callout.xpath("//a/@href") if href.startswith(("tel:", "sms:"))
        ),
        known_scripts=load_known_scripts(),
    )


PARALLEL_FROM = 300  # pages; below this, starting worker processes costs more than it saves


# What every page is checked against, set once in each worker process (by
# _set_expectations) rather than sent along with each of a thousand pages.
_EXPECT: Expectations | None = None


def _set_expectations(expect: Expectations) -> None:
    global _EXPECT
    _EXPECT = expect


def _check_file(job: tuple[Path, str, bool]) -> list[str]:
    page, rel, content_page = job
    expect = _EXPECT
    html = page.read_bytes()
    html.decode("utf-8")  # a page that is not UTF-8 fails here, as when it was read as text
    return [f"{page}: {problem}" for problem in check_built_page(html, rel, expect, content_page=content_page)]


def validate(site: Path, docs: Path, data_file: Path, today: dt.date) -> tuple[int, list[str]]:
    """Check the whole site; return the number of pages checked and the problem lines."""
    pages = sorted(site.rglob("*.html"))
    data = load_safety_data(data_file, today=today)
    expect = expectations_from(data, site, pages)
    problems = [
        f"{data_file}: {entry} is more than 12 months old: check it again, then update 'verified'"
        for entry in data.stale_entries(today)
    ]
    numbers = data.all_numbers()
    docs_pages = sorted(docs.rglob("*.md"))
    built_pages = {}
    for doc in docs_pages:
        rel = doc.relative_to(docs)
        built_pages[doc] = next((site / c for c in built_path_for(rel) if (site / c).is_file()), None)
    content_pages = {built for built in built_pages.values() if built is not None}

    jobs = [(page, page.relative_to(site).as_posix(), page in content_pages) for page in pages]
    # Pages are independent: spread large sites over the machine's cores, and check the
    # Markdown sources here while the workers check the built pages.
    parallel = len(jobs) >= PARALLEL_FROM
    _set_expectations(expect)  # for this process (a small site), and each worker's below
    pool = ProcessPoolExecutor(initializer=_set_expectations, initargs=(expect,)) if parallel else contextlib.nullcontext()
    with pool:
        if parallel:
            results = pool.map(_check_file, jobs, chunksize=64)
        for doc in docs_pages:
            for problem in check_docs_page(doc.read_text(encoding="utf-8"), today, numbers):
                problems.append(f"{doc}: {problem}")
            if built_pages[doc] is None:
                problems.append(f"{doc}: has no built page in {site} (expected {built_path_for(doc.relative_to(docs))[0]})")
        if not parallel:
            results = map(_check_file, jobs)
        for page_problems in results:
            problems += page_problems
    if not (site / "404.html").is_file():
        problems.append(f"{site / '404.html'}: missing: the site has no 404 page")
    return len(pages), problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="built site folder (default: site)")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="Markdown source folder (default: docs)")
    parser.add_argument(
        "--data", type=Path, default=PROJECT_DIR / SAFETY_DATA_FILE, help="safety data file (default: data/safety.yml)"
    )
    parser.add_argument(
        "--today", type=dt.date.fromisoformat, default=dt.date.today(), help="the date to check review dates against (YYYY-MM-DD)"
    )
    parser.add_argument(
        "--fail-on-warnings", action="store_true", help=f"exit 1 when a date lapses within {REVIEW_WARNING_DAYS} days, too"
    )
    args = parser.parse_args(argv)
    for label, folder in (("site", args.site), ("docs", args.docs)):
        if not folder.is_dir():
            print(f"{folder}: {label} directory not found (build the site first: make build)", file=sys.stderr)
            return 2
    try:
        checked, problems = validate(args.site, args.docs, args.data, args.today)
        warnings = lapse_warnings(load_safety_data(args.data, today=args.today), args.data, args.docs, args.today)
    except SafetyDataError as err:
        print(err, file=sys.stderr)
        return 2
    for line in problems + warnings:
        print(line)
    print(f"{checked} pages checked, {len(problems)} problems" + (f", {len(warnings)} warnings" if warnings else ""))
    return 1 if problems or (warnings and args.fail_on_warnings) else 0


if __name__ == "__main__":
    sys.exit(main())
