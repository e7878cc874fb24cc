"""The shape of the ladder data file, as pydantic models.

The JSON Schema published with the site is generated from these models, so
editors and the build check the same rules.
"""

from __future__ import annotations

import datetime
from typing import Annotated, ClassVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints

ItemId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60),
    Field(description="Permanent kebab-case id; it becomes the item's anchor and never changes."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
SemVer = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]


class Strict(BaseModel):
    """Unknown keys are typos, and strings are never coerced from numbers."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Level(Strict):
    id: ItemId
    name: Text
    summary: Text
    scope: Text
    aliases: list[ItemId] = []

    @property
    def anchor(self) -> str:
        return f"level-{self.id}"


class SkillGroup(Strict):
    id: ItemId
    name: Text
    summary: Text


class LadderItem(Strict):
    """A skill or a responsibility: described once, with one expectation per level."""

    id: ItemId
    name: Text
    summary: Text
    evidence: list[Text] = Field(min_length=1)
    expectations: dict[ItemId, Text]
    aliases: list[ItemId] = []

    kind: ClassVar[str] = "skill"

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.id}"

    def expectation_anchor(self, level_id: str) -> str:
        return f"{self.anchor}--{level_id}"


class Skill(LadderItem):
    group: ItemId


class Responsibility(LadderItem):
    kind: ClassVar[str] = "responsibility"
    skills: list[ItemId] = Field(default=[], description="Ids of the skills this work draws on most.")


class Change(Strict):
    item: Annotated[
        str,
        StringConstraints(pattern=r"^(level|skill|responsibility)-[a-z0-9-]+$"),
        Field(
            description="Anchor of what changed: skill-<id>, responsibility-<id>, level-<id> "
            "or <anchor>--<level>."
        ),
    ]
    note: Text


class Release(Strict):
    version: SemVer
    # Not strict: YAML reads 2026-11-28 as a date but "2026-11-28" as text, and both mean the same day.
    date: Annotated[datetime.date, Field(strict=False)]
    summary: Text
    changes: list[Change] = []

    @property
    def anchor(self) -> str:
        return "v" + self.version.replace(".", "-")


class Ladder(Strict):
    version: SemVer
    levels: list[Level] = Field(min_length=1)
    skill_groups: list[SkillGroup] = Field(min_length=1)
    skills: list[Skill] = Field(min_length=1)
    responsibilities: list[Responsibility] = Field(min_length=1)
    changelog: list[Release] = Field(
        min_length=1, description="Newest release first; the first is `version`."
    )

    # Line of each item in the data file, keyed by anchor, for "edit this item" links.
    _lines: dict[str, int] = PrivateAttr(default_factory=dict)

    def line_of(self, item) -> int:
        return self._lines.get(item.anchor, 1)

    def level(self, level_id: str) -> Level:
        return _by_id(self.levels, level_id, "level")

    def group(self, group_id: str) -> SkillGroup:
        return _by_id(self.skill_groups, group_id, "skill group")

    def skill(self, skill_id: str) -> Skill:
        return _by_id(self.skills, skill_id, "skill")

    def responsibility(self, responsibility_id: str) -> Responsibility:
        return _by_id(self.responsibilities, responsibility_id, "responsibility")

    def sections(self) -> list[tuple[str, str, list[LadderItem]]]:
        """(title, id, items): the responsibilities, then each skill group, as the level pages order them."""
        groups = [(group.name, f"{group.id}-skills", self.skills_in(group.id)) for group in self.skill_groups]
        return [("Responsibilities", "responsibilities", list(self.responsibilities)), *groups]

    def items(self) -> list[LadderItem]:
        return [*self.responsibilities, *self.skills]

    def anchors(self) -> set[str]:
        """Every anchor a changelog entry may name."""
        found = {level.anchor for level in self.levels}
        for item in self.items():
            found.add(item.anchor)
            found.update(item.expectation_anchor(level.id) for level in self.levels)
        return found

    def find_anchor(self, anchor: str):
        """(item or level, level or None) for an anchor such as skill-statistics--senior."""
        target, _, level_id = anchor.partition("--")
        for candidate in [*self.levels, *self.items()]:
            if candidate.anchor == target:
                return candidate, (self.level(level_id) if level_id else None)
        raise UnknownId(f"unknown anchor {anchor!r}")

    def changed_in(self, anchor: str) -> list[str]:
        """Versions whose changelog names this anchor, or one of its expectations, newest first."""
        return [
            release.version
            for release in self.changelog
            if any(
                change.item == anchor or change.item.startswith(anchor + "--") for change in release.changes
            )
        ]

    def changes_in(self, version: str) -> list[tuple[Release, Change]]:
        return [
            (release, change)
            for release in self.changelog
            if release.version == version
            for change in release.changes
        ]

    def changes_since(self, version: str) -> list[tuple[Release, Change]]:
        """Every change in the releases newer than `version`, newest first."""
        newer = []
        for release in self.changelog:
            if release.version == version:
                break
            newer.extend((release, change) for change in release.changes)
        return newer

    def skills_in(self, group_id: str) -> list[Skill]:
        self.group(group_id)
        return [skill for skill in self.skills if skill.group == group_id]


class UnknownId(LookupError):
    """A page asked for an item the data file does not have."""


def _by_id(items, item_id, what):
    """The item with this id, or the item that took it over as an alias."""
    for item in items:
        if item.id == item_id or item_id in getattr(item, "aliases", ()):
            return item
    known = ", ".join(item.id for item in items)
    raise UnknownId(f"unknown {what} id {item_id!r}; known ids: {known}")


SCHEMA_ID = "https://ml-engineer-ladder.org/schema/ladder.schema.json"


def json_schema() -> dict:
    """The JSON Schema of the data file, published with the site for editors and other tools."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **Ladder.model_json_schema(),
        "title": "ML engineer career ladder",
        "description": "The data file of the ladder: levels, skill groups, skills and responsibilities.",
    }
