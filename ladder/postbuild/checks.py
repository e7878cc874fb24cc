"""Checks on the built site that fail the build, whatever engine built it: every link leads somewhere,
every item is on its overview page, and no published address or anchor is lost.

Each returns a list of problems; ladder/postbuild runs them all and stops the build with every
problem found, each naming the page it is on, what is wrong and the fix.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from ..anchors import explain_lost, lost_in_site, read_manifest
from ..routes import page_url
from ..site import LadderSite
from .built import BuiltSite

LINK_FIX = (
    "Fix the link where it is written. If the page it meant moved, add the old address under "
    "`redirect_maps` in mkdocs.yml; if it is the page of a level or an item that was renamed or retired, "
    "list the old id under `aliases:` of the entry that took it over in the data file."
)


def source_of(site: LadderSite, url: str, generated: set[str]) -> str:
    """Where the page at a built URL comes from, as a contributor would open it."""
    docs = site.config.docs_dir
    for candidate in (f"{url}index.md", f"{url.rstrip('/')}.md") if url else ("index.md",):
        if candidate in generated:
            return f"the page {candidate} that the build generates from {site.config.data_file}"
        if (docs / candidate).is_file():
            return f"{docs.name}/{candidate}"
    return f"the theme's {url or 'index.html'}"


def broken_links(built: BuiltSite, site: LadderSite, generated: set[str]) -> list[str]:
    urls = sorted(built.pages)
    problems = []
    for url, _, link, reason in built.broken_links():
        target = built.target("" if url == "404.html" else url, link)[0]
        close = difflib.get_close_matches(target, urls, n=1, cutoff=0.8)
        hint = f" (did you mean {close[0]!r}?)" if close and close[0] != target else ""
        problems.append(f"{source_of(site, url, generated)} ({url or 'index'}): {link!r}: {reason}{hint}")
    return problems


def items_on_their_pages(built: BuiltSite, site: LadderSite) -> list[str]:
    problems = []
    for item in site.ladder.items():
        overview = site.routes[item.kind]
        page = built.pages.get(page_url(overview))
        if page is not None and item.anchor not in page.ids:
            problems.append(
                f'{item.kind} {item.id!r} is on no overview page: call {{{{ items("{item.kind}") }}}} on '
                f"{site.config.docs_dir.name}/{overview}, where extra.ladder.pages puts {item.kind} items"
            )
    return problems


def lost_anchors(built: BuiltSite, site: LadderSite, manifest: Path) -> list[str]:
    lost = lost_in_site(built, read_manifest(manifest), site.config.moved_anchors)
    return [explain_lost(lost, str(manifest.relative_to(site.config.project)))] if lost else []
