"""A built site read the way a reader's browser and a link checker see it: pages, ids and links.

Used by the tests, by `make anchors` (the manifest of published anchors) and by the benchmark.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

FORM_FIELDS = {"input", "textarea", "select", "button"}
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src"}


def squeeze(text: str) -> str:
    """`text` with each run of white space as one space, as a browser shows it."""
    return " ".join(text.split())


def words(element) -> str:
    """The text a reader sees in a parsed element, its white space squeezed."""
    return squeeze(element.get_text(" "))


class Page:
    def __init__(self, url: str, path: Path):
        self.url = url  # site-relative, like "skills/" or "404.html"
        self.path = path

    @cached_property
    def html(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @cached_property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.html, "lxml")

    @cached_property
    def is_redirect(self) -> bool:
        """The tiny pages mkdocs-redirects writes for old URLs: no content, only a forward."""
        return 'http-equiv="refresh"' in self.html[:2000]

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
    """The output directory of one build. Pages are parsed when first asked for."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.pages = {
            self._url(path): Page(self._url(path), path) for path in sorted(self.root.rglob("*.html"))
        }

    def _url(self, path: Path) -> str:
        relative = path.relative_to(self.root).as_posix()
        return relative.removesuffix("index.html") if relative.endswith("index.html") else relative

    def page(self, url: str) -> Page:
        return self.pages[url.lstrip("/")]

    def html(self, url: str) -> str:
        return self.page(url).html

    def soup(self, url: str) -> BeautifulSoup:
        return self.page(url).soup

    def reader_pages(self) -> list[Page]:
        """Every page a reader can open: not the redirect stubs of moved pages."""
        return [page for page in self.pages.values() if not page.is_redirect]

    def published_anchors(self) -> set[str]:
        """Every page URL and `/page/#id` a reader could bookmark or paste into a document."""
        anchors = set()
        for page in self.reader_pages():
            if page.url == "404.html":
                continue
            anchors.add(f"/{page.url}")
            anchors.update(f"/{page.url}#{anchor}" for anchor in page.content_ids)
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
