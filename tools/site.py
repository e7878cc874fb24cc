"""A built site read the way a reader's browser and a link checker see it: pages, ids, links, and
each page parsed for the tests that look inside it.

The build's own checks read pages with ladder/postbuild/built.py; this adds a parsed tree per page
for the tests, and serves `make anchors` and the benchmark.
"""

from __future__ import annotations

from functools import cached_property

from bs4 import BeautifulSoup

from ladder.anchors import content_ids, published
from ladder.postbuild import built


def squeeze(text: str) -> str:
    """`text` with each run of white space as one space, as a browser shows it."""
    return " ".join(text.split())


def words(element) -> str:
    """The text a reader sees in a parsed element, its white space squeezed."""
    return squeeze(element.get_text(" "))


class Page(built.BuiltPage):
    @cached_property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.html, "lxml")

    @cached_property
    def content_ids(self) -> set[str]:
        """Ids a reader can link to: everything inside the article but the theme's own and form fields."""
        return content_ids(self.html)


class BuiltSite(built.BuiltSite):
    """The output directory of one build. Pages are parsed when first asked for."""

    page_type = Page

    def page(self, url: str) -> Page:
        return self.pages[url.lstrip("/")]

    def html(self, url: str) -> str:
        return self.page(url).html

    def soup(self, url: str) -> BeautifulSoup:
        return self.page(url).soup

    def published_anchors(self) -> set[str]:
        """Every page URL and `/page/#id` a reader could bookmark or paste into a document."""
        return published(self.pages.values())

    def broken_links(self) -> list[str]:
        """Every internal link or fragment that does not resolve, as 'page: link (reason)'."""
        return [
            f"{url or 'index'}: <{tag}> {link} ({reason})"
            for url, tag, link, reason in super().broken_links()
        ]
