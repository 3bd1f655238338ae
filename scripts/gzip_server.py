"""A static file server for loopback that compresses like GitHub Pages (gzip), for benchmarks."""

from __future__ import annotations

import functools
import gzip
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves files from `directory`, gzip-encoded when the client accepts it."""

    def log_message(self, *args):  # quiet: benchmarks print their own figures
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        ctype = self.guess_type(str(path))
        if not path.is_file() or not accepts_gzip or not ctype.startswith(COMPRESSIBLE):
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
        self._gz_body = None
        f = self.send_head()
        if self._gz_body is not None:
            self.wfile.write(self._gz_body)
        elif f:
            try:
                self.copyfile(f, self.wfile)
            finally:
                f.close()


def serve(directory: Path) -> tuple[ThreadingHTTPServer, str]:
    """Start serving `directory` on 127.0.0.1 on a free port; return the server and its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
