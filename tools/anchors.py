"""The manifest of published anchors: every page URL and `page#id` the site has ever published.

    python tools/anchors.py SITE_DIR          # add new anchors to the manifest (`make anchors`)
    python tools/anchors.py SITE_DIR --check  # fail if the build lost a published anchor

An anchor may leave a page only through a redirect: an `aliases:` entry in the data file (renamed
item), `moved_anchors` in mkdocs.yml (anchor moved to another page) or a `redirect_maps` entry
(page moved). Each of those keeps the old URL resolvable, so the manifest never loses a line.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from sitemap import BuiltSite

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "tests" / "published-anchors.txt"
HEADER = (
    "# Every page URL and anchor the site has published. Lines are only ever added: see tools/anchors.py.\n"
)


def read_manifest(path: Path = MANIFEST) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return {line for line in lines if line and not line.startswith("#")}


def moved_anchors(config: Path) -> dict[str, str]:
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    return (data.get("extra") or {}).get("moved_anchors") or {}


class _ConfigLoader(yaml.SafeLoader):
    """MkDocs' config may hold Python tags (e.g. !!python/name for emoji); only `extra` is read here."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)


def lost_anchors(site: BuiltSite, manifest: set[str], moves: dict[str, str]) -> list[str]:
    """Manifest entries the build no longer resolves, directly or through a redirect."""
    published = site.published_anchors()
    redirects = {url for url, page in site.pages.items() if site.is_redirect(page)}
    lost = []
    for entry in sorted(manifest - published):
        page, _, anchor = entry.partition("#")
        if entry in moves and moves[entry] in published:
            continue
        if page.lstrip("/") in redirects and not anchor:
            continue
        lost.append(entry)
    return lost


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("site", type=Path)
    parser.add_argument("--check", action="store_true", help="only report lost anchors")
    args = parser.parse_args(argv)

    site = BuiltSite(args.site)
    manifest = read_manifest()
    lost = lost_anchors(site, manifest, moved_anchors(ROOT / "mkdocs.yml"))
    if lost:
        print("These published anchors no longer resolve. Add an alias, a moved anchor or a redirect:")
        print("\n".join(f"  {entry}" for entry in lost))
        return 1
    new = site.published_anchors() - manifest
    if args.check:
        if new:
            print(f"{len(new)} new anchor(s) are not in {MANIFEST.name}; run `make anchors`.")
        return 1 if new else 0
    MANIFEST.write_text(HEADER + "".join(f"{line}\n" for line in sorted(manifest | new)), encoding="utf-8")
    print(f"{MANIFEST.relative_to(ROOT)}: {len(new)} anchor(s) added, {len(manifest | new)} in all.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
