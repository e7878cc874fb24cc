"""The pages of every released version, each under its own folder, so that a link made to a version
years ago still shows the words it meant: `v/1.1.0/skills/#skill-statistics--senior`.

A version has a home page, a page per kind of item (every item of the kind, every expectation under
its permanent anchor, in a few words as the current overview shows it), a page per level (each
expectation in full) and the ladder at a glance. The engine renders one empty page per depth of
address (a shell, with the site's header, navigation and assets); the steps after the build fill a
copy of the shell with each version's page (ladder/postbuild/versions.py), so a version costs its own
pages and nothing else.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass

from markupsafe import Markup

from .releases import History
from .render import Renderer
from .routes import Routes, page_url
from .schema import Level
from .view import View

SHELL = "ladder-shell"  # the folder of the shells, under the folder of the versions; deleted after the build
SLOT = '<h1 id="ladder-frozen-slot">@</h1>'  # where a shell's content goes
# What a shell's front matter says, replaced in each copy by the page's own values.
PLACEHOLDERS = {
    "title": "ladder-frozen-title",
    "description": "ladder-frozen-description",
    "ladder_card": "ladder-frozen-card",
    "ladder_version": "ladder-frozen-version",
}


@dataclass(frozen=True)
class VersionRoutes(Routes):
    """The routes of one frozen version: its levels, kinds and glance under `v/<version>/`; the
    comparison, the changelog and the self-assessment are the current site's."""

    release: str = ""  # the version whose pages these are

    def _in(self, page: str) -> str:
        return self.version(self.release, page)

    def __getitem__(self, name: str) -> str:
        if name in ("compare", "changelog", "self_assessment", "versions"):
            return super().__getitem__(name)
        if name == "level":
            return self._in("index.md")
        return self._in(super().__getitem__(name))

    def item(self, item) -> str:
        return self._in(f"{self.pages[item.kind]}index.md")

    def level(self, level: Level) -> str:
        return self._in(f"{self.pages['level']}{level.id}.md")

    def landing(self, target) -> str:
        """A version shows each item on the page of its kind, under the item's anchor."""
        return "" if isinstance(target, Level) else target.anchor


@dataclass(frozen=True)
class FrozenView(View):
    """A frozen version as its pages present it: what it asked, and where a later version changed it."""

    history: History | None = None

    @property
    def frozen(self) -> bool:
        return True

    def changed_later(self, anchor: str) -> str | None:
        return self.history.changed_after(self.ladder.version, anchor)

    def compare_query(self, anchor: str, later: str) -> str:
        """The comparison of what an expectation asked in this version with what it asks in `later`."""
        item, level = self.ladder.resolve(anchor)
        with suppress(LookupError):  # the comparison names a row by the item's id today, if it has one
            item = self.history.current.resolve(item.anchor)[0]
        level_id = level.id if level else self.ladder.centre
        return (
            f"?from={level_id}&to={level_id}&from_version={self.ladder.version}"
            f"&to_version={self.history.current.version}&item={item.anchor}"
        )


@dataclass(frozen=True)
class FrozenPage:
    src: str  # as if it were in docs/: "v/1.1.0/skills/index.md"
    title: str
    description: str
    counterpart: str  # the current page that shows the same things: the banner links to it
    template: str
    context: dict

    @property
    def depth(self) -> int:
        return page_url(self.src).count("/")


def shell_depths(history: History, routes: Routes) -> list[int]:
    """The depths of address that the versions' pages have: one shell each."""
    return sorted(
        {page.depth for version in history.versions for page in frozen_pages(history, version, routes)}
    )


def shell_src(versions_folder: str, depth: int) -> str:
    """The shell whose address has `depth` parts, as a page of version `x` at that depth has."""
    return f"{versions_folder}{SHELL}/{'s/' * (depth - 2)}index.md"


def frozen_pages(history: History, version: str, routes: Routes) -> list[FrozenPage]:
    ladder = history.ladder(version)
    here = VersionRoutes(routes.pages, release=version)
    pages = [
        FrozenPage(
            here["level"],
            f"Version {version}",
            f"The ladder as released in version {version}: every level and item as released.",
            routes["changelog"],
            "frozen_home.html",
            {"kinds": []},
        )
    ]
    for section in ladder.sections():
        kind = section.kind
        if here[kind] in {page.src for page in pages}:
            continue
        title = section.items[0].title
        pages.append(
            FrozenPage(
                here[kind],
                f"{title} in version {version}",
                f"Every {section.items[0].noun} and what it asked at each level in version {version}.",
                routes[kind],
                "frozen_kind.html",
                {"sections": ladder.sections(kind=kind)},
            )
        )
        pages[0].context["kinds"].append((title, here[kind]))
    current_levels = {level.id for level in history.current.levels}
    for level in ladder.levels:
        pages.append(
            FrozenPage(
                here.level(level),
                f"{level.name} in version {version}",
                f"What a {level.name} was expected to do in version {version}: {level.summary}",
                routes.level(level) if level.id in current_levels else routes["level"],
                "level_page.html",
                {"level": level},
            )
        )
    pages.append(
        FrozenPage(
            here["glance"],
            f"The ladder at a glance, version {version}",
            f"Every expectation of version {version} in a few words, item by level.",
            routes["glance"],
            "glance.html",
            {},
        )
    )
    return pages


def renderer(history: History, version: str, routes: Routes, site_url: str, repo_url: str, data_file: str):
    routes_of_version = VersionRoutes(routes.pages, release=version)
    view = FrozenView(history.ladder(version), routes_of_version, site_url, history)
    return Renderer(view, repo_url, data_file, markdown=False)


def render_page(page: FrozenPage, render: Renderer, asset) -> Markup:
    return render.render(page.template, page.src, asset=asset, page=page, **page.context)
