"""Pages that forward an old address to the page that took it over: the short address of each level
(`senior/`) and the pages of retired ids, as ladder/pages.py lists them. Moves declared by hand in
mkdocs.yml (`redirect_maps`) are the engine's own redirects plugin's."""

from __future__ import annotations

import html
import json
import posixpath
from pathlib import Path

from ..routes import page_url

STUB = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Redirecting…</title>
<link rel="canonical" href="{href}">
<meta name="robots" content="noindex">
<script>location.replace({target} + location.hash)</script>
<meta http-equiv="refresh" content="0; url={href}">
</head>
<body><a href="{href}">This page has moved.</a></body>
</html>
"""


def write(site_dir: Path, moves: dict[str, str]) -> None:
    """Write a forwarding page at each old page source's address, unless a page is there."""
    for old, new in moves.items():
        old_url, new_url = page_url(old), page_url(new)
        path = Path(site_dir) / old_url / "index.html"
        if path.exists():
            continue
        target = posixpath.relpath(new_url or ".", old_url or ".") + "/"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(STUB.format(href=html.escape(target), target=json.dumps(target)), encoding="utf-8")
