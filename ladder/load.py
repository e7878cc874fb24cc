"""Read the ladder data file and report every problem with its file, line and item.

A contributor who breaks the data file must get a message that says where and
what to fix, never a traceback and never a site that builds with parts missing.
"""

from __future__ import annotations

import hashlib
import json
from contextlib import suppress
from datetime import date
from pathlib import Path

import yaml
from pydantic import ValidationError

from .schema import Ladder, LadderRuleError, Problem


class LadderDataError(Exception):
    """The data file is unusable; the message lists every problem found."""

    def __init__(self, path: Path, problems: list[Problem], message: str = ""):
        self.path = path
        self.problems = problems
        super().__init__(message or self._format())

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


# The last ladder read from each file, with its text: a build reads the file more than once (macros,
# hooks, the steps after it) and `make serve` once per rebuild, so an unchanged file is parsed once.
_loaded: dict[tuple[Path, type], tuple[str, Ladder]] = {}


def load_ladder(
    path: Path,
    model: type[Ladder] = Ladder,
    text: str | None = None,
    first_line: int = 1,
    cache: Path | None = None,
) -> Ladder:
    """The ladder in a data file, checked by `model`; `text`, when given, is the part of the file that
    holds it, from line `first_line` on (a frozen version's file starts with a header). With `cache`, the
    parsed YAML is kept there by the digest of the text: for files that never change, whose parsing
    takes most of their reading."""
    path = Path(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            missing = "the data file does not exist; check `extra.ladder.data` in mkdocs.yml"
            raise LadderDataError(path, [Problem(None, None, missing)]) from None
    key = (path.resolve(), model)
    if key in _loaded and _loaded[key][0] == text:
        return _loaded[key][1]
    ladder = _validate(path, text, model, first_line - 1, cache)
    _loaded[key] = (text, ladder)
    return ladder


def _validate(path: Path, text: str, model: type[Ladder], offset: int, cache: Path | None = None) -> Ladder:
    raw, index = _data_and_lines(path, text, offset, cache)
    lines = {key: line + offset for key, line in index.items()}
    if not isinstance(raw, dict):
        raise LadderDataError(
            path, [Problem(1, None, "the file must be a mapping with `version`, `levels`, …")]
        )
    try:
        return model.model_validate(raw, context={"lines": lines})
    except ValidationError as error:
        problems = []
        for err in error.errors():
            broken_rules = (err.get("ctx") or {}).get("error")
            if isinstance(broken_rules, LadderRuleError):
                problems.extend(broken_rules.problems)
            else:
                problems.append(_explain(err, raw, lines))
        raise LadderDataError(path, problems) from None


def _data_and_lines(
    path: Path, text: str, offset: int, cache: Path | None
) -> tuple[object, dict[tuple, int]]:
    """The plain data and the line of every key in it (the line in `text`), from `cache` or parsed."""
    stored = cache / f"{hashlib.sha256(text.encode('utf-8')).hexdigest()}.json" if cache else None
    with suppress(OSError, ValueError, TypeError):
        if stored and stored.exists():
            kept = json.loads(stored.read_text(encoding="utf-8"), object_hook=_from_json)
            return kept["data"], {tuple(key): line for key, line in kept["lines"]}
    node, raw = _parse(path, text, offset)
    if node is None:
        raise LadderDataError(path, [Problem(1, None, "the file is empty; it needs `version`, `levels`, …")])
    index = _line_index(node)
    if stored:
        _keep(stored, raw, index)
    return raw, index


def _keep(stored: Path, raw: object, index: dict[tuple, int]) -> None:
    """Write what `_data_and_lines` reads back, where JSON gives back exactly what YAML gave."""
    try:
        lines = [[list(key), line] for key, line in index.items()]
        text = json.dumps({"data": raw, "lines": lines}, default=_to_json)
    except TypeError:
        return  # a value JSON cannot hold: parse the file each time
    if json.loads(text, object_hook=_from_json)["data"] != raw:
        return  # keys JSON would turn into strings
    with suppress(OSError):
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_text(text, encoding="utf-8")


def _to_json(value: object) -> dict:
    if type(value) is date:
        return {"$date": value.isoformat()}
    raise TypeError(type(value).__name__)


def _from_json(value: dict) -> object:
    return date.fromisoformat(value["$date"]) if value.keys() == {"$date"} else value


def _parse(path: Path, text: str, offset: int = 0) -> tuple[yaml.Node, object]:
    """Return the node tree (for line numbers) and the plain data."""
    for number, line in enumerate(text.splitlines(), start=1 + offset):
        indent = line[: len(line) - len(line.lstrip())]
        if "\t" in indent:
            raise LadderDataError(path, [Problem(number, None, "indented with a tab; YAML needs spaces")])
    try:
        node = yaml.compose(text, Loader=_FastLoader)
        return node, (None if node is None else _UniqueKeyLoader("").construct_document(node))
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 + offset if error.problem_mark else None
        detail = error.problem or "invalid YAML"
        if error.context and error.context_mark and error.context_mark.line + 1 + offset != line:
            detail += f" ({error.context} that starts on line {error.context_mark.line + 1 + offset})"
        raise LadderDataError(path, [Problem(line, None, f"YAML syntax error: {detail}")]) from None


# libyaml's parser where PyYAML has it: the data file is large, and Python's parser is slow.
_FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    if kind == "value_error":
        return str(error["ctx"]["error"])
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
