"""A built site as the steps after a build read it: every page's HTML, ids and links.

Engines write the same markup in the same few forms (`id="…"`, `href="…"`, `src="…"`, double quotes),
so plain patterns read it quickly enough to check every page of every version on each build.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote

ID = re.compile(r'\sid="([^"]+)"')
LINK = re.compile(r'<(a|link|script|img|source)\b[^>]*?\s(?:href|src)="([^"]*)"', re.IGNORECASE)
META = re.compile(r'<meta\s+(?:name|property)="([^"]+)"\s+content="([^"]*)"')
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
REDIRECT = 'http-equiv="refresh"'
REFRESH = re.compile(r'http-equiv="refresh"\s+content="\d+;\s*url=([^"]+)"', re.IGNORECASE)


def url_of(site: Path, path: Path) -> str:
    """The site URL of a built file: "" for the home page, "skills/", "404.html"."""
    relative = path.relative_to(site).as_posix()
    return relative.removesuffix("index.html")


@dataclass
class BuiltPage:
    url: str
    path: Path
    html: str = field(repr=False)

    @cached_property
    def ids(self) -> set[str]:
        return set(ID.findall(self.html))

    @cached_property
    def is_redirect(self) -> bool:
        """A stub an engine writes for a moved page: no content, only a forward."""
        return REDIRECT in self.html[:2000]

    @cached_property
    def forward(self) -> str | None:
        """Where a redirect stub sends the reader, as written in it; it keeps the anchor."""
        found = REFRESH.search(self.html[:2000])
        return html.unescape(found.group(1)) if found else None

    def links(self) -> list[tuple[str, str]]:
        """(tag, address) of every link and resource the page refers to."""
        return [(tag.lower(), html.unescape(address)) for tag, address in LINK.findall(self.html)]

    @cached_property
    def meta(self) -> dict[str, str]:
        return {name: html.unescape(content) for name, content in META.findall(self.html)}

    def save(self, text: str) -> None:
        if text != self.html:
            self.path.write_text(text, encoding="utf-8")
            self.html = text
            self.__dict__.pop("ids", None)
            self.__dict__.pop("meta", None)


class BuiltSite:
    page_type = BuiltPage

    def __init__(self, root: Path, root_path: str = "/"):
        self.root = Path(root)
        self.root_path = root_path  # the path of the site's address: "/", or "/ladder/" for a project site
        self.pages = {}
        for path in sorted(self.root.rglob("*.html")):
            url = url_of(self.root, path)
            self.pages[url] = self.page_type(url, path, path.read_text(encoding="utf-8"))

    def reader_pages(self) -> list[BuiltPage]:
        return [page for page in self.pages.values() if not page.is_redirect]

    def target(self, base: str, link: str) -> tuple[str, str] | None:
        """(page URL, fragment) that an internal link from the page at `base` leads to, or None for a
        link to another host. The page URL may name no page: the caller checks."""
        if link.startswith("#"):
            return base, unquote(link[1:])
        address, _, fragment = link.partition("#")
        url = self._url(base.rpartition("/")[0], address)  # the same from every page of a folder
        return None if url is None else (url, unquote(fragment))

    @functools.lru_cache(maxsize=16384)  # noqa: B019 (the site lives as long as its cache)
    def _url(self, folder: str, address: str) -> str | None:
        if address.startswith("//") or SCHEME.match(address):
            return None
        path = address.partition("?")[0]
        base = self.root_path + folder + "/" if folder else self.root_path
        if not path:
            joined = base
        else:  # what urljoin does, for the paths pages hold, in a fraction of its time
            joined = posixpath.normpath(path if path.startswith("/") else base + path)
            if path.endswith(("/", "/.", "/..")) or path in (".", ".."):
                joined = joined.rstrip("/") + "/"
        path = unquote(joined)
        path = path[len(self.root_path) :] if path.startswith(self.root_path) else path.lstrip("/")
        if path and not path.endswith("/") and (self.root / path).is_dir():
            path += "/"
        return path

    def resolves(self, url: str, fragment: str = "") -> str | None:
        """Why `url#fragment` does not resolve in this site, or None when it does. A redirect stub
        forwards the anchor to the page it names."""
        page = self.pages.get(url) if url == "" or url.endswith(("/", ".html")) else None
        if page is not None and page.is_redirect and fragment and page.forward:
            target = self.target(url, page.forward)
            return self.resolves(*target[:1], fragment) if target else None
        if page is None:
            return None if (self.root / url).is_file() and not fragment else "no such page or file"
        if fragment and fragment not in page.ids:
            return f"no element with id {fragment!r} on that page"
        return None

    def broken_links(self) -> list[tuple[str, str, str, str]]:
        """(page URL, tag, link, why) for every internal link or fragment that does not resolve."""
        broken = []
        for url, page in self.pages.items():
            for tag, link in page.links():
                target = self.target("" if url == "404.html" else url, link)
                reason = target and self.resolves(*target)
                if reason:
                    broken.append((url, tag, link, reason))
        return broken
