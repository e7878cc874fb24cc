"""The ladder's commands, the same under every engine:

python -m ladder schema              # print the JSON Schema of the data file (`make schema` writes it)
python -m ladder postbuild SITE_DIR  # the steps after a build, on a site built already
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
    post = commands.add_parser(
        "postbuild", help="exports, cards, checks and the fast first paint of a built site"
    )
    post.add_argument("site", type=Path)
    post.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)

    if args.command == "schema":
        print(json.dumps(json_schema(), indent=2))
        return 0
    from .postbuild import PostBuildError, run

    try:
        run(args.site, args.config)
    except PostBuildError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
