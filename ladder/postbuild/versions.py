"""Every released version's pages, the version picker and the sitemap, after the build.

The engine rendered one shell per depth of address (ladder/versions.py); each version's pages are
copies of the shell of their depth, filled with what the version asked, so their header, navigation
and assets are the site's own. Then every page of the site gets the picker in its header, the current
pages a link to their pinned copy (`ladder-pinned`, which the cite control offers first), and the
sitemap keeps to the current pages.
"""

from __future__ import annotations

import functools
import gzip
import html
import multiprocessing
import os
import posixpath
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from markupsafe import Markup

from ..render import _JINJA
from ..routes import page_url
from ..site import COMPARISON_JSON, LadderSite, asset
from ..versions import (
    PLACEHOLDERS,
    SHELL,
    SLOT,
    FrozenPage,
    frozen_pages,
    render_page,
    renderer,
    shell_depths,
    shell_src,
)
from .built import BuiltSite
from .exports import comparison_json

TOPIC = re.compile(r'(<div class="md-header__topic">\s*<span class="md-ellipsis">.*?</span>)', re.DOTALL)
SITEMAP_URL = re.compile(r"\s*<url>.*?</url>", re.DOTALL)


class VersionError(ValueError):
    """The versions' pages cannot be written as the build left the site; the message says why."""


def write(site: LadderSite, built: BuiltSite, parallel: bool = True) -> None:
    """Every version's pages and export, then the picker on every page. `parallel` writes the
    versions in worker processes where the machine has more than one core, as a build has them
    to itself (a preview's server keeps to one)."""
    history, routes = site.history, site.routes
    folder = routes.pages["versions"]
    if not any(url.startswith(f"{folder}{SHELL}/") for url in built.pages) and any(
        url.startswith(folder + history.current.version) for url in built.pages
    ):
        return  # written on this site already
    shells = {depth: _shell(built, shell_src(folder, depth)) for depth in shell_depths(history, routes)}
    _job.update(site=site, shells=shells, root=built.root)
    workers = min(os.cpu_count() or 1, 4) if parallel and len(history.versions) > 4 else 1
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            results = list(pool.map(_write_version, history.versions))
    else:
        results = [_write_version(version) for version in history.versions]
    written: dict[str, str] = {}  # the URL of each version's page: the current page it shows
    for pages in results:
        for url, counterpart in pages:
            written[url] = counterpart
            path = built.root / url / "index.html"
            built.pages[url] = built.page_type(url, path, path.read_text(encoding="utf-8"))
    shutil.rmtree(built.root / folder / SHELL, ignore_errors=True)
    for url in [url for url in built.pages if url.startswith(f"{folder}{SHELL}/")]:
        del built.pages[url]
    _without_shells_in_sitemap(built.root, folder)
    copies = counterparts(site, written)
    for page in built.reader_pages():
        if page.url != "404.html":  # served at any address: it keeps to the site's header alone
            page.save(_with_picker(page, site, written, copies))


_job: dict = {}  # what the workers share: set before they start, and inherited by forking


def _write_version(version: str) -> list[tuple[str, str]]:
    """Write one version's pages and what the comparison reads of it; (URL, URL of its current page)
    of each page."""
    site, shells, root = _job["site"], _job["shells"], _job["root"]
    history, routes, config = site.history, site.routes, site.config
    folder = routes.pages["versions"]
    render = renderer(history, version, routes, config.site_url, config.repo_url, config.data_file)
    pages = []
    for page in frozen_pages(history, version, routes):
        body = render_page(page, render, lambda path, src=page.src: asset(src, path))
        text = _filled(shells[page.depth], page, body, version, shell_src(folder, page.depth))
        target = root / page_url(page.src) / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        pages.append((page_url(page.src), page_url(page.counterpart)))
    if version in history.earlier:  # the comparison reads the current one from the site's export
        export = root / folder / version / COMPARISON_JSON
        export.parent.mkdir(parents=True, exist_ok=True)
        export.write_text(comparison_json(history.ladder(version)), encoding="utf-8")
    return pages


def is_copy(site: LadderSite):
    """Whether the page at a URL is a version's page, of which the site has many copies."""
    frozen = re.compile(re.escape(site.routes.pages["versions"]) + r"\d")
    return lambda url: frozen.match(url) is not None


def _version_of(site: LadderSite, url: str) -> str:
    """The version of a version's page, from its address: "1.1.0" of "v/1.1.0/skills/"."""
    return url.removeprefix(site.routes.pages["versions"]).split("/")[0]


def _shell(built: BuiltSite, src: str) -> str:
    page = built.pages.get(page_url(src))
    if page is None or SLOT not in page.html:
        raise VersionError(
            f"{page_url(src)}index.html: the build did not write the shell of the versions' pages, or wrote "
            f"it without {SLOT}; the pages of every version are copies of it (ladder/versions.py)"
        )
    return page.html


def _filled(shell: str, page: FrozenPage, body: Markup, version: str, src: str) -> str:
    card = page_url(page.counterpart).strip("/") or "index"
    values = {
        "title": html.escape(page.title, quote=True),
        "description": html.escape(page.description, quote=True),
        "ladder_card": card,
        "ladder_version": version,
    }
    text = shell.replace(SLOT, str(body)).replace(page_url(src), page_url(page.src))
    for key, placeholder in PLACEHOLDERS.items():
        text = text.replace(placeholder, values[key])
    if SHELL in text:
        raise VersionError(f"{page_url(page.src)}: the shell's address is left in the page after filling it")
    return text


def _without_shells_in_sitemap(root: Path, folder: str) -> None:
    """The sitemap lists the current pages only: the copy of each version is found from them."""
    sitemap = root / "sitemap.xml"
    if not sitemap.exists():
        return
    text = SITEMAP_URL.sub(
        lambda match: "" if f"/{folder}{SHELL}/" in match.group(0) else match.group(0),
        sitemap.read_text(encoding="utf-8"),
    )
    sitemap.write_text(text, encoding="utf-8")
    with gzip.GzipFile(root / "sitemap.xml.gz", "wb", mtime=0) as packed:
        packed.write(text.encode("utf-8"))


def counterparts(site: LadderSite, written: dict[str, str]) -> dict[str, dict[str, str]]:
    """For each current page, its copy in each version that has one: {url: {version: url#anchor}}."""
    found: dict[str, dict[str, str]] = {}
    for url, counterpart in written.items():
        version = _version_of(site, url)
        found.setdefault(counterpart, {}).setdefault(version, url)
    routes = site.routes
    for item in site.ladder.items():
        for version in site.history.versions:
            kind_page = page_url(routes.version(version, routes[item.kind]))
            if kind_page in written:
                anchor = item.anchor if _knows(site.history.ladder(version), item.anchor) else ""
                found.setdefault(page_url(routes.item(item)), {})[version] = kind_page + (
                    f"#{anchor}" if anchor else ""
                )
    return found


def _knows(ladder, anchor: str) -> bool:
    try:
        ladder.resolve(anchor)
    except LookupError:
        return False
    return True


def _with_picker(page, site: LadderSite, written: dict[str, str], copies: dict) -> str:
    found = TOPIC.search(page.html)
    if found is None:
        raise VersionError(
            f"{page.url or 'index.html'}: no site title in the header to put the version picker beside "
            "(Material's partials/header.html)"
        )
    picker = _picker(page.url, site, written, copies)
    text = page.html[: found.end()] + picker + page.html[found.end() :]
    pinned = None if page.url in written else copies.get(page.url, {}).get(site.ladder.version)
    if pinned:
        pinned = site.config.site_url + pinned.partition("#")[0]
        meta = f'<meta name="ladder-pinned" content="{html.escape(pinned)}">\n'
        text = text.replace("</head>", meta + "</head>", 1)
    return text


def _picker(url: str, site: LadderSite, written: dict[str, str], copies: dict) -> str:
    """The picker's markup on the page at `url`: the current version, then each version's copy of the
    page, newest first, then the list of every version."""
    frozen = written.get(url)
    here_version = _version_of(site, url) if frozen else None
    living = frozen or url
    routes = site.routes
    options = [
        {
            "label": f"{site.ladder.version} · current",
            "href": _relative(url, living),
            "current": frozen is None,
        }
    ]
    for version in reversed(site.history.versions):
        target = copies.get(living, {}).get(version) or page_url(routes.version(version))
        options.append({"label": version, "href": _relative(url, target), "current": version == here_version})
    every = _relative(url, page_url(routes["versions"]))
    options.append({"label": "All versions", "href": every, "current": False})
    return _JINJA.get_template("version_picker.html").render(
        shown=here_version or site.ladder.version,
        old=here_version not in (None, site.ladder.version),
        options=options,
    )


@functools.lru_cache(maxsize=16384)  # every page's picker links the same few pages
def _relative(here: str, url: str) -> str:
    path, _, anchor = url.partition("#")
    relative = posixpath.relpath(path or ".", here.rstrip("/") or ".")
    relative = "./" if relative == "." else relative + ("/" if path.endswith("/") else "")
    return relative + (f"#{anchor}" if anchor else "")
