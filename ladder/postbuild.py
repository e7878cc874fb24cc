"""The steps after a build: the JSON and CSV exports, the cut of Material's inlined stylesheets, and
pages without the indentation of their templates.

They run as an MkDocs hook (ladder/hooks.py) and, on a site built already, as a command:

    python -m ladder postbuild site/
"""

from __future__ import annotations

import re
from pathlib import Path

from .export import write_exports
from .load import load_ladder
from .routes import Routes
from .stylesheet import prune_site, write_empty_after_load


def run(site_dir: Path, project: Path, extra: dict, site_url: str, prune: bool = True) -> None:
    """`extra` and `site_url` as mkdocs.yml gives them; `project` is the directory of mkdocs.yml."""
    ladder = load_ladder(Path(project) / extra["ladder_data"])
    write_exports(ladder, Routes.from_config(extra.get("ladder_pages")), Path(site_dir), site_url)
    if prune:
        prune_site(site_dir)
        for page in Path(site_dir).rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            page.write_text(without_indentation(html), encoding="utf-8")
    else:
        write_empty_after_load(site_dir)


# Whitespace matters inside these (in a stylesheet, a custom property's value is its text); everywhere
# else a line break is as good as a line break and the indentation after it. Pages are sent
# compressed, but a phone still receives every byte.
_VERBATIM = re.compile(r"(<(pre|textarea|style)\b.*?</\2>)", flags=re.DOTALL | re.IGNORECASE)
_INDENTED = re.compile(r"\n\s+")


def without_indentation(html: str) -> str:
    """`html` with every run of line breaks and indentation reduced to one line break, except
    inside <pre>, <textarea> and <style>."""
    parts = _VERBATIM.split(html)  # text, verbatim block, its tag name, text, …
    return "".join(
        part if index % 3 else _INDENTED.sub("\n", part) for index, part in enumerate(parts) if index % 3 != 2
    )
