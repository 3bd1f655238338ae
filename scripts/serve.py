#!/usr/bin/env python3
"""Live preview that shows every edit and, on bad data, keeps serving the last good build.

Usage: python scripts/serve.py [--dev-addr HOST:PORT]   (what `make serve` runs)

Why not plain `mkdocs serve`:
- after a failed rebuild it holds every request until the error is fixed (its own log
  says "the server will appear stuck"), so a typo in data/safety.yml blanks the preview;
- the 404 page is a theme template: it cannot call a macro and includes blocks
  pre-rendered from the data (scripts/render_theme_blocks.py), which nothing re-renders;
- it keeps the first import of macros/, so a change to the Python needs a restart.

So this runs MkDocs' own live-reload server (`mkdocs.livereload`, frozen with MkDocs
1.6, the last 1.x) with a builder that, on every change to docs/, mkdocs.yml or a
folder under `watch:` in mkdocs.yml: re-renders the 404 page's blocks, drops the cached
macros modules, builds into a staging folder and only then replaces what is served.
When the data or a page is wrong it prints the error (the data loader names the file,
the entry and the field) and the last good build stays served. A build-level job, not a
per-page hook: nothing here runs in `make build` or in Zensical.
Exit status: 0 after Ctrl-C, 2 when mkdocs.yml is not found.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import signal
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

MACROS_PACKAGE = "macros"


def render_blocks(project: Path) -> bool:
    """Re-render the theme's blocks (404 page, search help) and the minified stylesheet and
    script, each in a fresh interpreter (so changed render code is used). Each script
    writes a file only when its content changes, so the rebuild this causes is the last."""
    scripts = [project / "scripts" / name for name in ("render_theme_blocks.py", "build_assets.py")]
    return all(subprocess.run([sys.executable, str(s)], cwd=project, check=False).returncode == 0 for s in scripts)


def forget_macros() -> None:
    """Drop the imported macros package, so the next build imports the code as it is now."""
    for name in [m for m in sys.modules if m == MACROS_PACKAGE or m.startswith(MACROS_PACKAGE + ".")]:
        del sys.modules[name]


def replace_contents(target: Path, source: Path) -> None:
    for child in target.iterdir():
        shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    shutil.copytree(source, target, dirs_exist_ok=True)


def stop(signum, frame):
    """SIGTERM ends the preview like Ctrl-C does, so its temporary folders are removed."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    args = parser.parse_args(argv)
    project = Path.cwd()
    config_file = project / "mkdocs.yml"
    if not config_file.is_file():
        print(f"{config_file}: not found: run this from the project folder", file=sys.stderr)
        return 2
    # What the mkdocs command line would print: its INFO lines, warnings and errors.
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    signal.signal(signal.SIGTERM, stop)
    served = Path(tempfile.mkdtemp(prefix="preview-served-"))
    staging = Path(tempfile.mkdtemp(prefix="preview-staging-"))

    def get_config():
        return load_config(config_file=str(config_file), site_dir=str(staging), dev_addr=args.dev_addr)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    serve_url = f"http://{host}:{port}/"

    def builder(config=None) -> None:
        # Called by the server's rebuild loop, which holds requests until it returns:
        # never raise, or the preview stalls; on failure the served folder is untouched.
        print("Preview: building...", flush=True)
        if not render_blocks(project):
            print("Preview: the data has an error (above): still serving the last good build.", flush=True)
            return
        forget_macros()
        try:
            config = config or get_config()
            config.site_url = serve_url
            build(config, serve_url=serve_url)
        except (Exception, SystemExit) as err:  # mkdocs' Abort (strict warnings) is a SystemExit
            print("".join(traceback.format_exception_only(err)).rstrip(), file=sys.stderr, flush=True)
            print("Preview: the build failed (above): still serving the last good build.", flush=True)
            return
        replace_contents(served, staging)
        print(f"Preview: serving the new build at {serve_url}", flush=True)

    server = LiveReloadServer(builder=builder, host=host, port=port, root=str(served))

    def error_page(code: int) -> bytes | None:
        page = served / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        builder(config)
        server.watch(config.docs_dir)
        server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            print("Preview: stopped.", flush=True)
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(served, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
