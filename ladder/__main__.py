"""The ladder's commands:

python -m ladder schema             # print the JSON Schema of the data file (`make schema` writes it)
python -m ladder postbuild SITE_DIR # the exports and the stylesheet cut, on a site built already
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .schema import json_schema


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ladder", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("schema", help="print the JSON Schema of the data file")
    post = commands.add_parser("postbuild", help="write the exports and cut the stylesheets of a built site")
    post.add_argument("site", type=Path)
    post.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    post.add_argument("--keep-styles", action="store_true", help="leave Material's inlined stylesheets whole")
    args = parser.parse_args(argv)

    if args.command == "schema":
        print(json.dumps(json_schema(), indent=2))
        return 0
    from mkdocs.config import load_config

    from .postbuild import run

    config = load_config(str(args.config))
    run(args.site, args.config.resolve().parent, config.extra, config.site_url, prune=not args.keep_styles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
