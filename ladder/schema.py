"""The shape of the ladder data file, as pydantic models.

The JSON Schema published with the site is generated from these models, so
editors and the build check the same rules.
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass
from typing import Annotated, ClassVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

ItemId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60),
    Field(description="Permanent kebab-case id; it becomes the item's anchor and never changes."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _plain_name(name: str) -> str:
    if "<" in name or ">" in name:
        raise ValueError(
            f"{name!r} looks like markup: names are plain text shown in headings, the table of "
            "contents and search, so `<` and `>` are not allowed"
        )
    return name


Name = Annotated[Text, AfterValidator(_plain_name)]
SemVer = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]


class Strict(BaseModel):
    """Unknown keys are typos, and strings are never coerced from numbers."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Level(Strict):
    id: ItemId
    name: Name
    summary: Text
    scope: Text
    aliases: list[ItemId] = []

    @property
    def anchor(self) -> str:
        return f"level-{self.id}"


class SkillGroup(Strict):
    id: ItemId
    name: Name
    summary: Text


class LadderItem(Strict):
    """A skill or a responsibility: described once, with one expectation per level."""

    id: ItemId
    name: Name
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


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data: where (line, item) and what to do about it."""

    line: int | None
    item: str | None
    message: str


class LadderRuleError(ValueError):
    """Rules that span several items are broken; `problems` says where and how."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(problem.message for problem in problems))


class Ladder(Strict):
    """The whole ladder. Built from the data file by `load_ladder`, which passes the line of every
    part of the file as validation context (`{"lines": {("skills", 2, "name"): 41, …}}`), so that
    every rule below can say where it is broken; built any other way, the rules still run."""

    version: SemVer
    levels: list[Level] = Field(min_length=1)
    skill_groups: list[SkillGroup] = Field(min_length=1)
    skills: list[Skill] = Field(min_length=1)
    responsibilities: list[Responsibility] = Field(min_length=1)
    changelog: list[Release] = Field(
        min_length=1, description="Newest release first; the first is `version`."
    )

    # Line of each part of the data file, keyed by its path, for messages and "edit this item" links.
    _lines: dict[tuple, int] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _follows_the_rules(self, info: ValidationInfo) -> Ladder:
        self._lines = dict((info.context or {}).get("lines", {}))
        problems = [
            Problem(self._line(path), self._item_at(path), message) for path, message in _broken_rules(self)
        ]
        if problems:
            raise LadderRuleError(problems)
        return self

    def _line(self, path: tuple) -> int | None:
        while path and path not in self._lines:
            path = path[:-1]
        return self._lines.get(path)

    def _item_at(self, path: tuple) -> str | None:
        if len(path) >= 2 and isinstance(path[1], int):
            return getattr(getattr(self, path[0])[path[1]], "id", None)
        return None

    def line_of(self, item) -> int:
        """The line of the data file where `item` (a level, skill or responsibility) starts."""
        for section in ("levels", "skills", "responsibilities"):
            entries = getattr(self, section)
            if item in entries:
                return self._lines.get((section, entries.index(item)), 1)
        return 1

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

    def is_data_anchor(self, anchor: str) -> bool:
        """Whether `anchor` has the shape of a level's, an item's or an expectation's anchor."""
        return anchor.startswith(("level-", "skill-", "responsibility-"))

    def resolve(self, anchor: str):
        """(level or item, level or None) for an anchor such as skill-statistics--senior.

        Old ids listed under `aliases:` resolve to the item or level that took them over.
        """
        target, _, level_id = anchor.partition("--")
        kind, _, item_id = target.partition("-")
        if kind == "level" and not level_id:
            return self.level(item_id), None
        items = {"skill": self.skills, "responsibility": self.responsibilities}.get(kind)
        if items is None:
            raise UnknownId(f"unknown anchor {anchor!r}")
        return _by_id(items, item_id, kind), (self.level(level_id) if level_id else None)

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
    known = [item.id for item in items]
    raise UnknownId(
        f"unknown {what} id {item_id!r}{did_you_mean(item_id, known)}; known ids: {', '.join(known)}"
    )


def did_you_mean(name: str, known: list[str]) -> str:
    """ " (did you mean 'statistics'?)" when `name` is close to known names, else ""."""
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    return f" (did you mean {' or '.join(map(repr, close))}?)" if close else ""


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


def _broken_rules(ladder: Ladder):
    """Yield (path, message) for every rule that spans more than one item."""
    level_ids = [level.id for level in ladder.levels]
    group_ids = [group.id for group in ladder.skill_groups]

    for section in ("levels", "skill_groups", "skills", "responsibilities"):
        first_seen: dict[str, int] = {}
        for position, entry in enumerate(getattr(ladder, section)):
            names = [((section, position, "id"), entry.id)]
            names += [
                ((section, position, "aliases", i), alias)
                for i, alias in enumerate(getattr(entry, "aliases", ()))
            ]
            for path, name in names:
                if name in first_seen:
                    first = ladder._line((section, first_seen[name]))
                    where = f"on line {first}" if first else f"as entry {first_seen[name] + 1}"
                    yield (
                        path,
                        f"duplicate id {name!r} in `{section}`: it is already used {where}; "
                        "every id (and every alias) must be unique",
                    )
                else:
                    first_seen[name] = position

    for position, skill in enumerate(ladder.skills):
        if skill.group not in group_ids:
            yield (
                ("skills", position, "group"),
                f"unknown skill group {skill.group!r}{did_you_mean(skill.group, group_ids)}; "
                f"known groups: {', '.join(group_ids)}",
            )
    for position, group in enumerate(ladder.skill_groups):
        if not any(skill.group == group.id for skill in ladder.skills):
            yield ("skill_groups", position, "id"), f"skill group {group.id!r} has no skills"

    skill_ids = [skill.id for skill in ladder.skills]
    retired_ids = {alias for skill in ladder.skills for alias in skill.aliases}
    for position, responsibility in enumerate(ladder.responsibilities):
        for index, skill_id in enumerate(responsibility.skills):
            if skill_id not in skill_ids and skill_id not in retired_ids:
                yield (
                    ("responsibilities", position, "skills", index),
                    f"unknown skill {skill_id!r}{did_you_mean(skill_id, skill_ids)}; "
                    f"known skills: {', '.join(skill_ids)}",
                )

    versions = [release.version for release in ladder.changelog]
    if versions[0] != ladder.version:
        yield (
            ("changelog", 0, "version"),
            f"the newest changelog entry is {versions[0]}, but `version` is {ladder.version}; "
            "add a changelog entry for the new version at the top",
        )
    as_tuples = [tuple(int(part) for part in version.split(".")) for version in versions]
    if as_tuples != sorted(as_tuples, reverse=True) or len(set(versions)) != len(versions):
        yield ("changelog",), "changelog entries must be newest first, one per version"
    anchors = sorted(ladder.anchors())
    for position, release in enumerate(ladder.changelog):
        for index, change in enumerate(release.changes):
            if change.item not in anchors:
                yield (
                    ("changelog", position, "changes", index, "item"),
                    f"unknown item {change.item!r}{did_you_mean(change.item, anchors)}; name an "
                    "item's anchor (skill-<id>, responsibility-<id>, level-<id>) or one expectation's "
                    "(<item anchor>--<level id>), such as skill-statistics or skill-statistics--senior",
                )

    for section in ("skills", "responsibilities"):
        for position, entry in enumerate(getattr(ladder, section)):
            for level_id in entry.expectations:
                if level_id not in level_ids:
                    yield (
                        (section, position, "expectations", level_id),
                        f"unknown level {level_id!r}{did_you_mean(level_id, level_ids)}; "
                        f"known levels: {', '.join(level_ids)}",
                    )
            missing = [level_id for level_id in level_ids if level_id not in entry.expectations]
            if missing:
                yield (
                    (section, position, "expectations"),
                    f"no expectation for level(s) {', '.join(missing)}; every level needs one",
                )
