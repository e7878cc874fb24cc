"""The sources as another engine reads them: `python -m ladder render STAGE` writes a staged project,
with every macro call of the pages expanded, the pages generated from the data written out, and a
configuration without the MkDocs-only parts (hooks, the macros plugin). Any engine that reads
`mkdocs.yml` builds it; `python -m ladder postbuild SITE` then does the rest, as under MkDocs.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import yaml
from jinja2 import Environment, StrictUndefined, TemplateError

from .macros import macros
from .pages import generated_pages, redirects, with_generated
from .schema import UnknownId
from .site import LadderSite, theme_extra

# What another engine does not run: the staged pages need none of it.
MKDOCS_ONLY_PLUGINS = {"macros"}


class StageError(ValueError):
    """A page cannot be staged; the message names the page and what went wrong in it."""


def expand_macros(site: LadderSite, src: str, text: str) -> str:
    """A page's Markdown with its macro calls expanded, as mkdocs-macros expands them."""
    jinja = Environment(undefined=StrictUndefined, keep_trailing_newline=True)
    jinja.globals.update(macros(site, lambda: src))
    jinja.globals["ladder"] = site.ladder
    jinja.globals["config"] = site.config.raw  # what mkdocs-macros offers pages as `config`
    front, body = _front_matter(text)
    try:
        return front + jinja.from_string(body).render()
    except TemplateError as error:
        line = f":{error.lineno + front.count(chr(10))}" if getattr(error, "lineno", None) else ""
        raise StageError(f"{src}{line}: {error}") from None
    except UnknownId as error:
        raise StageError(f"{src}: {error}") from None


def _front_matter(text: str) -> tuple[str, str]:
    if text.startswith("---\n"):
        end = text.index("\n---\n", 4) + 5
        return text[:end], text[end:]
    return "", text


def stage(config_file: Path, out: Path) -> Path:
    """Write the staged project into `out`; its configuration file."""
    config_file = Path(config_file).resolve()
    site = LadderSite.load(config_file)
    routes = dataclasses.replace(site.config.routes, from_source=True)
    site = dataclasses.replace(site, config=dataclasses.replace(site.config, routes=routes))
    raw = site.config.raw
    docs = site.config.docs_dir
    shutil.rmtree(out, ignore_errors=True)
    (out / "docs").mkdir(parents=True)
    for path in sorted(docs.rglob("*")):
        target = out / "docs" / path.relative_to(docs)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif path.suffix == ".md":
            src = path.relative_to(docs).as_posix()
            target.write_text(expand_macros(site, src, path.read_text(encoding="utf-8")), encoding="utf-8")
        else:
            shutil.copy2(path, target)
    pages = generated_pages(site)
    for page in pages:
        target = out / "docs" / page.src
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(expand_macros(site, page.src, page.content), encoding="utf-8")
    # Zensical's own look is another design; "classic" is Material's, which the site is made for.
    theme = {**(raw.get("theme") or {}), "variant": "classic"}
    if theme.get("custom_dir"):
        shutil.copytree(config_file.parent / theme["custom_dir"], out / theme["custom_dir"])
    plugins = []
    for plugin in raw.get("plugins") or []:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name in MKDOCS_ONLY_PLUGINS:
            continue
        if name == "redirects":
            maps = dict((plugin[name] or {}).get("redirect_maps") or {})
            maps.update(redirects(site, pages))
            plugin = {"redirects": {**plugin[name], "redirect_maps": maps}}
        plugins.append(plugin)
    staged = {
        **{key: value for key, value in raw.items() if key not in ("hooks", "INHERIT")},
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": theme,
        "plugins": plugins,
        "nav": with_generated(raw.get("nav") or [], pages),
        "extra": {**(raw.get("extra") or {}), **theme_extra(site)},
        "watch": [],
    }
    target = out / "mkdocs.yml"
    target.write_text(yaml.safe_dump(staged, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target
