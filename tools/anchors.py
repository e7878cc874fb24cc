"""Keep the manifest of published anchors (ladder/anchors.py) in step with the built site.

Usage: `python -m tools.anchors SITE_DIR` adds the anchors of new pages and items to the manifest
(`make anchors`); with `--check` it only fails when the build lost a published anchor or has new ones
the manifest lacks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ladder.anchors import explain_lost, lost_in_site, manifest_path, read_manifest, write_manifest
from ladder.config import site_config
from tools.project import ROOT
from tools.site import BuiltSite


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("site", type=Path)
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--check", action="store_true", help="only report lost and new anchors")
    args = parser.parse_args(argv)

    config = site_config(args.config)
    shown = manifest_path(config.data_file)
    manifest_file = config.project / shown
    site = BuiltSite(args.site)
    manifest = read_manifest(manifest_file)
    lost = lost_in_site(site, manifest, config.moved_anchors)
    if lost:
        print(explain_lost(lost, str(shown)), file=sys.stderr)
        return 1
    new = site.published_anchors() - manifest
    if args.check:
        if new:
            print(f"{len(new)} new anchor(s) are not in {shown}; run `make anchors`.", file=sys.stderr)
        return 1 if new else 0
    write_manifest(manifest_file, manifest | new)
    print(f"{shown}: {len(new)} anchor(s) added, {len(manifest | new)} in all.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
