"""MkDocs hooks (`hooks:` in mkdocs.yml): the generated pages and the steps after a build.

Each hook only calls the engine-independent code that `python -m ladder render` and
`python -m ladder postbuild` run for other engines: the pages of levels and items (ladder/pages.py),
the version the theme prints (ladder/site.py) and the steps after a build (ladder/postbuild).
One is MkDocs' alone: `on_serve` has `make serve` hear saves from the system's file watcher.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel
from watchdog import events, observers

from ladder import postbuild
from ladder.load import LadderDataError
from ladder.pages import generated_pages, redirects, with_generated
from ladder.render import TEMPLATE_CACHE, reload_templates
from ladder.routes import RouteError
from ladder.site import LadderSite, theme_extra

_state: dict = {"command": "build"}
log = logging.getLogger("mkdocs.plugins.ladder")


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


# What a save does to a file. The system's watcher also reports files opened and closed unwritten, which
# every build does to the pages it reads: those must not start a build.
_SAVES = [
    events.FileCreatedEvent,
    events.FileModifiedEvent,
    events.FileMovedEvent,
    events.FileDeletedEvent,
    events.FileClosedEvent,
]


class _SaveObserver(observers.Observer):
    """The system's own file watcher (inotify on Linux), reporting saves only."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(
            event_handler, path, recursive=recursive, event_filter=_SAVES, follow_symlink=follow_symlink
        )


def on_serve(server, config, builder):
    """`make serve` hears a save as it happens: MkDocs looks at the disk every half second, which was a
    third of the time from saving the data file to the page showing it."""
    watched = [emitter.watch.raw_path for emitter in server.observer.emitters]
    if not _system_watcher_works(watched):
        return server  # MkDocs' polling still sees every save
    for path in watched:
        server.unwatch(path)
    server.observer = _SaveObserver()
    for path in watched:
        server.watch(path)
    return server


def _system_watcher_works(paths: list[str]) -> bool:
    """Whether the system lets a watcher watch these paths: it may cap how many a user opens."""
    trial = _SaveObserver()
    try:
        for path in paths:
            trial.schedule(events.FileSystemEventHandler(), path, recursive=True)
        trial.start()
    except OSError as error:
        log.info(f"the system's file watcher is not available ({error}): looking for saves every half second")
        return False
    trial.stop()
    trial.join()
    return True


def on_post_build(config):
    try:
        postbuild.run(
            Path(config.site_dir), Path(config.config_file_path), preview=_state["command"] == "serve"
        )
    except postbuild.PostBuildError as error:
        raise PluginError(str(error)) from None
