"""MkDocs hook: the theme's templates compiled once, not on every build.

MkDocs makes a new Jinja environment for every build, so Jinja parses and compiles
Material's templates, our overrides and the SVG icons they include again each time:
about a fifth of a second of every build and of every live-preview rebuild. Jinja's
own bytecode cache keeps each compiled template in CACHE_DIR under a hash of its name
and file, and uses it only while the template's source has the same checksum, so an
edited template (ours, Material's after an upgrade, or one the hooks make from the
data) is compiled again. Compiled code is also refused by a different Python or Jinja.

The cache only saves time: a folder that cannot be made or written means the
templates are compiled as they would be without it (deleting .cache/ is always safe).
"""

from __future__ import annotations

import logging
from pathlib import Path

import jinja2

# The folder, under the project, that holds it (.cache/ is not committed).
CACHE_DIR = Path(".cache") / "templates"

log = logging.getLogger(f"mkdocs.hooks.{__name__}")


class _BestEffortCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, except that a template it cannot store is just not stored."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError as error:
            log.debug("template cache not written: %s", error)


def on_env(env, config, files):
    folder = Path(config.config_file_path).resolve().parent / CACHE_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        log.debug("template cache left out: %s", error)
        return env
    env.bytecode_cache = _BestEffortCache(str(folder))
    return env
