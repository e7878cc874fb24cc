"""Material's inlined stylesheets lose the rules nothing on the site can match, and only those."""

from __future__ import annotations

import pytest

from ladder.stylesheet import STYLE, UsedNames, prune, split
from tools.chromium import settle
from tools.site import BuiltSite


def used(classes=(), prefixes=(), values=(), right_to_left=False) -> UsedNames:
    return UsedNames(frozenset(classes), frozenset(prefixes), frozenset(values), right_to_left)


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


# --- The built site ---


def material_stylesheets(site: BuiltSite) -> list[str]:
    return [
        path.read_text(encoding="utf-8") for path in sorted(site.root.glob("assets/stylesheets/*.min.css"))
    ]


def after_load_sheet(site: BuiltSite) -> str:
    sheets = list((site.root / "assets" / "stylesheets").glob("material-after-load.*.css"))
    assert len(sheets) == 1, sheets
    return sheets[0].read_text(encoding="utf-8")


def test_pages_inline_what_they_can_match_at_first_paint_and_name_the_rest(site: BuiltSite):
    originals = material_stylesheets(site)
    full = sum(map(len, originals))
    name = next((site.root / "assets" / "stylesheets").glob("material-after-load.*.css")).name
    for page in site.reader_pages():
        inlined = [match.group(2) for match in STYLE.finditer(page.html)]
        assert len(inlined) == len(originals), page.url
        assert sum(map(len, inlined)) < 0.75 * full, page.url
        assert name in page.html, page.url  # the loader of Material's bundle fetches it first
    page, later = site.html("skills/"), after_load_sheet(site)
    assert ".md-banner" not in page + later and "[dir=rtl]" not in page + later
    assert "[data-md-color-primary=red]" not in page + later
    assert ".md-header" in page and "[data-md-color-scheme=slate]" in page
    # Search results exist only once Material's bundle has run: their rules load with it.
    assert ".md-search-result__link" not in page and ".md-search-result__link" in later


def test_splitting_keeps_each_rule_in_one_place_and_in_order():
    css = ".a{x:1}.b,.c{x:2}@media screen{.c{x:3}.a{x:4}}@keyframes k{0%{x:0}}"
    first, later = split(css, used({"a", "b"}), used({"a", "b", "c"}))
    assert first == ".a{x:1}.b{x:2}@media screen{.a{x:4}}@keyframes k{0%{x:0}}"
    assert later == ".c{x:2}@media screen{.c{x:3}}"


# --- In Chromium: the pruned styles give every element the same style as Material's own ---

# Every computed property of every element and of its ::before and ::after, kept in the page.
SNAPSHOT = """(name) => {
  window[name] = [...document.querySelectorAll('*')].map((element) => {
    const styles = {};
    for (const pseudo of ['', '::before', '::after']) {
      const style = getComputedStyle(element, pseudo);
      if (pseudo && ['none', 'normal'].includes(style.content)) styles[pseudo] = 'none';
      else for (const property of style) styles[pseudo + property] = style.getPropertyValue(property);
    }
    const place = element.closest('[id]');
    return [`${element.tagName}.${element.className} in #${place ? place.id : ''}`, styles];
  });
}"""
# Each element whose style differs between two snapshots, with the first properties that differ.
DIFFERENCES = """([before, after]) => window[before].flatMap(([path, styles], index) => {
  const other = window[after][index][1];
  const changed = Object.keys({ ...styles, ...other }).filter((key) => styles[key] !== other[key]);
  return changed.length ? [`${path}: ${changed.slice(0, 5).join(', ')}`] : [];
})"""
# Material's full stylesheets in place of the cut ones, and no after-load sheet: Material as it is.
WITH_SHEETS = """(sheets) => {
  document.querySelectorAll('style[data-prune]')
    .forEach((style, index) => { style.textContent = sheets[index]; });
  document.querySelectorAll('link[href*="material-after-load"]')
    .forEach((link) => { link.disabled = true; });
}"""
SETTLED = "() => document.getAnimations().every((animation) => animation.playState !== 'running')"


def snapshot(page, name: str) -> None:
    page.wait_for_function(SETTLED)
    page.evaluate(SNAPSHOT, name)


DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 412, "height": 823}


@pytest.mark.parametrize(
    "url, viewport, scheme",
    [
        ("", DESKTOP, "light"),
        ("skills/", PHONE, "dark"),
        ("levels/{middle}/", DESKTOP, "dark"),
        ("compare/", PHONE, "light"),
        ("self-assessment/", DESKTOP, "light"),
        ("404.html", PHONE, "dark"),
    ],
)
def test_pruned_styles_match_materials_own_on_every_element(
    browser, base_url, site, ladder, url, viewport, scheme
):
    url = url.format(middle=ladder.levels[len(ladder.levels) // 2].id)
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    query = ladder.skills[0].name.split()[0]
    page.goto(base_url + url + f"?q={query}")  # opens search with results, as a shared search link does
    settle(page)
    page.wait_for_selector(".md-search-result__item")
    # Open every <details> (the page's and the search results'): Chromium does not lay out what a
    # closed one hides, so its sizes would depend on what happened to be laid out before.
    page.evaluate("() => document.querySelectorAll('details').forEach((details) => { details.open = true; })")
    snapshot(page, "pruned")
    page.evaluate(WITH_SHEETS, material_stylesheets(site))
    snapshot(page, "full")
    differences = page.evaluate(DIFFERENCES, ["pruned", "full"])
    context.close()
    assert not differences, "\n".join(differences)
