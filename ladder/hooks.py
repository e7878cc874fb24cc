"""MkDocs hooks (`hooks:` in mkdocs.yml): the generated pages and the steps after a build.

Each hook only calls the engine-independent code that `python -m ladder render` and
`python -m ladder postbuild` run for other engines: the pages of levels and items (ladder/pages.py),
the version the theme prints (ladder/site.py) and the steps after a build (ladder/postbuild).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from ladder import postbuild
from ladder.load import LadderDataError
from ladder.pages import generated_pages, redirects, with_generated
from ladder.render import TEMPLATE_CACHE, reload_templates
from ladder.routes import RouteError
from ladder.site import LadderSite, theme_extra

_state: dict = {"command": "build"}


def on_startup(command, dirty):
    _state["command"] = command


def on_config(config):
    reload_templates()  # `make serve` builds again in the same process after an edit
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
    try:
        postbuild.run(
            Path(config.site_dir), Path(config.config_file_path), preview=_state["command"] == "serve"
        )
    except postbuild.PostBuildError as error:
        raise PluginError(str(error)) from None
