"""The ladder site: its settings, its data, and how they are presented, loaded once per build.

macros.py (under MkDocs), the MkDocs hooks, `python -m ladder render` (for other engines) and the
steps after a build all start from here, so every engine shows the same ladder the same way.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from markupsafe import Markup

from .anchors import explain_lost, lost_data_anchors, manifest_path, read_manifest
from .config import SiteConfig, site_config
from .load import LadderDataError, load_ladder
from .releases import History
from .render import Renderer
from .routes import page_url
from .schema import Ladder, Level
from .view import View

EXPORT_JSON = "data/ladder.json"
EXPORT_CSV = "data/ladder-expectations.csv"
COMPARISON_JSON = "data/compare.json"  # in each earlier version's folder


@dataclass(frozen=True)
class LadderSite:
    config: SiteConfig
    ladder: Ladder
    history: History  # every released version, and the current one

    @classmethod
    def load(cls, config_file: Path) -> LadderSite:
        """The site of a mkdocs.yml. Stops with LadderDataError when the data file is broken, or when a
        published anchor of a level or an item no longer resolves: the first thing a renamed id breaks;
        or when a released version's frozen file was edited."""
        config = site_config(config_file)
        ladder = load_ladder(config.data_path)
        manifest = manifest_path(config.data_file)
        current = {
            entry
            for entry in read_manifest(config.project / manifest)
            if not entry.startswith("/" + config.routes.pages["versions"])  # each version has its own ids
        }
        lost = lost_data_anchors(ladder, current, config.moved_anchors)
        if lost:
            raise LadderDataError(config.data_path, [], explain_lost(lost, str(manifest)))
        return cls(config, ladder, History.of(config.data_path, ladder, config.cache_dir))

    @property
    def routes(self):
        return self.config.routes

    @cached_property
    def view(self) -> View:
        return View(self.ladder, self.routes, self.config.site_url)

    @cached_property
    def renderer(self) -> Renderer:
        """Fragments for pages an engine renders: Markdown headings around HTML."""
        return Renderer(self.view, self.config.repo_url, self.config.data_file)

    def render(self, template: str, page: str, **context) -> Markup:
        return self.renderer.render(template, page, asset=lambda path: asset(page, path), **context)

    def assess_levels(self, page: str) -> list[dict]:
        """Each level's name, self-assessment page and expectation keys, as the chart reads them."""
        return [
            {
                "id": level.id,
                "name": level.name,
                "page": self.routes.link(page, self.routes.assess(level)),
                "keys": [
                    item.expectation_anchor(level.id)
                    for s in self.ladder.sections(at=level.id)
                    for item in s.items
                ],
            }
            for level in self.ladder.levels
        ]

    def folders(self, page: str) -> str:
        """The folder of each kind of item, relative to `page`, for scripts that link to items."""
        return json.dumps(
            {
                kind: self.routes.link(page, self.routes[kind])
                for kind in ("responsibility", "outcome", "skill")
            }
        )

    def version_exports(self, page: str) -> str:
        """What the comparison across versions reads of each earlier version (COMPARISON_JSON),
        relative to `page`; of the current version it reads the site's export."""
        folder = self.routes.pages["versions"]
        return json.dumps(
            {version: asset(page, f"{folder}{version}/{COMPARISON_JSON}") for version in self.history.earlier}
        )

    def level_of_page(self, page: str) -> Level | None:
        for level in self.ladder.levels:
            if page in (self.routes.level(level), self.routes.assess(level)):
                return level
        return None


def theme_extra(site: LadderSite) -> dict:
    """What the theme prints of the ladder (overrides/main.html reads it from `config.extra`): MkDocs
    gets it from the hooks, another engine from the configuration `python -m ladder render` writes."""
    return {"ladder_version": site.ladder.version}


def asset(page: str, path: str) -> str:
    """A relative link from the page source `page` to a file of the built site, such as an export."""
    return posixpath.relpath(path, page_url(page) or ".")
