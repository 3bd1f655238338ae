"""MkDocs hook for `mkdocs serve`: show every edit, and keep serving the last good build when one is wrong.

- A rebuild imports the macros package afresh, so an edit to macros/*.py shows without a
  restart (MkDocs keeps a module once imported).
- When a rebuild fails (bad data: the loader names the file, the entry and the field),
  MkDocs 1.6 holds every request until the error is fixed ("the server will appear
  stuck"). This prints the error and lets the server go on serving the site folder as
  the last good build left it. Data errors stop the build in on_config, before anything
  is written; a page that fails to render later may leave that folder half rebuilt.
  It replaces the `builder` attribute of MkDocs' LiveReloadServer: MkDocs 1.6 is the
  last 1.x and frozen, and tests/test_serve.py fails if that attribute goes.
Nothing here runs in `mkdocs build`.
"""

from __future__ import annotations

import logging
import sys

from mkdocs.plugins import event_priority

MACROS_PACKAGE = "macros"
KEPT_MESSAGE = "the build failed (above): still serving the last good build"
log = logging.getLogger("mkdocs.hooks.preview")
_command = {"name": None}


def on_startup(command, dirty):
    _command["name"] = command


@event_priority(100)  # before mkdocs-macros imports the package
def on_config(config):
    if _command["name"] == "serve":
        for name in [m for m in sys.modules if m == MACROS_PACKAGE or m.startswith(MACROS_PACKAGE + ".")]:
            del sys.modules[name]
    return config


def keep_last_good(builder):
    def build(*args, **kwargs):
        try:
            builder(*args, **kwargs)
        except (Exception, SystemExit) as error:  # MkDocs' Abort (strict warnings) is a SystemExit
            log.error(f"{error}")
            log.error(KEPT_MESSAGE)
    return build


def on_serve(server, config, builder):
    if not hasattr(server, "builder"):
        raise RuntimeError("mkdocs.livereload.LiveReloadServer has no `builder` any more: update hooks/preview.py")
    server.builder = keep_last_good(server.builder)
    return server
