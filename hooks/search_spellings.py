"""MkDocs hook: US spellings find the British-spelled pages (data/search.yml `spellings`).

After Material's search plugin has written the index, each section that uses a
British word ("behavioural") gets its US spelling ("behavioral") in a field of its
own, `spellings`, which mkdocs.yml's search `fields` indexes and Material never
shows. Nothing is added to the pages, so nothing hidden is read aloud.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros.contract import SEARCH_DATA_FILE  # noqa: E402
from macros.search_data import load_search_data  # noqa: E402

INDEX = Path("search") / "search_index.json"
FIELD = "spellings"


def add_spellings(index: dict, spellings: tuple[tuple[str, str], ...]) -> int:
    """Give each section of `index` the US spellings of its British words; return how many got some.

    Material's search scores without length normalisation (b = 0): a word scores by how
    often it occurs, times its field's boost. Each US word is repeated as often as its
    British word weighs in the title and the text together, so both spellings rank the
    pages alike.
    """
    fields = index.get("config", {}).get("fields", {})
    boost = {name: float((fields.get(name) or {}).get("boost", 1)) for name in ("title", "text")}
    own = float((fields.get(FIELD) or {}).get("boost", 1))
    touched = 0
    for doc in index.get("docs", []):
        counts = {name: re.findall(r"\w+", str(doc.get(name, "")).lower()) for name in ("title", "text")}
        words = []
        for american, british in spellings:
            weight = sum(boost[name] * counts[name].count(british.lower()) for name in counts) / own
            words += [american] * round(weight)
        if words:
            doc[FIELD] = " ".join(words)
            touched += 1
    return touched


def on_post_build(config, **kwargs) -> None:
    index_file = Path(config["site_dir"]) / INDEX
    if not index_file.is_file():
        return
    project_dir = Path(config["config_file_path"]).parent
    spellings = load_search_data(project_dir / SEARCH_DATA_FILE).spellings
    index = json.loads(index_file.read_text(encoding="utf-8"))
    add_spellings(index, spellings)
    index_file.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
