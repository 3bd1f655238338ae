"""hooks/preview.py: under `mkdocs serve`, fresh macros code on each rebuild, and a failed rebuild keeps the last good build.

tests/test_serve.py runs the real preview end to end; these check the two mechanisms alone.
"""

from __future__ import annotations

import logging
import sys
import types

import preview


def test_a_rebuild_under_serve_imports_the_macros_package_afresh(monkeypatch):
    # The other tests in this process keep the modules they imported: put them back after.
    saved = {name: module for name, module in sys.modules.items() if name == "macros" or name.startswith("macros.")}
    monkeypatch.setitem(sys.modules, "macros_lookalike", types.ModuleType("macros_lookalike"))
    monkeypatch.setitem(sys.modules, "macros.fake_part", types.ModuleType("macros.fake_part"))
    try:
        preview.on_startup(command="build", dirty=False)
        preview.on_config({})
        assert "macros.fake_part" in sys.modules  # a plain build keeps what is imported
        preview.on_startup(command="serve", dirty=False)
        preview.on_config({})
        assert "macros.fake_part" not in sys.modules and "macros" not in sys.modules
        assert "macros_lookalike" in sys.modules
    finally:
        preview.on_startup(command=None, dirty=False)
        sys.modules.update(saved)


def test_a_failed_rebuild_is_logged_and_does_not_stop_the_server(caplog):
    def failing_build():
        raise ValueError("data/safety.yml: countries[0] (US) line 'x' phones[0]: field 'tel' must be digits")

    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.preview"):
        preview.keep_last_good(failing_build)()  # does not raise
    assert [r.getMessage() for r in caplog.records] == [
        "data/safety.yml: countries[0] (US) line 'x' phones[0]: field 'tel' must be digits",
        preview.KEPT_MESSAGE,
    ]


def test_the_server_gets_the_guarded_builder():
    server = types.SimpleNamespace(builder=lambda: None)
    original = server.builder
    assert preview.on_serve(server, config={}, builder=original) is server
    assert server.builder is not original
