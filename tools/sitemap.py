"""Read a built site the way a link checker does: its pages, their ids and their links.

Used by the tests (every internal link and fragment must resolve), by `make anchors` (the manifest of
published anchors) and by `make linkcheck-external`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

FORM_FIELDS = {"input", "textarea", "select", "button"}
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}


@dataclass
class Page:
    url: str  # site-relative, like "skills/" or "404.html"
    soup: BeautifulSoup = field(repr=False)

    @cached_property
    def ids(self) -> set[str]:
        return {element["id"] for element in self.soup.find_all(id=True)}

    @cached_property
    def content_ids(self) -> set[str]:
        """Ids a reader can link to: everything inside the article but the theme's own and form fields."""
        article = self.soup.find("article") or self.soup
        return {
            element["id"]
            for element in article.find_all(id=True)
            if not element["id"].startswith("__") and element.name not in FORM_FIELDS
        }

    def links(self):
        """Yield (tag, url) for every link and resource the page refers to."""
        for tag, attribute in LINK_ATTRIBUTES.items():
            for element in self.soup.find_all(tag, attrs={attribute: True}):
                yield tag, element[attribute]


class BuiltSite:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.pages = {self._url(path): Page(self._url(path), _soup(path)) for path in self._html_files()}

    def _html_files(self):
        return sorted(self.root.rglob("*.html"))

    def _url(self, path: Path) -> str:
        relative = path.relative_to(self.root).as_posix()
        return relative.removesuffix("index.html") if relative.endswith("index.html") else relative

    def is_redirect(self, page: Page) -> bool:
        return page.soup.find("meta", attrs={"http-equiv": "refresh"}) is not None

    def published_anchors(self) -> set[str]:
        """Every page URL and `/page/#id` a reader could bookmark or paste into a document."""
        anchors = set()
        for url, page in self.pages.items():
            if url == "404.html" or self.is_redirect(page):
                continue
            anchors.add(f"/{url}")
            anchors.update(f"/{url}#{anchor}" for anchor in page.content_ids)
        return anchors

    def broken_links(self) -> list[str]:
        """Every internal link or fragment that does not resolve, as 'page: link (reason)'."""
        problems = []
        for url, page in self.pages.items():
            base = "/" if url == "404.html" else f"/{url}"
            for tag, link in page.links():
                problem = self._check(base, link)
                if problem:
                    problems.append(f"{url or 'index'}: <{tag}> {link} ({problem})")
        return problems

    def _check(self, base: str, link: str) -> str | None:
        parts = urlsplit(link)
        if parts.scheme or link.startswith("//"):
            return None  # external: `make linkcheck-external`
        target = urlsplit(urljoin(base, link))
        path = unquote(target.path).lstrip("/")
        file = self.root / path
        if file.is_dir() or not path:
            file = file / "index.html"
        if not file.is_file():
            return "no such file"
        if target.fragment:
            page = self.pages.get(self._url(file))
            if page is None or unquote(target.fragment) not in page.ids:
                return f"no element with id {target.fragment!r}"
        return None

    def external_links(self) -> dict[str, set[str]]:
        """External URL -> pages that link to it."""
        found: dict[str, set[str]] = {}
        for url, page in self.pages.items():
            for _, link in page.links():
                if urlsplit(link).scheme in {"http", "https"}:
                    found.setdefault(link, set()).add(url or "index")
        return found


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
