"""Write generated files only when their text changes, or (--check) name those that are stale.

Shared by the scripts whose output is committed (render_theme_blocks.py, build_assets.py):
writing only on change keeps `make` and the live preview from rebuilding for nothing.
"""

from __future__ import annotations

from pathlib import Path


def write_or_check(files: dict[Path, str], *, check: bool, stale_message: str) -> int:
    """Write each changed file (printing "PATH: written"), or with `check` print
    "PATH: <stale_message>" for each and write nothing. Returns 1 when `check` finds one."""
    stale = 0
    for path, text in files.items():
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        if check:
            print(f"{path}: {stale_message}")
            stale += 1
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"{path}: written")
    return 1 if stale else 0
