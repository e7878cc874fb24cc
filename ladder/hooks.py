"""MkDocs hooks (`hooks:` in mkdocs.yml): the generated pages and the steps after a build.

Each hook only calls the engine-independent code that `python -m ladder render` and
`python -m ladder postbuild` run for other engines: the pages of levels and items (ladder/pages.py),
the version the theme prints (ladder/site.py) and the steps after a build (ladder/postbuild).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from ladder import postbuild
from ladder.load import LadderDataError
from ladder.pages import generated_pages, redirects, with_generated
from ladder.render import TEMPLATE_CACHE
from ladder.routes import RouteError
from ladder.site import LadderSite, theme_extra

_state: dict = {"command": "build", "steps_after": None}
log = logging.getLogger("mkdocs.plugins.ladder")


def on_startup(command, dirty):
    _state["command"] = command


def on_config(config):
    _finish_steps_after()  # a preview's steps after its last build end before the next build starts
    try:
        site = LadderSite.load(Path(config.config_file_path))
        pages = generated_pages(site)
        redirects(site, pages)  # a clash between an old address and a page stops the build here
    except (LadderDataError, RouteError, ValueError) as error:
        raise PluginError(str(error)) from None
    _state["pages"] = pages
    _state["data_file"] = site.config.data_file
    config.nav = with_generated(config.nav, pages)
    config.extra.update(theme_extra(site))
    return config


def on_files(files, config):
    for page in _state["pages"]:
        if files.get_file_from_path(page.src):
            raise PluginError(
                f"{Path(config.docs_dir).name}/{page.src} is written by hand, but the build generates that "
                f"page from {_state['data_file']}: delete it"
            )
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src, content=page.content, inclusion=inclusion))
    return files


def on_env(env, config, files):
    env.bytecode_cache = TEMPLATE_CACHE  # the theme's templates, compiled once per process
    return env


def on_post_build(config):
    site_dir, config_file = Path(config.site_dir), Path(config.config_file_path)
    if _state["command"] == "serve":
        # A preview serves the pages as soon as the engine has written them, and the steps after
        # the build (the versions' pages, the exports, the preview cards, the checks) follow in the
        # background; what they find goes to the log, as it always does in a preview.
        steps = threading.Thread(target=_preview_steps, args=(site_dir, config_file), daemon=True)
        _state["steps_after"] = steps
        steps.start()
        return
    try:
        postbuild.run(site_dir, config_file)
    except postbuild.PostBuildError as error:
        raise PluginError(str(error)) from None


def _preview_steps(site_dir: Path, config_file: Path) -> None:
    try:
        postbuild.run(site_dir, config_file, preview=True)
    except postbuild.PostBuildError as error:
        log.error(str(error))  # the preview keeps serving


def _finish_steps_after() -> None:
    steps = _state["steps_after"]
    if steps is not None:
        steps.join()
        _state["steps_after"] = None
