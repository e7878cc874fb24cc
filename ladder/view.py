"""How the ladder is presented, decided once: the titles, labels, permalinks, states and kinds of
change that every template, export and script shows.

Templates receive these objects and print their fields; scripts read them back from `data-`
attributes. Nothing here knows about HTML.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property

from .routes import Routes
from .schema import CHANGE_TYPES, Change, Expectation, LadderItem, Level


@dataclass(frozen=True)
class State:
    """One answer the self-assessment offers for an expectation."""

    id: str
    label: str


# The answers of the self-assessment, from strongest to weakest. assess.js reads them from the page.
STATES = (
    State("consistently", "Consistently"),
    State("partly", "Partly"),
    State("not-yet", "Not yet"),
    State("not-in-role", "Not in my role"),  # offered for the items outside a level's core only
)
OUTSIDE_CORE = {"not-in-role"}


def title(item: LadderItem | Level, level: Level | None = None) -> str:
    """What a citation calls an item, a level or one expectation: "Statistics — Senior ML Engineer"."""
    return f"{item.name} — {level.name}" if level else item.name


@dataclass(frozen=True)
class Card:
    """What one item asks of one level, as item pages, level pages and the self-assessment show it."""

    view: View
    item: LadderItem
    level: Level

    @property
    def anchor(self) -> str:
        return self.item.expectation_anchor(self.level.id)

    @property
    def title(self) -> str:
        return title(self.item, self.level)

    @property
    def expectation(self) -> Expectation | None:
        return self.item.at(self.level.id)

    @property
    def ends_at(self) -> Level | None:
        """Above the level where the item ends: that level, whose expectation still holds here."""
        return None if self.expectation else self.view.ladder.level(self.item.ends_at)

    @property
    def mark(self) -> Change | None:
        return self.view.mark(self.anchor)

    @property
    def core(self) -> bool:
        """One of the items every case for the level must meet."""
        return self.item in self.view.ladder.core_items(self.level)

    @property
    def states(self) -> list[State]:
        """The answers the self-assessment offers: "not in my role" for items outside the core only."""
        return [state for state in STATES if not (self.core and state.id in OUTSIDE_CORE)]

    @property
    def archetypes(self) -> list:
        """The archetypes the expectation applies to, at a level whose expectations name them."""
        expectation = self.expectation
        if expectation is None or not self.level.archetyped:
            return []
        known = {archetype.id: archetype for archetype in self.view.ladder.archetypes}
        return [known[name] for name in expectation.archetypes if name in known]

    @property
    def archetype_ids(self) -> str:
        """For the archetype filter: the ids, or "" where the expectation applies to everyone."""
        return " ".join(archetype.id for archetype in self.archetypes)

    @property
    def see(self) -> list[tuple[str, str]]:
        """(title, anchor) of each expectation that owns a behaviour this one touches."""
        expectation = self.expectation
        found = []
        for anchor in expectation.see if expectation else []:
            item, level = self.view.ladder.resolve(anchor)
            found.append((title(item, level), anchor))
        return found


@dataclass(frozen=True)
class View:
    """The ladder as one version of the site presents it."""

    ladder: object  # the Ladder of this version
    routes: Routes
    site_url: str

    @property
    def frozen(self) -> bool:
        """Whether this is a released version shown under its own folder (ladder/versions.py)."""
        return False

    def changed_later(self, anchor: str) -> str | None:
        """The version after this one that changed what an anchor asks: only a frozen version has one."""
        return None

    def card(self, item: LadderItem, level: Level) -> Card:
        return Card(self, item, level)

    def cards(self, item: LadderItem) -> list[Card]:
        return [Card(self, item, level) for level in self.ladder.levels]

    @property
    def states(self) -> tuple[State, ...]:
        return STATES

    @cached_property
    def states_json(self) -> str:
        return json.dumps([[state.id, state.label] for state in STATES])

    @property
    def change_types(self):
        return CHANGE_TYPES

    def mark(self, anchor: str) -> Change | None:
        """The change this version made to what an anchor asks, if any: "New in" or "Changed in"."""
        return self.ladder.mark(anchor)

    def mark_label(self, change: Change) -> str:
        return f"{'New' if change.type == 'added' else 'Changed'} in {self.ladder.version}"

    def title(self, item, level: Level | None = None) -> str:
        return title(item, level)

    def permalink(self, page: str, anchor: str = "") -> str:
        """The published URL of a page source and an anchor, for copies that leave the site."""
        return self.routes.permalink(self.site_url, page, anchor)

    def expectation_permalink(self, item: LadderItem, level: Level) -> str:
        return self.permalink(self.routes.item(item), item.expectation_anchor(level.id))
