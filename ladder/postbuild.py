"""The steps after a build: the JSON and CSV exports, and the cut of Material's inlined stylesheets.

They run as an MkDocs hook (ladder/hooks.py) and, on a site built already, as a command:

    python -m ladder postbuild site/
"""

from __future__ import annotations

from pathlib import Path

from .export import write_exports
from .load import load_ladder
from .routes import Routes
from .stylesheet import prune_site


def run(site_dir: Path, project: Path, extra: dict, site_url: str, prune: bool = True) -> None:
    """`extra` and `site_url` as mkdocs.yml gives them; `project` is the directory of mkdocs.yml."""
    ladder = load_ladder(Path(project) / extra["ladder_data"])
    write_exports(ladder, Routes.from_config(extra.get("ladder_pages")), Path(site_dir), site_url)
    if prune:
        prune_site(site_dir)
