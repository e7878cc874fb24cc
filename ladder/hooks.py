"""MkDocs hooks (`hooks:` in mkdocs.yml): what the theme takes from files, and the steps after a build.

Material is extended, never parsed: its stylesheets are read as files from its package and inlined by
overrides/main.html, whose scripts block loads Material's bundle by the name found here. The site's
own stylesheets (`extra.ladder_styles`) are inlined the same way, without their comments.
"""

from __future__ import annotations

import functools
import html
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from ladder import postbuild
from ladder.render import TEMPLATE_CACHE
from ladder.social import Card, write_cards
from ladder.stylesheet import AFTER_LOAD, without_comments

_command = "build"


def on_startup(command, dirty):
    global _command
    _command = command


@dataclass(frozen=True)
class ThemeAssets:
    material_css: list[Markup]  # Material's stylesheets, in the order its base.html links them
    bundle: str  # Material's script bundle, relative to the site root
    after_load: str = AFTER_LOAD  # the rules only the bundle's classes match (ladder/stylesheet.py)


def _material_dir(config) -> Path:
    for directory in map(Path, config.theme.dirs):
        if list(directory.glob("assets/javascripts/bundle.*.min.js")):
            return directory
    raise FileNotFoundError("no theme directory holds Material's assets/javascripts/bundle.*.min.js")


def _one(directory: Path, pattern: str) -> Path:
    found = sorted(directory.glob(pattern))
    if len(found) != 1:
        raise FileNotFoundError(f"expected one {pattern} in {directory}, found {len(found)}")
    return found[0]


def theme_assets(config) -> ThemeAssets:
    material = _material_dir(config)
    sheets = ["assets/stylesheets/main.*.min.css"]
    if config.theme.get("palette"):
        sheets.append("assets/stylesheets/palette.*.min.css")
    return ThemeAssets(
        material_css=[Markup(_one(material, pattern).read_text(encoding="utf-8")) for pattern in sheets],
        bundle=_one(material, "assets/javascripts/bundle.*.min.js").relative_to(material).as_posix(),
    )


_LINE_BREAKS = re.compile(r"\s*\n\s*")


def site_css(docs_dir: Path, paths: list[str]) -> Markup:
    """The site's own stylesheets, as one block without comments or line breaks."""
    return Markup("".join(_compact((docs_dir / path).read_text(encoding="utf-8")) for path in paths))


@functools.lru_cache(maxsize=32)
def _compact(css: str) -> str:
    return _LINE_BREAKS.sub(" ", without_comments(css)).strip()


def on_env(env, config, files):
    env.globals["ladder_assets"] = theme_assets(config)
    # extra.ladder_styles: what every page inlines, and all that a page without styles of its own gets.
    env.globals["ladder_css"] = site_css(Path(config.docs_dir), config.extra["ladder_styles"])
    env.bytecode_cache = TEMPLATE_CACHE  # the theme's templates, compiled once per process
    return env


_TAG = re.compile(r"<[^>]+>")
_cards: list[Card] = []


def description(page, config) -> str:
    """A page's description: its front matter's, else its first paragraph, else the site's."""
    if page.meta.get("description"):
        return page.meta["description"]
    first = (page.content or "").partition("</p>")[0].rpartition("<p")[2].partition(">")[2]
    text = html.unescape(_TAG.sub("", first)).strip()
    return textwrap.shorten(text, 160, placeholder="…") if text else config.site_description


def on_pre_build(config):
    _cards.clear()


def on_page_context(context, page, config, nav):
    # A page that needs more than extra.ladder_styles names it in its front matter, like the tools'
    # pages: `ladder_styles: [assets/stylesheets/tools.css]`.
    if page.meta.get("ladder_styles"):
        paths = [*config.extra["ladder_styles"], *page.meta["ladder_styles"]]
        context["ladder_css"] = site_css(Path(config.docs_dir), paths)
    card = Card(page.url, page.title or config.site_name, description(page, config))
    context["page_description"] = card.description
    context["ladder_card"] = card.path
    _cards.append(card)
    return context


def on_post_build(config):
    # The preview skips the stylesheet cut: it changes no computed style (tests/test_stylesheet.py),
    # and leaving it out keeps `make serve` quick to show an edit.
    project = Path(config.config_file_path).parent
    footer = urlsplit(config.site_url).hostname or config.site_name
    write_cards(_cards, Path(config.site_dir), project / ".cache" / "social", config.site_name, footer)
    try:
        postbuild.run(config.site_dir, project, config.extra, config.site_url, prune=_command != "serve")
    except ValueError as error:
        raise PluginError(str(error)) from None
