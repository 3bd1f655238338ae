"""The built site served on loopback, and the Chromium that reads it: one copy for the tests and the scripts.

serve() starts a static server on 127.0.0.1 on a free port, under the path the site
was built for (as GitHub Pages serves it) and optionally gzip-encoded (as GitHub Pages
sends it, for the benchmarks), or with every page sent in two parts, a pause between
them (as a slow connection delivers it, for the first-paint tests), and optionally
telling `on_sent` how many bytes it sent for each request (the benchmark's first-view
bytes); served() does the same for a with block. chromium_path() finds the browser: CHROMIUM_PATH, else Debian's
headless shell, else /usr/bin/chromium, else None (Playwright's own browser).
CHROMIUM_ARGS keep it from calling home.
"""

from __future__ import annotations

import functools
import gzip
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-default-apps",
]
DEFAULT_CHROMIUM = "/usr/bin/chromium"
# Chromium's headless shell (Debian: chromium-headless-shell; Playwright's own headless
# browser is the same): the same Blink, without the full browser around it. The browser
# tests took a third less CPU with it (417 s against 623 s of test time, same tests).
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


def chromium_path(headless_shell: bool = True) -> str | None:
    """CHROMIUM_PATH, else the headless shell (unless `headless_shell` is False: Lighthouse
    measures the full browser), else /usr/bin/chromium, else None (Playwright's own)."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    candidates = ([HEADLESS_SHELL] if headless_shell else []) + [DEFAULT_CHROMIUM]
    return next((path for path in candidates if Path(path).exists()), None)


class _CountingWriter:
    """A response stream that counts the bytes written to it."""

    def __init__(self, stream):
        self.stream, self.sent = stream, 0

    def write(self, data) -> int:
        self.sent += len(data)
        return self.stream.write(data)

    def __getattr__(self, name):
        return getattr(self.stream, name)


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the site under `prefix` (anything else is not found), gzip-encoded when
    `compress` is set and the client accepts it."""

    prefix = "/"
    compress = False
    # Called with each request's path and the bytes sent for it (status line, headers, body).
    on_sent: Callable[[str, int], None] | None = None

    def setup(self):
        super().setup()
        if self.on_sent is not None:
            self.wfile = _CountingWriter(self.wfile)

    def finish(self):
        try:
            super().finish()
        finally:
            if self.on_sent is not None:
                self.on_sent(getattr(self, "path", ""), self.wfile.sent)
    # Send each HTML page up to the end of the first `pause_after` in it, wait
    # `pause_seconds`, then the rest; a page without it is refused (500), so a test
    # whose marker has gone fails instead of passing unpaused.
    pause_after: bytes | None = None
    pause_seconds = 0.5

    def log_message(self, *args):  # quiet: tests and reports print their own output
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix):])

    def _requested_file(self) -> Path:
        """The file the request asks for (a folder's index.html), whether or not it exists."""
        path = Path(self.translate_path(self.path.split("?", 1)[0]))
        return path / "index.html" if path.is_dir() else path

    def send_head(self):
        self._gz_body = None
        if not self.compress or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = self._requested_file()
        ctype = self.guess_type(str(path))
        if not path.is_file() or not ctype.startswith(COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self._gz_body = body
        return None

    def do_GET(self):
        if self.pause_after is not None and self._send_in_two_parts():
            return
        f = self.send_head()
        if self._gz_body is not None:
            self.wfile.write(self._gz_body)
        elif f:
            try:
                self.copyfile(f, self.wfile)
            finally:
                f.close()

    def _send_in_two_parts(self) -> bool:
        """Send an HTML page with the pause in it (True), or leave the request (False)."""
        path = self._requested_file()
        if path.suffix != ".html" or not path.is_file():
            return False
        body = path.read_bytes()
        cut = body.find(self.pause_after)
        if cut < 0:
            self.send_error(500, f"{path.name} has no {self.pause_after!r} to pause after")
            return True
        cut += len(self.pause_after)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[:cut])
        self.wfile.flush()
        time.sleep(self.pause_seconds)
        self.wfile.write(body[cut:])
        return True


def serve(directory: Path, prefix: str = "/", compress: bool = False,
          pause_after: bytes | None = None, on_sent: Callable[[str, int], None] | None = None) -> tuple[ThreadingHTTPServer, str]:
    """Start serving `directory` on 127.0.0.1 on a free port under `prefix`; return the
    server (call .shutdown() and .server_close()) and the site's base URL."""
    handler = type("Handler", (SiteHandler,), {
        "prefix": prefix, "compress": compress, "pause_after": pause_after, "on_sent": staticmethod(on_sent) if on_sent else None,
    })
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    # A short poll, so stopping the server (every test that serves) takes no half second.
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


@contextmanager
def served(directory: Path, **options) -> Iterator[str]:
    """serve() for the length of a with block: yield the base URL, then stop the server."""
    server, base_url = serve(directory, **options)
    try:
        yield base_url
    finally:
        server.shutdown()
        server.server_close()
