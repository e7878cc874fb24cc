"""Turn ladder items into page fragments through autoescaped Jinja templates.

Headings come out as Markdown (so they reach the table of contents, search and permalinks);
everything under a heading is an HTML block from a template. Every link a template writes comes from
the routes (ladder/routes.py).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .routes import Routes
from .schema import Ladder, Level


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept for the life of the process, keyed by name and source: `make serve`
    rebuilds the site on every edit, and compiling the same templates again is most of a rebuild."""

    def __init__(self):
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self._compiled:
            bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self._compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = MemoryBytecodeCache()

_INDENT = re.compile(r"^[ \t]+", flags=re.MULTILINE)
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>])")


def markdown_text(value) -> Markup:
    """Escape a data string for a Markdown heading: HTML first, then Markdown syntax.

    Quotes stay as they are: they are harmless in heading text, and the table of contents would
    show an entity such as `&#39;` literally.
    """
    return Markup(_MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(str(value), quote=False)))


class Renderer:
    def __init__(
        self, ladder: Ladder, routes: Routes, templates: Path, site_url: str, repo_url: str, data_file: str
    ):
        self.ladder = ladder
        self.routes = routes
        self.site_url = site_url
        self.repo_url = repo_url.rstrip("/")
        self.data_file = data_file
        self.jinja = Environment(
            loader=FileSystemLoader(templates),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            bytecode_cache=TEMPLATE_CACHE,
        )
        self.jinja.filters["md"] = markdown_text
        self.jinja.globals.update(
            edit_url=self.edit_url,
            suggest_url=self.suggest_url,
            permalink=self.permalink,
            routes=routes,
        )

    def permalink(self, target, level: Level | None = None, on=None) -> str:
        """The published URL of a level, an item or one expectation (item and level), for copies that
        leave the site; `on` names another page that shows it, such as the level's own."""
        anchor = target.expectation_anchor(level.id) if level else target.anchor
        return self.routes.permalink(self.site_url, self.routes.page_of(on or target), anchor)

    def edit_url(self, entry) -> str:
        """The data file on the repository host, at the entry's line."""
        return f"{self.repo_url}/blob/main/{self.data_file}#L{self.ladder.line_of(entry)}"

    def suggest_url(self, item) -> str:
        """A new issue on the repository host, pre-filled with the item's id."""
        query = urlencode(
            {
                "title": f"Suggestion for {item.anchor}: {item.name}",
                "body": f"What should change in `{item.anchor}`, and why? An example from real work helps.\n",
            }
        )
        return f"{self.repo_url}/issues/new?{query}"

    def render(self, template: str, current_page: str, **context) -> Markup:
        routes, ladder = self.routes, self.ladder

        def link(target, level: Level | None = None, on=None) -> str:
            """From this page to a level's page, an item, or one expectation (item and level); `on`
            names another page that shows it, such as the level's own. A string names a place of
            `extra.ladder_pages`: "compare", "changelog", "levels"."""
            if isinstance(target, str):
                return routes.link(current_page, routes[target])
            page = routes.page_of(on or target)
            if isinstance(target, Level):
                return routes.link(current_page, page)
            return routes.link(
                current_page, page, target.expectation_anchor(level.id) if level else target.anchor
            )

        def anchor_link(anchor: str) -> str:
            """From this page to wherever an anchor is shown in full."""
            return routes.link(current_page, routes.of_anchor(ladder, anchor), anchor)

        template = self.jinja.get_template(template)
        html = template.render(ladder=ladder, link=link, anchor_link=anchor_link, **context)
        # The templates are indented for their readers; pages need none of it (no fragment holds <pre>).
        return Markup(_INDENT.sub("", html) + "\n")
