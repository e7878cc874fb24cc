"""Which page shows what: the one place where the site's URLs are decided.

`extra.ladder_pages` in mkdocs.yml names the page of each kind of item, of a level and of the
ladder's tools. Anchors come from ids (ladder/schema.py); this module joins the two into the links
that templates, exports and the build checks use, so moving a kind of item to another page is one
line of mkdocs.yml.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from .schema import KINDS, Level

PLACES = {
    **{kind.kind: f"the page of every {kind.kind} item" for kind in KINDS},
    "level": "a level's own page, with `{id}` for the level id",
    "levels": "the levels overview",
    "compare": "the comparison of two levels",
    "glance": "the whole ladder on one page",
    "changelog": "the changelog",
}


class RouteError(ValueError):
    """`extra.ladder_pages` in mkdocs.yml is incomplete or names something unknown."""


def page_url(src_path: str) -> str:
    """The site URL of a page source, as MkDocs builds it with directory URLs."""
    stem = src_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


@dataclass(frozen=True)
class Routes:
    pages: dict[str, str]

    @classmethod
    def from_config(cls, pages: dict | None) -> Routes:
        pages = dict(pages or {})
        unknown = sorted(set(pages) - set(PLACES))
        missing = [name for name in PLACES if name not in pages]
        if unknown or missing:
            problems = [f"unknown key(s) {', '.join(unknown)}"] if unknown else []
            problems += [f"missing {name!r} ({PLACES[name]})" for name in missing]
            raise RouteError(f"mkdocs.yml, extra.ladder_pages: {'; '.join(problems)}")
        if "{id}" not in pages["level"]:
            raise RouteError(
                "mkdocs.yml, extra.ladder_pages.level: write the level id as {id}, e.g. levels/{id}.md"
            )
        return cls(pages)

    def page_of(self, target) -> str:
        """The page source that shows a level, or an item with all its expectations."""
        if isinstance(target, Level):
            return self.pages["level"].format(id=target.id)
        return self.pages[target.kind]

    def __getitem__(self, name: str) -> str:
        return self.pages[name]

    def link(self, here: str, page: str, anchor: str = "") -> str:
        """A relative link from the page source `here` to `page` (a page source) and an anchor."""
        relative = posixpath.relpath(page_url(page) or ".", page_url(here) or ".")
        relative = "" if relative == "." else relative + "/"
        return relative + (f"#{anchor}" if anchor else "")

    def permalink(self, site_url: str, page: str, anchor: str = "") -> str:
        """The absolute, published URL of a page and anchor, for copies that leave the site."""
        return site_url.rstrip("/") + "/" + page_url(page) + (f"#{anchor}" if anchor else "")

    def of_anchor(self, ladder, anchor: str) -> str:
        """The page that shows an anchor in full: an item's page, or a level's own page."""
        target, _ = ladder.resolve(anchor)
        return self.page_of(target)
