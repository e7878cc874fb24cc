"""The theme's stylesheets, cut down to the rules this site can use.

With the fast first paint (layer.py) every page inlines the theme's stylesheets, and a phone pays for
each of their rules when it parses and styles the page. Most of them style what this site never shows:
admonitions, tabs, blog posts, banners, other colour palettes, right-to-left text. The inlined copies
lose every selector that cannot match:

- one that requires a class found in no built page and in no script of the site, since such a class
  can never be on an element (Material's script adds classes too, so its literals count as used, and
  a class it builds at run time from a literal prefix counts as used by that prefix);
- one that requires an attribute value (`[data-md-color-primary=red]`) found in no attribute of a
  built page and in no script;
- one that requires `[dir=rtl]`, when no page is written right to left (the theme's language fixes
  the direction at build time, whatever a script compares it with).

A rule keeps the selectors that can match and goes when none can; an at-rule goes when it is left
empty. Classes inside `:not()`, `:is()`, `:where()` and `:has()` do not count as required.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
ATTRIBUTE_VALUE = re.compile(r'\s[\w:-]+="([^"]*)"')
DIR_ATTRIBUTE = re.compile(r'\bdir="([^"]*)"')
INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.DOTALL)
SCRIPT_WORD = re.compile(r"[A-Za-z_][\w-]*")
# A class built at run time: `md-tag--${name}` or "md-tag--" + name (a prefix ends in - or _).
SCRIPT_PREFIX = re.compile(r"(?<=[`\"'\s])([A-Za-z_][\w-]*[-_])(?:\$\{|[\"']\s*\+)")
REQUIRED_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
REQUIRED_VALUE = re.compile(r"\[[\w-]+=([\"']?)([A-Za-z_][\w-]*)\1\]")
RIGHT_TO_LEFT = re.compile(r"\[dir=[\"']?rtl[\"']?\]")
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
GROUPING_AT_RULES = {"media", "supports", "layer", "container"}
AT_KEYWORD = re.compile(r"@([\w-]+)")


@dataclass(frozen=True)
class UsedNames:
    """What the built site can put on an element."""

    classes: frozenset[str]
    class_prefixes: frozenset[str]
    attribute_values: frozenset[str]
    right_to_left: bool

    def may_have(self, class_name: str) -> bool:
        return class_name in self.classes or class_name.startswith(tuple(self.class_prefixes))

    def with_scripts(self, scripts: Iterable[str]) -> UsedNames:
        """These names and those the scripts can add."""
        more = used_names([], scripts)
        return UsedNames(
            self.classes | more.classes,
            self.class_prefixes | more.class_prefixes,
            self.attribute_values | more.attribute_values,
            self.right_to_left,
        )


def used_names(pages: Iterable[str], scripts: Iterable[str]) -> UsedNames:
    pages = list(pages)
    scripts = [*scripts, *(script for page in pages for script in INLINE_SCRIPT.findall(page))]
    # Pages repeat most of their lines (the header, the navigation, a version's copy of a page):
    # read each distinct line once. An attribute never spans lines in the markup engines write.
    lines = "\n".join(dict.fromkeys(line for page in pages for line in page.splitlines()))
    classes = {name for value in CLASS_ATTRIBUTE.findall(lines) for name in value.split()}
    values = {word for value in ATTRIBUTE_VALUE.findall(lines) for word in value.split()}
    prefixes: set[str] = set()
    for script in dict.fromkeys(scripts):  # pages share most of their inline scripts: read each once
        words = SCRIPT_WORD.findall(script)
        classes.update(words)
        values.update(words)
        prefixes.update(SCRIPT_PREFIX.findall(script))
    right_to_left = "rtl" in DIR_ATTRIBUTE.findall(lines)
    return UsedNames(frozenset(classes), frozenset(prefixes), frozenset(values), right_to_left)


def _without_arguments(selector: str) -> str:
    """The selector without the arguments of its functional pseudo-classes."""
    out, depth = [], 0
    for char in selector:
        depth += char == "("
        if depth == 0:
            out.append(char)
        depth -= char == ")" and depth > 0
    return "".join(out)


def can_match(selector: str, used: UsedNames) -> bool:
    if not used.right_to_left and RIGHT_TO_LEFT.search(selector):
        return False
    required = _without_arguments(selector)
    if any(value not in used.attribute_values for _, value in REQUIRED_VALUE.findall(required)):
        return False
    return all(used.may_have(name) for name in REQUIRED_CLASS.findall(QUOTED.sub('""', required)))


def _skip_string(css: str, index: int) -> int:
    """The index just past the string literal that starts at `index`."""
    quote, index = css[index], index + 1
    while index < len(css) and css[index] != quote:
        index += 2 if css[index] == "\\" else 1
    return index + 1


def without_comments(css: str) -> str:
    out, start, index = [], 0, 0
    while index < len(css):
        if css[index] in "\"'":
            index = _skip_string(css, index)
        elif css.startswith("/*", index):
            out.append(css[start:index])
            close = css.find("*/", index + 2)
            index = start = len(css) if close < 0 else close + 2
        else:
            index += 1
    return "".join(out) + css[start:]


def _line(css: str, index: int) -> int:
    return css.count("\n", 0, index) + 1


def _statements(css: str) -> list[tuple[str, str | None]]:
    """Top-level statements as (prelude, block), `block` None for `@import …;`; text kept as is."""
    statements, start, depth, index, block_start = [], 0, 0, 0, 0
    while index < len(css):
        char = css[index]
        if char in "\"'":
            index = _skip_string(css, index)
            continue
        if char == "{":
            block_start = index if depth == 0 else block_start
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                raise ValueError(f"a '}}' closes nothing at line {_line(css, index)}")
            if depth == 0:
                statements.append((css[start:block_start].strip(), css[block_start + 1 : index]))
                start = index + 1
        elif char == ";" and depth == 0:
            statements.append((css[start:index].strip(), None))
            start = index + 1
        index += 1
    if depth or css[start:].strip():
        raise ValueError(f"the statement at line {_line(css, start)} never ends")
    return statements


def _split_selectors(prelude: str) -> list[str]:
    """The selectors of a list, split on its top-level commas (not those inside `:is(a, b)`)."""
    parts, start, depth, index = [], 0, 0, 0
    while index < len(prelude):
        char = prelude[index]
        if char in "\"'":
            index = _skip_string(prelude, index)
            continue
        depth += (char == "(") - (char == ")")
        if char == "," and depth == 0:
            parts.append(prelude[start:index].strip())
            start = index + 1
        index += 1
    return [*parts, prelude[start:].strip()]


def prune(css: str, used: UsedNames) -> str:
    """`css` without the selectors that cannot match anything the site renders.

    Declarations are copied character for character: a custom property's value is its text.
    """
    return split(css, used, used)[0]


def split(css: str, at_first_paint: UsedNames, later: UsedNames) -> tuple[str, str]:
    """(the rules that can match what a page has at first paint, the rules that can match only what a
    later script adds): both pruned, each in the original order of its rules."""
    first: list[str] = []
    rest: list[str] = []
    _split_into(without_comments(css), at_first_paint, later, first, rest)
    return "".join(first), "".join(rest)


def _split_into(
    css: str, at_first_paint: UsedNames, later: UsedNames, first: list[str], rest: list[str]
) -> None:
    for prelude, block in _statements(css):
        if block is None:
            first.append(f"{prelude};")
        elif not prelude.startswith("@"):
            now, after = [], []
            for selector in _split_selectors(prelude):
                if can_match(selector, at_first_paint):
                    now.append(selector)
                elif can_match(selector, later):
                    after.append(selector)
            if now:
                first.append(f"{','.join(now)}{{{block}}}")
            if after:
                rest.append(f"{','.join(after)}{{{block}}}")
        elif AT_KEYWORD.match(prelude).group(1).lower() in GROUPING_AT_RULES:
            inner_first: list[str] = []
            inner_rest: list[str] = []
            _split_into(block, at_first_paint, later, inner_first, inner_rest)
            if inner_first:
                first.append(f"{prelude}{{{''.join(inner_first)}}}")
            if inner_rest:
                rest.append(f"{prelude}{{{''.join(inner_rest)}}}")
        else:
            first.append(f"{prelude}{{{block}}}")
