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
  the direction at build time, whatever a script compares it with);
- one that requires an element (`.md-typeset kbd`) that no page has and no script names.

A rule keeps the selectors that can match and goes when none can; an at-rule goes when it is left
empty. Classes and elements inside `:not()`, `:is()`, `:where()` and `:has()` do not count as required.

A page's own cut (`ThemeSheets.cut`) also drops the custom properties that nothing reads: a property
stays while a `var()` of what the page keeps, or of anything the caller names (the other sheets, the
scripts), refers to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

# Searches that start with a plain string, several times faster than ones that first match a name:
# reading a `data-class` as a class, or any `="…"` as an attribute value, only keeps more rules.
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
ATTRIBUTE_VALUE = re.compile(r'="([^"]*)"')
DIR_ATTRIBUTE = re.compile(r'dir="([^"]*)"')
INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.DOTALL)
SCRIPT_WORD = re.compile(r"[A-Za-z_][\w-]*")
# A class built at run time: `md-tag--${name}` or "md-tag--" + name (a prefix ends in - or _).
SCRIPT_PREFIX = re.compile(r"(?<=[`\"'\s])([A-Za-z_][\w-]*[-_])(?:\$\{|[\"']\s*\+)")
REQUIRED_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
REQUIRED_VALUE = re.compile(r"\[[\w-]+=([\"']?)([A-Za-z_][\w-]*)\1\]")
ELEMENT = re.compile(r"<([A-Za-z][\w-]*)")
# An element a selector requires: a name that starts a compound selector (not a pseudo-class's).
REQUIRED_ELEMENT = re.compile(r"(?:^|[\s>+~])([A-Za-z][\w-]*)")
ATTRIBUTE_SELECTOR = re.compile(r"\[[^\]]*\]")
# Elements a document has whether or not its markup writes them.
IMPLIED_ELEMENTS = frozenset({"html", "head", "body", "tbody"})
CUSTOM_PROPERTY = re.compile(r"--[A-Za-z_][\w-]*")
VAR = re.compile(r"var\(\s*(--[A-Za-z_][\w-]*)")
RIGHT_TO_LEFT = re.compile(r"\[dir=[\"']?rtl[\"']?\]")
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
# A string, kept (to its end if it has none), or a comment, dropped (to the end if it has none).
STRING_OR_COMMENT = re.compile(r"(\"(?:[^\"\\]|\\.)*\"?|'(?:[^'\\]|\\.)*'?)|/\*.*?(?:\*/|$)", re.DOTALL)
GROUPING_AT_RULES = {"media", "supports", "layer", "container"}
AT_KEYWORD = re.compile(r"@([\w-]+)")


@dataclass(frozen=True)
class UsedNames:
    """What the built site can put on an element."""

    classes: frozenset[str]
    class_prefixes: frozenset[str]
    attribute_values: frozenset[str]
    elements: frozenset[str]
    right_to_left: bool

    def may_have(self, class_name: str) -> bool:
        return class_name in self.classes or class_name.startswith(tuple(self.class_prefixes))

    def __or__(self, other: UsedNames) -> UsedNames:
        return union((self, other))


def union(all_names: Iterable[UsedNames]) -> UsedNames:
    """The names any of `all_names` has."""
    classes, prefixes, values, elements, right_to_left = set(), set(), set(), set(), False
    for names in all_names:
        classes |= names.classes
        prefixes |= names.class_prefixes
        values |= names.attribute_values
        elements |= names.elements
        right_to_left = right_to_left or names.right_to_left
    return UsedNames(
        frozenset(classes), frozenset(prefixes), frozenset(values), frozenset(elements), right_to_left
    )


def used_names(pages: Iterable[str], scripts: Iterable[str]) -> UsedNames:
    pages = list(pages)
    scripts = [*scripts, *(script for page in pages for script in INLINE_SCRIPT.findall(page))]
    # Pages repeat most of their lines (the header, the navigation, a version's copy of a page):
    # read each distinct line once. An attribute never spans lines in the markup engines write.
    lines = pages[0] if len(pages) == 1 else "\n".join(dict.fromkeys(_lines(pages)))
    classes = {name for value in CLASS_ATTRIBUTE.findall(lines) for name in value.split()}
    values = {word for value in ATTRIBUTE_VALUE.findall(lines) for word in value.split()}
    elements = {name.lower() for name in ELEMENT.findall(lines)} | IMPLIED_ELEMENTS
    prefixes: set[str] = set()
    for script in dict.fromkeys(scripts):  # pages share most of their inline scripts: read each once
        words, elements_named, prefixes_built = _script_names(script)
        classes |= words
        values |= words
        elements |= elements_named  # createElement("kbd"), or markup in a string
        prefixes |= prefixes_built
    right_to_left = "rtl" in DIR_ATTRIBUTE.findall(lines)
    return UsedNames(
        frozenset(classes), frozenset(prefixes), frozenset(values), frozenset(elements), right_to_left
    )


def _lines(pages: list[str]) -> Iterable[str]:
    for page in pages:
        yield from page.splitlines()


@lru_cache(maxsize=64)
def _script_names(script: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The words of a script, as classes or attribute values and as elements, and the prefixes it
    builds classes from: every page has the theme's inline scripts, read once."""
    words = frozenset(SCRIPT_WORD.findall(script))
    return words, frozenset(word.lower() for word in words), frozenset(SCRIPT_PREFIX.findall(script))


def _without_arguments(selector: str) -> str:
    """The selector without the arguments of its functional pseudo-classes."""
    out, depth = [], 0
    for char in selector:
        depth += char == "("
        if depth == 0:
            out.append(char)
        depth -= char == ")" and depth > 0
    return "".join(out)


@dataclass(frozen=True)
class Requirements:
    """What an element must have, somewhere on the page, for a selector to match."""

    classes: frozenset[str]
    attribute_values: frozenset[str]
    elements: frozenset[str]
    right_to_left: bool

    def met_by(self, used: UsedNames) -> bool:
        return (
            (used.right_to_left or not self.right_to_left)
            and self.attribute_values <= used.attribute_values
            and self.elements <= used.elements
            and all(used.may_have(name) for name in self.classes - used.classes)
        )

    def without(self, used: UsedNames) -> Requirements:
        """What is still required where `used` is there already."""
        return Requirements(
            frozenset(name for name in self.classes if not used.may_have(name)),
            self.attribute_values - used.attribute_values,
            self.elements - used.elements,
            self.right_to_left and not used.right_to_left,
        )


def requirements(selector: str) -> Requirements:
    required = _without_arguments(selector)
    unquoted = QUOTED.sub('""', required)
    return Requirements(
        frozenset(REQUIRED_CLASS.findall(unquoted)),
        frozenset(value for _, value in REQUIRED_VALUE.findall(required)),
        frozenset(name.lower() for name in REQUIRED_ELEMENT.findall(ATTRIBUTE_SELECTOR.sub("[]", unquoted))),
        bool(RIGHT_TO_LEFT.search(selector)),
    )


def _skip_string(css: str, index: int) -> int:
    """The index just past the string literal that starts at `index`."""
    quote, index = css[index], index + 1
    while index < len(css) and css[index] != quote:
        index += 2 if css[index] == "\\" else 1
    return index + 1


def without_comments(css: str) -> str:
    return STRING_OR_COMMENT.sub(lambda found: found.group(1) or "", css)


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
    return [part.strip() for part in _split_top_level(prelude, ",")]


def _split_top_level(text: str, separator: str) -> list[str]:
    """`text` split on each `separator` outside strings and parentheses, the parts as they are."""
    parts, start, depth, index = [], 0, 0, 0
    while index < len(text):
        char = text[index]
        if char in "\"'":
            index = _skip_string(text, index)
            continue
        depth += (char == "(") - (char == ")")
        if char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
        index += 1
    return [*parts, text[start:]]


def prune(css: str, used: UsedNames) -> str:
    """`css` without the selectors that cannot match anything the site renders.

    Declarations are copied character for character: a custom property's value is its text.
    """
    return split(css, used, used)[0]


def split(css: str, at_first_paint: UsedNames, later: UsedNames) -> tuple[str, str]:
    """(the rules that can match what a page has at first paint, the rules that can match only what a
    later script adds): both pruned, each in the original order of its rules."""
    return ThemeSheets({"": css}, at_first_paint, by_script=later).split("")


class ThemeSheets:
    """The theme's stylesheets, read once: split into what the pages can match at first paint and
    what only a later script (`by_script` names what it can add) makes match, then cut for each page
    (or group of pages) in turn. Pages that can match the same selectors and read the same properties
    share one cut."""

    def __init__(self, sheets: dict[str, str], at_first_paint: UsedNames, by_script: UsedNames):
        self._sheets = {}
        for path, css in sheets.items():
            try:
                self._sheets[path] = _parse(without_comments(css))
            except ValueError as error:
                raise ValueError(f"{path}: cannot read the stylesheet: {error}") from None
        self._later = at_first_paint | by_script
        every = {selector.needs for nodes in self._sheets.values() for selector in _selectors(nodes)}
        self._needs = {needs for needs in every if needs.met_by(at_first_paint)}
        # What each selector still needs from a page once the script has added all it can: most need
        # nothing more, and many share what they need, which is checked once per page.
        self._left = {needs: needs.without(by_script) for needs in self._needs}
        self._left_kinds = set(self._left.values())
        self._defined = {
            declaration.defines
            for nodes in self._sheets.values()
            for rule in _kept_rules(nodes, lambda needs: True)
            for declaration in rule.declarations
            if declaration.defines
        }
        self._cuts: dict[tuple, dict[str, str]] = {}

    @property
    def paths(self) -> list[str]:
        return list(self._sheets)

    def split(self, path: str) -> tuple[str, str]:
        """The sheet at `path` as (what can match at first paint, what only a later script can make
        match)."""

        def first(rule: _Rule) -> list[str]:
            return [selector.text for selector in rule.selectors if selector.needs in self._needs]

        def only_later(rule: _Rule) -> list[str]:
            return [
                selector.text
                for selector in rule.selectors
                if selector.needs not in self._needs and selector.needs.met_by(self._later)
            ]

        nodes = self._sheets[path]
        return _render(nodes, first), _render(nodes, only_later, keep_others=False)

    def cut(self, paths: Iterable[str], used: UsedNames, referenced: Iterable[str]) -> dict[str, str]:
        """Each sheet at `paths` with the selectors that can match a page with the names `used` (and
        those the script adds) and the custom properties that are read: by a `var()` of what is
        kept, or by `referenced` (names like `--md-x`)."""
        paths = tuple(paths)
        met = frozenset(left for left in self._left_kinds if left.met_by(used))
        key = (paths, met, frozenset(self._defined.intersection(referenced)))
        if key not in self._cuts:
            met_needs = {needs for needs, left in self._left.items() if left in met}
            self._cuts[key] = self._cut(paths, met_needs.__contains__, set(key[2]))
        return self._cuts[key]

    def _cut(self, paths: tuple[str, ...], can_match, reads: set[str]) -> dict[str, str]:
        defined: dict[str, list[_Declaration]] = {}
        for path in paths:
            for rule in _kept_rules(self._sheets[path], can_match):
                for declaration in rule.declarations:
                    if declaration.defines:
                        defined.setdefault(declaration.defines, []).append(declaration)
                    else:
                        reads.update(declaration.reads)
        waiting = list(reads)
        while waiting:  # a property read makes the properties its value reads read too
            for declaration in defined.get(waiting.pop(), ()):
                new = declaration.reads - reads
                reads |= new
                waiting.extend(new)

        def selectors(rule: _Rule) -> list[str]:
            return [selector.text for selector in rule.selectors if can_match(selector.needs)]

        def declarations(rule: _Rule) -> str:
            if not any(d.defines and d.defines not in reads for d in rule.declarations):
                return rule.block
            return ";".join(d.text for d in rule.declarations if not d.defines or d.defines in reads)

        return {path: _render(self._sheets[path], selectors, declarations) for path in paths}


def custom_properties(text: str) -> set[str]:
    """The custom property names a script, a page or a stylesheet mentions."""
    return set(CUSTOM_PROPERTY.findall(text))


# --- Reading a stylesheet into rules ---


@dataclass(frozen=True)
class _Selector:
    text: str
    needs: Requirements


@dataclass(frozen=True)
class _Declaration:
    text: str
    defines: str | None  # the custom property it sets, if it sets one
    reads: frozenset[str]


@dataclass(frozen=True)
class _Rule:
    selectors: tuple[_Selector, ...]
    block: str

    @cached_property  # read once, however many pages are cut
    def declarations(self) -> list[_Declaration]:
        return _declarations(self.block)


@dataclass(frozen=True)
class _Group:  # @media, @supports, …: rules inside a condition
    prelude: str
    body: tuple


@dataclass(frozen=True)
class _Other:  # any other statement (@import, @font-face, @keyframes), kept as it is
    text: str

    @cached_property
    def declarations(self) -> list[_Declaration]:
        return [_Declaration(self.text, None, frozenset(VAR.findall(self.text)))]


def _parse(css: str) -> tuple:
    nodes = []
    for prelude, block in _statements(css):
        if block is None:
            nodes.append(_Other(f"{prelude};"))
        elif not prelude.startswith("@"):
            selectors = tuple(_Selector(text, requirements(text)) for text in _split_selectors(prelude))
            nodes.append(_Rule(selectors, block))
        elif AT_KEYWORD.match(prelude).group(1).lower() in GROUPING_AT_RULES:
            nodes.append(_Group(prelude, _parse(block)))
        else:
            nodes.append(_Other(f"{prelude}{{{block}}}"))
    return tuple(nodes)


def _declarations(block: str) -> list[_Declaration]:
    declarations = []
    for text in _split_top_level(block, ";"):
        name = text.split(":", 1)[0].strip()
        if text.strip():
            reads = frozenset(VAR.findall(text))
            declarations.append(_Declaration(text, name if name.startswith("--") else None, reads))
    return declarations


def _kept_rules(nodes: tuple, can_match) -> list[_Rule | _Other]:
    """The rules with a selector whose requirements `can_match`, and every other statement."""
    kept = []
    for node in nodes:
        if isinstance(node, _Rule) and any(can_match(selector.needs) for selector in node.selectors):
            kept.append(node)
        elif isinstance(node, _Group):
            kept.extend(_kept_rules(node.body, can_match))
        elif isinstance(node, _Other):
            kept.append(node)
    return kept


def _selectors(nodes: tuple) -> Iterable[_Selector]:
    for node in nodes:
        if isinstance(node, _Rule):
            yield from node.selectors
        elif isinstance(node, _Group):
            yield from _selectors(node.body)


def _render(nodes: tuple, selectors, declarations=lambda rule: rule.block, keep_others: bool = True) -> str:
    out = []
    for node in nodes:
        if isinstance(node, _Rule):
            chosen = selectors(node)
            block = declarations(node) if chosen else ""
            if block.strip():
                out.append(f"{','.join(chosen)}{{{block}}}")
        elif isinstance(node, _Group):
            inner = _render(node.body, selectors, declarations, keep_others)
            if inner:
                out.append(f"{node.prelude}{{{inner}}}")
        elif keep_others:
            out.append(node.text)
    return "".join(out)
