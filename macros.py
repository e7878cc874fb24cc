"""Macros that render the ladder data file on the pages (mkdocs-macros-plugin).

Pages never copy a level, skill or responsibility: they call one of the macros of ladder/macros.py
with a kind, a group or an id, so one edit to the data file changes every page showing it. The same
`define_env` serves `python -m ladder render`, which renders the pages for other engines.
"""

from __future__ import annotations

import functools
import html
import inspect
import logging
import re
from pathlib import Path

from ladder import LadderDataError, UnknownId
from ladder.macros import macros
from ladder.routes import RouteError
from ladder.site import LadderSite

try:  # MkDocs reports a PluginError as one clean error line and a non-zero exit.
    from mkdocs.exceptions import PluginError as BuildStop
except ImportError:  # another engine reading the same sources: stop the process instead
    BuildStop = SystemExit

# An ERROR here fails a strict build (`make build`, `make test`, `python -m ladder render`); `make serve`
# shows it in the page and keeps serving, so fixing the call brings the page back.
log = logging.getLogger("mkdocs.plugins.ladder")


def define_env(env):
    try:
        site = LadderSite.load(Path(env.conf["config_file_path"]))
    except (LadderDataError, RouteError) as error:
        raise BuildStop(str(error)) from None
    env.variables["ladder"] = site.ladder
    for name, function in macros(site, lambda: env.page.file.src_uri).items():
        env.macro(_checked(env, function), name)


def _checked(env, function):
    """`function` as a macro whose misuse names the page, the line and the id."""
    signature = inspect.signature(function)

    @functools.wraps(function)
    def checked(*args, **kwargs):
        call = f"{function.__name__}({', '.join(map(repr, args))})"
        try:
            signature.bind(*args, **kwargs)
        except TypeError as error:
            return _failed(env, function.__name__, args, f"{call}: {error}; usage: {signature}")
        try:
            return function(*args, **kwargs)
        except UnknownId as error:
            return _failed(env, function.__name__, args, f"{call}: {error}")

    return checked


def _failed(env, name: str, args, message: str) -> str:
    """Report a misused macro: an error in the log, and in the page where the call was."""
    where = _where(env, name, args, message)
    log.error(where)
    return (
        '<div class="admonition failure"><p class="admonition-title">This page calls a ladder macro '
        f"wrongly</p><p>{html.escape(where)}</p></div>"
    )


def _where(env, name: str, args, message: str) -> str:
    """Prefix a macro error with the page source and the line of the offending call."""
    page = env.page.file
    src = f"{Path(env.conf['docs_dir']).name}/{page.src_uri}"
    source = page.content_string if page.generated_by else Path(page.abs_src_path).read_text("utf-8")
    lines = source.splitlines()
    calls = [number for number, line in enumerate(lines, start=1) if f"{name}(" in line]
    if args:
        exact = [n for n in calls if all(repr(a) in lines[n - 1] or f'"{a}"' in lines[n - 1] for a in args)]
    else:
        exact = [n for n in calls if re.search(rf"\b{name}\(\s*\)", lines[n - 1])]
    line = (exact or calls or [None])[0]
    return f"{src}:{line}: {message}" if line else f"{src}: {message}"
