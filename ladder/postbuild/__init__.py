"""The steps after a build, on the built HTML alone, whatever engine built it:

    python -m ladder postbuild SITE_DIR [--config mkdocs.yml]

Under MkDocs the `on_post_build` hook runs them (ladder/hooks.py). They write the JSON and CSV exports
and the pages' preview cards, check every link, item and published anchor, and, unless mkdocs.yml turns
it off, lay the fast first paint over the pages (layer.py). A failed check stops the build with every
problem found; a preview (`make serve`) logs them and keeps serving.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

from ..anchors import manifest_path
from ..load import LadderDataError
from ..pages import generated_pages, redirects
from ..site import LadderSite
from . import cards, checks, exports, forwards, layer, versions
from .built import BuiltSite

log = logging.getLogger("mkdocs.plugins.ladder")


class PostBuildError(Exception):
    """A check of the built site failed; the message lists every problem with its fix."""


INSTANT = "navigation.instant"


def robots_txt(site_url: str) -> str:
    """Every page may be crawled; the sitemap, at the site's own address, lists the current ones."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"


def run(site_dir: Path, config_file: Path, preview: bool = False) -> None:
    try:
        site = LadderSite.load(Path(config_file))
    except LadderDataError as error:
        raise PostBuildError(str(error)) from None
    if site.config.fast_first_paint and INSTANT in (
        (site.config.raw.get("theme") or {}).get("features") or []
    ):
        raise PostBuildError(
            f"{config_file}: theme.features has {INSTANT}, which keeps the first page's styles for every "
            "page it opens after it, while the fast first paint gives each page only the styles it needs: "
            f"remove {INSTANT}, or set extra.ladder.fast_first_paint: false"
        )
    pages = generated_pages(site)
    forwards.write(Path(site_dir), redirects(site, pages))
    root_path = urlsplit(site.config.site_url).path or "/"
    built = BuiltSite(Path(site_dir), root_path)
    exports.write(site, built.root)
    (built.root / "robots.txt").write_text(robots_txt(site.config.site_url), encoding="utf-8")
    try:
        versions.write(site, built, parallel=not preview)
    except versions.VersionError as error:
        raise PostBuildError(str(error)) from None
    footer = urlsplit(site.config.site_url).hostname or site.config.site_name
    cards.write_cards(
        cards.cards_of(built.reader_pages()),
        built.root,
        site.config.cache_dir / "social",
        site.config.site_name,
        footer,
    )
    generated = {page.src for page in pages}
    problems = [
        *checks.items_on_their_pages(built, site),
        *checks.broken_links(built, site, generated),
        *checks.lost_anchors(built, site, site.config.project / manifest_path(site.config.data_file)),
    ]
    if problems:
        message = f"{len(problems)} problem(s) in the built site:\n" + "\n".join(f"  {p}" for p in problems)
        if not preview:
            raise PostBuildError(message + "\n" + checks.LINK_FIX)
        log.error(message)
    if site.config.fast_first_paint and not preview:
        try:
            layer.apply(built, site.config.docs_dir, root_path, copies=versions.is_copy(site))
        except layer.LayerError as error:
            raise PostBuildError(str(error)) from None
