"""Which page shows what: the one place where the site's URLs are decided.

`extra.ladder.pages` in mkdocs.yml names a folder for each kind of item, for the levels and for the
self-assessment, and a page for each of the ladder's other views. A folder's `index.md` is written
by hand; the page of each item, level or level's self-assessment beside it is generated from the data
file (ladder/pages.py). Anchors come from ids (ladder/schema.py); this module joins the two into the
links that templates, exports and checks use.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

from .schema import KINDS, Level

FOLDERS = {
    **{kind.kind: f"the folder of the {kind.kind} items: an overview and a page per item" for kind in KINDS},
    "level": "the folder of the levels: an overview and a page per level",
    "self_assessment": "the folder of the self-assessment: an overview and a page per level",
    "versions": "the folder of the frozen versions of the ladder, one folder per version",
}
PAGES = {
    "glance": "the whole ladder on one page",
    "compare": "the comparison of two levels",
    "changelog": "the changelog",
}


class RouteError(ValueError):
    """`extra.ladder.pages` in mkdocs.yml is incomplete or names something unknown."""


def page_url(src_path: str) -> str:
    """The site URL of a page source, as both engines build it with directory URLs."""
    stem = src_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


@dataclass(frozen=True)
class Routes:
    pages: dict[str, str]
    # Links from a page start where its source file is, not where the page is published: Zensical
    # reads the links of a page's HTML as Markdown links, relative to the source (ladder/stage.py).
    from_source: bool = False

    @classmethod
    def from_config(cls, pages: dict | None) -> Routes:
        pages = dict(pages or {})
        places = {**FOLDERS, **PAGES}
        unknown = sorted(set(pages) - set(places))
        missing = [name for name in places if name not in pages]
        problems = [f"unknown key(s) {', '.join(unknown)}"] if unknown else []
        problems += [f"missing {name!r} ({places[name]})" for name in missing]
        problems += [
            f"{name}: {pages[name]!r} is a folder, written with a slash at the end, such as 'skills/'"
            for name in FOLDERS
            if name in pages and not str(pages[name]).endswith("/")
        ]
        problems += [
            f"{name}: {pages[name]!r} is a page, such as 'glance.md'"
            for name in PAGES
            if name in pages and not str(pages[name]).endswith(".md")
        ]
        if problems:
            raise RouteError(f"mkdocs.yml, extra.ladder.pages: {'; '.join(problems)}")
        return cls(pages)

    def __getitem__(self, name: str) -> str:
        """A view's page ("glance", "compare", "changelog") or a folder's overview ("skill", "level")."""
        return self.pages[name] if name in PAGES else self.pages[name] + "index.md"

    def item(self, item) -> str:
        """The page that shows an item at every level, in full."""
        return f"{self.pages[item.kind]}{item.id}.md"

    def level(self, level: Level) -> str:
        return f"{self.pages['level']}{level.id}.md"

    def assess(self, level: Level) -> str:
        return f"{self.pages['self_assessment']}{level.id}.md"

    def version(self, version: str, page: str = "index.md") -> str:
        """A page of a frozen version: `page` is where the current site has it."""
        return f"{self.pages['versions']}{version}/{page}"

    def landing(self, target) -> str:
        """The anchor of a level or an item on its page: none, as each has a page of its own."""
        return ""

    def page_of(self, target) -> str:
        """The page that shows a level, or an item with all its expectations, in full."""
        return self.level(target) if isinstance(target, Level) else self.item(target)

    def link(self, here: str, page: str, anchor: str = "") -> str:
        """A relative link from the page source `here` to `page` (a page source) and an anchor."""
        base = posixpath.dirname(here) if self.from_source else page_url(here)
        return _relative(page_url(page), base) + (f"#{anchor}" if anchor else "")

    def permalink(self, site_url: str, page: str, anchor: str = "") -> str:
        """The absolute, published URL of a page and anchor, for copies that leave the site."""
        return site_url.rstrip("/") + "/" + page_url(page) + (f"#{anchor}" if anchor else "")

    def of_anchor(self, ladder, anchor: str) -> str:
        """The page that shows an anchor in full: an item's page, or a level's own page."""
        target, _ = ladder.resolve(anchor)
        return self.page_of(target)


@functools.lru_cache(maxsize=4096)  # a page links the same few pages many times over
def _relative(url: str, base: str) -> str:
    """The relative link from the page at URL `base` to the page at `url`: "" for the page itself."""
    relative = posixpath.relpath(url or ".", base or ".")
    return "" if relative == "." else relative + "/"
