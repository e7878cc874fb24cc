"""Machine-readable copies of the ladder, written next to the built site.

`ladder.json` is the validated data file as JSON: it validates against the published
`schema/ladder.schema.json`. `ladder-expectations.csv` has one row per expectation with its permalink.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from .schema import Ladder

JSON_FILE = "data/ladder.json"
CSV_FILE = "data/ladder-expectations.csv"
CSV_COLUMNS = ["kind", "id", "name", "group", "level", "level_name", "anchor", "url", "expectation"]


def ladder_json(ladder: Ladder) -> str:
    return json.dumps(ladder.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def expectations_csv(ladder: Ladder, site_url: str) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for item in ladder.items():
        page = "skills/" if item.kind == "skill" else "responsibilities/"
        for level in ladder.levels:
            anchor = item.expectation_anchor(level.id)
            writer.writerow(
                {
                    "kind": item.kind,
                    "id": item.id,
                    "name": item.name,
                    "group": getattr(item, "group", ""),
                    "level": level.id,
                    "level_name": level.name,
                    "anchor": anchor,
                    "url": f"{site_url.rstrip('/')}/{page}#{anchor}",
                    "expectation": item.expectations[level.id],
                }
            )
    return out.getvalue()


def write_exports(ladder: Ladder, site_dir: Path, site_url: str) -> None:
    for name, text in ((JSON_FILE, ladder_json(ladder)), (CSV_FILE, expectations_csv(ladder, site_url))):
        path = Path(site_dir) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
