"""Turn ladder items into page fragments through autoescaped Jinja templates.

Headings come out as Markdown (so they reach the table of contents, search and
permalinks); everything under a heading is an HTML block from a template.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .schema import Ladder

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>])")


def markdown_text(value) -> Markup:
    """Escape a data string for a Markdown heading: HTML first, then Markdown syntax."""
    return Markup(_MARKDOWN_SPECIALS.sub(r"\\\1", str(escape(value))))


def page_url(src_path: str) -> str:
    """The site URL of a page source, as MkDocs builds it with directory URLs."""
    stem = src_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


class Renderer:
    def __init__(self, ladder: Ladder, templates: Path):
        self.ladder = ladder
        self.jinja = Environment(
            loader=FileSystemLoader(templates),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.jinja.filters["md"] = markdown_text

    def render(self, template: str, current_page: str, **context) -> Markup:
        def url(target: str, anchor: str = "") -> str:
            """A link from the current page to the page built from the source path `target`."""
            here = page_url(current_page)
            relative = posixpath.relpath(page_url(target) or ".", here or ".")
            relative = "" if relative == "." else relative + "/"
            return relative + (f"#{anchor}" if anchor else "")

        template = self.jinja.get_template(template)
        return Markup(template.render(ladder=self.ladder, url=url, **context) + "\n")
