"""Read one data file strictly and check it against its JSON Schema (schemas/*.schema.json).

Every data file goes through `load_data_file`, so every file refuses the same careless
edits, each named by file, entry, field and line:
- a key written twice in one mapping (YAML would silently keep the last one: a merge
  leftover would publish the second number);
- an invisible control or format character in any text (a right-to-left override shows
  "321 611" while the link dials 116 123; zero-width spaces, a BOM);
- anything the file's schema refuses (missing or unknown fields, wrong types, lengths,
  patterns). The schema says what a field must be; this module only words the message.

Rules that tie several fields together (a number and its tel, one compact line per
country, dates not in the future) stay in the module that loads each file.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import unicodedata
from pathlib import Path
from typing import Any

import yaml

SCHEMAS_DIR = Path(__file__).resolve().parent.parent / "schemas"
# The keys that name an entry of a list in messages: "countries[2] (GB) lines[1] (Samaritans)".
NAME_KEYS = ("code", "id", "service", "name", "query")
# Characters allowed although Unicode calls them control characters.
ALLOWED_CONTROLS = frozenset("\n\t")
# libyaml's parser when PyYAML was built with it (ten times faster); our checks and the
# construction of values run in Python either way.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Kept for readers of front matter (scripts/validate_site.py): the fast plain loader.
SAFE_LOADER = _BASE_LOADER

Place = tuple  # a place in the data: its keys and list indexes, from the top


class DataFileError(ValueError):
    """A data file is missing, is not YAML, or holds something the site must not publish."""


def invisible_characters(text: str) -> list[tuple[int, str]]:
    """(position, character) of every control or format character in `text` but newline and tab.

    Unicode's Cc (controls) and Cf (format: bidi overrides and isolates U+202A-202E and
    U+2066-2069, zero-width U+200B-200D, word joiner U+2060, BOM U+FEFF, soft hyphen...).
    """
    if text.replace("\n", "").replace("\t", "").isprintable():
        return []  # the common case, at C speed; isprintable() is False for Cc and Cf (and spaces but " ")
    return [
        (i, ch) for i, ch in enumerate(text)
        if ch not in ALLOWED_CONTROLS and unicodedata.category(ch) in ("Cc", "Cf")
    ]


def describe_character(ch: str) -> str:
    """'U+202E (RIGHT-TO-LEFT OVERRIDE)': what an editor can search for."""
    return f"U+{ord(ch):04X} ({unicodedata.name(ch, 'control character')})"


def shown(text: str, limit: int = 80) -> str:
    """Text for a message: invisible characters written as \\uXXXX, long text cut short."""
    for _, ch in reversed(invisible_characters(text)):
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def where(data: Any, place: Place) -> str:
    """A place as editors find it: 'countries[2] (GB) lines[1] (Samaritans) phones[0]'."""
    parts: list[str] = []
    node = data
    for step in place:
        if isinstance(step, int):
            parts.append(f"[{step}]" if parts else f"entry {step + 1}")
            node = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(node, dict):
                label = next((node[k] for k in NAME_KEYS if isinstance(node.get(k), (str, int)) and str(node[k]).strip()), None)
                if label is not None:
                    parts.append(f" ({shown(str(label).strip())})")
        else:
            parts.append(f" {step}" if parts else str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return "".join(parts).strip() or "top level"


class _Reader:
    """Composes the YAML into nodes, checks them, and records each place's line."""

    def __init__(self) -> None:
        self.lines: dict[Place, int] = {}
        self.nodes: set[int] = set()

    def read(self, text: str) -> Any:
        loader = _BASE_LOADER(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            self._walk(node, ())
            return loader.construct_document(node)
        finally:
            loader.dispose()

    def _walk(self, node: yaml.Node, place: Place) -> None:
        line = node.start_mark.line + 1
        # An alias (*name) is the same node met again: a copy an editor cannot see at the
        # place it is used, and a few of them nested grow without end ("billion laughs").
        if id(node) in self.nodes:
            raise _Refused(place, self.lines.get(place, line), "repeats another entry with a YAML alias (*name): write the value out")
        self.nodes.add(id(node))
        self.lines.setdefault(place, line)
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
                key_line = key_node.start_mark.line + 1
                if key_node.tag == "tag:yaml.org,2002:merge":
                    # "<<: *defaults" copies fields in unseen, and its keys lose to the entry's own.
                    raise _Refused(place, key_line, "uses a YAML merge key (<<): write the fields out")
                self._check_text(key, place + (key,), key_line, "key")
                if key in seen:
                    # The first occurrence is what a reader of the file sees; name both lines.
                    raise _Duplicate(place, key, seen[key], key_line)
                seen[key] = key_line
                self.lines[place + (key,)] = key_line
                self._walk(value_node, place + (key,))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._walk(item, place + (i,))
        elif isinstance(node, yaml.ScalarNode):
            self._check_text(node.value, place, line, "value")

    def _check_text(self, text: str, place: Place, line: int, what: str) -> None:
        found = invisible_characters(text)
        if found:
            position, ch = found[0]
            raise _Refused(place, line, f"invisible character {describe_character(ch)} at position {position + 1} of the {what}: delete it and type the text again")


class _Duplicate(Exception):
    """A key written twice in one mapping: both lines."""

    def __init__(self, place, key, first_line, second_line):
        self.place, self.key, self.first_line, self.second_line = place, key, first_line, second_line


class _Refused(Exception):
    """Something no data file may hold, found while reading: where, and why."""

    def __init__(self, place, line, problem):
        self.place, self.line, self.problem = place, line, problem


def read_strict_yaml(path: Path, error: type[ValueError] = DataFileError, what: str = "data file") -> tuple[Any, dict]:
    """The file's data and the line of every place in it; `error` names the first problem."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise error(f"{path}: {what} not found") from None
    except OSError as err:
        raise error(f"{path}: cannot be read ({err.strerror})") from None
    except UnicodeDecodeError as err:
        raise error(f"{path}: is not UTF-8 text ({err.reason} at byte {err.start})") from None
    reader = _Reader()
    try:
        data = reader.read(text)
    except (yaml.YAMLError, ValueError) as err:
        # ValueError: a value YAML reads as a date but no calendar has (2026-13-45).
        raise error(f"{path}: not valid YAML: {err}") from None
    except _Duplicate as dup:
        # Name the entry from the data as far as it can be read: parse without the check.
        partial = _lenient(text)
        field = dup.key
        raise error(
            f"{path}: {where(partial, dup.place)}: field {field!r} is written twice (lines {dup.first_line} and "
            f"{dup.second_line}); YAML would keep only the second: delete the wrong one (line {dup.second_line})"
        ) from None
    except _Refused as bad:  # an invisible character, an alias, a merge key
        partial = _lenient(text)
        place, field = (bad.place[:-1], bad.place[-1]) if bad.place and isinstance(bad.place[-1], str) else (bad.place, None)
        named = f"field {field!r}: " if field is not None else ""
        raise error(f"{path}: {where(partial, place)}: {named}{bad.problem} (line {bad.line})") from None
    return data, reader.lines


def careless_edit_in_config(path: Path) -> str:
    """The first key written twice or invisible character in a YAML file read by another
    program (mkdocs.yml, whose !ENV tags only MkDocs constructs), or "". Only the nodes are
    read: nothing is constructed."""
    text = Path(path).read_text(encoding="utf-8")
    loader = _BASE_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _Reader()._walk(node, ())
    except _Duplicate as dup:
        return f"{path}: {'.'.join(map(str, dup.place)) or 'top level'}: key {dup.key!r} is written twice (lines {dup.first_line} and {dup.second_line}); YAML keeps only the second"
    except _Refused as bad:
        return f"{path}: {'.'.join(map(str, bad.place))}: {bad.problem} (line {bad.line})"
    finally:
        loader.dispose()
    return ""


def _lenient(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_BASE_LOADER)
    except yaml.YAMLError:
        return None


# -- The schema ----------------------------------------------------------------------


@functools.cache
def _registry():
    """Every schema in schemas/, by its file name, so "$ref": "common.schema.json#/..." resolves."""
    from referencing import Registry, Resource

    resources = [
        (schema.name, Resource.from_contents(json.loads(schema.read_text(encoding="utf-8"))))
        for schema in sorted(SCHEMAS_DIR.glob("*.schema.json"))
    ]
    return Registry().with_resources(resources)


@functools.cache
def validator(schema_name: str):
    """A draft 2020-12 validator for schemas/<schema_name>, its references resolved locally.

    The schemas themselves are checked against the draft by a test
    (tests/test_safety_data.py), not on every build.
    """
    from jsonschema import Draft202012Validator

    schema = json.loads((SCHEMAS_DIR / schema_name).read_text(encoding="utf-8"))
    return Draft202012Validator({**schema, "$id": schema_name}, registry=_registry())


def jsonable(value: Any) -> Any:
    """YAML's values as JSON's: a date becomes its YYYY-MM-DD text (a datetime stays apart)."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


_TYPE_WORDS = {"string": "text", "array": "a list", "object": "a mapping of fields", "boolean": "true or false", "integer": "a whole number"}


def _problem(error) -> tuple[Place, str, Place]:
    """The place, the words, and the place whose line to name, for one schema error."""
    place = tuple(error.absolute_path)
    custom = error.schema.get("x-errors", {}) if isinstance(error.schema, dict) else {}
    keyword = error.validator
    instance = error.instance
    if keyword == "required":
        missing = error.message.split("'")[1]
        return place + (missing,), custom.get("required", "is missing"), place
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(set(instance) - set(allowed))[0]
        return place + ("",), f"unknown field {extra!r} (allowed: {', '.join(allowed)})", place + (extra,)
    if instance is None or instance == "":
        text = "is missing or empty"
    elif keyword in custom:
        text = custom[keyword]
    elif keyword == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        text = f"must be {' or '.join(_TYPE_WORDS.get(w, w) for w in wanted)}, got {instance!r}"
    elif keyword == "enum":
        text = f"must be one of {', '.join(map(str, error.validator_value))}, got {instance!r}"
    elif keyword == "maxLength":
        text = f"is {len(instance)} characters long; the most is {error.validator_value}"
    elif keyword == "minItems":
        text = "must be a non-empty list" if error.validator_value == 1 else f"needs at least {error.validator_value} items"
    elif keyword == "maxItems":
        text = f"holds {len(instance)} items; the most is {error.validator_value}"
    else:
        text = error.message
    if "{value}" in text:
        value = repr(shown(instance)) if isinstance(instance, str) else shown(repr(instance))
        text = text.replace("{value}", value).replace("{type}", type(instance).__name__)
    return place, text, place


def check_schema(data: Any, lines: dict, schema_name: str, path: Path, error: type[ValueError] = DataFileError) -> None:
    """Raise `error` for the schema's first complaint in the file's order, naming entry, field and line."""
    errors = list(validator(schema_name).iter_errors(jsonable(data)))
    if not errors:
        return
    problems = [_problem(e) for e in errors]

    def entry(place: Place) -> Place:
        return place[:-1] if place and isinstance(place[-1], str) else place

    # The first entry in the file's order; in one entry, an unknown field (a typo) before
    # the required field it was probably meant to be.
    place, text, line_place = min(
        problems, key=lambda p: (line_of(lines, entry(p[0])), not p[1].startswith("unknown field"), line_of(lines, p[2]))
    )
    raise error(f"{path}: {field_message(data, place, text)} (line {line_of(lines, line_place)})")


def line_of(lines: dict, place: Place) -> int:
    """The line of a place, or of the nearest enclosing place YAML knows."""
    while place not in lines and place:
        place = place[:-1]
    return lines.get(place, 1)


def fail_at(error: type[ValueError], path: Path, data: Any, lines: dict, place: Place, text: str) -> ValueError:
    """The error for a rule the loading module checks itself, worded like the schema's."""
    return error(f"{path}: {field_message(data, place, text)} (line {line_of(lines, place)})")


_PREDICATES = ("is ", "must ", "holds ", "needs ")


def field_message(data: Any, place: Place, text: str) -> str:
    """'countries[2] (GB) lines[1] (Samaritans): field 'number' must be…' (a place that ends in a key names it as the field)."""
    if place and place[-1] == "":  # about the mapping itself, found at one of its keys
        return f"{where(data, place[:-1])}: {text}"
    if place and isinstance(place[-1], str):
        # "field 'x' must be…" reads on; any other problem follows a colon.
        joint = " " if text.startswith(_PREDICATES) else ": "
        return f"{where(data, place[:-1])}: field {place[-1]!r}{joint}{text}"
    return f"{where(data, place)}: {text}"


def load_data_file(path: Path | str, schema_name: str, error: type[ValueError] = DataFileError, what: str = "data file") -> tuple[Any, dict]:
    """Read `path` strictly and check it against schemas/<schema_name>: (data, lines)."""
    path = Path(path)
    data, lines = read_strict_yaml(path, error, what)
    check_schema(data, lines, schema_name, path, error)
    return data, lines


def loaded_once_per_content(load):
    """`load(path, **options)`, run again only when the file's bytes or the options change.

    In one build the macros, the theme's blocks and the search hook each read the same
    data file, and Zensical calls define_env once per page; checking it once saves a
    tenth of a second a build. Keyed on the bytes, not the modification time, so an edit
    within the same second is never missed. Only the newest result per file is kept;
    errors are raised again on every call. `cache_clear()` forgets every result.
    """
    newest: dict[Path, tuple[tuple, Any]] = {}

    @functools.wraps(load)
    def wrapper(path: Path | str, **options):
        path = Path(path)
        try:
            key = (path.read_bytes(), tuple(sorted(options.items())))
        except OSError:
            return load(path, **options)  # the loader words the missing file
        where = path.resolve()
        held = newest.get(where)
        if held is not None and held[0] == key:
            return held[1]
        result = load(path, **options)
        newest[where] = (key, result)
        return result

    wrapper.cache_clear = newest.clear
    return wrapper
