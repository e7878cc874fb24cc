"""The fast first paint (ladder/postbuild/layer.py): the theme's inlined stylesheets lose the rules
nothing on the site can match, and only those, and every element looks as it does without the layer."""

from __future__ import annotations

import re

import pytest

from ladder.postbuild.layer import SHEET
from ladder.postbuild.stylesheet import ThemeSheets, UsedNames, prune, split, used_names
from ladder.postbuild.versions import is_copy
from tools.chromium import load_material, settle
from tools.project import FAST_FIRST_PAINT
from tools.site import BuiltSite

layer = pytest.mark.skipif(not FAST_FIRST_PAINT, reason="the fast first paint is switched off")


def used(classes=(), prefixes=(), values=(), elements=("a", "p"), right_to_left=False) -> UsedNames:
    return UsedNames(
        frozenset(classes), frozenset(prefixes), frozenset(values), frozenset(elements), right_to_left
    )


# --- The pruning rules ---


def test_a_rule_goes_when_it_needs_a_class_nothing_has():
    css = ".md-banner{color:red}.md-header{color:blue}"
    assert prune(css, used({"md-header"})) == ".md-header{color:blue}"


def test_a_rule_keeps_the_selectors_that_can_match():
    css = ".md-banner a,.md-header a,p{margin:0}"
    assert prune(css, used({"md-header"})) == ".md-header a,p{margin:0}"


def test_classes_inside_functional_pseudo_classes_are_not_required():
    css = ".md-nav__link:not(.md-nav__container){x:1}.a:is(.b,.c){x:2}.a:has(.d){x:3}"
    assert prune(css, used({"md-nav__link", "a"})) == css


def test_a_class_a_script_builds_from_a_prefix_counts_as_used():
    css = ".md-source__fact--stars{x:1}.md-tag--x{x:2}"
    assert prune(css, used(prefixes={"md-source__fact--"})) == ".md-source__fact--stars{x:1}"


def test_attribute_values_must_occur_somewhere():
    css = "[data-md-color-primary=red]{x:1}[data-md-color-primary=indigo]{x:2}[data-md-level='2']{x:3}"
    assert (
        prune(css, used(values={"indigo"})) == "[data-md-color-primary=indigo]{x:2}[data-md-level='2']{x:3}"
    )


def test_right_to_left_rules_go_only_when_no_page_is_right_to_left():
    css = "[dir=rtl] p{x:1}[dir=ltr] p{x:2}"
    assert prune(css, used(values={"rtl", "ltr"})) == "[dir=ltr] p{x:2}"
    assert prune(css, used(values={"rtl", "ltr"}, right_to_left=True)) == css


def test_empty_at_rules_go_and_others_stay():
    css = "@media print{.md-banner{x:1}}@media screen{p{x:2}}@keyframes spin{0%{x:0}}@page{margin:25mm}"
    assert prune(css, used()) == "@media screen{p{x:2}}@keyframes spin{0%{x:0}}@page{margin:25mm}"


def test_strings_and_important_survive():
    css = '.md-typeset .a:after{content:"{.b}"!important}'
    assert prune(css, used({"md-typeset", "a"})) == css


def test_a_rule_goes_when_it_needs_an_element_no_page_has_and_no_script_names():
    css = ".md-typeset kbd{x:1}.md-typeset table:not([class]) tbody td{x:2}.md-typeset:not(dl){x:3}"
    page = used_names(['<div class="md-typeset"><table><tr><td>1</td></tr></table></div>'], [])
    assert prune(css, page) == ".md-typeset table:not([class]) tbody td{x:2}.md-typeset:not(dl){x:3}"
    assert prune(css, used_names([], ['document.createElement("kbd")']) | page) == css


def test_a_page_cut_keeps_only_the_custom_properties_something_reads():
    css = ":root{--unread:1;--icon:url('a;b');--colour:var(--base);--base:red}.a{color:var(--colour)}"
    sheets = ThemeSheets({"theme.css": css}, at_first_paint=used({"a"}), by_script=used(elements=()))
    cut = sheets.cut(["theme.css"], used({"a"}), referenced=set())
    assert cut == {"theme.css": ":root{--colour:var(--base);--base:red}.a{color:var(--colour)}"}
    cut = sheets.cut(["theme.css"], used({"a"}), referenced={"--icon"})
    kept = ":root{--icon:url('a;b');--colour:var(--base);--base:red}.a{color:var(--colour)}"
    assert cut == {"theme.css": kept}
    # Nothing on the page has `a`: its rule goes, and with it what only that rule read.
    assert sheets.cut(["theme.css"], used(), referenced=set()) == {"theme.css": ""}


def test_a_page_cut_keeps_what_the_script_can_add_where_another_page_shows_it_at_first_paint():
    """A rule another page matches at first paint is not in the sheet that loads with the script: a
    page where only the script can make it match keeps it."""
    css = ".a{x:1}.b{x:2}.c{x:3}"
    sheets = ThemeSheets({"theme.css": css}, at_first_paint=used({"a", "b"}), by_script=used({"b", "c"}))
    assert sheets.split("theme.css") == (".a{x:1}.b{x:2}", ".c{x:3}")
    assert sheets.cut(["theme.css"], used({"a"}), referenced=set()) == {"theme.css": ".a{x:1}.b{x:2}"}
    assert sheets.cut(["theme.css"], used(), referenced=set()) == {"theme.css": ".b{x:2}"}


# --- The built site ---

STYLE = re.compile(r'<style data-inlined="([^"]+)">(.*?)</style>', re.DOTALL)


def after_load_sheet(site: BuiltSite) -> str:
    sheets = list((site.root / "assets" / "stylesheets").glob("after-load.*.css"))
    assert len(sheets) == 1, sheets
    return sheets[0].read_text(encoding="utf-8")


@layer
def test_pages_inline_what_they_can_match_at_first_paint_and_name_the_rest(site: BuiltSite, ladder_site):
    """The copies of the released versions' pages are cut once: copies that link the same sheets
    inline the same rules."""
    name = next((site.root / "assets" / "stylesheets").glob("after-load.*.css")).name
    copy = is_copy(ladder_site)
    cuts: dict[tuple, set] = {}
    for page in site.reader_pages():
        assert not SHEET.findall(page.html), page.url  # nothing to wait for
        inlined = STYLE.findall(page.html)
        assert inlined, page.url
        full = sum(len((site.root / sheet).read_text(encoding="utf-8")) for sheet, _ in inlined)
        assert sum(len(css) for _, css in inlined) < 0.75 * full, page.url
        assert name in page.html, page.url  # the loader of the theme's script fetches it first
        if copy(page.url):
            cuts.setdefault(tuple(sheet for sheet, _ in inlined), set()).add(tuple(css for _, css in inlined))
    assert cuts and all(len(texts) == 1 for texts in cuts.values()), cuts.keys()
    page, later = site.html("skills/"), after_load_sheet(site)
    assert ".md-banner" not in page + later and "[dir=rtl]" not in page + later
    assert "[data-md-color-primary=red]" not in page + later
    assert ".md-header" in page and "[data-md-color-scheme=slate]" in page
    # Search results exist only once the theme's script has run: their rules load with it.
    assert ".md-search-result__link" not in page and ".md-search-result__link" in later


def test_splitting_keeps_each_rule_in_one_place_and_in_order():
    css = ".a{x:1}.b,.c{x:2}@media screen{.c{x:3}.a{x:4}}@keyframes k{0%{x:0}}"
    first, later = split(css, used({"a", "b"}), used({"a", "b", "c"}))
    assert first == ".a{x:1}.b{x:2}@media screen{.a{x:4}}@keyframes k{0%{x:0}}"
    assert later == ".c{x:2}@media screen{.c{x:3}}"


# --- In Chromium: the pruned styles give every element the same style as Material's own ---

# Every computed property of the page's elements and of their ::before and ::after (custom properties
# count through the properties they set; margins through where the element lands, since Chromium
# reports a resolved `auto` margin as 0 at times), kept in the page as a list per element; the test compares
# short digests of the lists first, then the lists that differ. Of elements with the same classes all
# the way up to the body (the rows of a list, say), the first and the last stand for the rest.
SNAPSHOT = """async () => {
  window.scrollTo(0, 0);  // sticky parts sit where the scroll puts them
  // Transitions end at once (both snapshots alike): a colour read half-way would differ by chance.
  if (!document.getElementById('ladder-no-transitions')) {
    const instant = 'transition-duration: 0s !important; transition-delay: 0s !important;';
    document.head.append(Object.assign(document.createElement('style'), { id: 'ladder-no-transitions',
      textContent: `*, *::before, *::after { ${instant} }` }));
  }
  const shown = [...document.querySelectorAll('body *:not(script, style, link, template)')];
  // Wait until nothing moves any more: results that render late start transitions of their own.
  const layout = () => shown.map((e) => Object.values(e.getBoundingClientRect().toJSON()).join()).join(';');
  for (let last = '', now = layout(), tries = 0; now !== last && tries < 30; tries++) {
    await new Promise((done) => setTimeout(done, 100));
    [last, now] = [now, layout()];
  }
  // A change of stylesheets starts transitions (of colours, say): read their end, as a reader sees it.
  await new Promise((done) => requestAnimationFrame(done));
  for (const animation of document.getAnimations()) {
    try { animation.finish(); } catch { /* an endless one has no end to read */ }
  }
  const chain = (element) => {
    const parts = [];
    for (let node = element; node && node !== document.body; node = node.parentElement) {
      parts.push(`${node.tagName}.${node.getAttribute('class') || ''}`);
    }
    return parts.join('<');
  };
  const alike = new Map();
  for (const element of shown) alike.set(chain(element), [...(alike.get(chain(element)) || []), element]);
  const sample = new Set([...alike.values()].flatMap((group) => [group[0], group[group.length - 1]]));
  const sizes = new Set(['width', 'height', 'inline-size', 'block-size']);
  window.ladderStyles = shown.filter((element) => sample.has(element)).map((element) => {
    const box = element.getBoundingClientRect();
    const shownAtAll = box.width > 0 && box.height > 0;  // the size of what is not shown is no style
    const parts = [];
    for (const pseudo of ['', '::before', '::after']) {
      const style = getComputedStyle(element, pseudo);
      if (pseudo && ['none', 'normal'].includes(style.content)) parts.push(`${pseudo}none`);
      else for (let index = 0; index < style.length; index++) {  // faster than for…of over a style
        const property = style[index];
        if (property.startsWith('--') || property.startsWith('margin')) continue;
        if (!shownAtAll && sizes.has(property)) continue;
        parts.push(`${pseudo}${property}=${style.getPropertyValue(property)}`);
      }
    }
    // Where it lands, but in the sidebars, which Material's script places as the reader scrolls.
    if (shownAtAll && !element.closest('.md-sidebar')) {
      parts.push(`box=${[box.x, box.y, box.width, box.height].map(Math.round).join(',')}`);
    }
    const place = element.closest('[id]');
    return [`${element.tagName}.${element.className} in #${place ? place.id : ''}`, parts];
  });
  const digest = (text) => {
    let hash = 7;
    for (let index = 0; index < text.length; index++) {
      hash = (Math.imul(hash, 31) + text.charCodeAt(index)) | 0;
    }
    return hash;
  };
  return window.ladderStyles.map(([path, parts]) => [path, digest(parts.sort().join(';'))]);
}"""
SETTLED = "() => document.getAnimations().every((animation) => animation.playState !== 'running')"
# In place of each inlined stylesheet, the file it stands for, and no sheet after load: the page as it
# is without the fast first paint.
LINKED = """async () => {
  const root = document.querySelector('meta[name=ladder-root]').content;
  const loads = [...document.querySelectorAll('style[data-inlined]')].map((style) => new Promise((done) => {
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', onload: done });
    link.href = new URL(new URL(style.dataset.inlined, root).pathname, location.href).href;
    style.replaceWith(link);
  }));
  document.querySelectorAll('link[href*="after-load"]').forEach((link) => { link.disabled = true; });
  await Promise.all(loads);
  window.dispatchEvent(new Event('resize'));  // Material places its sidebars again for the new styles
}"""
# The lists of the elements whose digests differ, from the snapshot kept before the change and now.
LINES = (
    """(indexes) => indexes.map((index) => [window.ladderBefore[index][1], window.ladderStyles[index][1]])"""
)


def snapshot(page, expected: list | None = None) -> list:
    """The styles once two readings in a row agree: on a busy machine the theme's script may still be
    placing things when the first is taken. A first reading equal to `expected`, itself settled, needs
    no second."""
    page.wait_for_function(SETTLED)
    styles = page.evaluate(SNAPSHOT)
    for _ in range(5 if styles != expected else 0):
        page.wait_for_timeout(200)
        again = page.evaluate(SNAPSHOT)
        if again == styles:
            break
        styles = again
    return styles


DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 412, "height": 823}


@layer
@pytest.mark.parametrize(
    "url, viewport, scheme, search",
    [
        ("", DESKTOP, "light", True),  # search results: the rules that wait for Material's script
        ("skills/", PHONE, "dark", False),
        ("levels/{centre}/", DESKTOP, "dark", False),
        ("self-assessment/{centre}/", PHONE, "light", False),
    ],
)
def test_every_element_looks_the_same_with_and_without_the_layer(
    browser, base_url, search_url, ladder, url, viewport, scheme, search
):
    """The same page, its elements' styles read with the inlined sheets and then with the files they
    stand for: the cut loses no rule that matches, and the rules that wait for Material's script are
    there once it has run."""
    url = url.format(centre=ladder.centre)
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    if search:
        page.goto(search_url + url + f"?q={ladder.skills[0].name.split()[0]}")  # opens search with results
        settle(page)
        page.wait_for_selector(".md-search-result__item")
    else:
        page.goto(base_url + url)
        load_material(page)
        settle(page)
    # Open every <details> (the page's and the search results'): Chromium does not lay out what a
    # closed one hides, so its sizes would depend on what happened to be laid out before.
    page.evaluate("() => document.querySelectorAll('details').forEach((details) => { details.open = true; })")
    fast = snapshot(page)
    page.evaluate("() => { window.ladderBefore = window.ladderStyles; }")
    page.evaluate(LINKED)
    stock = snapshot(page, expected=fast)
    assert [path for path, _ in fast] == [path for path, _ in stock]
    differing = [index for index, (one, other) in enumerate(zip(fast, stock, strict=True)) if one != other]
    lines = page.evaluate(LINES, differing)
    context.close()
    differences = [
        f"{fast[index][0]}: {', '.join(sorted(set(one) ^ set(other))[:5])}"
        for index, (one, other) in zip(differing, lines, strict=True)
    ]
    assert not differences, "\n".join(differences)
