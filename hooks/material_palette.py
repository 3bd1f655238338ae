"""Material's colour stylesheet, cut down to the colours mkdocs.yml uses (for hooks/site_assets.py).

Pages load our site.min.css instead of Material's palette.*.min.css of every colour
(overrides/main.html drops that link): the same colours, 2 KB less on a first view.
"""

from __future__ import annotations

import re
from pathlib import Path

import material
import tinycss2

# Material's colour rules name a colour in attribute selectors: [data-md-color-primary=red].
COLOUR_SELECTOR = re.compile(r"\[data-md-color-(scheme|primary|accent)=\"?([\w-]+)\"?\]")
# Material marks the body with this while it applies the colours at start-up (and when
# the reader switches), to stop transitions. Its rule (`[data-md-color-switching] *`)
# makes the browser restyle every element twice on every page load: 10-20 ms on a
# phone, in the longest task before the page can respond. Without it a switch of
# scheme fades over Material's 0.25 s transitions instead of jumping.
DROPPED_SELECTORS = ("[data-md-color-switching]",)
# What Material's templates use when a colour set in mkdocs.yml leaves one out.
PALETTE_DEFAULTS = {"scheme": "default", "primary": "indigo", "accent": "indigo"}
# At-rules whose blocks hold rules (the others are copied whole).
GROUPING_AT_RULES = ("media", "supports")


def material_palette_css() -> Path:
    """Material's installed colour stylesheet (its name carries a hash that changes with Material)."""
    found = sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("palette.*.min.css"))
    if len(found) != 1:
        raise LookupError(f"{Path(material.__file__).parent}: expected one palette.*.min.css, found {len(found)}")
    return found[0]


def palettes(palette) -> list[dict[str, str]]:
    """mkdocs.yml's colour sets (theme.palette: one set or a list) as Material's bundle
    stores them (media query, scheme, primary and accent colour), with Material's
    defaults for what a set leaves out."""
    entries = [palette] if isinstance(palette, dict) else list(palette or [])
    return [
        {"media": str(entry.get("media") or "")}
        | {kind: str(entry.get(kind) or default).replace(" ", "-") for kind, default in PALETTE_DEFAULTS.items()}
        for entry in entries
    ]


def palette_in_use(palette) -> dict[str, set[str]]:
    """The schemes, primary and accent colours that theme.palette uses."""
    used: dict[str, set[str]] = {kind: set() for kind in PALETTE_DEFAULTS}
    for entry in palettes(palette):
        for kind in used:
            used[kind].add(entry[kind].lower())
    return used


def _selectors(prelude: list) -> list[str]:
    """A rule's selector list, split at its top-level commas."""
    parts, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append(current)
            current = []
        else:
            current.append(token)
    parts.append(current)
    return [tinycss2.serialize(p).strip() for p in parts]


def _rules_in_use(rules: list, used: dict[str, set[str]]) -> str:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            kept = [
                s for s in _selectors(rule.prelude)
                if all(v in used[k] for k, v in COLOUR_SELECTOR.findall(s)) and not s.startswith(DROPPED_SELECTORS)
            ]
            if kept:
                out.append(",".join(kept) + "{" + tinycss2.serialize(rule.content).strip() + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING_AT_RULES and rule.content is not None:
            inner = _rules_in_use(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), used)
            if inner:
                out.append(f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}{{{inner}}}")
        elif rule.type == "at-rule":
            out.append(tinycss2.serialize([rule]))
    return "".join(out)


def palette_rules(css: str, used: dict[str, set[str]]) -> str:
    """Material's colour rules without those for colours and schemes the site does not use.

    A selector that names an unused colour can never match (the body carries only the
    configured ones), so dropping it changes nothing a reader sees.
    """
    return _rules_in_use(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), used) + "\n"
