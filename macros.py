"""Macros that render the ladder data file on the pages (mkdocs-macros-plugin).

Pages never copy a level, skill or responsibility: they call one of the macros below with an id, so
one edit to the data file changes every page showing it.
"""

from __future__ import annotations

import functools
import html
import inspect
import logging
import re
from pathlib import Path

from ladder import LadderDataError, UnknownId, load_ladder
from ladder.anchors import explain_lost, lost_data_anchors, manifest_path, read_manifest
from ladder.render import Renderer
from ladder.routes import RouteError, Routes

try:  # MkDocs reports a PluginError as one clean error line and a non-zero exit.
    from mkdocs.exceptions import PluginError as BuildStop
except ImportError:  # another engine reading the same sources: stop the process instead
    BuildStop = SystemExit

# An ERROR here fails a strict build (`make build`, `make test`); `make serve` shows it in the page and
# keeps serving, so fixing the call brings the page back.
log = logging.getLogger("mkdocs.plugins.ladder")


class MisplacedItems(UnknownId):
    """A page renders items that extra.ladder_pages places on another page."""


def define_env(env):
    project = Path(env.project_dir)
    extra = env.variables["extra"]
    data_file = extra["ladder_data"]
    try:
        ladder = load_ladder(project / data_file)
        routes = Routes.from_config(extra.get("ladder_pages"))
    except (LadderDataError, RouteError) as error:
        raise BuildStop(str(error)) from None
    renderer = Renderer(
        ladder,
        routes,
        project / "overrides" / "partials" / "ladder",
        site_url=env.conf["site_url"],
        repo_url=env.conf["repo_url"],
        data_file=data_file,
    )
    env.variables["ladder"] = ladder
    env.variables["ladder_routes"] = routes
    env.variables["ladder_rendered"] = set()  # anchors of the items the pages have shown
    env.conf["extra"]["ladder_version"] = ladder.version  # for the theme: citations name the version

    manifest = manifest_path(data_file)
    lost = lost_data_anchors(ladder, read_manifest(project / manifest), extra.get("moved_anchors") or {})
    if lost:
        log.error(explain_lost(lost, str(manifest)))

    def ladder_macro(function):
        """Register `function` as a macro whose misuse names the page, the line and the id."""
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

        return env.macro(checked)

    def render(template, **context):
        return renderer.render(template, env.page.file.src_uri, **context)

    def items(template_items, depth):
        """Items of one kind, on the page extra.ladder_pages gives them: their anchors exist once."""
        here, home = env.page.file.src_uri, routes.page_of(template_items[0])
        if here != home:
            kind = template_items[0].kind
            raise MisplacedItems(
                f"{kind} items live on {home} (extra.ladder_pages.{kind} in mkdocs.yml), not on {here}; "
                f"call the macro there, or change extra.ladder_pages.{kind} to {here}"
            )
        env.variables["ladder_rendered"].update(item.anchor for item in template_items)
        return render("items.md", items=template_items, depth=depth)

    @ladder_macro
    def level_table():
        """Every level with its summary and scope, each row linking to the level's page."""
        return render("level_table.html")

    @ladder_macro
    def level_page(level_id: str):
        """A level's summary, scope, step from the level below, and every expectation of that level."""
        return render("level_page.md", level=ladder.level(level_id))

    @ladder_macro
    def skill_group(group_id: str, depth: int = 3):
        """Every skill of a group, each with its expectation, example and signals at every level."""
        return items(ladder.skills_in(group_id), depth)

    @ladder_macro
    def skill(skill_id: str, depth: int = 3):
        """One skill with its expectation, example and signals at every level."""
        return items([ladder.skill(skill_id)], depth)

    @ladder_macro
    def responsibility(responsibility_id: str, depth: int = 2):
        """One responsibility with its expectation, example and signals at every level."""
        return items([ladder.responsibility(responsibility_id)], depth)

    @ladder_macro
    def impact(impact_id: str, depth: int = 3):
        """One area of business impact with its expectation, example and signals at every level."""
        return items([ladder.impact_area(impact_id)], depth)

    @ladder_macro
    def changelog():
        """Every release, newest first, with what it added, merged, replaced, reworded or renamed."""
        return render("changelog.md")

    @ladder_macro
    def changes_since():
        """For each earlier version, everything that changed after it."""
        return render("changes_since.md")

    @ladder_macro
    def compare_levels():
        """Every expectation in a table, one column per level; the page script shows two side by side."""
        return render("compare.html")

    @ladder_macro
    def glance():
        """Every item against every level, each cell the expectation in a few words."""
        return render("glance.html")

    @ladder_macro
    def self_assessment():
        """A checklist of every expectation, per level, that the page script saves in the browser."""
        return render("self_assessment.html")

    @ladder_macro
    def skill_links(group_id: str):
        """A compact list of a group's skills, each linking to its full entry."""
        return render("skill_links.html", skills=ladder.skills_in(group_id))


def on_post_build(env):
    """Every item is on the page extra.ladder_pages gives its kind. (The exports and the stylesheet
    cut are MkDocs hooks: ladder/hooks.py.)"""
    ladder, routes = env.variables["ladder"], env.variables["ladder_routes"]
    for item in ladder.items():
        if item.anchor not in env.variables["ladder_rendered"]:
            call = "skill_group" if item.kind == "skill" else {"outcome": "impact"}.get(item.kind, item.kind)
            argument = getattr(item, "group", item.id)
            log.error(
                f'{item.kind} {item.id!r} is on no page: call {{{{ {call}("{argument}") }}}} on '
                f"{routes.page_of(item)}, where extra.ladder_pages puts {item.kind} items"
            )


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
    source = Path(page.abs_src_path).read_text(encoding="utf-8").splitlines()
    calls = [number for number, line in enumerate(source, start=1) if f"{name}(" in line]
    if args:
        exact = [n for n in calls if all(repr(a) in source[n - 1] or f'"{a}"' in source[n - 1] for a in args)]
    else:
        exact = [n for n in calls if re.search(rf"\b{name}\(\s*\)", source[n - 1])]
    line = (exact or calls or [None])[0]
    return f"{src}:{line}: {message}" if line else f"{src}: {message}"
