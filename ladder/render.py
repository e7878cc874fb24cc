"""Turn ladder items into page fragments through the autoescaped Jinja templates in ladder/templates.

A fragment is Markdown headings around HTML blocks when an engine renders the page (the headings reach
the table of contents, search and permalinks), or HTML alone when the page is filled in after the
build (a frozen version's pages). Every link a template writes comes from the routes
(ladder/routes.py), and every label from the view (ladder/view.py).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .config import cache_dir
from .routes import Routes
from .schema import Level
from .view import View

TEMPLATES = Path(__file__).with_name("templates")


class TemplateCache(FileSystemBytecodeCache):
    """Compiled templates, the theme's and the ladder's, keyed by name and source: kept for the life of
    the process, since `make serve` rebuilds the site on every edit, and in the cache directory, so that
    the next build does not compile them again either. Compiling them is a third of a build."""

    def __init__(self, directory: Path):
        super().__init__(str(directory))
        self._directory = directory
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key not in self._compiled:
            super().load_bytecode(bucket)
            if bucket.code is None:
                return
            self._compiled[bucket.key] = bucket.bytecode_to_string()
        bucket.bytecode_from_string(self._compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self._compiled[bucket.key] = bucket.bytecode_to_string()
        try:
            self._directory.mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass  # a checkout that cannot be written to compiles its templates on each build


TEMPLATE_CACHE = TemplateCache(cache_dir(Path(__file__).resolve().parent.parent) / "templates")

_INDENT = re.compile(r"^[ \t]+", flags=re.MULTILINE)
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>])")


def markdown_text(value) -> Markup:
    """Escape a data string for a Markdown heading: HTML first, then Markdown syntax.

    Quotes stay as they are: they are harmless in heading text, and the table of contents would
    show an entity such as `&#39;` literally.
    """
    return Markup(_MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(str(value), quote=False)))


def _environment() -> Environment:
    jinja = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=TEMPLATE_CACHE,
        auto_reload=False,  # a build reads each template once: see reload_templates
    )
    jinja.filters["md"] = markdown_text
    return jinja


_JINJA = _environment()


def reload_templates() -> None:
    """Read the templates afresh at the start of a build: `make serve` rebuilds in one process, and a
    template may have changed since the last build."""
    _JINJA.cache.clear()


class Renderer:
    """Renders one version of the ladder: the current one, or a frozen one under its own folder."""

    def __init__(self, view: View, repo_url: str, data_file: str, markdown: bool = True):
        self.view = view
        self.ladder = view.ladder
        self.routes: Routes = view.routes
        self.repo_url = repo_url.rstrip("/")
        self.data_file = data_file
        self.markdown = markdown

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

    def heading(self, depth: int, text: str, anchor: str, *classes: str, archetypes: str = "") -> Markup:
        """A heading with a permanent anchor: Markdown where an engine renders the page, so that it
        reaches the table of contents and search, else HTML with the same permalink sign.
        `archetypes` names those an expectation's heading applies to, for the archetype filter."""
        data = f' data-archetypes="{escape(archetypes)}"' if archetypes else ""
        if self.markdown:
            attributes = " ".join([f"#{anchor}", *(f".{name}" for name in classes)]) + data
            return Markup(f"\n\n{'#' * depth} {markdown_text(text)} {{ {attributes} }}\n\n")
        anchor, classes = escape(anchor), escape(" ".join(classes))
        permalink = f'<a class="headerlink" href="#{anchor}" title="Link to this section">¶</a>'
        attributes = f' id="{anchor}"' + (f' class="{classes}"' if classes else "") + data
        return Markup(f"<h{depth}{attributes}>{escape(text)}{permalink}</h{depth}>\n")

    def render(self, template: str, current_page: str, **context) -> Markup:
        routes, ladder = self.routes, self.ladder

        def link(target, level: Level | None = None, on=None) -> str:
            """From this page to a level's page, an item's page, or one expectation (item and level)
            on the item's page; `on` names another page that shows it, such as the level's own. A string
            names one of the ladder's views: "compare", "changelog", "glance", "level" (the overview)."""
            if isinstance(target, str):
                return routes.link(current_page, routes[target])
            page = routes.page_of(on or target)
            if level is None:
                return routes.link(current_page, page, "" if on else routes.landing(target))
            return routes.link(current_page, page, target.expectation_anchor(level.id))

        def anchor_link(anchor: str) -> str:
            """From this page to wherever an anchor is shown in full."""
            return routes.link(current_page, routes.of_anchor(ladder, anchor), anchor)

        html_out = _JINJA.get_template(template).render(
            ladder=ladder,
            view=self.view,
            routes=routes,
            here=current_page,
            link=link,
            anchor_link=anchor_link,
            heading=self.heading,
            edit_url=self.edit_url,
            suggest_url=self.suggest_url,
            **context,
        )
        # The templates are indented for their readers; pages need none of it (no fragment holds <pre>).
        return Markup(_INDENT.sub("", html_out) + "\n")
