"""Read the ladder data file and report every problem with its file, line and item.

A contributor who breaks the data file must get a message that says where and
what to fix, never a traceback and never a site that builds with parts missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from .schema import Ladder


@dataclass(frozen=True)
class Problem:
    line: int | None
    item: str | None
    message: str


class LadderDataError(Exception):
    """The data file is unusable; the message lists every problem found."""

    def __init__(self, path: Path, problems: list[Problem]):
        self.path = path
        self.problems = problems
        super().__init__(self._format())

    def _format(self) -> str:
        shown = _shown(self.path)
        lines = [f"{shown}: {len(self.problems)} problem(s) in the ladder data file"]
        for problem in self.problems:
            where = f"{shown}:{problem.line}" if problem.line else shown
            item = f" [item {problem.item}]" if problem.item else ""
            lines.append(f"  {where}{item}: {problem.message}")
        return "\n".join(lines)


def _shown(path: Path) -> str:
    """The path as a contributor typed it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load_ladder(path: Path) -> Ladder:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LadderDataError(
            path,
            [Problem(None, None, "the data file does not exist; check `ladder_data` in mkdocs.yml")],
        ) from None
    node, raw = _parse(path, text)
    lines = _line_index(node)
    if not isinstance(raw, dict):
        raise LadderDataError(
            path, [Problem(1, None, "the file must be a mapping with `version`, `levels`, …")]
        )
    try:
        ladder = Ladder.model_validate(raw)
    except ValidationError as error:
        raise LadderDataError(path, [_explain(err, raw, lines) for err in error.errors()]) from None
    problems = [Problem(lines.get(loc), _item_id(raw, loc), message) for loc, message in _cross_check(ladder)]
    if problems:
        raise LadderDataError(path, problems)
    for section in ("levels", "skills", "responsibilities"):
        for position, item in enumerate(getattr(ladder, section)):
            ladder._lines[item.anchor] = lines[(section, position)]
    return ladder


def _parse(path: Path, text: str) -> tuple[yaml.Node, object]:
    """Return the node tree (for line numbers) and the plain data."""
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip())]
        if "\t" in indent:
            raise LadderDataError(path, [Problem(number, None, "indented with a tab; YAML needs spaces")])
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader), yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        detail = error.problem or "invalid YAML"
        if error.context and error.context_mark and error.context_mark.line + 1 != line:
            detail += f" ({error.context} that starts on line {error.context_mark.line + 1})"
        raise LadderDataError(path, [Problem(line, None, f"YAML syntax error: {detail}")]) from None


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses a key written twice in one mapping (YAML keeps the last silently)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"key {key!r} appears twice in the same mapping",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep)


def _line_index(node: yaml.Node, path: tuple = ()) -> dict[tuple, int]:
    """Map every path in the document, like ('skills', 2, 'name'), to its 1-based line."""
    index = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*path, key_node.value)
            index.update(_line_index(value_node, child))
            index[child] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for position, value_node in enumerate(node.value):
            index.update(_line_index(value_node, (*path, position)))
    return index


def _explain(error: dict, raw: dict, lines: dict[tuple, int]) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    field = ".".join(str(part) for part in loc)
    if kind == "missing":
        message = f"required field `{loc[-1]}` is missing"
        line = lines.get(loc[:-1])
    elif kind == "extra_forbidden":
        message = f"unknown key `{loc[-1]}` (a typo?); allowed keys are listed in the JSON Schema"
        line = lines.get(loc)
    else:
        message = f"`{field}`: {_plain(error)}"
        line = lines.get(loc) or lines.get(loc[:-1])
    return Problem(line, _item_id(raw, loc), message)


def _plain(error: dict) -> str:
    kind, value = error["type"], error.get("input")
    if kind == "string_pattern_mismatch":
        return f"{value!r} is not a kebab-case id (lower-case letters, digits and single hyphens)"
    if kind == "string_too_short":
        return "must not be empty"
    if kind.endswith("_type"):
        return (
            f"expected {kind.removesuffix('_type').replace('_', ' ')}, got {type(value).__name__} {value!r}"
        )
    return error["msg"]


def _item_id(raw: dict, loc: tuple) -> str | None:
    if len(loc) >= 2 and isinstance(loc[1], int):
        try:
            item = raw[loc[0]][loc[1]]
        except (KeyError, IndexError, TypeError):
            return None
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            return item["id"]
    return None


def _cross_check(ladder: Ladder):
    """Yield (path, message) for every rule that spans more than one item."""
    level_ids = [level.id for level in ladder.levels]
    group_ids = {group.id for group in ladder.skill_groups}

    for section in ("levels", "skill_groups", "skills", "responsibilities"):
        seen = set()
        for position, item in enumerate(getattr(ladder, section)):
            for name in (item.id, *getattr(item, "aliases", ())):
                if name in seen:
                    yield (section, position, "id"), f"duplicate id {name!r} in `{section}`"
                seen.add(name)

    for position, skill in enumerate(ladder.skills):
        if skill.group not in group_ids:
            yield (
                ("skills", position, "group"),
                (f"unknown skill group {skill.group!r}; known groups: {', '.join(sorted(group_ids))}"),
            )
    for group in ladder.skill_groups:
        if not any(skill.group == group.id for skill in ladder.skills):
            position = ladder.skill_groups.index(group)
            yield ("skill_groups", position, "id"), f"skill group {group.id!r} has no skills"

    skill_ids = [skill.id for skill in ladder.skills]
    retired_ids = {alias for skill in ladder.skills for alias in skill.aliases}
    for position, responsibility in enumerate(ladder.responsibilities):
        for index, skill_id in enumerate(responsibility.skills):
            if skill_id not in skill_ids and skill_id not in retired_ids:
                yield (
                    ("responsibilities", position, "skills", index),
                    (f"unknown skill {skill_id!r}; known skills: {', '.join(skill_ids)}"),
                )

    versions = [release.version for release in ladder.changelog]
    if versions[0] != ladder.version:
        yield (
            ("changelog", 0, "version"),
            (
                f"the newest changelog entry is {versions[0]}, but `version` is {ladder.version}; "
                "add a changelog entry for the new version at the top"
            ),
        )
    as_tuples = [tuple(int(part) for part in version.split(".")) for version in versions]
    if as_tuples != sorted(as_tuples, reverse=True) or len(set(versions)) != len(versions):
        yield ("changelog",), "changelog entries must be newest first, one per version"
    anchors = ladder.anchors()
    for position, release in enumerate(ladder.changelog):
        for index, change in enumerate(release.changes):
            if change.item not in anchors:
                yield (
                    ("changelog", position, "changes", index, "item"),
                    (
                        f"unknown item {change.item!r}; name an anchor such as skill-statistics or "
                        "skill-statistics--senior"
                    ),
                )

    for section in ("skills", "responsibilities"):
        for position, item in enumerate(getattr(ladder, section)):
            for level_id in item.expectations:
                if level_id not in level_ids:
                    yield (
                        (section, position, "expectations", level_id),
                        (f"unknown level {level_id!r}; known levels: {', '.join(level_ids)}"),
                    )
            missing = [level_id for level_id in level_ids if level_id not in item.expectations]
            if missing:
                yield (
                    (section, position, "expectations"),
                    (f"no expectation for level(s) {', '.join(missing)}; every level needs one"),
                )
