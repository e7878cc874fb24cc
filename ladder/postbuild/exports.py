"""Machine-readable copies of the ladder, written next to the built site.

`ladder.json` is the validated data file as JSON: it validates against the published
`schema/ladder.schema.json`. `ladder-expectations.csv` has one row per expectation with its permalink,
its example and the signals a manager checks. Each earlier version has `compare.json` in its folder:
the part of its export that the comparison across versions reads, in the export's own fields.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..routes import Routes
from ..schema import Ladder
from ..site import EXPORT_CSV, EXPORT_JSON, LadderSite

CSV_COLUMNS = [
    "kind",
    "id",
    "name",
    "group",
    "level",
    "level_name",
    "anchor",
    "url",
    "short",
    "expectation",
    "example",
    "evidence",
    "not_yet",
    "core",
    "archetypes",
]


def ladder_json(ladder: Ladder) -> str:
    # Fields left at their defaults (no aliases, no archetypes) are left out, as the data file leaves them.
    return (
        json.dumps(ladder.model_dump(mode="json", exclude_defaults=True), indent=2, ensure_ascii=False) + "\n"
    )


# What the comparison reads of an item; of an expectation it reads the text alone.
COMPARED_ITEM_FIELDS = ("id", "name", "group", "aliases", "ends_at")


def comparison_json(ladder: Ladder) -> str:
    """An earlier version's levels, skill groups and items as compare.js reads them: their ids and
    names, and each expectation's text. It is written once per version, so it leaves the rest out."""
    data = ladder.model_dump(mode="json", exclude_defaults=True)
    named = {
        key: [{"id": one["id"], "name": one["name"]} for one in data.get(key, [])]
        for key in ("levels", "skill_groups")
    }
    items = {
        kind: [
            {
                **{field: item[field] for field in COMPARED_ITEM_FIELDS if field in item},
                "expectations": {
                    level: {"text": said["text"]} for level, said in item["expectations"].items()
                },
            }
            for item in data.get(kind, [])
        ]
        for kind in ("responsibilities", "outcomes", "skills")
    }
    return (
        json.dumps({"version": data["version"], **named, **items}, ensure_ascii=False, separators=(",", ":"))
        + "\n"
    )


def expectations_csv(ladder: Ladder, routes: Routes, site_url: str) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for item in ladder.items():
        for level in ladder.levels:
            expectation = item.at(level.id)
            if expectation is None:
                continue  # above the level where the item ends: nothing is asked
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
                    "url": routes.permalink(site_url, routes.item(item), anchor),
                    "short": expectation.short,
                    "expectation": expectation.text,
                    "example": expectation.example,
                    "evidence": expectation.evidence,
                    "not_yet": expectation.not_yet,
                    "core": "yes" if item in ladder.core_items(level) else "",
                    "archetypes": " ".join(expectation.archetypes),
                }
            )
    return out.getvalue()


def write(site: LadderSite, site_dir: Path) -> None:
    for name, text in (
        (EXPORT_JSON, ladder_json(site.ladder)),
        (EXPORT_CSV, expectations_csv(site.ladder, site.routes, site.config.site_url)),
    ):
        path = Path(site_dir) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
