"""The fast first paint: an optional layer over the built pages, on unless mkdocs.yml says
`extra.ladder.fast_first_paint: false`.

An engine writes pages that link their stylesheets and load the theme's script at once, as stock
Material does. This layer changes only how those arrive, never what they do:

- every stylesheet of the site that a page links is inlined, so the first paint waits for no request;
- the theme's stylesheets lose the rules that nothing on the site can match, and the rules that only
  the theme's script can make match move to one sheet that loads with that script (stylesheet.py);
- each page then inlines only the rules that can match on it, and the custom properties they read;
- the theme's script loads on the reader's first interaction, or at once for a search link (?q=);
- the indentation of the markup goes: a phone still receives every byte, compressed or not.

Switched off, every page looks and behaves the same; only the size and speed budgets of `make bench`
depend on it.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path

from .built import BuiltSite
from .stylesheet import ThemeSheets, UsedNames, custom_properties, union, used_names, without_comments

SHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"\s*/?>\n?')
SCRIPT = re.compile(r'<script src="([^"]+)"(?: defer)?></script>')
AFTER_LOAD = "assets/stylesheets/after-load.{hash}.css"
INLINED = '<style data-inlined="'
RELATIVE_URL = re.compile(r"url\(\s*(?!['\"]?(?:data:|https?:|#))")

# Set the class the theme's script sets when it loads, at once, so that nothing moves when it does.
JS_CLASS = '<script>document.documentElement.classList.replace("no-js","js")</script>'
# Material mounts the components of the page's content (wrapped tables, tabs, the table of contents
# that follows the reader) when the document fires DOMContentLoaded, which has passed by the time its
# script arrives: once the script has run, the page fires it again for it (Material listens once).
LAZY = """<script>(()=>{{\
const e=["pointerdown","pointermove","touchstart","keydown","focusin","wheel","scroll"],\
l=()=>{{e.forEach(t=>removeEventListener(t,l,!0));const s=Object.assign(document.createElement("link"),\
{{rel:"stylesheet",href:{sheet}}});s.onload=s.onerror=()=>document.body.append(Object.assign(\
document.createElement("script"),{{src:{script},onload:()=>document.readyState!=="loading"&&\
document.dispatchEvent(new Event("DOMContentLoaded"))}}));document.head.append(s)}};\
/[?&][qh]=/.test(location.search)?l():e.forEach(t=>addEventListener(t,l,{{capture:!0,passive:!0}}))}})()</script>"""

_VERBATIM = re.compile(r"(<(pre|textarea|style)\b.*?</\2>)", flags=re.DOTALL | re.IGNORECASE)
_INDENTED = re.compile(r"\n\s+")
_LINE_BREAKS = re.compile(r"\s*\n\s*")


class LayerError(ValueError):
    """A page cannot be served the fast way; the message says which and why."""


def apply(built: BuiltSite, docs_dir: Path, root_path: str = "/", copies=lambda url: False) -> None:
    """Lay the fast first paint over the built pages. `root_path` is the path of the site's address:
    the page for unknown addresses (404.html) is served at any depth, so it links from there.

    Pages for which `copies(url)` holds, the many copies of the released versions' pages, are cut
    once for all of them: each inlines what any of them can match, which costs a little weight and
    saves a cut per copy. (A sheet of their own would cost each a request before its first paint.)"""
    pages = [page for page in built.reader_pages() if INLINED not in page.html]  # not laid over yet
    linked = {path for page in pages for path in _targets(built, page, SHEET)}
    scripts = {path for page in pages for path in _targets(built, page, SCRIPT)}
    ours: dict[str, str] = {}  # the site's own sheets and scripts, by site path
    theirs: dict[str, str] = {}  # the theme's
    for path in sorted(linked | scripts):
        text = (built.root / path).read_text(encoding="utf-8")
        (ours if (docs_dir / path).is_file() else theirs)[path] = text
    theme_scripts = scripts & set(theirs)
    # Each page is a group of its own, but the copies of released versions, which share one cut;
    # the names of each group are read once, and all of them are what the site has at first paint.
    groups: dict[tuple, list] = {}
    for page in pages:
        key = ("copies", *_targets(built, page, SHEET)) if copies(page.url) else ("page", page.url)
        groups.setdefault(key, []).append(page)
    names = {key: used_names([page.html for page in group], []) for key, group in groups.items()}
    at_first_paint = union([*names.values(), used_names([], (ours[p] for p in sorted(scripts & set(ours))))])
    by_theme_script = used_names([], (theirs[path] for path in sorted(theme_scripts)))
    theme = _theme_sheets(
        {path: theirs[path] for path in sorted(linked & set(theirs))}, at_first_paint, by_theme_script
    )
    if not theme.paths and not theme_scripts:
        return  # laid over these pages already
    after_load = "".join(theme.split(path)[1] for path in theme.paths)
    sheet = AFTER_LOAD.format(hash=hashlib.sha256(after_load.encode()).hexdigest()[:8])
    (built.root / sheet).parent.mkdir(parents=True, exist_ok=True)
    (built.root / sheet).write_text(after_load, encoding="utf-8")
    first_paint = _FirstPaint(
        built,
        theme,
        {path: _compact(ours[path]) for path in linked & set(ours)},
        {path: used_names([], [ours[path]]) for path in scripts & set(ours)},
        read_anyway=custom_properties(
            "".join([after_load, *(ours[path] for path in linked | scripts if path in ours)])
            + "".join(theirs[path] for path in theme_scripts)
        ),
    )
    for key, group in groups.items():
        sheets_of_group = first_paint.sheets(group, names[key])
        for page in group:
            after_load_href = root_path + sheet if page.url == "404.html" else _relative(page.url, sheet)
            page.save(_laid(page, built, _inlining(sheets_of_group), theme_scripts, after_load_href))


class _FirstPaint:
    """The sheets a group of pages (one page, or the copies of the released versions) needs at first
    paint: the theme's, cut to what those pages can show at any time (whatever the theme's script adds
    has no rule in the sheet that loads with that script if some page shows it at first paint) and to
    the custom properties something reads; the site's own as they are."""

    def __init__(
        self,
        built,
        theme: ThemeSheets,
        ours: dict[str, str],
        names_by_script: dict[str, UsedNames],
        read_anyway: set[str],
    ):
        self.built, self.theme, self.ours = built, theme, ours
        self.names_by_script = names_by_script  # the names each of our scripts can add to a page
        self.read_anyway = read_anyway

    def sheets(self, group: list, used: UsedNames) -> list[tuple[str, str]]:
        """(path, text) of each sheet the first page of `group` links, in order, cut for every page
        of the group, whose markup has the names `used`."""
        run = {path for page in group for path in _targets(self.built, page, SCRIPT)}
        for path in run & set(self.names_by_script):
            used |= self.names_by_script[path]
        paths = _targets(self.built, group[0], SHEET)
        read = self.read_anyway | custom_properties("".join(page.html for page in group))
        cut = self.theme.cut([path for path in paths if path not in self.ours], used, read)
        return [(path, self.ours[path] if path in self.ours else cut[path]) for path in paths]


def _targets(built: BuiltSite, page, pattern: re.Pattern) -> list[str]:
    """The site path of each sheet (SHEET) or script (SCRIPT) the page links, in order."""
    return [built.target(page_dir(page.url), address)[0] for address in pattern.findall(page.html)]


def _inlining(sheets: list[tuple[str, str]]):
    """Each stylesheet link of a page, in turn, replaced by its sheet (path, text), saying what it
    stands for."""
    remaining = iter(sheets)

    def inline(match: re.Match) -> str:
        path, css = next(remaining)
        return f'{INLINED}{path}">{css}</style>'

    return inline


def _laid(page, built: BuiltSite, sheets, theme_scripts: set[str], after_load: str) -> str:
    """One page with its stylesheet links replaced by `sheets` (a function of each link) and the
    theme's script loaded on the first interaction."""

    def lazy(match: re.Match) -> str:
        if built.target(page_dir(page.url), match.group(1))[0] not in theme_scripts:
            return match.group(0)
        return LAZY.format(sheet=json.dumps(after_load), script=json.dumps(match.group(1)))

    # Indentation goes first: a page is half as long before its sheets are inlined.
    html = SCRIPT.sub(lazy, SHEET.sub(sheets, without_indentation(page.html)))
    return html.replace("<head>", "<head>" + JS_CLASS, 1)


def page_dir(url: str) -> str:
    """Where a page's relative links start: the page for unknown addresses links from the site root."""
    return "" if url == "404.html" else url


def _relative(base: str, path: str) -> str:
    return posixpath.relpath(path, base or ".")


def _theme_sheets(sheets: dict[str, str], at_first_paint: UsedNames, by_script: UsedNames) -> ThemeSheets:
    for path, css in sheets.items():
        if RELATIVE_URL.search(css):
            raise LayerError(f"{path}: a stylesheet with a relative url() cannot be inlined into pages")
    try:
        return ThemeSheets(sheets, at_first_paint, by_script)
    except ValueError as error:
        raise LayerError(str(error)) from None


def _compact(css: str) -> str:
    if RELATIVE_URL.search(css):
        raise LayerError("a stylesheet of the site has a relative url(), which cannot be inlined into pages")
    return _LINE_BREAKS.sub(" ", without_comments(css)).strip()


def without_indentation(html: str) -> str:
    """`html` with every run of line breaks and indentation reduced to one line break, except
    inside <pre>, <textarea> and <style>, where white space is part of the content."""
    parts = _VERBATIM.split(html)  # text, verbatim block, its tag name, text, …
    return "".join(
        part if index % 3 else _INDENTED.sub("\n", part) for index, part in enumerate(parts) if index % 3 != 2
    )
