"""The one local server of the built site (tests, search report, benchmarks) and the one Chromium finder."""

from __future__ import annotations

import gzip
import socket
import time
import urllib.error
import urllib.request

import pytest

import local_site


def get(url: str, gzip_ok: bool = False):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("Content-Encoding"), response.read()
    except urllib.error.HTTPError as error:
        return error.code, None, b""


@pytest.fixture
def site(tmp_path):
    (tmp_path / "causes").mkdir()
    (tmp_path / "causes" / "index.html").write_text("<p>causes</p>", encoding="utf-8")
    return tmp_path


def test_serves_under_the_published_path_only(site):
    with local_site.served(site, prefix="/repo/") as base:
        assert base.endswith("/repo/")
        assert get(base + "causes/")[2] == b"<p>causes</p>"
        assert get(base.replace("/repo/", "/") + "causes/")[0] == 404


def test_compresses_like_github_pages_when_asked(site):
    with local_site.served(site, compress=True) as base:
        status, encoding, body = get(base + "causes/?round=2", gzip_ok=True)
        assert (status, encoding, gzip.decompress(body)) == (200, "gzip", b"<p>causes</p>")
        assert get(base + "causes/")[1] is None  # a client that does not accept gzip


def raw_get(url: str, path: str, headers: str = "") -> bytes:
    """Every byte the server sends for one request, read from the socket until it closes."""
    host, port = url.split("//")[1].split("/")[0].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(f"GET {path} HTTP/1.0\r\nHost: {host}\r\n{headers}\r\n".encode())
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    return received


@pytest.mark.parametrize("path, headers", [("/causes/", ""), ("/causes/", "Accept-Encoding: gzip\r\n"), ("/nothing/", "")])
def test_counts_every_byte_it_sends_for_each_request(site, path, headers):
    # The benchmark's first-view bytes: status line, headers and body, compressed or not,
    # a "not found" too.
    counted = []
    with local_site.served(site, compress=True, on_sent=lambda sent_path, size: counted.append((sent_path, size))) as base:
        received = raw_get(base, path, headers)
        deadline = time.monotonic() + 5
        while not counted and time.monotonic() < deadline:
            time.sleep(0.01)  # the count comes as the server closes the connection
    assert counted == [(path, len(received))]
    assert received.endswith(b"<p>causes</p>") or "gzip" in headers or path == "/nothing/"


def test_sends_a_page_in_two_parts_and_refuses_one_without_the_marker(site, monkeypatch):
    monkeypatch.setattr(local_site.SiteHandler, "pause_seconds", 0.05)
    with local_site.served(site, pause_after=b"<p>") as base:
        assert get(base + "causes/")[::2] == (200, b"<p>causes</p>")
    # A marker that has gone from the page fails the test that relies on it.
    with local_site.served(site, pause_after=b"data-gone") as base:
        assert get(base + "causes/")[0] == 500


def test_chromium_is_found_from_the_environment_first(monkeypatch):
    monkeypatch.setenv("CHROMIUM_PATH", "/opt/chrome/chrome")
    assert local_site.chromium_path() == "/opt/chrome/chrome"
    monkeypatch.delenv("CHROMIUM_PATH")
    monkeypatch.setattr(local_site, "HEADLESS_SHELL", "/nonexistent/chromium-headless-shell")
    monkeypatch.setattr(local_site, "DEFAULT_CHROMIUM", "/nonexistent/chromium")
    assert local_site.chromium_path() is None


def test_the_headless_shell_comes_before_the_full_browser_except_for_lighthouse(monkeypatch, tmp_path):
    monkeypatch.delenv("CHROMIUM_PATH", raising=False)
    shell, full = tmp_path / "chromium-headless-shell", tmp_path / "chromium"
    shell.touch(), full.touch()
    monkeypatch.setattr(local_site, "HEADLESS_SHELL", str(shell))
    monkeypatch.setattr(local_site, "DEFAULT_CHROMIUM", str(full))
    assert local_site.chromium_path() == str(shell)
    assert local_site.chromium_path(headless_shell=False) == str(full)
    shell.unlink()
    assert local_site.chromium_path() == str(full)
