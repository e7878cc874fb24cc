"""Turn ladder items into page fragments through autoescaped Jinja templates.

Headings come out as Markdown (so they reach the table of contents, search and
permalinks); everything under a heading is an HTML block from a template.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .schema import Ladder

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>])")


def markdown_text(value) -> Markup:
    """Escape a data string for a Markdown heading: HTML first, then Markdown syntax.

    Quotes stay as they are: they are harmless in heading text, and the table of contents would
    show an entity such as `&#39;` literally.
    """
    return Markup(_MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(str(value), quote=False)))


def page_url(src_path: str) -> str:
    """The site URL of a page source, as MkDocs builds it with directory URLs."""
    stem = src_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


class Renderer:
    def __init__(self, ladder: Ladder, templates: Path, site_url: str, repo_url: str, data_file: str):
        self.ladder = ladder
        self.site_url = site_url.rstrip("/") + "/"
        self.repo_url = repo_url.rstrip("/")
        self.data_file = data_file
        self.jinja = Environment(
            loader=FileSystemLoader(templates),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.jinja.filters["md"] = markdown_text
        self.jinja.globals.update(
            edit_url=self.edit_url,
            suggest_url=self.suggest_url,
            anchor_target=self.anchor_target,
            permalink=self.permalink,
        )

    def permalink(self, source: str, anchor: str = "") -> str:
        """The absolute, published URL of a page source and anchor, for copies that leave the site."""
        return self.site_url + page_url(source) + (f"#{anchor}" if anchor else "")

    def anchor_target(self, anchor: str) -> tuple[str, str]:
        """(page source, title) of the page that shows an anchor in full, e.g. for the changelog."""
        found, level = self.ladder.resolve(anchor)
        if found.anchor.startswith("level-"):
            return f"levels/{found.id}.md", found.name
        page = "skills.md" if found.kind == "skill" else "responsibilities.md"
        return page, f"{found.name} — {level.name}" if level else found.name

    def edit_url(self, item) -> str:
        """The data file on the repository host, at the item's line."""
        return f"{self.repo_url}/blob/main/{self.data_file}#L{self.ladder.line_of(item)}"

    def suggest_url(self, item) -> str:
        """A new issue on the repository host, pre-filled with the item's id."""
        query = urlencode(
            {
                "title": f"Suggestion for {item.anchor}: {item.name}",
                "labels": "ladder-content",
                "body": (
                    f"Item: `{item.anchor}` ({item.name}), line {self.ladder.line_of(item)} of "
                    f"`{self.data_file}`\n\nWhat should change, and why (an example from real work helps):\n"
                ),
            }
        )
        return f"{self.repo_url}/issues/new?{query}"

    def render(self, template: str, current_page: str, **context) -> Markup:
        def url(target: str, anchor: str = "") -> str:
            """A link from the current page to the page built from the source path `target`."""
            here = page_url(current_page)
            relative = posixpath.relpath(page_url(target) or ".", here or ".")
            relative = "" if relative == "." else relative + "/"
            return relative + (f"#{anchor}" if anchor else "")

        template = self.jinja.get_template(template)
        return Markup(template.render(ladder=self.ladder, url=url, **context) + "\n")
