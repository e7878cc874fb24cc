"""The pages generated from the data file, their places in the navigation, and the redirects that keep
old addresses of levels and items working.

Each level, each item and each level's self-assessment has a page of its own. Nobody writes or
forgets one: the MkDocs hooks add them to the build (`File.generated`) and `python -m ladder render`
writes them into the tree it stages for other engines, from this one list. Levels and their
self-assessments are listed in the navigation under their overviews; an item's page is reached from
its overview, so that the navigation stays short however many items the ladder has. Search leaves
the self-assessments out: each of their expectations is found on its level's page and its item's.
"""

from __future__ import annotations

import html
import json
import textwrap
from dataclasses import dataclass

import yaml

from .routes import page_url
from .site import LadderSite
from .versions import PLACEHOLDERS, SLOT, shell_depths, shell_src


@dataclass(frozen=True)
class GeneratedPage:
    src: str  # the page's source path, as if it were in docs/: "levels/senior.md"
    title: str  # its title in the navigation
    under: str  # the overview page it is listed under: "levels/index.md"
    content: str  # Markdown with front matter, calling one macro
    macro: str  # the macro it calls, which says what kind of page it is: "level_page"
    in_nav: bool = True  # listed in the navigation; an item's page is reached from its overview


def _page(
    src: str,
    nav_title: str,
    under: str,
    macro: str,
    args: tuple,
    description: str,
    in_nav: bool = True,
    **meta,
) -> GeneratedPage:
    # The theme prints a description into an attribute as it is: escape what data may hold.
    meta = {
        "description": html.escape(textwrap.shorten(description, 200, placeholder="…"), quote=True),
        **meta,
    }
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    call = f"{macro}({', '.join(json.dumps(arg) for arg in args)})"
    return GeneratedPage(src, nav_title, under, f"---\n{front}---\n\n{{{{ {call} }}}}\n", macro, in_nav)


def generated_pages(site: LadderSite) -> list[GeneratedPage]:
    ladder, routes = site.ladder, site.routes
    pages = [
        _page(
            routes.level(level),
            level.name,
            routes["level"],
            "level_page",
            (level.id,),
            description=f"What a {level.name} is expected to do: {level.summary}",
        )
        for level in ladder.levels
    ]
    for section in ladder.sections():
        for item in section.items:
            pages.append(
                _page(
                    routes.item(item),
                    item.name,
                    routes[item.kind],
                    "item_page",
                    (item.kind, item.id),
                    description=f"{item.name} at every level of the ladder: {item.summary}",
                    in_nav=False,
                )
            )
    pages += [
        _page(
            routes.assess(level),
            level.name,
            routes["self_assessment"],
            "assess_level",
            (level.id,),
            description=f"Assess yourself against every expectation of {level.name}, note your evidence "
            "and export it as Markdown.",
            title=f"Self-assessment: {level.name}",
            ladder_styles=["assets/stylesheets/assess.css"],
            search={"exclude": True},
        )
        for level in ladder.levels
    ]
    pages.append(
        _page(
            routes["versions"],
            "Versions",
            routes["changelog"],
            "versions",
            (),
            description="Every released version of the ladder, each readable as it was released.",
            in_nav=False,
            title="Every version of the ladder",
        )
    )
    return pages + shells(site)


def shells(site: LadderSite) -> list[GeneratedPage]:
    """One empty page per depth of the frozen versions' addresses, which the steps after the build copy
    and fill with each version's pages (ladder/versions.py): not listed, not searched, no contents."""
    glance = (site.config.docs_dir / site.routes["glance"]).read_text(encoding="utf-8")
    glance_meta = yaml.safe_load(glance.split("---\n")[1]) if glance.startswith("---\n") else {}
    meta = {
        **{key: value for key, value in PLACEHOLDERS.items() if key != "description"},
        # a version's glance is one of its pages: every copy has the sheets the glance page names
        "ladder_styles": (glance_meta or {}).get("ladder_styles", []),
        "hide": ["toc"],
        "search": {"exclude": True},
        "ladder_frozen": True,
    }
    return [
        GeneratedPage(
            shell_src(site.routes.pages["versions"], depth),
            PLACEHOLDERS["title"],
            site.routes["versions"],
            "---\n"
            + yaml.safe_dump({"description": PLACEHOLDERS["description"], **meta}, sort_keys=False)
            + f"---\n\n{SLOT}\n",
            "shell",
            in_nav=False,
        )
        for depth in shell_depths(site.history, site.routes)
    ]


def with_generated(nav: list, pages: list[GeneratedPage]) -> list:
    """The navigation with each generated page listed under its overview page, which becomes the
    index of a section (Material's `navigation.indexes`) if it was a page of its own."""
    children: dict[str, list[dict]] = {}
    for page in pages:
        if page.in_nav:
            children.setdefault(page.under, []).append({page.title: page.src})
    return [_expand(entry, children) for entry in nav]


def _expand(entry, children: dict[str, list[dict]]):
    if isinstance(entry, str):
        return {_title_of(entry): [entry, *children[entry]]} if entry in children else entry
    ((title, value),) = entry.items()
    if isinstance(value, str):
        return {title: [value, *children[value]]} if value in children else entry
    expanded = [_expand(child, children) for child in value]
    index = next((child for child in value if isinstance(child, str) and child in children), None)
    if index is not None:
        position = expanded.index(index) + 1
        expanded[position:position] = children[index]
    return {title: expanded}


def _title_of(src: str) -> str:
    return page_url(src).strip("/").rpartition("/")[2].replace("-", " ").capitalize() or "Home"


def redirects(site: LadderSite, pages: list[GeneratedPage]) -> dict[str, str]:
    """Old addresses that lead to generated pages: a retired id's page leads to the page of the level or
    item that took it over, and `<level id>/` is a short address of each level's page."""
    ladder, routes = site.ladder, site.routes
    moves: dict[str, str] = {}
    for level in ladder.levels:
        for old in level.aliases:
            moves[f"{routes.pages['level']}{old}.md"] = routes.level(level)
            moves[f"{routes.pages['self_assessment']}{old}.md"] = routes.assess(level)
        for short in (level.id, *level.aliases):
            moves[f"{short}.md"] = routes.level(level)
    for item in ladder.items():
        for old in item.aliases:
            moves[f"{routes.pages[item.kind]}{old}.md"] = routes.item(item)
    taken = {page.src for page in pages}
    clashes = sorted(
        source for source in moves if source in taken or (site.config.docs_dir / source).exists()
    )
    if clashes:
        raise ValueError(
            f"{', '.join(clashes)}: a level's short address, or an old id's address, is also a page of the "
            "site; rename the page, or choose another id"
        )
    return moves
