"""The manifest of published anchors: every page URL and `/page/#id` the site has ever published.

Managers paste links to single expectations into review documents that live for years, so an anchor
may leave the site only through a redirect: an `aliases:` entry in the data file (a renamed or merged
item), `extra.ladder.moved_anchors` in mkdocs.yml (an anchor that moved to another page) or a
`redirect_maps` entry (a page that moved). The manifest sits beside the data file and only ever grows
(`make anchors`).
"""

from __future__ import annotations

import re
from pathlib import Path

from .schema import ANCHOR, Ladder, UnknownId

MANIFEST_NAME = "published-anchors.txt"
HEADER = (
    "# Every page URL and anchor the site has published. Lines are only ever added: run `make anchors`.\n"
)


def manifest_path(data_file: Path) -> Path:
    return Path(data_file).with_name(MANIFEST_NAME)


def read_manifest(path: Path) -> set[str]:
    lines = Path(path).read_text(encoding="utf-8").splitlines() if Path(path).exists() else []
    return {line for line in lines if line and not line.startswith("#")}


def write_manifest(path: Path, anchors: set[str]) -> None:
    Path(path).write_text(HEADER + "".join(f"{line}\n" for line in sorted(anchors)), encoding="utf-8")


def lost_data_anchors(ladder: Ladder, manifest: set[str], moves: dict[str, str]) -> list[str]:
    """Published anchors of levels and items that no id or alias resolves any more.

    Known from the data alone, so the build can say it at once, before any page is written.
    """
    lost = []
    for entry in sorted(manifest):
        fragment = entry.partition("#")[2]
        if entry in moves or not ladder.is_data_anchor(fragment):
            continue
        try:
            ladder.resolve(fragment)
        except UnknownId:
            lost.append(entry)
    return lost


def explain_lost(lost: list[str], manifest_file: str) -> str:
    """What was lost, grouped by item, and the two ways to keep each link working."""
    by_item: dict[str, list[str]] = {}
    for entry in sorted(lost, key=lambda entry: ("--" in entry, entry)):
        fragment = entry.partition("#")[2]
        by_item.setdefault(fragment.partition("--")[0] or entry, []).append(entry)
    lines = [
        f"{len(lost)} published anchor(s) in {manifest_file} no longer resolve, so links to them in "
        "review documents would break:"
    ]
    for item, entries in by_item.items():
        kind, _, item_id = item.partition("-")
        shown = ", ".join(entries[:3]) + (f" and {len(entries) - 3} more" if len(entries) > 3 else "")
        what = f"{kind} `{item_id}`" if ANCHOR.match(item) else item
        lines.append(f"  {what}: {shown}")
    old_ids = [item.partition("-")[2] for item in by_item if ANCHOR.match(item)]
    lines += [
        "Keep them working in one of two ways:",
        "  - renamed or merged item: list its old id under `aliases:` of the item that replaces it "
        f"in the data file, e.g. `aliases: [{', '.join(old_ids) or 'old-id'}]`;",
        "  - anchor moved to another page: map it under `extra.ladder.moved_anchors` in mkdocs.yml, e.g. "
        '"/skills/#skill-old": "/other-page/#skill-new".',
        f"Never delete lines from {manifest_file}: each one is a link someone may have saved.",
    ]
    return "\n".join(lines)


_ID = re.compile(r'\sid="([^"]+)"')
_FIELD_ID = re.compile(r'<(?:input|textarea|select|button)\b[^>]*?\sid="([^"]+)"')


def content_ids(html: str) -> set[str]:
    """Ids a reader can link to: those inside the article, but the theme's own and form fields'."""
    start, end = html.find("<article"), html.rfind("</article>")
    article = html[start:end] if start >= 0 else html
    ids = {anchor for anchor in _ID.findall(article) if not anchor.startswith("__")}
    return ids - set(_FIELD_ID.findall(article))


def published(pages) -> set[str]:
    """Every page address and `/page/#id` a reader could bookmark or paste into a document, from the
    built pages (`url`, `html` and `is_redirect` of each; the 404 page is no address)."""
    anchors = set()
    for page in pages:
        if page.is_redirect or page.url == "404.html":
            continue
        anchors.add(f"/{page.url}")
        anchors.update(f"/{page.url}#{anchor}" for anchor in content_ids(page.html))
    return anchors


def lost_in_site(built, manifest: set[str], moves: dict[str, str]) -> list[str]:
    """Published addresses and anchors a built site (ladder/postbuild/built.py) no longer has,
    directly, through a redirect stub that forwards to them, or through a move to an anchor."""
    lost = []
    for entry in sorted(manifest):
        url, _, fragment = entry.lstrip("/").partition("#")
        if built.resolves(url, fragment) is None:
            continue
        if entry in moves:
            new_url, _, new_fragment = moves[entry].lstrip("/").partition("#")
            if built.resolves(new_url, new_fragment) is None:
                continue
        lost.append(entry)
    return lost
