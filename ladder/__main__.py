"""The ladder's commands, the same under every engine:

python -m ladder schema              # print the JSON Schema of the data file (`make schema` writes it)
python -m ladder postbuild SITE_DIR  # the steps after a build, on a site built already
python -m ladder release             # freeze the data file's version (`make release`)
python -m ladder render STAGE        # the sources with macros expanded, for another engine
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
    release = commands.add_parser(
        "release", help="freeze the data file as the release of its version, in docs/data/releases/"
    )
    release.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    render = commands.add_parser(
        "render", help="write the staged sources another engine builds: macros expanded, pages generated"
    )
    render.add_argument("stage", type=Path)
    render.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    args = parser.parse_args(argv)

    if args.command == "render":
        return _render(args.config, args.stage)
    if args.command == "release":
        return _release(args.config)
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


def _render(config_file: Path, stage_dir: Path) -> int:
    from .load import LadderDataError
    from .routes import RouteError
    from .schema import UnknownId
    from .stage import StageError, stage

    try:
        staged = stage(config_file, stage_dir)
    except (LadderDataError, RouteError, UnknownId, StageError) as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 1
    print(f"{staged}: staged")
    return 0


def _release(config_file: Path) -> int:
    from .config import site_config
    from .load import LadderDataError
    from .releases import ReleaseError, freeze

    config = site_config(config_file)
    try:
        frozen = freeze(config.data_path)
    except (LadderDataError, ReleaseError) as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 1
    print(f"{frozen.relative_to(config.project)}: version frozen; commit it with the data file.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
