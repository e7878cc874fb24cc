"""Keep the manifest of published anchors (ladder/anchors.py) in step with the built site.

Usage: `python -m tools.anchors SITE_DIR` adds the anchors of new pages and items to the manifest
(`make anchors`); with `--check` it only fails when the build lost a published anchor.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ladder.anchors import explain_lost, manifest_path, read_manifest, write_manifest
from tools.project import DATA_FILE, ROOT, site_config
from tools.site import BuiltSite

MANIFEST = manifest_path(ROOT / DATA_FILE)


def moved_anchors(config: Path) -> dict[str, str]:
    return (site_config(config).get("extra") or {}).get("moved_anchors") or {}


def lost_anchors(site: BuiltSite, manifest: set[str], moves: dict[str, str]) -> list[str]:
    """Manifest entries the build no longer resolves, directly or through a redirect."""
    published = site.published_anchors()
    redirects = {url for url, page in site.pages.items() if page.is_redirect}
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
    manifest = read_manifest(MANIFEST)
    lost = lost_anchors(site, manifest, moved_anchors(ROOT / "mkdocs.yml"))
    shown = MANIFEST.relative_to(ROOT)
    if lost:
        print(explain_lost(lost, str(shown)), file=sys.stderr)
        return 1
    new = site.published_anchors() - manifest
    if args.check:
        if new:
            print(f"{len(new)} new anchor(s) are not in {shown}; run `make anchors`.", file=sys.stderr)
        return 1 if new else 0
    write_manifest(MANIFEST, manifest | new)
    print(f"{shown}: {len(new)} anchor(s) added, {len(manifest | new)} in all.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
