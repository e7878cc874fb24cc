"""The macros pages call, for any engine: macros.py registers them with mkdocs-macros, and
`python -m ladder render` calls them itself. Each takes the ids a page names and returns the page's
fragment; a wrong id raises UnknownId with the ids it might have meant.

A hand-written page names a kind of item or a group, never one item: the pages of single items and
levels are generated from the data file (ladder/pages.py), so a new item needs no page edit.
"""

from __future__ import annotations

from collections.abc import Callable

from .schema import KIND_OF, UnknownId
from .site import LadderSite


class MisplacedItems(UnknownId):
    """A page shows the overview of a kind of item that extra.ladder.pages places on another page."""


def macros(site: LadderSite, page: Callable[[], str]) -> dict[str, Callable]:
    """The macros, bound to a site; `page()` is the source path of the page being rendered."""
    ladder, routes = site.ladder, site.routes

    def render(template, **context):
        return site.render(template, page(), **context)

    def items(kind: str, depth: int = 2):
        """Every item of a kind ("responsibility", "outcome" or "skill"; skills under their groups),
        each with its summary and what it asks at every level in a few words."""
        if kind not in KIND_OF:
            ladder.items_of(kind)  # raises, naming the kinds there are
        here, home = page(), routes[kind]
        if here != home:
            raise MisplacedItems(
                f"the {kind} items live on {home} (extra.ladder.pages.{kind} in mkdocs.yml), not on {here}; "
                f"call the macro there, or change extra.ladder.pages.{kind}"
            )
        return render("overview.html", sections=ladder.sections(kind=kind), depth=depth)

    def item_page(kind: str, item_id: str):
        """One item at every level, in full (the generated page of each item)."""
        return render("item_page.html", item=ladder.item(kind, item_id))

    def level_page(level_id: str):
        """A level's summary, scope, step from the level below, and every expectation of the level."""
        return render("level_page.html", level=ladder.level(level_id))

    def level_table():
        """Every level with its summary and scope, each row linking to the level's page."""
        return render("level_table.html")

    def skill_links(group_id: str):
        """A compact list of a group's skills, each linking to its page."""
        return render("skill_links.html", skills=ladder.skills_in(group_id))

    def glance():
        """Every item against every level, each cell the expectation in a few words."""
        return render("glance.html")

    def compare_levels():
        """Two levels side by side, the words that change marked; any pair can be chosen."""
        return render(
            "compare.html",
            folders_json=site.folders(page()),
            versions_json=site.version_exports(page()),
            versions=site.history.versions,
        )

    def self_assessment():
        """The start of the self-assessment: each level's form, and where the reader stands."""
        return render("assess_index.html", assess_levels=site.assess_levels(page()))

    def assess_level(level_id: str):
        """The self-assessment of one level (the generated page of each level's form)."""
        return render(
            "assess_level.html",
            level=ladder.level(level_id),
            assess_levels=site.assess_levels(page()),
            history=site.history,
        )

    def changelog():
        """Every release, newest first, with its changes grouped by kind."""
        return render("changelog.html", frozen=site.history.versions)

    def changes_since():
        """For each earlier version, everything that changed after it."""
        return render("changes_since.html")

    def versions():
        """Every released version, each linking to its pages as released."""
        return render("versions_index.html", versions=site.history.versions, history=site.history)

    def archetypes(depth: int = 3):
        """Each archetype of the levels that recognise them: what it is, its evidence and its trap."""
        return render("archetypes.html", depth=depth)

    def core_items():
        """Each level's core items, which every case for the level must meet."""
        return render("core_items.html")

    def change_types():
        """What each kind of change means, and which of them mark an item on the site."""
        return render("change_types.html")

    return {
        function.__name__: function
        for function in (
            items,
            item_page,
            level_page,
            level_table,
            skill_links,
            glance,
            compare_levels,
            self_assessment,
            assess_level,
            changelog,
            changes_since,
            change_types,
            versions,
            archetypes,
            core_items,
        )
    }
