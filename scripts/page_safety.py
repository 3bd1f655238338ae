"""What a built page may run, load and send: the validator's unsafe-markup and policy rules.

unsafe_markup_problems: no event-handler attribute, no javascript:/vbscript: or document
data: URL, no script but the site's own (macros/known_scripts.py), no <iframe>, <object>,
<embed> (or frame, applet, base, meta refresh), no form that can submit, no resource from
another host, no inline style (the policy blocks it).
policy_problems: the Content-Security-Policy and the referrer policy first in <head>, as
macros/contract.py has them, with a hash for every inline script on the page.
Each returns one line per problem, without the page's path (the validator adds it).
"""

from __future__ import annotations

import functools
import posixpath
import re
from urllib.parse import urlsplit

from macros.contract import CSP_DIRECTIVES, CSP_HASHED_DIRECTIVE, DATA_SCRIPT_TYPES, REFERRER_POLICY
from macros.csp import inline_scripts, parse_policy, script_hash, script_text
from macros.known_scripts import KnownScripts

# Attributes whose value is an address the browser may follow, load or run.
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "poster", "data", "cite", "background", "ping",
    "srcset", "imagesrcset", "longdesc", "manifest", "codebase", "archive", "lowsrc", "dynsrc", "usemap", "icon",
}
# Elements that embed another document or a plug-in, or change where every address leads.
EMBEDDING = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "base"}
# What each element loads by itself (not what a reader follows: <a href> is fine).
RESOURCE_ATTRIBUTES = {
    "img": ("src", "srcset"), "script": ("src",), "source": ("src", "srcset"), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "input": ("src",), "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"), "feimage": ("href", "xlink:href"),
}
# <link rel> values that make the browser fetch something (or talk to a host).
FETCHING_RELS = {
    "stylesheet", "icon", "apple-touch-icon", "apple-touch-icon-precomposed", "mask-icon", "preload",
    "modulepreload", "prefetch", "preconnect", "dns-prefetch", "prerender", "manifest", "fluid-icon",
}
# Data URLs a browser would open as a document (and so run its scripts) wherever they
# stand. An SVG image runs nothing as an <img>: it counts only as an address to follow.
_DOCUMENT_DATA = ("data:text/html", "data:application/xhtml", "data:text/xml", "data:application/xml")
# Browsers drop ASCII tab and newline anywhere in a URL, and leading C0 controls and spaces.
_URL_NOISE = re.compile(r"[\x00-\x20]")
_SRCSET_SPLIT = re.compile(r",\s+|,(?=\S*\s)")


def _attributes(element) -> list[tuple[str, str]]:
    return [(str(name).lower(), value) for name, value in element.attrib.items()]


def _addresses(name: str, value: str) -> list[str]:
    """The addresses in an attribute's value (a srcset holds several)."""
    if name.endswith("srcset"):
        return [candidate.split()[0] for candidate in _SRCSET_SPLIT.split(value.strip()) if candidate.split()]
    return [value]


def _dangerous_url(name: str, value: str) -> str | None:
    for address in _addresses(name, value):
        url = _URL_NOISE.sub("", address).lower()
        if url.startswith(("javascript:", "vbscript:")):
            return f"a {url.split(':')[0]}: address"
        if url.startswith(_DOCUMENT_DATA):
            return f"a {url.split(';')[0].split(',')[0]} address"
        if url.startswith("data:") and name in ("href", "action", "formaction", "xlink:href"):
            return "a data: address to follow"
    return None


def _foreign(value: str, name: str) -> str | None:
    """The first address in the value that is not a file of this site, or None."""
    for address in _addresses(name, value):
        parts = urlsplit(address.strip())
        if parts.netloc or (parts.scheme and parts.scheme.lower() != "data") or address.strip().startswith("//"):
            return address.strip()
    return None


def _site_path(src: str, site_path: str) -> str:
    """Where a script address on the page at site_path leads, as a path inside the site."""
    path = urlsplit(src).path
    if path.startswith("/"):
        return path
    return posixpath.normpath(posixpath.join(posixpath.dirname("/" + site_path), path))


def _known_file(src: str, site_path: str, known: KnownScripts) -> bool:
    parts = urlsplit(src.strip())
    if parts.scheme or parts.netloc:
        return False
    target = _site_path(src.strip(), site_path)
    # Absolute addresses (the 404 page's) carry the site's path prefix, if it has one.
    return any(target == "/" + name or (src.strip().startswith("/") and target.endswith("/" + name)) for name in known.files)


def _tag(element) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _starts(text: str) -> str:
    return repr(" ".join(text.split())[:60])


# The elements the rules below can find anything in: these tags whatever their
# attributes, and any element with an event handler, a style or an address. Most of a
# page's elements are neither, and are passed over at once: that keeps the validator
# within its budget on large sites.
_TAGS_TO_CHECK = frozenset(EMBEDDING | {"meta", "style", "form", "script", "link"} | set(RESOURCE_ATTRIBUTES))
_ATTRIBUTES_TO_CHECK = frozenset(URL_ATTRIBUTES | {"style", "formaction", "formmethod"})


@functools.lru_cache(maxsize=1024)
def _attribute_to_check(name: str) -> bool:
    name = name.lower()
    return name.startswith("on") or name in _ATTRIBUTES_TO_CHECK or name.endswith(":href")


def unsafe_markup_problems(root, site_path: str, known: KnownScripts) -> list[str]:
    """Markup that could run a script, send the reader's input, or load from elsewhere."""
    problems = []
    for element in root.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue  # comments and processing instructions are never rendered
        tag = tag.lower()
        if tag not in _TAGS_TO_CHECK and not any(map(_attribute_to_check, element.keys())):
            continue
        attributes = _attributes(element)
        if tag in EMBEDDING:
            problems.append(f"has a <{tag}>: pages embed no other document or plug-in, and keep their own base address")
        if tag == "meta" and (element.get("http-equiv") or "").strip().lower() == "refresh":
            problems.append("has a <meta http-equiv=\"refresh\">, which moves the reader to another address")
        if tag == "style" or element.get("style") is not None:
            problems.append(f"<{tag}> carries an inline style, which the Content-Security-Policy blocks (style-src 'self'): use site.css")
        for name, value in attributes:
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=…> has an event-handler attribute, which runs a script")
            elif name in URL_ATTRIBUTES or name.endswith(":href"):
                danger = _dangerous_url(name, value)
                if danger:
                    problems.append(f"<{tag} {name}={value.strip()[:60]!r}> holds {danger}, which runs or opens a document")
        if tag == "form" and (element.get("method") or "").strip().lower() != "dialog":
            problems.append(
                f"has a <form{' name=' + repr(element.get('name')) if element.get('name') else ''}> that can submit: "
                "give it method=\"dialog\", so nothing typed into it is ever sent to an address"
            )
        if element.get("formaction") is not None or (element.get("formmethod") or "dialog").strip().lower() != "dialog":
            problems.append(f"<{tag}> overrides its form's address or method (formaction, formmethod), so the form can submit")
        for attribute in RESOURCE_ATTRIBUTES.get(tag, ()):
            value = element.get(attribute)
            address = value is not None and _foreign(value, attribute)
            if address:
                problems.append(f"<{tag} {attribute}> loads {address[:80]!r} from another host: the site loads only its own files")
        if tag == "link" and FETCHING_RELS & set((element.get("rel") or "").lower().split()):
            address = _foreign(element.get("href") or "", "href")
            if address:
                problems.append(f"<link rel={element.get('rel')!r}> loads {address[:80]!r} from another host: the site loads only its own files")
        if tag == "script" and (element.get("type") or "").strip().lower() not in DATA_SCRIPT_TYPES:
            src = element.get("src")
            if src is not None and not _known_file(src, site_path, known):
                problems.append(f"<script src={src[:80]!r}> is not one of the site's own script files ({', '.join(sorted(known.files))})")
            elif src is None and not known.knows_inline(script_text(element)):
                problems.append(
                    f"an inline <script> (starts {_starts(script_text(element))}) is not one the build emits "
                    "(KNOWN_INLINE_SCRIPT_TEMPLATES in macros/contract.py)"
                )
    return problems


def policy_problems(root) -> list[str]:
    """The Content-Security-Policy and the referrer policy: first in <head>, whole, and
    with a hash for each inline script on the page."""
    head = root.find("head")
    first = [e for e in head if _tag(e)][:3] if head is not None else []
    tags = [(_tag(e), {k.lower(): (v or "").strip().lower() for k, v in e.attrib.items()}) for e in first] + [("", {})] * 3
    problems = []
    if not (tags[0][0] == "meta" and "charset" in tags[0][1]):
        problems.append("<head> does not start with <meta charset>")
    if not (tags[1][0] == "meta" and tags[1][1].get("http-equiv") == "content-security-policy"):
        problems.append("the Content-Security-Policy (<meta http-equiv=\"Content-Security-Policy\">) is not first in <head>, right after <meta charset>")
        return problems
    if not (tags[2][0] == "meta" and tags[2][1].get("name") == "referrer" and tags[2][1].get("content") == REFERRER_POLICY):
        problems.append(f"<meta name=\"referrer\" content=\"{REFERRER_POLICY}\"> does not follow the Content-Security-Policy at the top of <head>")
    found = parse_policy(first[1].get("content") or "")
    for name, sources in CSP_DIRECTIVES:
        have = found.get(name)
        if have is None:
            problems.append(f"the Content-Security-Policy has no {name} (expected {name} {sources})")
            continue
        if name == CSP_HASHED_DIRECTIVE:
            have = [token for token in have if not token.startswith("'sha256-")]
        if sorted(have) != sorted(sources.split()):
            problems.append(f"the Content-Security-Policy's {name} is {' '.join(have)!r}, expected {sources!r}")
    extra = sorted(set(found) - {name for name, _ in CSP_DIRECTIVES})
    if extra:
        problems.append(f"the Content-Security-Policy has directives macros/contract.py does not name: {', '.join(extra)}")
    allowed = set(found.get(CSP_HASHED_DIRECTIVE, []))
    for number, script in enumerate(inline_scripts(root), 1):
        if script_hash(script_text(script)) not in allowed:
            problems.append(
                f"inline script {number} (starts {_starts(script_text(script))}) has no hash in the Content-Security-Policy, "
                "so browsers block it: build the site again (hooks/csp.py)"
            )
    return problems
