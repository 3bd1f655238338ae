"""The benchmark's first-view bytes count what the server sent, a worker's script included
(Lighthouse's count leaves it out: Material's search worker, 12 KB, was counted as 200 bytes)."""

from __future__ import annotations

import bench
from local_site import served

WORKER_SCRIPT = "/* " + "the worker's script " * 400 + "*/\n"


def test_first_view_bytes_count_a_workers_script(browser, tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><title>t</title><link rel="icon" href="data:,"><script>new Worker("worker.js")</script>',
        encoding="utf-8",
    )
    (tmp_path / "worker.js").write_text(WORKER_SCRIPT, encoding="utf-8")
    paths: list[str] = []
    sent: list[int] = []

    def count(path: str, size: int) -> None:
        paths.append(path)
        sent.append(size)

    with served(tmp_path, on_sent=count) as base:
        total = bench.first_view_bytes(browser, base, sent)
    assert "/worker.js" in paths, paths
    assert total > len(WORKER_SCRIPT) + len((tmp_path / "index.html").read_bytes())
