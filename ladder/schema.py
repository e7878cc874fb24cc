"""The shape of the ladder data file, as pydantic models.

The JSON Schema published with the site is generated from these models, so
editors and the build check the same rules.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, ClassVar, Literal

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


class Anchored:
    """What a level and an item share: an anchor made of its kind and id, and the anchors of its
    retired ids (`aliases`), which land on it. One expectation's anchor adds `--<level id>`."""

    kind: ClassVar[str]

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.id}"

    def retired_anchors(self, level_id: str | None = None) -> list[str]:
        """The anchors of the retired ids, of the whole entry or of its expectation at `level_id`."""
        return [_at(f"{self.kind}-{alias}", level_id) for alias in self.aliases]


def _at(anchor: str, level_id: str | None) -> str:
    return f"{anchor}--{level_id}" if level_id else anchor


class Level(Anchored, Strict):
    id: ItemId
    name: Name
    summary: Text
    scope: Text
    step: Text | None = Field(
        default=None,
        description="What changes from the level below, in scope, autonomy and influence. "
        "Every level but the first has one.",
    )
    aliases: list[ItemId] = Field(default=[], description="Retired ids whose anchors now land here.")
    archetyped: bool = Field(
        default=False,
        description="Each expectation of this level names the archetypes it applies to (`archetypes`).",
    )
    core: list[str] = Field(
        default=[],
        description="Anchors of the 3 to 5 items every case for this level must meet, such as "
        'skill-statistics; the self-assessment offers "not in my role" for the others only.',
    )

    kind: ClassVar[str] = "level"


class Archetype(Strict):
    """One way of working at the levels whose expectations name archetypes, such as a technical
    specialist: a case for those levels is judged on the expectations that apply to its archetypes."""

    id: ItemId
    name: Name
    summary: Text
    evidence: Text = Field(description="What a case of this archetype shows.")
    trap: Text = Field(description="The usual way this archetype falls short.")

    @property
    def anchor(self) -> str:
        return f"archetype-{self.id}"


class SkillGroup(Strict):
    id: ItemId
    name: Name
    summary: Text

    @property
    def anchor(self) -> str:
        return f"{self.id}-skills"


def _short(statement: str) -> str:
    if len(statement.split()) > 16:
        raise ValueError(
            f"{statement!r} has {len(statement.split())} words: keep `short` to 16 or fewer, it fills one "
            "cell of the ladder at a glance"
        )
    return statement


class Expectation(Strict):
    """What one item asks of one level, in a form a manager can check against evidence."""

    short: Annotated[Text, AfterValidator(_short)] = Field(
        description="The expectation in a few words (16 at most), for the ladder at a glance."
    )
    text: Text = Field(
        description="What the person does at this level: observable behaviour, scope, autonomy."
    )
    example: Text = Field(description="One concrete example of meeting the expectation at this level.")
    evidence: Text = Field(description="What a manager would accept as evidence at this level.")
    not_yet: Text = Field(description="What falls short of this level: the usual near miss.")
    archetypes: list[ItemId] = Field(
        default=[],
        description="At a level marked `archetyped`, the ids of the archetypes this expectation applies to.",
    )
    see: list[str] = Field(
        default=[],
        description="Anchors of the expectations that own a behaviour this one touches, such as "
        "responsibility-ml-system-operations--senior: evidence for it counts there, once.",
    )


class LadderItem(Anchored, Strict):
    """A responsibility, an outcome or a skill: described once, with one expectation per level up to
    the level where it ends."""

    id: ItemId
    name: Name
    summary: Text
    ends_at: ItemId | None = Field(
        default=None,
        description="The last level with an expectation of its own. Above it the item asks nothing new: "
        "the site shows that the bar of this level holds, with no text of its own.",
    )
    expectations: dict[ItemId, Expectation]
    aliases: list[ItemId] = Field(default=[], description="Retired ids whose anchors now land here.")

    section: ClassVar[str]  # the key of its list in the data file
    title: ClassVar[str]  # the heading of its kind on the pages that group items by kind
    noun: ClassVar[str]  # what one item of the kind is called in running text

    def expectation_anchor(self, level_id: str) -> str:
        return _at(self.anchor, level_id)

    def at(self, level_id: str) -> Expectation | None:
        """The expectation at a level, or None above the level where the item ends."""
        return self.expectations.get(level_id)


class Responsibility(LadderItem):
    kind: ClassVar[str] = "responsibility"
    section: ClassVar[str] = "responsibilities"
    title: ClassVar[str] = "Responsibilities"
    noun: ClassVar[str] = "responsibility"
    skills: list[ItemId] = Field(default=[], description="Ids of the skills this work draws on most.")


class Outcome(LadderItem):
    """A way ML work pays off for the business, such as better decisions or lower costs."""

    kind: ClassVar[str] = "outcome"
    section: ClassVar[str] = "outcomes"
    title: ClassVar[str] = "Business impact"
    noun: ClassVar[str] = "area of business impact"
    skills: list[ItemId] = Field(default=[], description="Ids of the skills this outcome draws on most.")


class Skill(LadderItem):
    kind: ClassVar[str] = "skill"
    section: ClassVar[str] = "skills"
    title: ClassVar[str] = "Skills"
    noun: ClassVar[str] = "skill"
    group: ItemId


KINDS = (Responsibility, Outcome, Skill)
KIND_OF = {kind.kind: kind for kind in KINDS}
ANCHOR = re.compile(rf"^({'|'.join(kind.kind for kind in (Level, *KINDS))})-[a-z0-9-]+$")


@dataclass(frozen=True)
class ChangeType:
    label: str  # the heading of its changes on the changelog page
    meaning: str
    moves_the_bar: bool  # whether it changes what is expected: only these mark an item on the site


CHANGE_TYPES = {
    "added": ChangeType("Added", "a new item, or a new expectation of an item", True),
    "merged": ChangeType("Merged", "the item took over others, and their ids now lead to it", True),
    "replaced": ChangeType("Replaced", "a new item took over an old id", True),
    "reworded": ChangeType("Reworded", "what is expected changed", True),
    "renamed": ChangeType("Renamed", "the name changed, not what is expected", False),
    "details": ChangeType(
        "Details", "examples, evidence, “not yet” or links changed, not what is expected", False
    ),
}
ChangeTypeId = Literal["added", "merged", "replaced", "reworded", "renamed", "details"]


class Change(Strict):
    item: Annotated[
        str,
        StringConstraints(pattern=ANCHOR.pattern),
        Field(
            description="Anchor of what changed: level-<id>, responsibility-<id>, outcome-<id>, skill-<id>, "
            "or one expectation's: <item anchor>--<level id>."
        ),
    ]
    type: ChangeTypeId = Field(
        description="; ".join(f"{name}: {kind.meaning}" for name, kind in CHANGE_TYPES.items())
        + ". Only "
        + ", ".join(name for name, kind in CHANGE_TYPES.items() if kind.moves_the_bar)
        + " mark the item 'changed' on the site."
    )
    note: Text

    @property
    def changes_the_bar(self) -> bool:
        return CHANGE_TYPES[self.type].moves_the_bar


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


@dataclass(frozen=True)
class Section:
    """A run of items that pages show together: the responsibilities, the outcomes or one skill group."""

    title: str
    id: str  # its heading's anchor on the pages that show every item, such as a level's page
    items: list[LadderItem]
    kind: str
    group: SkillGroup | None = None


class Ladder(Strict):
    """The whole ladder. Built from the data file by `load_ladder`, which passes the line of every
    part of the file as validation context (`{"lines": {("skills", 2, "name"): 41, …}}`), so that
    every rule below can say where it is broken; built any other way, the rules still run."""

    version: SemVer
    centre: ItemId = Field(
        description="The id of the level the ladder is centred on: pages open on it and mark it out."
    )
    levels: list[Level] = Field(min_length=1)
    archetypes: list[Archetype] = Field(
        default=[], description="The ways of working that the levels marked `archetyped` recognise."
    )
    skill_groups: list[SkillGroup] = Field(min_length=1)
    responsibilities: list[Responsibility] = Field(min_length=1)
    outcomes: list[Outcome] = Field(default=[], description="The ways ML work pays off for the business.")
    skills: list[Skill] = Field(min_length=1)
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

    def line_of(self, entry) -> int:
        """The line of the data file where a level, a skill group or an item starts."""
        for section in ("levels", "skill_groups", *(kind.section for kind in KINDS)):
            entries = getattr(self, section)
            if entry in entries:
                return self._lines.get((section, entries.index(entry)), 1)
        return 1

    @property
    def centre_level(self) -> Level:
        return self.level(self.centre)

    def level(self, level_id: str) -> Level:
        return _by_id(self.levels, level_id, "level")

    def group(self, group_id: str) -> SkillGroup:
        return _by_id(self.skill_groups, group_id, "skill group")

    def item(self, kind: str, item_id: str) -> LadderItem:
        """The item of a kind (responsibility, outcome, skill) with this id or alias."""
        if kind not in KIND_OF:
            raise UnknownId(unknown("kind of item", kind, list(KIND_OF), "kinds"))
        return _by_id(getattr(self, KIND_OF[kind].section), item_id, kind)

    def items_of(self, kind: str) -> list[LadderItem]:
        if kind not in KIND_OF:
            raise UnknownId(unknown("kind of item", kind, list(KIND_OF), "kinds"))
        return list(getattr(self, KIND_OF[kind].section))

    def below(self, level: Level) -> Level | None:
        position = self.levels.index(level)
        return self.levels[position - 1] if position else None

    def sections(self, at: str | None = None, kind: str | None = None) -> list[Section]:
        """The items in the order every page uses: the responsibilities, the outcomes, then each skill
        group. With `kind`, only that kind's; with `at`, a level id, only the items that ask something
        at that level, and only the sections left with any."""
        sections = [
            Section(Responsibility.title, "responsibilities", list(self.responsibilities), "responsibility")
        ]
        if self.outcomes:
            sections.append(Section(Outcome.title, "business-impact", list(self.outcomes), "outcome"))
        sections += [
            Section(group.name, group.anchor, self.skills_in(group.id), "skill", group)
            for group in self.skill_groups
        ]
        if kind is not None:
            sections = [section for section in sections if section.kind == kind]
        if at is None:
            return sections
        asking = [
            Section(s.title, s.id, [item for item in s.items if item.at(at)], s.kind, s.group)
            for s in sections
        ]
        return [section for section in asking if section.items]

    def items(self) -> list[LadderItem]:
        return [item for section in self.sections() for item in section.items]

    def anchors(self) -> set[str]:
        """Every anchor of a level, an item or one expectation: what a changelog entry may name."""
        found = {level.anchor for level in self.levels}
        for item in self.items():
            found.add(item.anchor)
            found.update(item.expectation_anchor(level.id) for level in self.levels)
        return found

    def is_data_anchor(self, anchor: str) -> bool:
        """Whether `anchor` has the shape of a level's, an item's or an expectation's anchor."""
        return ANCHOR.match(anchor.partition("--")[0]) is not None

    def resolve(self, anchor: str):
        """(level or item, level or None) for an anchor such as skill-statistics--senior.

        Old ids listed under `aliases:` resolve to the item or level that took them over.
        """
        target, _, level_id = anchor.partition("--")
        kind, _, item_id = target.partition("-")
        if kind == "level" and not level_id:
            return self.level(item_id), None
        if kind not in KIND_OF:
            raise UnknownId(f"unknown anchor {anchor!r}")
        return self.item(kind, item_id), (self.level(level_id) if level_id else None)

    def mark(self, anchor: str) -> Change | None:
        """The current release's change to exactly this anchor, if it changed what is expected."""
        return next(
            (
                change
                for _, change in self.changes_in(self.version)
                if change.item == anchor and change.changes_the_bar
            ),
            None,
        )

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

    def changed_since(self, version: str) -> list[tuple[LadderItem | Level, list[str]]]:
        """Each item or level whose bar moved in a release newer than `version`, once, with those
        releases, newest first: what a review held against `version` should read again."""
        found: dict[str, tuple[LadderItem | Level, list[str]]] = {}
        for release, change in self.changes_since(version):
            if not change.changes_the_bar:
                continue
            target = self.resolve(change.item)[0]
            versions = found.setdefault(target.anchor, (target, []))[1]
            if release.version not in versions:
                versions.append(release.version)
        return list(found.values())

    def core_items(self, level: Level) -> list[LadderItem]:
        """The items every case for a level must meet; an id retired since names the item that took it."""
        return [self.resolve(anchor)[0] for anchor in level.core]

    def skills_in(self, group_id: str) -> list[Skill]:
        self.group(group_id)
        return [skill for skill in self.skills if skill.group == group_id]


# --- A released version, as frozen at its release (ladder/releases.py) ---


class FrozenExpectation(Expectation):
    """An expectation as its release froze it: before 2.0 the ladder had its text alone."""

    short: Text | None = None
    example: Text | None = None
    evidence: Text | None = None
    not_yet: Text | None = None


class FrozenItem(Strict):
    """What an item of an earlier release may have had instead of today's fields: one list of the
    evidence to look for, for the whole item, rather than one text per level."""

    expectations: dict[ItemId, FrozenExpectation]
    evidence: list[Text] = []


class FrozenResponsibility(FrozenItem, Responsibility):
    pass


class FrozenOutcome(FrozenItem, Outcome):
    pass


class FrozenSkill(FrozenItem, Skill):
    pass


class FrozenChange(Change):
    type: ChangeTypeId | None = None  # before 2.0, a change had no type

    @property
    def changes_the_bar(self) -> bool:
        return self.type is not None and CHANGE_TYPES[self.type].moves_the_bar


class FrozenRelease(Release):
    changes: list[FrozenChange] = []


class FrozenLadder(Ladder):
    """A released version of the ladder, in the words and the shape of its day. It met the rules of
    its day, which today's need not repeat: only its shape is checked."""

    centre: ItemId | None = None  # before 2.0 the ladder named no centre level; History gives it one
    responsibilities: list[FrozenResponsibility] = Field(min_length=1)
    outcomes: list[FrozenOutcome] = []
    skills: list[FrozenSkill] = Field(min_length=1)
    changelog: list[FrozenRelease] = []

    @model_validator(mode="before")
    @classmethod
    def _in_todays_names(cls, data: object) -> object:
        """Before 2.0 an expectation was its text alone, and before 2.1 the outcomes were `impact`."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        if "impact" in data and "outcomes" not in data:
            data["outcomes"] = data.pop("impact")
        for section in ("responsibilities", "outcomes", "skills"):
            for item in data.get(section) or []:
                if isinstance(item, dict) and isinstance(item.get("expectations"), dict):
                    item["expectations"] = {
                        level: {"text": text} if isinstance(text, str) else text
                        for level, text in item["expectations"].items()
                    }
        return data

    @model_validator(mode="after")
    def _follows_the_rules(self, info: ValidationInfo) -> FrozenLadder:
        self._lines = dict((info.context or {}).get("lines", {}))
        return self


class UnknownId(LookupError):
    """A page asked for an item the data file does not have. The message may be given as a function,
    called when the message is read: comparing versions looks up many ids that one of them lacks, and
    nothing reads those messages."""

    def __init__(self, message: str | Callable[[], str]):
        super().__init__()
        self._message = message

    def __str__(self) -> str:
        if callable(self._message):
            self._message = self._message()
        return self._message

    def __reduce__(self):
        # A version's pages are written in worker processes, which send their errors back pickled.
        return UnknownId, (str(self),)


def _by_id(items, item_id, what):
    """The item with this id, or the item that took it over as an alias."""
    for item in items:
        if item.id == item_id or item_id in getattr(item, "aliases", ()):
            return item

    def message() -> str:
        text = unknown(f"{what} id", item_id, [item.id for item in items], "ids")
        if items and hasattr(items[0], "aliases"):
            text += f"; {RENAMED_HINT.format(old=item_id)}"
        return text

    raise UnknownId(message)


# What every message about an id that no longer exists says first: renaming needs an alias.
RENAMED_HINT = (
    "if `{old}` was renamed, merged or retired, list it under `aliases:` of the entry that took it over "
    "in the data file, so that its published links keep working"
)


def unknown(what: str, name: str, known: list[str], known_as: str) -> str:
    """ "unknown level 'midle' (did you mean 'middle'?); known levels: first, middle, top" """
    return f"unknown {what} {name!r}{did_you_mean(name, known)}; known {known_as}: {', '.join(known)}"


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
        "description": "The data file of the ladder: levels, skill groups, skills, responsibilities and "
        "outcomes, each with one expectation per level, and the changelog.",
    }


def _broken_rules(ladder: Ladder):
    """Yield (path, message) for every rule that spans more than one item."""
    level_ids = [level.id for level in ladder.levels]
    group_ids = [group.id for group in ladder.skill_groups]
    item_sections = [kind.section for kind in KINDS]

    if ladder.centre not in level_ids and not any(ladder.centre in level.aliases for level in ladder.levels):
        yield ("centre",), unknown("centre level", ladder.centre, level_ids, "levels")

    for section in ("levels", "skill_groups", *item_sections):
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

    for position, level in enumerate(ladder.levels[1:], start=1):
        if level.step is None:
            below = ladder.levels[position - 1].name
            yield (("levels", position), f"level {level.id!r} needs a `step`: what changes from {below}")

    for position, skill in enumerate(ladder.skills):
        if skill.group not in group_ids:
            yield ("skills", position, "group"), unknown("skill group", skill.group, group_ids, "groups")
    for position, group in enumerate(ladder.skill_groups):
        if not any(skill.group == group.id for skill in ladder.skills):
            yield ("skill_groups", position, "id"), f"skill group {group.id!r} has no skills"

    skill_ids = [skill.id for skill in ladder.skills]
    retired_ids = {alias for skill in ladder.skills for alias in skill.aliases}
    for section in ("responsibilities", "outcomes"):
        for position, entry in enumerate(getattr(ladder, section)):
            for index, skill_id in enumerate(entry.skills):
                if skill_id not in skill_ids and skill_id not in retired_ids:
                    where = (section, position, "skills", index)
                    yield (
                        where,
                        unknown("skill", skill_id, skill_ids, "skills")
                        + "; "
                        + RENAMED_HINT.format(old=skill_id),
                    )

    for section in item_sections:
        for position, entry in enumerate(getattr(ladder, section)):
            yield from _expectation_rules(entry, (section, position), level_ids)
    yield from _archetype_rules(ladder, item_sections)
    yield from _core_rules(ladder)

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
    for position, release in enumerate(ladder.changelog):
        for index, change in enumerate(release.changes):
            try:
                ladder.resolve(change.item)  # an old release may name an id retired since: it resolves
            except UnknownId:
                yield (
                    ("changelog", position, "changes", index, "item"),
                    _unknown_change(ladder, release, change),
                )


def _archetype_rules(ladder: Ladder, item_sections: list[str]):
    """Expectations at an archetyped level name known archetypes; others name none; `see` names an
    expectation that exists."""
    known = [archetype.id for archetype in ladder.archetypes]
    archetyped = {level.id for level in ladder.levels if level.archetyped}
    if archetyped and not known:
        yield ("levels",), "levels are marked `archetyped`, but the file lists no `archetypes`"
    anchors = ladder.anchors()
    for section in item_sections:
        for position, item in enumerate(getattr(ladder, section)):
            for level_id, expectation in item.expectations.items():
                path = (section, position, "expectations", level_id)
                if level_id in archetyped and not expectation.archetypes:
                    yield (
                        path,
                        f"{item.expectation_anchor(level_id)} is at an archetyped level: list the archetypes "
                        f"it applies to under `archetypes:` ({', '.join(known)})",
                    )
                if level_id not in archetyped and expectation.archetypes:
                    yield (
                        (*path, "archetypes"),
                        f"level {level_id!r} is not `archetyped`: its expectations apply to every engineer, "
                        "so drop `archetypes:` here",
                    )
                for index, name in enumerate(expectation.archetypes):
                    if name not in known:
                        yield (*path, "archetypes", index), unknown("archetype", name, known, "archetypes")
                for index, anchor in enumerate(expectation.see):
                    if anchor not in anchors or "--" not in anchor:
                        yield (
                            (*path, "see", index),
                            f"`see:` names {anchor!r}, which is not the anchor of an expectation"
                            f"{did_you_mean(anchor, sorted(anchors))}; "
                            + RENAMED_HINT.format(old=anchor.partition("--")[0].partition("-")[2]),
                        )


def _core_rules(ladder: Ladder):
    """A level's core is 3 to 5 items that ask something at that level (or hold from below)."""
    if not any(level.core for level in ladder.levels):
        return
    items = sorted(item.anchor for item in ladder.items())
    for position, level in enumerate(ladder.levels):
        if not 3 <= len(level.core) <= 5:
            yield (
                ("levels", position, "core"),
                f"level {level.id!r} names {len(level.core)} core items: name 3 to 5, the items every case "
                "for the level must meet",
            )
        for index, anchor in enumerate(level.core):
            try:
                found = ladder.resolve(anchor)
            except UnknownId:
                found = None
            if found is None or "--" in anchor or isinstance(found[0], Level):
                yield (
                    ("levels", position, "core", index),
                    f"`core:` names {anchor!r}, which is not the anchor of an item"
                    f"{did_you_mean(anchor, items)}; "
                    + RENAMED_HINT.format(old=anchor.partition("--")[0].partition("-")[2]),
                )


def _unknown_change(ladder: Ladder, release: Release, change: Change) -> str:
    """An entry naming an anchor nothing has: most often an id renamed without an alias. Old entries
    are history, so the fix is an alias on the item that took the id over, never an edit here."""
    target, _, level_id = change.item.partition("--")
    kind, _, old_id = target.partition("-")
    if level_id and level_id not in [level.id for level in ladder.levels] and kind != "level":
        return (
            f"{change.item!r} names level {level_id!r}, which no level has as its id or under `aliases:`; "
            + RENAMED_HINT.format(old=level_id)
        )
    anchors = sorted(ladder.anchors())
    return (
        f"the changelog of {release.version} names {change.item!r}, but no {kind} has the id `{old_id}` "
        f"or lists it under `aliases:`; {RENAMED_HINT.format(old=old_id)}. Leave old changelog entries "
        f"as they were written. If this is a new entry with a typo, name an existing anchor"
        f"{did_you_mean(change.item, anchors)}"
    )


def _expectation_rules(entry: LadderItem, path: tuple, level_ids: list[str]):
    """An item has one expectation per level, up to the level where it ends and none above it."""
    if entry.ends_at is not None and entry.ends_at not in level_ids:
        yield (*path, "ends_at"), unknown("level", entry.ends_at, level_ids, "levels")
        return
    last = level_ids.index(entry.ends_at) if entry.ends_at else len(level_ids) - 1
    for level_id in entry.expectations:
        if level_id not in level_ids:
            yield (*path, "expectations", level_id), unknown("level", level_id, level_ids, "levels")
        elif level_ids.index(level_id) > last:
            yield (
                (*path, "expectations", level_id),
                f"the item ends at {entry.ends_at!r} (`ends_at`), so it has no expectation at {level_id!r}; "
                "remove it, or move `ends_at` up",
            )
    missing = [level_id for level_id in level_ids[: last + 1] if level_id not in entry.expectations]
    if missing:
        yield (
            (*path, "expectations"),
            f"no expectation for level(s) {', '.join(missing)}; every level needs one"
            + (f" up to {entry.ends_at!r}, where the item ends" if entry.ends_at else ""),
        )
