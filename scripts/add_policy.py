#!/usr/bin/env python3
"""Put the Content-Security-Policy and the referrer policy into every page of a built site.

Usage: python scripts/add_policy.py --site DIR

MkDocs does this itself (hooks/csp.py). Zensical does not run MkDocs hooks: run this on
its output (`zensical build`, then this), and the pages carry the same policy.
Prints one line per page it cannot change, `path: why`.
Exit status: 0 when every page has its policy, 1 when a page could not be changed, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from macros.csp import with_policy  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, required=True, help="built site folder")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"{args.site}: site directory not found", file=sys.stderr)
        return 2
    failed = 0
    for page in sorted(args.site.rglob("*.html")):
        try:
            page.write_text(with_policy(page.read_text(encoding="utf-8")), encoding="utf-8")
        except ValueError as error:
            print(f"{page}: {error}")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
